#include "core/csv_reader.hpp"

#include <fmt/format.h>

#include "core/text.hpp"

namespace linkage {

namespace {
std::string DelimiterName(char delimiter) {
  switch (delimiter) {
    case ',':
      return "','";
    case ';':
      return "';'";
    case '\t':
      return "tab";
    case '|':
      return "'|'";
    default:
      return fmt::format("'{}'", delimiter);
  }
}
}  // namespace

CsvReader::CsvReader(const std::string& path, CsvDialect dialect) : path_(path), dialect_(dialect) {
  source_.emplace(path, dialect.encoding);
  std::string line;
  for (std::size_t i = 0; i < dialect_.preamble_lines; ++i) {
    if (!source_->ReadLine(line)) break;
  }
  while (true) {
    if (!source_->ReadLine(line)) {
      throw InputError({path, source_->LineNumber() + 1}, "the file is empty",
                       "a header line naming the columns");
    }
    if (!text::Trim(line).empty()) break;
  }
  header_line_ = source_->LineNumber();
  StripLineEnd(line);
  const std::string raw = line;
  if (!ParseRecord(line, header_)) {
    throw InputError({path, header_line_}, "unterminated quoted field in the header", "a closing '\"'", raw);
  }
  if (header_.size() == 1) {
    for (const char other : {',', ';', '\t', '|'}) {
      if (other != dialect_.delimiter && raw.find(other) != std::string::npos) {
        throw InputError({path, header_line_},
                         fmt::format("the header has a single column but contains {}", DelimiterName(other)),
                         fmt::format("fields separated by {}", DelimiterName(dialect_.delimiter)), raw);
      }
    }
  }
  IndexHeader(raw);
}

CsvReader::CsvReader(const std::string& path, std::vector<std::string> header,
                     std::vector<std::vector<std::string>> rows)
    : path_(path), rows_(std::move(rows)), header_(std::move(header)) {
  IndexHeader(text::Join(header_, ","));
}

void CsvReader::IndexHeader(const std::string& raw) {
  for (std::size_t i = 0; i < header_.size(); ++i) {
    const std::string name(text::Trim(header_[i]));
    header_[i] = name;
    if (!index_.emplace(name, i).second) {
      throw InputError({path_, header_line_, i + 1, name}, "duplicate column name", "unique column names",
                       raw);
    }
  }
}

void CsvReader::StripLineEnd(std::string& line) const {
  if (dialect_.line_end != '\0' && !line.empty() && line.back() == dialect_.line_end) line.pop_back();
}

bool CsvReader::ParseRecord(std::string& line, std::vector<std::string>& fields) {
  // Each field is written over the string the previous record left in its place, whose buffer it reuses, and
  // a run of plain characters is copied at once: a file of millions of rows is parsed without an allocation
  // per field.
  std::size_t count = 0;
  std::size_t i = 0;
  while (true) {
    if (count == fields.size()) fields.emplace_back();
    std::string& field = fields[count++];
    field.clear();
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (true) {
        if (i >= line.size()) {
          // A quoted field may hold a newline: continue on the next physical line.
          std::string next;
          if (!source_->ReadLine(next)) return false;
          line += '\n';
          line += next;
          continue;
        }
        const char c = line[i++];
        if (c != '"') {
          field += c;
        } else if (i < line.size() && line[i] == '"') {
          field += '"';
          ++i;
        } else {
          break;
        }
      }
    }
    // Up to the delimiter, whatever follows (a closing quote included) is taken as it is.
    const std::size_t delimiter = line.find(dialect_.delimiter, i);
    const std::size_t stop = delimiter == std::string::npos ? line.size() : delimiter;
    field.append(line, i, stop - i);
    if (delimiter == std::string::npos) break;
    i = delimiter + 1;
  }
  fields.resize(count);
  if (dialect_.trailing_delimiter && fields.size() > 1 && fields.back().empty()) fields.pop_back();
  return true;
}

bool CsvReader::Next(CsvRecord& record) {
  if (!source_) {
    if (next_row_ >= rows_.size()) return false;
    record.fields = std::move(rows_[next_row_++]);
    record.line = next_row_;
    record.raw = text::Join(record.fields, ",");
    return true;
  }
  std::string& line = line_;
  while (true) {
    if (!source_->ReadLine(line)) return false;
    if (!text::Trim(line).empty()) break;
  }
  record.line = source_->LineNumber();
  StripLineEnd(line);
  record.raw = line;
  if (!ParseRecord(line, record.fields)) {
    throw InputError({Path(), record.line}, "unterminated quoted field at the end of the file",
                     "a closing '\"'", record.raw);
  }
  if (record.fields.size() != header_.size()) {
    std::string hint;
    if (record.fields.size() == 1) {
      for (const char other : {',', ';', '\t', '|'}) {
        if (other != dialect_.delimiter && record.raw.find(other) != std::string::npos) {
          hint = fmt::format(" (the line contains {}: is the delimiter right?)", DelimiterName(other));
          break;
        }
      }
    }
    throw InputError({Path(), record.line, std::min(record.fields.size(), header_.size()) + 1},
                     fmt::format("found {} fields{}", record.fields.size(), hint),
                     fmt::format("{} fields separated by {}, as in the header on line {}", header_.size(),
                                 DelimiterName(dialect_.delimiter), header_line_),
                     record.raw);
  }
  return true;
}

void CsvReader::RequireColumns(const std::vector<std::string>& names) const {
  std::vector<std::string> missing;
  for (const auto& name : names) {
    if (!index_.contains(name)) missing.push_back(name);
  }
  if (missing.empty()) return;
  throw InputError(
      {Path(), header_line_},
      fmt::format("missing column{} {}", missing.size() > 1 ? "s" : "", text::Join(missing, ", ")),
      fmt::format("columns {} (found: {})", text::Join(names, ", "), text::Join(header_, ", ")));
}

std::optional<std::size_t> CsvReader::FindColumn(std::string_view name) const {
  const auto found = index_.find(name);
  if (found == index_.end()) return std::nullopt;
  return found->second;
}

std::size_t CsvReader::Column(std::string_view name) const {
  const auto found = FindColumn(name);
  if (!found) RequireColumns({std::string(name)});
  return *found;
}

SourceLocation CsvReader::At(const CsvRecord& record, std::size_t index) const {
  return {Path(), record.line, index + 1, index < header_.size() ? header_[index] : ""};
}

void CsvReader::Fail(const CsvRecord& record, std::size_t index, const std::string& problem,
                     const std::string& expected) const {
  throw InputError(At(record, index), problem, expected, record.raw);
}

std::optional<double> CsvReader::OptionalNumber(const CsvRecord& record, std::size_t index) const {
  const std::string_view field = text::Trim(record.fields[index]);
  if (field.empty() || field == "NA" || field == ".." || field == "." || field == "NaN") return std::nullopt;
  const auto parsed = text::ParseDouble(field);
  if (!parsed)
    Fail(record, index, fmt::format("'{}' is not a number", field), "a decimal number such as 1234.5");
  return parsed;
}

double CsvReader::Number(const CsvRecord& record, std::size_t index) const {
  const auto parsed = OptionalNumber(record, index);
  if (!parsed) Fail(record, index, "the value is missing", "a decimal number");
  return *parsed;
}

long long CsvReader::Integer(const CsvRecord& record, std::size_t index, long long min, long long max) const {
  const std::string_view field = text::Trim(record.fields[index]);
  const auto parsed = text::ParseInteger(field);
  if (!parsed || *parsed < min || *parsed > max) {
    Fail(record, index, fmt::format("'{}' is not a valid value", field),
         fmt::format("a whole number from {} to {}", min, max));
  }
  return *parsed;
}

std::string CsvReader::Text(const CsvRecord& record, std::size_t index) const {
  const std::string_view field = text::Trim(record.fields[index]);
  if (field.empty()) Fail(record, index, "the value is empty", "a non-empty value");
  return std::string(field);
}

}  // namespace linkage
