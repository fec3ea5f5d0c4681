// The functions of the claim language: flow, share, growth, cagr, rank, series, mean, indicator, member,
// members.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

#include "audit/evaluator.hpp"
#include "audit/evaluator_state.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "indicators/dyad_indicators.hpp"
#include "registry/institutions.hpp"

namespace linkage {

namespace {

// The membership rows named behind a count: enough to trace it, not every member.
constexpr std::size_t kMembershipSourcesKept = 6;

// The organisation's stored name; an unknown one is an error in the claim, not missing data.
std::string ResolveOrganisationOrFail(const Evaluator::State& state, Database& database,
                                      const std::string& org) {
  try {
    return ResolveOrganisation(database, org);
  } catch (const NotFoundError& error) {
    state.Fail(error.what());
  }
}

// The members in `year` of the bloc an aggregate stands for (the EU for EUU, a currency union for the Euro
// Area), found by the aggregate's name among the organisations with member spells; nullopt for the IMF's
// analytical and regional groupings, whose composition the workspace does not hold.
std::optional<std::set<std::string>> BlocMembers(Database& database, const Actor& aggregate, int year) {
  std::string org;
  try {
    org = ResolveOrganisation(database, aggregate.name);
  } catch (const NotFoundError&) {
    return std::nullopt;
  }
  const auto members = RegionMembers(database, org, year);
  if (members.empty()) return std::nullopt;
  return std::set<std::string>(members.begin(), members.end());
}

const std::set<std::string>& Directions() {
  static const std::set<std::string> directions = {"exports", "imports", "total", "balance"};
  return directions;
}

class Arguments {
 public:
  Arguments(const Expression& call, Evaluator::State& state, const ActorRegistry& actors)
      : call_(call), state_(state), actors_(actors) {}

  void ExpectCount(std::size_t minimum, std::size_t maximum, const char* signature) const {
    if (call_.children.size() < minimum || call_.children.size() > maximum) {
      state_.Fail(
          fmt::format("{}() takes {}; got {} arguments", call_.word, signature, call_.children.size()));
    }
    for (const auto& [key, value] : call_.options) {
      if (key != "product") state_.Fail(fmt::format("{}() has no option '{}'", call_.word, key));
    }
  }

  std::string Word(std::size_t index) const {
    const Expression& node = *call_.children[index];
    if (node.kind == Expression::Kind::kWord || node.kind == Expression::Kind::kNumber) return node.word;
    if (node.kind == Expression::Kind::kColumn) return Column(node.word);
    state_.Fail(
        fmt::format("argument {} of {}() must be a name, not '{}'", index + 1, call_.word, node.ToString()));
  }

  std::string Direction(std::size_t index) const {
    std::string direction = text::Lower(Word(index));
    if (!Directions().contains(direction)) {
      state_.Fail(fmt::format("'{}' is not a direction; use exports, imports, total or balance", direction));
    }
    return direction;
  }

  std::string Actor(std::size_t index) const {
    const std::string word = Word(index);
    return actors_.Require(word, Scheme::kAny, {state_.file, state_.line, 0, "expression"}).id;
  }

  // A year argument, shifted by the reading's neighbouring-year modification; '?' takes the reading's year.
  int Year(const Expression& node) const {
    int year = 0;
    switch (node.kind) {
      case Expression::Kind::kNumber:
        year = static_cast<int>(node.number);
        break;
      case Expression::Kind::kColumn: {
        const auto parsed = text::ParseInteger(Column(node.word));
        if (!parsed) state_.Fail(fmt::format("column ${} does not hold a year", node.word));
        year = static_cast<int>(*parsed);
        break;
      }
      case Expression::Kind::kUnstated:
        state_.result.used_unstated_year = true;
        if (state_.reading.unstated_year) return *state_.reading.unstated_year;
        if (state_.default_year == 0) throw MissingData{"a year: the claim states none and cites no date"};
        return state_.default_year;
      default:
        state_.Fail(fmt::format("'{}' is not a year", node.ToString()));
    }
    return Shift(year);
  }

  int Year(std::size_t index) const { return Year(*call_.children[index]); }

  std::pair<int, int> Years(std::size_t index) const {
    const Expression& node = *call_.children[index];
    if (node.kind != Expression::Kind::kYearRange) {
      state_.Fail(fmt::format("argument {} of {}() must be a year range first..last", index + 1, call_.word));
    }
    return {Shift(node.first_year), Shift(node.last_year)};
  }

  std::string Product() const {
    const auto found = call_.options.find("product");
    if (found == call_.options.end()) return "TOTAL";
    const Expression& node = *found->second;
    std::string product;
    if (node.kind == Expression::Kind::kWord || node.kind == Expression::Kind::kNumber) product = node.word;
    if (node.kind == Expression::Kind::kColumn) product = Column(node.word);
    if (product.empty()) state_.Fail("product= takes an HS code or TOTAL");
    return text::Upper(product) == "TOTAL" ? "TOTAL" : product;
  }

 private:
  int Shift(int year) const {
    if (state_.reading.Has(Modification::kYearBefore)) {
      state_.result.applied.insert(Modification::kYearBefore);
      return year - 1;
    }
    if (state_.reading.Has(Modification::kYearAfter)) {
      state_.result.applied.insert(Modification::kYearAfter);
      return year + 1;
    }
    return year;
  }

  std::string Column(const std::string& name) const {
    const auto found = state_.row.find(name);
    if (found == state_.row.end()) state_.Fail(fmt::format("no column ${} in this table", name));
    return found->second;
  }

  const Expression& call_;
  Evaluator::State& state_;
  const ActorRegistry& actors_;
};

}  // namespace

Quantity Evaluator::Call(const Expression& node, State& state) {
  const Arguments args(node, state, actors_);
  const std::string& name = node.word;
  if (name == "flow") {
    args.ExpectCount(4, 4, "(direction, reporter, partner, year[, product=HS])");
    return FlowValue(state, args.Direction(0), args.Actor(1), args.Actor(2), args.Year(3), args.Product(),
                     "");
  }
  if (name == "share") {
    args.ExpectCount(4, 4, "(direction, reporter, partner, year[, product=HS])");
    const Term share = FlowTerm(state, args.Direction(0), args.Actor(1), args.Actor(2), args.Year(3),
                                args.Product(), "", true);
    return Settle(state, share, Unit::kFraction);
  }
  if (name == "growth" || name == "cagr") {
    args.ExpectCount(5, 5, "(direction, reporter, partner, first_year, last_year[, product=HS])");
    const int first = args.Year(3);
    const int last = args.Year(4);
    if (last <= first) state.Fail(fmt::format("{}() needs the first year before the last", name));
    const Term start =
        FlowTerm(state, args.Direction(0), args.Actor(1), args.Actor(2), first, args.Product(), "", false);
    const Term end =
        FlowTerm(state, args.Direction(0), args.Actor(1), args.Actor(2), last, args.Product(), "", false);
    bool compound = name == "cagr";
    if (state.reading.Has(Modification::kCompounding)) {
      state.result.applied.insert(Modification::kCompounding);
      compound = !compound;
    }
    if (compound) return Settle(state, CompoundGrowth(start, end, last - first), Unit::kFraction);
    Term growth = Growth(start, end);
    growth.steps.push_back(fmt::format("growth from {} to {}", first, last));
    return Settle(state, growth, Unit::kFraction);
  }
  if (name == "rank") {
    args.ExpectCount(4, 4, "(direction, reporter, partner, year)");
    return Rank(args.Direction(0), args.Actor(1), args.Actor(2), args.Year(3), state);
  }
  if (name == "series") {
    args.ExpectCount(3, 3, "(code, actor, year)");
    return SeriesValue(state, args.Word(0), args.Actor(1), args.Year(2));
  }
  if (name == "mean") {
    args.ExpectCount(3, 3, "(code, actor, first..last)");
    const auto [first, last] = args.Years(2);
    Quantity sum{0, Unit::kNumber};
    std::vector<int> missing;
    for (int year = first; year <= last; ++year) {
      try {
        const Quantity value = SeriesValue(state, args.Word(0), args.Actor(1), year);
        sum.value += value.value;
        sum.unit = value.unit;
        sum.estimated = sum.estimated || value.estimated;
        sum.sources.insert(sum.sources.end(), value.sources.begin(), value.sources.end());
      } catch (const MissingData&) {
        missing.push_back(year);
      }
    }
    if (!missing.empty()) {
      std::vector<std::string> years;
      years.reserve(missing.size());
      for (const int year : missing) years.push_back(std::to_string(year));
      throw MissingData{fmt::format("{} for {} in {}", args.Word(0), args.Actor(1), text::Join(years, ", "))};
    }
    sum.value /= (last - first + 1);
    sum.steps.push_back(fmt::format("mean of {} {} over {}-{} ({} years)", args.Word(0), args.Actor(1), first,
                                    last, last - first + 1));
    return sum;
  }
  if (name == "indicator") {
    args.ExpectCount(4, 4, "(indicator, reporter, partner, year)");
    return IndicatorValue(state, args.Word(0), args.Actor(1), args.Actor(2), args.Year(3));
  }
  if (name == "member") {
    args.ExpectCount(3, 3, "(organisation, actor, year)");
    return Membership(state, args.Word(0), args.Actor(1), args.Year(2));
  }
  if (name == "members") {
    args.ExpectCount(2, 2, "(organisation, year)");
    return MemberCount(state, args.Word(0), args.Year(1));
  }
  state.Fail(
      fmt::format("unknown function '{}'; known: flow, share, growth, cagr, rank, series, mean, indicator, "
                  "member, members",
                  name));
}

Quantity Evaluator::IndicatorValue(State& state, const std::string& id, const std::string& reporter,
                                   const std::string& partner, int year) {
  const auto known = KnownIndicatorIds();
  if (std::find(known.begin(), known.end(), id) == known.end())
    state.Fail(fmt::format("indicator(): unknown indicator '{}'; known: {}", id, text::Join(known, ", ")));
  for (const auto& record : ComputeDyadIndicators(database_, terms_, reporter, partner, year, year,
                                                  ChoicesFor(state, ""), {true, true, true, true})) {
    if (record.indicator != id || !record.product.empty() || !record.period.empty()) continue;
    if (!record.value)
      throw MissingData{
          fmt::format("{} of {} with {} in {} ({})", id, reporter, partner, year, record.missing)};
    // Shares and agreements are fractions, so a claim printed in percent is compared as one.
    const bool fraction = text::StartsWith(record.unit, "share");
    Quantity out{*record.value, fraction ? Unit::kFraction : Unit::kNumber};
    out.estimated = record.estimated;
    out.sources = record.sources;
    out.steps.push_back(fmt::format("{} of {} with {} in {} ({}){}", id, reporter, partner, year, record.unit,
                                    record.note.empty() ? "" : ": " + record.note));
    return out;
  }
  throw MissingData{fmt::format("{} of {} with {} in {}", id, reporter, partner, year)};
}

Quantity Evaluator::Membership(State& state, const std::string& org, const std::string& actor, int year) {
  const std::string name = ResolveOrganisationOrFail(state, database_, org);
  const auto answer =
      MembersBetween(database_, name, fmt::format("{}-01-01", year), fmt::format("{}-12-31", year), "member");
  for (const auto& spell : answer.members) {
    if (spell.actor_id != actor) continue;
    Quantity out{1, Unit::kNumber};
    out.sources.push_back(
        {spell.dataset, spell.source_id, spell.source_line, "membership spell of " + actor});
    out.steps.push_back(
        fmt::format("{} is a member of {} during {} ({})", actor, name, year, spell.citation));
    return out;
  }
  for (const auto& spell : answer.undated) {
    if (spell.actor_id == actor)
      throw MissingData{
          fmt::format("whether {} was a member of {} in {}: its spell's dates ({}) are too imprecise", actor,
                      name, year, spell.start.value_or("?"))};
  }
  Quantity out{0, Unit::kNumber};
  out.steps.push_back(fmt::format("{} has no member spell of {} in force during {}", actor, name, year));
  return out;
}

Quantity Evaluator::MemberCount(State& state, const std::string& org, int year) {
  const std::string name = ResolveOrganisationOrFail(state, database_, org);
  const auto answer =
      MembersBetween(database_, name, fmt::format("{}-01-01", year), fmt::format("{}-12-31", year), "member");
  if (!answer.undated.empty())
    throw MissingData{fmt::format("the members of {} in {}: {} spells have dates too imprecise to decide",
                                  name, year, answer.undated.size())};
  std::set<std::string> members;
  Quantity out{0, Unit::kNumber};
  for (const auto& spell : answer.members) {
    if (!members.insert(spell.actor_id).second) continue;
    if (out.sources.size() < kMembershipSourcesKept)
      out.sources.push_back({spell.dataset, spell.source_id, spell.source_line, "membership spell"});
  }
  out.value = static_cast<double>(members.size());
  out.steps.push_back(
      fmt::format("{} members of {} during {}: {}", members.size(), name, year,
                  text::Join(std::vector<std::string>(members.begin(), members.end()), ", ")));
  return out;
}

Quantity Evaluator::Rank(const std::string& direction, const std::string& reporter,
                         const std::string& partner, int year, State& state) {
  // Candidates are the partners the reporter (or, read as mirror data, every other reporter) reports trade
  // with.
  const bool mirror = state.reading.Has(Modification::kMirror);
  const bool swap = state.reading.Has(Modification::kSwap) && direction != "total";
  std::string dataset;
  std::set<std::string> candidates;
  for (const auto& name : data_.DatasetPreference()) {
    for (const char flow : {'X', 'M'}) {
      const auto found =
          mirror ? data_.Reporters(reporter, flow, year, name) : data_.Partners(reporter, flow, year, name);
      candidates.insert(found.begin(), found.end());
    }
    if (!candidates.empty()) {
      dataset = name;
      break;
    }
  }
  if (candidates.empty())
    throw MissingData{fmt::format("{}'s trade with its partners in {}", reporter, year)};
  bool any_aggregate = false;
  const bool with_aggregates = state.reading.Has(Modification::kWithAggregates);
  // The ranked entity's own members when it is itself a bloc (the EU ranked among partners).
  const Actor* ranked = actors_.Find(partner);
  const auto ranked_members = ranked != nullptr && !ranked->IsCountry()
                                  ? BlocMembers(database_, *ranked, year)
                                  : std::optional<std::set<std::string>>();
  // A bloc that contains the ranked entity is not a rival to it, and a grouping of unknown composition may
  // contain it: both stay out of even the reading that counts aggregates.
  std::vector<std::string> containing;
  std::vector<std::string> unknown_composition;
  std::vector<std::pair<double, std::string>> values;
  std::size_t incomplete = 0;
  for (const auto& candidate : candidates) {
    const Actor* actor = actors_.Find(candidate);
    if (candidate == "WLD" || actor == nullptr) continue;
    if (!actor->IsCountry() && candidate != partner) {
      any_aggregate = true;
      if (!with_aggregates) continue;
      const auto members = BlocMembers(database_, *actor, year);
      if (!members) {
        unknown_composition.push_back(actor->name);
        continue;
      }
      const bool contains = members->contains(partner) ||
                            (ranked_members && std::includes(members->begin(), members->end(),
                                                             ranked_members->begin(), ranked_members->end()));
      if (contains) {
        containing.push_back(actor->name);
        continue;
      }
    }
    try {
      values.emplace_back(FlowValue(state, direction, reporter, candidate, year, "TOTAL", dataset).value,
                          candidate);
    } catch (const MissingData&) {
      ++incomplete;
    }
  }
  if (any_aggregate && with_aggregates) state.result.applied.insert(Modification::kWithAggregates);
  if (mirror) state.result.applied.insert(Modification::kMirror);
  if (swap) state.result.applied.insert(Modification::kSwap);
  const auto own =
      std::find_if(values.begin(), values.end(), [&](const auto& entry) { return entry.second == partner; });
  if (own == values.end())
    throw MissingData{fmt::format("{}'s {} with {} in {}", reporter, direction, partner, year)};
  const double target = own->first;
  const auto above =
      std::count_if(values.begin(), values.end(), [&](const auto& entry) { return entry.first > target; });
  std::sort(values.begin(), values.end(), std::greater<>());
  std::vector<std::string> leaders;
  for (std::size_t i = 0; i < std::min<std::size_t>(3, values.size()); ++i) {
    leaders.push_back(
        fmt::format("{} {}", values[i].second, text::FormatNumber(values[i].first / 1e6, 6) + "m"));
  }
  Quantity out{static_cast<double>(above + 1), Unit::kRank};
  out.sources = FlowValue(state, direction, reporter, partner, year, "TOTAL", dataset).sources;
  out.steps.push_back(fmt::format(
      "{} ranks {} of {} partners of {} by {} in {} [{}]; leaders: {}{}", partner, above + 1, values.size(),
      reporter, direction, year, dataset, text::Join(leaders, ", "),
      incomplete > 0 ? fmt::format("; {} partners left out for missing values", incomplete) : ""));
  if (!containing.empty())
    out.steps.push_back(fmt::format("left out as containing {}: {}", partner, text::Join(containing, ", ")));
  if (!unknown_composition.empty())
    out.steps.push_back(fmt::format("left out as groupings whose members the workspace does not hold: {}",
                                    text::Join(unknown_composition, ", ")));
  return out;
}

}  // namespace linkage
