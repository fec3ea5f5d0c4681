// indicators/products.hpp
// Product composition of a dyad's trade where product data exist (docs/methods.md, "Product indicators"):
// top products with shares and growth, concentration (HHI), Grubel-Lloyd intra-industry trade, Balassa RCA
// and trade complementarity.
#pragma once

#include <string>
#include <vector>

#include "indicators/indicator_record.hpp"
#include "indicators/trade_data.hpp"

namespace linkage {

//! What to compute.
struct ProductRequest {
  std::string reporter;
  std::string partner;
  int year = 0;
  int base_year = 0;          //!< growth of the top products from this year (0: no growth)
  std::string level = "hs2";  //!< hs2 (chapters) or hs4 (headings)
  std::size_t top = 5;        //!< how many top products to list per direction
};

//! The ids of the product indicators.
const std::vector<std::string>& ProductIndicatorIds();

//! The product indicators of one dyad and year, from i's reports.
std::vector<IndicatorRecord> ComputeProductIndicators(TradeData& data, const ProductRequest& request);

}  // namespace linkage
