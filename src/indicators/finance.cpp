#include "indicators/finance.hpp"

#include <fmt/format.h>

#include <array>
#include <optional>

#include "indicators/trade_data.hpp"

namespace linkage {

namespace {

constexpr int kPriceBaseYear = 2021;  // AidData GCDF 3.0 reports constant 2021 US dollars
constexpr double kPercent = 100.0;

struct FinanceShare {
  const char* indicator;
  std::vector<const char*> codes;
  const char* what;
};

// GDP of `actor` in `year` in constant 2021 dollars: current-dollar GDP of 2021 carried to `year` with the
// real growth rates in between (how the World Bank builds its constant-dollar series).
std::optional<Observation> GdpAtBasePrices(TradeData& data, const std::string& actor, int year,
                                           std::string& missing) {
  auto base = data.Series("NY.GDP.MKTP.CD", actor, kPriceBaseYear);
  if (!base) {
    missing = fmt::format("GDP of {} in {} (NY.GDP.MKTP.CD) is not in the workspace", actor, kPriceBaseYear);
    return std::nullopt;
  }
  Observation gdp = *base;
  const int step = year < kPriceBaseYear ? -1 : 1;
  for (int at = kPriceBaseYear; at != year; at += step) {
    // Moving back from `at` divides by the growth of `at`; moving forward multiplies by that of at + 1.
    const int growth_year = step < 0 ? at : at + 1;
    const auto growth = data.Series("NY.GDP.MKTP.KD.ZG", actor, growth_year);
    if (!growth) {
      missing = fmt::format("real GDP growth of {} in {} (NY.GDP.MKTP.KD.ZG) is not in the workspace", actor,
                            growth_year);
      return std::nullopt;
    }
    const double factor = 1 + growth->value / kPercent;
    gdp.value = step < 0 ? gdp.value / factor : gdp.value * factor;
    gdp.sources.insert(gdp.sources.end(), growth->sources.begin(), growth->sources.end());
  }
  return gdp;
}

}  // namespace

const std::vector<std::string>& FinanceIndicatorIds() {
  static const std::vector<std::string> ids = {"development_finance_share_gdp", "oda_share_gdp",
                                               "oof_share_gdp"};
  return ids;
}

std::vector<IndicatorRecord> ComputeFinanceIndicators(Database& database, const std::string& i,
                                                      const std::string& j, int first, int last) {
  static const std::array<FinanceShare, 3> shares = {{
      {"development_finance_share_gdp",
       {"GCDF.ODA", "GCDF.OOF", "GCDF.VOF"},
       "ODA-like, OOF and vague flows"},
      {"oda_share_gdp", {"GCDF.ODA"}, "ODA-like commitments"},
      {"oof_share_gdp", {"GCDF.OOF"}, "other official flows"},
  }};
  TradeData data(database);
  CachedStatement coverage(database, "SELECT min(year), max(year) FROM series WHERE code = 'GCDF.ODA'");
  std::optional<std::pair<int, int>> span;
  if (coverage->Step() && coverage->OptionalReal(0)) {
    span = std::make_pair(static_cast<int>(coverage->Int(0)), static_cast<int>(coverage->Int(1)));
  }
  std::vector<IndicatorRecord> records;
  for (int year = first; year <= last; ++year) {
    std::string gdp_missing;
    const auto gdp = GdpAtBasePrices(data, i, year, gdp_missing);
    for (const auto& share : shares) {
      IndicatorRecord record{share.indicator, i,     j,      year, "", std::nullopt,
                             "share of GDP",  false, "both", "",   {}, ""};
      if (j != kDevelopmentFinanceLender) {
        record.missing = fmt::format("the development finance in the workspace (AidData GCDF) is lent by {}",
                                     kDevelopmentFinanceLender);
      } else if (!span || year < span->first || year > span->second) {
        record.missing =
            span ? fmt::format("AidData GCDF in the workspace covers {}-{}", span->first, span->second)
                 : "no development-finance data (GCDF.*) in the workspace";
      } else if (!gdp) {
        record.missing = gdp_missing;
      } else {
        double committed = 0;
        bool listed = false;
        for (const char* code : share.codes) {
          if (const auto value = data.Series(code, i, year)) {
            committed += value->value;
            listed = true;
            record.sources.insert(record.sources.end(), value->sources.begin(), value->sources.end());
          }
        }
        record.value = committed / gdp->value;
        record.sources.insert(record.sources.end(), gdp->sources.begin(), gdp->sources.end());
        record.note = listed ? fmt::format("{} committed (constant {} USD) over GDP at {} prices", share.what,
                                           kPriceBaseYear, kPriceBaseYear)
                             : fmt::format("AidData lists no commitment to {} in {}", i, year);
      }
      records.push_back(std::move(record));
    }
  }
  return records;
}

}  // namespace linkage
