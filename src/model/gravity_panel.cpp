#include "model/gravity_panel.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "core/error.hpp"
#include "registry/agreements.hpp"
#include "registry/institutions.hpp"

namespace linkage {

namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

using PairYear = std::tuple<std::string, std::string, int>;

// (reporter, partner, year) -> value of one flow direction of IMF DOTS totals for the chosen countries.
std::map<PairYear, std::optional<double>> ReadFlows(Database& database,
                                                    const std::set<std::string>& countries, char flow,
                                                    int first, int last) {
  Statement query(database,
                  "SELECT reporter, partner, year, value_usd FROM flows WHERE dataset = 'imf-dots' AND "
                  "product = 'TOTAL' AND flow = ? AND year BETWEEN ? AND ?");
  query.Bind(1, std::string(1, flow)).Bind(2, first).Bind(3, last);
  std::map<PairYear, std::optional<double>> flows;
  while (query.Step()) {
    std::string reporter = query.Text(0);
    std::string partner = query.Text(1);
    if (!countries.contains(reporter) || !countries.contains(partner)) continue;
    flows[{std::move(reporter), std::move(partner), static_cast<int>(query.Int(2))}] = query.OptionalReal(3);
  }
  return flows;
}

// (a, b) -> CEPII GeoDist attribute.
std::map<std::pair<std::string, std::string>, double> ReadAttribute(Database& database,
                                                                    const std::string& name) {
  Statement query(
      database,
      "SELECT actor_a, actor_b, value FROM dyad_attributes WHERE dataset = 'cepii-geodist' AND name = ? "
      "AND value IS NOT NULL");
  query.Bind(1, name);
  std::map<std::pair<std::string, std::string>, double> values;
  while (query.Step()) values[{query.Text(0), query.Text(1)}] = query.Real(2);
  return values;
}

// Members of `org` on some day of each year in [first, last].
std::map<int, std::set<std::string>> MembersByYear(Database& database, const std::string& org, int first,
                                                   int last) {
  std::map<int, std::set<std::string>> members;
  for (int year = first; year <= last; ++year) {
    for (const auto& spell :
         MembersBetween(database, org, fmt::format("{}-01-01", year), fmt::format("{}-12-31", year), "member")
             .members)
      members[year].insert(spell.actor_id);
  }
  return members;
}

// Who an agreement dummy covers: the members of an organisation (both members in the year), or the pairs a
// trade agreement binds (DESTA and HUGGO, or the user's agreement-pairs table).
struct AgreementCoverage {
  std::map<int, std::set<std::string>> members;
  std::map<int, std::set<std::pair<std::string, std::string>>> pairs;

  [[nodiscard]] bool Covers(const std::string& a, const std::string& b, int year) const {
    if (const auto found = members.find(year); found != members.end())
      return found->second.contains(a) && found->second.contains(b);
    const auto found = pairs.find(year);
    return found != pairs.end() && found->second.contains(a < b ? std::pair{a, b} : std::pair{b, a});
  }
};

// An organisation's name first, then a trade agreement's (`pta` for any); NotFoundError naming both kinds.
AgreementCoverage CoverageOf(Database& database, const std::string& name, int first, int last) {
  AgreementCoverage coverage;
  try {
    coverage.members = MembersByYear(database, ResolveOrganisation(database, name), first, last);
    return coverage;
  } catch (const NotFoundError&) {
    const auto agreements = FindAgreements(database, name);
    if (agreements.empty())
      throw NotFoundError(fmt::format(
          "'{}' is neither an organisation nor a trade agreement in the workspace; give an organisation "
          "(linkage members), `pta` for any trade agreement, or an agreement's id or name (linkage "
          "agreements)",
          name));
    coverage.pairs = PairsByYear(AgreementPairs(database, agreements), first, last);
    return coverage;
  }
}

// (country, year) -> GDP in current US$ (World Bank WDI, NY.GDP.MKTP.CD), where published.
std::map<std::pair<std::string, int>, double> ReadGdp(Database& database, int first, int last) {
  Statement query(
      database,
      "SELECT actor_id, year, value FROM series WHERE code = 'NY.GDP.MKTP.CD' AND year BETWEEN ? AND ? "
      "AND value IS NOT NULL ORDER BY dataset DESC");
  query.Bind(1, first).Bind(2, last);
  std::map<std::pair<std::string, int>, double> gdp;
  while (query.Step()) gdp[{query.Text(0), static_cast<int>(query.Int(1))}] = query.Real(2);
  return gdp;
}

double Lookup(const std::map<std::pair<std::string, std::string>, double>& values, const std::string& a,
              const std::string& b) {
  const auto found = values.find({a, b});
  return found == values.end() ? kMissing : found->second;
}

}  // namespace

std::string AgreementColumn(const std::string& organisation) {
  std::string name;
  for (const char c : organisation) {
    if (c == '(') break;
    if (std::isalnum(static_cast<unsigned char>(c)) != 0)
      name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (!name.empty() && name.back() != '_')
      name += '_';
  }
  while (!name.empty() && name.back() == '_') name.pop_back();
  return name;
}

std::string ShiftedAgreementColumn(const std::string& column, int steps) {
  return steps > 0 ? fmt::format("{}_lead{}", column, steps) : fmt::format("{}_lag{}", column, -steps);
}

std::vector<std::string> LargestExporters(Database& database, int year, std::size_t count) {
  Statement query(
      database,
      "SELECT f.reporter, SUM(f.value_usd) AS total FROM flows f JOIN actors a ON a.id = f.reporter "
      "WHERE f.dataset = 'imf-dots' AND f.product = 'TOTAL' AND f.flow = 'X' AND f.year = ? "
      "AND a.kind = 'state' AND f.value_usd IS NOT NULL GROUP BY f.reporter ORDER BY total DESC LIMIT ?");
  query.Bind(1, year).Bind(2, static_cast<std::int64_t>(count));
  std::vector<std::string> countries;
  while (query.Step()) countries.push_back(query.Text(0));
  return countries;
}

GravityFrame BuildWorkspacePanel(Database& database, const WorkspacePanelRequest& request) {
  if (request.countries.size() < 3) throw UsageError("a gravity panel needs at least three countries");
  if (request.step < 1) throw UsageError("--every takes a positive number of years");
  const std::set<std::string> countries(request.countries.begin(), request.countries.end());
  const int reach = request.step * std::max(request.leads, request.lags);
  const auto imports = ReadFlows(database, countries, 'M', request.first, request.last);
  const auto exports = ReadFlows(database, countries, 'X', request.first, request.last);
  const auto distance = ReadAttribute(database, "dist");
  const auto gdp = ReadGdp(database, request.first, request.last);
  // The importer's record first: customs record imports more completely than exports (IMF DOTS Guide).
  const auto flow_of = [&](const std::string& exporter, const std::string& importer,
                           int year) -> std::optional<double> {
    if (const auto found = imports.find({importer, exporter, year}); found != imports.end() && found->second)
      return found->second;
    if (const auto found = exports.find({exporter, importer, year}); found != exports.end())
      return found->second;
    return std::nullopt;
  };
  // A country's sales to itself: GDP (value added, standing in for gross output) less its exports to the
  // panel; missing when GDP or any of those exports is, or when exports exceed GDP (entrepots), never a
  // number made from a gap.
  const auto domestic_of = [&](const std::string& country, int year) {
    const auto found = gdp.find({country, year});
    if (found == gdp.end()) return kMissing;
    double sold_abroad = 0;
    for (const auto& partner : request.countries) {
      if (partner == country) continue;
      const auto flow = flow_of(country, partner, year);
      if (!flow) return kMissing;
      sold_abroad += *flow;
    }
    return found->second > sold_abroad ? found->second - sold_abroad : kMissing;
  };
  std::map<std::string, std::map<std::pair<std::string, std::string>, double>> binary;
  for (const char* name : {"contig", "comlang_off", "colony"}) binary[name] = ReadAttribute(database, name);
  std::vector<AgreementCoverage> coverage;
  for (const auto& name : request.agreements)
    coverage.push_back(CoverageOf(database, name, request.first - reach, request.last + reach));

  // Column names are fixed per agreement; working them out per observation would repeat string work a million
  // times on a large panel.
  struct AgreementColumns {
    std::string now;
    std::vector<std::string> leads;
    std::vector<std::string> lags;
  };
  std::vector<AgreementColumns> agreement_columns;
  for (const auto& org : request.agreements) {
    AgreementColumns columns{AgreementColumn(org), {}, {}};
    for (int lead = 1; lead <= request.leads; ++lead)
      columns.leads.push_back(ShiftedAgreementColumn(columns.now, lead));
    for (int lag = 1; lag <= request.lags; ++lag)
      columns.lags.push_back(ShiftedAgreementColumn(columns.now, -lag));
    agreement_columns.push_back(std::move(columns));
  }
  GravityFrame frame;
  frame.source = "the workspace";
  auto& trade = frame.numbers["trade"];
  auto& ln_dist = frame.numbers["ln_dist"];
  // Each side's economic size, for the traditional specification (Tinbergen 1962) that structural fixed
  // effects replace; missing where WDI has no GDP.
  auto& ln_gdp_exporter = frame.numbers["ln_gdp_exporter"];
  auto& ln_gdp_importer = frame.numbers["ln_gdp_importer"];
  const auto ln_gdp = [&](const std::string& country, int year) {
    const auto found = gdp.find({country, year});
    return found == gdp.end() || found->second <= 0 ? kMissing : std::log(found->second);
  };
  for (int year = request.first; year <= request.last; year += request.step) {
    for (const auto& exporter : request.countries) {
      for (const auto& importer : request.countries) {
        const bool home = exporter == importer;
        if (home && !request.domestic) continue;
        frame.labels["exporter"].push_back(exporter);
        frame.labels["importer"].push_back(importer);
        frame.labels["year"].push_back(std::to_string(year));
        if (home) {
          trade.push_back(domestic_of(exporter, year));
        } else {
          const auto flow = flow_of(exporter, importer, year);
          trade.push_back(flow ? *flow : kMissing);
        }
        if (request.domestic) frame.numbers["home"].push_back(home ? 1.0 : 0.0);
        const double dist = Lookup(distance, exporter, importer);
        ln_dist.push_back(std::isnan(dist) || dist <= 0 ? kMissing : std::log(dist));
        for (const auto& [name, values] : binary)
          frame.numbers[name].push_back(Lookup(values, exporter, importer));
        ln_gdp_exporter.push_back(ln_gdp(exporter, year));
        ln_gdp_importer.push_back(ln_gdp(importer, year));
        for (std::size_t k = 0; k < request.agreements.size(); ++k) {
          const AgreementColumns& columns = agreement_columns[k];
          const auto both = [&](int when) {
            return !home && coverage[k].Covers(exporter, importer, when) ? 1.0 : 0.0;
          };
          frame.numbers[columns.now].push_back(both(year));
          for (int lead = 1; lead <= request.leads; ++lead)
            frame.numbers[columns.leads[static_cast<std::size_t>(lead - 1)]].push_back(
                both(year + lead * request.step));
          for (int lag = 1; lag <= request.lags; ++lag)
            frame.numbers[columns.lags[static_cast<std::size_t>(lag - 1)]].push_back(
                both(year - lag * request.step));
        }
        for (const auto& dummy : request.period_dummies) {
          const auto partner = [&](const std::string& id) {
            return std::find(dummy.partners.begin(), dummy.partners.end(), id) != dummy.partners.end();
          };
          const bool pair = !home && ((exporter == dummy.actor && partner(importer)) ||
                                      (importer == dummy.actor && partner(exporter)));
          frame.numbers[dummy.name].push_back(pair && year >= dummy.from ? 1.0 : 0.0);
        }
        ++frame.rows;
      }
    }
  }
  return frame;
}

TradeShockWorld BuildTradeWorld(Database& database, int year) {
  Statement states(
      database,
      "SELECT DISTINCT f.reporter FROM flows f JOIN actors a ON a.id = f.reporter WHERE f.dataset = "
      "'imf-dots' AND f.product = 'TOTAL' AND f.year = ? AND a.kind = 'state' UNION SELECT DISTINCT "
      "f.partner FROM flows f JOIN actors a ON a.id = f.partner WHERE f.dataset = 'imf-dots' AND "
      "f.product = 'TOTAL' AND f.year = ? AND a.kind = 'state' ORDER BY 1");
  states.Bind(1, year).Bind(2, year);
  TradeShockWorld world;
  while (states.Step()) world.countries.push_back(states.Text(0));
  if (world.countries.empty()) throw UsageError(fmt::format("IMF DOTS has no flows in {}", year));
  const std::set<std::string> countries(world.countries.begin(), world.countries.end());
  const auto imports = ReadFlows(database, countries, 'M', year, year);
  const auto exports = ReadFlows(database, countries, 'X', year, year);
  const auto gdp = ReadGdp(database, year, year);
  const auto n = static_cast<Eigen::Index>(world.countries.size());
  world.flows = Eigen::MatrixXd::Constant(n, n, kMissing);
  world.gdp = Eigen::VectorXd::Constant(n, kMissing);
  for (Eigen::Index i = 0; i < n; ++i) {
    const std::string& exporter = world.countries[static_cast<std::size_t>(i)];
    if (const auto found = gdp.find({exporter, year}); found != gdp.end()) world.gdp[i] = found->second;
    for (Eigen::Index j = 0; j < n; ++j) {
      const std::string& importer = world.countries[static_cast<std::size_t>(j)];
      if (i == j) continue;
      if (const auto found = imports.find({importer, exporter, year});
          found != imports.end() && found->second) {
        world.flows(i, j) = *found->second;
      } else if (const auto other = exports.find({exporter, importer, year});
                 other != exports.end() && other->second) {
        world.flows(i, j) = *other->second;
      }
    }
  }
  return world;
}

}  // namespace linkage
