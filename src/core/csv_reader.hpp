// core/csv_reader.hpp
// RFC 4180 reader with a header, column lookup by name and error messages that point at file:line:column.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/line_source.hpp"

namespace linkage {

//! How a CSV file is laid out.
struct CsvDialect {
  char delimiter = ',';
  Encoding encoding = Encoding::kUtf8;
  //! Lines to skip before the header (SIPRI-style preambles).
  std::size_t preamble_lines = 0;
  //! Some publishers end every line with the delimiter; the empty last field is then dropped.
  bool trailing_delimiter = false;
  //! A character some publishers end every line with (SIPRI's ';'), removed before the line is split.
  char line_end = '\0';
};

//! One record, with the line it came from for error messages.
struct CsvRecord {
  std::vector<std::string> fields;
  std::size_t line = 0;
  std::string raw;
};

//! Reads a delimited file with a header row. Checks that every record has as many fields as the header,
//! that required columns exist, and explains a wrong delimiter or an empty file.
class CsvReader {
 public:
  CsvReader(const std::string& path, CsvDialect dialect = {});
  //! A table already decoded from a binary format (a Stata file): `rows` are numbered from 1 as the file's
  //! observations, the header as row 0, and each row must have as many fields as the header.
  CsvReader(const std::string& path, std::vector<std::string> header,
            std::vector<std::vector<std::string>> rows);

  //! Fails unless every named column is in the header; the message lists the columns found.
  void RequireColumns(const std::vector<std::string>& names) const;
  //! Index of a column by name, or nullopt.
  std::optional<std::size_t> FindColumn(std::string_view name) const;
  //! Index of a required column (InputError when absent).
  std::size_t Column(std::string_view name) const;
  //! The header names, in order.
  const std::vector<std::string>& Header() const { return header_; }
  //! Reads the next record; false at the end of the file.
  bool Next(CsvRecord& record);
  //! The path being read.
  const std::string& Path() const { return path_; }

  //! A location for an error in `record` at column `index`.
  SourceLocation At(const CsvRecord& record, std::size_t index) const;
  //! Throws an InputError about field `index` of `record`.
  [[noreturn]] void Fail(const CsvRecord& record, std::size_t index, const std::string& problem,
                         const std::string& expected) const;
  //! Parses field `index` as a number; an empty field, "NA", "..", "." (Stata) or "NaN" is missing (nullopt),
  //! anything else that is not a number is an InputError.
  std::optional<double> OptionalNumber(const CsvRecord& record, std::size_t index) const;
  //! Parses field `index` as a number that must be present.
  double Number(const CsvRecord& record, std::size_t index) const;
  //! Parses field `index` as an integer within [min, max].
  long long Integer(const CsvRecord& record, std::size_t index, long long min, long long max) const;
  //! Field `index` trimmed; InputError when empty.
  std::string Text(const CsvRecord& record, std::size_t index) const;

 private:
  bool ParseRecord(std::string& line, std::vector<std::string>& fields);

  void IndexHeader(const std::string& raw);
  void StripLineEnd(std::string& line) const;

  std::string path_;
  std::optional<LineSource> source_;  //!< empty for a decoded table
  std::vector<std::vector<std::string>> rows_;
  std::size_t next_row_ = 0;
  CsvDialect dialect_;
  std::vector<std::string> header_;
  std::map<std::string, std::size_t, std::less<>> index_;
  std::size_t header_line_ = 0;
  std::string line_;  //!< the line being read, kept so that its buffer serves every line
};

}  // namespace linkage
