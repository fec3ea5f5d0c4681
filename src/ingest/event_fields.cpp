#include "ingest/event_fields.hpp"

#include <fmt/format.h>

#include <regex>

namespace linkage {

namespace {

std::string ReadDate(const CsvReader& reader, const CsvRecord& record, std::size_t column,
                     const std::regex& pattern, const char* expected) {
  std::string when = reader.Text(record, column);
  if (!std::regex_match(when, pattern))
    reader.Fail(record, column, fmt::format("'{}' is not a date", when), expected);
  return when;
}

}  // namespace

std::string ReadPartialDate(const CsvReader& reader, const CsvRecord& record, std::size_t column) {
  static const std::regex pattern(R"(^\d{4}(-\d{2}(-\d{2})?)?$)");
  return ReadDate(reader, record, column, pattern, "YYYY, YYYY-MM or YYYY-MM-DD");
}

std::string ReadFullDate(const CsvReader& reader, const CsvRecord& record, std::size_t column) {
  static const std::regex pattern(R"(^\d{4}-\d{2}-\d{2}$)");
  return ReadDate(reader, record, column, pattern, "YYYY-MM-DD");
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
