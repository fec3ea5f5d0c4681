#include "core/error.hpp"

#include <fmt/format.h>

namespace linkage {

std::string SourceLocation::Describe() const {
  std::string text = file.empty() ? "<input>" : file;
  if (line > 0) text += fmt::format(":{}", line);
  if (column > 0) text += fmt::format(":{}", column);
  if (!column_name.empty()) text += fmt::format(" (column '{}')", column_name);
  return text;
}

namespace {
std::string Compose(const SourceLocation& where, const std::string& problem, const std::string& expected,
                    const std::string& raw_line) {
  std::string text = fmt::format("{}: {}", where.Describe(), problem);
  if (!expected.empty()) text += fmt::format("\n  expected: {}", expected);
  if (!raw_line.empty()) {
    constexpr std::size_t kMaxShown = 200;
    text += fmt::format("\n  line: {}",
                        raw_line.size() > kMaxShown ? raw_line.substr(0, kMaxShown) + "..." : raw_line);
  }
  return text;
}
}  // namespace

InputError::InputError(SourceLocation where, const std::string& problem, const std::string& expected,
                       const std::string& raw_line)
    : Error(ExitCode::kInput, Compose(where, problem, expected, raw_line)), where_(std::move(where)) {}

}  // namespace linkage
