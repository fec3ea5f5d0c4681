// The main job on the real embedded data: build the default workspace once and audit the source study and a
// second claims file about other countries.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "core/csv_reader.hpp"
#include "core/text.hpp"
#include "store/database.hpp"
#include "support/raw_files.hpp"
#include "support/temp_workspace.hpp"

namespace linkage {
namespace {

using testing::RunLinkage;

class EmbeddedDataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir = std::make_unique<testing::TempDir>();
    const auto init = RunLinkage("init --workspace full.db", dir->Path());
    ASSERT_EQ(init.exit_code, 0) << init.err;
  }
  static void TearDownTestSuite() { dir.reset(); }
  static nlohmann::json Reproduce(const std::string& claims) {
    const auto result = RunLinkage("reproduce --format json --workspace full.db" + claims, dir->Path());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return nlohmann::json::parse(result.out);
  }
  static void CheckSourceStudy();
  static void CheckSecondStudy();
  static void CheckFormats();
  static void CheckIndicators();
  static void CheckThreeDimensions();
  static void CheckLinkageModel();
  static void CheckReport();
  static void CheckGravity();
  static void CheckScenarios();
  static std::unique_ptr<testing::TempDir> dir;
};

std::unique_ptr<testing::TempDir> EmbeddedDataTest::dir;

const nlohmann::json& ById(const nlohmann::json& results, const std::string& id) {
  for (const auto& result : results) {
    if (result["id"] == id) return result;
  }
  throw std::runtime_error("no claim " + id);
}

bool Reproduces(const nlohmann::json& claim, const std::string& interpretation) {
  for (const auto& alternative : claim["alternatives"]) {
    if (alternative["interpretation"] == interpretation && alternative["verdict"] == "holds") return true;
  }
  return false;
}

// One test: ctest runs each test in its own process, and the workspace takes half a minute to build.
TEST_F(EmbeddedDataTest, ReproducesTheSourceStudyAndASecondStudy) {
  CheckSourceStudy();
  CheckSecondStudy();
  CheckFormats();
  CheckIndicators();
  CheckThreeDimensions();
  CheckLinkageModel();
  CheckReport();
  CheckGravity();
  CheckScenarios();
}

void EmbeddedDataTest::CheckSourceStudy() {
  const auto results = Reproduce("");
  CsvReader claims(testing::ProjectData("claims/source-study.csv"));
  CsvRecord record;
  std::size_t count = 0;
  while (claims.Next(record)) {
    ++count;
    const auto& claim = ById(results, record.fields[0]);
    EXPECT_FALSE(claim["explanation"].get<std::string>().empty());
  }
  EXPECT_EQ(results.size(), count);
  // Findings worked out independently from the IMF DOTS and WDI files (see docs/claims.md).
  EXPECT_EQ(ById(results, "real-growth-2000-2013")["verdict"], "holds");
  EXPECT_NEAR(ById(results, "real-growth-2000-2013")["computed"].get<double>(), 7.95, 0.01);
  EXPECT_EQ(ById(results, "exports-to-china-value")["verdict"], "differs");  // 2020 by default
  EXPECT_TRUE(Reproduces(ById(results, "exports-to-china-value"), "year 2019 (the claim states none)"));
  EXPECT_TRUE(Reproduces(ById(results, "exports-to-china-share"), "year 2019 (the claim states none)"));
  EXPECT_TRUE(Reproduces(ById(results, "gdp-table"), "the level instead of the growth rate") ||
              ById(results, "gdp-table")["explanation"].get<std::string>().find(
                  "the level instead of the growth rate") != std::string::npos);
  EXPECT_NE(ById(results, "trade-table")["explanation"].get<std::string>().find(
                "partner's report of the same flow (mirror data); exports and imports swapped"),
            std::string::npos);
  EXPECT_EQ(ById(results, "uyghurs-in-kazakhstan")["verdict"], "unverifiable");
  EXPECT_EQ(ById(results, "second-largest-partner")["verdict"], "holds");
}

void EmbeddedDataTest::CheckSecondStudy() {
  const std::string path = testing::Fixture("claims/us-brazil-china.csv");
  const auto results = Reproduce(" --claims " + path);
  CsvReader claims(path);
  CsvRecord record;
  while (claims.Next(record)) {
    SCOPED_TRACE(record.fields[0]);
    const auto& claim = ById(results, record.fields[0]);
    EXPECT_EQ(claim["verdict"], record.fields[claims.Column("expect_verdict")]) << claim["explanation"];
    const std::string reading = record.fields[claims.Column("expect_reading")];
    if (!reading.empty()) {
      EXPECT_TRUE(Reproduces(claim, reading)) << claim.dump(1);
    }
  }
}

void EmbeddedDataTest::CheckFormats() {
  const auto table = RunLinkage("reproduce --workspace full.db", dir->Path());
  EXPECT_EQ(table.exit_code, 0);
  EXPECT_NE(table.out.find("17 claims:"), std::string::npos);
  const auto csv = RunLinkage("reproduce --format csv --workspace full.db", dir->Path());
  EXPECT_EQ(csv.exit_code, 0);
  EXPECT_EQ(csv.out.rfind("id,statement,printed,computed,verdict,explanation,alternatives_holding", 0), 0u);
}

}  // namespace
}  // namespace linkage

namespace linkage {
namespace {}  // namespace

void EmbeddedDataTest::CheckIndicators() {
  const auto result = RunLinkage(
      "indicators --reporter KAZ --partner CHN --years 2019 --format json --workspace full.db "
      "--only export_share,import_share,mirror_gap_exports_ratio,mirror_gap_imports_ratio",
      dir->Path());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::map<std::string, double> computed;
  for (const auto& record : nlohmann::json::parse(result.out)) {
    computed[record["indicator"]] = record["value"].get<double>();
    EXPECT_FALSE(record["provenance"].empty());
  }
  const auto raw = testing::RawDots(2019, {"KAZ", "CHN"});
  // World rows have the ISO code WLD in this file.
  const auto world = testing::RawDots(2019, {"KAZ", "WLD"});
  EXPECT_NEAR(computed["export_share"], raw.at("KAZ>CHN:X_FOB") / world.at("KAZ>WLD:X_FOB"), 1e-12);
  EXPECT_NEAR(computed["import_share"], raw.at("KAZ>CHN:M_CIF") / world.at("KAZ>WLD:M_CIF"), 1e-12);
  EXPECT_NEAR(computed["mirror_gap_exports_ratio"], raw.at("CHN>KAZ:M_CIF") / raw.at("KAZ>CHN:X_FOB"), 1e-12);
  EXPECT_NEAR(computed["mirror_gap_imports_ratio"], raw.at("KAZ>CHN:M_CIF") / raw.at("CHN>KAZ:X_FOB"), 1e-12);

  // The ideal-point distance of session 74 (opening in 2019), against the raw file's rows for COW 705 and
  // 710.
  const auto political = RunLinkage(
      "indicators --reporter KAZ --partner CHN --years 2019 --dimension political --only "
      "ideal_point_distance "
      "--format json --workspace full.db",
      dir->Path());
  ASSERT_EQ(political.exit_code, 0) << political.err;
  std::map<std::string, double> points;
  std::ifstream raw_points(testing::ProjectData("sources/unga/IdealpointestimatesAll_Apr2020.csv"));
  std::string line;
  while (std::getline(raw_points, line)) {
    const auto fields = text::Split(line, ',');
    if (fields.size() > 4 && fields[2] == "74" && (fields[1] == "705" || fields[1] == "710")) {
      points[fields[1]] = std::stod(fields[4]);
    }
  }
  ASSERT_EQ(points.size(), 2u);
  const auto records = nlohmann::json::parse(political.out);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_NEAR(records[0]["value"].get<double>(), std::abs(points["705"] - points["710"]), 1e-12);
}

}  // namespace linkage

namespace linkage {
namespace {

// Lines of a plain or gzip file, read with zlib (not the project's readers).
std::vector<std::string> RawLines(const std::string& path) {
  std::vector<std::string> lines;
  gzFile in = gzopen(path.c_str(), "rb");
  std::vector<char> buffer(1 << 16);
  while (gzgets(in, buffer.data(), static_cast<int>(buffer.size())) != nullptr) {
    std::string line(buffer.data());
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    lines.push_back(std::move(line));
  }
  gzclose(in);
  return lines;
}

// value of `indicator` in `year` among JSON records; NaN when missing.
double RecordValue(const nlohmann::json& records, const std::string& indicator, int year) {
  for (const auto& record : records) {
    if (record["indicator"] == indicator && record["year"] == year) {
      return record["value"].is_null() ? std::nan("") : record["value"].get<double>();
    }
  }
  ADD_FAILURE() << "no record " << indicator << " " << year;
  return std::nan("");
}

}  // namespace

// KAZ with CHN, RUS, USA and TUR, 1992-2020: the security and political dimensions are measured from the
// embedded ATOP, COW, SIPRI, UN and timeline data, and three values are recomputed here from the raw files.
void EmbeddedDataTest::CheckThreeDimensions() {
  std::map<std::string, nlohmann::json> security;
  std::map<std::string, nlohmann::json> political;
  for (const std::string partner : {"CHN", "RUS", "USA", "TUR"}) {
    SCOPED_TRACE(partner);
    for (const auto& [dimension, out] :
         {std::pair{"security", &security}, std::pair{"political", &political}}) {
      const auto result = RunLinkage(fmt::format("indicators --reporter KAZ --partner {} --years 1992-2020 "
                                                 "--dimension {} --format json --workspace full.db",
                                                 partner, dimension),
                                     dir->Path());
      ASSERT_EQ(result.exit_code, 0) << result.err;
      (*out)[partner] = nlohmann::json::parse(result.out);
    }
    // ATOP to 2018, SIPRI from 1995, COW IGO to 2014, UN votes to 2019: values where the data reach.
    EXPECT_FALSE(std::isnan(RecordValue(security[partner], "alliance_nonaggression", 2010)));
    EXPECT_FALSE(std::isnan(RecordValue(security[partner], "arms_imports_from_partner", 2015)));
    EXPECT_FALSE(std::isnan(RecordValue(political[partner], "shared_igos", 2010)));
    EXPECT_FALSE(std::isnan(RecordValue(political[partner], "vote_agreement", 2015)));
    EXPECT_TRUE(std::isnan(RecordValue(security[partner], "alliance_defense", 2020)));
  }

  // ATOP: KAZ (705) to RUS (365) in 2010, the defence flag of the raw row.
  double defense = std::nan("");
  for (const auto& line : RawLines(testing::ProjectData("sources/atop-igo/atop_alliance.csv.gz"))) {
    const auto fields = text::Split(line, ',');
    if (fields.size() == 8 && fields[0] == "705" && fields[1] == "365" && fields[2] == "2010") {
      defense = std::stod(fields[3]);
    }
  }
  EXPECT_DOUBLE_EQ(RecordValue(security["RUS"], "alliance_defense", 2010), defense);
  EXPECT_DOUBLE_EQ(defense, 1);  // the CSTO treaty

  // SIPRI: Russia's share of the TIV delivered to Kazakhstan in 2012, summed from the raw register.
  double from_russia = 0;
  double from_all = 0;
  for (const auto& line :
       RawLines(testing::ProjectData("sources/sipri/sipri_trade_register_1995_2025.csv"))) {
    const auto fields = text::Split(line, ',');
    if (fields.size() != 17 || fields[2] != "Kazakhstan" || fields[10] != "2012" || fields[15].empty())
      continue;
    from_all += std::stod(fields[15]);
    if (fields[1] == "Russia") from_russia += std::stod(fields[15]);
  }
  ASSERT_GT(from_all, 0);
  EXPECT_NEAR(RecordValue(security["RUS"], "arms_import_share", 2012), from_russia / from_all, 1e-12);

  // UN votes: the share of identical votes of KAZ and the USA in 2015, from the raw votes and roll calls.
  std::set<std::string> roll_calls_2015;
  for (const auto& line : RawLines(testing::ProjectData("sources/unga/un_roll_calls.csv"))) {
    const auto fields = text::Split(line, ',');
    if (fields.size() > 3 && text::StartsWith(fields[3], "2015-")) roll_calls_2015.insert(fields[0]);
  }
  std::map<std::string, std::string> kaz;
  std::map<std::string, std::string> usa;
  for (const auto& line : RawLines(testing::ProjectData("sources/unga/un_votes.csv.gz"))) {
    const auto fields = text::Split(line, ',');
    if (fields.size() != 4 || !roll_calls_2015.contains(fields[0])) continue;
    if (fields[2] == "KZ") kaz[fields[0]] = fields[3];
    if (fields[2] == "US") usa[fields[0]] = fields[3];
  }
  double both = 0;
  double same = 0;
  for (const auto& [rcid, vote] : kaz) {
    const auto other = usa.find(rcid);
    if (other == usa.end()) continue;
    ++both;
    if (other->second == vote) ++same;
  }
  ASSERT_GT(both, 0);
  EXPECT_NEAR(RecordValue(political["USA"], "vote_agreement", 2015), same / both, 1e-12);

  // The trend test over the same series: KAZ and CHN moved closer in the General Assembly.
  const auto trend = RunLinkage(
      "trend --reporter KAZ --partner CHN --years 1992-2019 --dimension political --only "
      "ideal_point_distance "
      "--format json --workspace full.db",
      dir->Path());
  ASSERT_EQ(trend.exit_code, 0) << trend.err;
  const auto tests = nlohmann::json::parse(trend.out);
  ASSERT_EQ(tests.size(), 1u);
  EXPECT_EQ(tests[0]["n"], 28);  // sessions 47-74
  EXPECT_LT(tests[0]["sen_slope"].get<double>(), 0);
  EXPECT_EQ(tests[0]["reading"], "falling (5% level)");
}

// The linkage model on the real data: China, Kazakhstan, Central Asia and four more powers, 1992-2020, at the
// three levels and in the three dimensions, with sensitivity intervals and the tests of its series.
void EmbeddedDataTest::CheckLinkageModel() {
  const std::string design =
      "--dyad CHN,KAZ --years 1992-2020 --region central-asia --powers RUS,USA,TUR,IRN --workspace full.db";
  const auto scores = RunLinkage("index " + design + " --draws 30 --format json", dir->Path());
  ASSERT_EQ(scores.exit_code, 0) << scores.err;
  std::map<std::string, const nlohmann::json*> rows;
  const auto all = nlohmann::json::parse(scores.out);
  for (const auto& row : all) {
    const std::string key =
        fmt::format("{}/{}/{}/{}/{}/{}", row["level"].get<std::string>(), row["measure"].get<std::string>(),
                    row["source"].get<std::string>(), row["target"].get<std::string>(),
                    row["year"].get<int>(), row["score"].get<std::string>());
    rows[key] = &row;
  }
  for (const std::string dimension : {"economic", "security", "political"}) {
    for (const std::string role : {"bandwidth", "dependence"}) {
      SCOPED_TRACE(dimension + "_" + role);
      for (const std::string key : {"dyad/score/CHN/KAZ/2010/", "region/score/CHN/central-asia/2010/"}) {
        ASSERT_TRUE(rows.contains(key + dimension + "_" + role)) << key;
        const auto& row = *rows[key + dimension + "_" + role];
        ASSERT_FALSE(row["value"].is_null()) << row.dump();
        EXPECT_GE(row["value"].get<double>(), 0);
        EXPECT_LE(row["value"].get<double>(), 100);
        ASSERT_FALSE(row["median"].is_null()) << row.dump();
        EXPECT_LE(row["p05"].get<double>(), row["median"].get<double>());
        EXPECT_LE(row["median"].get<double>(), row["p95"].get<double>());
      }
    }
  }
  const auto& balance = *rows.at("system/multi_vector/powers/KAZ/2010/linkage");
  EXPECT_GT(balance["value"].get<double>(), 0);
  EXPECT_LE(balance["value"].get<double>(), 1);
  EXPECT_FALSE(rows.at("system/power_share/CHN/central-asia/2010/linkage")->at("value").is_null());
  EXPECT_FALSE(rows.at("dyad/comparable_score/RUS/KAZ/2010/linkage")->at("rank").is_null());

  // An input recomputed from the raw IMF file: China's share of Kazakhstan's trade in 2015.
  const auto inputs = RunLinkage("index " + design + " --view inputs --format json", dir->Path());
  ASSERT_EQ(inputs.exit_code, 0) << inputs.err;
  const auto raw = testing::RawDots(2015, {"KAZ", "CHN"});
  const auto world = testing::RawDots(2015, {"KAZ", "WLD"});
  const double share = (raw.at("KAZ>CHN:X_FOB") + raw.at("KAZ>CHN:M_CIF")) /
                       (world.at("KAZ>WLD:X_FOB") + world.at("KAZ>WLD:M_CIF"));
  bool found = false;
  for (const auto& input : nlohmann::json::parse(inputs.out)) {
    if (input["source"] != "CHN" || input["target"] != "KAZ" || input["year"] != 2015 ||
        input["component"] != "trade_share")
      continue;
    found = true;
    EXPECT_NEAR(input["raw"].get<double>(), share, 1e-12);
    EXPECT_NE(input["provenance"].dump().find("imf_dots"), std::string::npos);
  }
  EXPECT_TRUE(found);

  // Trend and break tests of every series, breaks at the dyad's milestones.
  const auto tests =
      RunLinkage("index " + design + " --draws 20 --view tests --level dyad --format json", dir->Path());
  ASSERT_EQ(tests.exit_code, 0) << tests.err;
  bool trend = false;
  bool silk_road = false;
  for (const auto& row : nlohmann::json::parse(tests.out)) {
    if (row["source"] != "CHN" || row["target"] != "KAZ" || row["score"] != "political_bandwidth") continue;
    const std::string test = row["test"];
    if (test.starts_with("trend")) {
      trend = true;
      EXPECT_EQ(row["reading"], "rising (5% level)");  // shared institutions, partnership, votes
    }
    if (test.starts_with("break from 2013")) silk_road = !row["p_value"].is_null();
  }
  EXPECT_TRUE(trend);
  EXPECT_TRUE(silk_road);

  // The region's trade network with the powers, and its coherence over the years.
  const auto network = RunLinkage(
      "network --region central-asia --year 2015 --powers CHN,RUS,USA,TUR,IRN --pivot KAZ --actor CHN "
      "--format json --workspace full.db",
      dir->Path());
  ASSERT_EQ(network.exit_code, 0) << network.err;
  const auto graph = nlohmann::json::parse(network.out);
  ASSERT_EQ(graph["nodes"].size(), 10u);
  std::map<std::string, nlohmann::json> measures;
  for (const auto& row : graph["graph"]) measures[row["measure"]] = row["value"];
  EXPECT_GT(measures["density"].get<double>(), 0.5);
  EXPECT_LE(measures["density"].get<double>(), 1);
  EXPECT_GT(measures["pivot_share_of_actor_trade"].get<double>(),
            0.3);  // KAZ leads the region's trade with CHN
  const auto coherence = RunLinkage(
      "network --region central-asia --years 1992-2020 --coherence --actor CHN --format json --workspace "
      "full.db",
      dir->Path());
  ASSERT_EQ(coherence.exit_code, 0) << coherence.err;
  EXPECT_EQ(nlohmann::json::parse(coherence.out)["years"].size(), 29u);
}

// The report of the source case: one page with every section and chart, its data and figures beside it.
void EmbeddedDataTest::CheckReport() {
  const auto result = RunLinkage(
      "report --dyad CHN,KAZ --years 1992-2020 --region central-asia --powers RUS,USA,TUR,IRN --draws 20 "
      "--out report --workspace full.db --claims " +
          testing::ProjectData("claims/source-study.csv"),
      dir->Path());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::ifstream in(dir->File("report/report.html"));
  std::stringstream page;
  page << in.rdbuf();
  const std::string html = page.str();
  for (const char* section :
       {"summary", "audit", "indicators", "index", "figure", "network", "tests", "sources"})
    EXPECT_NE(html.find(fmt::format("<section id=\"{}\"", section)), std::string::npos) << section;
  EXPECT_EQ(html.find("<script src"), std::string::npos);  // every script inline
  EXPECT_EQ(html.find("<link"), std::string::npos);
  const std::string marker = "<script id=\"chart-specs\" type=\"application/json\">";
  const auto start = html.find(marker);
  ASSERT_NE(start, std::string::npos);
  const auto end = html.find("</script>", start);
  const auto charts = nlohmann::json::parse(html.substr(start + marker.size(), end - start - marker.size()));
  EXPECT_EQ(charts.size(), 9u);
  for (const auto& [id, spec] : charts.items()) {
    // Vega-Lite specs carry one data object, the Vega treemap a list of data sets.
    const auto& data = spec["data"].is_array() ? spec["data"][0] : spec["data"];
    EXPECT_FALSE(data["values"].empty()) << id;
  }
  for (const char* file :
       {"data/index-scores.csv", "data/audit.json", "data/coherence-years.csv", "figures/index-dyad.vl.json",
        "figures/index-dyad.svg", "figures/index-dyad.png", "figures/products.svg", "figures/linkage.svg",
        "figures/linkage.dot", "data/sources.csv"})
    EXPECT_TRUE(std::filesystem::exists(dir->File(std::string("report/") + file))) << file;
  std::ifstream dot_file(dir->File("report/figures/linkage.dot"));
  std::stringstream dot;
  dot << dot_file.rdbuf();
  EXPECT_NE(dot.str().find("\"CHN\" -> \"KAZ\""), std::string::npos);
  // Every actor of the figure is in the UN: it is named in the text, not listed among the pivot's
  // institutions.
  EXPECT_EQ(dot.str().find("\\lUN: "), std::string::npos);
  EXPECT_NE(dot.str().find("\\lSCO: "), std::string::npos);
  EXPECT_NE(html.find("Every state in the figure belongs to UN"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);  // the linkage figure inlined
}

// Structural gravity on the workspace's flows: distance lowers trade, and China's exports to Kazakhstan rose
// beyond what multilateral resistance explains (the premium's path).
void EmbeddedDataTest::CheckGravity() {
  const auto gravity = RunLinkage(
      "gravity --data workspace --years 2000-2020 --every 5 --top 25 --agreement SCO --lags 1 --cluster pair "
      "--format json --workspace full.db",
      dir->Path());
  ASSERT_EQ(gravity.exit_code, 0) << gravity.err;
  const auto fit = nlohmann::json::parse(gravity.out);
  const auto& distance = fit["coefficients"][0];
  EXPECT_EQ(distance["term"], "ln_dist");
  EXPECT_LT(distance["estimate"].get<double>(), 0);
  EXPECT_LT(distance["p_value"].get<double>(), 0.01);
  EXPECT_EQ(fit["coefficients"].size(), 6u);  // ln_dist, contig, comlang_off, colony, sco, sco_lag1
  // The traditional specification: both GDPs (WDI) in place of the exporter-year and importer-year effects.
  const auto traditional = RunLinkage(
      "gravity --data workspace --years 2000-2020 --every 5 --top 25 --spec 'trade ~ ln_gdp_exporter + "
      "ln_gdp_importer + ln_dist + contig | year' --cluster pair --format json --workspace full.db",
      dir->Path());
  ASSERT_EQ(traditional.exit_code, 0) << traditional.err;
  const auto sizes = nlohmann::json::parse(traditional.out)["coefficients"];
  ASSERT_EQ(sizes.size(), 4u);
  for (const std::size_t k : {0u, 1u}) {
    EXPECT_GT(sizes[k]["estimate"].get<double>(), 0.3) << sizes[k]["term"];  // trade grows with size
    EXPECT_LT(sizes[k]["estimate"].get<double>(), 1.2) << sizes[k]["term"];
  }
  EXPECT_LT(sizes[2]["estimate"].get<double>(), 0);
  const auto premium =
      RunLinkage("premium --dyad CHN,KAZ --years 1995-2020 --format json --workspace full.db", dir->Path());
  ASSERT_EQ(premium.exit_code, 0) << premium.err;
  const auto path = nlohmann::json::parse(premium.out)["path"];
  ASSERT_EQ(path.size(), 10u);  // two directions, 2000-2020 every 5 years
  EXPECT_EQ(path[3]["exporter"], "CHN");
  EXPECT_EQ(path[3]["year"], 2015);
  EXPECT_GT(path[3]["premium_log"].get<double>(), 0);
  EXPECT_LT(path[3]["p_value"].get<double>(), 0.05);
}

void EmbeddedDataTest::CheckScenarios() {
  // The shocked flow is Kazakhstan's own report of its imports from China (the importer's report comes
  // first).
  double imports = 0;
  {
    Database database((dir->Path() / "full.db").string(), false);
    Statement flow(
        database,
        "SELECT value_usd FROM flows WHERE dataset = 'imf-dots' AND product = 'TOTAL' AND flow = 'M' "
        "AND reporter = 'KAZ' AND partner = 'CHN' AND year = 2019");
    ASSERT_TRUE(flow.Step());
    imports = flow.Real(0);
  }
  const auto shock = RunLinkage(
      "scenario shock --from CHN --to KAZ --fall 30 --year 2019 --region central-asia --format json "
      "--workspace full.db",
      dir->Path());
  ASSERT_EQ(shock.exit_code, 0) << shock.err;
  const auto shocked = nlohmann::json::parse(shock.out);
  EXPECT_DOUBLE_EQ(shocked["shock"][0]["shocked_value_usd"].get<double>(), imports);
  EXPECT_EQ(shocked["countries"][0]["country"], "CHN");
  EXPECT_NEAR(shocked["countries"][0]["direct_export_loss"].get<double>(), 0.3 * imports, 1e-6 * imports);
  const auto& region = shocked["region"].back();
  EXPECT_EQ(region["country"], "central-asia");
  EXPECT_NEAR(region["direct_import_loss"].get<double>(), 0.3 * imports, 1e-6 * imports);
  EXPECT_GT(region["second_round_loss"].get<double>(), 0);

  // Without the Eurasian Economic Union its members trade less and are poorer; the rest gain a little.
  const auto agreement = RunLinkage(
      "scenario agreement --agreement EAEU --year 2019 --dissolve --format json --workspace full.db",
      dir->Path());
  ASSERT_EQ(agreement.exit_code, 0) << agreement.err;
  const auto world = nlohmann::json::parse(agreement.out);
  EXPECT_TRUE(world["scenario"][0]["converged"].get<bool>());
  const std::set<std::string> members = {"ARM", "BLR", "KAZ", "KGZ", "RUS"};
  std::size_t losers = 0;
  for (const auto& country : world["countries"]) {
    const bool member = members.contains(country["country"].get<std::string>());
    const double real_output = country["real_output_full_percent"].get<double>();
    if (member) {
      ++losers;
      EXPECT_LT(real_output, 0) << country["country"];
      EXPECT_LT(country["exports_full_percent"].get<double>(), 0) << country["country"];
    } else {
      EXPECT_GT(real_output, -0.01) << country["country"];
    }
  }
  EXPECT_EQ(losers, members.size());
}

}  // namespace linkage
