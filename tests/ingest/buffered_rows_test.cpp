// Rows buffered for a table go in in its key's order: the packed sort must give exactly the order of the
// comparison it replaces, stable for repeated keys, and fall back to it when the keys do not pack.
#include "ingest/buffered_rows.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <tuple>
#include <vector>

namespace linkage {
namespace {

// The key order written out plainly: the key number, then the actors by rank and the year, or the year and
// the actors; the file's order among equal keys.
std::vector<BufferedRow> SortedByComparison(std::vector<BufferedRow> rows,
                                            const std::vector<std::uint32_t>& rank, KeyOrder order) {
  std::stable_sort(rows.begin(), rows.end(), [&](const BufferedRow& a, const BufferedRow& b) {
    if (order == KeyOrder::kActorsThenYear) {
      return std::make_tuple(a.key, rank[a.first], rank[a.second], a.year) <
             std::make_tuple(b.key, rank[b.first], rank[b.second], b.year);
    }
    return std::make_tuple(a.key, a.year, rank[a.first], rank[a.second]) <
           std::make_tuple(b.key, b.year, rank[b.first], rank[b.second]);
  });
  return rows;
}

// `count` rows over `actors` actors, `keys` keys from `first_key` and the years `first_year` on, few enough
// of each that keys repeat; each row's line tells where it was.
std::vector<BufferedRow> RandomRows(std::size_t count, std::uint32_t actors, std::int64_t first_key,
                                    std::int64_t keys, int first_year, int years, unsigned seed) {
  std::mt19937 random(seed);
  std::vector<BufferedRow> rows(count);
  for (std::size_t index = 0; index < count; ++index) {
    auto& row = rows[index];
    row.key = first_key + static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(keys));
    row.first = static_cast<std::uint32_t>(random() % actors);
    row.second = static_cast<std::uint32_t>(random() % actors);
    row.year = first_year + static_cast<int>(random() % static_cast<unsigned>(years));
    row.line = static_cast<std::int64_t>(index) + 2;
  }
  return rows;
}

// A rank for each actor number: an order unrelated to the numbers, as ISO codes are to the order read.
std::vector<std::uint32_t> ShuffledRanks(std::uint32_t actors, unsigned seed) {
  std::vector<std::uint32_t> rank(actors);
  for (std::uint32_t actor = 0; actor < actors; ++actor) rank[actor] = actor;
  std::shuffle(rank.begin(), rank.end(), std::mt19937(seed));
  return rank;
}

// The lines of `rows`, which identify them.
std::vector<std::int64_t> Lines(const std::vector<BufferedRow>& rows) {
  std::vector<std::int64_t> lines;
  lines.reserve(rows.size());
  for (const auto& row : rows) lines.push_back(row.line);
  return lines;
}

// SortRows puts `rows` in the order the plain comparison gives.
void ExpectComparisonOrder(std::vector<BufferedRow> rows, const std::vector<std::uint32_t>& rank,
                           KeyOrder order) {
  const auto expected = SortedByComparison(rows, rank, order);
  SortRows(rows, rank, order);
  EXPECT_EQ(Lines(rows), Lines(expected));
}

TEST(BufferedRowsTest, PackedSortGivesTheKeysOrderInBothLayouts) {
  for (const auto order : {KeyOrder::kActorsThenYear, KeyOrder::kYearThenActors})
    ExpectComparisonOrder(RandomRows(20000, 40, 1000, 5, 1960, 61, 11), ShuffledRanks(40, 7), order);
}

TEST(BufferedRowsTest, KeysFillingAll32BitsSortInThreeDigits) {
  // 1,000 actors (2 x 10 bits), 40 keys (6 bits) and 61 years (6 bits): every bit of the packed key is used.
  ExpectComparisonOrder(RandomRows(50000, 1000, 7, 40, 1960, 61, 17), ShuffledRanks(1000, 13),
                        KeyOrder::kYearThenActors);
}

TEST(BufferedRowsTest, KeysTooWideToPackAreSortedByComparison) {
  // Key numbers a billion apart and 2,000 years: 30 + 11 + 2 x 12 bits do not fit in 32.
  ExpectComparisonOrder(RandomRows(5000, 3000, 1, 1000000000, 1, 2000, 5), ShuffledRanks(3000, 3),
                        KeyOrder::kActorsThenYear);
}

TEST(BufferedRowsTest, RowsOfOneKeyKeepTheFilesOrder) {
  const std::vector<std::uint32_t> rank = {1, 0};
  std::vector<BufferedRow> rows(4);
  for (std::size_t index = 0; index < rows.size(); ++index) {
    rows[index].key = 3;
    rows[index].first = index == 2 ? 1 : 0;
    rows[index].second = 1;
    rows[index].year = 2000;
    rows[index].line = static_cast<std::int64_t>(index) + 10;
  }
  SortRows(rows, rank, KeyOrder::kActorsThenYear);
  EXPECT_EQ(Lines(rows), (std::vector<std::int64_t>{12, 10, 11, 13}));
}

}  // namespace
}  // namespace linkage
