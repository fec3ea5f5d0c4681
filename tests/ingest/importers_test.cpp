#include "ingest/importers.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>

#include "store/workspace.hpp"
#include "support/core_workspace.hpp"

namespace linkage {
namespace {

using testing::Fixture;

// Each test works on its own copy of the shared core workspace.
class ImportersTest : public testing::CoreWorkspaceTest {
 protected:
  void SetUp() override {
    path_ = scratch_.File("w.db");
    std::filesystem::copy_file(CoreWorkspaceTest::dir->File("core.db"), path_);
    db_ = OpenWorkspace(path_);
  }
  double Value(const std::string& sql) { return static_cast<double>(db_->QueryInt(sql)); }
  std::optional<double> Real(const std::string& sql) {
    Statement query(*db_, sql);
    if (!query.Step()) return std::nullopt;
    return query.OptionalReal(0);
  }
  testing::TempDir scratch_;
  std::string path_;
  std::unique_ptr<Database> db_;
};

TEST_F(ImportersTest, ImfDotsKeepsPerspectiveEstimatesAndMissing) {
  const auto summary = RunImport(*db_, "imf-dots", Fixture("import/imf_dots_small.csv"));
  EXPECT_EQ(summary.rows_read, 7);
  EXPECT_EQ(summary.estimated_values, 1);
  EXPECT_EQ(summary.missing_values, 1);
  // What KAZ reports and what CHN reports are separate records.
  EXPECT_DOUBLE_EQ(*Real("SELECT value_usd FROM flows WHERE reporter='KAZ' AND partner='CHN' AND flow='M'"),
                   6566.470673e6);
  EXPECT_DOUBLE_EQ(*Real("SELECT value_usd FROM flows WHERE reporter='CHN' AND partner='KAZ' AND flow='M'"),
                   9258.81734e6);
  EXPECT_EQ(Value("SELECT estimated FROM flows WHERE partner='IMF:ADVANCED-ECONOMIES'"), 1);
  EXPECT_EQ(Value("SELECT count(*) FROM flows WHERE reporter='SUN' AND partner='FIN'"), 1);
  EXPECT_EQ(Value("SELECT count(*) FROM flows WHERE partner='KGZ' AND value_usd IS NULL"), 1);
  EXPECT_EQ(Value("SELECT count(*) FROM flows WHERE value_usd = 0"), 0);
  // Provenance: the source file and line of each value.
  EXPECT_EQ(Value("SELECT source_line FROM flows WHERE reporter='CHN'"), 6);
}

TEST_F(ImportersTest, WdiReadsCodeAndUnitAndAggregates) {
  RunImport(*db_, "wdi", Fixture("import/wdi_ny.gdp.mktp.cd.csv"));
  EXPECT_DOUBLE_EQ(
      *Real("SELECT value FROM series WHERE code='NY.GDP.MKTP.CD' AND actor_id='KAZ' AND year=2019"),
      181667184855.4);
  EXPECT_EQ(Value("SELECT count(*) FROM series WHERE actor_id='ECS'"), 1);
  Statement unit(*db_, "SELECT unit FROM series WHERE actor_id='WLD'");
  ASSERT_TRUE(unit.Step());
  EXPECT_EQ(unit.Text(0), "as published");  // no datapackage.json beside the fixture
}

TEST_F(ImportersTest, WitsDerivesFlaggedTotals) {
  const auto summary = RunImport(*db_, "wits", Fixture("import/wits_small.csv"));
  EXPECT_EQ(summary.derived_values, 2);
  EXPECT_DOUBLE_EQ(
      *Real("SELECT value_usd FROM flows WHERE dataset='wits' AND year=2019 AND product='TOTAL'"),
      (1500000.5 + 700000.25 + 1200000) * 1e3);
  Statement transform(*db_, "SELECT transform FROM flows WHERE year=2019 AND product='TOTAL'");
  ASSERT_TRUE(transform.Step());
  EXPECT_EQ(transform.Text(0), "sum of 3 hs4 rows, lines 2-4, x 1e3");
  EXPECT_EQ(Value("SELECT count(*) FROM flows WHERE product='2844' AND level='hs4'"), 1);
}

TEST_F(ImportersTest, CepiiReadsOwnCodesAndLatin1) {
  RunImport(*db_, "cepii-dist", Fixture("import/dist_small.csv"));
  EXPECT_DOUBLE_EQ(
      *Real("SELECT value FROM dyad_attributes WHERE actor_a='KAZ' AND actor_b='CHN' AND name='distw'"),
      3552.1);
  EXPECT_EQ(
      Value("SELECT count(*) FROM dyad_attributes WHERE actor_a='ROU' AND name='distw' AND value IS NULL"),
      1);
  RunImport(*db_, "cepii-geo", Fixture("import/geo_small.csv"));
  EXPECT_DOUBLE_EQ(*Real("SELECT value FROM actor_attributes WHERE actor_id='KAZ' AND name='landlocked'"), 1);
  EXPECT_EQ(ActorRegistry(*db_).Resolve("C\xC3\xB4te d'Ivoire").matches.front()->id, "CIV");
}

TEST_F(ImportersTest, TidyFormatsResolveAnyIdentifier) {
  RunImport(*db_, "series", Fixture("import/series.csv"));
  EXPECT_EQ(Value("SELECT count(*) FROM series WHERE actor_id='KAZ' AND code='CENSUS.POP.UYGHUR'"), 3);
  EXPECT_EQ(Value("SELECT count(*) FROM series WHERE year=1989 AND value IS NULL"), 1);
  RunImport(*db_, "flows", Fixture("import/flows.csv"));
  EXPECT_EQ(Value("SELECT count(*) FROM flows WHERE dataset='user' AND reporter='KAZ' AND partner='CHN'"), 3);
  EXPECT_EQ(Value("SELECT estimated FROM flows WHERE dataset='user' AND flow='X' AND product='TOTAL'"), 1);
  RunImport(*db_, "events", Fixture("import/events.csv"));
  EXPECT_EQ(Value("SELECT count(*) FROM events WHERE source_actor='CHN' AND dimension='economic'"), 1);
  RunImport(*db_, "regions", Fixture("import/regions.csv"));
  EXPECT_EQ(Value("SELECT count(*) FROM regions WHERE region='steppe'"), 3);
}

TEST_F(ImportersTest, ReimportingTheSameValuesIsCountedNotDoubled) {
  RunImport(*db_, "flows", Fixture("import/flows.csv"));
  const auto again = RunImport(*db_, "flows", Fixture("import/flows.csv"));
  EXPECT_EQ(again.duplicates, 3);
  EXPECT_EQ(again.values_stored, 0);
}

struct BadInput {
  //! Names the generated test after the fixture file.
  friend void PrintTo(const BadInput& input, std::ostream* out) { *out << input.format << ":" << input.file; }
  const char* format;
  const char* file;
  std::size_t line;
  std::size_t column;
  const char* message;
};

class BadInputTest : public ImportersTest, public ::testing::WithParamInterface<BadInput> {};

TEST_P(BadInputTest, FailsWithLocationAndLeavesTheWorkspaceUnchanged) {
  RunImport(*db_, "series", Fixture("import/series.csv"));
  db_.reset();
  const std::string before = testing::FileDigest(path_);
  db_ = OpenWorkspace(path_);
  const BadInput& bad = GetParam();
  try {
    RunImport(*db_, bad.format, Fixture(std::string("bad/") + bad.file));
    FAIL() << "expected an error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.Where().line, bad.line) << error.what();
    EXPECT_EQ(error.Where().column, bad.column) << error.what();
    EXPECT_NE(std::string(error.what()).find(bad.message), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find(bad.file), std::string::npos) << error.what();
  }
  db_.reset();
  EXPECT_EQ(testing::FileDigest(path_), before);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadInputTest,
    ::testing::Values(
        BadInput{"series", "wrong_number.csv", 3, 6, "found 6 fields"},
        BadInput{"series", "not_a_number.csv", 3, 4, "'twelve' is not a number"},
        BadInput{"series", "missing_column.csv", 1, 0, "missing column value"},
        BadInput{"series", "unknown_country.csv", 3, 1, "unknown actor 'Kazakstann'"},
        BadInput{"series", "wrong_delimiter.csv", 1, 0, "contains ';'"},
        BadInput{"series", "empty.csv", 1, 0, "the file is empty"},
        BadInput{"series", "header_only.csv", 2, 0, "no data rows"},
        BadInput{"series", "bad_year.csv", 2, 3, "'19x9' is not a valid value"},
        BadInput{"imf-dots", "wrong_delimiter.csv", 1, 0, "contains ';'"},
        BadInput{"baci", "baci_bad_value.csv", 3, 17, "a value in thousand USD, or NA"},
        BadInput{"baci", "baci_unknown_code.csv", 3, 3, "'999'"},
        BadInput{"comtrade", "comtrade_bad_commodity.csv", 3, 22, "'27X' is not an HS code"},
        BadInput{"votes", "votes_bad_vote.csv", 3, 4, "'maybe' is not a vote"},
        BadInput{"votes", "votes_two_dates.csv", 3, 2, "roll call 101 is dated 2019-10-01, not 2019-10-02"},
        BadInput{"agreement-pairs", "agreements_bad_date.csv", 3, 5, "'July 2001' is not a date"},
        BadInput{"agreement-pairs", "agreements_same_state.csv", 2, 4, "two different states"},
        BadInput{"agreement-pairs", "agreements_ends_before.csv", 3, 6, "ends before"},
        BadInput{"agreement-pairs", "agreements_pair_twice.csv", 3, 4, "already lists the pair"}),
    [](const ::testing::TestParamInfo<BadInput>& param_info) {
      std::string name = std::string(param_info.param.format) + "_" + param_info.param.file;
      for (char& c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
      }
      return name;
    });

TEST_F(ImportersTest, ConflictingValueIsRefused) {
  RunImport(*db_, "series", Fixture("import/series.csv"));
  testing::TempDir scratch;
  const std::string conflict = scratch.File("conflict.csv");
  std::ofstream(conflict) << "actor,code,year,value,unit\nKAZ,CENSUS.POP.UYGHUR,2009,1,persons\n";
  try {
    RunImport(*db_, "series", conflict);
    FAIL() << "expected an error";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("series.csv:2"), std::string::npos) << error.what();
  }
}

TEST_F(ImportersTest, TruncatedGzipIsAnErrorAndNothingIsStored) {
  testing::TempDir scratch;
  const std::string path = scratch.File("dots.csv.gz");
  std::string content = "reporter,reporter_iso3,partner,partner_iso3,flow,year,value_musd,estimated\n";
  for (int year = 1960; year < 2020; ++year) {
    for (int i = 0; i < 200; ++i)
      content += "Kazakhstan,KAZ,China,CHN,X_FOB," + std::to_string(year) + ",1.5,0\n";
  }
  gzFile out = gzopen(path.c_str(), "wb");
  gzwrite(out, content.data(), static_cast<unsigned>(content.size()));
  gzclose(out);
  std::filesystem::resize_file(path, std::filesystem::file_size(path) * 2 / 3);
  EXPECT_THROW(RunImport(*db_, "imf-dots", path), InputError);
  EXPECT_EQ(Value("SELECT count(*) FROM flows"), 0);
  EXPECT_EQ(Value("SELECT count(*) FROM sources WHERE format='imf-dots'"), 0);
}

}  // namespace
}  // namespace linkage
