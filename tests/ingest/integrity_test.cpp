// What an import must never do silently: overwrite a stored value, add a repeated row into a total, store
// a spell twice, store an overflowing value, accept an impossible date, ignore bytes after a gzip stream or
// shift GDELT fields. And what it must accept: the same file again, and any input gzipped.
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/error.hpp"
#include "ingest/importers.hpp"
#include "store/workspace.hpp"
#include "support/core_workspace.hpp"
#include "support/temp_workspace.hpp"

namespace linkage {
namespace {

using testing::Fixture;

// Each test imports into its own copy of the shared core workspace.
class IntegrityTest : public testing::CoreWorkspaceTest {
 protected:
  void SetUp() override {
    path_ = scratch_.File("w.db");
    std::filesystem::copy_file(CoreWorkspaceTest::dir->File("core.db"), path_);
    db_ = OpenWorkspace(path_);
  }
  std::int64_t Count(const std::string& sql) { return db_->QueryInt(sql); }
  //! Writes `content` to a scratch file.
  std::string Write(const std::string& name, const std::string& content) {
    const std::string path = scratch_.File(name);
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  //! Writes `content` gzip-compressed.
  std::string WriteGzip(const std::string& name, const std::string& content) {
    const std::string path = scratch_.File(name);
    gzFile out = gzopen(path.c_str(), "wb");
    gzwrite(out, content.data(), static_cast<unsigned>(content.size()));
    gzclose(out);
    return path;
  }
  //! Runs an import that must fail at `line` (and `column` when not 0) with `message`, leaving the
  //! workspace file as it was.
  void ExpectRefused(const std::string& format, const std::string& file, std::size_t line, std::size_t column,
                     const std::string& message) {
    db_.reset();
    const std::string before = testing::FileDigest(path_);
    db_ = OpenWorkspace(path_);
    try {
      RunImport(*db_, format, file);
      ADD_FAILURE() << "expected an error from " << file;
    } catch (const InputError& error) {
      EXPECT_EQ(error.Where().line, line) << error.what();
      if (column != 0) {
        EXPECT_EQ(error.Where().column, column) << error.what();
      }
      EXPECT_NE(std::string(error.what()).find(message), std::string::npos) << error.what();
    }
    db_.reset();
    EXPECT_EQ(testing::FileDigest(path_), before);
    db_ = OpenWorkspace(path_);
  }
  testing::TempDir scratch_;
  std::string path_;
  std::unique_ptr<Database> db_;
};

constexpr const char* kDistHeader =
    "iso_o;iso_d;contig;comlang_off;comlang_ethno;colony;comcol;curcol;col45;smctry;dist;distcap;distw;"
    "distwces\n";

// CEPII GeoDist once replaced a stored distance with a contradicting one (INSERT OR REPLACE).
TEST_F(IntegrityTest, CepiiDistanceThatContradictsAStoredOneIsRefused) {
  const auto first = RunImport(*db_, "cepii-dist", Fixture("import/dist_small.csv"));
  const auto again = RunImport(*db_, "cepii-dist", Fixture("import/dist_small.csv"));
  EXPECT_EQ(again.values_stored, 0);
  EXPECT_EQ(again.duplicates, first.values_stored);
  const std::string changed = Write(
      "dist_changed.csv", std::string(kDistHeader) + "KAZ;CHN;1;0;0;0;0;0;0;0;3795.6;3485.9;9999;3374.2\n");
  ExpectRefused("cepii-dist", changed, 2, 13, "distw of KAZ-CHN is 9999 here but 3552.1 in dist_small.csv:2");
  EXPECT_EQ(Count("SELECT CAST(value * 10 AS INTEGER) FROM dyad_attributes WHERE name = 'distw' AND "
                  "actor_a = 'KAZ' AND actor_b = 'CHN'"),
            35521);
}

// A country's geography comes from its capital's row, wherever that row is, and only once.
TEST_F(IntegrityTest, CepiiGeographyTakesTheCapitalRowAndRefusesAContradiction) {
  const std::string header =
      "iso2;iso3;cnum;country;pays;area;dis_int;landlocked;continent;city_en;city_fr;lat;"
      "lon;cap\n";
  const std::string geo = Write("geo.csv", header +
                                               "KZ;KAZ;398;Kazakhstan;Kazakhstan;2724900;591.8;1;Asia;Almaty;"
                                               "Almaty;43.25;76.95;0\n"
                                               "KZ;KAZ;398;Kazakhstan;Kazakhstan;2724900;591.8;1;Asia;Astana;"
                                               "Astana;51.17;71.43;1\n");
  RunImport(*db_, "cepii-geo", geo);
  EXPECT_EQ(db_->QueryInt("SELECT CAST(value * 100 AS INTEGER) FROM actor_attributes WHERE actor_id = 'KAZ' "
                          "AND name = 'lat'"),
            5117);
  const auto again = RunImport(*db_, "cepii-geo", geo);
  EXPECT_EQ(again.values_stored, 0);
  const std::string moved =
      Write("geo_moved.csv",
            header + "KZ;KAZ;398;Kazakhstan;Kazakhstan;2724900;591.8;1;Asia;Astana;Astana;50.00;71.43;1\n");
  ExpectRefused("cepii-geo", moved, 2, 12, "lat of KAZ is 50 here but 51.17");
}

// Re-importing the same ATOP or contiguity file was refused as a contradiction with itself.
TEST_F(IntegrityTest, TheSameAtopAndContiguityFilesImportAgainAsDuplicates) {
  const auto atop = RunImport(*db_, "atop", Fixture("import/security/atop.csv"));
  const auto atop_again = RunImport(*db_, "atop", Fixture("import/security/atop.csv"));
  EXPECT_EQ(atop_again.values_stored, 0);
  EXPECT_EQ(atop_again.duplicates, atop.values_stored);
  const auto contiguity = RunImport(*db_, "cow-contiguity", Fixture("import/security/cow_contiguity.csv"));
  const auto contiguity_again =
      RunImport(*db_, "cow-contiguity", Fixture("import/security/cow_contiguity.csv"));
  EXPECT_EQ(contiguity_again.values_stored, 0);
  EXPECT_EQ(contiguity_again.duplicates, contiguity.values_stored);
  // Another file whose combined value differs is still refused, at the row that gives it.
  const std::string other = Write("contiguity.csv",
                                  "dyad,state1no,state1ab,state2no,state2ab,year,conttype,version\n"
                                  "705710,705,\"KZK\",710,\"CHN\",2005,3,3.2\n");
  ExpectRefused("cow-contiguity", other, 2, 7, "COW.CONTIG KAZ-CHN 2005 is 3 here but 1");
}

// Flows and dyad values are inserted in the order of the table's key, not the file's: the rows read back as
// the file gave them, and the row that contradicts an earlier one of the same file is the one reported.
TEST_F(IntegrityTest, BufferedRowsReadBackAsGivenAndTheLaterOfTwoIsRefused) {
  const std::string flows = Write("flows.csv",
                                  "reporter,partner,flow,year,value_usd\n"
                                  "KAZ,RUS,X,2005,300\n"
                                  "CHN,KAZ,M,2001,\n"
                                  "KAZ,CHN,X,2005,100\n"
                                  "KAZ,CHN,X,2004,200\n");
  const auto summary = RunImport(*db_, "flows", flows);
  EXPECT_EQ(summary.values_stored, 4);
  EXPECT_EQ(summary.missing_values, 1);
  EXPECT_EQ(Count("SELECT source_line FROM flows WHERE reporter = 'KAZ' AND partner = 'CHN' AND year = 2004"),
            5);
  EXPECT_EQ(Count("SELECT value_usd FROM flows WHERE reporter = 'KAZ' AND partner = 'RUS'"), 300);
  EXPECT_EQ(Count("SELECT count(*) FROM flows WHERE reporter = 'CHN' AND value_usd IS NULL"), 1);
  const std::string twice = Write("flows_twice.csv",
                                  "reporter,partner,flow,year,value_usd\n"
                                  "UZB,KAZ,X,2010,5\n"
                                  "AFG,KAZ,X,2010,7\n"
                                  "UZB,KAZ,X,2010,6\n");
  ExpectRefused("flows", twice, 4, 5, "UZB exports to KAZ 2010 product TOTAL is 6 here but 5");
  const std::string igos = Write("igo_dyad.csv",
                                 "ccode1,ccode2,year,dyadigos\n"
                                 "705,710,2001,40\n"
                                 "365,705,2000,50\n"
                                 "710,705,2001,41\n");
  ExpectRefused("cow-igo-dyad", igos, 4, 4, "COW.IGO.SHARED CHN-KAZ 2001 is 41 here but 40");
}

// A batch is inserted at once where its rows meet nothing (store/bulk_rows.hpp) and row by row where they
// meet another row of the file or a stored row: the counts and the refusals are those of storing every row
// alone.
TEST_F(IntegrityTest, RowsThatMeetStoredOrRepeatedRowsAreCountedAndRefusedAsAlone) {
  const std::string header = "reporter,partner,flow,year,value_usd\n";
  const auto first =
      RunImport(*db_, "flows", Write("f1.csv", header + "KAZ,CHN,X,2004,200\nKAZ,CHN,X,2006,400\n"));
  EXPECT_EQ(first.values_stored, 2);
  // Between the stored rows: a new year, a stored row again, a row repeated in the file, and new pairs.
  const auto second = RunImport(*db_, "flows",
                                Write("f2.csv", header + "KAZ,CHN,X,2005,300\n"
                                                         "KAZ,CHN,X,2006,400\n"
                                                         "UZB,KAZ,M,2001,7\n"
                                                         "UZB,KAZ,M,2001,7\n"
                                                         "AFG,KAZ,X,2010,\n"));
  EXPECT_EQ(second.values_stored, 3);
  EXPECT_EQ(second.duplicates, 2);
  EXPECT_EQ(second.missing_values, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM flows"), 5);
  EXPECT_EQ(Count("SELECT source_line FROM flows WHERE reporter = 'KAZ' AND year = 2006"), 3);
  // A stored row contradicted among new rows is refused at its line; nothing of the file is kept.
  ExpectRefused("flows", Write("f3.csv", header + "KAZ,RUS,X,2004,1\nKAZ,CHN,X,2005,301\nKAZ,TUR,X,2004,1\n"),
                3, 5, "KAZ exports to CHN 2005 product TOTAL is 301 here but 300");

  const std::string votes = Write("votes.csv",
                                  "rcid,date,actor,vote\n"
                                  "7,2001-10-01,USA,yes\n"
                                  "7,2001-10-01,CHN,no\n"
                                  "8,2001-10-02,KAZ,abstain\n"
                                  "7,2001-10-01,CHN,no\n");
  const auto cast = RunImport(*db_, "votes", votes);
  EXPECT_EQ(cast.values_stored, 3);
  EXPECT_EQ(cast.duplicates, 1);
  const auto again = RunImport(*db_, "votes", votes);
  EXPECT_EQ(again.values_stored, 0);
  EXPECT_EQ(again.duplicates, 4);
  EXPECT_EQ(Count("SELECT count(*) FROM votes"), 3);
  EXPECT_EQ(Count("SELECT source_line FROM votes WHERE actor_id = 'KAZ'"), 4);
  ExpectRefused("votes",
                Write("votes2.csv", "rcid,date,actor,vote\n8,2001-10-02,RUS,no\n7,2001-10-01,USA,no\n"), 3, 4,
                "roll call 7 already has USA's vote from line 2");
}

// Memberships imported twice were stored twice (115 spells became 230).
TEST_F(IntegrityTest, MembershipsImportedAgainAreNotDuplicated) {
  const auto before = Count("SELECT count(*) FROM memberships");
  const auto first = RunImport(*db_, "memberships", Fixture("import/memberships.csv"));
  const auto after_first = Count("SELECT count(*) FROM memberships");
  EXPECT_EQ(after_first - before, first.values_stored);
  const auto again = RunImport(*db_, "memberships", Fixture("import/memberships.csv"));
  EXPECT_EQ(again.values_stored, 0);
  EXPECT_EQ(again.duplicates, first.values_stored);
  EXPECT_EQ(Count("SELECT count(*) FROM memberships"), after_first);
}

// Region members with no start date were stored again on every import; another end date replaced the first.
TEST_F(IntegrityTest, RegionsImportedAgainAreNotDuplicatedAndContradictionsAreRefused) {
  RunImport(*db_, "regions", Fixture("import/regions.csv"));
  const auto stored = Count("SELECT count(*) FROM regions WHERE region = 'steppe'");
  const auto again = RunImport(*db_, "regions", Fixture("import/regions.csv"));
  EXPECT_EQ(again.values_stored, 0);
  EXPECT_EQ(Count("SELECT count(*) FROM regions WHERE region = 'steppe'"), stored);
  const std::string other = Write("regions.csv", "region,actor,from,to\nsteppe,MNG,1992-01-01,2000-01-01\n");
  ExpectRefused("regions", other, 2, 4, "MNG in steppe from 1992-01-01 ends 2000-01-01 here but never");
}

// 2019-02-30 and month 13 were accepted and sorted as text; 29 February of a leap year is a day.
TEST_F(IntegrityTest, ImpossibleDatesAreRefusedWhereTheyAre) {
  const std::string header = "org,country_iso3,role,from,to,source,confidence\n";
  ExpectRefused("memberships", Write("m1.csv", header + "Test Union,KAZ,member,2019-02-30,,x,likely\n"), 2, 4,
                "'2019-02-30' is not a date");
  ExpectRefused("memberships", Write("m2.csv", header + "Test Union,KAZ,member,2019-13,,x,likely\n"), 2, 4,
                "'2019-13' is not a date");
  ExpectRefused("memberships", Write("m3.csv", header + "Test Union,KAZ,member,2019-02-29,,x,likely\n"), 2, 4,
                "'2019-02-29' is not a date");
  EXPECT_EQ(
      RunImport(*db_, "memberships", Write("m4.csv", header + "Test Union,KAZ,member,2020-02-29,,x,likely\n"))
          .values_stored,
      1);
  ExpectRefused("events",
                Write("e.csv", "date,source,target,kind,dimension\n2019-04-31,CHN,KAZ,visit,political\n"), 2,
                1, "'2019-04-31' is not a date");
}

// A value that overflows once scaled to dollars (1e306 thousand) was stored as infinity and printed as NaN.
TEST_F(IntegrityTest, AValueThatOverflowsWhenScaledIsRefused) {
  const std::string baci = Write("baci_overflow/baci.csv", "t,i,j,k,v,q\n2019,398,156,010101,1e306,1\n");
  ExpectRefused("baci", baci, 0, 0, "overflows a double");
}

// A repeated BACI row was added into every total; BACI lists each (t, i, j, k) once.
TEST_F(IntegrityTest, ARepeatedBaciRowIsRefusedAtItsLine) {
  const std::string baci = Write("baci_repeat/baci.csv",
                                 "t,i,j,k,v,q\n"
                                 "2019,398,156,010101,10,1\n"
                                 "\n"
                                 "2019,398,156,020202,20,1\n"
                                 "2019,398,156,010101,10,1\n");
  ExpectRefused("baci", baci, 5, 1, "the row repeats line 2");
}

// A country table that lists a code twice sent one country's trade to another, whichever row came last.
TEST_F(IntegrityTest, ACountryTableThatListsACodeTwiceIsRefused) {
  Write("baci_codes/country_codes_V202401.csv",
        "country_code,country_name,country_iso2,country_iso3\n398,Kazakhstan,KZ,KAZ\n156,China,CN,CHN\n"
        "398,Kyrgyzstan,KG,KGZ\n");
  const std::string baci =
      Write("baci_codes/BACI_HS17_Y2019_V202401.csv", "t,i,j,k,v,q\n2019,398,156,010101,10,1\n");
  try {
    RunImport(*db_, "baci", baci);
    ADD_FAILURE() << "expected an error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.Where().line, 4U) << error.what();
    EXPECT_NE(std::string(error.what()).find("code 398 is KGZ here but KAZ at line 2"), std::string::npos)
        << error.what();
  }
}

// Line numbers of BACI errors found after parsing counted rows, not lines, and were wrong after blank lines.
TEST_F(IntegrityTest, BaciErrorsAfterBlankLinesNameTheRightLine) {
  const std::string baci = Write("baci_blank/baci.csv",
                                 "t,i,j,k,v,q\n"
                                 "2019,398,156,010101,10,1\n"
                                 "\n"
                                 "\n"
                                 "2019,398,999,010101,10,1\n");
  ExpectRefused("baci", baci, 5, 3, "999");
}

// Gzipped BACI and Comtrade files were refused although any input may be gzipped; they read as the plain
// ones.
TEST_F(IntegrityTest, GzippedBaciAndComtradeReadAsThePlainFiles) {
  std::ifstream plain_baci(Fixture("engine/baci_small.csv"), std::ios::binary);
  const std::string baci((std::istreambuf_iterator<char>(plain_baci)), std::istreambuf_iterator<char>());
  const auto zipped = RunImport(*db_, "baci", WriteGzip("baci.csv.gz", baci), {.dataset = "zipped"});
  const auto plain = RunImport(*db_, "baci", Fixture("engine/baci_small.csv"), {.dataset = "plain"});
  EXPECT_EQ(zipped.rows_read, plain.rows_read);
  EXPECT_EQ(zipped.values_stored, plain.values_stored);
  EXPECT_EQ(Count("SELECT count(*) FROM flows a JOIN flows b USING (reporter, partner, flow, year, product) "
                  "WHERE a.dataset = 'zipped' AND b.dataset = 'plain' AND a.value_usd IS b.value_usd"),
            Count("SELECT count(*) FROM flows WHERE dataset = 'plain'"));
  std::ifstream plain_comtrade(Fixture("import/comtrade_classic.csv"), std::ios::binary);
  const std::string comtrade((std::istreambuf_iterator<char>(plain_comtrade)),
                             std::istreambuf_iterator<char>());
  const auto comtrade_zipped =
      RunImport(*db_, "comtrade", WriteGzip("comtrade.csv.gz", comtrade), {.dataset = "comtrade-zipped"});
  const auto comtrade_plain =
      RunImport(*db_, "comtrade", Fixture("import/comtrade_classic.csv"), {.dataset = "comtrade-plain"});
  EXPECT_EQ(comtrade_zipped.values_stored, comtrade_plain.values_stored);
}

// Bytes after the end of a gzip stream were ignored; gzip files may still be concatenated.
TEST_F(IntegrityTest, BytesAfterAGzipStreamAreRefusedButConcatenatedMembersAreRead) {
  const std::string header = "actor,code,year,value,unit\n";
  const std::string path = WriteGzip("series.csv.gz", header + "KAZ,TEST.X,2019,1,USD\n");
  std::ofstream(path, std::ios::binary | std::ios::app) << "KAZ,TEST.X,2020,2,USD\n";
  ExpectRefused("series", path, 3, 0, "bytes follow the end of the compressed stream");
  const std::string first = WriteGzip("part1.gz", header + "KAZ,TEST.X,2019,1,USD\n");
  const std::string second = WriteGzip("part2.gz", "KAZ,TEST.X,2020,2,USD\n");
  std::ifstream in(second, std::ios::binary);
  std::ofstream(first, std::ios::binary | std::ios::app) << in.rdbuf();
  EXPECT_EQ(RunImport(*db_, "series", first).values_stored, 2);
}

// A compressed file that expands to one huge line took 5 GB of memory; lines are bounded.
TEST_F(IntegrityTest, AGzipBombOfOneHugeLineIsRefused) {
  std::string bomb = "actor,code,year,value,unit\n";
  bomb.append(std::size_t{65} << 20, 'a');
  ExpectRefused("series", WriteGzip("bomb.csv.gz", bomb), 2, 0, "the line is longer than 64 MiB");
}

// A GDELT 1.0 record one field short was read as the other layout, shifting every field after the gap.
TEST_F(IntegrityTest, AGdeltRecordMissingAFieldIsRefused) {
  std::ifstream in(Fixture("events/gdelt1_small.tsv"));
  std::string first_line;
  std::getline(in, first_line);
  // The 58-field record without its 40th field: 57 fields, a URL where DATEADDED belongs.
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (std::size_t tab = first_line.find('\t'); tab != std::string::npos;
       tab = first_line.find('\t', start)) {
    fields.push_back(first_line.substr(start, tab - start));
    start = tab + 1;
  }
  fields.push_back(first_line.substr(start));
  ASSERT_EQ(fields.size(), 58U);
  fields.erase(fields.begin() + 39);
  std::string shifted;
  for (std::size_t i = 0; i < fields.size(); ++i) shifted += (i == 0 ? "" : "\t") + fields[i];
  ExpectRefused("gdelt1", Write("shifted.tsv", shifted + "\n"), 1, 57, "is not a date-added stamp");
  // In a file of 58-field records, one of 57 fields is damaged, not the other layout.
  ExpectRefused("gdelt1", Write("mixed.tsv", first_line + "\n" + shifted + "\n"), 2, 0,
                "found 57 tab-separated fields but line 1 has 58");
}

}  // namespace
}  // namespace linkage
