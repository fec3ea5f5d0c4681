#include "core/install_paths.hpp"

#include <cstdlib>
#include <system_error>

namespace linkage {

std::filesystem::path InstalledShareDir(const std::string& relative) {
  std::error_code error;
  // /proc/self/exe names the binary itself, whatever path or symbolic link started it.
  const std::filesystem::path binary = std::filesystem::canonical("/proc/self/exe", error);
  if (error) return {};
  const std::filesystem::path folder = binary.parent_path().parent_path() / "share" / "linkage" / relative;
  return std::filesystem::is_directory(folder, error) ? folder : std::filesystem::path();
}

std::string ResolveDataFolder(const char* variable, const std::string& relative, const char* built_in) {
  const char* value = std::getenv(variable);
  if (value != nullptr && *value != '\0') return value;
  const std::filesystem::path installed = InstalledShareDir(relative);
  return installed.empty() ? built_in : installed.string();
}

}  // namespace linkage
