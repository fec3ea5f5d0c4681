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

// Several units scored on the inputs all of them have.
struct Comparison {
  std::vector<UnitScores> scores;                      //!< one per compared unit
  std::vector<std::array<bool, kScoreCount>> carried;  //!< a used input was carried forward
  std::vector<std::string> left_out;                   //!< the id of each input left out
  std::vector<std::string> why;                        //!< for each, why
};

class LevelBuilder {
 public:
  LevelBuilder(const ScoredPanel& scored, const LinkageDesign& design)
      : scored_(scored),
        design_(design),
        scores_(ScoreUnits(scored.normalised, scored.spec, scored.weights, scored.min_coverage,
                           scored.panel.out_of_scope)) {
    for (std::size_t unit = 0; unit < scored.panel.units.size(); ++unit) {
      const PanelUnit& key = scored.panel.units[unit];
      units_[{key.source, key.target, key.year}] = unit;
      years_.insert(key.year);
      any_carried_.push_back(!scored.panel.carried.empty() &&
                             std::find(scored.panel.carried[unit].begin(), scored.panel.carried[unit].end(),
                                       true) != scored.panel.carried[unit].end());
    }
  }

  std::vector<ScoreRow> Build() {
    // The dyad rows and about as many again for the region and system levels; every draw builds these.
    rows_.reserve(2 * scored_.panel.units.size() * kScoreCount);
    for (std::size_t unit = 0; unit < scored_.panel.units.size(); ++unit) {
      const PanelUnit& key = scored_.panel.units[unit];
      for (std::size_t score = 0; score < kScoreCount; ++score) {
        const double coverage = scores_[unit].coverage[score];
        const auto& value = scores_[unit].value[score];
        ScoreRow row{"dyad", "score", key.source, key.target, key.year,
                     score,  value,   coverage,   {},         value ? "" : MissingReason(coverage)};
        row.carried = value && RestsOnCarried(unit, score, {});
        rows_.push_back(std::move(row));
      }
    }
    if (!design_.region.empty()) Regions();
    System();
    Rank();
    return std::move(rows_);
  }

 private:
  std::optional<std::size_t> Unit(const std::string& source, const std::string& target, int year) const {
    const auto found = units_.find({source, target, year});
    if (found == units_.end()) return std::nullopt;
    return found->second;
  }

  std::optional<double> Dyad(const std::string& source, const std::string& target, int year,
                             std::size_t score) const {
    const auto unit = Unit(source, target, year);
    return unit ? scores_[*unit].value[score] : std::nullopt;
  }

  bool OutOfScope(std::size_t unit, std::size_t column) const {
    return !scored_.panel.out_of_scope.empty() && scored_.panel.out_of_scope[unit][column];
  }

  // Whether a present input of the unit that enters `score` (among `used`, or all when empty) was carried.
  bool RestsOnCarried(std::size_t unit, std::size_t score, const std::vector<bool>& used) const {
    if (scored_.panel.carried.empty() || !any_carried_[unit]) return false;
    for (std::size_t column = 0; column < scored_.spec.components.size(); ++column) {
      if (!used.empty() && !used[column]) continue;
      if (scored_.panel.carried[unit][column] && scored_.normalised[unit][column] &&
          ComponentEntersScore(scored_.spec.components[column], score))
        return true;
    }
    return false;
  }

  // Scores the units facing one target (`names[k]` the source of `units[k]`; a unit absent from the panel
  // has no input) on the inputs every one of them has and none lacks for want of coverage.
  Comparison Compare(const std::vector<std::optional<std::size_t>>& units,
                     const std::vector<std::string>& names) const {
    const auto& components = scored_.spec.components;
    std::vector<bool> used(components.size(), true);
    Comparison comparison;
    for (std::size_t column = 0; column < components.size(); ++column) {
      std::vector<std::string> lacking;
      std::vector<std::string> out_of_scope;
      for (std::size_t k = 0; k < units.size(); ++k) {
        if (units[k] && OutOfScope(*units[k], column)) {
          out_of_scope.push_back(names[k]);
        } else if (!units[k] || !scored_.normalised[*units[k]][column]) {
          lacking.push_back(names[k]);
        }
      }
      if (lacking.empty() && out_of_scope.empty()) continue;
      used[column] = false;
      // An input nobody has changes no comparison; name only what some have and others lack.
      if (lacking.size() == units.size()) continue;
      comparison.left_out.push_back(components[column].id);
      comparison.why.push_back(
          out_of_scope.empty() ? fmt::format("no value for {}", text::Join(lacking, ", "))
                               : fmt::format("its source does not cover {}", text::Join(out_of_scope, ", ")));
    }
    for (const auto& unit : units) {
      if (!unit) {
        comparison.scores.emplace_back();
        comparison.carried.emplace_back();
        continue;
      }
      comparison.scores.push_back(ScoreOnComponents(scored_.normalised[*unit], scored_.spec, scored_.weights,
                                                    scored_.min_coverage, used, OutOfScopeRow(*unit)));
      std::array<bool, kScoreCount> carried{};
      for (std::size_t score = 0; score < kScoreCount; ++score)
        carried[score] = RestsOnCarried(*unit, score, used);
      comparison.carried.push_back(carried);
    }
    return comparison;
  }

  std::vector<bool> OutOfScopeRow(std::size_t unit) const {
    return scored_.panel.out_of_scope.empty() ? std::vector<bool>{} : scored_.panel.out_of_scope[unit];
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

  // The powers facing one target: each one's share of their summed comparable scores, the HHI and the
  // multi-vector index (normalised entropy) of those shares. Missing for all when any power has no
  // comparable score: a share of the others alone would credit a power with another's missing data.
  void Powers(const std::string& target, int year, std::size_t score,
              const std::vector<std::optional<double>>& values, const std::vector<std::string>& powers,
              const std::string& note) {
    std::vector<double> present;
    std::vector<std::string> absent;
    double sum = 0;
    for (std::size_t k = 0; k < values.size(); ++k) {
      if (!values[k]) {
        absent.push_back(powers[k]);
        continue;
      }
      present.push_back(*values[k]);
      sum += *values[k];
    }
    const double coverage =
        powers.empty() ? 0 : static_cast<double>(present.size()) / static_cast<double>(powers.size());
    const std::string incomplete =
        absent.empty() ? "" : fmt::format("no comparable score for {} in {}", text::Join(absent, ", "), year);
    for (std::size_t k = 0; k < powers.size(); ++k) {
      ScoreRow share{"system", "power_share", powers[k], target, year, score, {}, coverage, {}, ""};
      share.note = note;
      if (!incomplete.empty()) {
        share.missing = incomplete;
      } else if (sum > 0) {
        share.value = *values[k] / sum;
      } else {
        share.missing = "the powers' comparable scores sum to zero";
      }
      rows_.push_back(share);
    }
    ScoreRow hhi{"system", "hhi", "powers", target, year, score, {}, coverage, {}, ""};
    ScoreRow balance{"system", "multi_vector", "powers", target, year, score, {}, coverage, {}, ""};
    hhi.note = balance.note = note;
    if (!incomplete.empty()) {
      hhi.missing = balance.missing = incomplete;
    } else if (present.size() >= 2 && sum > 0) {
      hhi.value = HerfindahlIndex(present);
      balance.value = NormalisedEntropy(present);
    } else {
      hhi.missing = balance.missing =
          fmt::format("{} of {} powers have a positive score", present.size(), powers.size());
    }
    rows_.push_back(hhi);
    rows_.push_back(balance);
  }

  // The powers facing the pivot, each on the inputs all of them have that year.
  void ComparePivot(int year, const std::vector<std::string>& powers) {
    std::vector<std::optional<std::size_t>> units;
    units.reserve(powers.size());
    for (const auto& power : powers) units.push_back(Unit(power, design_.pivot, year));
    const Comparison comparison = Compare(units, powers);
    std::vector<std::string> reasons;
    for (std::size_t k = 0; k < comparison.left_out.size(); ++k)
      reasons.push_back(fmt::format("{} ({})", comparison.left_out[k], comparison.why[k]));
    const std::string note =
        reasons.empty() ? "" : "inputs left out of the comparison: " + text::Join(reasons, "; ");
    for (std::size_t score = 0; score < kScoreCount; ++score) {
      std::vector<std::optional<double>> values;
      for (std::size_t k = 0; k < powers.size(); ++k) {
        const UnitScores& scores = comparison.scores[k];
        ScoreRow row{"dyad",
                     "comparable_score",
                     powers[k],
                     design_.pivot,
                     year,
                     score,
                     scores.value[score],
                     scores.coverage[score],
                     {},
                     ""};
        row.note = note;
        row.carried = row.value && comparison.carried[k][score];
        if (!row.value)
          row.missing = units[k] ? MissingReason(scores.coverage[score]) + " among the inputs all powers have"
                                 : fmt::format("{} is not in the panel", powers[k]);
        values.push_back(row.value);
        rows_.push_back(std::move(row));
      }
      Powers(design_.pivot, year, score, values, powers, note);
    }
  }

  // The powers with the region: the mean over the same members for every power (those that are not powers
  // themselves and that every power has a comparable score with), each member scored on the inputs all
  // powers have with it.
  void CompareRegion(int year) {
    std::vector<std::string> members;
    if (const auto found = design_.members.find(year); found != design_.members.end()) {
      for (const auto& member : found->second)
        if (std::find(design_.powers.begin(), design_.powers.end(), member) == design_.powers.end())
          members.push_back(member);
    }
    std::vector<Comparison> by_member;
    std::set<std::string> inputs_left_out;
    for (const auto& member : members) {
      std::vector<std::optional<std::size_t>> units;
      for (const auto& power : design_.powers) units.push_back(Unit(power, member, year));
      by_member.push_back(Compare(units, design_.powers));
      inputs_left_out.insert(by_member.back().left_out.begin(), by_member.back().left_out.end());
    }
    const std::size_t n = design_.powers.size();
    for (std::size_t score = 0; score < kScoreCount; ++score) {
      std::vector<double> sums(n, 0);
      std::vector<bool> carried(n, false);
      std::vector<std::string> counted;
      std::vector<std::string> dropped;
      for (std::size_t m = 0; m < members.size(); ++m) {
        std::vector<std::string> lacking;
        for (std::size_t k = 0; k < n; ++k)
          if (!by_member[m].scores[k].value[score]) lacking.push_back(design_.powers[k]);
        if (!lacking.empty()) {
          dropped.push_back(
              fmt::format("{} (no comparable score with {})", members[m], text::Join(lacking, ", ")));
          continue;
        }
        counted.push_back(members[m]);
        for (std::size_t k = 0; k < n; ++k) {
          sums[k] += *by_member[m].scores[k].value[score];
          carried[k] = carried[k] || by_member[m].carried[k][score];
        }
      }
      std::vector<std::string> notes;
      if (!inputs_left_out.empty())
        notes.push_back(
            "inputs left out of the comparison for some members: " +
            text::Join(std::vector<std::string>(inputs_left_out.begin(), inputs_left_out.end()), ", "));
      if (!dropped.empty()) notes.push_back("members left out: " + text::Join(dropped, "; "));
      const std::string note = text::Join(notes, "; ");
      const double coverage =
          members.empty() ? 0 : static_cast<double>(counted.size()) / static_cast<double>(members.size());
      std::vector<std::optional<double>> values;
      for (std::size_t k = 0; k < n; ++k) {
        ScoreRow row{
            "region", "comparable_score", design_.powers[k], design_.region, year, score, {}, coverage, {},
            ""};
        row.note = note;
        if (counted.empty()) {
          row.missing = members.empty() ? fmt::format("{} has no members other than the powers in {}",
                                                      design_.region, year)
                                        : "no member has a comparable score with every power";
        } else {
          row.value = sums[k] / static_cast<double>(counted.size());
          row.carried = carried[k];
        }
        values.push_back(row.value);
        rows_.push_back(std::move(row));
      }
      Powers(design_.region, year, score, values, design_.powers, note);
    }
  }

  void System() {
    std::vector<std::string> facing_pivot;
    for (const auto& power : design_.powers)
      if (power != design_.pivot) facing_pivot.push_back(power);
    for (const int year : years_) {
      ComparePivot(year, facing_pivot);
      if (!design_.region.empty()) CompareRegion(year);
    }
  }

  // Ranks the powers' comparable scores facing the same target in the same year, when every one has one.
  void Rank() {
    std::map<std::tuple<std::string, std::string, int, std::size_t>, std::vector<ScoreRow*>> groups;
    std::map<std::tuple<std::string, std::string, int, std::size_t>, bool> complete;
    for (auto& row : rows_) {
      if (row.measure != "comparable_score") continue;
      const auto key = std::make_tuple(row.level, row.target, row.year, row.score);
      complete.try_emplace(key, true);
      if (!row.value) {
        complete[key] = false;
        continue;
      }
      groups[key].push_back(&row);
    }
    for (auto& [key, group] : groups) {
      if (complete[key] && group.size() >= 2) RankGroup(group);
    }
  }

  const ScoredPanel& scored_;
  const LinkageDesign& design_;
  std::vector<UnitScores> scores_;
  std::map<UnitKey, std::size_t> units_;
  std::set<int> years_;
  std::vector<bool> any_carried_;  // per unit: whether any input was carried forward
  std::vector<ScoreRow> rows_;
};

}  // namespace

std::vector<ScoreRow> EvaluateLevels(const ScoredPanel& scored, const LinkageDesign& design) {
  return LevelBuilder(scored, design).Build();
}

}  // namespace linkage
