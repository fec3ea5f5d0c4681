// store/provenance.hpp
// Source files as the workspace records them: every stored value points at one of these and a line in it.
#pragma once

#include <cstdint>
#include <string>

#include "store/database.hpp"

namespace linkage {

//! What is known about a source file before it is read.
struct SourceInfo {
  std::string dataset;   //!< imf-dots, wdi, wits, cepii-geodist, institutions, user, ...
  std::string format;    //!< the importer that reads it
  std::string path;      //!< the file as given
  std::string citation;  //!< how output cites it
  std::string terms;     //!< licence or terms of use
  std::int64_t id = 0;   //!< the row to record it under, fixed in advance (a build's lanes); 0: the next free
};

//! Records a source file (hashing its bytes) and returns its id: `source.id` when given.
std::int64_t RecordSource(Database& database, const SourceInfo& source);
//! Records the first and last year a source file has a value for, as its import noted them (source_years).
void RecordSourceYears(Database& database, std::int64_t source_id, int first, int last);

//! A stored value's origin, as the provenance output prints it.
struct Provenance {
  std::string dataset;
  std::string path;
  std::string sha256;
  std::int64_t line = 0;
  std::string transform;
  std::string citation;
  //! "file:line (transform)" for messages.
  std::string Describe() const;
};

//! Looks up the source of a stored value.
Provenance LookupProvenance(Database& database, std::int64_t source_id, std::int64_t line,
                            const std::string& transform);

}  // namespace linkage
