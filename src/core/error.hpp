// core/error.hpp
// Typed errors for failures that end a command. Each carries the exit code main() maps it to.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace linkage {

//! Exit codes of the linkage binary, one per kind of failure.
enum class ExitCode : int {
  kOk = 0,
  kUsage = 2,     //!< the command line was wrong
  kInput = 3,     //!< a user file or value was malformed
  kNotFound = 4,  //!< a name, actor or record does not exist
  kStore = 5,     //!< the workspace database could not be read or written
  kTool = 6,      //!< a program Linkage drives (Graphviz, the browser that exports figures) failed
  kInternal = 70  //!< a bug
};

//! Base of every error that ends a command; main() catches it once.
class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  //! The process exit code this error maps to.
  ExitCode Code() const { return code_; }

 private:
  ExitCode code_;
};

//! The command line asked for something impossible (bad flag value, missing argument).
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(ExitCode::kUsage, message) {}
};

//! Where in a user file a problem sits. Line and column are 1-based; 0 means "not known".
struct SourceLocation {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;
  std::string column_name;
  //! "file:line:column (column 'name')" with the unknown parts left out.
  std::string Describe() const;
};

//! A user file, row or value is malformed. The message names where, what was found and what was expected.
class InputError : public Error {
 public:
  InputError(SourceLocation where, const std::string& problem, const std::string& expected = "",
             const std::string& raw_line = "");
  //! Where the problem was found.
  const SourceLocation& Where() const { return where_; }

 private:
  SourceLocation where_;
};

//! A name or record the user asked for does not exist (an unknown actor on the command line, say).
class NotFoundError : public Error {
 public:
  explicit NotFoundError(const std::string& message) : Error(ExitCode::kNotFound, message) {}
};

//! The workspace could not be opened, migrated, read or written.
class StoreError : public Error {
 public:
  explicit StoreError(const std::string& message) : Error(ExitCode::kStore, message) {}
};

//! A program Linkage drives could not do its part (Graphviz laying out a figure, the browser exporting one).
class ToolError : public Error {
 public:
  explicit ToolError(const std::string& message) : Error(ExitCode::kTool, message) {}
};

}  // namespace linkage
