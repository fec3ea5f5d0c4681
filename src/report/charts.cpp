#include "report/charts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "indicators/bilateral.hpp"

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

// The raw values of one input for every unit facing `target`, in panel order (none for an unknown input).
std::vector<std::pair<const PanelUnit*, std::optional<double>>> ComponentValues(const LinkageRun& run,
                                                                                const std::string& component,
                                                                                const std::string& target) {
  std::vector<std::pair<const PanelUnit*, std::optional<double>>> values;
  for (std::size_t column = 0; column < run.spec.components.size(); ++column) {
    if (run.spec.components[column].id != component) continue;
    for (std::size_t unit = 0; unit < run.traced.panel.units.size(); ++unit) {
      if (run.traced.panel.units[unit].target == target)
        values.emplace_back(&run.traced.panel.units[unit], run.traced.panel.values[unit][column]);
    }
  }
  return values;
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
                      {"high", Value(spread.high)},
                      {"carried", row.carried}});
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
  const json score_axis = {{"field", "value"}, {"type", "quantitative"}, {"title", "score (0-100)"}};
  layers.push_back(
      {{"mark", {{"type", "line"}}}, {"encoding", {{"x", YearAxis()}, {"y", score_axis}, {"color", color}}}});
  // A year whose score rests on an input carried forward from an earlier year is drawn hollow, so a reader
  // sees where the data stopped and the last value stands in.
  layers.push_back({{"mark", {{"type", "point"}, {"filled", false}, {"size", 40}, {"strokeWidth", 1.5}}},
                    {"encoding",
                     {{"x", YearAxis()},
                      {"y", score_axis},
                      {"color", color},
                      {"fill",
                       {{"condition", {{"test", "datum.carried"}, {"value", "white"}}},
                        {"field", "score"},
                        {"type", "nominal"},
                        {"legend", nullptr}}},
                      {"tooltip", json::array({{{"field", "score"}},
                                               {{"field", "year"}},
                                               {{"field", "value"}},
                                               {{"field", "low"}},
                                               {{"field", "high"}},
                                               {{"field", "carried"}}})}}}});
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
  for (const auto& [key, value] : ComponentValues(run, component, target))
    values.push_back({{"year", key->year}, {"power", key->source}, {"value", Value(value)}});
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

json PartnerShareChart(const LinkageRun& run, const std::string& target) {
  // year -> power -> share; a power without a value that year leaves the rest of the world unknown.
  std::map<int, std::map<std::string, std::optional<double>>> shares;
  for (const auto& [key, value] : ComponentValues(run, "trade_share", target))
    shares[key->year][key->source] = value;
  json values = json::array();
  for (const auto& [year, powers] : shares) {
    double sum = 0;
    bool complete = true;
    for (const auto& [power, share] : powers) {
      values.push_back({{"year", year}, {"partner", power}, {"share", Value(share)}});
      if (share)
        sum += *share;
      else
        complete = false;
    }
    values.push_back(
        {{"year", year}, {"partner", "rest of the world"}, {"share", complete ? json(1 - sum) : json()}});
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
              {"stack", "zero"},
              {"title", fmt::format("share of {}'s total trade", target)}}},
            {"color", {{"field", "partner"}, {"type", "nominal"}}},
            {"order", {{"field", "partner"}}},
            {"tooltip", json::array({{{"field", "partner"}}, {{"field", "year"}}, {{"field", "share"}}})}}}};
}

json MirrorGapChart(const std::vector<IndicatorRecord>& records) {
  json values = json::array();
  for (const auto& record : records) {
    const bool exports = record.indicator == "mirror_gap_exports_ratio";
    if (!exports && record.indicator != "mirror_gap_imports_ratio") continue;
    const std::string flow = exports
                                 ? fmt::format("{} imports / {} exports", record.partner, record.reporter)
                                 : fmt::format("{} imports / {} exports", record.reporter, record.partner);
    values.push_back({{"year", record.year}, {"flow", flow}, {"ratio", Value(record.value)}});
  }
  json layers = json::array();
  layers.push_back(
      {{"data", {{"values", json::array({{{"low", kCifFobBandLow}, {"high", kCifFobBandHigh}}})}}},
       {"mark", {{"type", "rect"}, {"color", "#bbb"}, {"opacity", 0.3}}},
       {"encoding", {{"y", {{"field", "low"}, {"type", "quantitative"}}}, {"y2", {{"field", "high"}}}}}});
  layers.push_back(
      {{"mark", {{"type", "line"}, {"point", true}}},
       {"encoding",
        {{"x", YearAxis()},
         {"y",
          {{"field", "ratio"},
           {"type", "quantitative"},
           {"scale", {{"type", "log"}}},
           {"title", "imports (CIF) / mirror exports (FOB), log scale"}}},
         {"color", {{"field", "flow"}, {"type", "nominal"}}},
         {"tooltip", json::array({{{"field", "flow"}}, {{"field", "year"}}, {{"field", "ratio"}}})}}}});
  json chart = Layered(std::move(layers));
  chart["data"] = {{"values", values}};
  return chart;
}

json ProductTreemap(const std::vector<IndicatorRecord>& records, const std::string& reporter,
                    const std::string& partner) {
  const std::map<std::string, std::string> directions = {
      {"top_export_products_value", fmt::format("{} exports to {}", reporter, partner)},
      {"top_import_products_value", fmt::format("{} imports from {}", reporter, partner)}};
  std::map<std::string, double> totals;
  for (const auto& record : records) {
    if (directions.contains(record.indicator) && record.value) totals[record.indicator] += *record.value;
  }
  json values = json::array({{{"id", "all"}}});
  for (const auto& [indicator, name] : directions) {
    if (totals.contains(indicator)) values.push_back({{"id", indicator}, {"parent", "all"}, {"name", name}});
  }
  for (const auto& record : records) {
    if (!directions.contains(record.indicator) || !record.value || *record.value <= 0) continue;
    values.push_back({{"id", record.indicator + ":" + record.product},
                      {"parent", record.indicator},
                      {"name", "HS " + record.product},
                      {"direction", directions.at(record.indicator)},
                      {"value", *record.value},
                      {"share", *record.value / totals[record.indicator]}});
  }
  const json rect = {{"x", {{"field", "x0"}}},
                     {"y", {{"field", "y0"}}},
                     {"x2", {{"field", "x1"}}},
                     {"y2", {{"field", "y1"}}}};
  return {
      {"$schema", "https://vega.github.io/schema/vega/v6.json"},
      {"width", kWidth},
      {"height", 2 * kHeight},
      {"autosize", "none"},
      {"data",
       json::array(
           {{{"name", "tree"},
             {"values", values},
             {"transform",
              json::array({{{"type", "stratify"}, {"key", "id"}, {"parentKey", "parent"}},
                           {{"type", "treemap"},
                            {"field", "value"},
                            {"sort", {{"field", "value"}}},
                            {"round", true},
                            {"method", "squarify"},
                            {"paddingTop", 18},
                            {"paddingInner", 1},
                            {"size", json::array({{{"signal", "width"}}, {{"signal", "height"}}})}}})}},
            {{"name", "groups"},
             {"source", "tree"},
             {"transform", json::array({{{"type", "filter"}, {"expr", "datum.depth == 1"}}})}},
            {{"name", "leaves"},
             {"source", "tree"},
             {"transform", json::array({{{"type", "filter"}, {"expr", "!datum.children"}}})}}})},
      {"scales", json::array({{{"name", "color"},
                               {"type", "ordinal"},
                               {"domain", {{"data", "groups"}, {"field", "name"}}},
                               {"range", {{"scheme", "tableau10"}}}}})},
      {"marks",
       json::array(
           {{{"type", "rect"},
             {"from", {{"data", "leaves"}}},
             {"encode",
              {{"enter",
                {{"fill", {{"scale", "color"}, {"field", "direction"}}},
                 {"stroke", {{"value", "#fff"}}},
                 {"tooltip",
                  {{"signal",
                    "{'product': datum.name, 'flow': datum.direction, 'USD': format(datum.value, ',.0f'), "
                    "'share': format(datum.share, '.1%')}"}}}}},
               {"update", rect}}}},
            {{"type", "text"},
             {"from", {{"data", "leaves"}}},
             {"interactive", false},
             {"encode",
              {{"enter",
                {{"text", {{"signal", "datum.name + ' ' + format(datum.share, '.0%')"}}},
                 {"fontSize", {{"value", 10}}},
                 {"fill", {{"value", "#fff"}}},
                 {"baseline", {{"value", "top"}}}}},
               {"update",
                {{"x", {{"signal", "datum.x0 + 3"}}},
                 {"y", {{"signal", "datum.y0 + 3"}}},
                 {"opacity",
                  {{"signal", "datum.x1 - datum.x0 > 50 && datum.y1 - datum.y0 > 14 ? 1 : 0"}}}}}}}},
            {{"type", "text"},
             {"from", {{"data", "groups"}}},
             {"interactive", false},
             {"encode",
              {{"enter",
                {{"text", {{"field", "name"}}},
                 {"fontSize", {{"value", 12}}},
                 {"fontWeight", {{"value", "bold"}}},
                 {"baseline", {{"value", "top"}}}}},
               {"update", {{"x", {{"signal", "datum.x0 + 3"}}}, {"y", {{"signal", "datum.y0 + 2"}}}}}}}}})}};
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
