// support/raw_files.hpp
// Values read straight from the embedded source files with zlib and regular expressions, not the project's
// readers, so a test recomputes a number independently of the import path.
#pragma once

#include <map>
#include <set>
#include <string>

namespace linkage::testing {

//! The US$ million values of the IMF DOTS rows of `year` between the given ISO codes, keyed by
//! "REPORTER>PARTNER:FLOW" (FLOW X_FOB or M_CIF).
std::map<std::string, double> RawDots(int year, const std::set<std::string>& actors);

}  // namespace linkage::testing
