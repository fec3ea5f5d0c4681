#include "ingest/stored_value.hpp"

#include <fmt/format.h>

#include "core/text.hpp"
#include "store/provenance.hpp"

namespace linkage {

void CompareWithStored(ImportContext& context, const StoredValue& stored, const std::optional<double>& given,
                       const std::string& subject, const SourceLocation& where, const std::string& expected,
                       double absolute) {
  if (SameStoredValue(stored.value, given, absolute)) {
    ++context.summary.duplicates;
    return;
  }
  const Provenance before = LookupProvenance(context.database, stored.source_id, stored.line, "");
  throw InputError(
      where,
      fmt::format("{} is {} here but {} in {}", subject, given ? text::FormatNumber(*given) : "missing",
                  stored.value ? text::FormatNumber(*stored.value) : "missing", before.Describe()),
      expected);
}

void CompareWithStored(ImportContext& context, Statement& existing, const std::optional<double>& given,
                       const std::string& subject, const SourceLocation& where, const std::string& expected,
                       double absolute) {
  if (!existing.Step()) {
    existing.Reset();
    return;
  }
  const StoredValue stored{existing.OptionalReal(0), existing.Int(1), existing.Int(2)};
  existing.Reset();
  CompareWithStored(context, stored, given, subject, where, expected, absolute);
}

}  // namespace linkage
