// core/progress.hpp
// A progress bar for long work (workspace builds, sweeps, Monte Carlo draws): counts, share done, time spent
// and time left, redrawn in place on a terminal and silent when stderr is a file or a pipe.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>

namespace linkage {

//! What a progress bar counts: plain items ("draws") or bytes, shown in MB.
enum class ProgressUnit { kItems, kBytes };

//! One line on stderr that shows how far a piece of work has got. Thread-safe.
class ProgressBar {
 public:
  //! A bar on stderr, drawn only when stderr is a terminal.
  ProgressBar(std::string label, std::uint64_t total, std::string unit_name,
              ProgressUnit unit = ProgressUnit::kItems);
  //! A bar on `out`, drawn when `enabled` (tests draw into a file).
  ProgressBar(std::string label, std::uint64_t total, std::string unit_name, ProgressUnit unit,
              std::FILE* out, bool enabled);
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  //! Ends the line if Finish() was not called (an exception unwinding through the work, say).
  ~ProgressBar();

  //! Counts `amount` more done; `note` (a file name, say) is shown after the counts.
  void Advance(std::uint64_t amount = 1, const std::string& note = "");
  //! Draws the final state and ends the line.
  void Finish();

  //! The text of the bar after `done` of `total` in `elapsed_seconds` (time left extrapolated at the rate so
  //! far; unknown until something is done).
  static std::string Line(const std::string& label, std::uint64_t done, std::uint64_t total,
                          const std::string& unit_name, ProgressUnit unit, double elapsed_seconds,
                          const std::string& note);

  //! Whether stderr is a terminal that can redraw a line.
  static bool StderrIsTerminal();

 private:
  void Draw(bool force);

  std::string label_;
  std::uint64_t total_;
  std::string unit_name_;
  ProgressUnit unit_;
  std::FILE* out_;
  bool enabled_;
  bool finished_ = false;
  std::uint64_t done_ = 0;
  std::string note_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_draw_{};
  std::mutex mutex_;
};

}  // namespace linkage
