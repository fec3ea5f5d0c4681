// serve/dashboard_api.hpp
// The read-only JSON API behind `linkage serve`: a workspace's actors and regions, and the charts of one
// selection (dyad, region, powers, years, dimension) drawn from a run of the linkage model (docs/api.md).
#pragma once

#include <cstddef>
#include <deque>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "model/linkage_model.hpp"
#include "model/score_tests.hpp"
#include "registry/actor_registry.hpp"
#include "report/headlines.hpp"
#include "serve/connection_pool.hpp"
#include "store/database.hpp"

namespace linkage {

//! An HTTP answer before it is sent, so that the API can be tested without a server.
struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::string gzip_body;  //!< the body gzip-compressed, for clients that accept it; empty when not made
};

//! Query parameters by name (the type httplib::Params is, so a request's parameters pass straight in).
using QueryParams = std::multimap<std::string, std::string>;

//! The most sensitivity draws one request may ask for: each draw reruns the scoring.
constexpr std::size_t kMaxDashboardDraws = 200;
//! The longest span of years one request may ask for (the command line has no such bound).
constexpr int kMaxDashboardYears = 100;
//! The most powers one request may compare.
constexpr std::size_t kMaxDashboardPowers = 12;
//! The memory the answers kept for repeated requests may take.
constexpr std::size_t kResponseCacheBytes = std::size_t{64} << 20;
//! The most workspace connections the dashboard reads through at once (one per selection being computed).
constexpr std::size_t kMaxDashboardConnections = 8;

//! Answers the dashboard's GET requests from one workspace; safe to call from several threads at once.
class DashboardApi {
 public:
  //! Serves `database`, whose connection it sets to refuse every write (PRAGMA query_only), and further
  //! connections to the same file for selections computed at the same time.
  explicit DashboardApi(std::unique_ptr<Database> database);

  //! GET /api/actors: every actor with its id, name and kind.
  ApiResponse Actors();
  //! GET /api/regions: every region with its members' spells.
  ApiResponse Regions();
  //! GET /api/charts: the Vega-Lite charts of a selection and the dyad's score rows the page draws (numbers
  //! rounded to what a chart shows); 400 for a selection that names unknown actors or regions, bad years or
  //! dimension, or that has no data.
  ApiResponse Charts(const QueryParams& query);
  //! GET /api/scores: every score row of the selection's dimension at every level, unrounded, with the
  //! notes on what each comparison left out.
  ApiResponse Scores(const QueryParams& query);
  //! GET /api/inputs: the inputs of one dyad-year of the selection (`source`, `target`, `year`; the dyad by
  //! default) with their raw and normalised values, steps and the stored rows they were read from.
  ApiResponse Inputs(const QueryParams& query);
  //! Routes a GET of `path` under /api/ to the endpoint; 404 for any other path.
  ApiResponse Get(const std::string& path, const QueryParams& query);
  //! How many times the model has run; the rest were answered from the cache.
  std::size_t ModelRuns() const;

 private:
  // A run of the model for one resolved selection, whatever the dimension shown.
  struct CachedRun {
    LinkageRun run;
    std::vector<BreakDate> dates;
    std::vector<Headline> headlines;  // the report's findings for this selection
  };
  // The resolved selection an endpoint answers for, with the connection it was resolved on.
  struct Selected;
  Selected Select(const QueryParams& query, const std::vector<std::string>& extra);
  std::shared_ptr<const CachedRun> Run(Database& database, const LinkageRequest& request);
  // The names and colours of a selection's charts.
  ChartStyle Style(const LinkageDesign& design) const;

  // Answers already given, by request, so that a repeated request needs neither the model nor a connection.
  std::optional<ApiResponse> CachedResponse(const std::string& key) const;
  void KeepResponse(const std::string& key, ApiResponse& response);

  mutable std::mutex responses_mutex_;
  std::map<std::string, ApiResponse> responses_;
  std::deque<std::string> responses_order_;  // oldest first
  std::size_t responses_bytes_ = 0;

  // A SQLite connection serves one thread at a time: each request leases its own, so that independent
  // selections are computed at once.
  ConnectionPool connections_;
  ActorRegistry actors_;
  std::map<std::string, std::string> names_;  // every actor's short name, made once
  // The runs: finished ones kept for reuse, and those being computed, which a request for the same selection
  // waits for instead of running the model again.
  mutable std::mutex runs_mutex_;
  std::map<std::string, std::shared_ptr<const CachedRun>> cache_;
  std::deque<std::string> cache_order_;  // oldest first, to bound the cache
  std::map<std::string, std::shared_future<std::shared_ptr<const CachedRun>>> running_;
  std::size_t model_runs_ = 0;
};

//! A JSON error response: {"error": message}.
ApiResponse ErrorResponse(int status, const std::string& message);

//! The gzip form of `body`, made once per answer or asset kept; empty when zlib fails.
std::string GzipOf(const std::string& body);

}  // namespace linkage
