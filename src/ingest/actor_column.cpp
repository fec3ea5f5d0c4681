#include "ingest/actor_column.hpp"

#include "core/text.hpp"

namespace linkage {

const std::string& ActorColumn::Resolve(const CsvReader& reader, const CsvRecord& record,
                                        std::size_t column) {
  const std::string& field = record.fields[column];
  if (const auto found = cache_.find(field); found != cache_.end()) return found->second;
  if (text::Trim(field).empty()) reader.Fail(record, column, "the actor is empty", "an actor code or name");
  const Actor& actor = actors_.Require(field, scheme_, reader.At(record, column));
  return cache_.emplace(field, actor.id).first->second;
}

const std::string& ActorColumn::Resolve(const CsvReader& reader, const CsvRecord& record, std::size_t column,
                                        std::size_t fallback_column, Scheme fallback_scheme) {
  key_.assign(record.fields[column]).append(1, '\x1f').append(record.fields[fallback_column]);
  if (const auto found = cache_.find(key_); found != cache_.end()) return found->second;
  Resolution resolution = actors_.Resolve(record.fields[column], scheme_);
  if (!resolution.Unique()) resolution = actors_.Resolve(record.fields[fallback_column], fallback_scheme);
  if (!resolution.Unique()) {
    // Report against the primary column, with its own explanation and suggestions.
    actors_.Require(record.fields[column], scheme_, reader.At(record, column));
  }
  return cache_.emplace(key_, resolution.matches.front()->id).first->second;
}

}  // namespace linkage
