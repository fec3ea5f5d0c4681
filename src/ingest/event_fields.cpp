#include "ingest/event_fields.hpp"

#include <fmt/format.h>

#include "core/dates.hpp"

namespace linkage {

namespace {

std::string ReadDate(const CsvReader& reader, const CsvRecord& record, std::size_t column,
                     DatePrecision precision, const char* expected) {
  std::string when = reader.Text(record, column);
  if (!IsIsoDate(when, precision))
    reader.Fail(record, column, fmt::format("'{}' is not a date", when), expected);
  return when;
}

}  // namespace

std::string ReadPartialDate(const CsvReader& reader, const CsvRecord& record, std::size_t column) {
  return ReadDate(reader, record, column, DatePrecision::kPartial,
                  "a real date: YYYY, YYYY-MM or YYYY-MM-DD");
}

std::string ReadFullDate(const CsvReader& reader, const CsvRecord& record, std::size_t column) {
  return ReadDate(reader, record, column, DatePrecision::kDay, "a real day: YYYY-MM-DD");
}

std::string ReadDimension(const CsvReader& reader, const CsvRecord& record, std::size_t column) {
  std::string dimension = reader.Text(record, column);
  if (dimension != "economic" && dimension != "security" && dimension != "political") {
    reader.Fail(record, column, fmt::format("unknown dimension '{}'", dimension),
                "economic, security or political");
  }
  return dimension;
}

}  // namespace linkage
