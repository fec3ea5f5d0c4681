#include "core/parallel.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <vector>

namespace linkage {
namespace {

struct Part {
  std::size_t part;
  std::size_t begin;
  std::size_t end;
};

std::vector<Part> Parts(std::size_t size, std::size_t threads, std::size_t grain, std::size_t serial_below) {
  std::mutex guard;
  std::vector<Part> parts;
  ForEachRange(size, threads, grain, serial_below, [&](std::size_t part, std::size_t begin, std::size_t end) {
    const std::lock_guard<std::mutex> lock(guard);
    parts.push_back({part, begin, end});
  });
  std::sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) { return a.begin < b.begin; });
  return parts;
}

TEST(ForEachRangeTest, CoversTheRangeOnceInPartsThatStartOnTheGrain) {
  for (const std::size_t size : {1000UL, 1024UL, 1025UL, 64UL * 3 + 5}) {
    for (const std::size_t threads : {2UL, 3UL, 7UL}) {
      const auto parts = Parts(size, threads, 64, 0);
      ASSERT_FALSE(parts.empty());
      EXPECT_LE(parts.size(), threads);
      std::size_t covered = 0;
      std::vector<bool> seen(threads, false);
      for (const auto& part : parts) {
        EXPECT_EQ(part.begin, covered) << "size " << size << ", threads " << threads;
        EXPECT_EQ(part.begin % 64, 0U);
        EXPECT_LT(part.part, threads);
        EXPECT_FALSE(seen[part.part]) << "part " << part.part << " twice";
        seen[part.part] = true;
        covered = part.end;
      }
      EXPECT_EQ(covered, size);
    }
  }
}

TEST(ForEachRangeTest, SmallRangesAndOneThreadRunAsOnePart) {
  const auto small = Parts(500, 2, 64, 1000);
  ASSERT_EQ(small.size(), 1U);
  EXPECT_EQ(small[0].begin, 0U);
  EXPECT_EQ(small[0].end, 500U);
  EXPECT_EQ(Parts(5000, 1, 64, 0).size(), 1U);
  // Fewer grains than threads: one part per grain.
  EXPECT_EQ(Parts(100, 4, 64, 0).size(), 2U);
  const auto empty = Parts(0, 4, 64, 0);
  ASSERT_EQ(empty.size(), 1U);
  EXPECT_EQ(empty[0].end, 0U);
}

}  // namespace
}  // namespace linkage
