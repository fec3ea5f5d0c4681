// model/composite.hpp
// The arithmetic of the linkage index on a panel of component values: transform, normalise over the panel,
// weight and aggregate into 0-100 bandwidth and dependence scores per dimension, and combine them
// (docs/methods.md, "Linkage index"). No workspace access, so every step can be checked by hand.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "model/index_spec.hpp"

namespace linkage {

//! One directed dyad-year of the panel: how much `target` relies on `source`, and how much they interact.
struct PanelUnit {
  std::string source;
  std::string target;
  int year = 0;
};

//! Raw component values of every unit, one column per spec component (missing stays nullopt).
struct ComponentPanel {
  std::vector<PanelUnit> units;
  std::vector<std::vector<std::optional<double>>> values;  //!< [unit][spec component]
  //! [unit][spec component]: the component's source does not cover the unit's source actor at all (AidData
  //! lists Chinese lenders only), so its weight does not count against the unit's coverage. Empty: none.
  std::vector<std::vector<bool>> out_of_scope;
  //! [unit][spec component]: the value was carried forward from an earlier year. Empty: none.
  std::vector<std::vector<bool>> carried;
};

//! The scores of a unit, in the order of ScoreNames().
constexpr std::size_t kScoreCount = 9;
//! economic_bandwidth, economic_dependence, security_..., political_..., bandwidth, dependence, linkage.
const std::array<std::string, kScoreCount>& ScoreNames();
//! The index of a score name in ScoreNames(); nullopt for an unknown name.
std::optional<std::size_t> ScoreIndex(const std::string& name);

//! The scores of one unit and the share of each score's nominal weight that had a value.
struct UnitScores {
  std::array<std::optional<double>, kScoreCount> value{};
  std::array<double, kScoreCount> coverage{};
};

//! Each component value transformed, normalised over the panel to 0-100 and turned so that 100 is always
//! the closest tie: [unit][spec component].
std::vector<std::vector<std::optional<double>>> NormaliseComponents(const ComponentPanel& panel,
                                                                    const IndexSpec& spec,
                                                                    Normalisation normalisation);

//! The weighted scores of every unit from normalised values, with `weights` in place of the spec's (so a
//! sensitivity draw can vary them). A score whose covered share of weight is below `min_coverage` is
//! missing. Components `out_of_scope` for a unit (same shape as `normalised`, or empty) carry no weight in
//! its coverage.
std::vector<UnitScores> ScoreUnits(const std::vector<std::vector<std::optional<double>>>& normalised,
                                   const IndexSpec& spec, const std::vector<double>& weights,
                                   double min_coverage,
                                   const std::vector<std::vector<bool>>& out_of_scope = {});

//! Whether `component` enters score `score` (its dimension-role cell, its role, and the linkage score).
bool ComponentEntersScore(const IndexComponent& component, std::size_t score);

//! The scores of one unit on the components `used` alone (the inputs every compared unit has), their
//! coverage against the weight of all components in scope: how units are scored when they are compared.
UnitScores ScoreOnComponents(const std::vector<std::optional<double>>& normalised, const IndexSpec& spec,
                             const std::vector<double>& weights, double min_coverage,
                             const std::vector<bool>& used, const std::vector<bool>& out_of_scope);

}  // namespace linkage
