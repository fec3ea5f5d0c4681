#include "indicators/political.hpp"

#include <fmt/format.h>

#include <array>
#include <cassert>
#include <cmath>
#include <map>

#include "core/text.hpp"
#include "indicators/dyad_data.hpp"
#include "indicators/trade_data.hpp"

namespace linkage {

namespace {

constexpr std::size_t kMaxSourcesKept = 4;

std::size_t Index(Vote vote) {
  return static_cast<std::size_t>(vote);
}

// The S-score's coding: the distance between yes and no is 1, abstention half way.
double Position(Vote vote) {
  return vote == Vote::kYes ? 1.0 : vote == Vote::kAbstain ? 0.5 : 0.0;
}

Vote ParseStoredVote(const std::string& text) {
  return text == "yes" ? Vote::kYes : text == "abstain" ? Vote::kAbstain : Vote::kNo;
}

// The partnership ladder: the rungs a milestone's code names, lowest first (docs/methods.md).
constexpr std::array<std::string_view, 4> kRungs = {
    "diplomatic_relations", "strategic", "comprehensive_strategic", "permanent_comprehensive_strategic"};

constexpr int kAnyYear = 9999;

IndicatorRecord Blank(const std::string& indicator, const std::string& i, const std::string& j, int year,
                      const std::string& unit) {
  return {indicator, i, j, year, "", std::nullopt, unit, false, "both", "", {}, ""};
}

// Shared IGOs (COW), shared institutions, partnership rung and summits for one year.
void AddTieIndicators(DyadData& dyads, const std::string& i, const std::string& j, int year,
                      std::vector<IndicatorRecord>& records) {
  IndicatorRecord igos = Blank("shared_igos", i, j, year, "IGOs with both as full members");
  if (const auto found = dyads.DyadValue("COW.IGO.SHARED", i, j, year)) {
    igos.value = found->value;
    igos.sources = found->sources;
  } else {
    const auto span = dyads.Coverage("COW.IGO.SHARED");
    igos.missing = span
                       ? fmt::format("COW IGO data in the workspace cover {}-{} and list no {}-{} row for {}",
                                     span->first, span->second, i, j, year)
                       : "no COW IGO data (COW.IGO.SHARED) in the workspace";
  }
  records.push_back(std::move(igos));

  IndicatorRecord institutions = Blank("shared_institutions", i, j, year, "institutions");
  const auto orgs_i = dyads.Memberships(i, year);
  const auto orgs_j = dyads.Memberships(j, year);
  std::vector<std::string> common;
  institutions.value = 0;
  for (const auto& [org, source] : orgs_i) {
    const auto other = orgs_j.find(org);
    if (other == orgs_j.end()) continue;
    common.push_back(org);
    *institutions.value += 1;
    institutions.sources.push_back(source);
    institutions.sources.push_back(other->second);
  }
  institutions.note =
      fmt::format("named institutions both belong to (membership spells in the workspace): {}",
                  common.empty() ? "none" : text::Join(common, ", "));
  records.push_back(std::move(institutions));

  IndicatorRecord ladder =
      Blank("partnership_level", i, j, year,
            "rung: 0 none, 1 diplomatic relations, 2 strategic, 3 comprehensive strategic, "
            "4 permanent comprehensive strategic");
  std::vector<std::string> rung_codes;
  rung_codes.reserve(kRungs.size());
  for (const auto rung : kRungs) rung_codes.emplace_back(fmt::format("'{}'", rung));
  const std::string rung_condition = fmt::format("code IN ({})", text::Join(rung_codes, ", "));
  if (dyads.MilestonesUpTo(i, j, kAnyYear, rung_condition).rows == 0) {
    ladder.missing = fmt::format(
        "no partnership milestones (diplomatic relations, partnership upgrades) "
        "between {} and {} in the workspace",
        i, j);
  } else {
    ladder.value = 0;
    std::string reached = "no partnership milestone by the end of the year";
    const RowSum milestones = dyads.MilestonesUpTo(i, j, year, rung_condition);
    for (const auto& source : milestones.sources) {
      for (std::size_t rung = 0; rung < kRungs.size(); ++rung) {
        if (text::StartsWith(source.transform, kRungs[rung]) &&
            static_cast<double>(rung + 1) > *ladder.value) {
          ladder.value = static_cast<double>(rung + 1);
          ladder.sources = {source};
          reached = source.transform;
        }
      }
    }
    ladder.note = reached;
  }
  records.push_back(std::move(ladder));

  IndicatorRecord summits = Blank("summits_and_visits", i, j, year, "events");
  // Milestones of kind summit, CAMEO 042/043 (make or host a visit), PLOVER CONSULT.
  const std::string summit_condition = "kind = 'summit' OR code IN ('042', '043', 'CONSULT')";
  if (dyads.MilestonesUpTo(i, j, kAnyYear, summit_condition).rows == 0) {
    summits.missing =
        fmt::format("no summits or visits between {} and {} in any year of the workspace", i, j);
  } else {
    const RowSum events = dyads.CountEvents(i, j, year, summit_condition);
    summits.value = events.total;
    summits.sources = events.sources;
    summits.note = "summits (milestones), visits made or hosted (CAMEO 042, 043) and consultations (PLOVER)";
  }
  records.push_back(std::move(summits));
}

}  // namespace

VoteSimilarity CompareVotes(const std::vector<std::pair<Vote, Vote>>& pairs) {
  assert(!pairs.empty());
  VoteSimilarity similarity;
  similarity.roll_calls = pairs.size();
  const auto n = static_cast<double>(pairs.size());
  std::array<double, 3> share_i{};
  std::array<double, 3> share_j{};
  double identical = 0;
  double distance = 0;
  for (const auto& [a, b] : pairs) {
    if (a == b) ++identical;
    share_i[Index(a)] += 1 / n;
    share_j[Index(b)] += 1 / n;
    distance += std::abs(Position(a) - Position(b));
  }
  similarity.agreement = identical / n;
  double chance = 0;
  for (std::size_t k = 0; k < 3; ++k) chance += share_i[k] * share_j[k];
  if (chance < 1 - 1e-12) similarity.kappa = (similarity.agreement - chance) / (1 - chance);
  similarity.s_score = 1 - 2 * distance / n;
  return similarity;
}

const std::vector<std::string>& PoliticalIndicatorIds() {
  static const std::vector<std::string> ids = {
      "vote_agreement", "vote_kappa",          "vote_s_score",      "ideal_point_distance",
      "shared_igos",    "shared_institutions", "partnership_level", "summits_and_visits"};
  return ids;
}

std::vector<IndicatorRecord> ComputePoliticalIndicators(Database& database, const std::string& i,
                                                        const std::string& j, int first, int last) {
  TradeData data(database);
  return ComputePoliticalIndicators(database, data, i, j, first, last);
}

std::vector<IndicatorRecord> ComputePoliticalIndicators(Database& database, TradeData& data,
                                                        const std::string& i, const std::string& j, int first,
                                                        int last) {
  // Both states' votes over the whole window in one query, grouped by year below.
  CachedStatement votes(
      database,
      "SELECT a.vote, b.vote, r.dataset, a.source_id, a.source_line, b.source_id, b.source_line, "
      "CAST(substr(r.date, 1, 4) AS INTEGER) "
      "FROM roll_call_votes a JOIN roll_calls r ON r.id = a.roll_call_id "
      "JOIN roll_call_votes b ON b.roll_call_id = a.roll_call_id AND b.actor_id = ?2 "
      "WHERE a.actor_id = ?1 AND r.date BETWEEN ?3 AND ?4 ORDER BY r.date, r.rcid");
  votes->Bind(1, i).Bind(2, j).Bind(3, fmt::format("{}-01-01", first)).Bind(4, fmt::format("{}-12-31", last));
  struct YearVotes {
    std::vector<std::pair<Vote, Vote>> pairs;
    std::vector<ValueSource> sources;
  };
  std::map<int, YearVotes> by_year;
  while (votes->Step()) {
    YearVotes& year_votes = by_year[static_cast<int>(votes->Int(7))];
    year_votes.pairs.emplace_back(ParseStoredVote(votes->Text(0)), ParseStoredVote(votes->Text(1)));
    if (year_votes.sources.size() < kMaxSourcesKept) {
      year_votes.sources.push_back({votes->Text(2), votes->Int(3), votes->Int(4), "vote of " + i});
      year_votes.sources.push_back({votes->Text(2), votes->Int(5), votes->Int(6), "vote of " + j});
    }
  }
  DyadData dyads(database);
  std::vector<IndicatorRecord> records;
  for (int year = first; year <= last; ++year) {
    const YearVotes& year_votes = by_year[year];
    const auto& pairs = year_votes.pairs;
    const auto& sources = year_votes.sources;
    IndicatorRecord base{"", i, j, year, "", std::nullopt, "", false, "both", "", sources, ""};
    std::array<IndicatorRecord, 3> measures = {base, base, base};
    measures[0].indicator = "vote_agreement";
    measures[0].unit = "share of roll calls";
    measures[1].indicator = "vote_kappa";
    measures[1].unit = "kappa (-1 to 1; 0 = chance)";
    measures[2].indicator = "vote_s_score";
    measures[2].unit = "S (-1 to 1)";
    if (pairs.empty()) {
      for (auto& record : measures) {
        record.missing = fmt::format(
            "no UN General Assembly roll call in {} with votes by both {} and {} in the "
            "workspace",
            year, i, j);
      }
    } else {
      const VoteSimilarity similarity = CompareVotes(pairs);
      measures[0].value = similarity.agreement;
      measures[1].value = similarity.kappa;
      if (!similarity.kappa)
        measures[1].missing = "kappa is undefined: chance agreement is 1 (one vote every time)";
      measures[2].value = similarity.s_score;
      for (auto& record : measures) record.note = fmt::format("{} roll calls voted in by both", pairs.size());
    }
    records.insert(records.end(), measures.begin(), measures.end());
    // Ideal points are estimated per session; a session is reported at its opening year.
    const auto point_i = data.Series("UNGA.IDEALPOINT", i, year);
    const auto point_j = data.Series("UNGA.IDEALPOINT", j, year);
    IndicatorRecord distance{"ideal_point_distance", i,     j,      year, "", std::nullopt,
                             "ideal-point units",    false, "both", "",   {}, ""};
    if (point_i && point_j) {
      distance.value = std::abs(point_i->value - point_j->value);
      distance.sources = point_i->sources;
      distance.sources.insert(distance.sources.end(), point_j->sources.begin(), point_j->sources.end());
      distance.note = fmt::format("General Assembly session {}", year - 1945);
    } else {
      distance.missing = fmt::format(
          "the ideal point (UNGA.IDEALPOINT) of {} for the session opening in {} is not "
          "in the workspace",
          point_i ? j : i, year);
    }
    records.push_back(std::move(distance));
    AddTieIndicators(dyads, i, j, year, records);
  }
  return records;
}

}  // namespace linkage
