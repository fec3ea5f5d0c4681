#include "serve/dashboard_api.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

// The dashboard resolves a selection exactly as `linkage index` and `linkage report` resolve their options,
// so that the same names are accepted and refused with the same messages.
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/years.hpp"
#include "model/design_request.hpp"
#include "model/milestone_dates.hpp"
#include "model/regional_network.hpp"
#include "report/charts.hpp"
#include "report/display_names.hpp"
#include "report/headlines.hpp"
#include "report/index_tables.hpp"

namespace linkage {

namespace {

using json = nlohmann::json;

// Runs of the model kept for reuse; a run with draws holds every draw's rows, so the cache stays small.
constexpr std::size_t kCachedRuns = 16;

constexpr std::array<const char*, 4> kDimensions = {"overall", "economic", "security", "political"};
constexpr std::array<const char*, 6> kSelectionParameters = {"dyad",  "region",    "powers",
                                                             "years", "dimension", "draws"};
// What /api/inputs takes besides the selection: the dyad-year whose inputs are listed.
const std::vector<std::string>& UnitParameters() {
  static const std::vector<std::string> names = {"source", "target", "year"};
  return names;
}
// Significant digits of the numbers /api/charts sends: more than a chart or the page's table can show.
constexpr int kShownDigits = 4;

// Invalid UTF-8 in a stored name must not turn an answer into a server error.
std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

ApiResponse JsonResponse(const json& value) {
  return {200, "application/json", Dump(value)};
}

// What a request asked, before the names are resolved.
struct ChartQuery {
  std::string dyad;
  std::string region;
  std::string powers;
  std::string years;
  std::string dimension = "overall";
  std::size_t draws = 0;
  std::map<std::string, std::string> extra;  //!< the endpoint's own parameters, as given
};

ChartQuery ParseChartQuery(const QueryParams& query, const std::vector<std::string>& extra) {
  std::map<std::string, std::string> values;
  for (const auto& [name, value] : query) {
    const bool known = std::find(kSelectionParameters.begin(), kSelectionParameters.end(), name) !=
                           kSelectionParameters.end() ||
                       std::find(extra.begin(), extra.end(), name) != extra.end();
    if (!known) {
      std::vector<std::string> taken(kSelectionParameters.begin(), kSelectionParameters.end());
      taken.insert(taken.end(), extra.begin(), extra.end());
      throw UsageError(
          fmt::format("unknown parameter '{}'; this endpoint takes {}", name, text::Join(taken, ", ")));
    }
    if (!values.emplace(name, std::string(text::Trim(value))).second)
      throw UsageError(fmt::format("parameter '{}' is given twice", name));
  }
  ChartQuery parsed;
  parsed.dyad = values["dyad"];
  parsed.region = values["region"];
  parsed.powers = values["powers"];
  parsed.years = values["years"];
  for (const auto& name : extra)
    if (const auto found = values.find(name); found != values.end()) parsed.extra[name] = found->second;
  if (parsed.dyad.empty())
    throw UsageError("no dyad chosen: dyad names the outside power and the pivot state, e.g. dyad=CHN,KAZ");
  if (parsed.years.empty()) throw UsageError("no years chosen: years is a year or a range, e.g. 1992-2020");
  if (!values["dimension"].empty()) parsed.dimension = text::Lower(values["dimension"]);
  if (std::find(kDimensions.begin(), kDimensions.end(), parsed.dimension) == kDimensions.end()) {
    throw UsageError(fmt::format("unknown dimension '{}'; use {}", values["dimension"],
                                 text::Join({kDimensions.begin(), kDimensions.end()}, ", ")));
  }
  if (!values["draws"].empty()) {
    const auto draws = text::ParseInteger(values["draws"]);
    if (!draws || *draws < 0 || *draws > static_cast<long long>(kMaxDashboardDraws)) {
      throw UsageError(
          fmt::format("draws '{}' must be a whole number from 0 to {}", values["draws"], kMaxDashboardDraws));
    }
    parsed.draws = static_cast<std::size_t>(*draws);
  }
  return parsed;
}

// A number as a chart shows it: kShownDigits significant digits, null when missing.
json Rounded(const std::optional<double>& value) {
  if (!value) return json();
  return std::stod(fmt::format("{:.{}g}", *value, kShownDigits));
}

// The scores a dimension shows, and the one whose shares among the powers it draws. A dimension has no
// linkage score of its own, so its shares are of bandwidth: how the powers' interaction with the pivot
// splits.
std::vector<std::string> DimensionScores(const std::string& dimension) {
  if (dimension == "overall") return {"bandwidth", "dependence", "linkage"};
  return {dimension + "_bandwidth", dimension + "_dependence"};
}

std::string ShareScore(const std::string& dimension) {
  return dimension == "overall" ? "linkage" : dimension + "_bandwidth";
}

// "economic_bandwidth" as a title says it: "economic bandwidth".
std::string Spoken(std::string name) {
  std::replace(name.begin(), name.end(), '_', ' ');
  return name;
}

constexpr const char* kIndexSource = "Linkage index (docs/methods.md)";

std::string DimensionTitle(const std::string& dimension) {
  if (dimension == "overall") return "Linkage";
  return text::Upper(dimension.substr(0, 1)) + dimension.substr(1) + " bandwidth and dependence";
}

json TableObjects(const ResultTable& table) {
  json rows = json::array();
  for (const auto& row : table.rows) {
    json object = json::object();
    for (std::size_t k = 0; k < table.columns.size(); ++k) object[table.columns[k]] = row[k];
    rows.push_back(std::move(object));
  }
  return rows;
}

json Chart(const std::string& id, const std::string& title, json spec, const std::string& note) {
  return {{"id", id}, {"title", title}, {"spec", std::move(spec)}, {"note", note}};
}

bool HasScore(const LinkageRun& run, const LinkageDesign& design, const std::vector<std::string>& scores) {
  return std::any_of(run.rows.begin(), run.rows.end(), [&](const ScoreRow& row) {
    return row.level == "dyad" && row.measure == "score" && row.source == design.actor &&
           row.target == design.pivot && row.value &&
           std::find(scores.begin(), scores.end(), ScoreNames()[row.score]) != scores.end();
  });
}

// Runs an endpoint; a refusal of what was asked (an unknown name, bad years, an empty selection) becomes a
// 400 with the command line's message for the same mistake.
template <typename Endpoint>
ApiResponse RefusalsAs400(const Endpoint& endpoint) {
  try {
    return endpoint();
  } catch (const UsageError& error) {
    return ErrorResponse(400, error.what());
  } catch (const NotFoundError& error) {
    return ErrorResponse(400, error.what());
  } catch (const InputError& error) {
    return ErrorResponse(400, error.what());
  }
}

}  // namespace

ApiResponse ErrorResponse(int status, const std::string& message) {
  return {status, "application/json", Dump({{"error", message}})};
}

DashboardApi::DashboardApi(std::unique_ptr<Database> database)
    : connections_(std::move(database), kMaxDashboardConnections),
      actors_(*connections_.Acquire()),
      names_(ShortNames(actors_)) {}

std::size_t DashboardApi::ModelRuns() const {
  const std::lock_guard lock(runs_mutex_);
  return model_runs_;
}

ChartStyle DashboardApi::Style(const LinkageDesign& design) const {
  return {ActorPalette(design.powers), names_};
}

ApiResponse DashboardApi::Actors() {
  json actors = json::array();
  for (const auto& [id, actor] : actors_.All())
    actors.push_back({{"id", id},
                      {"name", actor.name},
                      {"short_name", ShortName(actor)},
                      {"kind", std::string(KindName(actor.kind))},
                      {"group", std::string(PickerGroup(actor))}});
  return JsonResponse({{"actors", std::move(actors)}});
}

ApiResponse DashboardApi::Regions() {
  auto database = connections_.Acquire();
  json regions = json::array();
  Statement query(*database,
                  "SELECT region, actor_id, start_date, end_date FROM regions "
                  "ORDER BY region, actor_id, start_date");
  while (query.Step()) {
    const std::string region = query.Text(0);
    if (regions.empty() || regions.back()["id"] != region)
      regions.push_back({{"id", region}, {"members", json::array()}});
    const Actor* actor = actors_.Find(query.Text(1));
    regions.back()["members"].push_back({{"id", query.Text(1)},
                                         {"name", actor != nullptr ? actor->name : query.Text(1)},
                                         {"from", query.IsNull(2) ? json() : json(query.Text(2))},
                                         {"to", query.IsNull(3) ? json() : json(query.Text(3))}});
  }
  return JsonResponse({{"regions", std::move(regions)}});
}

std::shared_ptr<const DashboardApi::CachedRun> DashboardApi::Run(Database& database,
                                                                 const LinkageRequest& request) {
  const LinkageDesign& design = request.design;
  const std::string key =
      fmt::format("{}|{}|{}|{}|{}|{}|{}", design.actor, design.pivot, design.region,
                  text::Join(design.powers, ","), request.first, request.last, request.sensitivity.draws);
  std::promise<std::shared_ptr<const CachedRun>> promise;
  {
    std::unique_lock lock(runs_mutex_);
    if (const auto found = cache_.find(key); found != cache_.end()) return found->second;
    if (const auto running = running_.find(key); running != running_.end()) {
      // The same selection is being computed for another request: its answer is this one's.
      auto pending = running->second;
      lock.unlock();
      return pending.get();
    }
    running_.emplace(key, promise.get_future().share());
  }
  try {
    TradeData data(database);
    TradeTerms terms(database, data, actors_);
    auto cached = std::make_shared<CachedRun>();
    cached->run = RunLinkageModel(database, terms, request);
    cached->dates = MilestoneBreakDates(database, design.actor, design.pivot, request.first, request.last);
    // The same findings the report opens with, made once per run.
    const ChartStyle style = Style(design);
    const HeadlineCase subject{design.actor, design.pivot, request.first, request.last};
    const Sensitivity* sensitivity = cached->run.sensitivity ? &*cached->run.sensitivity : nullptr;
    cached->headlines = Headlines(cached->run, TestScoreSeries(cached->run.rows, sensitivity, cached->dates),
                                  cached->dates, subject, style);
    if (!design.region.empty()) {
      const RegionalNetwork network =
          BuildRegionalNetwork(database, terms, design.region, request.last, design.powers);
      if (std::find(network.members.begin(), network.members.end(), design.pivot) != network.members.end()) {
        if (auto headline = RegionHeadline(PivotOf(network, terms, design.pivot, design.actor), design.region,
                                           request.last, subject, style))
          cached->headlines.push_back(std::move(*headline));
      }
    }
    {
      const std::lock_guard lock(runs_mutex_);
      ++model_runs_;
      if (cache_order_.size() == kCachedRuns) {
        cache_.erase(cache_order_.front());
        cache_order_.pop_front();
      }
      cache_.emplace(key, cached);
      cache_order_.push_back(key);
      running_.erase(key);
    }
    promise.set_value(cached);
    return cached;
  } catch (...) {
    {
      const std::lock_guard lock(runs_mutex_);
      running_.erase(key);
    }
    promise.set_exception(std::current_exception());
    throw;
  }
}

struct DashboardApi::Selected {
  ChartQuery asked;
  LinkageRequest request;
  std::shared_ptr<const CachedRun> cached;
};

DashboardApi::Selected DashboardApi::Select(const QueryParams& query, const std::vector<std::string>& extra) {
  Selected selected;
  selected.asked = ParseChartQuery(query, extra);
  const ChartQuery& asked = selected.asked;
  LinkageRequest& request = selected.request;
  auto database = connections_.Acquire();
  request.design = ResolveDesign(SplitDyad(asked.dyad), asked.powers, asked.region, *database, actors_);
  std::tie(request.first, request.last) = ParseYears(asked.years, "years");
  if (request.last - request.first + 1 > kMaxDashboardYears) {
    throw UsageError(
        fmt::format("years {} spans {} years; the dashboard draws at most {} (the command line "
                    "has no such bound)",
                    asked.years, request.last - request.first + 1, kMaxDashboardYears));
  }
  if (request.design.powers.size() > kMaxDashboardPowers) {
    throw UsageError(fmt::format("{} powers chosen; the dashboard compares at most {}",
                                 request.design.powers.size(), kMaxDashboardPowers));
  }
  request.spec = EqualWeightsSpec();
  request.sensitivity.draws = asked.draws;
  selected.cached = Run(*database, request);
  const LinkageRun& run = selected.cached->run;
  const LinkageDesign& design = request.design;
  if (!HasScore(run, design, DimensionScores(asked.dimension))) {
    std::vector<std::string> others;
    for (const auto& dimension : kDimensions)
      if (dimension != asked.dimension && HasScore(run, design, DimensionScores(dimension)))
        others.push_back(dimension);
    throw UsageError(fmt::format(
        "no {} score of {} with {} has a value in {}-{}: the workspace holds too few of their inputs in "
        "those years (`linkage index --view inputs` lists what is missing){}",
        asked.dimension, design.actor, design.pivot, request.first, request.last,
        others.empty() ? "" : fmt::format("; these dimensions have scores: {}", text::Join(others, ", "))));
  }
  return selected;
}

ApiResponse DashboardApi::Charts(const QueryParams& query) {
  return RefusalsAs400([&] {
    const Selected selected = Select(query, {});
    const ChartQuery& asked = selected.asked;
    const LinkageRequest& request = selected.request;
    const LinkageRun& run = selected.cached->run;
    const LinkageDesign& design = request.design;
    const std::vector<std::string> scores = DimensionScores(asked.dimension);

    const std::string share = ShareScore(asked.dimension);
    const ChartStyle style = Style(design);
    const std::string actor = style.Name(design.actor);
    const std::string pivot = style.Name(design.pivot);
    json charts = json::array();
    const std::string scores_title =
        fmt::format("{} of {} with {}", DimensionTitle(asked.dimension), actor, pivot);
    charts.push_back(Chart(
        "scores", scores_title,
        ScoreBandChart(
            run, design.actor, design.pivot, scores, selected.cached->dates,
            {scores_title,
             asked.draws > 0 ? fmt::format("Scores 0-100; bands: 5-95% over {} weightings; hollow points "
                                           "rest on inputs carried forward",
                                           asked.draws)
                             : "Scores 0-100; hollow points rest on inputs carried forward",
             kIndexSource}),
        "dashed rules: the dyad's milestones"));
    const bool several = design.powers.size() > 1;
    const std::string alone = "choose other powers to compare their shares";
    const std::string pivot_title = fmt::format("The powers' shares of {} with {}", Spoken(share), pivot);
    const ChartText pivot_text{pivot_title, "Compared on the inputs every power has", kIndexSource};
    charts.push_back(Chart("powers-pivot", pivot_title,
                           several ? PowerShareChart(run, design.pivot, share, style, pivot_text) : json(),
                           several ? "" : alone));
    if (design.region.empty()) {
      charts.push_back(Chart("powers-region", "The powers' shares with a region", json(),
                             "choose a region to see the powers' shares of its ties"));
    } else {
      const std::string region_title =
          fmt::format("The powers' shares of {} with {}", Spoken(share), RegionTitle(design.region));
      const ChartText region_text{region_title, "Actor-region scores, compared on the inputs every power has",
                                  kIndexSource};
      charts.push_back(
          Chart("powers-region", region_title,
                several ? PowerShareChart(run, design.region, share, style, region_text) : json(),
                several ? "" : alone));
    }
    json headlines = json::array();
    for (const auto& headline : selected.cached->headlines)
      headlines.push_back({{"text", headline.text}, {"detail", headline.detail}});
    json selection = {{"actor", design.actor},
                      {"pivot", design.pivot},
                      {"region", design.region.empty() ? json() : json(design.region)},
                      {"powers", design.powers},
                      {"first", request.first},
                      {"last", request.last},
                      {"dimension", asked.dimension},
                      {"draws", asked.draws}};
    // The rows the page's table shows: the dyad's scores of the dimension; the rest is one request away
    // (/api/scores, /api/inputs) rather than in every answer.
    json rows = json::array();
    for (std::size_t k = 0; k < run.rows.size(); ++k) {
      const ScoreRow& row = run.rows[k];
      if (row.level != "dyad" || row.measure != "score" || row.source != design.actor ||
          row.target != design.pivot ||
          std::find(scores.begin(), scores.end(), ScoreNames()[row.score]) == scores.end())
        continue;
      const Spread spread = run.sensitivity ? run.sensitivity->ValueSpread(k) : Spread{};
      rows.push_back({{"year", row.year},
                      {"score", ScoreNames()[row.score]},
                      {"value", Rounded(row.value)},
                      {"median", Rounded(spread.median)},
                      {"p05", Rounded(spread.low)},
                      {"p95", Rounded(spread.high)},
                      {"coverage", Rounded(row.coverage)},
                      {"carried", row.carried},
                      {"missing", row.missing.empty() ? json() : json(row.missing)}});
    }
    return JsonResponse(
        {{"selection", std::move(selection)},
         {"title", CaseTitle(actor, pivot, design.region)},
         {"headlines", std::move(headlines)},
         {"charts", std::move(charts)},
         {"scores", std::move(rows)},
         {"coverage", several ? TableObjects(CoverageByPowerTable(run, design.pivot)) : json::array()}});
  });
}

ApiResponse DashboardApi::Scores(const QueryParams& query) {
  return RefusalsAs400([&] {
    const Selected selected = Select(query, {});
    const std::vector<std::string> scores = DimensionScores(selected.asked.dimension);
    const ScoreSelection kept{{}, {scores.begin(), scores.end()}};
    return JsonResponse({{"scores", TableObjects(ScoreTable(selected.cached->run, kept))}});
  });
}

ApiResponse DashboardApi::Inputs(const QueryParams& query) {
  return RefusalsAs400([&] {
    const Selected selected = Select(query, UnitParameters());
    const LinkageDesign& design = selected.request.design;
    const auto& extra = selected.asked.extra;
    PanelUnit unit{design.actor, design.pivot, 0};
    if (const auto found = extra.find("source"); found != extra.end())
      unit.source = actors_.RequireArgument(found->second).id;
    if (const auto found = extra.find("target"); found != extra.end())
      unit.target = actors_.RequireArgument(found->second).id;
    const auto year = extra.find("year");
    if (year == extra.end()) throw UsageError("no year chosen: year is the year whose inputs are listed");
    const auto parsed = ParseYear(year->second);
    if (!parsed) {
      throw UsageError(
          fmt::format("year '{}' is not a year from {} to {}", year->second, kFirstYear, kLastYear));
    }
    unit.year = *parsed;
    const LinkageRun& run = selected.cached->run;
    const bool in_panel =
        std::any_of(run.traced.panel.units.begin(), run.traced.panel.units.end(), [&](const PanelUnit& key) {
          return key.source == unit.source && key.target == unit.target && key.year == unit.year;
        });
    if (!in_panel) {
      throw UsageError(fmt::format("{} with {} in {} is not a dyad-year of this selection", unit.source,
                                   unit.target, unit.year));
    }
    auto database = connections_.Acquire();
    return JsonResponse({{"unit", {{"source", unit.source}, {"target", unit.target}, {"year", unit.year}}},
                         {"inputs", TableObjects(InputTable(*database, run, OutputFormat::kJson, unit))}});
  });
}

// Compressed once with gzip at the default level: a selection's answer is mostly repeated keys and numbers,
// and compresses several times over, which is what lets many clients be answered at once.
std::string GzipOf(const std::string& body) {
  constexpr int kGzipWindowBits = 15 + 16;
  constexpr int kMemoryLevel = 8;
  z_stream stream{};
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindowBits, kMemoryLevel,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    return "";
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(body.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  stream.avail_in = static_cast<uInt>(body.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return status == Z_STREAM_END ? out : "";
}

std::optional<ApiResponse> DashboardApi::CachedResponse(const std::string& key) const {
  const std::lock_guard lock(responses_mutex_);
  const auto found = responses_.find(key);
  if (found == responses_.end()) return std::nullopt;
  return found->second;
}

void DashboardApi::KeepResponse(const std::string& key, ApiResponse& response) {
  if (response.body.size() > kResponseCacheBytes / 4) return;
  response.gzip_body = GzipOf(response.body);
  const std::size_t bytes = response.body.size() + response.gzip_body.size();
  const std::lock_guard lock(responses_mutex_);
  if (responses_.contains(key)) return;
  while (!responses_order_.empty() && responses_bytes_ + bytes > kResponseCacheBytes) {
    const auto oldest = responses_.find(responses_order_.front());
    responses_bytes_ -= oldest->second.body.size() + oldest->second.gzip_body.size();
    responses_.erase(oldest);
    responses_order_.pop_front();
  }
  responses_.emplace(key, response);
  responses_order_.push_back(key);
  responses_bytes_ += bytes;
}

ApiResponse DashboardApi::Get(const std::string& path, const QueryParams& query) {
  try {
    if (path == "/api/actors") return Actors();
    if (path == "/api/regions") return Regions();
    const std::map<std::string, ApiResponse (DashboardApi::*)(const QueryParams&)> selections = {
        {"/api/charts", &DashboardApi::Charts},
        {"/api/scores", &DashboardApi::Scores},
        {"/api/inputs", &DashboardApi::Inputs}};
    if (const auto endpoint = selections.find(path); endpoint != selections.end()) {
      // The workspace is read-only while served, so an answer (or a refusal) holds for as long as it runs.
      std::string key = path + "?";
      for (const auto& [name, value] : query) key += fmt::format("{}={}&", name, value);
      if (auto cached = CachedResponse(key)) return *std::move(cached);
      ApiResponse response = (this->*(endpoint->second))(query);
      KeepResponse(key, response);
      return response;
    }
  } catch (const Error& error) {
    return ErrorResponse(500, error.what());  // the workspace could not be read, say
  } catch (const std::exception& error) {
    return ErrorResponse(500, fmt::format("internal error: {}", error.what()));
  }
  return ErrorResponse(404, fmt::format("no endpoint {}; the API answers GET /api/actors, /api/regions, "
                                        "/api/charts, /api/scores and /api/inputs (docs/api.md)",
                                        path));
}

}  // namespace linkage
