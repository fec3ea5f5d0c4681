// support/temp_workspace.hpp
// A fresh temporary folder per test, with helpers to build a workspace and to run the real binary in it.
#pragma once

#include <filesystem>
#include <string>

namespace linkage::testing {

//! A temporary folder removed when the object goes out of scope.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  //! The folder.
  const std::filesystem::path& Path() const { return path_; }
  //! A path inside the folder.
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

//! Builds a workspace with actors, institutions and regions only (no trade data) at `path`.
void BuildCoreWorkspace(const std::string& path);
//! The path of a test fixture under tests/data.
std::string Fixture(const std::string& relative);
//! The project's embedded data folder.
std::string ProjectData(const std::string& relative);
//! SHA-256 of a file, to prove a failed import left it unchanged.
std::string FileDigest(const std::string& path);

//! The outcome of running the linkage binary.
struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
//! Runs `linkage ARGS` with the working directory `cwd`, capturing stdout and stderr.
RunResult RunLinkage(const std::string& arguments, const std::filesystem::path& cwd);

}  // namespace linkage::testing
