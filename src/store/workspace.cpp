#include "store/workspace.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>

#include "core/error.hpp"
#include "core/install_paths.hpp"
#include "store/schema.hpp"

namespace linkage {

namespace {
std::string FromEnvironment(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}
}  // namespace

std::string DefaultWorkspacePath() {
  return FromEnvironment("LINKAGE_WORKSPACE", "linkage.db");
}
std::string DefaultDataDir() {
  return ResolveDataFolder("LINKAGE_DATA_DIR", "data", LINKAGE_DEFAULT_DATA_DIR);
}
std::string DefaultIsoCodesDir() {
  return FromEnvironment("LINKAGE_ISO_CODES_DIR", LINKAGE_DEFAULT_ISO_CODES_DIR);
}

std::unique_ptr<Database> OpenWorkspace(const std::string& path) {
  if (!std::filesystem::exists(path)) {
    throw StoreError(
        fmt::format("no workspace at {}; create one with `linkage init --workspace {}`", path, path));
  }
  auto database = std::make_unique<Database>(path, false);
  MigrateSchema(*database);
  return database;
}

std::unique_ptr<Database> CreateWorkspace(const std::string& path) {
  if (std::filesystem::exists(path)) throw StoreError(fmt::format("{} already exists", path));
  auto database = std::make_unique<Database>(path, true);
  MigrateSchema(*database);
  return database;
}

}  // namespace linkage
