#include "ingest/stored_value.hpp"

#include <fmt/format.h>

#include "core/text.hpp"
#include "store/provenance.hpp"

namespace linkage {

void CompareWithStored(ImportContext& context, Statement& existing, const std::optional<double>& given,
                       const std::string& subject, const SourceLocation& where, const std::string& expected,
                       double absolute) {
  if (!existing.Step()) {
    existing.Reset();
    return;
  }
  const auto stored = existing.OptionalReal(0);
  const std::int64_t source_id = existing.Int(1);
  const std::int64_t line = existing.Int(2);
  existing.Reset();
  if (SameStoredValue(stored, given, absolute)) {
    ++context.summary.duplicates;
    return;
  }
  const Provenance before = LookupProvenance(context.database, source_id, line, "");
  throw InputError(
      where,
      fmt::format("{} is {} here but {} in {}", subject, given ? text::FormatNumber(*given) : "missing",
                  stored ? text::FormatNumber(*stored) : "missing", before.Describe()),
      expected);
}

}  // namespace linkage
