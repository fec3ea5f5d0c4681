#include "ingest/date_fields.hpp"

#include <fmt/format.h>

#include "core/dates.hpp"
#include "core/text.hpp"

namespace linkage {

std::optional<std::string> OptionalIsoDate(const CsvReader& reader, const CsvRecord& record,
                                           std::size_t column) {
  const std::string value(text::Trim(record.fields[column]));
  if (value.empty()) return std::nullopt;
  if (!IsIsoDate(value, DatePrecision::kPartial)) {
    reader.Fail(record, column, fmt::format("'{}' is not a date", value),
                "a real day as an ISO date YYYY-MM-DD (or YYYY-MM, YYYY when only that is known), or empty");
  }
  return value;
}

}  // namespace linkage
