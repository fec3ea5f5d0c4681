// ingest/companion.hpp
// Finds the tables some publishers ship beside their data (BACI's country codes, the UN roll-call table).
#pragma once

#include <string>

namespace linkage {

//! The one file whose name matches the regular expression `pattern` in the folder of `path`, or "" when
//! none does; InputError when several do (the user then names one with --companion).
std::string FindCompanion(const std::string& path, const char* pattern);

}  // namespace linkage
