// A gallery of cases on four continents, end to end on the embedded data: every power keeps a linkage score
// in the years its trade data cover, no power holds all of the powers' linkage because another's data ran
// out, and spot values match the raw files.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/line_source.hpp"
#include "core/text.hpp"
#include "support/raw_files.hpp"
#include "support/temp_workspace.hpp"

namespace linkage {
namespace {

using testing::RunLinkage;

struct GalleryCase {
  std::string actor;
  std::string pivot;
  std::string region;
  std::vector<std::string> powers;  //!< besides the actor
};

// North America, Central Europe, Southeast Asia, South Asia, West Africa, South America and the South
// Caucasus (a region the user imports).
const std::vector<GalleryCase>& Cases() {
  static const std::vector<GalleryCase> cases = {
      {"USA", "MEX", "m49-central-america", {"CHN", "ESP", "CAN"}},
      {"DEU", "POL", "m49-eastern-europe", {"USA", "RUS", "CHN", "FRA"}},
      {"CHN", "VNM", "m49-south-eastern-asia", {"USA", "JPN", "KOR", "IND"}},
      {"IND", "BGD", "m49-southern-asia", {"CHN", "USA", "JPN", "RUS"}},
      {"CHN", "NGA", "m49-western-africa", {"USA", "FRA", "GBR", "IND"}},
      {"BRA", "ARG", "m49-south-america", {"USA", "CHN", "ESP", "DEU"}},
      {"RUS", "ARM", "south-caucasus", {"TUR", "IRN", "USA", "CHN"}},
  };
  return cases;
}

constexpr int kFirst = 1995;
constexpr int kLast = 2020;

class GalleryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
#if defined(__SANITIZE_ADDRESS__)
    return;
#endif
    dir = std::make_unique<testing::TempDir>();
    const auto init = RunLinkage("init --workspace gallery.db", dir->Path());
    ASSERT_EQ(init.exit_code, 0) << init.err;
    std::ofstream(dir->File("caucasus.csv")) << "region,actor,from,to\n"
                                                "south-caucasus,ARM,1991-09-21,\n"
                                                "south-caucasus,AZE,1991-10-18,\n"
                                                "south-caucasus,GEO,1991-04-09,\n";
    const auto region = RunLinkage("import regions caucasus.csv --workspace gallery.db", dir->Path());
    ASSERT_EQ(region.exit_code, 0) << region.err;
  }
  static void TearDownTestSuite() {
    dir.reset();
  }
  void SetUp() override {
#if defined(__SANITIZE_ADDRESS__)
    GTEST_SKIP()
        << "whole cases on the full workspace take many minutes under ASan; the plain build runs them";
#endif
  }
  static void ArmsOverMilitarySpendingUsesTheWdiSeries();
  static void CarriesSlowMovingInputsAStatedNumberOfYears();
  static void WorldMembershipsFollowThePrecedenceRule();
  static void AReportAboutAnotherCaseCarriesNoOneElsesAudit();
  static void BlocsAreRegionsThatFollowTheirSpells();
  static void AuditsAStudyOfVotesAlliancesAndMemberships();
  static void TradeAgreementsFromDestaAndHuggo();
  static void BreakTestsAtAUsersOwnMilestones();
  static void ANewerDownloadCarriesEveryOutputThroughItsLastYear();
  static std::unique_ptr<testing::TempDir> dir;
};

std::unique_ptr<testing::TempDir> GalleryTest::dir;

std::string Powers(const GalleryCase& subject) {
  return text::Join(subject.powers, ",");
}

// The linkage rows of the case: [measure][source][target][year] -> value or null.
using ScoreGrid =
    std::map<std::string, std::map<std::string, std::map<std::string, std::map<int, nlohmann::json>>>>;

// Whether the grid holds a value for the row (a row absent or null has none).
bool Has(const ScoreGrid& grid, const std::string& measure, const std::string& source,
         const std::string& target, int year) {
  const auto by_source = grid.find(measure);
  if (by_source == grid.end()) return false;
  const auto by_target = by_source->second.find(source);
  if (by_target == by_source->second.end()) return false;
  const auto by_year = by_target->second.find(target);
  if (by_year == by_target->second.end()) return false;
  const auto value = by_year->second.find(year);
  return value != by_year->second.end() && !value->second.is_null();
}

ScoreGrid Scores(const nlohmann::json& rows, const std::string& score) {
  ScoreGrid grid;
  for (const auto& row : rows) {
    if (row["score"] != score) continue;
    grid[row["measure"]][row["source"]][row["target"]][row["year"].get<int>()] = row["value"];
  }
  return grid;
}

void CheckCoverage(const GalleryCase& subject, const nlohmann::json& rows) {
  const ScoreGrid linkage = Scores(rows, "linkage");
  const ScoreGrid trade = Scores(rows, "economic_bandwidth");  // present exactly when trade inputs are
  std::vector<std::string> powers = {subject.actor};
  powers.insert(powers.end(), subject.powers.begin(), subject.powers.end());
  std::set<int> all_trade;  // years in which every power's trade with the pivot is known
  for (int year = kFirst; year <= kLast; ++year) all_trade.insert(year);
  for (const auto& power : powers) {
    int trade_years = 0;
    int scored = 0;
    for (int year = kFirst; year <= kLast; ++year) {
      if (!Has(trade, "score", power, subject.pivot, year)) {
        all_trade.erase(year);
        continue;
      }
      ++trade_years;
      if (Has(linkage, "score", power, subject.pivot, year)) ++scored;
    }
    EXPECT_GT(trade_years, 0) << power << "-" << subject.pivot;
    EXPECT_GE(scored, 0.9 * trade_years) << power << "-" << subject.pivot << ": scored in " << scored
                                         << " of " << trade_years << " years with trade";
  }
  // Compared on common inputs: in the years all powers trade with the pivot, each has a comparable score,
  // and a power's share is never 1 while another power has a score of its own.
  int compared = 0;
  for (const int year : all_trade) {
    bool all = true;
    for (const auto& power : powers)
      all = all && Has(linkage, "comparable_score", power, subject.pivot, year);
    compared += all ? 1 : 0;
  }
  EXPECT_GE(compared, 0.9 * static_cast<double>(all_trade.size())) << subject.pivot;
  for (const auto& target : {subject.pivot, subject.region}) {
    for (const auto& [power, by_target] : linkage.at("power_share")) {
      const auto found = by_target.find(target);
      if (found == by_target.end()) continue;
      for (const auto& [year, share] : found->second) {
        if (share.is_null()) continue;
        EXPECT_LT(share.get<double>(), 1 - 1e-9) << power << " holds all of " << target << " in " << year;
      }
    }
  }
  // The region level: each power has a comparable score with the region in at least 90% of the years.
  for (const auto& power : powers) {
    int scored = 0;
    for (int year = kFirst; year <= kLast; ++year)
      scored += !Has(linkage, "comparable_score", power, subject.region, year) ? 0 : 1;
    EXPECT_GE(scored, 0.9 * (kLast - kFirst + 1)) << power << " with " << subject.region;
  }
}

// The pivot's total trade with the actor in 2019, as the index reads it, against the raw DOTS rows: the
// pivot's exports (FOB) plus imports (CIF), US$ million.
void CheckSpotValue(const GalleryCase& subject, const std::filesystem::path& cwd) {
  const auto result = RunLinkage(fmt::format("index --dyad {},{} --years 2019-2019 --view inputs --draws 0 "
                                             "--format json --workspace gallery.db",
                                             subject.actor, subject.pivot),
                                 cwd);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto raw = testing::RawDots(2019, {subject.actor, subject.pivot});
  const double expected = (raw.at(subject.pivot + ">" + subject.actor + ":X_FOB") +
                           raw.at(subject.pivot + ">" + subject.actor + ":M_CIF")) *
                          1e6;
  bool found = false;
  for (const auto& row : nlohmann::json::parse(result.out)) {
    if (row["component"] != "total_trade" || row["source"] != subject.actor || row["target"] != subject.pivot)
      continue;
    found = true;
    EXPECT_NEAR(row["raw"].get<double>() / expected, 1, 1e-9) << subject.pivot;
    EXPECT_EQ(row["status"], "observed");
  }
  EXPECT_TRUE(found) << subject.pivot;
}

TEST_F(GalleryTest, EveryPowerIsScoredAndComparedOnTheSameInputs) {
  for (const auto& subject : Cases()) {
    SCOPED_TRACE(subject.actor + "," + subject.pivot + " in " + subject.region);
    const auto result = RunLinkage(
        fmt::format("index --dyad {},{} --region {} --powers {} --years {}-{} --draws 0 --format json "
                    "--workspace gallery.db",
                    subject.actor, subject.pivot, subject.region, Powers(subject), kFirst, kLast),
        dir->Path());
    ASSERT_EQ(result.exit_code, 0) << result.err;
    CheckCoverage(subject, nlohmann::json::parse(result.out));
    CheckSpotValue(subject, dir->Path());
  }
}

// The value of `code`'s WDI file for a country and year, read as text (not through the importer).
double RawWdi(const std::string& file, const std::string& country, int year) {
  std::ifstream in(testing::ProjectData("sources/wdi/" + file));
  const std::string key = fmt::format(",{},{},", country, year);
  std::string line;
  while (std::getline(in, line)) {
    const auto at = line.find(key);
    if (at != std::string::npos) return std::stod(line.substr(at + key.size()));
  }
  throw std::runtime_error("no WDI row " + key);
}

// Arms over military spending: the register's TIV from the USA over Mexico's military spending in million
// USD, which is the WDI's share of GDP times GDP (COW NMC's series ends in 2012).
void GalleryTest::ArmsOverMilitarySpendingUsesTheWdiSeries() {
  const auto result = RunLinkage(
      "index --dyad USA,MEX --years 2018-2018 --view inputs --draws 0 --format json --workspace gallery.db",
      dir->Path());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::map<std::string, nlohmann::json> inputs;
  for (const auto& row : nlohmann::json::parse(result.out))
    if (row["source"] == "USA" && row["target"] == "MEX") inputs[row["component"]] = row;
  const double tiv = inputs.at("arms_imports_from_partner")["raw"].get<double>();
  ASSERT_GT(tiv, 0);
  const double spending = RawWdi("wdi_ms.mil.xpnd.gd.zs.csv", "MEX", 2018) / 100 *
                          RawWdi("wdi_ny.gdp.mktp.cd.csv", "MEX", 2018) / 1e6;
  const auto& ratio = inputs.at("arms_to_military_spending");
  EXPECT_NEAR(ratio["raw"].get<double>(), tiv / spending, 1e-12 * tiv / spending);
  EXPECT_NE(ratio["steps"].get<std::string>().find("MS.MIL.XPND.GD.ZS"), std::string::npos) << ratio["steps"];
}

// A slow-moving input past its source's last year is carried, flagged, and only as far as allowed: COW's
// shared IGOs end in 2014, so 2020 is carried at the default of 6 years and missing with --carry-years 5.
void GalleryTest::CarriesSlowMovingInputsAStatedNumberOfYears() {
  const auto input = [&](const std::string& extra) {
    const auto result = RunLinkage(
        "index --dyad DEU,POL --years 2020-2020 --view inputs --draws 0 --format json --workspace "
        "gallery.db" +
            extra,
        dir->Path());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    for (const auto& row : nlohmann::json::parse(result.out))
      if (row["component"] == "shared_igos" && row["source"] == "DEU" && row["target"] == "POL") return row;
    return nlohmann::json();
  };
  const auto carried = input("");
  EXPECT_EQ(carried["status"], "carried");
  EXPECT_NE(carried["steps"].get<std::string>().find("carried forward from 2014"), std::string::npos)
      << carried["steps"];
  EXPECT_FALSE(carried["raw"].is_null());
  const auto limited = input(" --carry-years 5");
  EXPECT_EQ(limited["status"], "missing");
  EXPECT_TRUE(limited["raw"].is_null());
  const auto refused = RunLinkage(
      "index --dyad DEU,POL --years 2020-2020 --carry-years -1 --workspace gallery.db", dir->Path());
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("--carry-years must be between 0 and 50"), std::string::npos) << refused.err;
}

// Memberships of every state from three sources under one precedence rule: COW IGO to 2014 (NATO in 2004,
// ASEAN in 2000), the World Factbook after it (NATO in 2024, with Finland and Sweden), and the curated EU
// spells before either (27 in 2021: the Factbook still lists the United Kingdom, which is set aside and
// said).
void GalleryTest::WorldMembershipsFollowThePrecedenceRule() {
  const auto count = [&](const std::string& arguments, const std::string& dataset) {
    const auto result =
        RunLinkage("members " + arguments + " --format json --workspace gallery.db", dir->Path());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    const auto rows = nlohmann::json::parse(result.out);
    std::set<std::string> actors;
    for (const auto& row : rows) {
      EXPECT_EQ(row["dataset"], dataset) << row.dump();
      EXPECT_FALSE(row["source"].get<std::string>().empty());
      actors.insert(row["actor"].get<std::string>());
    }
    return std::make_pair(actors, result.err);
  };
  const auto [nato_2004, nato_2004_err] = count("--org NATO --in 2004", "cow-igo");
  EXPECT_EQ(nato_2004.size(), 26u);
  const auto [nato, nato_err] = count("--org \"North Atlantic Treaty Organization\" --in 2024", "factbook");
  EXPECT_EQ(nato.size(), 32u);
  EXPECT_TRUE(nato.contains("FIN") && nato.contains("SWE"));
  const auto [asean, asean_err] = count("--org ASEAN --in 2000", "cow-igo");
  EXPECT_EQ(asean.size(), 10u);
  const auto [eu, eu_err] = count("--org EU --in 2021", "institutions");
  EXPECT_EQ(eu.size(), 27u);
  EXPECT_FALSE(eu.contains("GBR"));
  EXPECT_NE(eu_err.find("GBR is not counted: factbook lists it as member"), std::string::npos) << eu_err;
  // Observers are kept apart: Papua New Guinea is an ASEAN observer in the Factbook, not a member.
  const auto observers = RunLinkage(
      "members --org ASEAN --in 2020 --role observer --format json --workspace gallery.db", dir->Path());
  ASSERT_EQ(observers.exit_code, 0) << observers.err;
  EXPECT_NE(observers.out.find("PNG"), std::string::npos);
}

// A report about a case other than the source study: no audit section unless claims are given, and the
// views it cannot draw say why.
void GalleryTest::AReportAboutAnotherCaseCarriesNoOneElsesAudit() {
  const auto result = RunLinkage(
      "report --dyad DEU,POL --years 2000-2020 --region m49-eastern-europe --powers USA,RUS,CHN --draws 0 "
      "--no-static-figures --out report --workspace gallery.db",
      dir->Path());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::ifstream in(dir->File("report/report.html"));
  const std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(html.find("<section id=\"audit\">"), std::string::npos);
  EXPECT_EQ(html.find("source-study"), std::string::npos);
  EXPECT_NE(html.find("<section id=\"index\""), std::string::npos);
  EXPECT_NE(
      html.find(
          "There is no product view: the workspace holds no product-level trade of Poland with Germany"),
      std::string::npos);
  EXPECT_NE(html.find("compared on the inputs every one of them has"), std::string::npos);
}

// Blocs are regions whose members follow the membership spells: the EU has 27 members in 2021 and 15 in
// 2003, and an actor-region command runs on ASEAN.
void GalleryTest::BlocsAreRegionsThatFollowTheirSpells() {
  const auto members = [&](const std::string& bloc, int year) {
    const auto result = RunLinkage(
        fmt::format("regions {} --in {} --format json --workspace gallery.db", bloc, year), dir->Path());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    const auto rows = nlohmann::json::parse(result.out);
    EXPECT_EQ(rows.size(), 1u);
    EXPECT_NE(rows[0]["source"].get<std::string>().find("membership spells"), std::string::npos) << rows[0];
    return rows[0]["count"].get<int>();
  };
  EXPECT_EQ(members("EU", 2021), 27);
  EXPECT_EQ(members("\"European Union\"", 2003), 15);
  const auto region =
      RunLinkage("region --actor CHN --region ASEAN --years 2019-2019 --format json --workspace gallery.db",
                 dir->Path());
  ASSERT_EQ(region.exit_code, 0) << region.err;
  EXPECT_NE(region.out.find("\"VNM\""), std::string::npos);
  const auto listed = RunLinkage("regions --in 2019 --format csv --workspace gallery.db", dir->Path());
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  for (const char* name :
       {"\nm49-western-africa,", "\nwb-income-high,", "\nNATO,", "\nASEAN,", "\nMercosur,"})
    EXPECT_NE(listed.out.find(name), std::string::npos) << name;
}

// Audits one claims file and checks every verdict (and the reading that explains a differing claim) against
// the ones worked out independently from the raw files (scripts/check-claims-independently.py, the rows in
// tests/data/claims/gallery-notes.md). Returns the audited claims by id.
std::map<std::string, nlohmann::json> ExpectVerdicts(const std::string& file, const testing::TempDir& dir) {
  SCOPED_TRACE(file);
  const std::string path = testing::Fixture("claims/" + file);
  const auto result =
      RunLinkage("reproduce --format json --workspace gallery.db --claims " + path, dir.Path());
  EXPECT_EQ(result.exit_code, 0) << result.err;
  std::map<std::string, nlohmann::json> by_id;
  if (result.exit_code != 0) return by_id;
  for (const auto& claim : nlohmann::json::parse(result.out)) by_id[claim["id"]] = claim;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  std::size_t claims = 0;
  while (std::getline(in, line)) {
    // id is the first field, expect_verdict and expect_reading the last two (no commas inside them).
    const std::string id = line.substr(0, line.find(','));
    const auto last = line.rfind(',');
    const auto before = line.rfind(',', last - 1);
    const std::string verdict = line.substr(before + 1, last - before - 1);
    const std::string reading = line.substr(last + 1);
    SCOPED_TRACE(id);
    ++claims;
    if (!by_id.contains(id)) {
      ADD_FAILURE() << "not audited";
      continue;
    }
    const auto& claim = by_id.at(id);
    EXPECT_EQ(claim["verdict"], verdict) << claim.dump(1);
    if (!reading.empty()) {
      bool found = false;
      for (const auto& alternative : claim["alternatives"])
        found = found || (alternative["interpretation"] == reading && alternative["verdict"] == "holds");
      EXPECT_TRUE(found) << claim.dump(1);
    }
  }
  EXPECT_GE(claims, 10u);
  return by_id;
}

// A claims file per case: votes, alliances, memberships, arms, trade flows, GDP and trade agreements, with
// claims that hold, differ (some explained by another reading) and cannot be checked.
void GalleryTest::AuditsAStudyOfVotesAlliancesAndMemberships() {
  const auto europe = ExpectVerdicts("europe-americas-politics.csv", *dir);
  // Unverifiable says what is missing: the votes in the workspace end before 2022.
  ASSERT_TRUE(europe.contains("de-pl-votes-2022"));
  EXPECT_NE(europe.at("de-pl-votes-2022")["explanation"].get<std::string>().find("roll call"),
            std::string::npos)
      << europe.at("de-pl-votes-2022").dump(1);
  for (const char* file : {"chn-vnm.csv", "ind-bgd.csv", "chn-nga.csv", "bra-arg.csv", "rus-arm.csv"})
    ExpectVerdicts(file, *dir);
}

// Trade agreements in force by pair (DESTA's parties and sides, HUGGO's state dates): NAFTA binds Mexico and
// the United States from 1994-01-01 to 2020-06-30 and the USMCA from 2020-07-01 (HUGGO NRTAFT_1992A and
// MXCCND_2018A); the EC-Mexico agreement (DESTA 330) binds Germany to Mexico from 2000-07-01 but never two
// EU members to each other; the FBIC preset's trade-agreement input is observed, not missing.
void GalleryTest::TradeAgreementsFromDestaAndHuggo() {
  const auto mexico =
      RunLinkage("agreements --actor MEX --partner USA --format csv --workspace gallery.db", dir->Path());
  ASSERT_EQ(mexico.exit_code, 0) << mexico.err;
  EXPECT_NE(
      mexico.out.find("DESTA 636,North American Free Trade Agreement (NAFTA),MEX,USA,1994-01-01,2020-06-30"),
      std::string::npos)
      << mexico.out;
  EXPECT_NE(mexico.out.find("DESTA 1007,US Mexico Canada Agreement (USMCA),MEX,USA,2020-07-01"),
            std::string::npos);
  const auto same_side = RunLinkage(
      "agreements --agreement \"DESTA 330\" --actor DEU --format csv --workspace gallery.db", dir->Path());
  ASSERT_EQ(same_side.exit_code, 0) << same_side.err;
  EXPECT_NE(same_side.out.find("DESTA 330,EC Mexico,DEU,MEX,2000-07-01"), std::string::npos) << same_side.out;
  EXPECT_EQ(same_side.out.find(",DEU,FRA,"), std::string::npos) << same_side.out;
  const auto index = RunLinkage(
      "index --dyad USA,MEX --years 2019-2019 --weights fbic --draws 0 --view inputs --format csv "
      "--workspace gallery.db",
      dir->Path());
  ASSERT_EQ(index.exit_code, 0) << index.err;
  EXPECT_NE(index.out.find("USA,MEX,2019,trade_agreement_index,economic,bandwidth,0.14,none,1,"),
            std::string::npos)
      << index.out;
  const auto gravity = RunLinkage(
      "gravity --data workspace --years 2008-2016 --every 4 --top 20 --agreement pta --workspace gallery.db",
      dir->Path());
  ASSERT_EQ(gravity.exit_code, 0) << gravity.err;
  EXPECT_NE(gravity.out.find("pta"), std::string::npos) << gravity.out;
  const auto unknown = RunLinkage(
      "gravity --data workspace --years 2008-2016 --every 4 --top 20 --agreement NoSuchPact --workspace "
      "gallery.db",
      dir->Path());
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.err.find("neither an organisation nor a trade agreement"), std::string::npos)
      << unknown.err;
}

// A user's own dated events (tests/data/milestones/pairs.csv) replace the workspace's milestones in the break
// tests: the pair's events and the one every pair shares are tested, another pair's are not.
void GalleryTest::BreakTestsAtAUsersOwnMilestones() {
  const std::string path = testing::Fixture("milestones/pairs.csv");
  const auto tests = RunLinkage(
      "index --dyad DEU,POL --years 1995-2015 --draws 0 --view tests --format csv "
      "--workspace gallery.db --milestones " +
          path,
      dir->Path());
  ASSERT_EQ(tests.exit_code, 0) << tests.err;
  EXPECT_NE(tests.out.find("break from 1999 (Chow, segmented): Poland joins NATO"), std::string::npos)
      << tests.out;
  EXPECT_NE(tests.out.find("break from 2004 (Chow, segmented): Poland joins the European Union"),
            std::string::npos);
  EXPECT_NE(tests.out.find("break from 2008"), std::string::npos);
  EXPECT_EQ(tests.out.find("another pair"), std::string::npos);
  const auto bad = RunLinkage(
      "index --dyad DEU,POL --years 1995-2015 --draws 0 --view tests --workspace gallery.db "
      "--milestones " +
          testing::Fixture("milestones/unknown_actor.csv"),
      dir->Path());
  EXPECT_EQ(bad.exit_code, 3);
  EXPECT_NE(bad.err.find("unknown_actor.csv:2:3"), std::string::npos) << bad.err;
}

// A user's newer download extends everything (tests/data/extension/BACI_HS17_Y2021_2023_extension.csv, BACI's
// layout for 2021-2023, after the embedded IMF data end in 2020): KAZ-RUS total trade in 2022 is the four
// fixture rows, 232,000 + 116,000 (KAZ to RUS) + 322,000 + 161,000 (RUS to KAZ) thousand USD; the linkage
// score runs through 2023; the product views work for the state imported with --products-for; and the sources
// say where each ends. Runs last: it adds to the shared workspace.
void GalleryTest::ANewerDownloadCarriesEveryOutputThroughItsLastYear() {
  const auto imported =
      RunLinkage("import baci " + testing::Fixture("extension/BACI_HS17_Y2021_2023_extension.csv") +
                     " --products-for Turkey --workspace gallery.db",
                 dir->Path());
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  // Turkey's trade by HS chapter: its exports to Germany in 2022 are 562,000 thousand USD of HS 270900
  // (chapter 27) and 281,000 of HS 851712 (chapter 85).
  const auto products = RunLinkage(
      "indicators --reporter TUR --partner DEU --dimension economic --products hs2 --years 2022-2022 "
      "--format csv --workspace gallery.db",
      dir->Path());
  ASSERT_EQ(products.exit_code, 0) << products.err;
  EXPECT_NE(products.out.find("top_export_products_value,TUR,DEU,2022,27,562000000,"), std::string::npos)
      << products.out;
  EXPECT_NE(products.out.find("top_export_products_value,TUR,DEU,2022,85,281000000,"), std::string::npos);
  const auto trade = RunLinkage(
      "indicators --reporter KAZ --partner RUS --dimension economic --years 2022-2022 --format csv "
      "--workspace gallery.db",
      dir->Path());
  ASSERT_EQ(trade.exit_code, 0) << trade.err;
  EXPECT_NE(
      trade.out.find(
          "total_trade,KAZ,RUS,2022,,831000000,USD,false,reporter,,,BACI_HS17_Y2021_2023_extension.csv"),
      std::string::npos)
      << trade.out;
  const auto index = RunLinkage(
      "index --dyad RUS,KAZ --years 2016-2023 --draws 0 --level dyad --format csv --workspace gallery.db",
      dir->Path());
  ASSERT_EQ(index.exit_code, 0) << index.err;
  for (const int year : {2021, 2022, 2023}) {
    const std::string row = fmt::format("dyad,score,RUS,KAZ,{},linkage,", year);
    const auto at = index.out.find(row);
    ASSERT_NE(at, std::string::npos) << row;
    EXPECT_NE(index.out[at + row.size()], ',') << "no linkage score in " << year;
  }
  const auto sources = RunLinkage("sources --format csv --workspace gallery.db", dir->Path());
  ASSERT_EQ(sources.exit_code, 0) << sources.err;
  EXPECT_NE(sources.out.find("BACI_HS17_Y2021_2023_extension.csv,2021,2023,"), std::string::npos)
      << sources.out;
  EXPECT_NE(sources.out.find("imf_dots_full_1960_2020.csv.gz,1960,2020,"), std::string::npos);
}

// The lines of a file written before the read path for panels (tests/data/same-numbers, README there).
std::vector<std::string> EarlierOutput(const std::string& name) {
  LineSource source(testing::Fixture("same-numbers/" + name + ".csv.gz"));
  std::vector<std::string> lines;
  std::string line;
  while (source.ReadLine(line)) lines.push_back(line);
  return lines;
}

// Compares an output with the earlier one line by line, naming the first line that differs.
void ExpectSameLines(const std::string& name, const std::string& output) {
  const std::vector<std::string> earlier = EarlierOutput(name);
  std::vector<std::string> now = text::Split(output, '\n');
  if (!now.empty() && now.back().empty()) now.pop_back();
  const std::size_t common = std::min(earlier.size(), now.size());
  for (std::size_t k = 0; k < common; ++k) {
    if (earlier[k] != now[k]) {
      ADD_FAILURE() << name << " line " << k + 1 << " differs:\n  before: " << earlier[k]
                    << "\n  now:    " << now[k];
      return;
    }
  }
  EXPECT_EQ(now.size(), earlier.size()) << name;
}

std::string FileText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Every indicator, score (with its 200 draws), input with its source rows, verdict and test of the default
// case and of a case in West Africa is what the earlier read path (one query per indicator, dyad and year, on
// one thread) printed; the earlier files were written at commit 347e6bb on the same embedded data.
TEST_F(GalleryTest, SameNumbersAsTheEarlierReadPath) {
  const std::map<std::string, std::string> cases = {
      {"a", "--dyad CHN,KAZ --region central-asia --powers RUS,USA,TUR,IRN --years 1992-2020"},
      {"b", "--dyad CHN,NGA --region m49-western-africa --powers USA,FRA,GBR,IND --years 1995-2020"}};
  for (const auto& [name, selection] : cases) {
    SCOPED_TRACE(selection);
    const auto scores =
        RunLinkage(fmt::format("index {} --format csv --workspace gallery.db", selection), dir->Path());
    ASSERT_EQ(scores.exit_code, 0) << scores.err;
    ExpectSameLines(name + "-scores", scores.out);
    const auto inputs = RunLinkage(
        fmt::format("index {} --view inputs --draws 0 --format csv --workspace gallery.db", selection),
        dir->Path());
    ASSERT_EQ(inputs.exit_code, 0) << inputs.err;
    ExpectSameLines(name + "-inputs", inputs.out);
    const std::string claims =
        name == "a" ? fmt::format(" --claims {}/claims/source-study.csv", LINKAGE_DEFAULT_DATA_DIR) : "";
    const auto report = RunLinkage(fmt::format("report {}{} --no-static-figures --workspace gallery.db --out "
                                               "report-{}",
                                               selection, claims, name),
                                   dir->Path());
    ASSERT_EQ(report.exit_code, 0) << report.err;
    std::size_t tables = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir->File("report-" + name + "/data"))) {
      const std::string table = entry.path().stem().string();
      if (entry.path().extension() != ".csv" || table == "index-scores") continue;  // index-scores: above
      std::string text = FileText(entry.path());
      if (table == "index-inputs") {
        // The inputs of the dyad's latest score: the same lines as `--view inputs` prints for that dyad-year.
        const auto lines = text::Split(text, '\n');
        ASSERT_GE(lines.size(), 2u);
        const std::string unit =
            lines[1].substr(0, lines[1].find(',', lines[1].find(',', lines[1].find(',') + 1) + 1) + 1);
        std::string expected = lines[0] + "\n";
        for (const auto& line : text::Split(inputs.out, '\n'))
          if (text::StartsWith(line, unit)) expected.append(line).append("\n");
        EXPECT_EQ(text, expected) << unit;
        ++tables;
        continue;
      }
      if (table == "sources") {
        // Paths name this checkout's data folder; Debian's iso-codes files and the caucasus region this
        // workspace adds are not the earlier run's.
        const std::string folder = std::string(LINKAGE_DEFAULT_DATA_DIR) + "/";
        std::string kept;
        for (std::string line : text::Split(text, '\n')) {
          if (line.empty() || line.find("iso-codes") != std::string::npos ||
              line.find("caucasus") != std::string::npos)
            continue;
          for (auto at = line.find(folder); at != std::string::npos; at = line.find(folder))
            line.replace(at, folder.size(), "DATA/");
          kept.append(line).append("\n");
        }
        text = kept;
        std::string earlier;
        for (const auto& line : EarlierOutput("report-" + name + "-sources"))
          if (line.find("iso-codes") == std::string::npos) earlier.append(line).append("\n");
        EXPECT_EQ(text, earlier) << "sources";
        ++tables;
        continue;
      }
      ExpectSameLines(fmt::format("report-{}-{}", name, table), text);
      ++tables;
    }
    EXPECT_EQ(tables, name == "a" ? 12U : 11U);  // the audit is of the default case only
  }
}

// One process for the reference data, carrying forward and reports (ctest runs each test in its own
// process, and the workspace takes half a minute to build).
TEST_F(GalleryTest, ReferenceDataAndReportsForAnyCase) {
  ArmsOverMilitarySpendingUsesTheWdiSeries();
  CarriesSlowMovingInputsAStatedNumberOfYears();
  WorldMembershipsFollowThePrecedenceRule();
  AReportAboutAnotherCaseCarriesNoOneElsesAudit();
  BlocsAreRegionsThatFollowTheirSpells();
  AuditsAStudyOfVotesAlliancesAndMemberships();
  TradeAgreementsFromDestaAndHuggo();
  BreakTestsAtAUsersOwnMilestones();
  ANewerDownloadCarriesEveryOutputThroughItsLastYear();
}

}  // namespace
}  // namespace linkage
