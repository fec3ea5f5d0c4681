#include "core/progress.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>

namespace linkage {
namespace {

TEST(ProgressTest, LineShowsCountsShareAndTimeLeftAtTheRateSoFar) {
  // 50 of 200 draws in 10 s: 25%, a quarter of the bar, 150 draws left at 5 per second = 30 s.
  EXPECT_EQ(ProgressBar::Line("sensitivity", 50, 200, "draws", ProgressUnit::kItems, 10, ""),
            "sensitivity [######..................] 50/200 draws  25%  0:10 spent, 0:30 left");
  // Bytes in MB; nothing done yet means no estimate; a note comes last.
  EXPECT_EQ(ProgressBar::Line("building workspace", 0, 2500000, "MB", ProgressUnit::kBytes, 0.2, "a.csv"),
            "building workspace [........................] 0.0/2.5 MB   0%  0:00 spent  a.csv");
  EXPECT_EQ(ProgressBar::Line("sweep", 3, 3, "stages", ProgressUnit::kItems, 75, "done"),
            "sweep [########################] 3/3 stages 100%  1:15 spent  done");
}

std::string Drawn(bool enabled) {
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::tmpfile(), &std::fclose);
  {
    ProgressBar bar("draws", 4, "draws", ProgressUnit::kItems, file.get(), enabled);
    for (int k = 0; k < 4; ++k) bar.Advance();
    bar.Finish();
  }
  std::rewind(file.get());
  std::string text;
  for (int c = std::fgetc(file.get()); c != EOF; c = std::fgetc(file.get())) text += static_cast<char>(c);
  return text;
}

TEST(ProgressTest, DrawsInPlaceOnATerminalAndNothingOtherwise) {
  const std::string drawn = Drawn(true);
  // The first advance and the final state are drawn (the ones between fall inside the redraw interval).
  EXPECT_EQ(drawn.rfind('\r'), drawn.find("\rdraws [########################] 4/4"));
  EXPECT_EQ(drawn.back(), '\n');
  EXPECT_EQ(Drawn(false), "");
}

}  // namespace
}  // namespace linkage
