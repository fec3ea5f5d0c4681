// The bad-input corpus (tests/data/corpus/, written by make_corpus.py from real fixtures): every malformed
// file must end `linkage import` with its expected exit code and a message naming its place (file, line,
// column) and the problem, and leave the workspace byte-for-byte as it was.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/csv_reader.hpp"
#include "support/temp_workspace.hpp"

namespace linkage {
namespace {

using testing::RunLinkage;

struct CorpusEntry {
  //! Names the generated test after the file.
  friend void PrintTo(const CorpusEntry& entry, std::ostream* out) { *out << entry.file; }
  std::string format;
  std::string file;  //!< under tests/data/corpus/
  int exit_code = 0;
  std::string place;  //!< "file:line:column" as the error names it
  std::string message;
};

std::vector<CorpusEntry> LoadCorpus() {
  CsvReader reader(testing::Fixture("corpus/expected.csv"));
  std::vector<CorpusEntry> entries;
  CsvRecord record;
  while (reader.Next(record)) {
    entries.push_back({record.fields[0], record.fields[1], std::stoi(record.fields[2]), record.fields[3],
                       record.fields[4]});
  }
  return entries;
}

class BadInputCorpusTest : public ::testing::TestWithParam<CorpusEntry> {};

TEST_P(BadInputCorpusTest, IsRefusedWithItsPlaceAndChangesNothing) {
  const CorpusEntry& entry = GetParam();
  testing::TempDir dir;
  ASSERT_EQ(RunLinkage("init --empty --workspace w.db", dir.Path()).exit_code, 0);
  const std::string before = testing::FileDigest(dir.File("w.db"));
  const auto result = RunLinkage(
      fmt::format("import {} '{}' --workspace w.db", entry.format, testing::Fixture("corpus/" + entry.file)),
      dir.Path());
  EXPECT_EQ(result.exit_code, entry.exit_code) << result.err;
  EXPECT_NE(result.err.find(entry.place), std::string::npos) << result.err;
  EXPECT_NE(result.err.find(entry.message), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("internal error"), std::string::npos) << result.err;
  EXPECT_EQ(testing::FileDigest(dir.File("w.db")), before);
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadInputCorpusTest, ::testing::ValuesIn(LoadCorpus()),
                         [](const ::testing::TestParamInfo<CorpusEntry>& param_info) {
                           std::string name = param_info.param.file;
                           for (char& c : name) {
                             if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace linkage
