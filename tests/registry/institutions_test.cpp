#include "registry/institutions.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

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
    ResolveOrganisation(*database, "Warsaw Pact");
    FAIL() << "expected an error";
  } catch (const NotFoundError& error) {
    EXPECT_NE(std::string(error.what()).find("SCO"), std::string::npos);
  }
}

// Test Pact's spells from three sources (tests/data/memberships): COW holds to 2014 and the Factbook from
// 2015 (BEL: COW says it left in 2001, the Factbook lists it from 2010, so it is a member again only from
// 2015); the curated spell of CHE decides CHE alone (it left on 30 June 2016, whatever COW says); an
// organisation COW does not cover (Other Forum) is the Factbook's throughout.
TEST_F(InstitutionsTest, PrecedenceOfCuratedThenCowThenFactbook) {
  testing::TempDir scratch;
  const std::string path = scratch.File("copy.db");
  std::filesystem::copy_file(CoreWorkspaceTest::dir->File("core.db"), path);
  Database copy(path, false);
  RunImport(copy, "memberships", testing::Fixture("memberships/cow.csv"), {"cow-igo", "", "", "", ""});
  RunImport(copy, "memberships", testing::Fixture("memberships/factbook.csv"), {"factbook", "", "", "", ""});
  RunImport(copy, "memberships", testing::Fixture("memberships/curated.csv"));
  const auto members = [&](const std::string& org, const std::string& day,
                           const std::string& role = "member") {
    std::vector<std::string> ids;
    for (const auto& spell : MembersBetween(copy, org, day, day, role).members) ids.push_back(spell.actor_id);
    return ids;
  };
  EXPECT_EQ(members("Test Pact", "2005-06-01"), (std::vector<std::string>{"AUT", "CHE"}));
  EXPECT_EQ(members("Test Pact", "2012-06-01"), (std::vector<std::string>{"AUT", "CHE"}));
  EXPECT_EQ(members("Test Pact", "2016-06-01"), (std::vector<std::string>{"AUT", "BEL", "CHE"}));
  EXPECT_EQ(members("Test Pact", "2017-06-01"), (std::vector<std::string>{"AUT", "BEL"}));
  EXPECT_EQ(members("Test Pact", "2017-06-01", "observer"), (std::vector<std::string>{"DNK"}));
  EXPECT_EQ(members("Other Forum", "1995-06-01"), (std::vector<std::string>{"AUT"}));
  const auto answer = MembersBetween(copy, "Test Pact", "2017-06-01", "2017-06-01", "member");
  EXPECT_EQ(answer.members.front().dataset, "factbook");
  EXPECT_EQ(answer.members.front().note, "from 2015: COW IGO holds the years before");
  // In 2012 the Factbook lists BEL, which COW's spell (to 2001) overrides: the disagreement is kept.
  bool belgium = false;
  for (const auto& disagreement :
       MembershipDisagreements(copy, "Test Pact", "2012-01-01", "2012-12-31", "member")) {
    if (disagreement.actor_id != "BEL") continue;
    belgium = true;
    EXPECT_FALSE(disagreement.member);
    EXPECT_NE(disagreement.what.find("factbook lists it as member"), std::string::npos) << disagreement.what;
  }
  EXPECT_TRUE(belgium);
}

TEST_F(InstitutionsTest, CentralAsiaIsANamedRegion) {
  EXPECT_EQ(RegionMembers(*database, "central-asia", 2019),
            (std::vector<std::string>{"KAZ", "KGZ", "TJK", "TKM", "UZB"}));
  EXPECT_TRUE(RegionMembers(*database, "central-asia", 1990).empty());
}

}  // namespace
}  // namespace linkage
