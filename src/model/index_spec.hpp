// model/index_spec.hpp
// What the linkage index is made of: each component's dimension, whether it measures bandwidth or dependence,
// its weight and how it is transformed before normalisation; the two presets (equal weights, FBIC) and
// user weight files (docs/methods.md, "Linkage index").
#pragma once

#include <string>
#include <vector>

namespace linkage {

//! The three dimensions of the framework.
enum class ScoreDimension { kEconomic, kSecurity, kPolitical };
//! Bandwidth (how much the two interact) or dependence (how much the target relies on the source).
enum class ScoreRole { kBandwidth, kDependence };
//! How a raw value is transformed before normalisation.
enum class Transform {
  kNone,
  kLog  //!< ln(1 + x), for heavily skewed non-negative values such as trade in USD
};
//! How transformed values are put on a common 0-100 scale over the panel.
enum class Normalisation { kMinMax, kZScore, kRank };

//! "economic", "security" or "political".
std::string DimensionName(ScoreDimension dimension);
//! "bandwidth" or "dependence".
std::string RoleName(ScoreRole role);
//! "minmax", "zscore" or "rank".
std::string NormalisationName(Normalisation normalisation);
//! Parses minmax, zscore or rank; UsageError otherwise.
Normalisation ParseNormalisation(const std::string& name);

//! One input of the index.
struct IndexComponent {
  std::string id;  //!< a dyad indicator id or a derived component (see IndexComponentIds)
  ScoreDimension dimension = ScoreDimension::kEconomic;
  ScoreRole role = ScoreRole::kBandwidth;
  double weight = 1;
  Transform transform = Transform::kNone;
  bool higher_means_more = true;  //!< false for a distance, where a lower value means a closer tie
};

//! A named construction of the index.
struct IndexSpec {
  std::string name;  //!< "equal", "fbic" or the weight file's path
  std::vector<IndexComponent> components;
  //! Whether the overall linkage score is bandwidth x dependence / 100 (FBIC) rather than their mean.
  bool multiply_roles = false;
};

//! Every id a component may have: the dyad indicators, the components derived from them, and the FBIC
//! inputs no source in the workspace provides (which are always missing).
std::vector<std::string> IndexComponentIds();
//! The FBIC inputs with no source in the workspace.
const std::vector<std::string>& UnavailableComponentIds();

//! Equal weights: each dimension carries a third of each role, shared equally by its components.
IndexSpec EqualWeightsSpec();
//! The published FBIC construction (Moyer et al. 2021) as far as the workspace's data allow.
IndexSpec FbicSpec();
//! A preset by name ("equal", "fbic") or a weight file (CSV: component,dimension,role,weight and optionally
//! transform none|log and direction higher|lower); InputError at file:line:column for a bad row.
IndexSpec LoadIndexSpec(const std::string& preset_or_path);

}  // namespace linkage
