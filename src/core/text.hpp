// core/text.hpp
// Small string helpers shared by the readers and the resolver.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace linkage::text {

//! The view without leading and trailing ASCII white space.
std::string_view Trim(std::string_view value);
//! ASCII lower case copy.
std::string Lower(std::string_view value);
//! ASCII upper case copy.
std::string Upper(std::string_view value);
//! Splits on a single character, keeping empty pieces.
std::vector<std::string> Split(std::string_view value, char separator);
//! Joins pieces with a separator.
std::string Join(const std::vector<std::string>& pieces, std::string_view separator);
//! True when value starts with prefix.
bool StartsWith(std::string_view value, std::string_view prefix);
//! Parses a whole decimal number (surrounding spaces allowed, thousands separators not); nullopt if not a
//! number.
std::optional<double> ParseDouble(std::string_view value);
//! Parses a whole integer (surrounding spaces allowed); nullopt if not an integer.
std::optional<long long> ParseInteger(std::string_view value);
//! The value cut to at most `limit` bytes (at a UTF-8 character boundary) with "..." and the full length
//! appended when cut: for echoing user input in messages, which a 10 MB field must not flood.
std::string Truncate(std::string_view value, std::size_t limit);
//! Converts ISO-8859-1 bytes to UTF-8.
std::string Latin1ToUtf8(std::string_view value);
//! Normal form of a country or organisation name for matching: lower case, accents on Latin-1 letters
//! dropped, punctuation turned into spaces, runs of spaces collapsed.
std::string NormalizeName(std::string_view value);
//! Levenshtein edit distance, for "did you mean" suggestions.
std::size_t EditDistance(std::string_view a, std::string_view b);
//! Formats a number with up to `digits` significant digits and no trailing zeros.
std::string FormatNumber(double value, int digits = 6);

}  // namespace linkage::text
