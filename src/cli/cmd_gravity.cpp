// `linkage gravity --data FILE --spec "trade ~ ln_dist + contig | exporter#year + importer#year" [--fe ...]
// [--cluster pair] [--estimator ppml|ols|both]`: a structural gravity regression with high-dimensional fixed
// effects, printed as a published regression table or as rows.
#include <fmt/format.h>

#include <algorithm>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "ingest/gravity_csv.hpp"
#include "model/gravity_frame.hpp"
#include "model/gravity_spec.hpp"
#include "model/ppml.hpp"
#include "report/output.hpp"
#include "report/regression_table.hpp"

namespace linkage::cli {

namespace {

struct GravityOptions {
  std::string data;
  std::string spec;
  std::string fixed_effects;
  std::string cluster;
  std::string estimator = "ppml";
  PanelRoles roles;
  double tolerance = 1e-10;
  std::string format = "table";
};

void AddUnique(std::vector<std::string>& list, const std::string& name) {
  if (std::find(list.begin(), list.end(), name) == list.end()) list.push_back(name);
}

void RunGravity(const GravityOptions& options) {
  const OutputFormat format = ParseOutputFormat(options.format);
  GravitySpec spec = ParseGravitySpec(options.spec);
  if (!options.fixed_effects.empty()) {
    if (!spec.fixed_effects.empty())
      throw UsageError("fixed effects are given twice: after '|' in --spec and in --fe; keep one");
    spec.fixed_effects = ParseEffectList(options.fixed_effects);
  }
  const auto sets = ResolveRoles(spec.fixed_effects, options.roles);
  const auto clusters = ResolveRoles(ParseEffectList(options.cluster), options.roles);
  if (clusters.size() > 2)
    throw UsageError("--cluster takes one or two clusterings (e.g. pair, or exporter,importer)");
  if (options.estimator != "ppml" && options.estimator != "ols" && options.estimator != "both")
    throw UsageError(fmt::format("--estimator '{}': expected ppml, ols or both", options.estimator));

  std::vector<std::string> numeric = {spec.outcome};
  for (const auto& name : spec.regressors) AddUnique(numeric, name);
  std::vector<std::string> labels;
  for (const auto& group : {sets, clusters})
    for (const auto& set : group)
      for (const auto& column : set)
        if (std::find(numeric.begin(), numeric.end(), column) == numeric.end()) AddUnique(labels, column);
  const GravityFrame frame = ReadGravityCsv(options.data, numeric, labels);
  const RegressionData data = BuildRegressionData(frame, spec, sets, clusters);

  FitOptions fit_options;
  fit_options.tolerance = options.tolerance;
  std::vector<std::string> set_names;
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
  std::vector<RegressionColumn> columns;
  for (std::size_t k = 0; k < fits.size(); ++k) columns.push_back({titles[k], &fits[k], set_names});
  if (format == OutputFormat::kTable) {
    fmt::print("{}", PublishedTable(columns));
    return;
  }
  WriteSections({{"coefficients", CoefficientTable(columns)}, {"fit", FitTable(columns)}}, format, stdout);
}

}  // namespace

void RegisterGravity(CLI::App& app) {
  auto options = std::make_shared<GravityOptions>();
  CLI::App* command = app.add_subcommand(
      "gravity", "Gravity regression by PPML (or OLS on logs) with high-dimensional fixed effects");
  command->add_option("--data", options->data, "CSV panel, one row per exporter-importer-year")->required();
  command
      ->add_option("--spec", options->spec,
                   "Formula: 'trade ~ ln_dist + contig | exporter#year + importer#year + pair'")
      ->required();
  command->add_option("--fe", options->fixed_effects,
                      "Fixed-effect sets instead of the part after '|': exporter-year,importer-year,pair");
  command->add_option("--cluster", options->cluster,
                      "Cluster standard errors by one or two groupings, e.g. pair or exporter,importer "
                      "(default: robust)");
  command->add_option("--estimator", options->estimator, "ppml (default), ols (on logs) or both");
  command->add_option("--exporter", options->roles.exporter, "Column of the exporter (default exporter)");
  command->add_option("--importer", options->roles.importer, "Column of the importer (default importer)");
  command->add_option("--year", options->roles.year, "Column of the year (default year)");
  command->add_option("--tolerance", options->tolerance,
                      "Convergence: relative change of the deviance (1e-10)");
  command->add_option("--format", options->format, "table (a published regression table), csv or json");
  command->callback([options] { RunGravity(*options); });
}

}  // namespace linkage::cli
