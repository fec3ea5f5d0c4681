#include "report/number_format.hpp"

#include <fmt/format.h>

#include <cmath>

namespace linkage {

namespace {

// Groups the digits of a whole number in threes: 1234567 -> 1,234,567.
std::string Grouped(long long whole) {
  const std::string digits = GroupThousands(std::to_string(std::llabs(whole)));
  return whole < 0 ? "-" + digits : digits;
}

// `value` rounded to `digits` significant digits, as fixed-point text without trailing zeros.
std::string Significant(double value, int digits) {
  if (value == 0) return "0";
  const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(value))));
  const int decimals = std::max(0, digits - 1 - magnitude);
  std::string text = fmt::format("{:.{}f}", value, decimals);
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  return text == "-0" ? "0" : text;
}

}  // namespace

std::string GroupThousands(const std::string& digits) {
  // Built afresh rather than by insert(): GCC 12 misreports insert() into a string as an overlapping copy.
  std::string grouped;
  grouped.reserve(digits.size() + digits.size() / 3);
  for (std::size_t k = 0; k < digits.size(); ++k) {
    if (k > 0 && (digits.size() - k) % 3 == 0) grouped += ',';
    grouped += digits[k];
  }
  return grouped;
}

std::string FormatUsd(double dollars) {
  if (!std::isfinite(dollars)) return "";
  const double size = std::fabs(dollars);
  const std::string sign = dollars < 0 ? "-" : "";
  struct Scale {
    double factor;
    const char* word;
  };
  for (const Scale scale : {Scale{1e12, "tn"}, Scale{1e9, "bn"}, Scale{1e6, "m"}}) {
    // 999.96 m rounds to 1,000 m at three digits: such a number is shown on the next scale up.
    if (size >= scale.factor * 0.9995)
      return fmt::format("{}${} {}", sign, Significant(size / scale.factor, 3), scale.word);
  }
  return sign + "$" + Grouped(std::llround(size));
}

std::string FormatShare(double share) {
  if (!std::isfinite(share)) return "";
  const double percent = 100 * share;
  if (percent > 0 && percent < 0.05) return "< 0.1%";
  if (std::fabs(percent) < 9.95) return fmt::format("{:.1f}%", percent);
  return fmt::format("{:.0f}%", percent);
}

std::string FormatPValue(double p) {
  if (!std::isfinite(p)) return "";
  return p < 0.001 ? "< 0.001" : fmt::format("{:.3f}", p);
}

std::string FormatQuantity(double value, int digits) {
  if (!std::isfinite(value)) return "";
  // Beyond what fixed digits can show a reader (rounding noise near zero, a near-infinite test statistic):
  // powers of ten.
  if (value != 0 && (std::fabs(value) < 1e-4 || std::fabs(value) >= 1e15))
    return fmt::format("{:.{}g}", value, digits);
  if (std::fabs(value) >= std::pow(10.0, digits - 1) && std::fabs(value) < 9e15)
    return Grouped(std::llround(value));
  return Significant(value, digits);
}

std::string FormatScore(double score) {
  if (!std::isfinite(score)) return "";
  std::string text = fmt::format("{:.1f}", score);
  if (text.size() > 2 && text.ends_with(".0")) text.resize(text.size() - 2);
  return text == "-0" ? "0" : text;
}

}  // namespace linkage
