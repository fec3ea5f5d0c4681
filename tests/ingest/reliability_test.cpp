// The inputs that once crashed Linkage or lost rows without a word (tests/data/reliability/, README there):
// each is now refused with its file, line and column, exit code 3, and the workspace byte-for-byte as it was.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cctype>

#include "support/temp_workspace.hpp"

namespace linkage {
namespace {

using testing::RunLinkage;

struct BrokenInput {
  //! Names the generated test after the file.
  friend void PrintTo(const BrokenInput& input, std::ostream* out) { *out << input.file; }
  const char* format;
  const char* file;
  const char* place;    //!< "file:line:column" as the error names it
  const char* message;  //!< what the error says
};

class ReliabilityTest : public ::testing::TestWithParam<BrokenInput> {};

TEST_P(ReliabilityTest, IsRefusedWithItsPlaceAndChangesNothing) {
  const BrokenInput& input = GetParam();
  testing::TempDir dir;
  ASSERT_EQ(RunLinkage("init --empty --workspace w.db", dir.Path()).exit_code, 0);
  const std::string before = testing::FileDigest(dir.File("w.db"));
  const auto result = RunLinkage(fmt::format("import {} {} --workspace w.db", input.format,
                                             testing::Fixture(std::string("reliability/") + input.file)),
                                 dir.Path());
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_NE(result.err.find(input.place), std::string::npos) << result.err;
  EXPECT_NE(result.err.find(input.message), std::string::npos) << result.err;
  EXPECT_LT(result.err.size(), 2000u) << "the error echoes too much of the input";
  EXPECT_EQ(testing::FileDigest(dir.File("w.db")), before);
}

INSTANTIATE_TEST_SUITE_P(
    Examples, ReliabilityTest,
    ::testing::Values(
        // readstat hands over no name for an empty one or one outside CP1252: it was assigned to a string.
        BrokenInput{"wits", "dta_empty_variable_name_segv.dta",
                    "dta_empty_variable_name_segv.dta (column 'variable 9')", "has no name"},
        BrokenInput{"wits", "dta_undefined_cp1252_variable_name_segv.dta",
                    "dta_undefined_cp1252_variable_name_segv.dta (column 'variable 9')", "has no name"},
        // 200,000 levels of nesting overflowed the stack; 1e999 escaped as an internal error.
        BrokenInput{"plover", "plover_valid_record_deep_context.jsonl",
                    "plover_valid_record_deep_context.jsonl:1", "nested deeper than 64 levels"},
        BrokenInput{"plover", "plover_event_scale_1e999_internal_error.jsonl",
                    "plover_event_scale_1e999_internal_error.jsonl:1", "a number out of range"},
        // NUL bytes cut lines short: a row vanished, another merged, and line numbers shifted.
        BrokenInput{"series", "silent_row_loss_nul_block_series.csv",
                    "silent_row_loss_nul_block_series.csv:4:1", "a NUL byte"},
        BrokenInput{"regions", "silent_corruption_nul_regions.csv", "silent_corruption_nul_regions.csv:2:7",
                    "a NUL byte"}),
    [](const ::testing::TestParamInfo<BrokenInput>& param_info) {
      std::string name = param_info.param.file;
      for (char& c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
      }
      return name;
    });

}  // namespace
}  // namespace linkage
