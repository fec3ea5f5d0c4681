#include "model/premium.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "core/error.hpp"

namespace linkage {

namespace {

std::string DummyName(const std::string& exporter, const std::string& importer, const std::string& year) {
  return fmt::format("{}>{}@{}", exporter, importer, year);
}

}  // namespace

PremiumResult EstimatePremium(const GravityFrame& frame, const std::string& a, const std::string& b,
                              const FitOptions& options) {
  const auto& exporters = frame.labels.at("exporter");
  const auto& importers = frame.labels.at("importer");
  const auto& years = frame.labels.at("year");
  std::set<int> panel_years;
  for (const auto& year : years) panel_years.insert(std::stoi(year));
  if (panel_years.size() < 2) throw UsageError("the premium's path needs at least two years");
  PremiumResult result;
  result.base_year = *panel_years.begin();

  // A dummy per direction and later year: the pair effect holds the first year, the dummies the change since.
  GravityFrame augmented = frame;
  GravitySpec spec{"trade", {}, {}};
  for (const auto& [exporter, importer] : {std::pair{a, b}, std::pair{b, a}}) {
    for (const int year : panel_years) {
      if (year == result.base_year) continue;
      const std::string name = DummyName(exporter, importer, std::to_string(year));
      auto& column = augmented.numbers[name];
      for (std::size_t row = 0; row < frame.rows; ++row)
        column.push_back(exporters[row] == exporter && importers[row] == importer &&
                                 years[row] == std::to_string(year)
                             ? 1.0
                             : 0.0);
      spec.regressors.push_back(name);
    }
  }
  const std::vector<std::vector<std::string>> sets = {
      {"exporter", "year"}, {"importer", "year"}, {"exporter", "importer"}};
  const RegressionData data = BuildRegressionData(augmented, spec, sets, {{"exporter", "importer"}});
  result.structural = FitPpml(data, options);
  for (std::size_t k = 0; k < result.structural.names.size(); ++k) {
    const std::string& name = result.structural.names[k];
    const auto arrow = name.find('>');
    const auto at = name.find('@');
    const auto index = static_cast<Eigen::Index>(k);
    result.path.push_back({name.substr(0, arrow), name.substr(arrow + 1, at - arrow - 1),
                           std::stoi(name.substr(at + 1)), result.structural.beta[index],
                           std::sqrt(result.structural.vcov(index, index))});
  }

  // The pair effects: the fitted fixed part split by set; only the pair set is used, net of exporter and
  // importer effects in the second stage (they take up what the split cannot tell apart).
  const auto used_sets = SubsetFixedEffects(data.fixed_effects, result.structural.used);
  const auto effects = SplitFixedEffects(used_sets, result.structural.fixed_part, options.projection);
  const auto& pair_set = used_sets[2];
  const auto pairs = static_cast<std::size_t>(pair_set.groups);
  GravityFrame second;
  second.source = "the pair effects";
  second.rows = pairs;
  std::vector<std::size_t> first_row(pairs, std::numeric_limits<std::size_t>::max());
  std::vector<std::size_t> used_rows;
  for (std::size_t row = 0; row < result.structural.used.size(); ++row)
    if (result.structural.used[row]) used_rows.push_back(row);
  for (std::size_t i = 0; i < used_rows.size(); ++i) {
    auto& first = first_row[static_cast<std::size_t>(pair_set.group[i])];
    first = std::min(first, used_rows[i]);
  }
  for (std::size_t pair = 0; pair < pairs; ++pair) {
    const std::size_t row = first_row[pair];
    second.numbers["effect"].push_back(effects[2][pair]);
    for (const char* name : {"ln_dist", "contig", "comlang_off", "colony"})
      second.numbers[name].push_back(frame.numbers.at(name)[row]);
    second.labels["exporter"].push_back(exporters[row]);
    second.labels["importer"].push_back(importers[row]);
  }
  const GravitySpec fundamentals{"effect", {"ln_dist", "contig", "comlang_off", "colony"}, {}};
  const RegressionData stage = BuildRegressionData(second, fundamentals, {{"exporter"}, {"importer"}}, {});
  result.fundamentals = FitOls(stage, options);
  std::vector<double> residuals;
  std::vector<std::size_t> stage_rows;
  for (std::size_t pair = 0, used = 0; pair < pairs; ++pair) {
    if (!result.fundamentals.used[pair]) continue;
    const double residual = stage.y[static_cast<Eigen::Index>(pair)] -
                            result.fundamentals.fitted[static_cast<Eigen::Index>(used)];
    residuals.push_back(residual);
    stage_rows.push_back(pair);
    ++used;
  }
  for (const auto& [exporter, importer] : {std::pair{a, b}, std::pair{b, a}}) {
    for (std::size_t k = 0; k < stage_rows.size(); ++k) {
      const std::size_t pair = stage_rows[k];
      if (second.labels["exporter"][pair] != exporter || second.labels["importer"][pair] != importer)
        continue;
      const auto below =
          std::count_if(residuals.begin(), residuals.end(), [&](double r) { return r < residuals[k]; });
      result.levels.push_back({exporter, importer, residuals[k],
                               static_cast<double>(below) / static_cast<double>(residuals.size()),
                               residuals.size()});
    }
  }
  return result;
}

}  // namespace linkage
