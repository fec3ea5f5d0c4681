#include "audit/evaluator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "audit/evaluator_state.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "registry/institutions.hpp"

namespace linkage {

namespace {

// Growth-rate series and the level series they are computed from (World Bank WDI codes).
struct SeriesRelation {
  const char* growth;
  const char* level;
};
constexpr std::array<SeriesRelation, 2> kSeriesRelations = {{
    {"NY.GDP.MKTP.KD.ZG", "NY.GDP.MKTP.CD"},
    {"NY.GDP.PCAP.KD.ZG", "NY.GDP.PCAP.CD"},
}};

const SeriesRelation* FindRelation(const std::string& code) {
  for (const auto& relation : kSeriesRelations) {
    if (code == relation.growth) return &relation;
  }
  return nullptr;
}

Unit UnitOfSeries(const std::string& unit) {
  const std::string lower = text::Lower(unit);
  if (lower.find("usd") != std::string::npos) return Unit::kUsd;
  if (text::StartsWith(lower, "percent")) return Unit::kPercent;
  return Unit::kNumber;
}

void Merge(Quantity& into, const Quantity& from) {
  into.estimated = into.estimated || from.estimated;
  into.sources.insert(into.sources.end(), from.sources.begin(), from.sources.end());
  into.steps.insert(into.steps.end(), from.steps.begin(), from.steps.end());
}

}  // namespace

Evaluator::Evaluator(Database& database, TradeData& data, const ActorRegistry& actors)
    : database_(database), data_(data), actors_(actors), terms_(database, data, actors) {}

Evaluation Evaluator::Evaluate(const Expression& expression, const Reading& reading,
                               const std::map<std::string, std::string>& row, int default_year,
                               const std::string& file, std::size_t line) {
  State state{reading, row, default_year, file, line, {}};
  try {
    state.result.quantity = Eval(expression, state);
  } catch (const MissingData& missing) {
    state.result.quantity.reset();
    state.result.missing = missing.what;
  }
  return state.result;
}

Quantity Evaluator::Eval(const Expression& node, State& state) {
  switch (node.kind) {
    case Expression::Kind::kNumber:
      return {node.number, Unit::kNumber};
    case Expression::Kind::kNegate: {
      Quantity value = Eval(*node.children[0], state);
      value.value = -value.value;
      return value;
    }
    case Expression::Kind::kBinary: {
      const Quantity left = Eval(*node.children[0], state);
      const Quantity right = Eval(*node.children[1], state);
      Quantity out;
      Merge(out, left);
      Merge(out, right);
      switch (node.op) {
        case '+':
        case '-':
          if (left.unit != right.unit) {
            state.Fail(fmt::format("cannot add {} and {}", UnitName(left.unit), UnitName(right.unit)));
          }
          out.unit = left.unit;
          out.value = node.op == '+' ? left.value + right.value : left.value - right.value;
          return out;
        case '*':
          out.unit = left.unit == Unit::kNumber ? right.unit : left.unit;
          out.value = left.value * right.value;
          return out;
        default:
          if (right.value == 0) throw MissingData{"a division by zero (the denominator is 0 in the data)"};
          out.value = left.value / right.value;
          if (left.unit == right.unit) {
            out.unit = Unit::kFraction;
          } else {
            out.unit = right.unit == Unit::kNumber ? left.unit : Unit::kNumber;
          }
          return out;
      }
    }
    case Expression::Kind::kCall:
      return Call(node, state);
    default:
      state.Fail(fmt::format("'{}' is not a value here", node.ToString()));
  }
}

FlowChoices Evaluator::ChoicesFor(const State& state, const std::string& dataset) const {
  FlowChoices choices;
  choices.perspective =
      state.reading.Has(Modification::kMirror) ? Perspective::kPartner : Perspective::kReporter;
  choices.bloc_members = state.reading.Has(Modification::kBlocMembers);
  choices.dataset = dataset;
  choices.alternative_dataset = dataset.empty() && state.reading.Has(Modification::kOtherDataset);
  return choices;
}

Quantity Evaluator::Settle(State& state, const Term& term, Unit unit) const {
  if (term.partner_report) state.result.applied.insert(Modification::kMirror);
  if (term.bloc_members) state.result.applied.insert(Modification::kBlocMembers);
  if (term.alternative_dataset) state.result.applied.insert(Modification::kOtherDataset);
  if (!term.value) throw MissingData{term.missing};
  return {*term.value, unit, term.estimated, term.sources, term.steps};
}

Term Evaluator::FlowTerm(State& state, const std::string& direction, const std::string& reporter,
                         const std::string& partner, int year, const std::string& product,
                         const std::string& dataset, bool share) {
  std::string effective = direction;
  if (state.reading.Has(Modification::kSwap) &&
      (direction == "exports" || direction == "imports" || direction == "balance")) {
    state.result.applied.insert(Modification::kSwap);
    effective = direction == "exports" ? "imports" : direction == "imports" ? "exports" : "-balance";
  }
  const FlowChoices choices = ChoicesFor(state, dataset);
  const Direction measured = effective == "exports"   ? Direction::kExports
                             : effective == "imports" ? Direction::kImports
                             : effective == "total"   ? Direction::kTotal
                                                      : Direction::kBalance;
  // A share of a negated balance is the share of the balance: the signs cancel.
  if (share) return terms_.Share(measured, reporter, partner, year, choices, product);
  Term term = terms_.Directed(measured, reporter, partner, year, choices, product);
  if (effective == "-balance" && term.value) term.value = -*term.value;
  return term;
}

Quantity Evaluator::FlowValue(State& state, const std::string& direction, const std::string& reporter,
                              const std::string& partner, int year, const std::string& product,
                              const std::string& dataset) {
  return Settle(state, FlowTerm(state, direction, reporter, partner, year, product, dataset, false),
                Unit::kUsd);
}

Quantity Evaluator::SeriesValue(State& state, const std::string& code, const std::string& actor, int year) {
  std::string wanted = code;
  const SeriesRelation* relation = FindRelation(code);
  if (relation != nullptr && state.reading.Has(Modification::kLevel)) {
    state.result.applied.insert(Modification::kLevel);
    wanted = relation->level;
  } else if (relation != nullptr && state.reading.Has(Modification::kNominal)) {
    state.result.applied.insert(Modification::kNominal);
    Term growth =
        Growth(terms_.Series(relation->level, actor, year - 1), terms_.Series(relation->level, actor, year));
    if (growth.value)
      growth.steps.push_back(fmt::format("nominal growth of {} {} in {}", relation->level, actor, year));
    return Settle(state, growth, Unit::kFraction);
  }
  return Settle(state, terms_.Series(wanted, actor, year), UnitOfSeries(data_.SeriesUnit(wanted)));
}

}  // namespace linkage
