#include "ingest/date_fields.hpp"

#include <fmt/format.h>

#include <regex>

#include "core/text.hpp"

namespace linkage {

std::optional<std::string> OptionalIsoDate(const CsvReader& reader, const CsvRecord& record,
                                           std::size_t column) {
  static const std::regex date(R"(^\d{4}(-\d{2}(-\d{2})?)?$)");
  const std::string value(text::Trim(record.fields[column]));
  if (value.empty()) return std::nullopt;
  if (!std::regex_match(value, date)) {
    reader.Fail(record, column, fmt::format("'{}' is not a date", value),
                "an ISO date YYYY-MM-DD (or YYYY-MM, YYYY when only that is known), or empty");
  }
  return value;
}

}  // namespace linkage
