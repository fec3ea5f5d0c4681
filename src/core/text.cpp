#include "core/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace linkage::text {

std::string_view Trim(std::string_view value) {
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) value.remove_prefix(1);
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.remove_suffix(1);
  return value;
}

std::string Lower(std::string_view value) {
  std::string out(value);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Upper(std::string_view value) {
  std::string out(value);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> Split(std::string_view value, char separator) {
  std::vector<std::string> pieces;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = value.find(separator, start);
    if (end == std::string_view::npos) {
      pieces.emplace_back(value.substr(start));
      return pieces;
    }
    pieces.emplace_back(value.substr(start, end - start));
    start = end + 1;
  }
}

std::string Join(const std::vector<std::string>& pieces, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (i > 0) out += separator;
    out += pieces[i];
  }
  return out;
}

bool StartsWith(std::string_view value, std::string_view prefix) {
  return value.size() >= prefix.size() && value.substr(0, prefix.size()) == prefix;
}

std::optional<double> ParseDouble(std::string_view value) {
  value = Trim(value);
  if (value.empty()) return std::nullopt;
  if (value.front() == '+') value.remove_prefix(1);
  double parsed = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (error != std::errc() || end != value.data() + value.size() || !std::isfinite(parsed))
    return std::nullopt;
  return parsed;
}

std::optional<long long> ParseInteger(std::string_view value) {
  value = Trim(value);
  if (value.empty()) return std::nullopt;
  long long parsed = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (error != std::errc() || end != value.data() + value.size()) return std::nullopt;
  return parsed;
}

std::string Truncate(std::string_view value, std::size_t limit) {
  if (value.size() <= limit) return std::string(value);
  std::size_t cut = limit;
  // Step back over UTF-8 continuation bytes (10xxxxxx) so that no character is split.
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0U) == 0x80U) --cut;
  return fmt::format("{}... ({} bytes)", value.substr(0, cut), value.size());
}

std::string Latin1ToUtf8(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char raw : value) {
    const auto byte = static_cast<unsigned char>(raw);
    if (byte < 0x80) {
      out += raw;
    } else {
      out += static_cast<char>(0xC0 | (byte >> 6));
      out += static_cast<char>(0x80 | (byte & 0x3F));
    }
  }
  return out;
}

namespace {
// Maps the UTF-8 encodings of Latin-1 accented letters (U+00C0..U+00FF) to their base letters.
char BaseLetter(unsigned char second_byte, unsigned char first_byte) {
  const int code = ((first_byte & 0x1F) << 6) | (second_byte & 0x3F);
  static constexpr std::string_view kBase =
      "aaaaaaaceeeeiiiidnooooo/ouuuuyts"   // U+00C0..U+00DF (upper case, lowered)
      "aaaaaaaceeeeiiiidnooooo/ouuuuyty";  // U+00E0..U+00FF
  if (code >= 0xC0 && code <= 0xFF) return kBase[static_cast<std::size_t>(code - 0xC0)];
  return ' ';
}
}  // namespace

std::string NormalizeName(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  bool pending_space = false;
  auto emit = [&](char c) {
    if (c == ' ') {
      pending_space = !out.empty();
      return;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  };
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto byte = static_cast<unsigned char>(value[i]);
    if (byte == 0xC3 && i + 1 < value.size()) {
      emit(BaseLetter(static_cast<unsigned char>(value[i + 1]), byte));
      ++i;
    } else if (byte >= 0x80 || byte == '\'') {
      // Other non-ASCII bytes carry no matching information; "Cote d'Ivoire" and "Cote dIvoire" are one name.
      continue;
    } else if (std::isalnum(byte)) {
      emit(static_cast<char>(std::tolower(byte)));
    } else {
      emit(' ');
    }
  }
  return out;
}

std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::string FormatNumber(double value, int digits) {
  if (!std::isfinite(value)) return "NaN";
  // Very large and very small values in scientific notation: a p-value of 1e-120 in fixed notation is a
  // line of zeros.
  if (value != 0 && (std::fabs(value) >= 1e15 || std::fabs(value) < 1e-6))
    return fmt::format("{:.{}g}", value, digits);
  // Large values keep all their integer digits; small ones get `digits` significant digits.
  const double magnitude = value == 0 ? 0 : std::floor(std::log10(std::fabs(value)));
  const int decimals = std::max(0, digits - 1 - static_cast<int>(magnitude));
  std::string out = fmt::format("{:.{}f}", value, decimals);
  if (out.find('.') != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  if (out == "-0") out = "0";
  return out;
}

}  // namespace linkage::text
