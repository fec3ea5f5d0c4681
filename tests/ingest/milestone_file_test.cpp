#include "ingest/milestone_file.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "support/core_workspace.hpp"
#include "support/temp_workspace.hpp"

namespace linkage {
namespace {

using testing::Fixture;

class MilestoneFileTest : public testing::CoreWorkspaceTest {};

// tests/data/milestones/pairs.csv, unsorted: 1999 (POL;DEU;USA), two events of 2004 for the pair (the earlier
// one labels the year), 2008 with no actors (every pair), 2010 for POL-RUS only.
TEST_F(MilestoneFileTest, KeepsTheEventsOfThePairOnePerYearInDateOrder) {
  const auto events = ReadMilestoneFile(Fixture("milestones/pairs.csv"), *actors, "DEU", "POL", 1995, 2015);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].year, 1999);
  EXPECT_EQ(events[0].label, "Poland joins NATO");
  EXPECT_EQ(events[1].year, 2004);
  EXPECT_EQ(events[1].label, "Poland joins the European Union");
  EXPECT_EQ(events[2].year, 2008);
  const auto later = ReadMilestoneFile(Fixture("milestones/pairs.csv"), *actors, "POL", "RUS", 2005, 2015);
  ASSERT_EQ(later.size(), 2u);
  EXPECT_EQ(later[1].label, "An event of another pair");
}

// A bad date or an unknown actor names the file, line and column.
TEST_F(MilestoneFileTest, BadRowsNameTheirPlace) {
  try {
    ReadMilestoneFile(Fixture("milestones/bad_date.csv"), *actors, "DEU", "POL", 1995, 2015);
    FAIL() << "expected an error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.Where().line, 3u);
    EXPECT_EQ(error.Where().column, 1u);
    EXPECT_NE(std::string(error.what()).find("'1 May 2004' is not a date"), std::string::npos)
        << error.what();
  }
  try {
    ReadMilestoneFile(Fixture("milestones/unknown_actor.csv"), *actors, "DEU", "POL", 1995, 2015);
    FAIL() << "expected an error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.Where().line, 2u);
    EXPECT_EQ(error.Where().column, 3u);
    EXPECT_NE(std::string(error.what()).find("Polandia"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace linkage
