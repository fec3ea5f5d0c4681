#include <gtest/gtest.h>

#include "ingest/importers.hpp"
#include "store/workspace.hpp"
#include "support/core_workspace.hpp"

namespace linkage {
namespace {

using testing::Fixture;

// Each test imports into its own copy of the core workspace.
class EventDataTest : public testing::CoreWorkspaceTest {
 protected:
  void SetUp() override {
    path_ = scratch_.File("w.db");
    std::filesystem::copy_file(CoreWorkspaceTest::dir->File("core.db"), path_);
    db_ = OpenWorkspace(path_);
  }
  std::int64_t Count(const std::string& sql) { return db_->QueryInt(sql); }
  testing::TempDir scratch_;
  std::string path_;
  std::unique_ptr<Database> db_;
};

// Eight GDELT 1.0 rows: five between two states are stored with the published CAMEO code, quad class and
// Goldstein score; a row with no target, a domestic row and a West Bank (WSB) row are counted, not stored.
TEST_F(EventDataTest, Gdelt1KeepsDyadicEventsAsPublished) {
  const auto summary = RunImport(*db_, "gdelt1", Fixture("events/gdelt1_small.tsv"));
  EXPECT_EQ(summary.rows_read, 8);
  EXPECT_EQ(summary.values_stored, 5);
  ASSERT_EQ(summary.notes.size(), 3u);
  EXPECT_NE(summary.notes[2].find("WSB (1)"), std::string::npos);
  Statement row(*db_,
                "SELECT date, source_actor, target_actor, code, quad_class, intensity, dimension, citation, "
                "source_event_id, source_line FROM events WHERE source_event_id = '2'");
  ASSERT_TRUE(row.Step());
  EXPECT_EQ(row.Text(0), "2019-03-20");
  EXPECT_EQ(row.Text(1), "CHN");
  EXPECT_EQ(row.Text(2), "KAZ");
  EXPECT_EQ(row.Text(3), "0231");
  EXPECT_EQ(row.Int(4), 1);
  EXPECT_DOUBLE_EQ(row.Real(5), 3.4);
  EXPECT_EQ(row.Text(6), "economic");  // 0231 appeal for economic aid
  EXPECT_EQ(row.Text(7), "http://example.org/2");
  EXPECT_EQ(row.Int(9), 2);
}

// The backfile layout (57 fields, no SOURCEURL) and GDELT 2.0 (61 fields) are both read.
TEST_F(EventDataTest, GdeltBackfileAndVersion2) {
  EXPECT_EQ(RunImport(*db_, "gdelt1", Fixture("events/gdelt1_backfile.tsv")).values_stored, 1);
  EXPECT_EQ(RunImport(*db_, "gdelt2", Fixture("events/gdelt2_small.tsv")).values_stored, 2);
  EXPECT_EQ(Count("SELECT count(*) FROM events WHERE dataset = 'gdelt' AND code = '190' AND quad_class = 4 "
                  "AND intensity = -10"),
            1);
  // A GDELT 1.0 file is not a GDELT 2.0 file.
  EXPECT_THROW(RunImport(*db_, "gdelt2", Fixture("events/gdelt1_small.tsv")), InputError);
}

// A bad date names its line and column; a short record says how many fields GDELT has; the workspace is
// unchanged after either.
TEST_F(EventDataTest, GdeltBadRowsFailWhereTheyAre) {
  const auto before = Count("SELECT count(*) FROM events");
  try {
    RunImport(*db_, "gdelt1", Fixture("events/gdelt1_bad_date.tsv"));
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.Where().line, 3u);
    EXPECT_EQ(error.Where().column, 2u);
  }
  try {
    RunImport(*db_, "gdelt1", Fixture("events/gdelt1_bad_fields.tsv"));
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.Where().line, 2u);
    EXPECT_NE(std::string(error.what()).find("57 or 58"), std::string::npos);
  }
  EXPECT_EQ(Count("SELECT count(*) FROM events"), before);
}

// ICEWS names countries ("Russian Federation"); a code written without its leading zero (36) is CAMEO 036;
// intensity is kept as published and the quad class comes from the root.
TEST_F(EventDataTest, IcewsResolvesNamesAndCodes) {
  const auto summary = RunImport(*db_, "icews", Fixture("events/icews_small.tab"));
  EXPECT_EQ(summary.values_stored, 3);
  EXPECT_EQ(
      Count("SELECT count(*) FROM events WHERE code = '036' AND source_actor = 'KAZ' AND intensity = 4"), 1);
  EXPECT_EQ(Count("SELECT quad_class FROM events WHERE source_actor = 'RUS'"), 3);  // 112 accuse
}

// POLECAT: "CHN;RUS" as actor makes one event per pair; a missing recipient ("None") is not stored; the quad
// class is read from its name; the military context makes the event a security one.
TEST_F(EventDataTest, PolecatPairsAndQuadNames) {
  const auto summary = RunImport(*db_, "polecat", Fixture("events/polecat_small.txt"));
  EXPECT_EQ(summary.rows_read, 3);
  EXPECT_EQ(summary.values_stored, 3);
  EXPECT_EQ(Count("SELECT count(*) FROM events WHERE code = 'COOPERATE' AND target_actor = 'KAZ' AND "
                  "quad_class = 2 AND dimension = 'security'"),
            2);
}

// PLOVER: event_scale overrides the type's score; without it the PLOVER score of AGREE (4.2) is used; an
// organisation (IGO) as source is left out; an unknown type is an error at its line.
TEST_F(EventDataTest, PloverJsonRecords) {
  const auto summary = RunImport(*db_, "plover", Fixture("events/plover_small.jsonl"));
  EXPECT_EQ(summary.values_stored, 2);
  EXPECT_EQ(Count("SELECT count(*) FROM events WHERE code = 'AGREE' AND intensity = 4.2 AND quad_class = 1"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM events WHERE code = 'AID' AND intensity = 5.5 AND dimension = "
                  "'economic'"),
            1);
  try {
    RunImport(*db_, "plover", Fixture("events/plover_bad.jsonl"));
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.Where().line, 2u);
    EXPECT_EQ(error.Where().column_name, "event");
  }
}

// The same event file twice: the events are known by their id, dyad and code, so nothing is added.
TEST_F(EventDataTest, ReimportingEventsAddsNothing) {
  RunImport(*db_, "gdelt1", Fixture("events/gdelt1_small.tsv"));
  const auto again = RunImport(*db_, "gdelt1", Fixture("events/gdelt1_small.tsv"));
  EXPECT_EQ(again.values_stored, 0);
  EXPECT_EQ(again.duplicates, 5);
  EXPECT_EQ(Count("SELECT count(*) FROM events WHERE dataset = 'gdelt'"), 5);
}

}  // namespace
}  // namespace linkage
