#include "model/index_panel.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "indicators/dyad_data.hpp"
#include "indicators/dyad_indicators.hpp"

namespace linkage {

namespace {

constexpr double kMillion = 1e6;

Term TermOf(const IndicatorRecord& record) {
  Term term;
  term.value = record.value;
  term.estimated = record.estimated;
  term.sources = record.sources;
  term.missing = record.missing;
  term.steps.push_back(
      fmt::format("{} of {} with {} in {}", record.indicator, record.reporter, record.partner, record.year));
  return term;
}

// The dyad's indicators of one year by id (the first record of each id: the chosen perspective's).
using YearRecords = std::map<std::string, Term>;

// Mean of the five ATOP obligations in force (0-1): missing when any is.
Term AllianceIndex(const YearRecords& records) {
  std::vector<Term> parts;
  for (const char* id : {"alliance_defense", "alliance_offense", "alliance_neutrality",
                         "alliance_nonaggression", "alliance_consultation"}) {
    const auto found = records.find(id);
    if (found == records.end()) return Term::Missing(fmt::format("{} was not computed", id));
    parts.push_back(found->second);
  }
  Term index = Divide(Sum(parts), Term::Number(static_cast<double>(parts.size())));
  index.steps.emplace_back("mean of the five ATOP obligation indicators");
  return index;
}

Term Named(const YearRecords& records, const std::string& id) {
  const auto found = records.find(id);
  if (found == records.end()) return Term::Missing(fmt::format("{} was not computed", id));
  return found->second;
}

// The named institutions the target belongs to in the year, as a count with the membership rows.
Term InstitutionCount(DyadData& dyads, const std::string& actor, int year) {
  const auto memberships = dyads.Memberships(actor, year);
  if (memberships.empty())
    return Term::Missing(fmt::format("no membership spell of {} is in force in {}", actor, year));
  Term count = Term::Number(static_cast<double>(memberships.size()));
  for (const auto& [org, source] : memberships) count.sources.push_back(source);
  count.steps.push_back(fmt::format("named institutions {} belongs to in {}", actor, year));
  return count;
}

// The value of component `id` for the dyad-year.
Term ComponentTerm(const std::string& id, const YearRecords& records, TradeTerms& terms, DyadData& dyads,
                   const DirectedDyad& dyad, int year, const FlowChoices& choices) {
  const auto& unavailable = UnavailableComponentIds();
  if (std::find(unavailable.begin(), unavailable.end(), id) != unavailable.end())
    return Term::Missing(fmt::format("no source in the workspace provides {}", id));
  if (id == "trade_share") return terms.Share(Direction::kTotal, dyad.target, dyad.source, year, choices);
  if (id == "alliance_index") return AllianceIndex(records);
  if (id == "igo_share") {
    Term share = Divide(Named(records, "shared_igos"), terms.Series("COW.IGO.FULL", dyad.target, year));
    share.steps.emplace_back("shared IGOs over the IGOs the target is a full member of");
    return share;
  }
  if (id == "institution_share") {
    Term share = Divide(Named(records, "shared_institutions"), InstitutionCount(dyads, dyad.target, year));
    share.steps.emplace_back("shared named institutions over those the target belongs to");
    return share;
  }
  if (id == "arms_to_military_spending") {
    const Term spending = Divide(terms.Series("NMC.MILEX", dyad.target, year), Term::Number(kMillion));
    Term ratio = Divide(Named(records, "arms_imports_from_partner"), spending);
    ratio.steps.emplace_back("SIPRI TIV from the source per million USD of the target's military spending");
    return ratio;
  }
  return Named(records, id);
}

}  // namespace

TracedPanel BuildComponentPanel(Database& database, TradeTerms& terms, const IndexSpec& spec,
                                const std::vector<DirectedDyad>& dyads, int first, int last,
                                const FlowChoices& choices) {
  TracedPanel traced;
  DyadData dyad_data(database);
  const Dimensions dimensions{true, true, true, false};
  for (const auto& dyad : dyads) {
    std::map<int, YearRecords> by_year;
    for (const auto& record :
         ComputeDyadIndicators(database, terms, dyad.target, dyad.source, first, last, choices, dimensions)) {
      if (!record.product.empty() || !record.period.empty()) continue;
      by_year[record.year].try_emplace(record.indicator, TermOf(record));
    }
    for (int year = first; year <= last; ++year) {
      const YearRecords& records = by_year[year];
      std::vector<std::optional<double>> values;
      std::vector<Term> unit_terms;
      for (const auto& component : spec.components) {
        Term term = ComponentTerm(component.id, records, terms, dyad_data, dyad, year, choices);
        values.push_back(term.value);
        unit_terms.push_back(std::move(term));
      }
      traced.panel.units.push_back({dyad.source, dyad.target, year});
      traced.panel.values.push_back(std::move(values));
      traced.terms.push_back(std::move(unit_terms));
    }
  }
  return traced;
}

}  // namespace linkage
