#include "core/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace linkage {

namespace {

constexpr int kBarWidth = 24;
// Redrawing more often than this only costs time; the eye cannot follow it.
constexpr std::chrono::milliseconds kRedrawInterval(100);

std::string Amount(std::uint64_t amount, ProgressUnit unit) {
  if (unit == ProgressUnit::kBytes) return fmt::format("{:.1f}", static_cast<double>(amount) / 1e6);
  return fmt::format("{}", amount);
}

std::string Duration(double seconds) {
  const long long whole = std::llround(seconds);
  return fmt::format("{}:{:02}", whole / 60, whole % 60);
}

}  // namespace

ProgressBar::ProgressBar(std::string label, std::uint64_t total, std::string unit_name, ProgressUnit unit)
    : ProgressBar(std::move(label), total, std::move(unit_name), unit, stderr, StderrIsTerminal()) {}

ProgressBar::ProgressBar(std::string label, std::uint64_t total, std::string unit_name, ProgressUnit unit,
                         std::FILE* out, bool enabled)
    : label_(std::move(label)),
      total_(total),
      unit_name_(std::move(unit_name)),
      unit_(unit),
      out_(out),
      enabled_(enabled) {}

ProgressBar::~ProgressBar() {
  if (enabled_ && !finished_) {
    std::fputs("\n", out_);
    std::fflush(out_);
  }
}

bool ProgressBar::StderrIsTerminal() {
  const char* term = std::getenv("TERM");
  return isatty(fileno(stderr)) != 0 && (term == nullptr || std::strcmp(term, "dumb") != 0);
}

std::string ProgressBar::Line(const std::string& label, std::uint64_t done, std::uint64_t total,
                              const std::string& unit_name, ProgressUnit unit, double elapsed_seconds,
                              const std::string& note) {
  const double share =
      total == 0 ? 1.0 : std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
  const auto filled = static_cast<int>(share * kBarWidth);
  std::string line = fmt::format("{} [{}{}] {}/{} {} {:3.0f}%  {} spent", label, std::string(filled, '#'),
                                 std::string(kBarWidth - filled, '.'), Amount(done, unit),
                                 Amount(total, unit), unit_name, 100 * share, Duration(elapsed_seconds));
  if (done > 0 && done < total)
    line += fmt::format(", {} left", Duration(elapsed_seconds * static_cast<double>(total - done) /
                                              static_cast<double>(done)));
  if (!note.empty()) line += "  " + note;
  return line;
}

void ProgressBar::Advance(std::uint64_t amount, const std::string& note) {
  if (!enabled_) return;
  const std::lock_guard lock(mutex_);
  done_ += amount;
  if (!note.empty()) note_ = note;
  Draw(false);
}

void ProgressBar::Finish() {
  if (!enabled_) return;
  const std::lock_guard lock(mutex_);
  if (finished_) return;
  Draw(true);
  std::fputs("\n", out_);
  std::fflush(out_);
  finished_ = true;
}

void ProgressBar::Draw(bool force) {
  const auto now = std::chrono::steady_clock::now();
  if (!force && now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  // \r returns to the start of the line and \x1b[K clears what a longer earlier line left behind.
  fmt::print(out_, "\r{}\x1b[K", Line(label_, done_, total_, unit_name_, unit_, elapsed, note_));
  std::fflush(out_);
}

}  // namespace linkage
