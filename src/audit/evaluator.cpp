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

std::string Money(double usd) {
  return fmt::format("{} USD", text::FormatNumber(usd, 8));
}

void Merge(Quantity& into, const Quantity& from) {
  into.estimated = into.estimated || from.estimated;
  into.sources.insert(into.sources.end(), from.sources.begin(), from.sources.end());
  into.steps.insert(into.steps.end(), from.steps.begin(), from.steps.end());
}

}  // namespace

Evaluator::Evaluator(Database& database, TradeData& data, const ActorRegistry& actors)
    : database_(database), data_(data), actors_(actors) {}

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

Quantity Evaluator::ReportedFlow(State& state, char flow, const std::string& reporter,
                                 const std::string& partner, int year, const std::string& product,
                                 const std::string& dataset, bool allow_mirror) {
  // A bloc read as its members: the sum of each member's flow at that date.
  if (state.reading.Has(Modification::kBlocMembers)) {
    for (const std::string* side : {&partner, &reporter}) {
      const Actor* actor = actors_.Find(*side);
      if (actor == nullptr || actor->IsCountry()) continue;
      std::string org;
      try {
        org = ResolveOrganisation(database_, actor->name);
      } catch (const NotFoundError&) {
        continue;
      }
      const auto answer = MembersBetween(database_, org, fmt::format("{}-01-01", year),
                                         fmt::format("{}-12-31", year), "member");
      if (answer.members.empty()) continue;
      state.result.applied.insert(Modification::kBlocMembers);
      Quantity sum{0, Unit::kUsd};
      const std::string& other = side == &partner ? reporter : partner;
      for (const auto& member : answer.members) {
        if (member.actor_id == other)
          continue;  // a bloc's trade with one of its members leaves that member out
        const Quantity part =
            side == &partner
                ? ReportedFlow(state, flow, reporter, member.actor_id, year, product, dataset, allow_mirror)
                : ReportedFlow(state, flow, member.actor_id, partner, year, product, dataset, allow_mirror);
        sum.value += part.value;
        Merge(sum, part);
      }
      return sum;
    }
  }
  FlowQuery query{reporter, partner, flow, year, product, dataset};
  if (allow_mirror && state.reading.Has(Modification::kMirror)) {
    state.result.applied.insert(Modification::kMirror);
    query = {partner, reporter, flow == 'X' ? 'M' : 'X', year, product, dataset};
  }
  std::optional<Observation> observation;
  if (state.reading.Has(Modification::kOtherDataset) && dataset.empty()) {
    bool first_skipped = false;
    for (const auto& name : data_.DatasetPreference()) {
      query.dataset = name;
      auto found = data_.Flow(query);
      if (!found) continue;
      if (!first_skipped) {
        first_skipped = true;
        continue;
      }
      observation = found;
      state.result.applied.insert(Modification::kOtherDataset);
      break;
    }
    query.dataset.clear();
  } else {
    observation = data_.Flow(query);
  }
  const std::string what = fmt::format(
      "{}'s reported {} {} {} in {}{}", query.reporter, query.flow == 'X' ? "exports to" : "imports from",
      query.partner, query.product == "TOTAL" ? "(all goods)" : "(HS " + query.product + ")", query.year,
      query.dataset.empty() ? "" : " in " + query.dataset);
  if (!observation) {
    std::string reason;
    if (data_.IsPublishedMissing(query)) {
      reason = " (published as not available)";
    } else if (!data_.DatasetPreference().empty()) {
      std::vector<std::string> spans;
      for (const auto& name : data_.DatasetPreference()) {
        const auto [first, last] = data_.FlowYears(name);
        spans.push_back(fmt::format("{} {}-{}", name, first, last));
      }
      reason = fmt::format(" (the workspace holds {})", text::Join(spans, ", "));
    }
    throw MissingData{what + reason};
  }
  Quantity value{observation->value, Unit::kUsd, observation->estimated, observation->sources, {}};
  value.steps.push_back(fmt::format("{} = {}{} [{}]", what, Money(observation->value),
                                    observation->estimated ? " (estimate)" : "", observation->dataset));
  return value;
}

Quantity Evaluator::FlowValue(State& state, const std::string& direction, const std::string& reporter,
                              const std::string& partner, int year, const std::string& product,
                              const std::string& dataset, bool allow_mirror) {
  std::string effective = direction;
  if (state.reading.Has(Modification::kSwap) &&
      (direction == "exports" || direction == "imports" || direction == "balance")) {
    state.result.applied.insert(Modification::kSwap);
    effective = direction == "exports" ? "imports" : direction == "imports" ? "exports" : "-balance";
  }
  if (effective == "exports")
    return ReportedFlow(state, 'X', reporter, partner, year, product, dataset, allow_mirror);
  if (effective == "imports")
    return ReportedFlow(state, 'M', reporter, partner, year, product, dataset, allow_mirror);
  const Quantity exports = ReportedFlow(state, 'X', reporter, partner, year, product, dataset, allow_mirror);
  const Quantity imports = ReportedFlow(state, 'M', reporter, partner, year, product, dataset, allow_mirror);
  Quantity out{0, Unit::kUsd};
  Merge(out, exports);
  Merge(out, imports);
  if (effective == "total") {
    out.value = exports.value + imports.value;
  } else if (effective == "balance") {
    out.value = exports.value - imports.value;
  } else {
    out.value = imports.value - exports.value;
  }
  return out;
}

Quantity Evaluator::SeriesValue(State& state, const std::string& code, const std::string& actor, int year) {
  std::string wanted = code;
  const SeriesRelation* relation = FindRelation(code);
  if (relation != nullptr && state.reading.Has(Modification::kLevel)) {
    state.result.applied.insert(Modification::kLevel);
    wanted = relation->level;
  } else if (relation != nullptr && state.reading.Has(Modification::kNominal)) {
    state.result.applied.insert(Modification::kNominal);
    const auto now = data_.Series(relation->level, actor, year);
    const auto before = data_.Series(relation->level, actor, year - 1);
    if (!now || !before || before->value == 0) {
      throw MissingData{fmt::format("{} of {} in {} and {}", relation->level, actor, year - 1, year)};
    }
    Quantity value{now->value / before->value - 1,
                   Unit::kFraction,
                   now->estimated || before->estimated,
                   now->sources,
                   {}};
    value.sources.insert(value.sources.end(), before->sources.begin(), before->sources.end());
    value.steps.push_back(fmt::format("nominal growth of {} {} {} = {} / {} - 1", relation->level, actor,
                                      year, text::FormatNumber(now->value, 8),
                                      text::FormatNumber(before->value, 8)));
    return value;
  }
  const auto observation = data_.Series(wanted, actor, year);
  if (!observation) {
    const std::string unit = data_.SeriesUnit(wanted);
    throw MissingData{fmt::format("series {} for {} in {}{}", wanted, actor, year,
                                  unit.empty() ? " (no such series in the workspace)" : "")};
  }
  Quantity value{observation->value,
                 UnitOfSeries(data_.SeriesUnit(wanted)),
                 observation->estimated,
                 observation->sources,
                 {}};
  value.steps.push_back(fmt::format("{} {} {} = {} [{}]", wanted, actor, year,
                                    text::FormatNumber(observation->value, 8), observation->dataset));
  return value;
}

}  // namespace linkage
