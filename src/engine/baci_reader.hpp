// engine/baci_reader.hpp
// Reads a CEPII BACI file (header t,i,j,k,v,q; values may be right-aligned with spaces; NA for missing) into
// columns, splitting the file at line boundaries and parsing the parts on separate threads. Written here
// rather than with a general CSV library because this parse is most of the sweep's time.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>

#include "engine/flow_columns.hpp"

namespace linkage::engine {

//! Parses the whole file with `threads` workers (0: one per core). A malformed row is an InputError naming
//! the file, line, column and what was expected; nothing is returned then.
//! A gzip-compressed file is decompressed into memory first (through LineSource, with its checks).
FlowColumns ReadBaci(const std::string& path, unsigned threads = 0);

//! The 1-based line of the file that holds row `row` of its columns (blank lines hold no row), for messages
//! about a row found after parsing. Reads the file again, so it is for error paths only.
std::size_t LineOfRow(const std::string& path, std::size_t row);

//! Two rows with the same year, exporter, importer and product (the first and a later one), if any: BACI
//! lists each once, and a repeated row would be added into every total.
std::optional<std::pair<std::size_t, std::size_t>> FindRepeatedRow(const FlowColumns& flows);

}  // namespace linkage::engine
