// `linkage index --dyad CHN,KAZ --years 1992-2020 [--region central-asia] [--powers RUS,USA]
// [--weights equal|fbic|FILE] [--draws N] [--view scores|inputs|tests|summary]`: the linkage index at the
// three levels with its sensitivity intervals, the inputs behind it, and the trend and break tests of its
// series.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "model/linkage_model.hpp"
#include "model/milestone_dates.hpp"
#include "model/score_tests.hpp"
#include "registry/actor_registry.hpp"
#include "registry/institutions.hpp"
#include "report/index_tables.hpp"
#include "report/output.hpp"

namespace linkage::cli {

namespace {

struct IndexOptions {
  CommonOptions common;
  std::string dyad;
  std::string region;
  std::string powers;
  std::string years;
  ChoiceOptions choices;
  std::string weights = "equal";
  std::string normalisation = "minmax";
  double min_coverage = 0.5;
  int carry_years = kDefaultCarryYears;
  std::size_t draws = 200;
  std::uint64_t seed = 1;
  double spread = 0.5;
  std::string view = "scores";
  std::string levels;
  std::string scores;
  std::string breaks;
  std::string milestones;
  std::string format = "table";
};

std::set<std::string> ParseList(const std::string& text) {
  std::set<std::string> items;
  for (const auto& piece : text::Split(text, ',')) {
    const std::string item(text::Trim(piece));
    if (!item.empty()) items.insert(item);
  }
  return items;
}

ScoreSelection ParseFilter(const IndexOptions& options) {
  ScoreSelection filter{ParseList(options.levels), ParseList(options.scores)};
  for (const auto& level : filter.levels) {
    if (level != "dyad" && level != "region" && level != "system")
      throw UsageError(fmt::format("--level: unknown level '{}'; use dyad, region or system", level));
  }
  for (const auto& score : filter.scores) {
    if (!ScoreIndex(score))
      throw UsageError(fmt::format("--score: unknown score '{}'; use {}", score,
                                   text::Join({ScoreNames().begin(), ScoreNames().end()}, ", ")));
  }
  return filter;
}

void RunIndex(const IndexOptions& options) {
  const OutputFormat format = ParseOutputFormat(options.format);
  const auto [first, last] = ParseYears(options.years);
  const FlowChoices choices = ParseChoices(options.choices);
  if (options.choices.perspective == "both")
    throw UsageError("--perspective both does not apply to the index; use reporter or partner");
  const Normalisation normalisation = ParseNormalisation(options.normalisation);
  if (options.view != "scores" && options.view != "inputs" && options.view != "tests" &&
      options.view != "summary")
    throw UsageError(
        fmt::format("--view: unknown view '{}'; use scores, inputs, tests or summary", options.view));
  if (options.min_coverage < 0 || options.min_coverage > 1)
    throw UsageError("--min-coverage must be between 0 and 1");
  if (options.carry_years < 0 || options.carry_years > 50)
    throw UsageError(fmt::format("--carry-years must be between 0 and 50, not {}", options.carry_years));
  if (options.spread < 0 || options.spread > 1) throw UsageError("--spread must be between 0 and 1");
  const ScoreSelection filter = ParseFilter(options);
  const auto dyad = SplitDyad(options.dyad);

  auto database = OpenOrCreate(options.common);
  const ActorRegistry actors(*database);
  LinkageRequest request;
  request.first = first;
  request.last = last;
  request.choices = choices;
  request.spec = LoadIndexSpec(options.weights);
  request.normalisation = normalisation;
  request.min_coverage = options.min_coverage;
  request.carry_years = options.carry_years;
  request.design = ResolveDesign(dyad, options.powers, options.region, *database, actors);
  // The inputs view needs no draws.
  if (options.view != "inputs")
    request.sensitivity = {options.draws, options.seed,  options.spread,
                           true,          normalisation, options.min_coverage};

  TradeData data(*database);
  TradeTerms terms(*database, data, actors);
  RequireDataset(choices, data);
  const LinkageRun run = RunLinkageModel(*database, terms, request);
  if (options.view == "inputs") return WriteResult(InputTable(*database, run, format), format, stdout);
  if (options.view == "scores") return WriteResult(ScoreTable(run, filter), format, stdout);

  const std::vector<BreakDate> dates = options.breaks.empty()
                                           ? DyadBreakDates(*database, actors, run.design.actor,
                                                            run.design.pivot, first, last, options.milestones)
                                           : ParseBreakDates(options.breaks);
  const Sensitivity* sensitivity = run.sensitivity ? &*run.sensitivity : nullptr;
  const auto tests = TestScoreSeries(run.rows, sensitivity, dates);
  if (options.view == "tests") return WriteResult(TestTable(tests, dates, filter), format, stdout);
  ResultTable summary{{"finding"}, {}};
  for (const auto& sentence :
       SummariseTests(tests, run.rows, sensitivity, dates, run.design.actor, run.design.pivot))
    summary.rows.push_back({sentence});
  WriteResult(summary, format, stdout);
}

}  // namespace

void RegisterIndex(CLI::App& app) {
  auto options = std::make_shared<IndexOptions>();
  CLI::App* command = app.add_subcommand(
      "index",
      "Linkage index (bandwidth, dependence) at the dyad, region and system levels, with sensitivity");
  AddWorkspaceOption(*command, options->common);
  command->add_option("--dyad", options->dyad, "The outside power and the pivot state, e.g. CHN,KAZ")
      ->required();
  command->add_option("--years", options->years, "A range of years, e.g. 1992-2020")->required();
  command->add_option("--region", options->region, "The pivot's region, e.g. central-asia");
  command->add_option("--powers", options->powers, "Other outside powers, e.g. RUS,USA,TUR,IRN");
  AddChoiceOptions(*command, options->choices);
  command->add_option("--weights", options->weights, "equal (default), fbic, or a weight file (CSV)");
  command->add_option("--normalisation", options->normalisation, "minmax (default), zscore or rank");
  command->add_option("--min-coverage", options->min_coverage,
                      "Least share of a score's weight that must have values (default 0.5)");
  command->add_option("--carry-years", options->carry_years,
                      "Years a slow-moving input (memberships, alliances, IGO counts) may be carried forward "
                      "from its last observed year, flagged as carried (default 6; 0 for none)");
  command->add_option("--draws", options->draws, "Sensitivity draws (default 200; 0 for none)");
  command->add_option("--seed", options->seed, "Seed of the sensitivity draws (default 1)");
  command->add_option("--spread", options->spread, "Each weight is drawn in [1-s, 1+s] times its own (0.5)");
  command->add_option("--view", options->view, "scores (default), inputs, tests or summary");
  command->add_option("--level", options->levels, "Only these levels: dyad, region, system");
  command->add_option("--score", options->scores, "Only these scores, e.g. linkage,economic_dependence");
  auto* breaks = command->add_option("--breaks", options->breaks,
                                     "Break years to test (default: the dyad's milestones)");
  command
      ->add_option(
          "--milestones", options->milestones,
          "A file of dated events to test for breaks at (CSV date,description[,actors]; docs/formats.md)")
      ->excludes(breaks);
  command->add_option("--format", options->format, "table, csv or json");
  command->callback([options] { RunIndex(*options); });
}

}  // namespace linkage::cli
