// `linkage report --dyad CHN,KAZ --years 1992-2020 [--region central-asia] [--powers RUS,USA] [--out DIR]`:
// everything Linkage computes for a dyad, its region and the powers around it, as one self-contained HTML
// page with its tables as CSV and JSON and its charts as Vega-Lite specifications.
#include <fmt/format.h>

#include <algorithm>
#include <future>
#include <map>

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
#include "report/figure_export.hpp"
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

ReportSection IndicatorSection(Database& database, TradeData& data, TradeTerms& terms, const Subject& subject,
                               const LinkageRun& run) {
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
  ReportSection section{"indicators", "Indicators", {}, {}, {}};
  section.paragraphs.push_back(fmt::format(
      "{}'s indicators with {} in the economic, security and political dimensions, {}-{}, as `linkage "
      "indicators --reporter {} --partner {}` prints them (with the source rows of each value).",
      subject.pivot, subject.actor, subject.first, subject.last, subject.pivot, subject.actor));
  section.charts.push_back(
      {"trade-shares", fmt::format("Each power's share of {}'s total trade", subject.pivot),
       ComponentChart(run, "trade_share", subject.pivot, "share of total trade"),
       "IMF DOTS, as the pivot reports it; where the lines cross, one power overtakes another"});
  section.charts.push_back(
      {"partner-shares", fmt::format("{}'s trade by partner", subject.pivot),
       PartnerShareChart(run, subject.pivot),
       "the powers' shares stacked, the rest of the world on top in the years every share is known"});
  section.charts.push_back(
      {"mirror-gaps", fmt::format("Mirror gaps of {} and {}", subject.pivot, subject.actor),
       MirrorGapChart(records),
       fmt::format(
           "each side's imports over the other's reported exports; the grey band ({:.2f}-{:.2f}) is what "
           "freight and insurance explain, outside it the two reports disagree",
           kCifFobBandLow, kCifFobBandHigh)});
  const auto products = LatestProducts(data, subject);
  if (products.empty()) {
    section.paragraphs.push_back(fmt::format(
        "No product view: the workspace holds no product-level trade of {} with {} in {}-{} (the embedded "
        "product data are Kazakhstan's own WITS reports; `linkage import baci FILE --products-for {}` or "
        "`linkage import comtrade FILE` brings any other country's).",
        subject.pivot, subject.actor, subject.first, subject.last, subject.pivot));
  } else {
    section.charts.push_back({"products",
                              fmt::format("Products of {}'s trade with {} in {}", subject.pivot,
                                          subject.actor, products.front().year),
                              ProductTreemap(products, subject.pivot, subject.actor),
                              "HS chapters by value, as the pivot reports them (WITS/UN Comtrade); the "
                              "latest year of the window with "
                              "product data"});
  }
  section.tables.push_back({"indicators", "Indicators of the dyad", table, 40});
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

ReportSection IndexSection(const Subject& subject, const LinkageRun& run,
                           const std::vector<BreakDate>& dates) {
  ReportSection section{"index", "Linkage index", {}, {}, {}};
  section.paragraphs.push_back(
      "Bandwidth (how much the two interact) and dependence (how much the target relies on the source) on "
      "0-100 per dimension, equal weights, min-max normalisation over the panel; the bands are the 5-95% "
      "range over random draws of weights and normalisation (docs/methods.md, \"Linkage index\").");
  section.charts.push_back(
      {"index-dyad", fmt::format("Linkage of {} with {}", subject.actor, subject.pivot),
       ScoreBandChart(run, subject.actor, subject.pivot, {"bandwidth", "dependence", "linkage"}, dates),
       "dashed rules: the milestones the break tests look at; hollow points: a score resting on an input "
       "carried forward from an earlier year"});
  section.charts.push_back(
      {"index-dimensions", fmt::format("Dimensions of {} with {}", subject.actor, subject.pivot),
       ScoreBandChart(run, subject.actor, subject.pivot,
                      {"economic_bandwidth", "economic_dependence", "security_bandwidth",
                       "security_dependence", "political_bandwidth", "political_dependence"},
                      {}),
       "each dimension's bandwidth and dependence scores; hollow points: carried forward"});
  if (subject.powers.size() <= 1) {
    section.paragraphs.push_back(
        "No comparison of powers: only one power was given (--powers names the others).");
  } else {
    section.paragraphs.push_back(
        "The powers are compared on the inputs every one of them has in a year (docs/methods.md, \"Comparing "
        "powers\"): an input one of them lacks, or whose source covers only some of them (AidData's Chinese "
        "development finance), leaves that year's comparison, and a year in which a power has no comparable "
        "score has no shares at all. The score table's note names what was left out.");
    section.tables.push_back(
        {"coverage-powers",
         fmt::format("Coverage of each power's comparable linkage with {}, by year", subject.pivot),
         CoverageByPowerTable(run, subject.pivot), 20});
    section.charts.push_back({"powers-pivot",
                              fmt::format("The powers' shares of linkage with {}", subject.pivot),
                              PowerShareChart(run, subject.pivot, "linkage"),
                              "system level: how the pivot's ties spread over the powers"});
    if (!subject.region.empty()) {
      section.charts.push_back(
          {"powers-region", fmt::format("The powers' shares of linkage with {}", subject.region),
           PowerShareChart(run, subject.region, "linkage"), "actor-region scores of each power, as shares"});
    }
  }
  ResultTable latest = ScoreTable(run, {{"dyad", "region", "system"}, {"linkage"}});
  const int year = BestCoveredYear(latest);
  std::erase_if(latest.rows, [&](const auto& row) { return row[4] != year; });
  section.tables.push_back({"index-latest", fmt::format("Linkage scores in {}", year), latest, 60});
  section.tables.push_back({"index-scores", "Every score, level and year", ScoreTable(run, {}), 0});
  return section;
}

ReportSection NetworkSection(Database& database, TradeTerms& terms, const Subject& subject,
                             std::vector<std::string>& findings) {
  ReportSection section{"network", "Regional network and coherence", {}, {}, {}};
  const RegionalNetwork network =
      BuildRegionalNetwork(database, terms, subject.region, subject.last, subject.powers);
  std::optional<PivotRole> pivot;
  if (std::find(network.members.begin(), network.members.end(), subject.pivot) != network.members.end())
    pivot = PivotOf(network, terms, subject.pivot, subject.actor);
  if (pivot && pivot->share_of_actor_trade.value) {
    findings.push_back(
        fmt::format("In {} {} ranks {} of {} members of {} by trade strength and carries {:.0f}% of the "
                    "members' trade with {}.",
                    subject.last, subject.pivot, pivot->strength_rank, pivot->members, subject.region,
                    100 * *pivot->share_of_actor_trade.value, subject.actor));
  }
  section.paragraphs.push_back(fmt::format(
      "The trade network of {}'s members and the powers in {} (igraph: weighted degree, betweenness with 1/w "
      "lengths, eigenvector centrality, Louvain communities), and the region's coherence over the years.",
      subject.region, subject.last));
  const ResultSection nodes = NodeSection(network);
  const ResultSection graph = GraphSection(network, pivot);
  section.tables.push_back({"network-nodes", fmt::format("Nodes in {}", subject.last), nodes.table, 40});
  section.tables.push_back({"network-graph", "Graph and pivot", graph.table, 40});
  const Coherence coherence =
      ComputeCoherence(database, terms, subject.region, subject.first, subject.last, subject.actor);
  section.charts.push_back(
      {"coherence", fmt::format("Coherence of {}", subject.region), CoherenceChart(coherence),
       "density of trade among members, intra-regional trade share, co-membership overlap"});
  for (const auto& part : CoherenceSections(coherence, subject.first, subject.last))
    section.tables.push_back({"coherence-" + part.name, "Coherence: " + part.name, part.table, 40});
  return section;
}

ReportSection FigureSection(Database& database, TradeTerms& terms, const Subject& subject,
                            const LinkageRun& run) {
  ReportSection section{"figure", "The linkage figure", {}, {}, {}, {}};
  const auto year = LatestLinkageYear(run);
  if (!year) {
    section.paragraphs.push_back(
        fmt::format("No year of {}-{} has a linkage score of {} with {}, so there is no figure.",
                    subject.first, subject.last, subject.actor, subject.pivot));
    return section;
  }
  const RegionalNetwork network =
      subject.region.empty() ? RegionalNetwork{}
                             : BuildRegionalNetwork(database, terms, subject.region, *year, subject.powers);
  const LinkageFigure figure = CollectLinkageFigure(database, run, network, *year);
  const std::string dot = LinkageDot(figure);
  section.paragraphs.push_back(
      fmt::format("How the tie of {} with {} sits among the outside powers, the region's members and their "
                  "institutions in {} "
                  "(the latest year with a score). Arrows are dyad linkage scores (width 0.5 + 5 x score / "
                  "100; labelled where "
                  "they reach {}), blue lines the members' trade with each other (width by the largest "
                  "pair), dotted lines "
                  "memberships; a power's box gives its linkage with the region. {} power-state pairs have "
                  "no score and are not "
                  "drawn.",
                  subject.actor, subject.pivot, *year, subject.pivot, figure.missing_power_ties));
  if (!figure.universal_institutions.empty()) {
    section.paragraphs.push_back(fmt::format(
        "Every state in the figure belongs to {}, so {} not drawn: membership in it tells no one apart.",
        text::Join(figure.universal_institutions, ", "),
        figure.universal_institutions.size() == 1 ? "it is" : "they are"));
  }
  section.figures.push_back({"linkage", fmt::format("Linkage in {}", *year), RenderDotSvg(dot), dot,
                             "drawn by Graphviz from the scores; restyle it from the DOT source"});
  return section;
}

void RunReport(const ReportOptions& options) {
  const auto dyad = SplitDyad(options.dyad);
  auto database = OpenOrCreate(options.common);
  const ActorRegistry actors(*database);
  const Subject subject = ResolveSubject(options, dyad, *database, actors);
  const ChartLibraries libraries = LoadChartLibraries();
  TradeData data(*database);
  TradeTerms terms(*database, data, actors);

  // The audit reads the workspace through a read-only connection of its own while the model runs; its
  // findings join the summary in the same place as before.
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

  std::vector<std::string> findings =
      SummariseTests(tests, run.rows, sensitivity, dates, subject.actor, subject.pivot);
  Report report{fmt::format("Linkage: {} and {}{}", subject.actor, subject.pivot,
                            subject.region.empty() ? "" : " in " + subject.region),
                fmt::format("{}-{}; powers {}; generated by linkage {} from the workspace's data",
                            subject.first, subject.last, text::Join(subject.powers, ", "), LINKAGE_VERSION),
                {}};
  // The audit is of a study the user names: a report about any other case carries no one else's claims.
  std::optional<ReportSection> audit;
  if (audit_part.valid()) {
    AuditPart part = audit_part.get();
    findings.insert(findings.end(), part.findings.begin(), part.findings.end());
    audit = std::move(part.section);
  }
  std::optional<ReportSection> network;
  if (!subject.region.empty()) network = NetworkSection(*database, terms, subject, findings);
  report.sections.push_back({"summary", "Summary", findings, {}, {}});
  if (audit) report.sections.push_back(std::move(*audit));
  report.sections.push_back(IndicatorSection(*database, data, terms, subject, run));
  report.sections.push_back(IndexSection(subject, run, dates));
  report.sections.push_back(FigureSection(*database, terms, subject, run));
  if (network) {
    report.sections.push_back(std::move(*network));
  } else {
    report.sections.push_back(
        {"network",
         "Regional network and coherence",
         {"No region was given (--region), so there is no regional network, coherence or "
          "actor-region level."},
         {},
         {}});
  }
  ReportSection testing{"tests", "Trend and break tests", {}, {}, {}};
  testing.paragraphs.emplace_back(
      "Mann-Kendall trend with Sen's slope for every score series, its robustness over the draws, and the "
      "segmented regression (Chow test) at each milestone year.");
  testing.tables.push_back(
      {"tests", "Tests of the dyad's score series", TestTable(tests, dates, {{"dyad"}, {}}), 60});
  report.sections.push_back(std::move(testing));
  ReportSection sources{"sources", "Sources and methods", {}, {}, {}};
  sources.paragraphs.emplace_back(
      "Every number traces to its stored rows: `linkage index --view inputs` and `linkage indicators` print "
      "the file and line of each input; the formulas and their citations are in docs/methods.md.");
  sources.paragraphs.push_back(fmt::format(
      "The report covers {}-{}. Each source ends in its own year (below); a year after a source's last is "
      "missing for the inputs it feeds, or carried forward and flagged where the input changes slowly.",
      subject.first, subject.last));
  // One scan of the stored values serves both tables.
  const auto years = YearsBySource(*database);
  sources.tables.push_back(
      {"source-years", "Where each source ends", DatasetYearsTable(*database, years), 60});
  sources.tables.push_back({"sources", "Source files", SourceTable(*database, years), 100});
  report.sections.push_back(std::move(sources));

  WriteReport(report, libraries, options.out);
  fmt::print("wrote {}/report.html ({} sections), data/ and figures/\n", options.out, report.sections.size());
  if (options.static_figures) ExportStaticFigures(options.out);
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
  command->callback([options] { RunReport(*options); });
}

}  // namespace linkage::cli
