#include "model/linear_combination.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/text.hpp"
#include "model/table_expression.hpp"

namespace linkage {

namespace {

constexpr const char* kWhat = "--combine";

// The value of a node made of numbers only, or nothing.
bool Constant(const TableExpression& node, double& value) {
  using Kind = TableExpression::Kind;
  if (node.kind == Kind::kNumber) {
    value = node.number;
    return true;
  }
  double a = 0;
  double b = 0;
  if (node.kind == Kind::kUnary && (node.text == "-" || node.text == "+") && Constant(node.children[0], a)) {
    value = node.text == "-" ? -a : a;
    return true;
  }
  if (node.kind != Kind::kBinary || !Constant(node.children[0], a) || !Constant(node.children[1], b))
    return false;
  if (node.text == "+")
    value = a + b;
  else if (node.text == "-")
    value = a - b;
  else if (node.text == "*")
    value = a * b;
  else if (node.text == "/")
    value = a / b;
  else
    return false;
  return std::isfinite(value);
}

// Adds `weight` times the linear expression `node` to `terms`.
void Linearize(const TableExpression& node, double weight, const std::string& text,
               std::vector<std::pair<double, std::string>>& terms) {
  using Kind = TableExpression::Kind;
  const auto add = [&](const std::string& name) {
    const auto found =
        std::find_if(terms.begin(), terms.end(), [&](const auto& t) { return t.second == name; });
    if (found == terms.end())
      terms.emplace_back(weight, name);
    else
      found->first += weight;
  };
  double value = 0;
  if (node.kind == Kind::kName || node.kind == Kind::kCall ||
      (node.kind == Kind::kBinary && node.text == ":")) {
    add(node.ToString());
  } else if (node.kind == Kind::kUnary && (node.text == "-" || node.text == "+")) {
    Linearize(node.children[0], node.text == "-" ? -weight : weight, text, terms);
  } else if (node.kind == Kind::kBinary && (node.text == "+" || node.text == "-")) {
    Linearize(node.children[0], weight, text, terms);
    Linearize(node.children[1], node.text == "-" ? -weight : weight, text, terms);
  } else if (node.kind == Kind::kBinary && node.text == "*" && Constant(node.children[0], value)) {
    Linearize(node.children[1], weight * value, text, terms);
  } else if (node.kind == Kind::kBinary && node.text == "*" && Constant(node.children[1], value)) {
    Linearize(node.children[0], weight * value, text, terms);
  } else if (node.kind == Kind::kBinary && node.text == "/" && Constant(node.children[1], value) &&
             value != 0) {
    Linearize(node.children[0], weight / value, text, terms);
  } else {
    FailAt(
        kWhat, text, node.position,
        "expected coefficients added or subtracted, each perhaps times a number (e.g. 'rta + 2 * rta_lag4')");
  }
}

}  // namespace

LinearCombination ParseLinearCombination(const std::string& text) {
  LinearCombination combination{text, {}};
  Linearize(ParseTableExpression(text, kWhat), 1.0, text, combination.terms);
  return combination;
}

CombinationEstimate EstimateCombination(const FitResult& fit, const LinearCombination& combination) {
  Eigen::VectorXd weights = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(fit.names.size()));
  for (const auto& [weight, name] : combination.terms) {
    const auto found = std::find(fit.names.begin(), fit.names.end(), name);
    if (found == fit.names.end()) {
      throw UsageError(fmt::format("--combine '{}': the fit has no coefficient '{}'; it has: {}",
                                   combination.text, name, text::Join(fit.names, ", ")));
    }
    weights[found - fit.names.begin()] += weight;
  }
  const double variance = weights.dot(fit.vcov * weights);
  return {combination.text, weights.dot(fit.beta), std::sqrt(std::max(variance, 0.0))};
}

}  // namespace linkage
