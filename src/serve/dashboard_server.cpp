#include "serve/dashboard_server.hpp"

#include <fmt/format.h>
#include <sys/socket.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "report/web_assets.hpp"

namespace linkage {

namespace {

using HandlerResponse = httplib::Server::HandlerResponse;

bool AcceptsGzip(const httplib::Request& request) {
  return request.get_header_value("Accept-Encoding").find("gzip") != std::string::npos;
}

// Sends `body`, or its gzip form `gzip` (when made) to a client that accepts gzip. httplib would otherwise
// compress text on every request, with brotli at its slowest level when the client accepts brotli (seconds
// for a large answer): bodies compressed once are kept instead, and the rest go out as they are, through a
// content provider, which httplib does not compress.
void SendBody(const httplib::Request& request, httplib::Response& response, int status,
              const std::string& content_type, std::shared_ptr<const std::string> body,
              std::shared_ptr<const std::string> gzip) {
  response.status = status;
  if (status >= 400) {
    // Kept in the body, where the error handler sees that the answer is made; the charset parameter keeps
    // httplib from compressing it (it compresses "application/json" and "text/..." only).
    response.set_content(*body, content_type.c_str());
    return;
  }
  response.set_header("Vary", "Accept-Encoding");
  if (gzip && !gzip->empty() && AcceptsGzip(request)) {
    response.set_header("Content-Encoding", "gzip");
    body = std::move(gzip);
  }
  const std::size_t length = body->size();
  response.set_content_provider(
      length, content_type.c_str(),
      [body = std::move(body)](std::size_t offset, std::size_t size, httplib::DataSink& sink) {
        return sink.write(body->data() + offset, size);
      });
}

void Send(const httplib::Request& request, httplib::Response& response, const ApiResponse& answer) {
  SendBody(request, response, answer.status, answer.content_type + "; charset=utf-8",
           std::make_shared<std::string>(answer.body),
           answer.gzip_body.empty() ? nullptr : std::make_shared<std::string>(answer.gzip_body));
}

}  // namespace

std::string LoadDashboardPage() {
  const std::filesystem::path path = WebDir() / "dashboard.html";
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw NotFoundError(
        fmt::format("the dashboard page {} is missing; set LINKAGE_WEB_DIR to the web/ "
                    "folder of the Linkage sources",
                    path.string()));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

DashboardServer::DashboardServer(DashboardApi& api, DashboardAssets assets, ServerLimits limits)
    : api_(api), limits_(limits) {
  // httplib gives each connection a worker for as long as it stays open, so idle connections (or slow
  // ones) take workers from everyone else: many workers, and short timeouts for headers, bodies and idle
  // kept-alive connections, keep the dashboard answering (500 idle connections, 1,000 concurrent requests).
  const std::size_t workers = limits_.workers;
  server_.new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
  server_.set_read_timeout(limits_.read_timeout_seconds, 0);
  server_.set_write_timeout(limits_.write_timeout_seconds, 0);
  server_.set_keep_alive_timeout(limits_.keep_alive_seconds);
  server_.set_keep_alive_max_count(limits_.keep_alive_requests);
  server_.set_payload_max_length(limits_.max_request_bytes);
  // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, with which a second `serve` on a taken port
  // starts without an error and takes half of the first one's connections.
  server_.set_socket_options([this](socket_t socket) {
    const int yes = 1;
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    listening_socket_ = socket;
  });
  server_.set_pre_routing_handler([](const httplib::Request& request, httplib::Response& response) {
    if (request.method == "GET" || request.method == "HEAD") return HandlerResponse::Unhandled;
    Send(request, response,
         ErrorResponse(405, fmt::format("{} is not allowed: the dashboard's API is read-only and "
                                        "answers GET only",
                                        request.method)));
    return HandlerResponse::Handled;
  });
  // The page and the libraries are compressed once, here, rather than per request.
  const auto page = std::make_shared<const std::string>(std::move(assets.page));
  const auto page_gzip = std::make_shared<const std::string>(GzipOf(*page));
  server_.Get("/", [page, page_gzip](const httplib::Request& request, httplib::Response& response) {
    SendBody(request, response, 200, "text/html; charset=utf-8", page, page_gzip);
  });
  const std::pair<const char*, std::string*> libraries[] = {
      {"/lib/vega.js", &assets.libraries.vega},
      {"/lib/vega-lite.js", &assets.libraries.vega_lite},
      {"/lib/vega-embed.js", &assets.libraries.vega_embed}};
  for (const auto& library : libraries) {
    const auto script = std::make_shared<const std::string>(std::move(*library.second));
    const auto script_gzip = std::make_shared<const std::string>(GzipOf(*script));
    server_.Get(library.first,
                [script, script_gzip](const httplib::Request& request, httplib::Response& response) {
                  SendBody(request, response, 200, "text/javascript; charset=utf-8", script, script_gzip);
                });
  }
  server_.Get("/api/.*", [this](const httplib::Request& request, httplib::Response& response) {
    Send(request, response, api_.Get(request.path, request.params));
  });
  // httplib calls this for every status from 400 on; only a path no route matched arrives without a body.
  server_.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request& request, httplib::Response& response) {
        if (!response.body.empty()) return HandlerResponse::Unhandled;
        const int status = response.status;
        Send(request, response,
             ErrorResponse(status, status == 404 ? fmt::format("no page {}; the dashboard is at / and "
                                                               "its API under /api/ (docs/api.md)",
                                                               request.path)
                                                 : fmt::format("HTTP status {}", status)));
        return HandlerResponse::Handled;
      }));
}

int DashboardServer::Bind(const std::string& host, int port) {
  const int bound =
      port == 0 ? server_.bind_to_any_port(host) : (server_.bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    throw UsageError(
        fmt::format("cannot listen on {}:{}: the port is taken, not allowed or the host is not "
                    "an address of this machine",
                    host, port));
  }
  // httplib listens with a backlog of 5, which drops connections under a burst; listen() again raises it.
  if (listening_socket_ >= 0) ::listen(listening_socket_, limits_.listen_backlog);
  return bound;
}

bool DashboardServer::Listen() {
  return server_.listen_after_bind();
}

bool DashboardServer::IsRunning() const {
  return server_.is_running();
}

void DashboardServer::Stop() {
  server_.stop();
}

}  // namespace linkage
