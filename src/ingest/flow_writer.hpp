// ingest/flow_writer.hpp
// Stores trade flows and refuses a value that contradicts one already in the workspace.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "ingest/import_context.hpp"
#include "ingest/value_ids.hpp"

namespace linkage {

//! One flow record as read from a source.
struct FlowRecord {
  std::string reporter;
  std::string partner;
  char flow = 'X';  //!< 'X' exports of reporter to partner, 'M' imports of reporter from partner
  int year = 0;
  std::string product = "TOTAL";
  std::string level = "total";
  std::optional<double> value_usd;
  bool estimated = false;
  std::string valuation;
  std::int64_t line = 0;
  std::string transform;
};

//! 'X' for an export word (X, X_FOB, export, exports), 'M' for an import word (M, M_CIF, import, imports), in
//! any case; nullopt otherwise.
std::optional<char> ParseFlowDirection(std::string_view word);
//! The valuation publishers use for a direction: exports FOB, imports CIF.
inline const char* PublishedValuation(char flow) {
  return flow == 'X' ? "FOB" : "CIF";
}

//! Inserts flows for one import; identical repeats are counted, conflicting ones are an InputError at
//! `where`.
class FlowWriter {
 public:
  explicit FlowWriter(ImportContext& context);
  //! Stores one record.
  void Write(const FlowRecord& record, const SourceLocation& where);

 private:
  ImportContext& context_;
  ValueIds ids_;
  Statement insert_;
  Statement existing_;
};

}  // namespace linkage
