#include "serve/dashboard_api.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <set>

// The dashboard resolves a selection exactly as `linkage index` and `linkage report` resolve their options,
// so that the same names are accepted and refused with the same messages.
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/years.hpp"
#include "model/design_request.hpp"
#include "model/milestone_dates.hpp"
#include "report/charts.hpp"
#include "report/index_tables.hpp"

namespace linkage {

namespace {

using json = nlohmann::json;

// Runs of the model kept for reuse; a run with draws holds every draw's rows, so the cache stays small.
constexpr std::size_t kCachedRuns = 16;

constexpr std::array<const char*, 4> kDimensions = {"overall", "economic", "security", "political"};
constexpr std::array<const char*, 6> kChartParameters = {"dyad",  "region",    "powers",
                                                         "years", "dimension", "draws"};

// Invalid UTF-8 in a stored name must not turn an answer into a server error.
std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

ApiResponse JsonResponse(const json& value) {
  return {200, "application/json", Dump(value)};
}

// What /api/charts was asked, before the names are resolved.
struct ChartQuery {
  std::string dyad;
  std::string region;
  std::string powers;
  std::string years;
  std::string dimension = "overall";
  std::size_t draws = 0;
};

ChartQuery ParseChartQuery(const QueryParams& query) {
  std::map<std::string, std::string> values;
  for (const auto& [name, value] : query) {
    if (std::find(kChartParameters.begin(), kChartParameters.end(), name) == kChartParameters.end()) {
      throw UsageError(fmt::format("unknown parameter '{}'; /api/charts takes {}", name,
                                   text::Join({kChartParameters.begin(), kChartParameters.end()}, ", ")));
    }
    if (!values.emplace(name, std::string(text::Trim(value))).second)
      throw UsageError(fmt::format("parameter '{}' is given twice", name));
  }
  ChartQuery parsed;
  parsed.dyad = values["dyad"];
  parsed.region = values["region"];
  parsed.powers = values["powers"];
  parsed.years = values["years"];
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

std::unique_ptr<Database> QueryOnly(std::unique_ptr<Database> database) {
  // The Database class opens read-write (it migrates old workspaces); this makes SQLite refuse any change
  // the dashboard's readers might attempt.
  database->Execute("PRAGMA query_only = ON");
  return database;
}

}  // namespace

ApiResponse ErrorResponse(int status, const std::string& message) {
  return {status, "application/json", Dump({{"error", message}})};
}

DashboardApi::DashboardApi(std::unique_ptr<Database> database)
    : database_(QueryOnly(std::move(database))), actors_(*database_) {}

std::size_t DashboardApi::ModelRuns() const {
  const std::lock_guard lock(mutex_);
  return model_runs_;
}

ApiResponse DashboardApi::Actors() {
  json actors = json::array();
  for (const auto& [id, actor] : actors_.All())
    actors.push_back({{"id", id}, {"name", actor.name}, {"kind", std::string(KindName(actor.kind))}});
  return JsonResponse({{"actors", std::move(actors)}});
}

ApiResponse DashboardApi::Regions() {
  const std::lock_guard lock(mutex_);
  json regions = json::array();
  Statement query(*database_,
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

std::shared_ptr<const DashboardApi::CachedRun> DashboardApi::Run(const LinkageRequest& request) {
  const LinkageDesign& design = request.design;
  const std::string key =
      fmt::format("{}|{}|{}|{}|{}|{}|{}", design.actor, design.pivot, design.region,
                  text::Join(design.powers, ","), request.first, request.last, request.sensitivity.draws);
  if (const auto found = cache_.find(key); found != cache_.end()) return found->second;
  TradeData data(*database_);
  TradeTerms terms(*database_, data, actors_);
  auto cached = std::make_shared<CachedRun>();
  cached->run = RunLinkageModel(*database_, terms, request);
  cached->dates = MilestoneBreakDates(*database_, design.actor, design.pivot, request.first, request.last);
  ++model_runs_;
  if (cache_order_.size() == kCachedRuns) {
    cache_.erase(cache_order_.front());
    cache_order_.pop_front();
  }
  cache_.emplace(key, cached);
  cache_order_.push_back(key);
  return cached;
}

ApiResponse DashboardApi::Charts(const QueryParams& query) {
  try {
    const ChartQuery asked = ParseChartQuery(query);
    const std::lock_guard lock(mutex_);
    LinkageRequest request;
    request.design = ResolveDesign(SplitDyad(asked.dyad), asked.powers, asked.region, *database_, actors_);
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
    const auto cached = Run(request);
    const LinkageRun& run = cached->run;
    const LinkageDesign& design = request.design;
    const std::vector<std::string> scores = DimensionScores(asked.dimension);
    if (!HasScore(run, design, scores)) {
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

    const std::string share = ShareScore(asked.dimension);
    json charts = json::array();
    charts.push_back(Chart(
        "scores",
        fmt::format("{} of {} with {}", DimensionTitle(asked.dimension), design.actor, design.pivot),
        ScoreBandChart(run, design.actor, design.pivot, scores, cached->dates),
        "dashed rules: the dyad's milestones; hollow points: a score resting on an input carried forward"));
    const bool several = design.powers.size() > 1;
    const std::string alone = "choose other powers to compare their shares";
    charts.push_back(
        Chart("powers-pivot", fmt::format("The powers' shares of {} with {}", Spoken(share), design.pivot),
              several ? PowerShareChart(run, design.pivot, share) : json(), several ? "" : alone));
    if (design.region.empty()) {
      charts.push_back(Chart("powers-region", "The powers' shares with a region", json(),
                             "choose a region to see the powers' shares of its ties"));
    } else {
      charts.push_back(Chart(
          "powers-region", fmt::format("The powers' shares of {} with {}", Spoken(share), design.region),
          several ? PowerShareChart(run, design.region, share) : json(), several ? "" : alone));
    }
    json selection = {{"actor", design.actor},
                      {"pivot", design.pivot},
                      {"region", design.region.empty() ? json() : json(design.region)},
                      {"powers", design.powers},
                      {"first", request.first},
                      {"last", request.last},
                      {"dimension", asked.dimension},
                      {"draws", asked.draws}};
    const ScoreSelection kept{{}, {scores.begin(), scores.end()}};
    return JsonResponse(
        {{"selection", std::move(selection)},
         {"charts", std::move(charts)},
         {"scores", TableObjects(ScoreTable(run, kept))},
         {"coverage", several ? TableObjects(CoverageByPowerTable(run, design.pivot)) : json::array()}});
  } catch (const UsageError& error) {
    return ErrorResponse(400, error.what());
  } catch (const NotFoundError& error) {
    return ErrorResponse(400, error.what());
  } catch (const InputError& error) {
    return ErrorResponse(400, error.what());
  }
}

// The body compressed once with gzip: the charts of a selection are mostly repeated keys and numbers, and
// compress about twentyfold, which is what lets many clients be answered at once.
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
    if (path == "/api/charts") {
      // The workspace is read-only while served, so an answer (or a refusal) holds for as long as it runs.
      std::string key;
      for (const auto& [name, value] : query) key += fmt::format("{}={}&", name, value);
      if (auto cached = CachedResponse(key)) return *std::move(cached);
      ApiResponse response = Charts(query);
      KeepResponse(key, response);
      return response;
    }
  } catch (const Error& error) {
    return ErrorResponse(500, error.what());  // the workspace could not be read, say
  } catch (const std::exception& error) {
    return ErrorResponse(500, fmt::format("internal error: {}", error.what()));
  }
  return ErrorResponse(404, fmt::format("no endpoint {}; the API answers GET /api/actors, /api/regions and "
                                        "/api/charts (docs/api.md)",
                                        path));
}

}  // namespace linkage
