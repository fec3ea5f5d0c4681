// `linkage gravity --data FILE --spec "trade ~ ln_dist + contig | exporter#year + importer#year" [--fe ...]
// [--where EXPR] [--cluster pair] [--estimator ppml|ols|both]`: a structural gravity regression with
// high-dimensional fixed effects, printed as a published regression table or as rows.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "ingest/table_file.hpp"
#include "model/gravity_formula.hpp"
#include "model/gravity_frame.hpp"
#include "model/gravity_panel.hpp"
#include "model/gravity_spec.hpp"
#include "model/gravity_table.hpp"
#include "model/linear_combination.hpp"
#include "model/ppml.hpp"
#include "registry/institutions.hpp"
#include "report/output.hpp"
#include "report/regression_table.hpp"

namespace linkage::cli {

namespace {

struct GravityOptions {
  CommonOptions common;
  std::string data;
  std::string spec;
  std::string countries;
  std::size_t top = 40;
  std::string years;
  int every = 1;
  std::vector<std::string> agreements;
  int leads = 0;
  int lags = 0;
  std::vector<std::string> period_dummies;
  std::string fixed_effects;
  std::string cluster;
  std::string where;
  std::string estimator = "ppml";
  PanelRoles roles;
  double tolerance = 1e-10;
  std::string vcov;
  std::string small_sample = "stata";
  std::vector<std::string> combinations;
  int threads = 1;
  bool timing = false;
  std::string format = "table";
};

// "NAME=ACTOR:PARTNERS:YEAR", partners a comma-separated list of actors or a region's name.
PeriodDummy ParsePeriodDummy(const std::string& text, Database& database, const ActorRegistry& actors) {
  const auto equals = text.find('=');
  const auto parts =
      equals == std::string::npos ? std::vector<std::string>{} : text::Split(text.substr(equals + 1), ':');
  if (parts.size() != 3)
    throw UsageError(
        fmt::format("--period-dummy '{}': expected NAME=ACTOR:PARTNERS:YEAR, e.g. "
                    "bri=CHN:central-asia:2013 or x=USA:MEX,CAN:1994",
                    text));
  PeriodDummy dummy{text.substr(0, equals), actors.RequireArgument(parts[0]).id, {}, 0};
  const auto year = ParseYear(parts[2]);
  if (!year) {
    throw UsageError(fmt::format("--period-dummy '{}': '{}' is not a year from {} to {}",
                                 text::Truncate(text, 80), text::Truncate(parts[2], 20), kFirstYear,
                                 kLastYear));
  }
  dummy.from = *year;
  if (parts[1].find(',') == std::string::npos && !actors.Resolve(parts[1]).Unique()) {
    const std::string region = RequireRegion(database, parts[1]);
    for (const auto& member : RegionMembers(database, region, dummy.from)) dummy.partners.push_back(member);
  } else {
    for (const auto& partner : text::Split(parts[1], ','))
      dummy.partners.push_back(actors.RequireArgument(partner).id);
  }
  return dummy;
}

void AddCountry(std::vector<std::string>& countries, const std::string& id) {
  if (std::find(countries.begin(), countries.end(), id) == countries.end()) countries.push_back(id);
}

// The panel from the workspace: IMF DOTS flows among the chosen countries with CEPII GeoDist and dummies.
GravityFrame WorkspaceFrame(const GravityOptions& options) {
  if (options.years.empty()) throw UsageError("--data workspace needs --years, e.g. 1995-2020");
  auto database = OpenOrCreate(options.common);
  const ActorRegistry actors(*database);
  WorkspacePanelRequest request;
  std::tie(request.first, request.last) = ParseYears(options.years);
  request.step = options.every;
  request.agreements = options.agreements;
  request.leads = options.leads;
  request.lags = options.lags;
  if (options.countries.empty()) {
    request.countries = LargestExporters(*database, request.last, options.top);
  } else {
    for (const auto& name : text::Split(options.countries, ','))
      request.countries.push_back(actors.RequireArgument(name).id);
  }
  for (const auto& text : options.period_dummies) {
    request.period_dummies.push_back(ParsePeriodDummy(text, *database, actors));
    // The actor and partners of a dummy belong in the panel even when they are not among the largest.
    AddCountry(request.countries, request.period_dummies.back().actor);
    for (const auto& id : request.period_dummies.back().partners) AddCountry(request.countries, id);
  }
  return BuildWorkspacePanel(*database, request);
}

// The structural gravity model of Yotov et al. (2016) on the workspace's variables when no --spec is given.
std::string DefaultWorkspaceSpec(const GravityOptions& options) {
  std::string spec = "trade ~ ln_dist + contig + comlang_off + colony";
  for (const auto& org : options.agreements) {
    const std::string column = AgreementColumn(org);
    spec += " + `" + column + "`";
    for (int k = 1; k <= options.leads; ++k) spec += " + `" + ShiftedAgreementColumn(column, k) + "`";
    for (int k = 1; k <= options.lags; ++k) spec += " + `" + ShiftedAgreementColumn(column, -k) + "`";
  }
  // Names in backticks: whatever the options call them, they are columns.
  for (const auto& text : options.period_dummies) spec += " + `" + text.substr(0, text.find('=')) + "`";
  return spec + " | exporter#year + importer#year";
}

// --vcov iid|hetero|hc1|cluster:A[,B] (and the older --cluster) as a kind and the clusterings.
VarianceKind ParseVariance(const GravityOptions& options, std::string& clusters) {
  clusters = options.cluster;
  const std::string& vcov = options.vcov;
  if (vcov.empty()) return VarianceKind::kDefault;
  if (!options.cluster.empty()) throw UsageError("--vcov and --cluster both say how to cluster; keep --vcov");
  if (vcov == "iid") return VarianceKind::kIid;
  if (vcov == "hetero" || vcov == "hc1" || vcov == "robust") return VarianceKind::kHetero;
  if (vcov.rfind("cluster:", 0) == 0 && vcov.size() > 8) {
    clusters = vcov.substr(8);
    return VarianceKind::kCluster;
  }
  throw UsageError(fmt::format(
      "--vcov '{}': expected iid, hetero (also hc1) or cluster:VAR[,VAR] (e.g. cluster:pair_sym)", vcov));
}

SmallSample ParseSmallSample(const std::string& name) {
  if (name == "stata") return SmallSample::kStata;
  if (name == "fixest") return SmallSample::kFixest;
  throw UsageError(fmt::format("--ssc '{}': expected stata or fixest", name));
}

void RunGravity(const GravityOptions& options) {
  const OutputFormat format = ParseOutputFormat(options.format);
  const bool workspace = options.data == "workspace";
  if (!workspace && options.spec.empty()) throw UsageError("--spec is needed with a --data file");
  GravitySpec spec = ParseGravitySpec(options.spec.empty() ? DefaultWorkspaceSpec(options) : options.spec);
  if (!options.fixed_effects.empty()) {
    if (!spec.fixed_effects.empty())
      throw UsageError("fixed effects are given twice: after '|' in --spec and in --fe; keep one");
    spec.fixed_effects = ParseEffectList(options.fixed_effects);
  }
  const auto sets = ResolveRoles(spec.fixed_effects, options.roles);
  std::string cluster_list;
  const VarianceKind variance = ParseVariance(options, cluster_list);
  const SmallSample small_sample = ParseSmallSample(options.small_sample);
  std::vector<LinearCombination> combinations;
  for (const auto& text : options.combinations) combinations.push_back(ParseLinearCombination(text));
  const auto clusters = ResolveRoles(ParseEffectList(cluster_list), options.roles);
  if (clusters.size() > 2)
    throw UsageError("--cluster takes one or two clusterings (e.g. pair, or exporter,importer)");
  if (options.estimator != "ppml" && options.estimator != "ols" && options.estimator != "both")
    throw UsageError(fmt::format("--estimator '{}': expected ppml, ols or both", options.estimator));

  std::vector<std::vector<std::string>> groupings = sets;
  groupings.insert(groupings.end(), clusters.begin(), clusters.end());
  const GravityTableRequest request = RequestColumns(spec, groupings, options.roles, options.where);
  GravityFrame frame;
  if (workspace) {
    frame = WorkspaceFrame(options);
    FilterFrame(frame, options.where);
  } else {
    const auto reader = OpenTable(options.data);
    frame = ReadGravityTable(*reader, request);
  }
  AddSymmetricPair(frame, groupings, options.roles);
  const RegressionData data = BuildRegressionData(frame, spec, sets, clusters);

  FitOptions fit_options;
  fit_options.tolerance = options.tolerance;
  fit_options.projection.threads = options.threads;
  fit_options.variance = variance;
  fit_options.small_sample = small_sample;
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::string> set_names;
  set_names.reserve(sets.size());
  for (const auto& set : sets) set_names.push_back(InteractionName(set));
  std::vector<FitResult> fits;
  std::vector<std::string> titles;
  if (options.estimator != "ols") {
    fits.push_back(FitPpml(data, fit_options));
    titles.emplace_back("PPML");
  }
  if (options.estimator != "ppml") {
    fits.push_back(FitOlsLog(data, fit_options));
    titles.emplace_back("OLS (log)");
  }
  if (options.timing) {
    const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - started;
    fmt::print(stderr, "fit_seconds={:.6f}\n", seconds.count());
  }
  std::vector<RegressionColumn> columns;
  for (std::size_t k = 0; k < fits.size(); ++k) {
    columns.push_back({titles[k], &fits[k], set_names, {}});
    for (const auto& combination : combinations)
      columns.back().combinations.push_back(EstimateCombination(fits[k], combination));
  }
  const std::string filter_note = frame.filter.empty()
                                      ? ""
                                      : fmt::format("--where '{}' kept {} of {} rows\n", frame.filter,
                                                    frame.rows, frame.rows_before_filter);
  if (format == OutputFormat::kTable) {
    fmt::print("{}{}", PublishedTable(columns), filter_note.empty() ? "" : "Note: " + filter_note);
    return;
  }
  WriteSections({{"coefficients", CoefficientTable(columns)}, {"fit", FitTable(columns)}}, format, stdout);
  fmt::print(stderr, "{}", filter_note);
}

}  // namespace

void RegisterGravity(CLI::App& app) {
  auto options = std::make_shared<GravityOptions>();
  CLI::App* command = app.add_subcommand(
      "gravity", "Gravity regression by PPML (or OLS on logs) with high-dimensional fixed effects");
  AddWorkspaceOption(*command, options->common);
  command
      ->add_option("--data", options->data,
                   "A CSV or Stata .dta panel (one row per exporter-importer-year), or 'workspace' for IMF "
                   "DOTS flows with CEPII GeoDist and membership dummies")
      ->required();
  command->add_option(
      "--spec", options->spec,
      "Formula as in fixest: 'trade ~ log(dist) + contig + i(year, rta) | exporter#year + importer#year + "
      "pair' (with --data workspace the default is the structural model with every variable the options "
      "add)");
  command->add_option("--where", options->where,
                      "Keep the rows where this is true, e.g. 'year % 4 == 2 and exporter != importer' (rows "
                      "where it reads a missing value are dropped)");
  command->add_option("--countries", options->countries,
                      "With --data workspace: the countries (default: --top)");
  command->add_option("--top", options->top,
                      "With --data workspace: the N largest exporters in the last year (40)");
  command->add_option("--years", options->years, "With --data workspace: the years, e.g. 1995-2020");
  command->add_option("--every", options->every,
                      "With --data workspace: every N-th year (Yotov et al. use 4 or 5)");
  command->add_option(
      "--agreement", options->agreements,
      "With --data workspace: a dummy for co-membership of an organisation (repeatable), e.g. SCO");
  command->add_option("--leads", options->leads, "Leads of each agreement dummy, in steps of --every");
  command->add_option("--lags", options->lags,
                      "Lags of each agreement dummy (phasing in), in steps of --every");
  command->add_option(
      "--period-dummy", options->period_dummies,
      "NAME=ACTOR:PARTNERS:YEAR, 1 for the actor's pairs with the partners (codes or a region) "
      "from YEAR on, e.g. bri=CHN:central-asia:2013");
  command->add_option("--fe", options->fixed_effects,
                      "Fixed-effect sets instead of the part after '|': exporter-year,importer-year,pair "
                      "(pair_sym: one group for both directions)");
  command->add_option(
      "--cluster", options->cluster,
      "Cluster standard errors by one or two groupings, e.g. pair, pair_sym or exporter,importer "
      "(default: robust)");
  command->add_option(
      "--vcov", options->vcov,
      "Standard errors: iid, hetero (robust; also hc1) or cluster:VAR[,VAR] for one- or two-way "
      "clustering, e.g. cluster:pair_sym (default: clustered by --cluster if given, else hetero)");
  command->add_option(
      "--ssc", options->small_sample,
      "Small-sample rule: stata (ppmlhdfe, reghdfe and the published tables; default) or fixest "
      "(R fixest's default ssc())");
  command->add_option("--combine", options->combinations,
                      "A sum of coefficients to report with its standard error, e.g. 'rta + rta_lag4 + "
                      "rta_lag8' (repeatable)");
  command->add_option("--estimator", options->estimator, "ppml (default), ols (on logs) or both");
  command->add_option("--exporter", options->roles.exporter, "Column of the exporter (default exporter)");
  command->add_option("--importer", options->roles.importer, "Column of the importer (default importer)");
  command->add_option("--year", options->roles.year, "Column of the year (default year)");
  command->add_option("--tolerance", options->tolerance,
                      "Convergence: relative change of the deviance (1e-10)");
  command
      ->add_option("--threads", options->threads,
                   "Threads for the projections of independent columns (default 1)")
      ->check(CLI::Range(1, 256));
  command->add_flag(
      "--timing", options->timing,
      "Write the seconds the fit took (after reading the data) to standard error as fit_seconds=S");
  command->add_option("--format", options->format, "table (a published regression table), csv or json");
  command->callback([options] { RunGravity(*options); });
}

}  // namespace linkage::cli
