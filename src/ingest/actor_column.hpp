// ingest/actor_column.hpp
// Resolves the actor named in a CSV field, remembering answers (a trade file names the same few hundred
// actors millions of times).
#pragma once

#include <string>
#include <unordered_map>

#include "core/csv_reader.hpp"
#include "registry/actor_registry.hpp"

namespace linkage {

//! Caching resolver for one column of one file.
class ActorColumn {
 public:
  ActorColumn(const ActorRegistry& actors, Scheme scheme) : actors_(actors), scheme_(scheme) {}
  //! The actor id the field names; InputError at that field (with closest names) when it names none or
  //! several.
  const std::string& Resolve(const CsvReader& reader, const CsvRecord& record, std::size_t column);
  //! As Resolve, but tries `fallback_column` (another identifier of the same actor) before failing.
  const std::string& Resolve(const CsvReader& reader, const CsvRecord& record, std::size_t column,
                             std::size_t fallback_column, Scheme fallback_scheme);

 private:
  const ActorRegistry& actors_;
  Scheme scheme_;
  std::unordered_map<std::string, std::string> cache_;
  std::string key_;  //!< the two fields' cache key, rebuilt in one buffer for every row
};

}  // namespace linkage
