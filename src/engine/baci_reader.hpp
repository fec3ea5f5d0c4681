// engine/baci_reader.hpp
// Reads a CEPII BACI file (header t,i,j,k,v,q; values may be right-aligned with spaces; NA for missing) into
// columns, splitting the file at line boundaries and parsing the parts on separate threads. Written here
// rather than with a general CSV library because this parse is most of the sweep's time.
#pragma once

#include <string>

#include "engine/flow_columns.hpp"

namespace linkage::engine {

//! Parses the whole file with `threads` workers (0: one per core). A malformed row is an InputError naming
//! the file, line, column and what was expected; nothing is returned then.
FlowColumns ReadBaci(const std::string& path, unsigned threads = 0);

}  // namespace linkage::engine
