// support/stata_file.hpp
// Writes small Stata .dta files at test time with libreadstat's writer, so that tests of the readers need no
// binary fixtures.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace linkage::testing {

//! A variable of a Stata file: text when `texts` is not empty, else doubles (nullopt: Stata's missing value).
struct StataColumn {
  std::string name;
  std::vector<std::string> texts;
  std::vector<std::optional<double>> numbers;
};

//! Writes the columns (all of the same length) as a .dta file at `path`; fails the test when it cannot.
void WriteStataFile(const std::string& path, const std::vector<StataColumn>& columns);

}  // namespace linkage::testing
