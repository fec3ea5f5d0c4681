#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "report/charts.hpp"
#include "report/html_report.hpp"
#include "report/linkage_figure.hpp"
#include "support/temp_workspace.hpp"

namespace linkage {
namespace {

constexpr std::size_t kLinkage = 8;

// A run of powers P and Q facing B in 2000-2001: P-B linkage 60 then 70, Q-B 30 and missing; shares as
// EvaluateLevels would give them; one input, trade_share.
LinkageRun HandRun() {
  LinkageRun run;
  run.spec.components = {{"trade_share", ScoreDimension::kEconomic, ScoreRole::kDependence, 1}};
  run.traced.panel.units = {{"P", "B", 2000}, {"P", "B", 2001}, {"Q", "B", 2000}, {"Q", "B", 2001}};
  run.traced.panel.values = {{0.4}, {0.5}, {0.1}, {std::nullopt}};
  const auto score = [](const std::string& source, int year, std::optional<double> value) {
    return ScoreRow{"dyad", "score", source, "B", year, kLinkage, value, 1, {}, ""};
  };
  run.rows = {score("P", 2000, 60),
              score("P", 2001, 70),
              score("Q", 2000, 30),
              score("Q", 2001, std::nullopt),
              {"system", "power_share", "P", "B", 2000, kLinkage, 2.0 / 3, 1, {}, ""},
              {"system", "power_share", "Q", "B", 2000, kLinkage, 1.0 / 3, 1, {}, ""}};
  return run;
}

// P's 2001 score rests on an input carried forward: its point is drawn hollow.
TEST(ChartsTest, ScoreBandChartCarriesTheDyadsScoresAndMilestones) {
  LinkageRun run = HandRun();
  run.rows[1].carried = true;
  const auto chart = ScoreBandChart(run, "P", "B", {"linkage"}, {{2001, "a summit"}});
  const auto& values = chart["data"]["values"];
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(values[0]["year"], 2000);
  EXPECT_EQ(values[0]["value"], 60);
  EXPECT_EQ(values[1]["value"], 70);
  EXPECT_EQ(values[0]["carried"], false);
  EXPECT_EQ(values[1]["carried"], true);
  EXPECT_TRUE(values[0]["low"].is_null());  // no sensitivity draws in this run
  // Without draws there is no band: the line, the points (hollow where carried), the milestone's rule and
  // label.
  ASSERT_EQ(chart["layer"].size(), 4u);
  EXPECT_EQ(chart["layer"][0]["mark"]["type"], "line");
  EXPECT_EQ(chart["layer"][1]["mark"]["type"], "point");
  EXPECT_EQ(chart["layer"][1]["encoding"]["fill"]["condition"]["test"], "datum.carried");
  EXPECT_EQ(chart["layer"][1]["encoding"]["fill"]["condition"]["value"], "white");
  EXPECT_EQ(chart["layer"][2]["data"]["values"][0]["year"], 2001);
  EXPECT_EQ(chart["layer"][2]["data"]["values"][0]["label"], "a summit");
}

TEST(ChartsTest, ShareAndComponentChartsKeepMissingAsNull) {
  const LinkageRun run = HandRun();
  const auto shares = PowerShareChart(run, "B", "linkage");
  ASSERT_EQ(shares["data"]["values"].size(), 2u);
  EXPECT_NEAR(shares["data"]["values"][0]["share"].get<double>(), 2.0 / 3, 1e-12);
  EXPECT_EQ(shares["encoding"]["y"]["stack"], "normalize");
  const auto component = ComponentChart(run, "trade_share", "B", "share");
  const auto& values = component["data"]["values"];
  ASSERT_EQ(values.size(), 4u);
  EXPECT_EQ(values[0]["value"], 0.4);
  EXPECT_TRUE(values[3]["value"].is_null());  // a gap in the line, not a zero
  EXPECT_TRUE(ComponentChart(run, "no_such_input", "B", "x")["data"]["values"].empty());
}

TEST(ChartsTest, PartnerSharesAddTheRestOfTheWorldOnlyWhenEveryShareIsKnown) {
  const auto chart = PartnerShareChart(HandRun(), "B");
  const auto& values = chart["data"]["values"];
  ASSERT_EQ(values.size(), 6u);  // P, Q and the rest, in 2000 and 2001
  EXPECT_EQ(values[2]["partner"], "rest of the world");
  EXPECT_NEAR(values[2]["share"].get<double>(), 1 - 0.4 - 0.1, 1e-12);
  EXPECT_TRUE(values[4]["share"].is_null());  // Q's 2001 share is missing
  EXPECT_TRUE(values[5]["share"].is_null());  // so the rest of the world is unknown
  EXPECT_EQ(chart["encoding"]["y"]["stack"], "zero");
}

IndicatorRecord Record(const std::string& indicator, int year, const std::string& product,
                       std::optional<double> value) {
  IndicatorRecord record;
  record.indicator = indicator;
  record.reporter = "B";
  record.partner = "P";
  record.year = year;
  record.product = product;
  record.value = value;
  return record;
}

TEST(ChartsTest, MirrorGapChartHasBothFlowsAndTheFreightBand) {
  const std::vector<IndicatorRecord> records = {Record("mirror_gap_exports_ratio", 2000, "", 1.2),
                                                Record("mirror_gap_imports_ratio", 2000, "", std::nullopt),
                                                Record("export_share", 2000, "", 0.3)};
  const auto chart = MirrorGapChart(records);
  const auto& values = chart["data"]["values"];
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(values[0]["flow"], "P imports / B exports");
  EXPECT_EQ(values[0]["ratio"], 1.2);
  EXPECT_EQ(values[1]["flow"], "B imports / P exports");
  EXPECT_TRUE(values[1]["ratio"].is_null());
  EXPECT_EQ(chart["layer"][0]["data"]["values"][0]["low"], 1.0);
  EXPECT_EQ(chart["layer"][0]["data"]["values"][0]["high"], 1.1);
}

TEST(ChartsTest, ProductTreemapNestsProductsUnderTheirDirectionWithShares) {
  const std::vector<IndicatorRecord> records = {Record("top_export_products_value", 2019, "27", 300),
                                                Record("top_export_products_value", 2019, "26", 100),
                                                Record("top_import_products_value", 2019, "84", 50),
                                                Record("top_export_products_share", 2019, "27", 0.75)};
  const auto chart = ProductTreemap(records, "B", "P");
  EXPECT_EQ(chart["$schema"], "https://vega.github.io/schema/vega/v6.json");
  const auto& values = chart["data"][0]["values"];
  ASSERT_EQ(values.size(), 6u);  // the root, two directions, three products
  EXPECT_EQ(values[1]["name"], "B exports to P");
  EXPECT_EQ(values[3]["parent"], "top_export_products_value");
  EXPECT_EQ(values[3]["name"], "HS 27");
  EXPECT_DOUBLE_EQ(values[3]["share"].get<double>(), 0.75);
  EXPECT_DOUBLE_EQ(values[5]["share"].get<double>(), 1.0);
}

TEST(ChartsTest, CoherenceChartHasOneSeriesPerMeasure) {
  Coherence coherence;
  CoherenceYear year;
  year.year = 2010;
  year.density = 0.8;
  year.overlap = 0.5;
  year.intra_trade_share = Term::Missing("no data");
  coherence.years.push_back(year);
  const auto chart = CoherenceChart(coherence);
  const auto& values = chart["data"]["values"];
  ASSERT_EQ(values.size(), 3u);
  EXPECT_EQ(values[0]["value"], 0.8);
  EXPECT_TRUE(values[1]["value"].is_null());
  EXPECT_EQ(values[2]["value"], 0.5);
}

// The page inlines the libraries and the specifications, escapes text, and refers to nothing outside itself.
TEST(HtmlReportTest, InlinesEverythingAndWritesItsFiles) {
  Report report{"A <title>", "sub", {}};
  ReportSection section{"one", "Section & one", {"a < b"}, {}, {}};
  section.charts.push_back(
      {"c1", "Chart", {{"mark", "point"}, {"data", {{"values", {{{"label", "</script>"}}}}}}}, "cap"});
  section.tables.push_back({"t1", "Table", {{"x"}, {{1}, {2}, {3}}}, 2});
  report.sections.push_back(section);
  const ChartLibraries libraries{"var vega = /</g;", "var vegaLite = 1;", "var vegaEmbed = '</SCRIPT>';"};
  const std::string html = RenderHtml(report, libraries);
  EXPECT_NE(html.find("<title>A &lt;title&gt;</title>"), std::string::npos);
  EXPECT_NE(html.find("<p>a &lt; b</p>"), std::string::npos);
  EXPECT_NE(html.find("var vega = /</g;"), std::string::npos);  // a regular expression left intact
  EXPECT_NE(html.find("'<\\/SCRIPT>'"), std::string::npos);
  EXPECT_NE(html.find("<\\/script>"), std::string::npos);  // inside the chart data
  EXPECT_EQ(html.find("<script src"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_NE(html.find("2 of 3 rows shown"), std::string::npos);

  const testing::TempDir dir;
  WriteReport(report, libraries, dir.File("out"));
  EXPECT_TRUE(std::filesystem::exists(dir.File("out/report.html")));
  EXPECT_TRUE(std::filesystem::exists(dir.File("out/figures/c1.vl.json")));
  std::ifstream csv(dir.File("out/data/t1.csv"));
  std::stringstream text;
  text << csv.rdbuf();
  EXPECT_EQ(text.str(), "x\n1\n2\n3\n");
}

LinkageFigure HandFigure() {
  LinkageFigure figure;
  figure.year = 2001;
  figure.actor = "P";
  figure.pivot = "B";
  figure.region = "here";
  figure.powers = {"P", "Q"};
  figure.members = {"B", "C"};
  figure.region_linkage = {{"P", 55}};
  figure.power_ties = {{"P", "B", 70}, {"Q", "C", 20}};
  figure.member_ties = {{"B", "C", 1e9}};
  figure.institutions = {{"Club (Old Club until 2000)", {"B", "C", "Q"}}};
  figure.missing_power_ties = 2;
  return figure;
}

TEST(LinkageFigureTest, DotGroupsLevelsAndScalesEdgesByScore) {
  const std::string dot = LinkageDot(HandFigure());
  EXPECT_NE(dot.find("subgraph cluster_system"), std::string::npos);
  EXPECT_NE(dot.find("subgraph cluster_region"), std::string::npos);
  EXPECT_NE(dot.find("subgraph cluster_institutions"), std::string::npos);
  // 0.5 + 5 x 70 / 100 = 4.00, labelled because it reaches the pivot; 0.5 + 5 x 20 / 100 = 1.50, unlabelled.
  EXPECT_NE(dot.find("\"P\" -> \"B\" [penwidth=4.00, color=\"#d94801\", label=\"70\""), std::string::npos)
      << dot;
  EXPECT_NE(dot.find("\"Q\" -> \"C\" [penwidth=1.50, color=\"#969696\", tooltip="), std::string::npos) << dot;
  // The largest member pair: 0.5 + 4 = 4.50.
  EXPECT_NE(dot.find("\"B\" -> \"C\" [dir=none, constraint=false, penwidth=4.50"), std::string::npos) << dot;
  EXPECT_NE(dot.find("label=\"P\\nwith here: 55\""), std::string::npos) << dot;
  EXPECT_NE(dot.find("\"org:Club (Old Club until 2000)\" [label=\"Club\""), std::string::npos) << dot;
  EXPECT_NE(dot.find("\"Q\" -> \"org:Club (Old Club until 2000)\""), std::string::npos) << dot;
}

TEST(LinkageFigureTest, GraphvizDrawsEveryNodeAsSvg) {
  const std::string svg = RenderDotSvg(LinkageDot(HandFigure()));
  ASSERT_NE(svg.find("<svg"), std::string::npos);
  for (const char* node : {"<title>P</title>", "<title>Q</title>", "<title>B</title>", "<title>C</title>",
                           "<title>org:Club (Old Club until 2000)</title>"})
    EXPECT_NE(svg.find(node), std::string::npos) << node;
  EXPECT_THROW(RenderDotSvg("digraph { a -> }"), ToolError);
}

}  // namespace
}  // namespace linkage
