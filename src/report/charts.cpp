#include "report/charts.hpp"

#include <algorithm>

namespace linkage {

namespace {

using json = nlohmann::json;

constexpr int kWidth = 720;
constexpr int kHeight = 260;

json Value(const std::optional<double>& value) {
  return value ? json(*value) : json();
}

json YearAxis() {
  return {{"field", "year"}, {"type", "quantitative"}, {"axis", {{"format", "d"}}}, {"title", "year"}};
}

// A chart of `layers` over the same width and height.
json Layered(json layers) {
  return {{"width", kWidth}, {"height", kHeight}, {"layer", std::move(layers)}};
}

}  // namespace

json ScoreBandChart(const LinkageRun& run, const std::string& source, const std::string& target,
                    const std::vector<std::string>& scores, const std::vector<BreakDate>& dates) {
  json values = json::array();
  for (std::size_t k = 0; k < run.rows.size(); ++k) {
    const ScoreRow& row = run.rows[k];
    if (row.level != "dyad" || row.measure != "score" || row.source != source || row.target != target)
      continue;
    const std::string& name = ScoreNames()[row.score];
    if (std::find(scores.begin(), scores.end(), name) == scores.end()) continue;
    const Spread spread = run.sensitivity ? run.sensitivity->ValueSpread(k) : Spread{};
    values.push_back({{"year", row.year},
                      {"score", name},
                      {"value", Value(row.value)},
                      {"low", Value(spread.low)},
                      {"high", Value(spread.high)}});
  }
  const json color = {{"field", "score"}, {"type", "nominal"}, {"title", "score"}};
  json layers = json::array();
  if (run.sensitivity) {
    layers.push_back({{"mark", {{"type", "area"}, {"opacity", 0.15}}},
                      {"encoding",
                       {{"x", YearAxis()},
                        {"y", {{"field", "low"}, {"type", "quantitative"}}},
                        {"y2", {{"field", "high"}}},
                        {"color", color}}}});
  }
  layers.push_back({{"mark", {{"type", "line"}, {"point", true}}},
                    {"encoding",
                     {{"x", YearAxis()},
                      {"y", {{"field", "value"}, {"type", "quantitative"}, {"title", "score (0-100)"}}},
                      {"color", color},
                      {"tooltip", json::array({{{"field", "score"}},
                                               {{"field", "year"}},
                                               {{"field", "value"}},
                                               {{"field", "low"}},
                                               {{"field", "high"}}})}}}});
  json milestones = json::array();
  for (const auto& date : dates) milestones.push_back({{"year", date.year}, {"label", date.label}});
  if (!milestones.empty()) {
    layers.push_back({{"data", {{"values", milestones}}},
                      {"mark", {{"type", "rule"}, {"strokeDash", {4, 4}}, {"color", "#888"}}},
                      {"encoding", {{"x", YearAxis()}, {"tooltip", {{"field", "label"}}}}}});
    layers.push_back(
        {{"data", {{"values", milestones}}},
         {"mark",
          {{"type", "text"},
           {"angle", 270},
           {"align", "right"},
           {"dx", -4},
           {"dy", 4},
           {"fontSize", 9},
           {"color", "#555"}}},
         {"encoding", {{"x", YearAxis()}, {"y", {{"value", 0}}}, {"text", {{"field", "year"}}}}}});
  }
  json chart = Layered(std::move(layers));
  chart["data"] = {{"values", values}};
  return chart;
}

json PowerShareChart(const LinkageRun& run, const std::string& target, const std::string& score) {
  json values = json::array();
  for (const auto& row : run.rows) {
    if (row.level != "system" || row.measure != "power_share" || row.target != target ||
        ScoreNames()[row.score] != score || !row.value)
      continue;
    values.push_back({{"year", row.year}, {"power", row.source}, {"share", *row.value}});
  }
  return {{"width", kWidth},
          {"height", kHeight},
          {"data", {{"values", values}}},
          {"mark", "area"},
          {"encoding",
           {{"x", YearAxis()},
            {"y",
             {{"field", "share"},
              {"type", "quantitative"},
              {"stack", "normalize"},
              {"title", "share of the powers' " + score + " scores"}}},
            {"color", {{"field", "power"}, {"type", "nominal"}}},
            {"tooltip", json::array({{{"field", "power"}}, {{"field", "year"}}, {{"field", "share"}}})}}}};
}

json ComponentChart(const LinkageRun& run, const std::string& component, const std::string& target,
                    const std::string& axis_title) {
  json values = json::array();
  std::optional<std::size_t> column;
  for (std::size_t k = 0; k < run.spec.components.size(); ++k)
    if (run.spec.components[k].id == component) column = k;
  if (column) {
    for (std::size_t unit = 0; unit < run.traced.panel.units.size(); ++unit) {
      const PanelUnit& key = run.traced.panel.units[unit];
      if (key.target != target) continue;
      values.push_back({{"year", key.year},
                        {"power", key.source},
                        {"value", Value(run.traced.panel.values[unit][*column])}});
    }
  }
  return {{"width", kWidth},
          {"height", kHeight},
          {"data", {{"values", values}}},
          {"mark", {{"type", "line"}, {"point", true}}},
          {"encoding",
           {{"x", YearAxis()},
            {"y", {{"field", "value"}, {"type", "quantitative"}, {"title", axis_title}}},
            {"color", {{"field", "power"}, {"type", "nominal"}}},
            {"tooltip", json::array({{{"field", "power"}}, {{"field", "year"}}, {{"field", "value"}}})}}}};
}

json CoherenceChart(const Coherence& coherence) {
  json values = json::array();
  for (const auto& year : coherence.years) {
    const std::pair<const char*, std::optional<double>> measures[] = {
        {"density of member trade", year.density},
        {"intra-regional trade share", year.intra_trade_share.value},
        {"co-membership overlap", year.overlap}};
    // A missing year stays in the data as null, which breaks the line instead of bridging the gap.
    for (const auto& [name, value] : measures)
      values.push_back({{"year", year.year}, {"measure", name}, {"value", Value(value)}});
  }
  return {{"width", kWidth},
          {"height", kHeight},
          {"data", {{"values", values}}},
          {"mark", {{"type", "line"}, {"point", true}}},
          {"encoding",
           {{"x", YearAxis()},
            {"y", {{"field", "value"}, {"type", "quantitative"}, {"title", "0-1"}}},
            {"color", {{"field", "measure"}, {"type", "nominal"}}},
            {"tooltip", json::array({{{"field", "measure"}}, {{"field", "year"}}, {{"field", "value"}}})}}}};
}

}  // namespace linkage
