// support/indicator_values.hpp
// Looks up one computed indicator value in a test, failing the test when it is absent or missing.
#pragma once

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "indicators/indicator_record.hpp"

namespace linkage::testing {

//! The value of `records[key]`; records a failure and returns 0 when there is no value.
inline double ValueOf(const std::map<std::string, IndicatorRecord>& records, const std::string& key) {
  const auto found = records.find(key);
  if (found == records.end() || !found->second.value) {
    ADD_FAILURE() << "no value for " << key;
    return 0;
  }
  return *found->second.value;
}

//! The records keyed "indicator@year" (the first of each key).
inline std::map<std::string, IndicatorRecord> ByIndicatorAndYear(
    const std::vector<IndicatorRecord>& records) {
  std::map<std::string, IndicatorRecord> keyed;
  for (const auto& record : records)
    keyed.emplace(fmt::format("{}@{}", record.indicator, record.year), record);
  return keyed;
}

}  // namespace linkage::testing
