#include "registry/institutions.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "ingest/importers.hpp"
#include "support/core_workspace.hpp"

namespace linkage {
namespace {

class InstitutionsTest : public testing::CoreWorkspaceTest {
 protected:
  std::vector<std::string> Members(const std::string& org, const std::string& from, const std::string& to,
                                   const std::string& role = "member") {
    const auto answer = MembersBetween(*database, ResolveOrganisation(*database, org), from, to, role);
    std::vector<std::string> ids;
    for (const auto& spell : answer.members) ids.push_back(spell.actor_id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }
};

TEST_F(InstitutionsTest, ScoMembersOnADate) {
  EXPECT_EQ(Members("SCO", "2010-06-01", "2010-06-01"),
            (std::vector<std::string>{"CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"}));
  EXPECT_EQ(Members("Shanghai Cooperation Organisation", "2010-06-01", "2010-06-01").size(), 6u);
}

TEST_F(InstitutionsTest, EuMembersInAYear) {
  EXPECT_EQ(Members("EU", "2003-01-01", "2003-12-31").size(), 15u);
  EXPECT_EQ(Members("EU", "2004-01-01", "2004-12-31").size(), 25u);  // ten joined on 1 May 2004
  EXPECT_EQ(Members("EU", "2004-04-30", "2004-04-30").size(), 15u);
  const auto in_2020 = Members("EU", "2020-01-01", "2020-12-31");
  EXPECT_EQ(in_2020.size(), 28u);  // the United Kingdom until 31 January 2020
  EXPECT_EQ(Members("EU", "2020-02-01", "2020-02-01").size(), 27u);
}

TEST_F(InstitutionsTest, ImpreciseDatesAreUndecidedNotGuessed) {
  testing::TempDir scratch;
  const std::string path = scratch.File("copy.db");
  std::filesystem::copy_file(CoreWorkspaceTest::dir->File("core.db"), path);
  Database copy(path, false);
  RunImport(copy, "memberships", testing::Fixture("import/memberships.csv"));
  // KAZ joined "2004" (year only): a member throughout 2005, undecided on 2004-03-01.
  auto answer = MembersBetween(copy, "Test Union", "2005-06-01", "2005-06-01", "");
  std::vector<std::string> members;
  for (const auto& spell : answer.members) members.push_back(spell.actor_id);
  std::sort(members.begin(), members.end());
  EXPECT_EQ(members, (std::vector<std::string>{"CHN", "KAZ"}));
  // RUS became an observer in "2005-07": undecided on 2005-07-15, certain from August.
  answer = MembersBetween(copy, "Test Union", "2005-07-15", "2005-07-15", "observer");
  ASSERT_EQ(answer.undated.size(), 1u);
  EXPECT_EQ(answer.undated.front().actor_id, "RUS");
  EXPECT_EQ(MembersBetween(copy, "Test Union", "2005-08-01", "2005-08-01", "observer").members.size(), 1u);
  answer = MembersBetween(copy, "Test Union", "2004-03-01", "2004-03-01", "");
  ASSERT_EQ(answer.undated.size(), 1u);
  EXPECT_EQ(answer.undated.front().actor_id, "KAZ");
  // CHN's spell ended on 2010-01-01: a member on 2009-12-31, not on 2010-01-01.
  EXPECT_EQ(MembersBetween(copy, "Test Union", "2009-12-31", "2009-12-31", "member").members.size(), 2u);
  EXPECT_EQ(MembersBetween(copy, "Test Union", "2010-01-01", "2010-01-01", "member").members.front().actor_id,
            "KAZ");
}

TEST_F(InstitutionsTest, UnknownOrganisationListsTheKnownOnes) {
  try {
    ResolveOrganisation(*database, "NATO");
    FAIL() << "expected an error";
  } catch (const NotFoundError& error) {
    EXPECT_NE(std::string(error.what()).find("SCO"), std::string::npos);
  }
}

TEST_F(InstitutionsTest, CentralAsiaIsANamedRegion) {
  EXPECT_EQ(RegionMembers(*database, "central-asia", 2019),
            (std::vector<std::string>{"KAZ", "KGZ", "TJK", "TKM", "UZB"}));
  EXPECT_TRUE(RegionMembers(*database, "central-asia", 1990).empty());
}

}  // namespace
}  // namespace linkage
