#include "ingest/buffered_rows.hpp"

#include <algorithm>
#include <numeric>

namespace linkage {

void SortRows(std::vector<BufferedRow>& rows, const std::vector<std::uint32_t>& rank, KeyOrder order) {
  const auto actors_before = [&](const BufferedRow& a, const BufferedRow& b) {
    if (a.first != b.first) return rank[a.first] < rank[b.first];
    return rank[a.second] < rank[b.second];
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const BufferedRow& a, const BufferedRow& b) {
    if (a.key != b.key) return a.key < b.key;
    const bool same_actors = a.first == b.first && a.second == b.second;
    if (order == KeyOrder::kActorsThenYear) return same_actors ? a.year < b.year : actors_before(a, b);
    return a.year != b.year ? a.year < b.year : actors_before(a, b);
  });
}

std::uint32_t ActorNumbers::Number(const std::string& id) {
  const auto [entry, fresh] = numbers_.try_emplace(id, static_cast<std::uint32_t>(ids_.size()));
  if (fresh) ids_.push_back(id);
  return entry->second;
}

std::vector<std::uint32_t> ActorNumbers::Ranks() const {
  std::vector<std::uint32_t> order(ids_.size());
  std::iota(order.begin(), order.end(), 0U);
  // std::string compares bytes as unsigned char, as SQLite's BINARY collation does.
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return ids_[a] < ids_[b]; });
  std::vector<std::uint32_t> ranks(ids_.size());
  for (std::uint32_t place = 0; place < order.size(); ++place) ranks[order[place]] = place;
  return ranks;
}

std::uint32_t RowLocations::Number(const SourceLocation& where) {
  // A file's rows come through one or two columns: the last few places are the ones that match.
  for (std::size_t back = 0; back < std::min<std::size_t>(places_.size(), 4); ++back) {
    const std::size_t index = places_.size() - 1 - back;
    const SourceLocation& place = places_[index];
    if (place.column == where.column && place.column_name == where.column_name && place.file == where.file) {
      return static_cast<std::uint32_t>(index);
    }
  }
  places_.push_back({where.file, 0, where.column, where.column_name});
  return static_cast<std::uint32_t>(places_.size() - 1);
}

SourceLocation RowLocations::At(std::uint32_t number, std::size_t line) const {
  SourceLocation where = places_[number];
  where.line = line;
  return where;
}

}  // namespace linkage
