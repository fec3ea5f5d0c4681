#include "model/gravity_frame.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "core/error.hpp"
#include "core/text.hpp"
#include "model/gravity_formula.hpp"

namespace linkage {

namespace {

std::vector<std::string> ColumnNames(const GravityFrame& frame) {
  std::vector<std::string> names;
  for (const auto& [name, values] : frame.numbers) names.push_back(name);
  for (const auto& [name, values] : frame.labels) names.push_back(name);
  return names;
}

const std::vector<double>& Numbers(const GravityFrame& frame, const std::string& column) {
  const auto found = frame.numbers.find(column);
  if (found == frame.numbers.end()) MissingColumn(frame, column);
  return found->second;
}

// The label of row `row` in `column`, numeric columns written as numbers.
std::string LabelAt(const GravityFrame& frame, const std::string& column, std::size_t row) {
  if (const auto found = frame.labels.find(column); found != frame.labels.end()) return found->second[row];
  return fmt::format("{}", Numbers(frame, column)[row]);
}

// Dense ids of the interaction of `columns`, in order of first appearance.
std::vector<std::int32_t> GroupIds(const GravityFrame& frame, const std::vector<std::string>& columns,
                                   std::int32_t& groups) {
  std::unordered_map<std::string, std::int32_t> ids;
  std::vector<std::int32_t> group(frame.rows);
  for (std::size_t row = 0; row < frame.rows; ++row) {
    std::string key;
    for (const auto& column : columns) key += LabelAt(frame, column, row) + '\x1f';
    const auto [entry, inserted] = ids.try_emplace(key, static_cast<std::int32_t>(ids.size()));
    group[row] = entry->second;
  }
  groups = static_cast<std::int32_t>(ids.size());
  return group;
}

}  // namespace

void MissingColumn(const GravityFrame& frame, const std::string& column) {
  throw UsageError(fmt::format("{} has no column '{}'; it has: {}", frame.source, column,
                               text::Join(ColumnNames(frame), ", ")));
}

std::vector<std::string> ColumnsOfSets(const std::vector<std::vector<std::string>>& sets,
                                       const PanelRoles& roles) {
  std::vector<std::string> columns;
  const auto add = [&columns](const std::string& name) {
    if (std::find(columns.begin(), columns.end(), name) == columns.end()) columns.push_back(name);
  };
  for (const auto& set : sets) {
    for (const auto& name : set) {
      if (name == kSymmetricPair) {
        add(roles.exporter);
        add(roles.importer);
      } else {
        add(name);
      }
    }
  }
  return columns;
}

void AddSymmetricPair(GravityFrame& frame, const std::vector<std::vector<std::string>>& sets,
                      const PanelRoles& roles) {
  bool used = false;
  for (const auto& set : sets) used = used || std::find(set.begin(), set.end(), kSymmetricPair) != set.end();
  if (!used) return;
  std::vector<std::string> pairs(frame.rows);
  for (std::size_t row = 0; row < frame.rows; ++row) {
    std::string a = LabelAt(frame, roles.exporter, row);
    std::string b = LabelAt(frame, roles.importer, row);
    if (b < a) std::swap(a, b);
    pairs[row] = std::move(a);
    pairs[row] += '\x1f';
    pairs[row] += b;
  }
  frame.labels[kSymmetricPair] = std::move(pairs);
}

std::vector<std::vector<std::string>> ResolveRoles(const std::vector<std::vector<std::string>>& sets,
                                                   const PanelRoles& roles) {
  std::vector<std::vector<std::string>> resolved;
  for (const auto& set : sets) {
    std::vector<std::string> columns;
    for (const auto& name : set) {
      if (name == "pair") {
        columns.push_back(roles.exporter);
        columns.push_back(roles.importer);
      } else if (name == "exporter") {
        columns.push_back(roles.exporter);
      } else if (name == "importer") {
        columns.push_back(roles.importer);
      } else if (name == "year") {
        columns.push_back(roles.year);
      } else {
        columns.push_back(name);
      }
    }
    resolved.push_back(columns);
  }
  return resolved;
}

RegressionData BuildRegressionData(const GravityFrame& frame, const GravitySpec& spec,
                                   const std::vector<std::vector<std::string>>& fixed_effects,
                                   const std::vector<std::vector<std::string>>& clusters) {
  RegressionData data;
  const auto n = static_cast<Eigen::Index>(frame.rows);
  const auto outcome = EvaluateTerm(frame, spec.outcome);
  data.y = Eigen::Map<const Eigen::VectorXd>(outcome.values[0].data(), n);
  std::vector<std::vector<double>> columns;
  for (const auto& regressor : spec.regressors) {
    auto term = EvaluateTerm(frame, regressor);
    for (std::size_t k = 0; k < term.names.size(); ++k) {
      data.names.push_back(std::move(term.names[k]));
      columns.push_back(std::move(term.values[k]));
    }
  }
  data.x.resize(n, static_cast<Eigen::Index>(columns.size()));
  for (std::size_t k = 0; k < columns.size(); ++k)
    data.x.col(static_cast<Eigen::Index>(k)) = Eigen::Map<const Eigen::VectorXd>(columns[k].data(), n);
  for (const auto& set : fixed_effects) {
    FixedEffectSet effects{InteractionName(set), {}, 0};
    effects.group = GroupIds(frame, set, effects.groups);
    data.fixed_effects.push_back(std::move(effects));
  }
  for (const auto& cluster : clusters) {
    std::int32_t groups = 0;
    data.clusters.push_back(GroupIds(frame, cluster, groups));
    data.cluster_names.push_back(InteractionName(cluster));
  }
  return data;
}

}  // namespace linkage
