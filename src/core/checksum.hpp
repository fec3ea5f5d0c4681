// core/checksum.hpp
// Content digests that identify a source file in the provenance records.
#pragma once

#include <string>

namespace linkage {

//! Lower-case hex SHA-256 of a file's bytes (as stored, so a .gz file is hashed compressed).
std::string Sha256OfFile(const std::string& path);

}  // namespace linkage
