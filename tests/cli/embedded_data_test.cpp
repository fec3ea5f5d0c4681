// The main job on the real embedded data: build the default workspace once and audit the source study and a
// second claims file about other countries.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "core/csv_reader.hpp"
#include "core/text.hpp"
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
namespace {

// Reads the raw IMF DOTS file with a regular expression (not the project's CSV reader) and returns the US$
// million values of the rows whose ISO codes are given, keyed by "REPORTER>PARTNER:FLOW".
std::map<std::string, double> RawDots(int year, const std::set<std::string>& actors) {
  static const std::regex row(
      R"(^("[^"]*"|[^,]*),([A-Z_]+),("[^"]*"|[^,]*),([A-Z_]+),(X_FOB|M_CIF),(\d{4}),([^,]*),([01])$)");
  std::map<std::string, double> values;
  gzFile in = gzopen(testing::ProjectData("sources/imf-dots/imf_dots_full_1960_2020.csv.gz").c_str(), "rb");
  std::vector<char> buffer(1 << 16);
  const std::string wanted_year = std::to_string(year);
  while (gzgets(in, buffer.data(), static_cast<int>(buffer.size())) != nullptr) {
    std::string line(buffer.data());
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (line.find(wanted_year) == std::string::npos) continue;
    std::smatch match;
    if (!std::regex_match(line, match, row) || match[6].str() != wanted_year) continue;
    if (!actors.contains(match[2].str()) || !actors.contains(match[4].str())) continue;
    values[match[2].str() + ">" + match[4].str() + ":" + match[5].str()] = std::stod(match[7].str());
  }
  gzclose(in);
  return values;
}

}  // namespace

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
  const auto raw = RawDots(2019, {"KAZ", "CHN"});
  // World rows have the ISO code WLD in this file.
  const auto world = RawDots(2019, {"KAZ", "WLD"});
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
