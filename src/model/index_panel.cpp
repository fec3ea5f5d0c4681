#include "model/index_panel.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>

#include "core/parallel.hpp"
#include "indicators/dyad_data.hpp"
#include "indicators/dyad_indicators.hpp"
#include "indicators/finance.hpp"

namespace linkage {

namespace {

constexpr double kMillion = 1e6;
constexpr double kPercent = 100;

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

// The target's military spending in million current USD: SIPRI's military expenditure as WDI publishes it
// (share of GDP times GDP, to the latest year), else COW NMC's (to 2012) for the years WDI lacks.
Term MilitarySpendingMillions(TradeTerms& terms, const std::string& actor, int year) {
  Term wdi = Multiply(Divide(terms.Series("MS.MIL.XPND.GD.ZS", actor, year), Term::Number(kPercent)),
                      terms.Series("NY.GDP.MKTP.CD", actor, year));
  if (wdi.value) {
    wdi = Divide(wdi, Term::Number(kMillion));
    wdi.steps.emplace_back("military expenditure (WDI MS.MIL.XPND.GD.ZS, % of GDP) x GDP (NY.GDP.MKTP.CD)");
    return wdi;
  }
  Term nmc = Divide(terms.Series("NMC.MILEX", actor, year), Term::Number(kMillion));
  if (nmc.value) nmc.steps.emplace_back("military expenditure from COW NMC (WDI has none for the year)");
  return nmc;
}

// The value of component `id` for the dyad-year.
Term ComponentTerm(const std::string& id, const YearRecords& records, TradeTerms& terms, DyadData& dyads,
                   const DirectedDyad& dyad, int year, const FlowChoices& choices) {
  const auto& unavailable = UnavailableComponentIds();
  if (std::find(unavailable.begin(), unavailable.end(), id) != unavailable.end())
    return Term::Missing(fmt::format("no source in the workspace provides {}", id));
  if (id == "trade_share") return terms.Share(Direction::kTotal, dyad.target, dyad.source, year, choices);
  if (id == "alliance_index") return AllianceIndex(records);
  if (id == "trade_agreement_index") {
    // FBIC scores agreements by their depth; the embedded DESTA list of treaties has no depth, so the input
    // is whether an agreement binds the pair at all.
    Term in_force = Named(records, "trade_agreement_in_force");
    in_force.steps.emplace_back("1 when a trade agreement binds the pair (DESTA, HUGGO dates)");
    return in_force;
  }
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
    Term ratio = Divide(Named(records, "arms_imports_from_partner"),
                        MilitarySpendingMillions(terms, dyad.target, year));
    ratio.steps.emplace_back("SIPRI TIV from the source per million USD of the target's military spending");
    return ratio;
  }
  return Named(records, id);
}

// Whether the component's source covers the dyad's source actor at all: AidData's development finance is
// lent by Chinese institutions only, so for any other power it is not missing but out of scope.
bool InScope(const std::string& id, const DirectedDyad& dyad) {
  if (id == "development_finance_share_gdp" || id == "aid_share")
    return dyad.source == kDevelopmentFinanceLender;
  return true;
}

// Fills a slow-moving component's missing years from its last observed value of at most `carry_years` before.
void CarryForward(std::vector<Term>& by_year, std::vector<bool>& carried, int first, int carry_years) {
  std::optional<std::size_t> last_observed;
  for (std::size_t k = 0; k < by_year.size(); ++k) {
    if (by_year[k].value) {
      if (!carried[k]) last_observed = k;
      continue;
    }
    if (!last_observed || static_cast<int>(k - *last_observed) > carry_years) continue;
    const int from = first + static_cast<int>(*last_observed);
    Term term = by_year[*last_observed];
    term.steps.push_back(
        fmt::format("carried forward from {} (at most {} years): {}", from, carry_years, by_year[k].missing));
    by_year[k] = std::move(term);
    carried[k] = true;
  }
}

}  // namespace

bool IsSlowMoving(const std::string& component_id) {
  static const std::vector<std::string> ids = {
      "alliance_index",       "shared_igos",       "igo_share",
      "shared_institutions",  "institution_share", "shared_security_institutions",
      "trade_agreement_index"};
  return std::find(ids.begin(), ids.end(), component_id) != ids.end();
}

namespace {

// One dyad's rows of the panel, year by year.
struct DyadRows {
  std::vector<std::vector<std::optional<double>>> values;
  std::vector<std::vector<Term>> terms;
  std::vector<std::vector<bool>> out_of_scope;
  std::vector<std::vector<bool>> carried;
};

// What every dyad of a panel is read under.
struct PanelQuery {
  const IndexSpec& spec;
  int first;
  int last;
  const FlowChoices& choices;
  int carry_years;
};

DyadRows ReadDyad(Database& database, TradeTerms& terms, const PanelQuery& query, const DirectedDyad& dyad) {
  const IndexSpec& spec = query.spec;
  const int first = query.first;
  const int last = query.last;
  DyadData dyad_data(database);
  const Dimensions dimensions{true, true, true, false};
  // Years before the panel are read too, so a value observed just before it can be carried into it; the
  // slow-moving components are all security and political, so the trade indicators are not computed there.
  const int read_first = query.carry_years > 0 ? first - query.carry_years : first;
  const Dimensions before_panel{false, true, true, false};
  std::map<int, YearRecords> by_year;
  const auto keep = [&](const std::vector<IndicatorRecord>& records) {
    for (const auto& record : records) {
      if (!record.product.empty() || !record.period.empty()) continue;
      by_year[record.year].try_emplace(record.indicator, TermOf(record));
    }
  };
  if (read_first < first)
    keep(ComputeDyadIndicators(database, terms, dyad.target, dyad.source, read_first, first - 1,
                               query.choices, before_panel));
  keep(ComputeDyadIndicators(database, terms, dyad.target, dyad.source, first, last, query.choices,
                             dimensions));
  // [component][year - first]
  std::vector<std::vector<Term>> columns(spec.components.size());
  std::vector<std::vector<bool>> carried(spec.components.size(),
                                         std::vector<bool>(static_cast<std::size_t>(last - read_first + 1)));
  for (int year = read_first; year <= last; ++year) {
    const YearRecords& records = by_year[year];
    for (std::size_t column = 0; column < spec.components.size(); ++column) {
      // Before the panel only the slow-moving components are needed.
      if (year < first && !IsSlowMoving(spec.components[column].id)) {
        columns[column].push_back(Term::Missing("before the panel"));
        continue;
      }
      columns[column].push_back(
          ComponentTerm(spec.components[column].id, records, terms, dyad_data, dyad, year, query.choices));
    }
  }
  for (std::size_t column = 0; column < spec.components.size(); ++column) {
    if (query.carry_years > 0 && IsSlowMoving(spec.components[column].id))
      CarryForward(columns[column], carried[column], read_first, query.carry_years);
  }
  DyadRows rows;
  for (int year = first; year <= last; ++year) {
    const auto k = static_cast<std::size_t>(year - read_first);
    std::vector<std::optional<double>> values;
    std::vector<Term> unit_terms;
    std::vector<bool> out_of_scope;
    std::vector<bool> unit_carried;
    for (std::size_t column = 0; column < spec.components.size(); ++column) {
      Term& term = columns[column][k];
      const bool in_scope = InScope(spec.components[column].id, dyad);
      if (!in_scope) {
        term.value.reset();
        if (term.missing.empty()) term.missing = "the source does not cover " + dyad.source;
      }
      values.push_back(term.value);
      out_of_scope.push_back(!in_scope);
      unit_carried.push_back(carried[column][k]);
      unit_terms.push_back(std::move(term));
    }
    rows.values.push_back(std::move(values));
    rows.terms.push_back(std::move(unit_terms));
    rows.out_of_scope.push_back(std::move(out_of_scope));
    rows.carried.push_back(std::move(unit_carried));
  }
  return rows;
}

// A worker's own read-only connection and the readers on it, destroyed in the reverse order.
struct WorkerReader {
  WorkerReader(const std::string& path, const ActorRegistry& actors)
      : connection(path, false), data(connection), terms(connection, data, actors) {
    connection.Execute("PRAGMA query_only = ON");
  }
  Database connection;
  TradeData data;
  TradeTerms terms;
};

// Whether other connections may read the dyads at the same time: they see what `database` sees only when
// it is a file and holds no open transaction.
bool CanReadInParallel(Database& database) {
  const std::string& path = database.Path();
  return !path.empty() && path != ":memory:" && sqlite3_get_autocommit(database.Handle()) != 0;
}

}  // namespace

TracedPanel BuildComponentPanel(Database& database, TradeTerms& terms, const IndexSpec& spec,
                                const std::vector<DirectedDyad>& dyads, int first, int last,
                                const FlowChoices& choices, int carry_years) {
  const PanelQuery query{spec, first, last, choices, carry_years};
  std::vector<DyadRows> by_dyad(dyads.size());
  // Dyads are read on every core, each worker on a read-only connection of its own (a SQLite connection
  // serves one thread at a time); the caller's thread reads through the caller's connection.
  const std::size_t threads = CanReadInParallel(database) ? ThreadsFor(dyads.size()) : 1;
  RunOnWorkers(dyads.size(), threads, [&](std::size_t worker) -> std::function<void(std::size_t)> {
    if (worker == 0) return [&](std::size_t k) { by_dyad[k] = ReadDyad(database, terms, query, dyads[k]); };
    auto reader = std::make_shared<WorkerReader>(database.Path(), terms.Actors());
    return [&, reader](std::size_t k) {
      by_dyad[k] = ReadDyad(reader->connection, reader->terms, query, dyads[k]);
    };
  });

  TracedPanel traced;
  for (std::size_t k = 0; k < dyads.size(); ++k) {
    DyadRows& rows = by_dyad[k];
    for (std::size_t row = 0; row < rows.values.size(); ++row) {
      traced.panel.units.push_back({dyads[k].source, dyads[k].target, first + static_cast<int>(row)});
      traced.panel.values.push_back(std::move(rows.values[row]));
      traced.panel.out_of_scope.push_back(std::move(rows.out_of_scope[row]));
      traced.panel.carried.push_back(std::move(rows.carried[row]));
      traced.terms.push_back(std::move(rows.terms[row]));
    }
  }
  return traced;
}

}  // namespace linkage
