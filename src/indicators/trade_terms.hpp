// indicators/trade_terms.hpp
// Reads the flows and series indicators are built from, under explicit choices: whose report is used, whether
// a missing report is filled by the partner's report of the same flow, whether a bloc is read as its own
// aggregate or as its members in that year, and which dataset. The indicator engine and the claim auditor
// both read through here, so a claim is checked with the same arithmetic the indicators print.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "indicators/indicator_record.hpp"
#include "indicators/term.hpp"
#include "indicators/trade_data.hpp"
#include "registry/actor_registry.hpp"
#include "store/database.hpp"

namespace linkage {

//! How flows are read (docs/methods.md, "Choices").
struct FlowChoices {
  Perspective perspective = Perspective::kReporter;  //!< kReporter or kPartner; callers split kBoth
  bool fill_from_mirror = false;     //!< a missing report is filled by the other side's report of the flow
  bool bloc_members = false;         //!< a bloc (EU, EAEU, ...) is read as the sum of its members that year
  std::string dataset;               //!< empty: the first dataset holding the value, in preference order
  bool alternative_dataset = false;  //!< the second dataset holding the value instead of the first
  //! In sums over a region's members (the intra-regional trade share), a flow neither side reports counts
  //! as zero and is named, instead of making the sum missing.
  bool unreported_as_zero = false;
};

//! The choices for each perspective `choices` asks for: itself, or one per side for Perspective::kBoth.
std::vector<FlowChoices> SplitPerspectives(const FlowChoices& choices);

//! What is measured of a flow pair: exports, imports, their sum or exports less imports.
enum class Direction { kExports, kImports, kTotal, kBalance };

//! Reads terms from one workspace.
class TradeTerms {
 public:
  TradeTerms(Database& database, TradeData& data, const ActorRegistry& actors);

  //! Exactly what `reporter` reports of its flow with `partner` ('X' or 'M'), from `dataset` (empty: the
  //! preferred dataset holding it; `alternative`: the second one).
  Term Reported(const std::string& reporter, const std::string& partner, char flow, int year,
                const std::string& product = "TOTAL", const std::string& dataset = "",
                bool alternative = false);
  //! i's flow with j under the choices: i's report or j's mirrored report, gaps filled or not, blocs
  //! aggregated or summed over their members.
  Term Flow(const std::string& i, const std::string& j, char flow, int year, const FlowChoices& choices,
            const std::string& product = "TOTAL");
  //! Exports, imports, total or balance of i with j.
  Term Directed(Direction direction, const std::string& i, const std::string& j, int year,
                const FlowChoices& choices, const std::string& product = "TOTAL");
  //! j's share of i's trade in that direction: Directed(i, j) / Directed(i, World), the denominator read
  //! under the same choices from the numerator's dataset.
  Term Share(Direction direction, const std::string& i, const std::string& j, int year,
             const FlowChoices& choices, const std::string& product = "TOTAL");
  //! A series value (e.g. NY.GDP.MKTP.CD) of an actor in a year.
  Term Series(const std::string& code, const std::string& actor, int year);
  //! Members of `actor` in `year` when it is a bloc with stored memberships (nullopt otherwise). A spell
  //! dated too coarsely to decide makes the answer missing, with the reason in `undecided`.
  std::optional<std::vector<std::string>> BlocMembers(const std::string& actor, int year,
                                                      std::string& undecided);
  //! The data the terms are read from.
  TradeData& Data() { return data_; }
  //! The registry used to tell blocs and aggregates from countries.
  const ActorRegistry& Actors() const { return actors_; }

 private:
  Term OwnOrMirror(const std::string& i, const std::string& j, char flow, int year,
                   const FlowChoices& choices, const std::string& product);

  Database& database_;
  TradeData& data_;
  const ActorRegistry& actors_;
  struct Bloc {
    std::optional<std::vector<std::string>> members;
    std::string undecided;
  };
  std::map<std::pair<std::string, int>, Bloc> blocs_;
};

}  // namespace linkage
