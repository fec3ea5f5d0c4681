#include "model/index_spec.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "core/csv_reader.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "indicators/dyad_indicators.hpp"

namespace linkage {

namespace {

using enum ScoreDimension;
using enum ScoreRole;

// Components computed from several indicators of the same dyad-year (model/index_panel.cpp).
const std::vector<std::string>& DerivedComponentIds() {
  static const std::vector<std::string> ids = {
      "trade_share",          "alliance_index", "igo_share", "institution_share", "arms_to_military_spending",
      "trade_agreement_index"};
  return ids;
}

// A component of the equal-weight preset before its weight is set.
struct Draft {
  const char* id;
  ScoreDimension dimension;
  ScoreRole role;
  Transform transform = Transform::kNone;
  bool higher_means_more = true;
};

}  // namespace

std::string DimensionName(ScoreDimension dimension) {
  switch (dimension) {
    case kEconomic:
      return "economic";
    case kSecurity:
      return "security";
    case kPolitical:
      return "political";
  }
  return "";
}

std::string RoleName(ScoreRole role) {
  return role == kBandwidth ? "bandwidth" : "dependence";
}

std::string NormalisationName(Normalisation normalisation) {
  switch (normalisation) {
    case Normalisation::kMinMax:
      return "minmax";
    case Normalisation::kZScore:
      return "zscore";
    case Normalisation::kRank:
      return "rank";
  }
  return "";
}

Normalisation ParseNormalisation(const std::string& name) {
  if (name == "minmax") return Normalisation::kMinMax;
  if (name == "zscore") return Normalisation::kZScore;
  if (name == "rank") return Normalisation::kRank;
  throw UsageError(fmt::format("unknown normalisation '{}'; use minmax, zscore or rank", name));
}

const std::vector<std::string>& UnavailableComponentIds() {
  static const std::vector<std::string> ids = {"embassy_level", "aid_share"};
  return ids;
}

std::vector<std::string> IndexComponentIds() {
  std::vector<std::string> ids = KnownIndicatorIds();
  ids.insert(ids.end(), DerivedComponentIds().begin(), DerivedComponentIds().end());
  ids.insert(ids.end(), UnavailableComponentIds().begin(), UnavailableComponentIds().end());
  return ids;
}

IndexSpec EqualWeightsSpec() {
  const std::vector<Draft> drafts = {
      {"total_trade", kEconomic, kBandwidth, Transform::kLog},
      {"trade_intensity", kEconomic, kBandwidth, Transform::kLog},
      {"trade_dependence", kEconomic, kDependence},
      {"trade_share", kEconomic, kDependence},
      {"development_finance_share_gdp", kEconomic, kDependence},
      {"alliance_index", kSecurity, kBandwidth},
      {"shared_security_institutions", kSecurity, kBandwidth},
      {"arms_imports_from_partner", kSecurity, kBandwidth, Transform::kLog},
      {"joint_exercises", kSecurity, kBandwidth},
      {"security_agreements", kSecurity, kBandwidth},
      {"arms_import_share", kSecurity, kDependence},
      {"arms_to_military_spending", kSecurity, kDependence, Transform::kLog},
      {"shared_igos", kPolitical, kBandwidth},
      {"shared_institutions", kPolitical, kBandwidth},
      {"partnership_level", kPolitical, kBandwidth},
      {"summits_and_visits", kPolitical, kBandwidth},
      {"vote_agreement", kPolitical, kBandwidth},
      {"igo_share", kPolitical, kDependence},
      {"institution_share", kPolitical, kDependence},
  };
  // Each (role, dimension) cell carries a third of its role, shared equally by its components.
  std::map<std::pair<ScoreRole, ScoreDimension>, int> cell_size;
  for (const auto& draft : drafts) ++cell_size[{draft.role, draft.dimension}];
  IndexSpec spec{"equal", {}, false};
  for (const auto& draft : drafts) {
    const double weight = 1.0 / (3.0 * cell_size[{draft.role, draft.dimension}]);
    spec.components.push_back(
        {draft.id, draft.dimension, draft.role, weight, draft.transform, draft.higher_means_more});
  }
  return spec;
}

IndexSpec FbicSpec() {
  // Bandwidth and dependence weights as published for the FBIC index; the two inputs no source here provides
  // stay in the spec so the output says what is missing and how much weight it carried.
  return {"fbic",
          {
              {"embassy_level", kPolitical, kBandwidth, 0.11},
              {"shared_igos", kPolitical, kBandwidth, 0.19},
              {"trade_agreement_index", kEconomic, kBandwidth, 0.14},
              {"total_trade", kEconomic, kBandwidth, 0.35, Transform::kLog},
              {"alliance_index", kSecurity, kBandwidth, 0.13},
              {"arms_imports_from_partner", kSecurity, kBandwidth, 0.08, Transform::kLog},
              {"development_finance_share_gdp", kEconomic, kDependence, 0.21},
              {"aid_share", kEconomic, kDependence, 0.12},
              {"trade_dependence", kEconomic, kDependence, 0.28},
              {"trade_share", kEconomic, kDependence, 0.16},
              {"arms_to_military_spending", kSecurity, kDependence, 0.10, Transform::kLog},
              {"arms_import_share", kSecurity, kDependence, 0.13},
          },
          true};
}

namespace {

IndexSpec ReadWeightFile(const std::string& path) {
  CsvReader reader(path);
  reader.RequireColumns({"component", "dimension", "role", "weight"});
  const std::size_t component = reader.Column("component");
  const std::size_t dimension = reader.Column("dimension");
  const std::size_t role = reader.Column("role");
  const std::size_t weight = reader.Column("weight");
  const auto transform = reader.FindColumn("transform");
  const auto direction = reader.FindColumn("direction");
  const std::vector<std::string> known = IndexComponentIds();
  IndexSpec spec{path, {}, false};
  CsvRecord record;
  while (reader.Next(record)) {
    IndexComponent part;
    part.id = std::string(text::Trim(record.fields[component]));
    if (std::find(known.begin(), known.end(), part.id) == known.end())
      reader.Fail(record, component, fmt::format("unknown component '{}'", part.id),
                  "an indicator id of `linkage indicators` or trade_share, alliance_index, igo_share, "
                  "institution_share, arms_to_military_spending, trade_agreement_index, embassy_level, "
                  "aid_share");
    const std::string dimension_name = text::Lower(text::Trim(record.fields[dimension]));
    if (dimension_name == "economic") {
      part.dimension = kEconomic;
    } else if (dimension_name == "security") {
      part.dimension = kSecurity;
    } else if (dimension_name == "political") {
      part.dimension = kPolitical;
    } else {
      reader.Fail(record, dimension, fmt::format("unknown dimension '{}'", dimension_name),
                  "economic, security or political");
    }
    const std::string role_name = text::Lower(text::Trim(record.fields[role]));
    if (role_name != "bandwidth" && role_name != "dependence")
      reader.Fail(record, role, fmt::format("unknown role '{}'", role_name), "bandwidth or dependence");
    part.role = role_name == "bandwidth" ? kBandwidth : kDependence;
    const auto value = text::ParseDouble(text::Trim(record.fields[weight]));
    if (!value || !std::isfinite(*value) || *value < 0)
      reader.Fail(record, weight, fmt::format("'{}' is not a weight", record.fields[weight]),
                  "a non-negative number");
    part.weight = *value;
    if (transform) {
      const std::string name = text::Lower(text::Trim(record.fields[*transform]));
      if (name != "" && name != "none" && name != "log")
        reader.Fail(record, *transform, fmt::format("unknown transform '{}'", name), "none or log");
      part.transform = name == "log" ? Transform::kLog : Transform::kNone;
    }
    if (direction) {
      const std::string name = text::Lower(text::Trim(record.fields[*direction]));
      if (name != "" && name != "higher" && name != "lower")
        reader.Fail(record, *direction, fmt::format("unknown direction '{}'", name),
                    "higher (a higher value is a closer tie) or lower");
      part.higher_means_more = name != "lower";
    }
    for (const auto& earlier : spec.components) {
      if (earlier.id == part.id && earlier.role == part.role)
        reader.Fail(record, component,
                    fmt::format("component '{}' is listed twice as {}", part.id, role_name),
                    "each component once per role");
    }
    spec.components.push_back(part);
  }
  double total = 0;
  for (const auto& part : spec.components) total += part.weight;
  if (spec.components.empty() || total <= 0)
    throw InputError({path, 0, 0, ""}, "the weight file has no component with a positive weight",
                     "rows of component,dimension,role,weight");
  return spec;
}

}  // namespace

IndexSpec LoadIndexSpec(const std::string& preset_or_path) {
  if (preset_or_path == "equal") return EqualWeightsSpec();
  if (preset_or_path == "fbic") return FbicSpec();
  if (!std::filesystem::exists(preset_or_path))
    throw UsageError(
        fmt::format("--weights: '{}' is neither a preset (equal, fbic) nor a file", preset_or_path));
  return ReadWeightFile(preset_or_path);
}

}  // namespace linkage
