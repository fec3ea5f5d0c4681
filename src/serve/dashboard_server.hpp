// serve/dashboard_server.hpp
// The HTTP side of `linkage serve`: the dashboard page, the charting libraries it loads and the JSON API, all
// from memory on one local port, so the page needs no network beyond this server.
#pragma once

#include <httplib.h>

#include <cstddef>
#include <string>

#include "report/html_report.hpp"
#include "serve/dashboard_api.hpp"

namespace linkage {

//! What the server sends besides the API.
struct DashboardAssets {
  std::string page;          //!< web/dashboard.html
  ChartLibraries libraries;  //!< served as /lib/vega.js, /lib/vega-lite.js and /lib/vega-embed.js
};

//! Reads dashboard.html from $LINKAGE_WEB_DIR or the source tree's web/ folder (NotFoundError when it is
//! missing).
std::string LoadDashboardPage();

//! The bounds that keep the dashboard serving under load or abuse (docs/reliability.md has the measurements).
struct ServerLimits {
  std::size_t workers = 2048;             //!< threads answering connections: idle ones hold one each
  int read_timeout_seconds = 3;           //!< for a request's headers and body to arrive
  int write_timeout_seconds = 30;         //!< for a response to be taken
  int keep_alive_seconds = 5;             //!< how long an idle kept-alive connection holds its thread
  std::size_t keep_alive_requests = 100;  //!< requests on one connection before it is closed
  int listen_backlog = 4096;              //!< connections waiting to be accepted
  std::size_t max_request_bytes = std::size_t{64}
                                  << 10;  //!< a GET carries no body; anything larger is refused
};

//! An HTTP server of one DashboardApi. Answers GET only: the API is read-only.
class DashboardServer {
 public:
  //! Routes `/`, `/lib/*.js` and `/api/*`; `api` must outlive the server.
  DashboardServer(DashboardApi& api, DashboardAssets assets, ServerLimits limits = {});
  DashboardServer(const DashboardServer&) = delete;
  DashboardServer& operator=(const DashboardServer&) = delete;

  //! Binds `host`:`port`, any free port when `port` is 0, and returns the port (UsageError when impossible).
  int Bind(const std::string& host, int port);
  //! Serves on the bound port until Stop(); false when it could not.
  bool Listen();
  //! Whether Listen() is accepting connections.
  bool IsRunning() const;
  //! Makes Listen() return once the requests in progress are answered; callable from any thread.
  void Stop();

 private:
  DashboardApi& api_;
  ServerLimits limits_;
  int listening_socket_ = -1;
  httplib::Server server_;
};

}  // namespace linkage
