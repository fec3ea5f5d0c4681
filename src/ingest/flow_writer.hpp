// ingest/flow_writer.hpp
// Stores trade flows and refuses a value that contradicts one already in the workspace.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "ingest/batch_store.hpp"
#include "ingest/buffered_rows.hpp"
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
//! `where`. Rows are buffered and inserted in the order of the table's key: call Finish() once the file is
//! read.
class FlowWriter {
 public:
  explicit FlowWriter(ImportContext& context);
  FlowWriter(const FlowWriter&) = delete;
  FlowWriter& operator=(const FlowWriter&) = delete;
  ~FlowWriter();
  //! Takes one record (stored by Finish() at the latest).
  void Write(const FlowRecord& record, const SourceLocation& where);
  //! Stores every record taken; the import's counts are complete after it.
  void Finish();

 private:
  void Flush();
  void Store(const BufferedRow& row);
  // Adds a stored row to the import's counts.
  void Count(const BufferedRow& row);

  ImportContext& context_;
  ValueIds ids_;
  Statement insert_;
  Statement existing_;
  BatchStore store_;
  std::vector<BufferedRow> rows_;
  ActorNumbers actors_;
  RowLocations locations_;
  std::map<std::int64_t, std::pair<char, std::string>> keys_;  //!< key number: direction and product
};

}  // namespace linkage
