// `linkage report --dyad CHN,KAZ --years 1992-2020 [--region central-asia] [--powers RUS,USA] [--out DIR]`:
// everything Linkage computes for a dyad, its region and the powers around it, as one self-contained HTML
// page with its tables as CSV and JSON and its charts as Vega-Lite specifications.
#include <fmt/format.h>

#include <algorithm>
#include <future>
#include <map>
#include <optional>

#include "audit/auditor.hpp"
#include "audit/claims_file.hpp"
#include "cli/command.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "indicators/bilateral.hpp"
#include "indicators/dyad_indicators.hpp"
#include "indicators/products.hpp"
#include "model/coherence.hpp"
#include "model/linkage_model.hpp"
#include "model/regional_network.hpp"
#include "registry/actor_registry.hpp"
#include "registry/institutions.hpp"
#include "report/audit_table.hpp"
#include "report/charts.hpp"
#include "report/display_names.hpp"
#include "report/figure_export.hpp"
#include "report/headlines.hpp"
#include "report/html_report.hpp"
#include "report/index_tables.hpp"
#include "report/linkage_figure.hpp"
#include "report/network_tables.hpp"
#include "report/source_rows.hpp"
#include "store/workspace.hpp"

namespace linkage::cli {

namespace {

struct ReportOptions {
  CommonOptions common;
  std::string dyad;
  std::string region;
  std::string powers;
  std::string years;
  std::string claims;
  std::string milestones;
  std::size_t draws = 200;
  std::string out = "linkage-report";
  bool static_figures = true;
  bool pdf = false;
};

// What a report is about, resolved.
struct Subject {
  std::string actor;
  std::string pivot;
  std::string region;
  std::vector<std::string> powers;  // the actor first
  int first = 0;
  int last = 0;
};

Subject ResolveSubject(const ReportOptions& options, const std::pair<std::string, std::string>& dyad,
                       Database& database, const ActorRegistry& actors) {
  const LinkageDesign design = ResolveDesign(dyad, options.powers, options.region, database, actors);
  Subject subject{design.actor, design.pivot, design.region, design.powers, 0, 0};
  std::tie(subject.first, subject.last) = ParseYears(options.years);
  return subject;
}

ReportSection AuditSection(Database& database, const ActorRegistry& actors, const std::string& claims_path,
                           std::vector<std::string>& findings) {
  const std::vector<Claim> claims = ReadClaims(claims_path);
  TradeData data(database);
  Auditor auditor(database, data, actors);
  std::vector<ClaimResult> results;
  results.reserve(claims.size());
  std::map<Verdict, int> counts;
  for (const auto& claim : claims) {
    results.push_back(auditor.Audit(claim));
    ++counts[results.back().verdict];
  }
  const std::string tally = fmt::format(
      "Of the {} claims in {}, {} hold, {} are close, {} differ and {} cannot be checked.", results.size(),
      claims_path.substr(claims_path.find_last_of('/') + 1), counts[Verdict::kHolds], counts[Verdict::kClose],
      counts[Verdict::kDiffers], counts[Verdict::kUnverifiable]);
  findings.push_back(tally);
  ReportSection section{"audit", "Reproduction audit", {tally}, {}, {}};
  section.paragraphs.emplace_back(
      "Each claim is recomputed from the workspace; when it differs, the readings a careful analyst would "
      "try "
      "(the other reporter, a shifted year, a unit slip, nominal against real) are tried and named.");
  section.tables.push_back({"audit", "Claims", AuditTable(results), 100});
  return section;
}

// The latest year of the window with product-level trade of the dyad, and its product records (HS chapters).
std::vector<IndicatorRecord> LatestProducts(TradeData& data, const Subject& subject) {
  for (int year = subject.last; year >= subject.first; --year) {
    ProductRequest request{subject.pivot, subject.actor, year, 0, "hs2", 100};
    auto records = ComputeProductIndicators(data, request);
    const bool any = std::any_of(records.begin(), records.end(), [](const auto& record) {
      return record.indicator == "top_export_products_value" && record.value;
    });
    if (any) return records;
  }
  return {};
}

// The charts' names and colours: one colour per power, the actor first, fixed across every chart.
ChartStyle MakeStyle(const ActorRegistry& actors, const Subject& subject) {
  return {ActorPalette(subject.powers), ShortNames(actors)};
}

std::string PowerList(const Subject& subject, const ChartStyle& style) {
  std::vector<std::string> names;
  for (const auto& power : subject.powers) names.push_back(style.Name(power));
  if (names.size() < 2) return text::Join(names, "");
  const std::string last = names.back();
  names.pop_back();
  return text::Join(names, ", ") + " and " + last;
}

constexpr const char* kDotsSource = "IMF Direction of Trade Statistics";
constexpr const char* kIndexSource =
    "Linkage index on IMF DOTS, World Bank WDI, ATOP, COW, UN General Assembly votes and SIPRI "
    "(docs/methods.md)";

ReportSection IndicatorSection(Database& database, TradeData& data, TradeTerms& terms, const Subject& subject,
                               const LinkageRun& run, const ChartStyle& style) {
  ResultTable table{{"indicator", "reporter", "partner", "year", "value", "unit", "estimated", "missing"},
                    {}};
  const auto records = ComputeDyadIndicators(database, terms, subject.pivot, subject.actor, subject.first,
                                             subject.last, FlowChoices{}, {true, true, true, false});
  for (const auto& record : records) {
    table.rows.push_back({record.indicator, record.reporter, record.partner, record.year,
                          record.value ? nlohmann::json(*record.value) : nlohmann::json(), record.unit,
                          record.estimated,
                          record.missing.empty() ? nlohmann::json() : nlohmann::json(record.missing)});
  }
  const std::string pivot = style.Name(subject.pivot);
  const std::string actor = style.Name(subject.actor);
  ReportSection section{"indicators", "Trade and other ties", {}, {}, {}};
  section.paragraphs.push_back(
      fmt::format("{} ties with {} in the economic, security and political dimensions, {}-{}: trade and its "
                  "partners first, "
                  "then every indicator in the table below, each with its unit and whether its publisher "
                  "flagged it as an "
                  "estimate.",
                  Possessive(pivot), actor, subject.first, subject.last));
  section.charts.push_back(
      {"trade-shares", fmt::format("Each power's share of {} trade", Possessive(pivot)),
       ComponentChart(run, "trade_share", subject.pivot, "share of total trade", style,
                      {fmt::format("Each power's share of {} trade", Possessive(pivot)),
                       "Trade with the power over total trade; hollow diamonds estimated, hollow triangles "
                       "carried forward",
                       fmt::format("{}, as {} reports it", kDotsSource, pivot)}),
       "Where the lines cross, one power overtakes another."});
  section.charts.push_back(
      {"partner-shares", fmt::format("{} trade by partner", Possessive(pivot)),
       PartnerShareChart(
           run, subject.pivot, style,
           {fmt::format("{} trade by partner", Possessive(pivot)),
            "Shares of total trade, stacked; the rest of the world in the years every power's share "
            "is known",
            kDotsSource}),
       "How much of the pivot's trade the powers hold together, and who holds most."});
  const std::string gap_title = fmt::format("Mirror gaps of {} and {}", pivot, actor);
  section.charts.push_back(
      {"mirror-gaps", gap_title,
       MirrorGapChart(
           records, style,
           {gap_title,
            fmt::format("Imports (CIF) over the partner's reported exports (FOB), log scale; grey band "
                        "{:.2f}-{:.2f}: what freight and insurance explain",
                        kCifFobBandLow, kCifFobBandHigh),
            kDotsSource}),
       "Outside the grey band the two sides' reports of the same trade disagree."});
  const auto products = LatestProducts(data, subject);
  if (products.empty()) {
    section.paragraphs.push_back(fmt::format(
        "There is no product view: the workspace holds no product-level trade of {} with {} in {}-{} (the "
        "embedded product data are Kazakhstan's own reports to WITS; importing BACI or UN Comtrade files "
        "brings "
        "any other country's, docs/formats.md).",
        pivot, actor, subject.first, subject.last));
  } else {
    const std::string title =
        fmt::format("Products of {} trade with {}, {}", Possessive(pivot), actor, products.front().year);
    section.charts.push_back({"products", title,
                              ProductTreemap(products, subject.pivot, subject.actor, style,
                                             {title, "HS chapters by value, exports and imports",
                                              "WITS / UN Comtrade, as the pivot reports"}),
                              "The latest year of the window with product data; hover a box for its value."});
  }
  section.tables.push_back({"indicators", fmt::format("Indicators of {} with {}", pivot, actor), table, 60});
  return section;
}

// The latest year in which the most linkage scores have a value: the last year of a window often lacks the
// inputs that end earlier (COW IGO, NMC), and a table of blanks says little.
int BestCoveredYear(const ResultTable& table) {
  std::map<int, int> valued;
  for (const auto& row : table.rows) {
    const int year = row[4].get<int>();
    valued[year] += row[6].is_null() ? 0 : 1;
  }
  int best = 0;
  int most = -1;
  for (const auto& [year, count] : valued) {
    if (count >= most) {
      most = count;
      best = year;
    }
  }
  return best;
}

// The first screen's charts: the dyad's scores with their bands, and the powers' shares (or, with one power,
// its share of the pivot's trade).
std::vector<ReportChart> KeyCharts(const Subject& subject, const LinkageRun& run,
                                   const std::vector<BreakDate>& dates, const ChartStyle& style,
                                   std::size_t draws) {
  const std::string actor = style.Name(subject.actor);
  const std::string pivot = style.Name(subject.pivot);
  std::vector<ReportChart> charts;
  const std::string title = fmt::format("{} linkage with {}", Possessive(actor), pivot);
  charts.push_back(
      {"index-dyad", title,
       ScoreBandChart(
           run, subject.actor, subject.pivot, {"bandwidth", "dependence", "linkage"}, dates,
           {title,
            draws > 0 ? fmt::format("Scores 0-100; bands: 5-95% over {} weightings; hollow points rest "
                                    "on inputs carried forward; dashed: milestones",
                                    draws)
                      : "Scores 0-100; hollow points rest on inputs carried forward; dashed: milestones",
            kIndexSource}),
       "Bandwidth: how much the two interact; dependence: how much the pivot relies on the power; linkage: "
       "their "
       "mean."});
  if (subject.powers.size() > 1) {
    const std::string shares = fmt::format("The powers' shares of linkage with {}", pivot);
    charts.push_back({"powers-pivot", shares,
                      PowerShareChart(run, subject.pivot, "linkage", style,
                                      {shares,
                                       "Each power's share of the powers' summed linkage scores, compared "
                                       "on the inputs all of them have",
                                       kIndexSource}),
                      "A year in which a power lacks a comparable score has no shares at all."});
  } else {
    const std::string shares = fmt::format("{} share of {} trade", Possessive(actor), Possessive(pivot));
    charts.push_back({"trade-share-actor", shares,
                      ComponentChart(run, "trade_share", subject.pivot, "share of total trade", style,
                                     {shares, "Trade with the power over total trade", kDotsSource}),
                      "Only one power was given, so no powers are compared."});
  }
  return charts;
}

ReportSection IndexSection(Database& database, const Subject& subject, const LinkageRun& run,
                           const ChartStyle& style) {
  const std::string actor = style.Name(subject.actor);
  const std::string pivot = style.Name(subject.pivot);
  ReportSection section{"index", "Linkage index", {}, {}, {}};
  section.paragraphs.push_back(
      "Bandwidth (how much the two interact) and dependence (how much the target relies on the source) on "
      "0-100 per dimension, equal weights, min-max normalisation over the panel; the bands are the 5-95% "
      "range over random draws of weights and normalisation (docs/methods.md, \"Linkage index\").");
  const std::string dimensions = fmt::format("Dimensions of {} linkage with {}", Possessive(actor), pivot);
  section.charts.push_back(
      {"index-dimensions", dimensions,
       ScoreBandChart(
           run, subject.actor, subject.pivot,
           {"economic_bandwidth", "economic_dependence", "security_bandwidth", "security_dependence",
            "political_bandwidth", "political_dependence"},
           {},
           {dimensions, "Bandwidth and dependence per dimension, 0-100; hollow points: carried forward",
            kIndexSource}),
       "One panel per dimension, in the colours of the chart above."});
  if (subject.powers.size() <= 1) {
    section.paragraphs.push_back("No powers are compared: only one was given.");
  } else {
    section.paragraphs.push_back(
        "The powers are compared on the inputs every one of them has in a year (docs/methods.md, \"Comparing "
        "powers\"): an input one of them lacks, or whose source covers only some of them (AidData's Chinese "
        "development finance), leaves that year's comparison, and a year in which a power has no comparable "
        "score has no shares at all. The coverage table says how much of each power's weight had values.");
    if (!subject.region.empty()) {
      const std::string title =
          fmt::format("The powers' shares of linkage with {}", RegionTitle(subject.region));
      section.charts.push_back(
          {"powers-region", title,
           PowerShareChart(
               run, subject.region, "linkage", style,
               {title, "Each power's share of the powers' summed actor-region scores", kIndexSource}),
           "The region level: each power's ties with the members taken together."});
    }
    section.tables.push_back(
        {"coverage-powers",
         fmt::format("Coverage of each power's comparable linkage with {}, by year", pivot),
         CoverageByPowerTable(run, subject.pivot), 20});
  }
  ResultTable latest = ScoreTable(run, {{"dyad", "region", "system"}, {"linkage"}});
  const int year = BestCoveredYear(latest);
  std::erase_if(latest.rows, [&](const auto& row) { return row[4] != year; });
  section.tables.push_back({"index-latest", fmt::format("Linkage scores in {}", year), latest, 60, true});
  if (const auto last = LatestLinkageYear(run)) {
    section.tables.push_back(
        {"index-inputs",
         fmt::format("Inputs of {} linkage with {} in {}, with the rows they were read from",
                     Possessive(actor), pivot, *last),
         InputTable(database, run, OutputFormat::kCsv, PanelUnit{subject.actor, subject.pivot, *last}), 60});
  }
  section.tables.push_back({"index-scores", "Every score, level and year", ScoreTable(run, {}), 0});
  return section;
}

ReportSection NetworkSection(Database& database, TradeTerms& terms, const Subject& subject,
                             const ChartStyle& style, std::optional<Headline>& headline) {
  ReportSection section{"network", "Regional network and coherence", {}, {}, {}};
  const RegionalNetwork network =
      BuildRegionalNetwork(database, terms, subject.region, subject.last, subject.powers);
  std::optional<PivotRole> pivot;
  if (std::find(network.members.begin(), network.members.end(), subject.pivot) != network.members.end())
    pivot = PivotOf(network, terms, subject.pivot, subject.actor);
  if (pivot)
    headline = RegionHeadline(*pivot, subject.region, subject.last,
                              {subject.actor, subject.pivot, subject.first, subject.last}, style);
  const std::string region = RegionTitle(subject.region);
  section.paragraphs.push_back(fmt::format(
      "The trade network of the members of {} and the powers in {} (igraph: weighted degree, betweenness "
      "with "
      "1/w lengths, eigenvector centrality, Louvain communities), and the region's coherence over the years.",
      region, subject.last));
  const ResultSection nodes = NodeSection(network);
  const ResultSection graph = GraphSection(network, pivot);
  const Coherence coherence =
      ComputeCoherence(database, terms, subject.region, subject.first, subject.last, subject.actor);
  const std::string title = fmt::format("Coherence of {}", region);
  section.charts.push_back(
      {"coherence", title,
       CoherenceChart(coherence, {title,
                                  "0-1: density of trade among members, intra-regional share of their trade, "
                                  "overlap of their memberships",
                                  "IMF DOTS; COW IGO and curated memberships"}),
       "A region that trades and organises more among itself is more coherent."});
  section.tables.push_back(
      {"network-nodes", fmt::format("Nodes in {}", subject.last), nodes.table, 40, true});
  section.tables.push_back({"network-graph", "Graph and pivot", graph.table, 40});
  for (const auto& part : CoherenceSections(coherence, subject.first, subject.last))
    section.tables.push_back({"coherence-" + part.name, "Coherence: " + part.name, part.table, 40});
  return section;
}

ReportSection FigureSection(Database& database, TradeTerms& terms, const Subject& subject,
                            const LinkageRun& run, const ChartStyle& style) {
  ReportSection section{"figure", "The linkage figure", {}, {}, {}, {}};
  const std::string actor = style.Name(subject.actor);
  const std::string pivot = style.Name(subject.pivot);
  const auto year = LatestLinkageYear(run);
  if (!year) {
    section.paragraphs.push_back(
        fmt::format("No year of {}-{} has a linkage score of {} with {}, so there is no "
                    "figure.",
                    subject.first, subject.last, actor, pivot));
    return section;
  }
  const RegionalNetwork network =
      subject.region.empty() ? RegionalNetwork{}
                             : BuildRegionalNetwork(database, terms, subject.region, *year, subject.powers);
  LinkageFigure figure = CollectLinkageFigure(database, run, network, *year);
  KeepStrongest(figure);
  const std::string dot = LinkageDot(figure, style);
  section.paragraphs.push_back(
      fmt::format("How the tie of {} with {} sits among the outside powers, the region's members and the "
                  "pivot's institutions "
                  "in {}, the latest year with a score. Arrows are dyad linkage scores in the power's colour "
                  "(width 0.5 + 5 x "
                  "score / 100; labelled where they reach {}); grey-blue lines are the members' trade with "
                  "each other (width "
                  "by the largest pair); below them the institutions {} belongs to, each with how many of "
                  "the figure's states "
                  "are members and whether {} is; a power's box gives its linkage with the region.",
                  actor, pivot, *year, pivot, pivot, actor));
  std::vector<std::string> left_out;
  if (!figure.members_left_out.empty()) {
    std::vector<std::string> names;
    for (const auto& member : figure.members_left_out) names.push_back(style.Name(member));
    left_out.push_back(
        fmt::format("the members without any scored or trade tie ({})", text::Join(names, ", ")));
  }
  if (figure.power_ties_left_out > 0)
    left_out.push_back(
        fmt::format("{} power ties weaker than the member's strongest", figure.power_ties_left_out));
  if (figure.member_ties_left_out > 0)
    left_out.push_back(fmt::format("{} trade ties outside each member's {} largest",
                                   figure.member_ties_left_out, kTradeTiesPerMember));
  if (!figure.institutions_left_out.empty())
    left_out.push_back(fmt::format("{} institutions {} does not belong to or beyond the {} largest",
                                   figure.institutions_left_out.size(), pivot, kMostInstitutions));
  if (figure.missing_power_ties > 0)
    left_out.push_back(fmt::format("{} power-state pairs without a score", figure.missing_power_ties));
  if (!left_out.empty())
    section.paragraphs.push_back("Left out so that the figure stays readable: " + text::Join(left_out, "; ") +
                                 ". Every power-member score is in data/index-scores.csv.");
  if (!figure.universal_institutions.empty()) {
    section.paragraphs.push_back(fmt::format(
        "Every state in the figure belongs to {}, so {} not drawn: membership in it tells no one apart.",
        text::Join(figure.universal_institutions, ", "),
        figure.universal_institutions.size() == 1 ? "it is" : "they are"));
  }
  section.figures.push_back({"linkage", fmt::format("Linkage in {}", *year), RenderDotSvg(dot), dot,
                             "Drawn by Graphviz from the scores; restyle it from the DOT source."});
  return section;
}

ReportSection TestSection(const std::vector<SeriesTests>& tests, const std::vector<BreakDate>& dates) {
  ReportSection section{"tests", "Trend and break tests", {}, {}, {}};
  section.paragraphs.emplace_back(
      "Mann-Kendall trend with Sen's slope for every score series, its robustness over the draws, and the "
      "segmented regression (Chow test) at each milestone year.");
  section.tables.push_back(
      {"tests", "Tests of the dyad's score series", TestTable(tests, dates, {{"dyad"}, {}}), 60, true});
  return section;
}

ReportSection SourceSection(Database& database, const Subject& subject) {
  ReportSection section{"sources", "Sources and methods", {}, {}, {}};
  section.paragraphs.emplace_back(
      "Every number traces to its stored rows: each table beside this page (data/) holds every value with "
      "every "
      "digit, the inputs table of the index section names the file and line each input was read from, and "
      "the "
      "formulas with their citations are in docs/methods.md.");
  section.paragraphs.push_back(fmt::format(
      "The report covers {}-{}. Each source ends in its own year (below); a year after a source's last is "
      "missing for the inputs it feeds, or carried forward and flagged where the input changes slowly.",
      subject.first, subject.last));
  // One scan of the stored values serves both tables.
  const auto years = YearsBySource(database);
  section.tables.push_back(
      {"source-years", "Where each source ends", DatasetYearsTable(database, years), 60, true});
  section.tables.push_back({"sources", "Source files", SourceTable(database, years), 100});
  return section;
}

void RunReport(const ReportOptions& options) {
  const auto dyad = SplitDyad(options.dyad);
  // Node.js and Chromium start while the report is computed; they draw the page once it is written.
  std::optional<FigureExport> exporter;
  if (options.static_figures || options.pdf)
    exporter.emplace(options.out, options.static_figures, options.pdf);
  auto database = OpenOrCreate(options.common);
  const ActorRegistry actors(*database);
  const Subject subject = ResolveSubject(options, dyad, *database, actors);
  const ChartLibraries libraries = LoadChartLibraries();
  const ReportPageAssets page = LoadReportPageAssets();
  const ChartStyle style = MakeStyle(actors, subject);
  TradeData data(*database);
  TradeTerms terms(*database, data, actors);

  // The audit reads the workspace through a read-only connection of its own while the model runs.
  struct AuditPart {
    ReportSection section;
    std::vector<std::string> findings;
  };
  std::future<AuditPart> audit_part;
  if (!options.claims.empty()) {
    audit_part = std::async(std::launch::async, [&database, &actors, &options] {
      Database connection(database->Path(), false);
      connection.Execute("PRAGMA query_only = ON");
      AuditPart part;
      part.section = AuditSection(connection, actors, options.claims, part.findings);
      return part;
    });
  }

  LinkageRequest request;
  request.design = {subject.actor, subject.pivot, subject.region, subject.powers, {}};
  request.first = subject.first;
  request.last = subject.last;
  request.spec = EqualWeightsSpec();
  request.sensitivity.draws = options.draws;
  const LinkageRun run = RunLinkageModel(*database, terms, request);
  const auto dates = DyadBreakDates(*database, actors, subject.actor, subject.pivot, subject.first,
                                    subject.last, options.milestones);
  const Sensitivity* sensitivity = run.sensitivity ? &*run.sensitivity : nullptr;
  const auto tests = TestScoreSeries(run.rows, sensitivity, dates);

  Report report;
  report.title = CaseTitle(style.Name(subject.actor), style.Name(subject.pivot), subject.region);
  report.subtitle = fmt::format("{}-{} · outside powers {} · linkage {}, from the workspace's data",
                                subject.first, subject.last, PowerList(subject, style), LINKAGE_VERSION);
  report.headlines =
      Headlines(run, tests, dates, {subject.actor, subject.pivot, subject.first, subject.last}, style);
  report.key_charts = KeyCharts(subject, run, dates, style, options.draws);
  report.findings = SummariseTests(tests, run.rows, sensitivity, dates, subject.actor, subject.pivot);
  for (const auto& [id, colour] : style.palette.Entries())
    report.actors.push_back({id, style.Name(id), colour});
  // The audit is of a study the user names: a report about any other case carries no one else's claims.
  std::optional<ReportSection> audit;
  if (audit_part.valid()) {
    AuditPart part = audit_part.get();
    report.findings.insert(report.findings.end(), part.findings.begin(), part.findings.end());
    audit = std::move(part.section);
  }
  std::optional<Headline> region_headline;
  std::optional<ReportSection> network;
  if (!subject.region.empty()) network = NetworkSection(*database, terms, subject, style, region_headline);
  if (region_headline) report.headlines.push_back(std::move(*region_headline));
  report.sections.push_back({"summary", "Key findings", {}, {}, {}});
  report.sections.push_back(FigureSection(*database, terms, subject, run, style));
  report.sections.push_back(IndexSection(*database, subject, run, style));
  report.sections.push_back(IndicatorSection(*database, data, terms, subject, run, style));
  if (network) {
    report.sections.push_back(std::move(*network));
  } else {
    report.sections.push_back(
        {"network",
         "Regional network and coherence",
         {"No region was given, so there is no regional network, coherence or actor-region "
          "level."},
         {},
         {}});
  }
  if (audit) report.sections.push_back(std::move(*audit));
  report.sections.push_back(TestSection(tests, dates));
  report.sections.push_back(SourceSection(*database, subject));

  WriteReport(report, libraries, page, options.out);
  fmt::print("wrote {}/report.html ({} sections), data/ and figures/\n", options.out, report.sections.size());
  if (exporter) exporter->Draw();
  if (options.pdf) fmt::print("wrote {}/report.pdf\n", options.out);
}

}  // namespace

void RegisterReport(CLI::App& app) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* command = app.add_subcommand(
      "report",
      "Write a self-contained HTML report of a dyad, its region and the powers, with data and figures");
  AddWorkspaceOption(*command, options->common);
  command->add_option("--dyad", options->dyad, "The outside power and the pivot state, e.g. CHN,KAZ")
      ->required();
  command->add_option("--years", options->years, "A range of years, e.g. 1992-2020")->required();
  command->add_option("--region", options->region, "The pivot's region, e.g. central-asia");
  command->add_option("--powers", options->powers, "Other outside powers, e.g. RUS,USA,TUR,IRN");
  command->add_option("--claims", options->claims,
                      "Claims file to audit (docs/claims.md); without it the report has no audit section");
  command->add_option("--milestones", options->milestones,
                      "A file of dated events to test for breaks at, in place of the workspace's milestones");
  command->add_option("--draws", options->draws, "Sensitivity draws of the index (default 200)");
  command->add_option("--out", options->out, "Folder to write into (default linkage-report)");
  command->add_flag("!--no-static-figures", options->static_figures,
                    "Skip the SVG and PNG files of the charts (they need Node.js and Chromium)");
  command->add_flag(
      "--pdf", options->pdf,
      "Also write report.pdf: the page printed by the same headless Chromium, paginated by section");
  command->callback([options] { RunReport(*options); });
}

}  // namespace linkage::cli
