#include "indicators/trade_terms.hpp"

#include <fmt/format.h>

#include <set>

#include "core/error.hpp"
#include "core/text.hpp"
#include "registry/institutions.hpp"

namespace linkage {

namespace {

char Reverse(char flow) {
  return flow == 'X' ? 'M' : 'X';
}

std::string FlowWords(const FlowQuery& query) {
  return fmt::format("{}'s reported {} {} {} in {}", query.reporter,
                     query.flow == 'X' ? "exports to" : "imports from", query.partner,
                     query.product == "TOTAL" ? "(all goods)" : "(HS " + query.product + ")", query.year);
}

}  // namespace

std::vector<FlowChoices> SplitPerspectives(const FlowChoices& choices) {
  if (choices.perspective != Perspective::kBoth) return {choices};
  std::vector<FlowChoices> sides = {choices, choices};
  sides[0].perspective = Perspective::kReporter;
  sides[1].perspective = Perspective::kPartner;
  return sides;
}

TradeTerms::TradeTerms(Database& database, TradeData& data, const ActorRegistry& actors)
    : database_(database), data_(data), actors_(actors) {}

Term TradeTerms::Reported(const std::string& reporter, const std::string& partner, char flow, int year,
                          const std::string& product, const std::string& dataset, bool alternative) {
  FlowQuery query{reporter, partner, flow, year, product, dataset};
  std::optional<Observation> observation;
  bool skipped = false;
  if (alternative && dataset.empty()) {
    // The second dataset that holds the value: how the claim reads if its author used another source.
    for (const auto& name : data_.DatasetPreference()) {
      query.dataset = name;
      auto found = data_.Flow(query);
      if (!found) continue;
      if (!skipped) {
        skipped = true;
        continue;
      }
      observation = std::move(found);
      break;
    }
    query.dataset.clear();
  } else {
    observation = data_.Flow(query);
  }
  const std::string what = FlowWords(query);
  if (!observation) {
    std::string reason = what + " is not in the workspace";
    const bool published_missing = data_.IsPublishedMissing(query);
    if (published_missing) {
      reason = what + " is published as not available";
    } else if (alternative && skipped) {
      reason = what + " is held by one dataset only";
    } else {
      std::vector<std::string> spans;
      for (const auto& name : data_.DatasetPreference()) {
        const auto [first, last] = data_.FlowYears(name);
        spans.push_back(fmt::format("{} {}-{}", name, first, last));
      }
      if (!spans.empty()) reason += fmt::format(" (it holds {})", text::Join(spans, ", "));
    }
    Term missing = Term::Missing(reason);
    missing.published_missing = published_missing;
    return missing;
  }
  Term term = Term::Of(*observation,
                       fmt::format("{} = {} USD{} [{}]", what, text::FormatNumber(observation->value, 8),
                                   observation->estimated ? " (estimate)" : "", observation->dataset));
  term.alternative_dataset = alternative;
  return term;
}

std::optional<std::vector<std::string>> TradeTerms::BlocMembers(const std::string& actor, int year,
                                                                std::string& undecided) {
  const auto key = std::make_pair(actor, year);
  if (const auto found = blocs_.find(key); found != blocs_.end()) {
    undecided = found->second.undecided;
    return found->second.members;
  }
  Bloc bloc;
  const Actor* known = actors_.Find(actor);
  if (known != nullptr && !known->IsCountry() && actor != "WLD") {
    std::string org;
    try {
      org = ResolveOrganisation(database_, known->name);
    } catch (const NotFoundError&) {
      org.clear();  // an aggregate that is not an organisation (a World Bank income group, say)
    }
    if (!org.empty()) {
      // Members at any time during the year: annual flows include the months before an accession.
      const auto answer = MembersBetween(database_, org, fmt::format("{}-01-01", year),
                                         fmt::format("{}-12-31", year), "member");
      if (!answer.undated.empty()) {
        std::vector<std::string> names;
        for (const auto& spell : answer.undated) names.push_back(spell.actor_id);
        bloc.undecided = fmt::format("the membership of {} in {} during {} is not dated precisely enough",
                                     text::Join(names, ", "), org, year);
      }
      // Each member once (two spells may touch the same year), and states only: a bloc listed as a member of
      // another is not expanded again, and a bloc never counts itself.
      std::set<std::string> members;
      for (const auto& spell : answer.members) {
        const Actor* member = actors_.Find(spell.actor_id);
        if (spell.actor_id != actor && member != nullptr && member->IsCountry())
          members.insert(spell.actor_id);
      }
      if (!members.empty()) bloc.members = std::vector<std::string>(members.begin(), members.end());
    }
  }
  blocs_[key] = bloc;
  undecided = bloc.undecided;
  return bloc.members;
}

Term TradeTerms::OwnOrMirror(const std::string& i, const std::string& j, char flow, int year,
                             const FlowChoices& choices, const std::string& product) {
  const bool partner_side = choices.perspective == Perspective::kPartner;
  Term term = partner_side
                  ? Reported(j, i, Reverse(flow), year, product, choices.dataset, choices.alternative_dataset)
                  : Reported(i, j, flow, year, product, choices.dataset, choices.alternative_dataset);
  term.partner_report = partner_side && term.value.has_value();
  if (term.value || !choices.fill_from_mirror) return term;
  Term fill = partner_side ? Reported(i, j, flow, year, product, choices.dataset, choices.alternative_dataset)
                           : Reported(j, i, Reverse(flow), year, product, choices.dataset,
                                      choices.alternative_dataset);
  if (!fill.value) return term;
  fill.mirror_filled = 1;
  fill.partner_report = !partner_side;
  fill.steps.back() += fmt::format(" (filled in: {})", term.missing);
  return fill;
}

Term TradeTerms::Flow(const std::string& i, const std::string& j, char flow, int year,
                      const FlowChoices& choices, const std::string& product) {
  if (choices.bloc_members) {
    // A bloc's trade with one of its members leaves that member out.
    for (const bool partner_is_bloc : {true, false}) {
      const std::string& bloc = partner_is_bloc ? j : i;
      const std::string& other = partner_is_bloc ? i : j;
      std::string undecided;
      const auto members = BlocMembers(bloc, year, undecided);
      if (!undecided.empty()) return Term::Missing(undecided);
      if (!members) continue;
      std::vector<Term> parts;
      std::vector<std::string> names;
      for (const auto& member : *members) {
        if (member == other) continue;
        parts.push_back(partner_is_bloc ? Flow(i, member, flow, year, choices, product)
                                        : Flow(member, j, flow, year, choices, product));
        names.push_back(member);
      }
      // Trade statistics list the partners a flow was recorded with; a member without a row is left out of
      // the sum and named in the record's note rather than making the whole bloc unknown.
      Term sum = SumReported(parts, names);
      sum.bloc_members = true;
      sum.steps.push_back(fmt::format("{} read as its {} members in {}", bloc, parts.size(), year));
      return sum;
    }
  }
  return OwnOrMirror(i, j, flow, year, choices, product);
}

Term TradeTerms::Directed(Direction direction, const std::string& i, const std::string& j, int year,
                          const FlowChoices& choices, const std::string& product) {
  switch (direction) {
    case Direction::kExports:
      return Flow(i, j, 'X', year, choices, product);
    case Direction::kImports:
      return Flow(i, j, 'M', year, choices, product);
    case Direction::kTotal:
      return Add(Flow(i, j, 'X', year, choices, product), Flow(i, j, 'M', year, choices, product));
    case Direction::kBalance:
      return Subtract(Flow(i, j, 'X', year, choices, product), Flow(i, j, 'M', year, choices, product));
  }
  return Term::Missing("unknown direction");
}

Term TradeTerms::Share(Direction direction, const std::string& i, const std::string& j, int year,
                       const FlowChoices& choices, const std::string& product) {
  const Term part = Directed(direction, i, j, year, choices, product);
  FlowChoices whole_choices = choices;
  if (!part.sources.empty()) {
    whole_choices.dataset = part.sources.front().dataset;
    whole_choices.alternative_dataset = false;
  }
  return Divide(part, Directed(direction, i, "WLD", year, whole_choices, product));
}

Term TradeTerms::Series(const std::string& code, const std::string& actor, int year) {
  const auto observation = data_.Series(code, actor, year);
  if (!observation) {
    const bool known = !data_.SeriesUnit(code).empty();
    return Term::Missing(fmt::format("{} of {} in {} is not in the workspace{}", code, actor, year,
                                     known ? "" : " (no such series)"));
  }
  return Term::Of(*observation, fmt::format("{} {} {} = {} [{}]", code, actor, year,
                                            text::FormatNumber(observation->value, 8), observation->dataset));
}

}  // namespace linkage
