#include <fmt/format.h>
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

// The style of the hand run: P is the United States (a fixed colour), Q takes the first free one.
ChartStyle HandStyle() {
  return {ActorPalette({"USA", "Q"}), {{"USA", "United States"}, {"Q", "Queensland"}, {"B", "Bolivia"}}};
}

const ChartText kText{"A title long enough to be broken into two lines somewhere", "unit", "a source"};

// P's 2001 score rests on an input carried forward: its point is drawn hollow.
TEST(ChartsTest, ScoreBandChartCarriesTheDyadsScoresAndMilestones) {
  LinkageRun run = HandRun();
  run.rows[1].carried = true;
  const auto chart = ScoreBandChart(run, "P", "B", {"linkage"}, {{2001, "a summit"}}, kText);
  const auto& values = chart["data"]["values"];
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(values[0]["year"], 2000);
  EXPECT_EQ(values[0]["value"], 60);
  EXPECT_EQ(values[1]["value"], 70);
  EXPECT_EQ(values[0]["carried"], false);
  EXPECT_EQ(values[1]["carried"], true);
  EXPECT_TRUE(values[0]["low"].is_null());  // no sensitivity draws in this run
  // Without draws there is no band: the line, the points (filled, and hollow where carried), the milestone's
  // rule and label.
  ASSERT_EQ(chart["layer"].size(), 5u);
  EXPECT_EQ(chart["layer"][0]["mark"]["type"], "line");
  EXPECT_EQ(chart["layer"][1]["transform"][0]["filter"], "!datum.carried");
  EXPECT_EQ(chart["layer"][1]["mark"]["filled"], true);
  EXPECT_EQ(chart["layer"][2]["transform"][0]["filter"], "datum.carried");
  EXPECT_EQ(chart["layer"][2]["mark"]["fill"], "white");
  EXPECT_EQ(chart["layer"][3]["data"]["values"][0]["year"], 2001);
  EXPECT_EQ(chart["layer"][3]["data"]["values"][0]["label"], "a summit");
  // The house style: the container's width, the title broken into lines of at most 40 characters, the
  // subtitle and the source under it, and the linkage score in its fixed colour.
  EXPECT_EQ(chart["width"], "container");
  EXPECT_EQ(chart["title"]["text"],
            nlohmann::json::array({"A title long enough to be broken into", "two lines somewhere"}));
  EXPECT_EQ(chart["title"]["subtitle"], nlohmann::json::array({"unit", "Source: a source"}));
  EXPECT_EQ(chart["layer"][0]["encoding"]["color"]["scale"]["range"], nlohmann::json::array({"#1A1A1A"}));
}

// Scores of several dimensions: one panel per dimension, coloured by bandwidth and dependence.
TEST(ChartsTest, ScoresOfSeveralDimensionsAreSmallMultiples) {
  LinkageRun run = HandRun();
  run.rows.push_back({"dyad", "score", "P", "B", 2000, 0, 40, 1, {}, ""});  // economic_bandwidth
  run.rows.push_back({"dyad", "score", "P", "B", 2000, 2, 10, 1, {}, ""});  // security_bandwidth
  const auto chart = ScoreBandChart(run, "P", "B", {"economic_bandwidth", "security_bandwidth"}, {}, kText);
  EXPECT_EQ(chart["facet"]["column"]["field"], "dimension");
  EXPECT_EQ(chart["facet"]["column"]["sort"], nlohmann::json::array({"economic", "security"}));
  EXPECT_EQ(chart["spec"]["layer"][0]["encoding"]["color"]["field"], "kind");
  EXPECT_EQ(chart["data"]["values"][1]["kind"], "bandwidth");
}

// The hand run with P renamed USA, so that it takes the United States' fixed colour.
LinkageRun UsaRun() {
  LinkageRun run = HandRun();
  for (auto& unit : run.traced.panel.units)
    if (unit.source == "P") unit.source = "USA";
  for (auto& row : run.rows)
    if (row.source == "P") row.source = "USA";
  return run;
}

TEST(ChartsTest, ShareAndComponentChartsKeepMissingAsNullAndColourEachActor) {
  LinkageRun run = UsaRun();
  run.traced.panel.carried = {{false}, {true}, {false}, {false}};
  const auto shares = PowerShareChart(run, "B", "linkage", HandStyle(), kText);
  ASSERT_EQ(shares["data"]["values"].size(), 2u);
  EXPECT_NEAR(shares["data"]["values"][0]["share"].get<double>(), 2.0 / 3, 1e-12);
  EXPECT_EQ(shares["data"]["values"][0]["power"], "United States");
  EXPECT_EQ(shares["encoding"]["y"]["stack"], "normalize");
  // The United States keep their blue; Queensland takes the first colour left (vermillion).
  EXPECT_EQ(shares["encoding"]["color"]["scale"]["domain"],
            nlohmann::json::array({"United States", "Queensland"}));
  EXPECT_EQ(shares["encoding"]["color"]["scale"]["range"], nlohmann::json::array({"#0072B2", "#D55E00"}));
  const auto component = ComponentChart(run, "trade_share", "B", "share", HandStyle(), kText);
  const auto& values = component["data"]["values"];
  ASSERT_EQ(values.size(), 4u);
  EXPECT_EQ(values[0]["value"], 0.4);
  EXPECT_EQ(values[0]["status"], "observed");
  EXPECT_EQ(values[1]["status"], "carried forward");
  EXPECT_TRUE(values[3]["value"].is_null());  // a gap in the line, not a zero
  // Observed points filled, the others hollow with their own shapes.
  EXPECT_EQ(component["layer"][2]["mark"]["fill"], "white");
  EXPECT_EQ(component["layer"][2]["encoding"]["shape"]["scale"]["range"],
            nlohmann::json::array({"circle", "diamond", "triangle-up"}));
  EXPECT_TRUE(ComponentChart(run, "no_such_input", "B", "x", HandStyle(), kText)["data"]["values"].empty());
}

// Seven powers are more lines than one chart holds: a panel each.
TEST(ChartsTest, ComponentChartOfMoreThanSixPowersIsSmallMultiples) {
  LinkageRun run;
  run.spec.components = {{"trade_share", ScoreDimension::kEconomic, ScoreRole::kDependence, 1}};
  std::vector<std::string> powers;
  for (const char* power : {"A", "C", "D", "E", "F", "G", "H"}) {
    powers.emplace_back(power);
    run.traced.panel.units.push_back({power, "B", 2000});
    run.traced.panel.values.push_back({0.1});
  }
  const ChartStyle style{ActorPalette(powers), {}};
  const auto chart = ComponentChart(run, "trade_share", "B", "share", style, kText);
  EXPECT_EQ(chart["facet"]["field"], "power");
  EXPECT_EQ(chart["columns"], 3);
  EXPECT_EQ(chart["facet"]["sort"].size(), 7u);
  run.traced.panel.units.pop_back();
  run.traced.panel.values.pop_back();
  EXPECT_FALSE(ComponentChart(run, "trade_share", "B", "share", style, kText).contains("facet"));
}

TEST(ChartsTest, PartnerSharesAddTheRestOfTheWorldOnlyWhenEveryShareIsKnown) {
  const auto chart = PartnerShareChart(UsaRun(), "B", HandStyle(), kText);
  const auto& values = chart["data"]["values"];
  ASSERT_EQ(values.size(), 6u);  // the two powers and the rest, in 2000 and 2001
  EXPECT_EQ(values[2]["partner"], "rest of the world");
  // The rest of the world in grey, after the powers in palette order.
  EXPECT_EQ(chart["encoding"]["color"]["scale"]["domain"].back(), "rest of the world");
  EXPECT_EQ(chart["encoding"]["color"]["scale"]["range"].back(), "#BBBBBB");
  EXPECT_NEAR(values[2]["share"].get<double>(), 1 - 0.4 - 0.1, 1e-12);
  EXPECT_TRUE(values[3]["share"].is_null());  // Q's 2001 share is missing
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
  const auto chart = MirrorGapChart(records, ChartStyle{ActorPalette(), {}}, kText);
  const auto& values = chart["data"]["values"];
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(values[0]["flow"], "P imports / B exports");
  EXPECT_EQ(values[0]["ratio"], 1.2);
  EXPECT_EQ(values[1]["flow"], "B imports / P exports");
  EXPECT_TRUE(values[1]["ratio"].is_null());
  EXPECT_EQ(chart["layer"][0]["data"]["values"][0]["low"], 1.0);
  EXPECT_EQ(chart["layer"][0]["data"]["values"][0]["high"], 1.1);
  EXPECT_EQ(MirrorGapChart(records, HandStyle(), kText)["data"]["values"][0]["flow"],
            "P imports / Bolivia exports");
}

TEST(ChartsTest, ProductTreemapNestsProductsUnderTheirDirectionWithShares) {
  const std::vector<IndicatorRecord> records = {Record("top_export_products_value", 2019, "27", 300),
                                                Record("top_export_products_value", 2019, "26", 100),
                                                Record("top_import_products_value", 2019, "84", 50),
                                                Record("top_export_products_share", 2019, "27", 0.75)};
  const auto chart = ProductTreemap(records, "B", "P", ChartStyle{ActorPalette(), {}}, kText);
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
  const auto chart = CoherenceChart(coherence, kText);
  const auto& values = chart["data"]["values"];
  ASSERT_EQ(values.size(), 3u);
  EXPECT_EQ(values[0]["value"], 0.8);
  EXPECT_TRUE(values[1]["value"].is_null());
  EXPECT_EQ(values[2]["value"], 0.5);
}

// The page inlines the libraries, its style and script and the specifications, escapes text, and refers to
// nothing outside itself.
TEST(HtmlReportTest, InlinesEverythingAndWritesItsFiles) {
  Report report;
  report.title = "A <title>";
  report.subtitle = "sub";
  report.headlines = {{"Up from 3% to 18% & more.", "because <reasons>"}};
  report.key_charts.push_back({"k1", "Key", {{"mark", "line"}}, "first screen"});
  report.actors = {{"P", "Pland", "#0072B2"}};
  report.sections.push_back({"summary", "Key findings", {}, {}, {}});
  ReportSection section{"one", "Section & one", {"a < b"}, {}, {}};
  section.charts.push_back(
      {"c1", "Chart", {{"mark", "point"}, {"data", {{"values", {{{"label", "</script>"}}}}}}}, "cap"});
  section.tables.push_back({"t1", "Table", {{"year", "x"}, {{2000, 1}, {2001, 2}, {2002, nullptr}}}, 2});
  report.sections.push_back(section);
  const ChartLibraries libraries{"var vega = /</g;", "var vegaLite = 1;", "var vegaEmbed = '</SCRIPT>';"};
  const ReportPageAssets page{"body { color: red; }", "const page = '</script>';"};
  const std::string html = RenderHtml(report, libraries, page);
  EXPECT_NE(html.find("<title>A &lt;title&gt;</title>"), std::string::npos);
  EXPECT_NE(html.find("<p>a &lt; b</p>"), std::string::npos);
  EXPECT_NE(html.find("var vega = /</g;"), std::string::npos);  // a regular expression left intact
  EXPECT_NE(html.find("'<\\/SCRIPT>'"), std::string::npos);
  EXPECT_NE(html.find("<\\/script>"), std::string::npos);  // inside the chart data
  EXPECT_NE(html.find("body { color: red; }"), std::string::npos);
  EXPECT_NE(html.find("const page = '<\\/script>';"), std::string::npos);
  EXPECT_EQ(html.find("<script src"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  // The findings and the key charts come before the first section's text, and before any table.
  const auto headline = html.find("<p>Up from 3% to 18% &amp; more.</p>");
  ASSERT_NE(headline, std::string::npos);
  EXPECT_NE(html.find("because &lt;reasons&gt;"), std::string::npos);
  EXPECT_LT(headline, html.find("id=\"chart-k1\""));
  EXPECT_LT(html.find("id=\"chart-k1\""), html.find("<table"));
  EXPECT_NE(html.find("\"k1\":{\"mark\":\"line\"}"), std::string::npos);
  EXPECT_NE(html.find("[{\"colour\":\"#0072B2\",\"id\":\"P\",\"name\":\"Pland\"}]"), std::string::npos);
  // Two of three rows shown, the latest first; the missing value marked as missing.
  EXPECT_NE(html.find("2 of 3 rows, latest first"), std::string::npos);
  EXPECT_LT(html.find(">2002<"), html.find(">2001<"));
  EXPECT_EQ(html.find(">2000<"), std::string::npos);
  EXPECT_NE(html.find("title=\"missing\">–</td>"), std::string::npos);

  const testing::TempDir dir;
  WriteReport(report, libraries, page, dir.File("out"));
  EXPECT_TRUE(std::filesystem::exists(dir.File("out/report.html")));
  EXPECT_TRUE(std::filesystem::exists(dir.File("out/figures/c1.vl.json")));
  EXPECT_TRUE(std::filesystem::exists(dir.File("out/figures/k1.vl.json")));
  std::ifstream csv(dir.File("out/data/t1.csv"));
  std::stringstream text;
  text << csv.rdbuf();
  EXPECT_EQ(text.str(), "year,x\n2000,1\n2001,2\n2002,\n");  // every row, in the order computed
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

ChartStyle FigureStyle() {
  return {ActorPalette({"P", "Q"}), {{"P", "Pland"}, {"B", "Bland"}}};
}

TEST(LinkageFigureTest, DotGroupsLevelsAndScalesEdgesByScore) {
  const std::string dot = LinkageDot(HandFigure(), FigureStyle());
  EXPECT_NE(dot.find("subgraph cluster_system"), std::string::npos);
  EXPECT_NE(dot.find("subgraph cluster_region"), std::string::npos);
  // 0.5 + 5 x 70 / 100 = 4.00 in P's colour (the palette's first, blue), labelled because it reaches the
  // pivot; 0.5 + 5 x 20 / 100 = 1.50 in Q's (vermillion), unlabelled.
  EXPECT_NE(dot.find("\"P\" -> \"B\" [penwidth=4.00, color=\"#0072B2\", label=\"70\""), std::string::npos)
      << dot;
  EXPECT_NE(dot.find("\"Q\" -> \"C\" [penwidth=1.50, color=\"#D55E00\", tooltip="), std::string::npos) << dot;
  // The largest member pair: 0.5 + 4 = 4.50.
  EXPECT_NE(dot.find("\"B\" -> \"C\" [dir=none, constraint=false, penwidth=4.50"), std::string::npos) << dot;
  // A power's node in its colour, white text on the dark blue, its name and its linkage with the region.
  EXPECT_NE(
      dot.find("\"P\" [label=\"Pland\\nwith the region: 55\", fillcolor=\"#0072B2\", fontcolor=\"#ffffff\""),
      std::string::npos)
      << dot;
  // The pivot's institutions listed in one box: how many of the four states belong, and whether P does.
  EXPECT_NE(dot.find("label=\"Institutions of Bland\\lClub: 3 of the 4 states\\l\""), std::string::npos)
      << dot;
  EXPECT_NE(dot.find("\"B\" -> \"institutions\" [arrowhead=none, style=dotted"), std::string::npos) << dot;
}

// A region of 15 members: the figure keeps every tie with the pivot, each other member's strongest power tie
// and its two largest trade ties, and counts what it leaves out.
TEST(LinkageFigureTest, KeepStrongestThinsALargeRegionAndCountsWhatItDrops) {
  LinkageFigure figure;
  figure.actor = "P";
  figure.pivot = "M0";
  figure.powers = {"P", "Q"};
  for (int k = 0; k < 15; ++k) figure.members.push_back(fmt::format("M{}", k));
  figure.members.emplace_back("EMPTY");  // no tie of any kind
  for (int k = 0; k < 15; ++k) {
    const std::string member = fmt::format("M{}", k);
    figure.power_ties.push_back({"P", member, 10.0 + k});
    figure.power_ties.push_back({"Q", member, 20.0 - k});
  }
  // Every pair of the first five members trades; the pair (a, b) trades a x 10 + b.
  for (int a = 0; a < 5; ++a)
    for (int b = a + 1; b < 5; ++b)
      figure.member_ties.push_back({fmt::format("M{}", a), fmt::format("M{}", b), a * 10.0 + b});
  figure.institutions = {
      {"Without the pivot", {"M1", "M2"}}, {"Small", {"M0", "M1"}}, {"Large", {"M0", "M1", "M2"}}};
  KeepStrongest(figure);
  EXPECT_EQ(figure.members_left_out, std::vector<std::string>{"EMPTY"});
  EXPECT_EQ(figure.members.size(), 15u);
  // Both ties with the pivot, and one tie for each of the 14 other members: Q's below M5 (20 - k > 10 + k),
  // P's from M5 on (M5 ties at 15 and keeps the first listed, P's).
  ASSERT_EQ(figure.power_ties.size(), 16u);
  EXPECT_EQ(figure.power_ties_left_out, 14u);
  for (const auto& tie : figure.power_ties) {
    if (tie.to == "M0") continue;
    const int k = std::stoi(tie.to.substr(1));
    EXPECT_EQ(tie.from, k < 5 ? "Q" : "P") << tie.to;
  }
  // Ten trade ties among five members, strongest first: (3,4) 34, (2,4) 24, (2,3) 23, (1,4) 14, (1,3) 13,
  // (1,2) 12, (0,4) 4, (0,3) 3, (0,2) 2, (0,1) 1. A tie stays when one of its ends has fewer than two
  // stronger ties: (1,2) goes (1 has 14 and 13, 2 has 24 and 23), and so do (0,2) and (0,1) (0 has 4 and 3).
  ASSERT_EQ(figure.member_ties.size(), 7u);
  EXPECT_EQ(figure.member_ties_left_out, 3u);
  for (const auto& tie : figure.member_ties) {
    const bool dropped = (tie.from == "M1" && tie.to == "M2") || (tie.from == "M0" && tie.to == "M2") ||
                         (tie.from == "M0" && tie.to == "M1");
    EXPECT_FALSE(dropped) << tie.from << "-" << tie.to;
  }
  // Only the pivot's institutions, the larger first.
  ASSERT_EQ(figure.institutions.size(), 2u);
  EXPECT_EQ(figure.institutions[0].name, "Large");
  EXPECT_EQ(figure.institutions_left_out, std::vector<std::string>{"Without the pivot"});
}

TEST(LinkageFigureTest, GraphvizDrawsEveryNodeAsSvg) {
  const std::string svg = RenderDotSvg(LinkageDot(HandFigure(), FigureStyle()));
  ASSERT_NE(svg.find("<svg"), std::string::npos);
  for (const char* node : {"<title>P</title>", "<title>Q</title>", "<title>B</title>", "<title>C</title>",
                           "<title>institutions</title>"})
    EXPECT_NE(svg.find(node), std::string::npos) << node;
  // The power's node is filled with its palette colour (Graphviz writes it in lower case).
  EXPECT_NE(svg.find("fill=\"#0072b2\""), std::string::npos);
  EXPECT_THROW(RenderDotSvg("digraph { a -> }"), ToolError);
}

}  // namespace
}  // namespace linkage
