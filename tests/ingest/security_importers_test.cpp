#include <gtest/gtest.h>
#include <readstat.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "ingest/importers.hpp"
#include "store/workspace.hpp"
#include "support/core_workspace.hpp"
#include "support/temp_workspace.hpp"

namespace linkage {
namespace {

using testing::Fixture;

// Fixtures of the security and political importers live here.
std::string Security(const std::string& file) {
  return Fixture("import/security/" + file);
}

// Each test works on its own copy of the shared core workspace.
class SecurityImportersTest : public testing::CoreWorkspaceTest {
 protected:
  void SetUp() override {
    path_ = scratch_.File("w.db");
    std::filesystem::copy_file(CoreWorkspaceTest::dir->File("core.db"), path_);
    db_ = OpenWorkspace(path_);
  }
  std::int64_t Count(const std::string& sql) { return db_->QueryInt(sql); }
  std::optional<double> Real(const std::string& sql) {
    Statement query(*db_, sql);
    if (!query.Step()) {
      ADD_FAILURE() << "no row for " << sql;
      return std::nullopt;
    }
    return query.OptionalReal(0);
  }
  std::string Text(const std::string& sql) {
    Statement query(*db_, sql);
    if (!query.Step()) {
      ADD_FAILURE() << "no row for " << sql;
      return "";
    }
    return query.IsNull(0) ? "<null>" : query.Text(0);
  }
  //! Runs an import that must fail at `line`:`column` with `message`, and leave the workspace file as it was.
  void ExpectInputError(const std::string& format, const std::string& file, std::size_t line,
                        std::size_t column, const std::string& message) {
    db_.reset();
    const std::string before = testing::FileDigest(path_);
    db_ = OpenWorkspace(path_);
    try {
      RunImport(*db_, format, file);
      ADD_FAILURE() << "expected an error from " << file;
    } catch (const InputError& error) {
      EXPECT_EQ(error.Where().line, line) << error.what();
      EXPECT_EQ(error.Where().column, column) << error.what();
      EXPECT_NE(std::string(error.what()).find(message), std::string::npos) << error.what();
      EXPECT_EQ(error.Where().file, file) << error.what();
    }
    db_.reset();
    EXPECT_EQ(testing::FileDigest(path_), before);
    db_ = OpenWorkspace(path_);
  }
  testing::TempDir scratch_;
  std::string path_;
  std::unique_ptr<Database> db_;
};

// True when one of the summary's notes contains `words`.
bool MentionsNote(const ImportSummary& summary, const std::string& words) {
  for (const auto& note : summary.notes) {
    if (note.find(words) != std::string::npos) return true;
  }
  return false;
}

// Each row gives five flags (ATOP.DEFENSE ... ATOP.CONSUL) for the directed dyad its COW codes name.
TEST_F(SecurityImportersTest, AtopStoresFiveFlagsPerRowUnderResolvedCowCodes) {
  const auto summary = RunImport(*db_, "atop", Security("atop.csv"));
  EXPECT_EQ(summary.rows_read, 7);
  // 7 rows x 5 flags = 35; the two German rows of 1990 agree on 4 flags each and differ on neutrality.
  EXPECT_EQ(summary.duplicates, 8);
  EXPECT_EQ(summary.derived_values, 2);
  EXPECT_EQ(summary.values_stored, 25);
  EXPECT_EQ(Count("SELECT count(*) FROM dyad_series WHERE dataset='atop'"), 25);
  EXPECT_EQ(Count("SELECT count(DISTINCT code) FROM dyad_series"), 5);
  EXPECT_EQ(Count("SELECT count(*) FROM dyad_series WHERE actor_a='KAZ' AND actor_b='CHN' AND year=2002"), 5);
  EXPECT_EQ(
      *Real("SELECT value FROM dyad_series WHERE code='ATOP.NONAGG' AND actor_a='KAZ' AND actor_b='CHN'"), 1);
  // A flag of 0 is stored as 0, not left out.
  EXPECT_EQ(
      *Real("SELECT value FROM dyad_series WHERE code='ATOP.DEFENSE' AND actor_a='KAZ' AND actor_b='CHN'"),
      0);
  EXPECT_EQ(
      *Real("SELECT value FROM dyad_series WHERE code='ATOP.DEFENSE' AND actor_a='KAZ' AND actor_b='RUS'"),
      1);
  EXPECT_EQ(
      *Real("SELECT value FROM dyad_series WHERE code='ATOP.CONSUL' AND actor_a='USA' AND actor_b='TUR' "
            "AND year=1952"),
      1);
  EXPECT_EQ(Count("SELECT count(*) FROM dyad_series WHERE directed=1"), 25);
  EXPECT_EQ(Count("SELECT source_line FROM dyad_series WHERE code='ATOP.DEFENSE' AND actor_b='TUR' AND "
                  "year=1952"),
            4);
  EXPECT_EQ(
      Text("SELECT unit FROM dyad_series WHERE code='ATOP.OFFENSE' AND actor_a='KAZ' AND actor_b='RUS'"),
      "1 = obligation in force");
}

// COW 255 and 260 are both Germany in 1990: the larger flag is kept and both source lines are named.
TEST_F(SecurityImportersTest, AtopSuccessionYearKeepsTheLargerFlagAndNamesBothLines) {
  RunImport(*db_, "atop", Security("atop.csv"));
  // Line 5 (255, neutral 1) before line 6 (260, neutral 0): the stored value stays.
  EXPECT_EQ(*Real("SELECT value FROM dyad_series WHERE code='ATOP.NEUTRAL' AND actor_a='DEU' AND "
                  "actor_b='USA' AND year=1990"),
            1);
  EXPECT_EQ(Count("SELECT source_line FROM dyad_series WHERE code='ATOP.NEUTRAL' AND actor_a='DEU' AND "
                  "actor_b='USA'"),
            5);
  EXPECT_EQ(Text("SELECT transform FROM dyad_series WHERE code='ATOP.NEUTRAL' AND actor_a='DEU' AND "
                 "actor_b='USA'"),
            "column atop_neutral; the larger of this and line 6 (0)");
  // Line 7 (260, neutral 0) before line 8 (255, neutral 1): the new value replaces the stored one.
  EXPECT_EQ(*Real("SELECT value FROM dyad_series WHERE code='ATOP.NEUTRAL' AND actor_a='DEU' AND "
                  "actor_b='TUR' AND year=1990"),
            1);
  EXPECT_EQ(Count("SELECT source_line FROM dyad_series WHERE code='ATOP.NEUTRAL' AND actor_a='DEU' AND "
                  "actor_b='TUR'"),
            8);
  EXPECT_EQ(Text("SELECT transform FROM dyad_series WHERE code='ATOP.NEUTRAL' AND actor_a='DEU' AND "
                 "actor_b='TUR'"),
            "column atop_neutral; the larger of this and line 7 (0)");
  // Flags both rows agree on are plain values from the first line.
  EXPECT_EQ(Text("SELECT transform FROM dyad_series WHERE code='ATOP.DEFENSE' AND actor_a='DEU' AND "
                 "actor_b='USA'"),
            "column atop_defense");
  EXPECT_EQ(Count("SELECT count(*) FROM dyad_series WHERE actor_a='DEU' AND year=1990"), 10);
}

// A flag other than 0 or 1 fails at its line and column, and nothing is stored.
TEST_F(SecurityImportersTest, AtopFlagOfTwoIsAnInputError) {
  ExpectInputError("atop", Security("atop_bad_flag.csv"), 3, 6, "'2' is not a valid value");
  EXPECT_EQ(Count("SELECT count(*) FROM dyad_series"), 0);
}

// Shared IGOs are stored non-directed, once per pair in alphabetical order of the actor ids; -9 is stored as
// missing, never as the number -9.
TEST_F(SecurityImportersTest, CowIgoDyadIsNonDirectedWithMinusNineMissing) {
  const auto summary = RunImport(*db_, "cow-igo-dyad", Security("cow_igo_dyad.csv"));
  EXPECT_EQ(summary.values_stored, 3);
  EXPECT_EQ(summary.missing_values, 1);
  EXPECT_EQ(*Real("SELECT value FROM dyad_series WHERE code='COW.IGO.SHARED' AND actor_a='CHN' AND "
                  "actor_b='KAZ' AND year=2005"),
            12);
  EXPECT_EQ(*Real("SELECT value FROM dyad_series WHERE actor_a='RUS' AND actor_b='USA'"), 40);
  EXPECT_EQ(Count("SELECT count(*) FROM dyad_series WHERE actor_a='KAZ' AND actor_b='RUS' AND value IS NULL"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM dyad_series WHERE value < 0"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM dyad_series WHERE directed=0 AND dataset='cow-igo'"), 3);
}

// A pair listed in both orders with different counts contradicts itself: an error at the second row.
TEST_F(SecurityImportersTest, CowIgoDyadPairInBothOrdersMustAgree) {
  ExpectInputError("cow-igo-dyad", Security("cow_igo_dyad_reversed.csv"), 3, 4, "is 30 here but 12");
}
// State-year IGO counts become four series; -9 is missing.
TEST_F(SecurityImportersTest, CowIgoStateStoresFourCountsWithMinusNineMissing) {
  const auto summary = RunImport(*db_, "cow-igo-state", Security("cow_igo_state.csv"));
  EXPECT_EQ(summary.values_stored, 8);
  EXPECT_EQ(summary.missing_values, 1);
  EXPECT_EQ(*Real("SELECT value FROM series WHERE dataset='cow-igo' AND code='COW.IGO.FULL' AND "
                  "actor_id='KAZ' AND year=2005"),
            45);
  EXPECT_EQ(*Real("SELECT value FROM series WHERE code='COW.IGO.ASSOCIATE' AND actor_id='KAZ'"), 2);
  EXPECT_EQ(*Real("SELECT value FROM series WHERE code='COW.IGO.ANY' AND actor_id='CHN'"), 53);
  EXPECT_EQ(*Real("SELECT value FROM series WHERE code='COW.IGO.OBSERVER' AND actor_id='CHN'"), 3);
  EXPECT_FALSE(Real("SELECT value FROM series WHERE code='COW.IGO.OBSERVER' AND actor_id='KAZ'").has_value());
  EXPECT_EQ(Count("SELECT count(*) FROM series WHERE value < 0"), 0);
}

// A dyad-year listed with two contiguity types keeps the closer (smaller) one, in either order.
TEST_F(SecurityImportersTest, CowContiguityKeepsTheSmallestType) {
  const auto summary = RunImport(*db_, "cow-contiguity", Security("cow_contiguity.csv"));
  EXPECT_EQ(summary.rows_read, 5);
  EXPECT_EQ(summary.values_stored, 3);
  EXPECT_EQ(summary.derived_values, 2);
  // Type 5 on line 2, then type 1 on line 3: replaced.
  EXPECT_EQ(*Real("SELECT value FROM dyad_series WHERE code='COW.CONTIG' AND actor_a='KAZ' AND actor_b='CHN' "
                  "AND year=2005"),
            1);
  EXPECT_EQ(Count("SELECT source_line FROM dyad_series WHERE actor_a='KAZ' AND actor_b='CHN'"), 3);
  EXPECT_EQ(Text("SELECT transform FROM dyad_series WHERE actor_a='KAZ' AND actor_b='CHN'"),
            "column conttype; the smaller of this and line 2 (5)");
  // Type 1 on line 5, then type 5 on line 6: kept.
  EXPECT_EQ(*Real("SELECT value FROM dyad_series WHERE actor_a='CHN' AND actor_b='KAZ'"), 1);
  EXPECT_EQ(Count("SELECT source_line FROM dyad_series WHERE actor_a='CHN' AND actor_b='KAZ'"), 5);
  EXPECT_EQ(Count("SELECT count(*) FROM dyad_series WHERE directed=1"), 3);
}

// NMC values in thousands are scaled to units; -9 is missing; GFR and Germany in 1990 keep Germany's row.
TEST_F(SecurityImportersTest, CowNmcScalesThousandsAndKeepsTheContinuingCode) {
  const auto summary = RunImport(*db_, "cow-nmc", Security("cow_nmc.csv"));
  EXPECT_EQ(summary.rows_read, 6);
  EXPECT_EQ(summary.values_stored, 35);  // 5 rows kept x 7 columns
  EXPECT_EQ(summary.missing_values, 2);
  EXPECT_TRUE(MentionsNote(summary, "1 rows left out")) << ::testing::PrintToString(summary.notes);
  EXPECT_DOUBLE_EQ(*Real("SELECT value FROM series WHERE code='NMC.MILEX' AND actor_id='KAZ' AND year=2005"),
                   615000.0 * 1000);
  EXPECT_DOUBLE_EQ(*Real("SELECT value FROM series WHERE code='NMC.MILPER' AND actor_id='KAZ'"), 66000);
  EXPECT_DOUBLE_EQ(*Real("SELECT value FROM series WHERE code='NMC.TPOP' AND actor_id='KAZ'"), 15147000);
  EXPECT_DOUBLE_EQ(*Real("SELECT value FROM series WHERE code='NMC.CINC' AND actor_id='KAZ'"), 0.004);
  EXPECT_EQ(Text("SELECT transform FROM series WHERE code='NMC.MILEX' AND actor_id='KAZ'"),
            "column milex x 1000");
  EXPECT_FALSE(Real("SELECT value FROM series WHERE code='NMC.MILEX' AND actor_id='CHN'").has_value());
  EXPECT_FALSE(Real("SELECT value FROM series WHERE code='NMC.UPOP' AND actor_id='CHN'").has_value());
  EXPECT_DOUBLE_EQ(*Real("SELECT value FROM series WHERE code='NMC.MILPER' AND actor_id='CHN'"), 2255000);
  // 1990: 255 (line 5) continues into 1991, 260 (line 4) does not.
  EXPECT_DOUBLE_EQ(*Real("SELECT value FROM series WHERE code='NMC.MILEX' AND actor_id='DEU' AND year=1990"),
                   42000000.0 * 1000);
  EXPECT_EQ(Count("SELECT source_line FROM series WHERE code='NMC.MILEX' AND actor_id='DEU' AND year=1990"),
            5);
  // 1989 has only the 260 row, which is kept.
  EXPECT_DOUBLE_EQ(*Real("SELECT value FROM series WHERE code='NMC.MILEX' AND actor_id='DEU' AND year=1989"),
                   35000000.0 * 1000);
  EXPECT_EQ(Count("SELECT count(*) FROM series WHERE source_line=4"), 0);
}

// COW Trade totals in US$ million are stored in dollars; the continuing code wins in 1990.
TEST_F(SecurityImportersTest, CowTradeScalesMillionsAndKeepsTheContinuingCode) {
  const auto summary = RunImport(*db_, "cow-trade", Security("cow_trade.csv"));
  EXPECT_EQ(summary.values_stored, 8);
  EXPECT_EQ(summary.missing_values, 1);
  EXPECT_TRUE(MentionsNote(summary, "1 rows left out")) << ::testing::PrintToString(summary.notes);
  EXPECT_DOUBLE_EQ(
      *Real("SELECT value FROM series WHERE dataset='cow-trade' AND code='COW.TRADE.IMPORTS' AND "
            "actor_id='KAZ' AND year=2005"),
      17353.1e6);
  EXPECT_DOUBLE_EQ(*Real("SELECT value FROM series WHERE code='COW.TRADE.EXPORTS' AND actor_id='KAZ'"),
                   27849e6);
  EXPECT_DOUBLE_EQ(
      *Real("SELECT value FROM series WHERE code='COW.TRADE.IMPORTS' AND actor_id='DEU' AND year=1990"),
      355000e6);
  EXPECT_EQ(Count("SELECT source_line FROM series WHERE code='COW.TRADE.IMPORTS' AND actor_id='DEU' AND "
                  "year=1990"),
            4);
  EXPECT_FALSE(
      Real("SELECT value FROM series WHERE code='COW.TRADE.IMPORTS' AND actor_id='CHN'").has_value());
  EXPECT_DOUBLE_EQ(*Real("SELECT value FROM series WHERE code='COW.TRADE.EXPORTS' AND actor_id='CHN'"),
                   761953e6);
}

// The SIPRI export as published (preamble, CRLF, ';' line ends) is read row by row with its line numbers.
TEST_F(SecurityImportersTest, SipriReadsTheExportLayout) {
  std::ifstream in(Security("sipri_register.csv"), std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_NE(bytes.find(";\r\n"), std::string::npos) << "the fixture must keep its CRLF line ends";
  const auto summary = RunImport(*db_, "sipri", Security("sipri_register.csv"));
  EXPECT_EQ(summary.rows_read, 6);
  EXPECT_EQ(summary.values_stored, 6);
  EXPECT_EQ(summary.missing_values, 1);
  EXPECT_EQ(summary.estimated_values, 3);
  EXPECT_TRUE(MentionsNote(summary, "2 rows name a non-state")) << ::testing::PrintToString(summary.notes);
  // 11 preamble lines and the header: the first delivery is line 13.
  EXPECT_EQ(Count("SELECT min(source_line) FROM arms_deliveries"), 13);
  EXPECT_DOUBLE_EQ(*Real("SELECT sum(tiv) FROM arms_deliveries WHERE supplier='CHN' AND recipient='KAZ'"),
                   18 + 4.5);
  EXPECT_DOUBLE_EQ(*Real("SELECT sum(tiv) FROM arms_deliveries WHERE supplier='RUS' AND recipient='KAZ'"),
                   80);
  EXPECT_EQ(Count("SELECT year FROM arms_deliveries WHERE source_line=13"), 2018);
  EXPECT_EQ(Count("SELECT estimated FROM arms_deliveries WHERE source_line=13"), 0);
  EXPECT_EQ(Text("SELECT weapon || '|' || category FROM arms_deliveries WHERE source_line=13"),
            "Y-8|Aircraft");
  // '4.5?' is 4.5, flagged as an estimate.
  EXPECT_DOUBLE_EQ(*Real("SELECT tiv FROM arms_deliveries WHERE source_line=14"), 4.5);
  EXPECT_EQ(Count("SELECT estimated FROM arms_deliveries WHERE source_line=14"), 1);
  EXPECT_EQ(Text("SELECT deal_id FROM arms_deliveries WHERE source_line=14"), "1001");
  // An empty TIV is missing, not zero.
  EXPECT_FALSE(Real("SELECT tiv FROM arms_deliveries WHERE source_line=16").has_value());
  EXPECT_EQ(Count("SELECT count(*) FROM arms_deliveries WHERE tiv = 0"), 0);
  // Non-state and unknown parties keep their published name and no actor.
  EXPECT_EQ(Text("SELECT recipient FROM arms_deliveries WHERE source_line=17"), "<null>");
  EXPECT_EQ(Text("SELECT recipient_name FROM arms_deliveries WHERE source_line=17"), "Hezbollah (Lebanon)*");
  EXPECT_EQ(Text("SELECT supplier FROM arms_deliveries WHERE source_line=17"), "IRN");
  EXPECT_EQ(Text("SELECT supplier FROM arms_deliveries WHERE source_line=18"), "<null>");
  EXPECT_EQ(Text("SELECT supplier_name FROM arms_deliveries WHERE source_line=18"), "unknown supplier(s)");
  EXPECT_EQ(Text("SELECT recipient FROM arms_deliveries WHERE source_line=18"), "KAZ");
  // A quoted designation keeps its comma.
  EXPECT_EQ(Text("SELECT weapon FROM arms_deliveries WHERE source_line=18"), "Igla, 9M39");
  EXPECT_DOUBLE_EQ(*Real("SELECT sum(tiv) FROM arms_deliveries WHERE recipient='KAZ'"), 18 + 4.5 + 80 + 2);
}

// A TIV that is not a number fails at its line (preamble and header counted) and column 16, storing nothing.
TEST_F(SecurityImportersTest, SipriBadTivFailsAtItsLineAndLeavesTheWorkspaceUnchanged) {
  RunImport(*db_, "sipri", Security("sipri_register.csv"));
  const auto deliveries = Count("SELECT count(*) FROM arms_deliveries");
  const auto sources = Count("SELECT count(*) FROM sources");
  ASSERT_EQ(deliveries, 6);
  ExpectInputError("sipri", Security("sipri_bad_tiv.csv"), 14, 16, "'abc' is not a value");
  EXPECT_EQ(Count("SELECT count(*) FROM arms_deliveries"), deliveries);
  EXPECT_EQ(Count("SELECT count(*) FROM sources"), sources);
  EXPECT_EQ(
      Count("SELECT count(*) FROM arms_deliveries WHERE deal_id='1002' AND year=2016 AND source_line=15"), 1);
}

// AidData amounts become six GCDF series; an empty amount is missing and 0 stays 0.
TEST_F(SecurityImportersTest, AidDataStoresSixSeriesPerRecipientYear) {
  const auto summary = RunImport(*db_, "aiddata-gcdf", Security("aiddata_gcdf.csv"));
  EXPECT_EQ(summary.values_stored, 12);
  EXPECT_EQ(summary.missing_values, 2);
  EXPECT_DOUBLE_EQ(*Real("SELECT value FROM series WHERE dataset='aiddata' AND code='GCDF.OOF' AND "
                         "actor_id='KAZ' AND year=2015"),
                   1200000000.5);
  EXPECT_DOUBLE_EQ(*Real("SELECT value FROM series WHERE code='GCDF.OOF.ADJ' AND year=2015"), 1100000000);
  EXPECT_DOUBLE_EQ(*Real("SELECT value FROM series WHERE code='GCDF.ODA' AND year=2015"), 35000000);
  EXPECT_DOUBLE_EQ(*Real("SELECT value FROM series WHERE code='GCDF.ODA.ADJ' AND year=2015"), 34000000);
  EXPECT_DOUBLE_EQ(*Real("SELECT value FROM series WHERE code='GCDF.ODA' AND year=2016"), 2500000);
  EXPECT_DOUBLE_EQ(*Real("SELECT value FROM series WHERE code='GCDF.VOF' AND year=2015"), 0);
  EXPECT_FALSE(Real("SELECT value FROM series WHERE code='GCDF.OOF' AND year=2016").has_value());
  EXPECT_EQ(Text("SELECT unit FROM series WHERE code='GCDF.VOF.ADJ' AND year=2016"), "constant 2021 USD");
  EXPECT_EQ(Count("SELECT source_line FROM series WHERE code='GCDF.ODA' AND year=2016"), 3);
}

// A negative commitment fails at its line and column.
TEST_F(SecurityImportersTest, AidDataNegativeAmountIsAnInputError) {
  ExpectInputError("aiddata-gcdf", Security("aiddata_negative.csv"), 3, 5, "a negative commitment");
  EXPECT_EQ(Count("SELECT count(*) FROM series"), 0);
}

// unvotes rows are dated from the roll-call table beside them; "NA" is Namibia; no code means by name.
TEST_F(SecurityImportersTest, UnVotesDatesRollCallsAndResolvesNamibiaAndNames) {
  const auto summary = RunImport(*db_, "unvotes", Security("unvotes/un_votes.csv"));
  EXPECT_EQ(summary.rows_read, 6);
  EXPECT_EQ(summary.values_stored, 6);
  EXPECT_TRUE(MentionsNote(summary, "un_roll_calls.csv")) << ::testing::PrintToString(summary.notes);
  EXPECT_EQ(Count("SELECT count(*) FROM votes WHERE dataset='unga-votes'"), 6);
  EXPECT_EQ(Text("SELECT actor_id || ' ' || vote || ' ' || date FROM votes WHERE source_line=5"),
            "NAM yes 1991-12-16");
  EXPECT_EQ(Text("SELECT actor_id || ' ' || vote || ' ' || date FROM votes WHERE source_line=3"),
            "YAR yes 1989-12-15");
  EXPECT_EQ(Text("SELECT vote FROM votes WHERE rcid='2305' AND actor_id='CHN'"), "abstain");
  EXPECT_EQ(Text("SELECT vote FROM votes WHERE rcid='2101' AND actor_id='USA'"), "no");
  EXPECT_EQ(Count("SELECT count(*) FROM votes WHERE date='1989-12-15'"), 3);
}

// Without a roll-call table beside the votes there is no date: an InputError about the file.
TEST_F(SecurityImportersTest, UnVotesWithoutRollCallTableIsAnInputError) {
  ExpectInputError("unvotes", Security("unvotes_undated/un_votes.csv"), 0, 0, "no roll-call table");
  EXPECT_EQ(Count("SELECT count(*) FROM votes"), 0);
}

// A vote on a roll call the table does not list fails at its line.
TEST_F(SecurityImportersTest, UnVotesUnknownRollCallIsAnInputError) {
  ExpectInputError("unvotes", Security("unvotes/un_votes_unknown_rcid.csv"), 3, 1,
                   "roll call 9999 is not in");
  EXPECT_EQ(Count("SELECT count(*) FROM votes"), 0);
}

// Milestones become one event per pair of states, with a partnership rung and a quad class.
TEST_F(SecurityImportersTest, MilestonesBecomePairEventsWithRungAndQuadClass) {
  const auto summary = RunImport(*db_, "milestones", Security("milestones.csv"));
  EXPECT_EQ(summary.rows_read, 6);
  EXPECT_EQ(summary.values_stored, 8);
  EXPECT_EQ(Count("SELECT count(*) FROM events WHERE dataset='institutions'"), 8);
  // The most specific rung wins, in any letter case.
  EXPECT_EQ(Text("SELECT code FROM events WHERE source_line=2"), "permanent_comprehensive_strategic");
  EXPECT_EQ(Text("SELECT code FROM events WHERE source_line=3"), "comprehensive_strategic");
  EXPECT_EQ(Text("SELECT source_actor || '-' || target_actor FROM events WHERE source_line=3"), "KAZ-CHN");
  // Three states (and SCO) make three pairs in the order listed.
  EXPECT_EQ(Count("SELECT count(*) FROM events WHERE source_line=4"), 3);
  EXPECT_EQ(Text("SELECT group_concat(source_actor || '-' || target_actor, ' ') FROM "
                 "(SELECT * FROM events WHERE source_line=4 ORDER BY id)"),
            "CHN-KAZ CHN-RUS KAZ-RUS");
  EXPECT_EQ(Text("SELECT description FROM events WHERE source_line=4 LIMIT 1"), "Qingdao summit [with SCO]");
  EXPECT_EQ(Count("SELECT quad_class FROM events WHERE kind='military_exercise'"), 2);
  EXPECT_EQ(Count("SELECT quad_class FROM events WHERE source_line=2"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM events WHERE kind='other' AND quad_class IS NULL"), 1);
  EXPECT_EQ(Text("SELECT citation || ' ' || confidence FROM events WHERE source_line=5"),
            "https://example.org/d likely");
  EXPECT_EQ(Text("SELECT dimension FROM events WHERE source_line=5"), "security");
}

// A state and an organisation of the workspace (CSTO) make one event with the state on both sides.
TEST_F(SecurityImportersTest, MilestoneWithOneStateAndAnOrganisationNamesTheStateTwice) {
  RunImport(*db_, "milestones", Security("milestones.csv"));
  EXPECT_EQ(Count("SELECT count(*) FROM events WHERE source_line=6"), 1);
  EXPECT_EQ(Text("SELECT source_actor || '-' || target_actor FROM events WHERE source_line=6"), "KAZ-KAZ");
  EXPECT_EQ(Text("SELECT description FROM events WHERE source_line=6"),
            "CSTO peacekeepers deployed [with CSTO]");
  EXPECT_EQ(Count("SELECT quad_class FROM events WHERE source_line=6"), 2);
  // A lone state by name is also stored on both sides.
  EXPECT_EQ(Text("SELECT source_actor || '-' || target_actor FROM events WHERE source_line=7"), "KAZ-KAZ");
}

// An actor that is neither a state nor a known organisation fails at its line and the actors column.
TEST_F(SecurityImportersTest, MilestoneUnknownActorIsAnInputError) {
  ExpectInputError("milestones", Security("milestones_unknown_actor.csv"), 3, 2, "unknown actor 'Narnia'");
  EXPECT_EQ(Count("SELECT count(*) FROM events"), 0);
}

// ---- Stata files, written at run time with libreadstat's writer ----

// readstat's data writer: appends the bytes to the FILE* given as context.
ssize_t WriteToFile(const void* data, size_t length, void* file) {
  return static_cast<ssize_t>(std::fwrite(data, 1, length, static_cast<std::FILE*>(file)));
}

struct WitsObservation {
  const char* reporter;
  const char* reporter_name;
  const char* product;
  int year;
  int flow;                         //!< 1 Export, 2 Import: an "encoded" Stata column with value labels
  std::optional<double> thousands;  //!< nullopt: Stata's system missing value
};

// Writes a WITS download as a Stata file: strings, int16, a value-labelled int8 column and doubles.
void WriteWitsDta(const std::string& path, const std::vector<WitsObservation>& rows) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  ASSERT_NE(file, nullptr);
  readstat_writer_t* writer = readstat_writer_init();
  ASSERT_EQ(readstat_set_data_writer(writer, WriteToFile), READSTAT_OK);
  readstat_label_set_t* flows = readstat_add_label_set(writer, READSTAT_TYPE_INT32, "flowlbl");
  readstat_label_int32_value(flows, 1, "Export");
  readstat_label_int32_value(flows, 2, "Import");
  auto* nomenclature = readstat_add_variable(writer, "Nomenclature", READSTAT_TYPE_STRING, 2);
  auto* reporter = readstat_add_variable(writer, "ReporterISO3", READSTAT_TYPE_STRING, 3);
  auto* product = readstat_add_variable(writer, "ProductCode", READSTAT_TYPE_STRING, 6);
  auto* reporter_name = readstat_add_variable(writer, "ReporterName", READSTAT_TYPE_STRING, 20);
  auto* partner = readstat_add_variable(writer, "PartnerISO3", READSTAT_TYPE_STRING, 3);
  auto* partner_name = readstat_add_variable(writer, "PartnerName", READSTAT_TYPE_STRING, 20);
  auto* year = readstat_add_variable(writer, "Year", READSTAT_TYPE_INT16, 0);
  auto* flow_name = readstat_add_variable(writer, "TradeFlowName", READSTAT_TYPE_INT8, 0);
  readstat_variable_set_label_set(flow_name, flows);
  auto* flow_code = readstat_add_variable(writer, "TradeFlowCode", READSTAT_TYPE_INT8, 0);
  auto* value = readstat_add_variable(writer, "TradeValuein1000USD", READSTAT_TYPE_DOUBLE, 0);
  auto* region = readstat_add_variable(writer, "PartnerRegion", READSTAT_TYPE_STRING, 24);
  auto* income = readstat_add_variable(writer, "PartnerIncomeGroup", READSTAT_TYPE_STRING, 24);
  ASSERT_EQ(readstat_begin_writing_dta(writer, file, static_cast<long>(rows.size())), READSTAT_OK);
  for (const auto& row : rows) {
    ASSERT_EQ(readstat_begin_row(writer), READSTAT_OK);
    readstat_insert_string_value(writer, nomenclature, "H4");
    readstat_insert_string_value(writer, reporter, row.reporter);
    readstat_insert_string_value(writer, product, row.product);
    readstat_insert_string_value(writer, reporter_name, row.reporter_name);
    readstat_insert_string_value(writer, partner, "CHN");
    readstat_insert_string_value(writer, partner_name, "China");
    readstat_insert_int16_value(writer, year, static_cast<int16_t>(row.year));
    readstat_insert_int8_value(writer, flow_name, static_cast<int8_t>(row.flow));
    readstat_insert_int8_value(writer, flow_code, static_cast<int8_t>(row.flow == 1 ? 6 : 5));
    if (row.thousands) {
      readstat_insert_double_value(writer, value, *row.thousands);
    } else {
      readstat_insert_missing_value(writer, value);
    }
    readstat_insert_string_value(writer, region, "East Asia & Pacific");
    readstat_insert_string_value(writer, income, "Upper middle income");
    ASSERT_EQ(readstat_end_row(writer), READSTAT_OK);
  }
  ASSERT_EQ(readstat_end_writing(writer), READSTAT_OK);
  readstat_writer_free(writer);
  ASSERT_EQ(std::fclose(file), 0);
}

// A Stata file is read like its CSV: strings, numbers, value labels applied, missing kept as missing.
TEST_F(SecurityImportersTest, StataWitsFileAppliesLabelsAndKeepsMissing) {
  const std::string dta = scratch_.File("wits_kaz_chn.dta");
  ASSERT_NO_FATAL_FAILURE(WriteWitsDta(dta, {{"KAZ", "Kazakhstan", "2612", 2019, 1, 1500.5},
                                             {"KAZ", "Kazakhstan", "2844", 2019, 1, 700.25},
                                             {"KAZ", "Kazakhstan", "2709", 2020, 1, std::nullopt},
                                             {"KAZ", "Kazakhstan", "2709", 2020, 2, 42}}));
  const auto summary = RunImport(*db_, "wits", dta);
  EXPECT_EQ(summary.rows_read, 4);
  EXPECT_EQ(summary.derived_values, 3);  // totals of 2019 X, 2020 X and 2020 M
  EXPECT_DOUBLE_EQ(
      *Real("SELECT value_usd FROM flows WHERE reporter='KAZ' AND partner='CHN' AND flow='X' AND "
            "year=2019 AND product='2612'"),
      1500.5e3);
  EXPECT_EQ(Text("SELECT level FROM flows WHERE product='2612'"), "hs4");
  EXPECT_DOUBLE_EQ(*Real("SELECT value_usd FROM flows WHERE flow='X' AND year=2019 AND product='2844'"),
                   700.25e3);
  EXPECT_DOUBLE_EQ(*Real("SELECT value_usd FROM flows WHERE flow='X' AND year=2019 AND product='TOTAL'"),
                   (1500.5 + 700.25) * 1e3);
  // Observations are numbered from 1 in place of lines.
  EXPECT_EQ(Text("SELECT transform FROM flows WHERE flow='X' AND year=2019 AND product='TOTAL'"),
            "sum of 2 hs4 rows, lines 1-2, x 1e3");
  // Stata's missing value stays missing, and so does a total over it.
  EXPECT_FALSE(
      Real("SELECT value_usd FROM flows WHERE flow='X' AND year=2020 AND product='2709'").has_value());
  EXPECT_FALSE(
      Real("SELECT value_usd FROM flows WHERE flow='X' AND year=2020 AND product='TOTAL'").has_value());
  EXPECT_EQ(Count("SELECT count(*) FROM flows WHERE value_usd = 0"), 0);
  // Code 2 of the labelled column reads as its label, "Import".
  EXPECT_DOUBLE_EQ(*Real("SELECT value_usd FROM flows WHERE flow='M' AND year=2020 AND product='2709'"),
                   42e3);
  EXPECT_EQ(Text("SELECT valuation FROM flows WHERE flow='M' AND product='2709'"), "CIF");
  EXPECT_EQ(Count("SELECT source_line FROM flows WHERE flow='M' AND product='2709'"), 4);
}

// An error in a Stata file points at the observation number and the variable.
TEST_F(SecurityImportersTest, StataErrorNamesTheObservation) {
  const std::string dta = scratch_.File("wits_bad.dta");
  ASSERT_NO_FATAL_FAILURE(WriteWitsDta(
      dta, {{"KAZ", "Kazakhstan", "2612", 2019, 1, 1500.5}, {"XQZ", "Nowhere", "2612", 2019, 1, 3}}));
  ExpectInputError("wits", dta, 2, 2, "unknown actor 'XQZ'");
  EXPECT_EQ(Count("SELECT count(*) FROM flows"), 0);
}

// Importing the register or the timeline a second time adds nothing: each row is counted as a duplicate.
TEST_F(SecurityImportersTest, ReimportingRowTablesAddsNothing) {
  const auto first = RunImport(*db_, "sipri", Security("sipri_register.csv"));
  const auto rows = Count("SELECT count(*) FROM arms_deliveries");
  const auto again = RunImport(*db_, "sipri", Security("sipri_register.csv"));
  EXPECT_EQ(again.values_stored, 0);
  EXPECT_EQ(again.duplicates, first.values_stored);
  EXPECT_EQ(Count("SELECT count(*) FROM arms_deliveries"), rows);
  RunImport(*db_, "milestones", Security("milestones.csv"));
  const auto events = Count("SELECT count(*) FROM events");
  EXPECT_EQ(RunImport(*db_, "milestones", Security("milestones.csv")).values_stored, 0);
  EXPECT_EQ(Count("SELECT count(*) FROM events"), events);
}

// An organisation named by one of its other names (org_aliases: "Turkic Council") is recognised as such.
TEST_F(SecurityImportersTest, MilestoneOrganisationByAlias) {
  const auto summary = RunImport(*db_, "milestones", Security("milestones_org_alias.csv"));
  EXPECT_EQ(summary.values_stored, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM events WHERE source_actor = 'KAZ' AND target_actor = 'TUR' AND "
                  "description LIKE '%[with Turkic Council]'"),
            1);
}

// The embedded Stata copy of a WITS download stores the same flows as its CSV twin, value for value.
TEST_F(SecurityImportersTest, StataAndCsvCopiesOfWitsAgree) {
  ImportOptions dta;
  dta.dataset = "from-dta";
  const auto from_dta = RunImport(
      *db_, "wits",
      testing::ProjectData("sources/wits-kaz/stata/kazakhstan_exports_to_china_hs4_2015_2024_wits.dta"), dta);
  ImportOptions csv;
  csv.dataset = "from-csv";
  const auto from_csv = RunImport(
      *db_, "wits",
      testing::ProjectData("sources/wits-kaz/kazakhstan_exports_to_china_hs4_2015_2024_wits.csv"), csv);
  EXPECT_EQ(from_dta.rows_read, from_csv.rows_read);
  EXPECT_EQ(from_dta.values_stored, from_csv.values_stored);
  EXPECT_EQ(
      Count("SELECT count(*) FROM flows a JOIN flows b ON a.reporter = b.reporter AND a.partner = b.partner "
            "AND a.flow = b.flow AND a.year = b.year AND a.product = b.product WHERE a.dataset = 'from-dta' "
            "AND b.dataset = 'from-csv' AND (a.value_usd IS b.value_usd OR abs(a.value_usd - b.value_usd) <= "
            "1e-9 * abs(b.value_usd))"),
      from_csv.values_stored);
}

}  // namespace
}  // namespace linkage
