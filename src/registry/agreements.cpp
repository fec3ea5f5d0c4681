#include "registry/agreements.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.hpp"

namespace linkage {

bool InForceDuring(const AgreementPair& pair, int year) {
  if (std::stoi(pair.start.substr(0, 4)) > year) return false;
  if (!pair.end) return true;
  const int end_year = std::stoi(pair.end->substr(0, 4));
  if (end_year != year) return end_year > year;
  // An end date is the first day out of force: one on the 1st of January leaves the year out.
  return pair.end->size() < 10 || pair.end->substr(4) != "-01-01";
}

std::vector<std::string> FindAgreements(Database& database, const std::string& name) {
  std::vector<std::string> ids;
  const std::string wanted = text::Lower(text::Trim(name));
  Statement query(database, "SELECT DISTINCT agreement, name FROM agreement_pairs ORDER BY agreement");
  while (query.Step()) {
    if (wanted == kAnyTradeAgreement || text::Lower(query.Text(0)) == wanted ||
        text::Lower(query.Text(1)) == wanted)
      ids.push_back(query.Text(0));
  }
  return ids;
}

std::vector<AgreementPair> AgreementPairs(Database& database, const std::vector<std::string>& agreements,
                                          const std::string& actor, const std::string& partner) {
  const std::set<std::string> wanted(agreements.begin(), agreements.end());
  // A pair is stored once, in id order: for two named states one probe of the pair's index finds its rows.
  const bool one_pair = !actor.empty() && !partner.empty() && actor != partner;
  const std::string sql = fmt::format(
      "SELECT p.agreement, p.name, p.actor_a, p.actor_b, p.start_date, p.end_date, p.dates, p.citation, "
      "s.dataset, p.source_id, p.source_line FROM agreement_pairs p JOIN sources s ON s.id = p.source_id "
      "WHERE {} ORDER BY p.start_date, p.agreement, p.actor_a, p.actor_b",
      one_pair ? "p.actor_a = ?1 AND p.actor_b = ?2"
               : "(?1 = '' OR p.actor_a = ?1 OR p.actor_b = ?1) AND (?2 = '' OR p.actor_a = ?2 OR p.actor_b "
                 "= ?2)");
  CachedStatement query(database, sql);
  if (one_pair) {
    query->Bind(1, std::min(actor, partner)).Bind(2, std::max(actor, partner));
  } else {
    query->Bind(1, actor).Bind(2, partner);
  }
  std::vector<AgreementPair> pairs;
  while (query->Step()) {
    if (!wanted.empty() && !wanted.contains(query->Text(0))) continue;
    AgreementPair pair{query->Text(0), query->Text(1), query->Text(2), query->Text(3),
                       query->Text(4), std::nullopt,   query->Text(6), query->Text(7),
                       query->Text(8), query->Int(9),  query->Int(10)};
    if (!query->IsNull(5)) pair.end = query->Text(5);
    pairs.push_back(std::move(pair));
  }
  return pairs;
}

std::map<int, std::set<std::pair<std::string, std::string>>> PairsByYear(
    const std::vector<AgreementPair>& pairs, int first, int last) {
  std::map<int, std::set<std::pair<std::string, std::string>>> by_year;
  for (const auto& pair : pairs) {
    for (int year = first; year <= last; ++year) {
      if (InForceDuring(pair, year)) by_year[year].insert({pair.actor_a, pair.actor_b});
    }
  }
  return by_year;
}

}  // namespace linkage
