#include "report/web_assets.hpp"

#include "core/install_paths.hpp"

namespace linkage {

std::filesystem::path WebDir() {
  return ResolveDataFolder("LINKAGE_WEB_DIR", "web", LINKAGE_DEFAULT_WEB_DIR);
}

std::filesystem::path NodeModulesDir() {
  return WebDir() / "node_modules";
}

}  // namespace linkage
