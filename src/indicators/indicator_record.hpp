// indicators/indicator_record.hpp
// One computed indicator value with its unit, estimate flag, the reason when it is missing, and the stored
// rows behind it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "indicators/term.hpp"
#include "indicators/trade_data.hpp"

namespace linkage {

//! Which reporter's figures an indicator uses.
enum class Perspective {
  kReporter,  //!< what i reports (X_ij, M_ij)
  kPartner,   //!< what j reports, mirrored (X_ij read as M_ji, M_ij as X_ji)
  kBoth       //!< one record for each
};

//! Parses "reporter", "partner" or "both"; UsageError otherwise.
Perspective ParsePerspective(const std::string& name);
//! "reporter" or "partner".
std::string PerspectiveName(Perspective perspective);

//! One indicator value.
struct IndicatorRecord {
  std::string indicator;  //!< stable id, e.g. export_share
  std::string reporter;
  std::string partner;
  int year = 0;
  std::string product;          //!< HS code for product-level records, empty otherwise
  std::optional<double> value;  //!< nullopt when missing
  std::string unit;             //!< USD, ratio, percent, ...
  bool estimated = false;       //!< an input was a publisher's estimate
  std::string perspective;      //!< reporter or partner
  std::string missing;          //!< why the value is missing
  std::vector<ValueSource> sources;
  std::string
      note;  //!< how the inputs were read when that differs from the plain choice, or a reference band
  std::string period;  //!< a month ("2019-03") for monthly aggregates; empty for a whole year
};

//! The notes a term carries in words: inputs filled from the mirror, blocs read as members, flows left out of
//! a sum, an alternative dataset.
std::string TermNotes(const Term& term);
//! A record of `term`, with TermNotes as its note.
IndicatorRecord RecordOf(const std::string& indicator, const std::string& reporter,
                         const std::string& partner, int year, const Term& term, const std::string& unit,
                         const std::string& perspective);

}  // namespace linkage
