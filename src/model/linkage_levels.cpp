#include "model/linkage_levels.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "core/text.hpp"
#include "indicators/term.hpp"

namespace linkage {

namespace {

using UnitKey = std::tuple<std::string, std::string, int>;

std::string MissingReason(double coverage) {
  if (coverage <= 0) return "no input has a value";
  return fmt::format("only {:.0f}% of the weight has a value", 100 * coverage);
}

// Ranks 1..n from the highest value down; ties share their average rank.
void RankGroup(std::vector<ScoreRow*>& group) {
  std::sort(group.begin(), group.end(),
            [](const ScoreRow* a, const ScoreRow* b) { return *a->value > *b->value; });
  for (std::size_t start = 0; start < group.size();) {
    std::size_t end = start;
    while (end + 1 < group.size() && *group[end + 1]->value == *group[start]->value) ++end;
    const double rank = (static_cast<double>(start + end) / 2) + 1;
    for (std::size_t k = start; k <= end; ++k) group[k]->rank = rank;
    start = end + 1;
  }
}

class LevelBuilder {
 public:
  LevelBuilder(const ComponentPanel& panel, const std::vector<UnitScores>& scores,
               const LinkageDesign& design)
      : panel_(panel), scores_(scores), design_(design) {
    for (std::size_t unit = 0; unit < panel.units.size(); ++unit) {
      const PanelUnit& key = panel.units[unit];
      units_[{key.source, key.target, key.year}] = unit;
      years_.insert(key.year);
    }
  }

  std::vector<ScoreRow> Build() {
    for (std::size_t unit = 0; unit < panel_.units.size(); ++unit) {
      const PanelUnit& key = panel_.units[unit];
      for (std::size_t score = 0; score < kScoreCount; ++score) {
        const double coverage = scores_[unit].coverage[score];
        const auto& value = scores_[unit].value[score];
        rows_.push_back({"dyad",
                         "score",
                         key.source,
                         key.target,
                         key.year,
                         score,
                         value,
                         coverage,
                         {},
                         value ? "" : MissingReason(coverage)});
      }
    }
    if (!design_.region.empty()) Regions();
    System();
    Rank();
    return std::move(rows_);
  }

 private:
  std::optional<double> Dyad(const std::string& source, const std::string& target, int year,
                             std::size_t score) const {
    const auto found = units_.find({source, target, year});
    if (found == units_.end()) return std::nullopt;
    return scores_[found->second].value[score];
  }

  std::vector<std::string> MembersFacing(const std::string& power, int year) const {
    const auto found = design_.members.find(year);
    if (found == design_.members.end()) return {};
    std::vector<std::string> members = found->second;
    members.erase(std::remove(members.begin(), members.end(), power), members.end());
    return members;
  }

  // Each power with the region: the mean over the members it faces, and each member's share of their sum.
  void Regions() {
    for (const auto& power : design_.powers) {
      for (const int year : years_) {
        const std::vector<std::string> members = MembersFacing(power, year);
        for (std::size_t score = 0; score < kScoreCount; ++score) {
          double sum = 0;
          std::vector<std::string> without;
          std::vector<std::optional<double>> values;
          for (const auto& member : members) {
            values.push_back(Dyad(power, member, year, score));
            if (values.back()) {
              sum += *values.back();
            } else {
              without.push_back(member);
            }
          }
          const std::size_t with = members.size() - without.size();
          ScoreRow row{"region", "score", power, design_.region, year, score, {}, 0, {}, ""};
          if (members.empty()) {
            row.missing = fmt::format("{} has no members other than {} in {}", design_.region, power, year);
          } else {
            row.coverage = static_cast<double>(with) / static_cast<double>(members.size());
            if (with > 0) row.value = sum / static_cast<double>(with);
            if (!without.empty()) row.missing = fmt::format("no score for {}", text::Join(without, ", "));
          }
          region_values_[{power, year, score}] = row.value;
          rows_.push_back(row);
          for (std::size_t k = 0; k < members.size(); ++k) {
            ScoreRow share{"region", "member_share", power, members[k], year, score,
                           {},       row.coverage,   {},    ""};
            if (values[k] && sum > 0) {
              share.value = *values[k] / sum;
            } else {
              share.missing = values[k] ? "the members' scores sum to zero" : "no score";
            }
            rows_.push_back(share);
          }
        }
      }
    }
  }

  // The powers facing one target: each one's share of their summed scores, the HHI and the multi-vector
  // index (normalised entropy) of those shares.
  void Powers(const std::string& target, int year, std::size_t score,
              const std::vector<std::optional<double>>& values, const std::vector<std::string>& powers) {
    std::vector<double> present;
    double sum = 0;
    for (const auto& value : values) {
      if (!value) continue;
      present.push_back(*value);
      sum += *value;
    }
    const double coverage =
        powers.empty() ? 0 : static_cast<double>(present.size()) / static_cast<double>(powers.size());
    for (std::size_t k = 0; k < powers.size(); ++k) {
      ScoreRow share{"system", "power_share", powers[k], target, year, score, {}, coverage, {}, ""};
      if (values[k] && sum > 0) {
        share.value = *values[k] / sum;
      } else {
        share.missing = values[k] ? "the powers' scores sum to zero" : "no score";
      }
      rows_.push_back(share);
    }
    ScoreRow hhi{"system", "hhi", "powers", target, year, score, {}, coverage, {}, ""};
    ScoreRow balance{"system", "multi_vector", "powers", target, year, score, {}, coverage, {}, ""};
    if (present.size() >= 2 && sum > 0) {
      hhi.value = HerfindahlIndex(present);
      balance.value = NormalisedEntropy(present);
    } else {
      hhi.missing = balance.missing =
          fmt::format("{} of {} powers have a positive score", present.size(), powers.size());
    }
    rows_.push_back(hhi);
    rows_.push_back(balance);
  }

  void System() {
    std::vector<std::string> facing_pivot;
    for (const auto& power : design_.powers)
      if (power != design_.pivot) facing_pivot.push_back(power);
    for (const int year : years_) {
      for (std::size_t score = 0; score < kScoreCount; ++score) {
        std::vector<std::optional<double>> values;
        values.reserve(design_.powers.size());
        for (const auto& power : facing_pivot) values.push_back(Dyad(power, design_.pivot, year, score));
        Powers(design_.pivot, year, score, values, facing_pivot);
        if (design_.region.empty()) continue;
        values.clear();
        for (const auto& power : design_.powers) values.push_back(RegionValue(power, year, score));
        Powers(design_.region, year, score, values, design_.powers);
      }
    }
  }

  std::optional<double> RegionValue(const std::string& power, int year, std::size_t score) const {
    const auto found = region_values_.find({power, year, score});
    return found == region_values_.end() ? std::nullopt : found->second;
  }

  // Ranks the powers' scores facing the same target in the same year.
  void Rank() {
    const std::set<std::string> powers(design_.powers.begin(), design_.powers.end());
    std::map<std::tuple<std::string, std::string, int, std::size_t>, std::vector<ScoreRow*>> groups;
    for (auto& row : rows_) {
      if (row.measure != "score" || !row.value || !powers.contains(row.source)) continue;
      groups[{row.level, row.target, row.year, row.score}].push_back(&row);
    }
    for (auto& [key, group] : groups) {
      if (group.size() >= 2) RankGroup(group);
    }
  }

  const ComponentPanel& panel_;
  const std::vector<UnitScores>& scores_;
  const LinkageDesign& design_;
  std::map<UnitKey, std::size_t> units_;
  std::set<int> years_;
  std::map<std::tuple<std::string, int, std::size_t>, std::optional<double>> region_values_;
  std::vector<ScoreRow> rows_;
};

}  // namespace

std::vector<ScoreRow> EvaluateLevels(const ComponentPanel& panel, const std::vector<UnitScores>& scores,
                                     const LinkageDesign& design) {
  return LevelBuilder(panel, scores, design).Build();
}

}  // namespace linkage
