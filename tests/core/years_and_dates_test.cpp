// The one year parser every input shares, and the calendar check of dates: a year past int once wrapped
// (2000..4294969296 became 2000..2000), and 2019-02-30 was stored.
#include <gtest/gtest.h>

#include <string>

#include "core/dates.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/years.hpp"

namespace linkage {
namespace {

TEST(Years, AreFourDigitsWithinTheBounds) {
  EXPECT_EQ(ParseYear("2019"), 2019);
  EXPECT_EQ(ParseYear(" 1816 "), 1816);
  EXPECT_EQ(ParseYear("1800"), kFirstYear);
  EXPECT_EQ(ParseYear("2200"), kLastYear);
  for (const char* bad :
       {"", "19", "0001", "9999", "1799", "2201", "20190", "4294969296", "-2019", "2O19", "2019.0", "+201"}) {
    EXPECT_FALSE(ParseYear(bad).has_value()) << bad;
  }
}

TEST(Years, RangesAreCheckedAndNameTheirOption) {
  EXPECT_EQ(ParseYears("2000-2020"), std::make_pair(2000, 2020));
  EXPECT_EQ(ParseYears("2019"), std::make_pair(2019, 2019));
  const auto message = [](const std::string& text) {
    try {
      ParseYears(text, "--years");
    } catch (const UsageError& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(message("0001-9999"),
            "--years '0001-9999' is not a year or a range; expected 2019 or 2000-2020 (years 1800 to 2200)");
  EXPECT_NE(message("2000-4294969296").find("is not a year or a range"), std::string::npos);
  EXPECT_EQ(message("2020-2000"), "--years 2020-2000 runs backwards");
  EXPECT_NE(message("2000-").find("is not a year"), std::string::npos);
  // A huge value is not echoed in full.
  EXPECT_LT(message(std::string(100000, '9')).size(), 200U);
}

TEST(Dates, AreRealDaysOfTheCalendar) {
  EXPECT_TRUE(IsIsoDate("2019-03-15", DatePrecision::kDay));
  EXPECT_TRUE(IsIsoDate("2020-02-29", DatePrecision::kDay));
  EXPECT_TRUE(IsIsoDate("2000-02-29", DatePrecision::kDay));   // divisible by 400
  EXPECT_FALSE(IsIsoDate("1900-02-29", DatePrecision::kDay));  // divisible by 100, not 400
  EXPECT_FALSE(IsIsoDate("2019-02-29", DatePrecision::kDay));
  EXPECT_FALSE(IsIsoDate("2019-02-30", DatePrecision::kDay));
  EXPECT_FALSE(IsIsoDate("2019-04-31", DatePrecision::kDay));
  EXPECT_FALSE(IsIsoDate("2019-13-01", DatePrecision::kDay));
  EXPECT_FALSE(IsIsoDate("2019-00-10", DatePrecision::kDay));
  EXPECT_FALSE(IsIsoDate("2019-01-00", DatePrecision::kDay));
  EXPECT_FALSE(IsIsoDate("2019-1-01", DatePrecision::kDay));
  EXPECT_FALSE(IsIsoDate("2019/01/01", DatePrecision::kDay));
  EXPECT_FALSE(IsIsoDate("2019", DatePrecision::kDay));
  EXPECT_TRUE(IsIsoDate("2019", DatePrecision::kPartial));
  EXPECT_TRUE(IsIsoDate("2019-12", DatePrecision::kPartial));
  EXPECT_FALSE(IsIsoDate("2019-13", DatePrecision::kPartial));
  EXPECT_FALSE(IsIsoDate("2020-99-99", DatePrecision::kPartial));  // HUGGO's "unknown" is not a date
}

TEST(Text, TruncateKeepsMessagesShortAndCharactersWhole) {
  EXPECT_EQ(text::Truncate("Kazakhstan", 80), "Kazakhstan");
  EXPECT_EQ(text::Truncate(std::string(1000, 'a'), 10), "aaaaaaaaaa... (1000 bytes)");
  // "é" is two bytes: a cut inside it steps back before it.
  EXPECT_EQ(text::Truncate("ab\xC3\xA9z", 3), "ab... (5 bytes)");
}

}  // namespace
}  // namespace linkage
