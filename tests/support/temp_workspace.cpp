#include "support/temp_workspace.hpp"

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>

#include "core/checksum.hpp"
#include "ingest/default_data.hpp"
#include "store/workspace.hpp"

namespace linkage::testing {

TempDir::TempDir() {
  std::random_device device;
  path_ = std::filesystem::temp_directory_path() / fmt::format("linkage-test-{:x}", device());
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

void BuildCoreWorkspace(const std::string& path) {
  BuildWorkspace({path, LINKAGE_DEFAULT_DATA_DIR, LINKAGE_DEFAULT_ISO_CODES_DIR, false},
                 [](const BuildProgress&) {});
}

std::string Fixture(const std::string& relative) {
  return std::string(LINKAGE_TEST_DATA_DIR) + "/" + relative;
}
std::string ProjectData(const std::string& relative) {
  return std::string(LINKAGE_DEFAULT_DATA_DIR) + "/" + relative;
}
std::string FileDigest(const std::string& path) {
  return Sha256OfFile(path);
}

namespace {
std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}
}  // namespace

RunResult RunLinkage(const std::string& arguments, const std::filesystem::path& cwd) {
  const auto out = cwd / ".stdout";
  const auto err = cwd / ".stderr";
  const std::string command = fmt::format("cd '{}' && '{}' {} >'{}' 2>'{}' </dev/null", cwd.string(),
                                          LINKAGE_BINARY, arguments, out.string(), err.string());
  const int status = std::system(command.c_str());
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = Slurp(out);
  result.err = Slurp(err);
  return result;
}

}  // namespace linkage::testing
