#include "engine/column_cache.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "engine/baci_reader.hpp"
#include "support/temp_workspace.hpp"

namespace linkage::engine {
namespace {

class ColumnCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    source_ = scratch_.File("flows.csv");
    std::filesystem::copy_file(linkage::testing::Fixture("engine/baci_small.csv"), source_);
  }

  FlowColumns Load(CacheOutcome& outcome) {
    return LoadOrParse(
        source_, scratch_.File("cache"),
        [this] {
          ++parses_;
          return ReadBaci(source_, 1);
        },
        outcome);
  }

  linkage::testing::TempDir scratch_;
  std::string source_;
  int parses_ = 0;
};

TEST_F(ColumnCacheTest, TheSecondReadComesFromTheCache) {
  CacheOutcome first;
  const FlowColumns parsed = Load(first);
  EXPECT_FALSE(first.hit);
  EXPECT_EQ(first.reason, "no cache yet");
  CacheOutcome second;
  const FlowColumns cached = Load(second);
  EXPECT_TRUE(second.hit) << second.reason;
  EXPECT_EQ(parses_, 1);
  EXPECT_TRUE(std::equal(cached.exporter.begin(), cached.exporter.end(), parsed.exporter.begin()));
  EXPECT_TRUE(std::equal(cached.product.begin(), cached.product.end(), parsed.product.begin()));
  ASSERT_EQ(cached.value.size(), 5u);
  EXPECT_DOUBLE_EQ(cached.value[0], 10.0);
  EXPECT_TRUE(std::isnan(cached.value[4]));  // missing stays missing through the cache
}

TEST_F(ColumnCacheTest, AChangedSourceIsParsedAgain) {
  CacheOutcome outcome;
  Load(outcome);
  std::ofstream(source_, std::ios::app) << "2019,8,12,010101,      5.000,      1.000\n";
  const FlowColumns columns = Load(outcome);
  EXPECT_FALSE(outcome.hit);
  EXPECT_EQ(outcome.reason, "the source file changed since the cache was written");
  EXPECT_EQ(columns.Size(), 6u);
}

TEST_F(ColumnCacheTest, ADamagedCacheIsRebuiltNeverTrusted) {
  CacheOutcome outcome;
  Load(outcome);
  {
    std::fstream cache(outcome.path, std::ios::in | std::ios::out | std::ios::binary);
    cache.seekp(-3, std::ios::end);
    cache.put('\x7f');  // flip a byte of the last value
  }
  const FlowColumns columns = Load(outcome);
  EXPECT_FALSE(outcome.hit);
  EXPECT_EQ(outcome.reason, "the cache is damaged (checksum mismatch)");
  EXPECT_DOUBLE_EQ(columns.value[3], 40.0);
  std::filesystem::resize_file(outcome.path, std::filesystem::file_size(outcome.path) - 8);
  Load(outcome);
  EXPECT_NE(outcome.reason.find("truncated or damaged"), std::string::npos) << outcome.reason;
  Load(outcome);
  EXPECT_TRUE(outcome.hit);
  EXPECT_EQ(parses_, 3);
}

}  // namespace
}  // namespace linkage::engine
