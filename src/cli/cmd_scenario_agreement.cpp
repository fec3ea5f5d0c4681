// `linkage scenario agreement --agreement EAEU --year 2019 (--dissolve | --leave KAZ | --join UZB | --new
// CHN,KAZ,UZB) [--top 30 | --countries ...] [--sigma 7] [--reference USA]`: the general-equilibrium effect on
// every country's trade and real output of removing or extending an agreement. A cross-section of the year
// with domestic sales is fitted by structural gravity (exporter and importer fixed effects, distance,
// contiguity, language, colonial tie, the border and the agreement); the agreement's pairs are then switched
// and the world solved by GEPPML (model/ge_gravity.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "model/ge_gravity.hpp"
#include "model/gravity_frame.hpp"
#include "model/gravity_panel.hpp"
#include "model/gravity_spec.hpp"
#include "registry/institutions.hpp"
#include "report/output.hpp"
#include "report/regression_table.hpp"

namespace linkage::cli {

namespace {

struct AgreementOptions {
  CommonOptions common;
  std::string agreement;
  int year = 0;
  bool dissolve = false;
  std::string leave;
  std::string join;
  std::string founders;
  std::string countries;
  std::size_t top = 30;
  double sigma = 7;
  std::string reference;
  std::string format = "table";
};

// The regressors of the baseline: the trade-cost term t_ij is their fitted combination.
std::vector<std::string> CostColumns() {
  return {"ln_dist", "contig", "comlang_off", "colony", "home"};
}

// Which pairs the agreement covers after the change, from the pairs it covers now.
std::vector<double> Switched(const GravityFrame& frame, const std::string& column,
                             const AgreementOptions& options, const std::vector<std::string>& leaving,
                             const std::vector<std::string>& joining,
                             const std::vector<std::string>& founders) {
  const auto& exporter = frame.labels.at("exporter");
  const auto& importer = frame.labels.at("importer");
  std::vector<double> now = frame.numbers.at(column);
  std::set<std::string> members;
  for (std::size_t row = 0; row < frame.rows; ++row) {
    if (now[row] == 1) {
      members.insert(exporter[row]);
      members.insert(importer[row]);
    }
  }
  for (const auto& id : leaving)
    if (!members.contains(id))
      throw UsageError(fmt::format("--leave {}: not a member in the panel's year", id));
  for (const auto& id : joining)
    if (members.contains(id)) throw UsageError(fmt::format("--join {}: already a member", id));
  const std::set<std::string> leave(leaving.begin(), leaving.end());
  std::set<std::string> after = members;
  for (const auto& id : joining) after.insert(id);
  const std::set<std::string> founding(founders.begin(), founders.end());
  for (std::size_t row = 0; row < frame.rows; ++row) {
    const std::string& a = exporter[row];
    const std::string& b = importer[row];
    if (a == b) continue;
    if (options.dissolve) {
      now[row] = 0;
    } else if (!leave.empty()) {
      if (leave.contains(a) || leave.contains(b)) now[row] = 0;
    } else if (!joining.empty()) {
      if (after.contains(a) && after.contains(b)) now[row] = 1;
    } else if (founding.contains(a) && founding.contains(b)) {
      now[row] = 1;
    }
  }
  return now;
}

// Every pair of the world needs a trade cost, so a country CEPII GeoDist does not cover (a code it does not
// know, such as Serbia's after 2006) cannot stay. Removes, one at a time, the country in most pairs with a
// missing cost regressor, until none is left; returns those removed, which the output names.
std::vector<std::string> DropCountriesWithoutCosts(const GravityFrame& frame,
                                                   std::vector<std::string>& countries) {
  std::map<std::pair<std::string, std::string>, bool> missing;
  for (std::size_t row = 0; row < frame.rows; ++row) {
    bool any = false;
    for (const auto& name : CostColumns()) any = any || std::isnan(frame.numbers.at(name)[row]);
    if (any) missing[{frame.labels.at("exporter")[row], frame.labels.at("importer")[row]}] = true;
  }
  std::vector<std::string> removed;
  while (!missing.empty()) {
    std::map<std::string, std::size_t> count;
    for (const auto& [pair, flag] : missing) {
      ++count[pair.first];
      if (pair.second != pair.first) ++count[pair.second];
    }
    const auto worst = std::max_element(count.begin(), count.end(),
                                        [](const auto& a, const auto& b) { return a.second < b.second; });
    const std::string country = worst->first;
    removed.push_back(country);
    countries.erase(std::remove(countries.begin(), countries.end(), country), countries.end());
    std::erase_if(missing, [&](const auto& entry) {
      return entry.first.first == country || entry.first.second == country;
    });
  }
  if (countries.size() < 3) throw UsageError("fewer than three countries have distances and the other costs");
  return removed;
}

// The world before and after: the fitted trade-cost term b'x of every pair, with the agreement's dummy as it
// is and as `after` sets it (`agreement` indexes the dummy among the fit's regressors).
GeWorld WorldFromFit(const GravityFrame& frame, const FitResult& fit, Eigen::Index agreement,
                     const std::vector<double>& after, const std::vector<std::string>& countries,
                     std::size_t& changed) {
  GeWorld world;
  world.countries = countries;
  const auto n = static_cast<Eigen::Index>(countries.size());
  world.flows.resize(n, n);
  world.cost.resize(n, n);
  world.counterfactual_cost.resize(n, n);
  std::map<std::string, Eigen::Index> index;
  for (Eigen::Index k = 0; k < n; ++k) index[countries[static_cast<std::size_t>(k)]] = k;
  const auto& now = frame.numbers.at(fit.names[static_cast<std::size_t>(agreement)]);
  for (std::size_t row = 0; row < frame.rows; ++row) {
    const Eigen::Index i = index.at(frame.labels.at("exporter")[row]);
    const Eigen::Index j = index.at(frame.labels.at("importer")[row]);
    double cost = 0;
    for (std::size_t k = 0; k < fit.names.size(); ++k) {
      const double value = frame.numbers.at(fit.names[k])[row];
      if (std::isnan(value)) {
        throw UsageError(fmt::format("{} of {} and {} is missing; leave one of them out (--countries)",
                                     fit.names[k], countries[static_cast<std::size_t>(i)],
                                     countries[static_cast<std::size_t>(j)]));
      }
      if (static_cast<Eigen::Index>(k) != agreement) cost += fit.beta[static_cast<Eigen::Index>(k)] * value;
    }
    world.flows(i, j) = frame.numbers.at("trade")[row];
    world.cost(i, j) = cost + fit.beta[agreement] * now[row];
    world.counterfactual_cost(i, j) = cost + fit.beta[agreement] * after[row];
    if (after[row] != now[row]) ++changed;
  }
  return world;
}

void RunAgreement(const AgreementOptions& options) {
  const OutputFormat format = ParseOutputFormat(options.format);
  const int modes = static_cast<int>(options.dissolve) + static_cast<int>(!options.leave.empty()) +
                    static_cast<int>(!options.join.empty()) + static_cast<int>(!options.founders.empty());
  if (modes != 1)
    throw UsageError("name one change: --dissolve, --leave ACTORS, --join ACTORS or --new ACTORS");
  if (!(options.sigma > 1)) throw UsageError(fmt::format("--sigma must be above 1 (not {})", options.sigma));
  auto database = OpenOrCreate(options.common);
  const ActorRegistry actors(*database);
  const auto list = [&](const std::string& text) {
    return text.empty() ? std::vector<std::string>{}
                        : ResolveActorList(text, options.year, *database, actors);
  };
  const auto leaving = list(options.leave);
  const auto joining = list(options.join);
  const auto founders = list(options.founders);

  WorkspacePanelRequest request;
  request.first = request.last = options.year;
  request.agreements = {options.agreement};
  request.domestic = true;
  request.countries = options.countries.empty() ? LargestExporters(*database, options.year, options.top)
                                                : list(options.countries);
  // The agreement's members are always in the world: its effect is estimated on their pairs.
  std::vector<std::string> members;
  for (const auto& spell :
       MembersBetween(*database, ResolveOrganisation(*database, options.agreement),
                      fmt::format("{}-01-01", options.year), fmt::format("{}-12-31", options.year), "member")
           .members)
    if (const Actor* actor = actors.Find(spell.actor_id);
        actor != nullptr && actor->kind == ActorKind::kState)
      members.push_back(spell.actor_id);
  for (const auto* named : {&std::as_const(members), &leaving, &joining, &founders})
    for (const auto& id : *named)
      if (std::find(request.countries.begin(), request.countries.end(), id) == request.countries.end())
        request.countries.push_back(id);
  GravityFrame frame = BuildWorkspacePanel(*database, request);
  const std::vector<std::string> left_out = DropCountriesWithoutCosts(frame, request.countries);
  if (!left_out.empty()) frame = BuildWorkspacePanel(*database, request);
  const std::string column = AgreementColumn(options.agreement);

  // Step 1: the structural gravity estimate whose coefficients make the trade-cost term.
  GravitySpec spec;
  spec.outcome = "trade";
  spec.regressors = CostColumns();
  spec.regressors.push_back(column);
  const RegressionData data = BuildRegressionData(frame, spec, {{"exporter"}, {"importer"}}, {});
  const FitResult fit = FitPpml(data);
  const auto found = std::find(fit.names.begin(), fit.names.end(), column);
  if (found == fit.names.end())
    throw UsageError(fmt::format("the panel has no pair of {} members whose effect could be estimated in {}",
                                 options.agreement, options.year));
  const auto at = static_cast<Eigen::Index>(found - fit.names.begin());
  const std::vector<double> after = Switched(frame, column, options, leaving, joining, founders);
  std::size_t changed = 0;
  GeWorld world = WorldFromFit(frame, fit, at, after, request.countries, changed);
  world.sigma = options.sigma;
  if (changed == 0) throw UsageError("the change switches no pair of the panel");
  const std::string reference =
      options.reference.empty() ? world.countries.front() : actors.RequireArgument(options.reference).id;
  const auto position = std::find(world.countries.begin(), world.countries.end(), reference);
  if (position == world.countries.end())
    throw UsageError(fmt::format("--reference {} is not in the panel", reference));
  world.reference = static_cast<std::size_t>(position - world.countries.begin());
  const GeResult result = SolveGeppml(world);

  ResultTable summary{{"year", "agreement", "effect_log", "effect_std_error", "pairs_switched", "countries",
                       "sigma", "reference", "predicted_flows", "iterations", "converged", "left_out"},
                      {}};
  summary.rows.push_back({options.year, options.agreement, fit.beta[at], std::sqrt(fit.vcov(at, at)), changed,
                          world.countries.size(), options.sigma, reference, result.predicted_flows,
                          result.iterations, result.converged, text::Join(left_out, " ")});
  ResultTable countries{
      {"country", "exports_fitted_usd", "exports_conditional_percent", "exports_full_percent",
       "real_output_conditional_percent", "real_output_full_percent", "factory_price_percent",
       "inward_resistance_full_percent", "outward_resistance_full_percent"},
      {}};
  std::vector<GeCountry> sorted = result.countries;
  std::stable_sort(sorted.begin(), sorted.end(), [](const GeCountry& a, const GeCountry& b) {
    return a.real_output_full < b.real_output_full;
  });
  for (const auto& country : sorted) {
    countries.rows.push_back({country.country, country.exports, country.exports_conditional,
                              country.exports_full, country.real_output_conditional, country.real_output_full,
                              country.factory_price, country.inward_resistance_full,
                              country.outward_resistance_full});
  }
  const std::vector<RegressionColumn> columns = {{"baseline PPML", &fit, {"exporter", "importer"}}};
  WriteSections({{"scenario", summary}, {"countries", countries}, {"baseline", CoefficientTable(columns)}},
                format, stdout);
}

}  // namespace

void RegisterScenarioAgreement(CLI::App& scenario) {
  auto options = std::make_shared<AgreementOptions>();
  CLI::App* command = scenario.add_subcommand(
      "agreement",
      "General equilibrium (GEPPML) of removing or extending an agreement: trade and real output");
  AddWorkspaceOption(*command, options->common);
  command->add_option("--agreement", options->agreement, "The organisation, e.g. EAEU or SCO")->required();
  command->add_option("--year", options->year, "The year of the baseline world")->required();
  command->add_flag("--dissolve", options->dissolve, "Every pair of members loses the agreement");
  command->add_option("--leave", options->leave, "These members leave (actors or a region)");
  command->add_option("--join", options->join, "These countries join the members");
  command->add_option("--new", options->founders,
                      "An agreement with the same effect among these countries (pairs not yet covered)");
  command->add_option("--top", options->top,
                      "The world: the N largest exporters of the year, plus those named (30)");
  command->add_option("--countries", options->countries, "The world's countries instead of --top");
  command->add_option("--sigma", options->sigma, "Elasticity of substitution (7, as Yotov et al. 2016)");
  command->add_option("--reference", options->reference,
                      "The country whose price index is the numeraire (the first of the world)");
  command->add_option("--format", options->format, "table, csv or json");
  command->callback([options] { RunAgreement(*options); });
}

}  // namespace linkage::cli
