#include "model/gravity_spec.hpp"

#include <fmt/format.h>

#include <cctype>

#include "core/error.hpp"
#include "core/text.hpp"
#include "model/gravity_formula.hpp"
#include "model/table_expression.hpp"

namespace linkage {

namespace {

bool IsNameCharacter(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.' || c == ':';
}

// A name starting at `at`, or UsageError naming the position.
std::string NameAt(const std::string& formula, std::size_t& at, const char* what) {
  while (at < formula.size() && formula[at] == ' ') ++at;
  const std::size_t start = at;
  while (at < formula.size() && IsNameCharacter(formula[at])) ++at;
  if (at == start) {
    throw UsageError(fmt::format("--spec '{}': expected {} at character {}{}", formula, what, start + 1,
                                 start < formula.size() ? fmt::format(" (found '{}')", formula[start]) : ""));
  }
  std::string name = formula.substr(start, at - start);
  while (at < formula.size() && formula[at] == ' ') ++at;
  return name;
}

std::vector<std::string> Interaction(std::size_t& at, const std::string& formula) {
  std::vector<std::string> columns = {NameAt(formula, at, "a fixed effect")};
  while (at < formula.size() && (formula[at] == '#' || formula[at] == '^')) {
    ++at;
    columns.push_back(NameAt(formula, at, "a column after '#' or '^'"));
  }
  return columns;
}

}  // namespace

GravitySpec ParseGravitySpec(const std::string& formula) {
  GravitySpec spec;
  std::size_t at = 0;
  const TableExpression outcome = ParseTableExpression(formula, at, "--spec");
  CheckArithmetic(outcome, "--spec", formula);
  spec.outcome = outcome.ToString();
  if (at >= formula.size() || formula[at] != '~')
    throw UsageError(
        fmt::format("--spec '{}': expected '~' after the outcome at character {}", formula, at + 1));
  ++at;
  spec.regressors = ExpandTerms(ParseTableExpression(formula, at, "--spec"), formula);
  if (at < formula.size() && formula[at] == '|') {
    ++at;
    spec.fixed_effects.push_back(Interaction(at, formula));
    while (at < formula.size() && formula[at] == '+') {
      ++at;
      spec.fixed_effects.push_back(Interaction(at, formula));
    }
  }
  if (at != formula.size()) {
    throw UsageError(
        fmt::format("--spec '{}': unexpected '{}' at character {} (the form is 'y ~ x1 + x2 | fe1 + a#b')",
                    formula, formula[at], at + 1));
  }
  return spec;
}

std::vector<std::vector<std::string>> ParseEffectList(const std::string& list) {
  std::vector<std::vector<std::string>> sets;
  for (const auto& item : text::Split(list, ',')) {
    const std::string trimmed(text::Trim(item));
    if (trimmed.empty() || trimmed == "none") continue;
    std::vector<std::string> columns;
    std::string current;
    for (const char c : trimmed) {
      if (c == '-' || c == '#' || c == '^') {
        columns.push_back(current);
        current.clear();
      } else {
        current += c;
      }
    }
    columns.push_back(current);
    for (const auto& column : columns) {
      if (column.empty()) throw UsageError(fmt::format("'{}': an empty name in an interaction", trimmed));
    }
    sets.push_back(columns);
  }
  return sets;
}

std::string InteractionName(const std::vector<std::string>& columns) {
  return text::Join(columns, "#");
}

}  // namespace linkage
