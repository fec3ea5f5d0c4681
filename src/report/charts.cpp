#include "report/charts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "indicators/bilateral.hpp"

namespace linkage {

namespace {

using json = nlohmann::json;

constexpr int kHeight = 300;
// The width of one panel of small multiples (a faceted chart cannot take its container's width).
constexpr int kPanelWidth = 230;
constexpr int kPanelHeight = 200;
constexpr const char* kFont = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

json Value(const std::optional<double>& value) {
  return value ? json(*value) : json();
}

json YearAxis() {
  return {{"field", "year"}, {"type", "quantitative"}, {"axis", {{"format", "d"}, {"title", nullptr}}}};
}

// The house look, shared by every Vega-Lite chart: larger type than Vega's default, no frame, light grid,
// legends above the plot (where they fit a narrow screen).
json HouseConfig() {
  return {{"font", kFont},
          {"view", {{"stroke", nullptr}}},
          {"title",
           {{"anchor", "start"},
            {"fontSize", 15},
            {"fontWeight", 600},
            {"color", "#1a1a1a"},
            {"subtitleColor", "#555"},
            {"subtitleFontSize", 12},
            {"subtitlePadding", 4},
            {"offset", 10}}},
          {"axis",
           {{"labelFontSize", 11},
            {"titleFontSize", 12},
            {"titleFontWeight", 500},
            {"labelColor", "#333"},
            {"titleColor", "#333"},
            {"gridColor", "#e8e8e8"},
            {"domainColor", "#888"},
            {"tickColor", "#888"}}},
          {"legend",
           {{"orient", "top"},
            {"direction", "horizontal"},
            {"labelFontSize", 12},
            {"titleFontSize", 12},
            {"symbolSize", 120},
            {"labelLimit", 220}}},
          {"header", {{"labelFontSize", 12}, {"labelFontWeight", 600}, {"title", nullptr}}},
          {"line", {{"strokeWidth", 2.25}}},
          {"point", {{"size", 45}}},
          // The chart's box is announced as one image with its title; Vega's per-mark containers (some of
          // them empty, such as a layer of carried-forward points in a chart without any) would be announced
          // as images without a name.
          {"mark", {{"aria", false}}}};
}

// Longest lines of a title and of a subtitle, in characters: what fits a phone's width (about 360 px) at
// their font sizes. Vega shrinks the plot to fit a longer line, so long text is broken into lines instead.
constexpr std::size_t kTitleLine = 40;
constexpr std::size_t kSubtitleLine = 56;

// `text` broken at spaces into lines of at most `width` characters (a longer word keeps a line of its own).
std::vector<std::string> Lines(const std::string& text, std::size_t width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

// A chart's title block: the title, then the subtitle and the source as lines under it, so that an exported
// SVG or PNG carries all three.
json TitleBlock(const ChartText& text) {
  json subtitle = json::array();
  for (const auto& line : Lines(text.subtitle, kSubtitleLine)) subtitle.push_back(line);
  if (!text.source.empty())
    for (const auto& line : Lines("Source: " + text.source, kSubtitleLine)) subtitle.push_back(line);
  return {{"text", Lines(text.title, kTitleLine)}, {"subtitle", subtitle}};
}

// The chart as a page shows it: its container's width, the house height, title and look.
json Styled(json chart, const ChartText& text, bool fixed_size = false) {
  chart["$schema"] = "https://vega.github.io/schema/vega-lite/v6.json";
  chart["title"] = TitleBlock(text);
  chart["config"] = HouseConfig();
  if (!fixed_size) {
    chart["width"] = "container";
    chart["height"] = kHeight;
    chart["autosize"] = {{"type", "fit-x"}, {"contains", "padding"}};
  }
  return chart;
}

// A colour encoding that gives every actor in `values[field]` (short names) its palette colour.
json ActorColour(const json& values, const std::string& field, const ChartStyle& style,
                 const std::vector<std::pair<std::string, std::string>>& extra = {}) {
  std::set<std::string> present;
  for (const auto& value : values)
    if (value.contains(field) && value[field].is_string()) present.insert(value[field].get<std::string>());
  json domain = json::array();
  json range = json::array();
  for (const auto& [id, colour] : style.palette.Entries()) {
    const std::string name = style.Name(id);
    if (present.contains(name)) {
      domain.push_back(name);
      range.push_back(colour);
    }
  }
  for (const auto& [name, colour] : extra) {
    if (present.contains(name)) {
      domain.push_back(name);
      range.push_back(colour);
    }
  }
  return {{"field", field},
          {"type", "nominal"},
          {"title", nullptr},
          {"scale", {{"domain", domain}, {"range", range}}},
          {"sort", domain}};
}

// How many distinct strings `values[field]` holds.
std::size_t Distinct(const json& values, const std::string& field) {
  std::set<std::string> seen;
  for (const auto& value : values)
    if (value[field].is_string()) seen.insert(value[field].get<std::string>());
  return seen.size();
}

// Two point layers: observed values filled, estimated and carried-forward ones hollow in shapes of their own,
// with a legend saying which is which. Filters rather than a conditional fill keep the colour legend whole.
std::vector<json> StatusPoints(const json& colour, const json& y, const json& tooltip) {
  const json shape = {{"field", "status"},
                      {"type", "nominal"},
                      {"title", nullptr},
                      {"scale",
                       {{"domain", {"observed", "estimated", "carried forward"}},
                        {"range", {"circle", "diamond", "triangle-up"}}}}};
  const json encoding = {
      {"x", YearAxis()}, {"y", y}, {"color", colour}, {"shape", shape}, {"tooltip", tooltip}};
  return {{{"transform", json::array({{{"filter", "datum.status == 'observed'"}}})},
           {"mark", {{"type", "point"}, {"filled", true}, {"size", 45}}},
           {"encoding", encoding}},
          {{"transform", json::array({{{"filter", "datum.status != 'observed'"}}})},
           {"mark",
            {{"type", "point"}, {"filled", false}, {"fill", "white"}, {"strokeWidth", 1.5}, {"size", 60}}},
           {"encoding", encoding}}};
}

// Shares over the years as stacked areas (`stack`: "zero" or "normalize"), in `color`, stacked in `order`.
json StackedShares(json values, const json& color, const std::string& stack, const json& order,
                   const std::string& axis_title, const json& tooltip) {
  return {{"data", {{"values", std::move(values)}}},
          {"mark", {{"type", "area"}, {"line", {{"strokeWidth", 0.5}, {"color", "white"}}}}},
          {"encoding",
           {{"x", YearAxis()},
            {"y",
             {{"field", "share"},
              {"type", "quantitative"},
              {"stack", stack},
              {"axis", {{"format", ".0%"}}},
              {"title", axis_title}}},
            {"color", color},
            {"order", order},
            {"tooltip", tooltip}}}};
}

// Milestone rules and their year labels over a year axis.
void AddMilestones(json& layers, const std::vector<BreakDate>& dates) {
  json milestones = json::array();
  for (const auto& date : dates) milestones.push_back({{"year", date.year}, {"label", date.label}});
  if (milestones.empty()) return;
  layers.push_back({{"data", {{"values", milestones}}},
                    {"mark", {{"type", "rule"}, {"strokeDash", {4, 4}}, {"color", "#888"}}},
                    {"encoding", {{"x", YearAxis()}, {"tooltip", {{"field", "label"}}}}}});
  layers.push_back({{"data", {{"values", milestones}}},
                    {"mark",
                     {{"type", "text"},
                      {"angle", 270},
                      {"align", "right"},
                      {"dx", -4},
                      {"dy", 4},
                      {"fontSize", 10},
                      {"color", "#555"}}},
                    {"encoding", {{"x", YearAxis()}, {"y", {{"value", 0}}}, {"text", {{"field", "year"}}}}}});
}

// The dimension of a score name ("economic_bandwidth" -> "economic"; "linkage" -> "overall").
std::string DimensionOf(const std::string& score) {
  const auto underscore = score.find('_');
  return underscore == std::string::npos ? "overall" : score.substr(0, underscore);
}

std::string KindOf(const std::string& score) {
  const auto underscore = score.find('_');
  return underscore == std::string::npos ? score : score.substr(underscore + 1);
}

}  // namespace

std::vector<ComponentValue> ComponentValues(const LinkageRun& run, const std::string& component,
                                            const std::string& target) {
  std::vector<ComponentValue> values;
  const ComponentPanel& panel = run.traced.panel;
  for (std::size_t column = 0; column < run.spec.components.size(); ++column) {
    if (run.spec.components[column].id != component) continue;
    for (std::size_t unit = 0; unit < panel.units.size(); ++unit) {
      if (panel.units[unit].target != target) continue;
      std::string status = "observed";
      if (!panel.carried.empty() && panel.carried[unit][column]) {
        status = "carried forward";
      } else if (unit < run.traced.terms.size() && column < run.traced.terms[unit].size()) {
        const Term& term = run.traced.terms[unit][column];
        if (term.estimated || term.mirror_filled > 0) status = "estimated";
      }
      values.push_back({&panel.units[unit], panel.values[unit][column], status});
    }
  }
  return values;
}

std::string ChartStyle::Name(const std::string& id) const {
  const auto found = names.find(id);
  return found == names.end() ? id : found->second;
}

json ScoreBandChart(const LinkageRun& run, const std::string& source, const std::string& target,
                    const std::vector<std::string>& scores, const std::vector<BreakDate>& dates,
                    const ChartText& text) {
  json values = json::array();
  std::vector<std::string> dimensions;
  for (std::size_t k = 0; k < run.rows.size(); ++k) {
    const ScoreRow& row = run.rows[k];
    if (row.level != "dyad" || row.measure != "score" || row.source != source || row.target != target)
      continue;
    const std::string& name = ScoreNames()[row.score];
    if (std::find(scores.begin(), scores.end(), name) == scores.end()) continue;
    const Spread spread = run.sensitivity ? run.sensitivity->ValueSpread(k) : Spread{};
    const std::string dimension = DimensionOf(name);
    if (std::find(dimensions.begin(), dimensions.end(), dimension) == dimensions.end())
      dimensions.push_back(dimension);
    values.push_back({{"year", row.year},
                      {"score", name},
                      {"dimension", dimension},
                      {"kind", KindOf(name)},
                      {"value", Value(row.value)},
                      {"low", Value(spread.low)},
                      {"high", Value(spread.high)},
                      {"carried", row.carried}});
  }
  // Several dimensions: a panel each, coloured by kind (bandwidth, dependence, linkage) as in the others.
  const bool panels = dimensions.size() > 1;
  const std::string series = panels ? "kind" : "score";
  json domain = json::array();
  json range = json::array();
  for (const auto& score : scores) {
    const std::string label = panels ? KindOf(score) : score;
    if (std::find(domain.begin(), domain.end(), label) != domain.end()) continue;
    domain.push_back(label);
    range.push_back(ScoreColour(label));
  }
  // The legend shows each score as its line, not as the pale band drawn first.
  const json color = {{"field", series},
                      {"type", "nominal"},
                      {"title", nullptr},
                      {"scale", {{"domain", domain}, {"range", range}}},
                      {"legend", {{"symbolType", "stroke"}, {"symbolOpacity", 1}, {"symbolStrokeWidth", 3}}},
                      {"sort", domain}};
  json layers = json::array();
  if (run.sensitivity) {
    layers.push_back({{"mark", {{"type", "area"}, {"opacity", 0.15}}},
                      {"encoding",
                       {{"x", YearAxis()},
                        {"y", {{"field", "low"}, {"type", "quantitative"}}},
                        {"y2", {{"field", "high"}}},
                        {"color", color}}}});
  }
  const json score_axis = {{"field", "value"},
                           {"type", "quantitative"},
                           {"scale", {{"domain", {0, 100}}}},
                           {"title", "score (0-100)"}};
  layers.push_back(
      {{"mark", {{"type", "line"}}}, {"encoding", {{"x", YearAxis()}, {"y", score_axis}, {"color", color}}}});
  // A year whose score rests on an input carried forward from an earlier year is drawn hollow, so a reader
  // sees where the data stopped and the last value stands in.
  const json tooltip = json::array({{{"field", "score"}},
                                    {{"field", "year"}},
                                    {{"field", "value"}, {"format", ".1f"}},
                                    {{"field", "low"}, {"format", ".1f"}, {"title", "5%"}},
                                    {{"field", "high"}, {"format", ".1f"}, {"title", "95%"}},
                                    {{"field", "carried"}}});
  for (const bool carried : {false, true}) {
    json mark = {{"type", "point"}, {"filled", !carried}, {"size", 40}, {"strokeWidth", 1.5}};
    if (carried) mark["fill"] = "white";
    layers.push_back(
        {{"transform", json::array({{{"filter", carried ? "datum.carried" : "!datum.carried"}}})},
         {"mark", std::move(mark)},
         {"encoding", {{"x", YearAxis()}, {"y", score_axis}, {"color", color}, {"tooltip", tooltip}}}});
  }
  if (!panels) {
    AddMilestones(layers, dates);
    json chart = {{"data", {{"values", values}}}, {"layer", std::move(layers)}};
    return Styled(std::move(chart), text);
  }
  json chart = {{"data", {{"values", values}}},
                {"facet", {{"column", {{"field", "dimension"}, {"sort", dimensions}, {"title", nullptr}}}}},
                {"spec", {{"width", kPanelWidth}, {"height", kPanelHeight}, {"layer", std::move(layers)}}}};
  return Styled(std::move(chart), text, true);
}

json PowerShareChart(const LinkageRun& run, const std::string& target, const std::string& score,
                     const ChartStyle& style, const ChartText& text) {
  json values = json::array();
  for (const auto& row : run.rows) {
    if (row.level != "system" || row.measure != "power_share" || row.target != target ||
        ScoreNames()[row.score] != score || !row.value)
      continue;
    values.push_back({{"year", row.year}, {"power", style.Name(row.source)}, {"share", *row.value}});
  }
  json color = ActorColour(values, "power", style);
  const json tooltip =
      json::array({{{"field", "power"}}, {{"field", "year"}}, {{"field", "share"}, {"format", ".1%"}}});
  const std::string title = "share of the powers' " + score;
  if (Distinct(values, "power") > kMostLinesInOneChart) {
    // More powers than one stack shows apart: a panel each, its share as an area from zero.
    json chart = {
        {"data", {{"values", values}}},
        {"facet", {{"field", "power"}, {"sort", color["scale"]["domain"]}, {"title", nullptr}}},
        {"columns", 3},
        {"spec",
         {{"width", kPanelWidth},
          {"height", kPanelHeight},
          {"mark", {{"type", "area"}, {"line", true}, {"opacity", 0.7}}},
          {"encoding",
           {{"x", YearAxis()},
            {"y",
             {{"field", "share"}, {"type", "quantitative"}, {"axis", {{"format", ".0%"}}}, {"title", title}}},
            {"color", color},
            {"tooltip", tooltip}}}}}};
    return Styled(std::move(chart), text, true);
  }
  json chart = StackedShares(std::move(values), color, "normalize", {{"field", "power"}}, title, tooltip);
  return Styled(std::move(chart), text);
}

json ComponentChart(const LinkageRun& run, const std::string& component, const std::string& target,
                    const std::string& axis_title, const ChartStyle& style, const ChartText& text) {
  json values = json::array();
  for (const auto& entry : ComponentValues(run, component, target)) {
    values.push_back({{"year", entry.unit->year},
                      {"power", style.Name(entry.unit->source)},
                      {"value", Value(entry.value)},
                      {"status", entry.status}});
  }
  const json color = ActorColour(values, "power", style);
  const json y = {{"field", "value"}, {"type", "quantitative"}, {"title", axis_title}};
  const json tooltip = json::array({{{"field", "power"}},
                                    {{"field", "year"}},
                                    {{"field", "value"}, {"format", ".3~g"}},
                                    {{"field", "status"}}});
  json layers = json::array(
      {{{"mark", {{"type", "line"}}}, {"encoding", {{"x", YearAxis()}, {"y", y}, {"color", color}}}}});
  for (auto& layer : StatusPoints(color, y, tooltip)) layers.push_back(std::move(layer));
  if (Distinct(values, "power") <= kMostLinesInOneChart) {
    json chart = {{"data", {{"values", values}}}, {"layer", std::move(layers)}};
    return Styled(std::move(chart), text);
  }
  json chart = {{"data", {{"values", values}}},
                {"facet", {{"field", "power"}, {"sort", color["scale"]["domain"]}, {"title", nullptr}}},
                {"columns", 3},
                {"spec", {{"width", kPanelWidth}, {"height", kPanelHeight}, {"layer", std::move(layers)}}}};
  return Styled(std::move(chart), text, true);
}

json PartnerShareChart(const LinkageRun& run, const std::string& target, const ChartStyle& style,
                       const ChartText& text) {
  // year -> power -> share; a power without a value that year leaves the rest of the world unknown.
  std::map<int, std::map<std::string, std::optional<double>>> shares;
  for (const auto& entry : ComponentValues(run, "trade_share", target))
    shares[entry.unit->year][entry.unit->source] = entry.value;
  const std::string rest = "rest of the world";
  json values = json::array();
  for (const auto& [year, powers] : shares) {
    double sum = 0;
    bool complete = true;
    for (const auto& [power, share] : powers) {
      values.push_back({{"year", year}, {"partner", style.Name(power)}, {"share", Value(share)}});
      if (share)
        sum += *share;
      else
        complete = false;
    }
    values.push_back({{"year", year}, {"partner", rest}, {"share", complete ? json(1 - sum) : json()}});
  }
  json color = ActorColour(values, "partner", style, {{rest, std::string(kRestColour)}});
  // The stack follows the legend: the palette's order, the rest of the world on top.
  json chart = StackedShares(
      std::move(values), color, "zero", {{"field", "stack_order"}}, "share of total trade",
      json::array({{{"field", "partner"}}, {{"field", "year"}}, {{"field", "share"}, {"format", ".1%"}}}));
  chart["transform"] =
      json::array({{{"calculate", fmt::format("indexof({}, datum.partner)", color["scale"]["domain"].dump())},
                    {"as", "stack_order"}}});
  return Styled(std::move(chart), text);
}

json MirrorGapChart(const std::vector<IndicatorRecord>& records, const ChartStyle& style,
                    const ChartText& text) {
  json values = json::array();
  std::vector<std::string> flows;
  for (const auto& record : records) {
    const bool exports = record.indicator == "mirror_gap_exports_ratio";
    if (!exports && record.indicator != "mirror_gap_imports_ratio") continue;
    const std::string importer = style.Name(exports ? record.partner : record.reporter);
    const std::string exporter = style.Name(exports ? record.reporter : record.partner);
    const std::string flow = fmt::format("{} imports / {} exports", importer, exporter);
    if (std::find(flows.begin(), flows.end(), flow) == flows.end()) flows.push_back(flow);
    values.push_back({{"year", record.year}, {"flow", flow}, {"ratio", Value(record.value)}});
  }
  json layers = json::array();
  layers.push_back(
      {{"data", {{"values", json::array({{{"low", kCifFobBandLow}, {"high", kCifFobBandHigh}}})}}},
       {"mark", {{"type", "rect"}, {"color", "#bbb"}, {"opacity", 0.3}}},
       {"encoding", {{"y", {{"field", "low"}, {"type", "quantitative"}}}, {"y2", {{"field", "high"}}}}}});
  layers.push_back({{"mark", {{"type", "line"}, {"point", true}}},
                    {"encoding",
                     {{"x", YearAxis()},
                      {"y",
                       {{"field", "ratio"},
                        {"type", "quantitative"},
                        {"scale", {{"type", "log"}}},
                        {"title", "imports (CIF) / mirror exports (FOB), log scale"}}},
                      {"color",
                       {{"field", "flow"},
                        {"type", "nominal"},
                        {"title", nullptr},
                        {"scale", {{"domain", flows}, {"range", SeriesColours(flows.size())}}}}},
                      {"tooltip", json::array({{{"field", "flow"}},
                                               {{"field", "year"}},
                                               {{"field", "ratio"}, {"format", ".3f"}}})}}}});
  json chart = {{"data", {{"values", values}}}, {"layer", std::move(layers)}};
  return Styled(std::move(chart), text);
}

json ProductTreemap(const std::vector<IndicatorRecord>& records, const std::string& reporter,
                    const std::string& partner, const ChartStyle& style, const ChartText& text) {
  const std::map<std::string, std::string> directions = {
      {"top_export_products_value",
       fmt::format("{} exports to {}", style.Name(reporter), style.Name(partner))},
      {"top_import_products_value",
       fmt::format("{} imports from {}", style.Name(reporter), style.Name(partner))}};
  std::map<std::string, double> totals;
  for (const auto& record : records) {
    if (directions.contains(record.indicator) && record.value) totals[record.indicator] += *record.value;
  }
  json values = json::array({{{"id", "all"}}});
  json names = json::array();
  for (const auto& [indicator, name] : directions) {
    if (!totals.contains(indicator)) continue;
    values.push_back({{"id", indicator}, {"parent", "all"}, {"name", name}});
    names.push_back(name);
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
  json title = TitleBlock(text);
  title["anchor"] = "start";
  title["fontSize"] = 15;
  title["fontWeight"] = 600;
  title["subtitleColor"] = "#555";
  title["subtitleFontSize"] = 12;
  title["offset"] = 10;
  return {
      {"$schema", "https://vega.github.io/schema/vega/v6.json"},
      {"title", title},
      {"height", 2 * kHeight},
      {"autosize", {{"type", "fit-x"}, {"contains", "padding"}, {"resize", true}}},
      {"config", {{"font", kFont}, {"title", {{"color", "#1a1a1a"}}}}},
      // The treemap takes its container's width, as the Vega-Lite charts do.
      {"signals", json::array({{{"name", "width"},
                                {"init", "containerSize()[0] || 720"},
                                {"on", json::array({{{"events", "window:resize"},
                                                     {"update", "containerSize()[0] || 720"}}})}}})},
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
                            {"paddingTop", 20},
                            {"paddingInner", 1},
                            {"size", json::array({{{"signal", "width"}}, {{"signal", "height"}}})}}})}},
            {{"name", "groups"},
             {"source", "tree"},
             {"transform", json::array({{{"type", "filter"}, {"expr", "datum.depth == 1"}}})}},
            {{"name", "leaves"},
             {"source", "tree"},
             {"transform", json::array({{{"type", "filter"}, {"expr", "!datum.children"}}})}}})},
      {"scales",
       json::array(
           {{{"name", "color"}, {"type", "ordinal"}, {"domain", names}, {"range", SeriesColours(2)}}})},
      {"marks",
       json::array(
           {{{"type", "rect"},
             {"aria", false},
             {"from", {{"data", "leaves"}}},
             {"encode",
              {{"enter",
                {{"fill", {{"scale", "color"}, {"field", "direction"}}},
                 {"stroke", {{"value", "#fff"}}},
                 {"tooltip",
                  {{"signal",
                    "{'product': datum.name, 'flow': datum.direction, 'USD': format(datum.value, '$,.3s'), "
                    "'share': format(datum.share, '.1%')}"}}}}},
               {"update", rect}}}},
            {{"type", "text"},
             {"aria", false},
             {"from", {{"data", "leaves"}}},
             {"interactive", false},
             {"encode",
              {{"enter",
                {{"text", {{"signal", "datum.name + ' ' + format(datum.share, '.0%')"}}},
                 {"fontSize", {{"value", 11}}},
                 {"fill", {{"value", "#fff"}}},
                 {"baseline", {{"value", "top"}}}}},
               {"update",
                {{"x", {{"signal", "datum.x0 + 3"}}},
                 {"y", {{"signal", "datum.y0 + 3"}}},
                 {"opacity",
                  {{"signal", "datum.x1 - datum.x0 > 56 && datum.y1 - datum.y0 > 15 ? 1 : 0"}}}}}}}},
            {{"type", "text"},
             {"aria", false},
             {"from", {{"data", "groups"}}},
             {"interactive", false},
             {"encode",
              {{"enter",
                {{"text", {{"field", "name"}}},
                 {"fontSize", {{"value", 12}}},
                 {"fontWeight", {{"value", "bold"}}},
                 {"fill", {{"value", "#1a1a1a"}}},
                 {"baseline", {{"value", "top"}}}}},
               {"update", {{"x", {{"signal", "datum.x0 + 3"}}}, {"y", {{"signal", "datum.y0 + 3"}}}}}}}}})}};
}

json CoherenceChart(const Coherence& coherence, const ChartText& text) {
  json values = json::array();
  const std::vector<std::string> names = {"density of member trade", "intra-regional trade share",
                                          "co-membership overlap"};
  for (const auto& year : coherence.years) {
    const std::optional<double> measures[] = {year.density, year.intra_trade_share.value, year.overlap};
    // A missing year stays in the data as null, which breaks the line instead of bridging the gap.
    for (std::size_t k = 0; k < names.size(); ++k)
      values.push_back({{"year", year.year}, {"measure", names[k]}, {"value", Value(measures[k])}});
  }
  json chart = {
      {"data", {{"values", values}}},
      {"mark", {{"type", "line"}, {"point", true}}},
      {"encoding",
       {{"x", YearAxis()},
        {"y",
         {{"field", "value"}, {"type", "quantitative"}, {"scale", {{"domain", {0, 1}}}}, {"title", "0-1"}}},
        {"color",
         {{"field", "measure"},
          {"type", "nominal"},
          {"title", nullptr},
          {"scale", {{"domain", names}, {"range", SeriesColours(names.size())}}}}},
        {"tooltip",
         json::array(
             {{{"field", "measure"}}, {{"field", "year"}}, {{"field", "value"}, {"format", ".3f"}}})}}}};
  return Styled(std::move(chart), text);
}

}  // namespace linkage
