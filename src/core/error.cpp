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
    std::string shown = raw_line.size() > kMaxShown ? raw_line.substr(0, kMaxShown) + "..." : raw_line;
    // Control bytes (a NUL of a damaged file, say) would garble a terminal: shown as '?'.
    for (char& c : shown) {
      if (static_cast<unsigned char>(c) < 0x20 && c != '\t') c = '?';
    }
    text += fmt::format("\n  line: {}", shown);
  }
  return text;
}
}  // namespace

InputError::InputError(SourceLocation where, const std::string& problem, const std::string& expected,
                       const std::string& raw_line)
    : Error(ExitCode::kInput, Compose(where, problem, expected, raw_line)), where_(std::move(where)) {}

}  // namespace linkage
