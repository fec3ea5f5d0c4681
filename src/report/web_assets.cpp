#include "report/web_assets.hpp"

#include <cstdlib>

namespace linkage {

std::filesystem::path WebDir() {
  const char* override_dir = std::getenv("LINKAGE_WEB_DIR");
  return override_dir != nullptr && *override_dir != '\0' ? override_dir : LINKAGE_DEFAULT_WEB_DIR;
}

std::filesystem::path NodeModulesDir() {
  return WebDir() / "node_modules";
}

}  // namespace linkage
