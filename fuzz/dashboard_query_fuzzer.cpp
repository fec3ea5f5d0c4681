// The dashboard's query parsing: arbitrary query strings for /api/charts (and other paths) against a
// workspace of actors and regions only, where a well-formed selection ends quickly for want of data.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "fuzz_support.hpp"
#include "registry/actor_catalog.hpp"
#include "serve/dashboard_api.hpp"
#include "store/workspace.hpp"

namespace {

std::unique_ptr<linkage::DashboardApi> api;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  const std::string path = (linkage::fuzz::ScratchDir() / "serve.db").string();
  {
    auto database = linkage::CreateWorkspace(path);
    linkage::BuildActorCatalog(*database, linkage::DefaultDataDir(), linkage::DefaultIsoCodesDir());
  }
  api = std::make_unique<linkage::DashboardApi>(linkage::OpenWorkspace(path));
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  // "path?query": the part before '?' is the path, the rest is parsed as httplib parses a request's.
  const auto mark = text.find('?');
  const std::string path = mark == std::string::npos ? "/api/charts" : text.substr(0, mark);
  httplib::Params params;
  httplib::detail::parse_query_text(mark == std::string::npos ? text : text.substr(mark + 1), params);
  const linkage::ApiResponse response = api->Get(path, params);
  // The API answers every request itself: a 500 is a bug.
  if (response.status == 500) __builtin_trap();
  return 0;
}
