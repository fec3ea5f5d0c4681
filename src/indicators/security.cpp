#include "indicators/security.hpp"

#include <fmt/format.h>

#include <array>
#include <tuple>

#include "core/text.hpp"
#include "indicators/dyad_data.hpp"

namespace linkage {

namespace {

struct AllianceType {
  const char* indicator;
  const char* code;
  const char* name;
};

constexpr std::array<AllianceType, 5> kAllianceTypes = {{
    {"alliance_defense", "ATOP.DEFENSE", "defence"},
    {"alliance_offense", "ATOP.OFFENSE", "offence"},
    {"alliance_neutrality", "ATOP.NEUTRAL", "neutrality"},
    {"alliance_nonaggression", "ATOP.NONAGG", "non-aggression"},
    {"alliance_consultation", "ATOP.CONSUL", "consultation"},
}};

constexpr int kAnyYear = 9999;

IndicatorRecord Blank(const std::string& indicator, const std::string& i, const std::string& j, int year,
                      const std::string& unit) {
  return {indicator, i, j, year, "", std::nullopt, unit, false, "both", "", {}, ""};
}

// A value ATOP-style data list only when it is not zero: absent within the data's years reads as 0.
IndicatorRecord ListedOrZero(DyadData& data, const std::string& indicator, const std::string& code,
                             const std::string& i, const std::string& j, int year, const std::string& unit,
                             const std::string& absent_note) {
  IndicatorRecord record = Blank(indicator, i, j, year, unit);
  if (const auto found = data.DyadValue(code, i, j, year)) {
    record.value = found->value;
    record.sources = found->sources;
    return record;
  }
  const auto span = data.Coverage(code);
  if (!span) {
    record.missing = fmt::format("no {} data in the workspace", code);
  } else if (year < span->first || year > span->second) {
    record.missing = fmt::format("{} in the workspace covers {}-{}", code, span->first, span->second);
  } else {
    record.value = 0;
    record.note = absent_note;
  }
  return record;
}

}  // namespace

const std::vector<std::string>& SecurityIndicatorIds() {
  static const std::vector<std::string> ids = {"alliance_defense",          "alliance_offense",
                                               "alliance_neutrality",       "alliance_nonaggression",
                                               "alliance_consultation",     "shared_security_institutions",
                                               "arms_imports_from_partner", "arms_import_share",
                                               "arms_exports_to_partner",   "contiguity",
                                               "capability_ratio",          "joint_exercises",
                                               "security_agreements"};
  return ids;
}

const std::vector<std::string>& SecurityInstitutions() {
  static const std::vector<std::string> orgs = {"CSTO", "Collective Security Treaty (CST, pre-2002)", "NATO",
                                                "SCO", "Shanghai Five"};
  return orgs;
}

std::vector<IndicatorRecord> ComputeSecurityIndicators(Database& database, const std::string& i,
                                                       const std::string& j, int first, int last) {
  TradeData series(database);
  return ComputeSecurityIndicators(database, series, i, j, first, last);
}

std::vector<IndicatorRecord> ComputeSecurityIndicators(Database& database, TradeData& series,
                                                       const std::string& i, const std::string& j, int first,
                                                       int last) {
  DyadData data(database);
  std::vector<IndicatorRecord> records;
  const auto arms_span = data.ArmsCoverage();
  // An institution without spells in the workspace cannot be counted; the note names it.
  std::vector<std::string> absent_institutions;
  for (const auto& org : SecurityInstitutions()) {
    if (!data.HasMemberships(org)) absent_institutions.push_back(org);
  }
  for (int year = first; year <= last; ++year) {
    for (const auto& type : kAllianceTypes) {
      records.push_back(ListedOrZero(
          data, type.indicator, type.code, i, j, year, "1 = obligation of i to j in force",
          fmt::format("ATOP lists no {} obligation of {} to {} in {} (it lists every alliance in force)",
                      type.name, i, j, year)));
    }

    IndicatorRecord shared = Blank("shared_security_institutions", i, j, year, "institutions");
    const auto orgs_i = data.Memberships(i, year);
    const auto orgs_j = data.Memberships(j, year);
    std::vector<std::string> common;
    shared.value = 0;
    for (const auto& org : SecurityInstitutions()) {
      const auto in_i = orgs_i.find(org);
      const auto in_j = orgs_j.find(org);
      if (in_i == orgs_i.end() || in_j == orgs_j.end()) continue;
      common.push_back(org);
      *shared.value += 1;
      shared.sources.push_back(in_i->second);
      shared.sources.push_back(in_j->second);
    }
    shared.note = fmt::format(
        "members of both on some day of the year: {}; no membership spells in the "
        "workspace for: {}",
        common.empty() ? "none" : text::Join(common, ", "),
        absent_institutions.empty() ? "none" : text::Join(absent_institutions, ", "));
    records.push_back(std::move(shared));

    // Arms: i as recipient of j's deliveries, and as supplier to j.
    IndicatorRecord imports = Blank("arms_imports_from_partner", i, j, year, "SIPRI TIV (millions)");
    IndicatorRecord share = Blank("arms_import_share", i, j, year, "share of i's arms imports");
    IndicatorRecord exports = Blank("arms_exports_to_partner", i, j, year, "SIPRI TIV (millions)");
    if (!arms_span || year < arms_span->first || year > arms_span->second) {
      const std::string why = arms_span
                                  ? fmt::format("the arms register in the workspace covers deliveries {}-{}",
                                                arms_span->first, arms_span->second)
                                  : "no arms register (SIPRI) in the workspace";
      imports.missing = share.missing = exports.missing = why;
    } else {
      const RowSum from_j = data.ArmsDelivered(i, j, year);
      const RowSum total = data.ArmsDelivered(i, "", year);
      const RowSum to_j = data.ArmsDelivered(j, i, year);
      imports.value = from_j.total;
      imports.estimated = from_j.estimated;
      imports.sources = from_j.sources;
      imports.note = fmt::format("{} register rows", from_j.rows);
      exports.value = to_j.total;
      exports.estimated = to_j.estimated;
      exports.sources = to_j.sources;
      exports.note = fmt::format("{} register rows", to_j.rows);
      if (total.total > 0) {
        share.value = from_j.total / total.total;
        share.estimated = from_j.estimated || total.estimated;
        share.sources = from_j.sources;
        share.note = fmt::format(
            "{:g} of {:g} TIV from {} of {} register rows (all suppliers, including "
            "non-state and unknown ones)",
            from_j.total, total.total, from_j.rows, total.rows);
      } else {
        share.missing = fmt::format("{} received no arms deliveries the register records in {}", i, year);
      }
    }
    records.push_back(std::move(imports));
    records.push_back(std::move(share));
    records.push_back(std::move(exports));

    records.push_back(ListedOrZero(data, "contiguity", "COW.CONTIG", i, j, year,
                                   "COW type: 1 land ... 5 up to 400 miles of water; 0 none",
                                   fmt::format("COW lists no contiguity of {} and {} in {}", i, j, year)));

    IndicatorRecord capability = Blank("capability_ratio", i, j, year, "ratio of CINC scores (i / j)");
    const auto cinc_i = series.Series("NMC.CINC", i, year);
    const auto cinc_j = series.Series("NMC.CINC", j, year);
    if (cinc_i && cinc_j && cinc_j->value > 0) {
      capability.value = cinc_i->value / cinc_j->value;
      capability.sources = cinc_i->sources;
      capability.sources.insert(capability.sources.end(), cinc_j->sources.begin(), cinc_j->sources.end());
    } else {
      capability.missing = fmt::format("the capability score (NMC.CINC) of {} in {} is not in the workspace",
                                       cinc_i ? j : i, year);
    }
    records.push_back(std::move(capability));

    for (const auto& [indicator, condition, what] :
         {std::tuple<const char*, const char*, const char*>{"joint_exercises", "kind = 'military_exercise'",
                                                            "joint military exercises"},
          {"security_agreements", "kind = 'agreement' AND dimension = 'security'", "security agreements"}}) {
      IndicatorRecord count = Blank(indicator, i, j, year, "events");
      // A timeline lists what its compiler recorded: with no event of this kind for the dyad in any year,
      // nobody recorded them, which is not the same as none having happened.
      if (data.MilestonesUpTo(i, j, kAnyYear, condition).rows == 0) {
        count.missing =
            fmt::format("no {} between {} and {} in any year of the workspace's timelines", what, i, j);
      } else {
        const RowSum events = data.CountEvents(i, j, year, condition);
        count.value = events.total;
        count.sources = events.sources;
        count.note =
            fmt::format("{} in the workspace's dated milestones and events (a compiled timeline)", what);
      }
      records.push_back(std::move(count));
    }
  }
  return records;
}

}  // namespace linkage
