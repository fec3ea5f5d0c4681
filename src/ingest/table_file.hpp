// ingest/table_file.hpp
// Opens a data table whatever it was saved as: delimited text (plain or gzip) or a Stata .dta file, read
// through Debian's libreadstat, so that every tabular importer also reads what Stata users hand over.
#pragma once

#include <memory>
#include <string>

#include "core/csv_reader.hpp"

namespace linkage {

//! A reader over `path`: a Stata file (.dta) is decoded whole, its observations numbered from 1 in place of
//! lines; anything else is read as comma-separated text. InputError when the Stata file cannot be read.
std::unique_ptr<CsvReader> OpenTable(const std::string& path);

//! True when `path` names a Stata file.
bool IsStataFile(const std::string& path);

}  // namespace linkage
