#include "ingest/buffered_rows.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <numeric>
#include <utility>

namespace linkage {

namespace {

// The comparison sort, for batches whose keys do not pack into 32 bits.
void CompareAndSort(std::vector<BufferedRow>& rows, const std::vector<std::uint32_t>& rank, KeyOrder order) {
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

// Puts `rows` in the order `places` gives (the low 32 bits of each: the place in `rows` of the row that goes
// there), following each cycle of the permutation in place; `places` ends up naming every row's own place.
void Permute(std::vector<BufferedRow>& rows, std::vector<std::uint64_t>& places) {
  constexpr std::uint64_t kPlace = 0xFFFFFFFFU;
  for (std::size_t start = 0; start < rows.size(); ++start) {
    if ((places[start] & kPlace) == start) continue;
    const BufferedRow held = rows[start];
    std::size_t at = start;
    while (true) {
      const std::size_t from = places[at] & kPlace;
      places[at] = (places[at] & ~kPlace) | at;
      if (from == start) {
        rows[at] = held;
        break;
      }
      rows[at] = rows[from];
      at = from;
    }
  }
}

// Sorts `places` by their high 32 bits, of which the lowest `bits` are used, keeping the order of equal ones:
// a least-significant-digit radix sort in passes of 11 bits. The low 32 bits (places in the batch) start in
// order, so the result is that of sorting the whole numbers, in a few passes over them instead of a
// comparison sort's twenty.
void RadixSortByHighHalf(std::vector<std::uint64_t>& places, int bits) {
  constexpr int kDigitBits = 11;
  constexpr std::size_t kDigits = std::size_t{1} << kDigitBits;
  std::vector<std::uint64_t> sorted(places.size());
  std::vector<std::size_t> next(kDigits);
  for (int shift = 32; shift < 32 + bits; shift += kDigitBits) {
    std::fill(next.begin(), next.end(), 0);
    for (const auto place : places) ++next[(place >> shift) & (kDigits - 1)];
    std::size_t start = 0;
    for (auto& slot : next) start += std::exchange(slot, start);
    for (const auto place : places) sorted[next[(place >> shift) & (kDigits - 1)]++] = place;
    places.swap(sorted);
  }
}

}  // namespace

void SortRows(std::vector<BufferedRow>& rows, const std::vector<std::uint32_t>& rank, KeyOrder order) {
  if (rows.size() < 2) return;
  // A row's place in the key's order packs into the high 32 bits of one number and its place in the batch
  // into the low 32 (which keeps rows of the same key in the file's order): sorting the numbers sorts the
  // rows, in a fifth of the time of comparing rows through the actors' ranks.
  const auto [fewest_key, most_key] = std::minmax_element(
      rows.begin(), rows.end(), [](const BufferedRow& a, const BufferedRow& b) { return a.key < b.key; });
  const auto [earliest, latest] = std::minmax_element(
      rows.begin(), rows.end(), [](const BufferedRow& a, const BufferedRow& b) { return a.year < b.year; });
  const std::int64_t first_key = fewest_key->key;
  const std::int32_t first_year = earliest->year;
  const auto key_bits = std::bit_width(static_cast<std::uint64_t>(most_key->key - first_key));
  const auto year_bits = std::bit_width(static_cast<std::uint64_t>(latest->year - first_year));
  const auto rank_bits = std::bit_width(static_cast<std::uint64_t>(rank.size()));
  if (key_bits + year_bits + 2 * rank_bits > 32 || rows.size() > 0xFFFFFFFFU) {
    CompareAndSort(rows, rank, order);
    return;
  }
  std::vector<std::uint64_t> places(rows.size());
  for (std::size_t index = 0; index < rows.size(); ++index) {
    const BufferedRow& row = rows[index];
    const auto key = static_cast<std::uint64_t>(row.key - first_key);
    const auto year = static_cast<std::uint64_t>(row.year - first_year);
    const std::uint64_t actors = (std::uint64_t{rank[row.first]} << rank_bits) | rank[row.second];
    const std::uint64_t packed = order == KeyOrder::kActorsThenYear
                                     ? (((key << 2 * rank_bits) | actors) << year_bits) | year
                                     : (((key << year_bits) | year) << 2 * rank_bits) | actors;
    places[index] = (packed << 32) | index;
  }
  RadixSortByHighHalf(places, static_cast<int>(key_bits + year_bits + 2 * rank_bits));
  Permute(rows, places);
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
