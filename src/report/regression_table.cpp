#include "report/regression_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/text.hpp"

namespace linkage {

namespace {

std::string EstimatorName(Estimator estimator) {
  switch (estimator) {
    case Estimator::kPpml:
      return "PPML";
    case Estimator::kOlsLog:
      return "OLS (log)";
    case Estimator::kOls:
      return "OLS";
  }
  return "";
}

std::string Stars(double p) {
  if (p < 0.01) return "***";
  if (p < 0.05) return "**";
  if (p < 0.10) return "*";
  return "";
}

// Every term any column estimates, in the order they first appear.
std::vector<std::string> Terms(const std::vector<RegressionColumn>& columns) {
  std::vector<std::string> terms;
  for (const auto& column : columns)
    for (const auto& name : column.fit->names)
      if (std::find(terms.begin(), terms.end(), name) == terms.end()) terms.push_back(name);
  return terms;
}

std::optional<std::size_t> IndexOf(const FitResult& fit, const std::string& term) {
  const auto found = std::find(fit.names.begin(), fit.names.end(), term);
  if (found == fit.names.end()) return std::nullopt;
  return static_cast<std::size_t>(found - fit.names.begin());
}

}  // namespace

double NormalPValue(double z) {
  return std::erfc(std::abs(z) / std::sqrt(2.0));
}

ResultTable CoefficientTable(const std::vector<RegressionColumn>& columns) {
  ResultTable table{{"model", "term", "estimate", "std_error", "z", "p_value", "ci_low", "ci_high"}, {}};
  for (const auto& column : columns) {
    const FitResult& fit = *column.fit;
    for (std::size_t k = 0; k < fit.names.size(); ++k) {
      const auto at = static_cast<Eigen::Index>(k);
      const double estimate = fit.beta[at];
      const double error = std::sqrt(fit.vcov(at, at));
      const double z = estimate / error;
      table.rows.push_back({column.title, fit.names[k], estimate, error, z, NormalPValue(z),
                            estimate - kNormalQuantile975 * error, estimate + kNormalQuantile975 * error});
    }
    for (const auto& sum : column.combinations) {
      const double z = sum.estimate / sum.std_error;
      table.rows.push_back({column.title, sum.text, sum.estimate, sum.std_error, z, NormalPValue(z),
                            sum.estimate - kNormalQuantile975 * sum.std_error,
                            sum.estimate + kNormalQuantile975 * sum.std_error});
    }
  }
  table.exact_numbers = true;
  return table;
}

ResultTable FitTable(const std::vector<RegressionColumn>& columns) {
  ResultTable table{{"model", "estimator", "observations", "dropped", "notes", "fixed_effects",
                     "standard_errors", "clusters", "iterations", "converged", "deviance", "pseudo_r2"},
                    {}};
  for (const auto& column : columns) {
    const FitResult& fit = *column.fit;
    std::vector<std::string> clusters;
    for (const auto count : fit.clusters) clusters.push_back(std::to_string(count));
    table.rows.push_back({column.title, EstimatorName(fit.estimator), fit.observations, fit.dropped,
                          text::Join(fit.notes, "; "), text::Join(column.fixed_effects, ", "), fit.vcov_kind,
                          text::Join(clusters, ", "), fit.iterations, fit.converged, fit.deviance,
                          fit.pseudo_r2});
  }
  table.exact_numbers = true;
  return table;
}

std::string PublishedTable(const std::vector<RegressionColumn>& columns) {
  constexpr int kLabel = 22;
  constexpr int kCell = 16;
  std::string out = fmt::format("{:<{}}", "", kLabel);
  for (std::size_t c = 0; c < columns.size(); ++c)
    out += fmt::format("{:>{}}", fmt::format("({}) {}", c + 1, columns[c].title), kCell);
  out += "\n" +
         std::string(static_cast<std::size_t>(kLabel + kCell * static_cast<int>(columns.size())), '-') + "\n";
  for (const auto& term : Terms(columns)) {
    std::string estimates = fmt::format("{:<{}}", term, kLabel);
    std::string errors = fmt::format("{:<{}}", "", kLabel);
    for (const auto& column : columns) {
      const auto k = IndexOf(*column.fit, term);
      if (!k) {
        estimates += fmt::format("{:>{}}", "", kCell);
        errors += fmt::format("{:>{}}", "", kCell);
        continue;
      }
      const auto at = static_cast<Eigen::Index>(*k);
      const double estimate = column.fit->beta[at];
      const double error = std::sqrt(column.fit->vcov(at, at));
      estimates += fmt::format(
          "{:>{}}", fmt::format("{:.4f}{:<3}", estimate, Stars(NormalPValue(estimate / error))), kCell);
      errors += fmt::format("{:>{}}", fmt::format("({:.4f})   ", error), kCell);
    }
    out += estimates;
    out += "\n";
    out += errors;
    out += "\n";
  }
  std::vector<std::string> sums;
  for (const auto& column : columns)
    for (const auto& sum : column.combinations)
      if (std::find(sums.begin(), sums.end(), sum.text) == sums.end()) sums.push_back(sum.text);
  for (const auto& text : sums) {
    std::string estimates = fmt::format("{:<{}}", text, kLabel);
    std::string errors = fmt::format("{:<{}}", "", kLabel);
    for (const auto& column : columns) {
      const auto found = std::find_if(column.combinations.begin(), column.combinations.end(),
                                      [&](const auto& sum) { return sum.text == text; });
      if (found == column.combinations.end()) {
        estimates += fmt::format("{:>{}}", "", kCell);
        errors += fmt::format("{:>{}}", "", kCell);
        continue;
      }
      estimates += fmt::format("{:>{}}",
                               fmt::format("{:.4f}{:<3}", found->estimate,
                                           Stars(NormalPValue(found->estimate / found->std_error))),
                               kCell);
      errors += fmt::format("{:>{}}", fmt::format("({:.4f})   ", found->std_error), kCell);
    }
    out += estimates;
    out += "\n";
    out += errors;
    out += "\n";
  }
  out += std::string(static_cast<std::size_t>(kLabel + kCell * static_cast<int>(columns.size())), '-') + "\n";
  const auto line = [&](const std::string& label, const auto& cell) {
    std::string row = fmt::format("{:<{}}", label, kLabel);
    for (const auto& column : columns) row += fmt::format("{:>{}}", cell(column), kCell);
    out += row + "\n";
  };
  line("Observations", [](const RegressionColumn& c) { return fmt::format("{}", c.fit->observations); });
  line("Pseudo R2", [](const RegressionColumn& c) { return fmt::format("{:.4f}", c.fit->pseudo_r2); });
  std::vector<std::string> sets;
  for (const auto& column : columns)
    for (const auto& set : column.fixed_effects)
      if (std::find(sets.begin(), sets.end(), set) == sets.end()) sets.push_back(set);
  for (const auto& set : sets) {
    line(set + " FE", [&](const RegressionColumn& c) {
      return std::string(
          std::find(c.fixed_effects.begin(), c.fixed_effects.end(), set) != c.fixed_effects.end() ? "Yes"
                                                                                                  : "No");
    });
  }
  out += "Standard errors: ";
  std::vector<std::string> kinds;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    std::vector<std::string> counts;
    for (const auto count : columns[c].fit->clusters) counts.push_back(std::to_string(count));
    kinds.push_back(fmt::format("({}) {}{}", c + 1, columns[c].fit->vcov_kind,
                                counts.empty() ? "" : " (" + text::Join(counts, " and ") + " clusters)"));
  }
  out += text::Join(kinds, "; ") + ".\n* p < 0.10, ** p < 0.05, *** p < 0.01.\n";
  for (std::size_t c = 0; c < columns.size(); ++c) {
    for (const auto& note : columns[c].fit->notes) out += fmt::format("({}) {}\n", c + 1, note);
  }
  return out;
}

}  // namespace linkage
