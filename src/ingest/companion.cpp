#include "ingest/companion.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <regex>
#include <vector>

#include "core/error.hpp"
#include "core/text.hpp"

namespace linkage {

std::string FindCompanion(const std::string& path, const char* pattern) {
  const auto folder = std::filesystem::path(path).parent_path();
  const std::regex name(pattern, std::regex::icase);
  std::vector<std::string> found;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder.empty() ? "." : folder, error)) {
    if (std::regex_match(entry.path().filename().string(), name)) found.push_back(entry.path().string());
  }
  if (found.size() > 1) {
    throw InputError({path, 0, 0, ""},
                     fmt::format("several files beside it match {}: {}", pattern, text::Join(found, ", ")),
                     "one companion table beside the data file (or name it with --companion)");
  }
  return found.empty() ? std::string() : found.front();
}

}  // namespace linkage
