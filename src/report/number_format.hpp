// report/number_format.hpp
// Numbers as a reader sees them in the report and the dashboard: money with its scale ($16.4 bn), shares as
// percentages (17.1%), p-values as a statistician writes them (< 0.001), with thousands separators.
#pragma once

#include <string>

namespace linkage {

//! A run of digits grouped in thousands: "9004006953" -> "9,004,006,953".
std::string GroupThousands(const std::string& digits);

//! US dollars with three significant digits and a scale word: $16.4 bn, $512 m, $3,400; "-$1.2 bn" below 0.
std::string FormatUsd(double dollars);

//! A share (0.171) as a percentage: one decimal under 10% (3.4%), none from 10% (17%), "< 0.1%" for a tiny
//! positive share.
std::string FormatShare(double share);

//! A p-value: "< 0.001" below 0.001, else three decimals.
std::string FormatPValue(double p);

//! A number with `digits` significant digits (at most), thousands separators and no trailing zeros:
//! 1234567 -> 1,234,567 (integers keep every digit), 0.363479 -> 0.363, 12.5 -> 12.5; in powers of ten below
//! 1e-4 and from 1e15 (-5.25e-16, 6.58e+29).
std::string FormatQuantity(double value, int digits = 3);

//! A score on 0-100 with one decimal at most: 45.2, 100.
std::string FormatScore(double score);

}  // namespace linkage
