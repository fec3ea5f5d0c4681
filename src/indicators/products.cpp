#include "indicators/products.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace linkage {

namespace {

struct Composition {
  std::map<std::string, Observation> products;
  double total = 0;
  std::int64_t missing_rows = 0;
  std::string what;
  bool Empty() const { return products.empty(); }
};

Composition Read(TradeData& data, const std::string& reporter, const std::string& partner, char flow,
                 int year, const std::string& level) {
  Composition composition;
  composition.products = data.Products(reporter, partner, flow, year, level, composition.missing_rows);
  for (const auto& [code, observation] : composition.products) composition.total += observation.value;
  composition.what =
      fmt::format("{}'s reported {} {} by {} in {}", reporter, flow == 'X' ? "exports to" : "imports from",
                  partner, level == "hs2" ? "HS chapter" : "HS heading", year);
  return composition;
}

std::vector<ValueSource> SourcesOf(const Composition& composition) {
  std::vector<ValueSource> sources;
  for (const auto& [code, observation] : composition.products) {
    if (sources.size() >= 6) break;
    sources.insert(sources.end(), observation.sources.begin(), observation.sources.end());
  }
  return sources;
}

bool Estimated(const Composition& composition) {
  return std::any_of(composition.products.begin(), composition.products.end(),
                     [](const auto& entry) { return entry.second.estimated; });
}

class Builder {
 public:
  Builder(const ProductRequest& request, std::vector<IndicatorRecord>& out) : request_(request), out_(out) {}

  void Add(const std::string& id, const std::string& product, std::optional<double> value,
           const std::string& unit, bool estimated, std::vector<ValueSource> sources,
           const std::string& missing = "") {
    out_.push_back({id, request_.reporter, request_.partner, request_.year, product, value, unit, estimated,
                    "reporter", value ? "" : missing, std::move(sources)});
  }

  void Missing(const std::string& id, const std::string& unit, const std::string& why) {
    Add(id, "", std::nullopt, unit, false, {}, why);
  }

 private:
  const ProductRequest& request_;
  std::vector<IndicatorRecord>& out_;
};

// Shares s_k of each product in a composition.
std::map<std::string, double> Shares(const Composition& composition) {
  std::map<std::string, double> shares;
  for (const auto& [code, observation] : composition.products)
    shares[code] = observation.value / composition.total;
  return shares;
}

void Concentration(Builder& build, const std::string& direction, const Composition& composition) {
  const std::string plain = "product_hhi_" + direction;
  const std::string normalised = plain + "_normalised";
  if (composition.Empty() || composition.total <= 0) {
    build.Missing(plain, "index 0-1", composition.what + " is not in the workspace");
    build.Missing(normalised, "index 0-1", composition.what + " is not in the workspace");
    return;
  }
  double hhi = 0;
  std::size_t positive = 0;
  for (const auto& [code, share] : Shares(composition)) {
    hhi += share * share;
    if (share > 0) ++positive;
  }
  const auto sources = SourcesOf(composition);
  build.Add(plain, "", hhi, "index 0-1", Estimated(composition), sources);
  if (positive < 2) {
    build.Missing(normalised, "index 0-1", "normalising needs at least two products");
    return;
  }
  const double n = static_cast<double>(positive);
  build.Add(normalised, "", (hhi - 1 / n) / (1 - 1 / n), "index 0-1", Estimated(composition), sources);
}

void TopProducts(Builder& build, TradeData& data, const ProductRequest& request, const std::string& direction,
                 char flow, const Composition& composition) {
  const std::string prefix = "top_" + direction + "_products_";
  if (composition.Empty()) {
    build.Missing(prefix + "share", "ratio", composition.what + " is not in the workspace");
    return;
  }
  std::vector<std::pair<double, std::string>> ranked;
  for (const auto& [code, observation] : composition.products) ranked.emplace_back(observation.value, code);
  std::sort(ranked.begin(), ranked.end(), std::greater<>());
  Composition base;
  if (request.base_year > 0)
    base = Read(data, request.reporter, request.partner, flow, request.base_year, request.level);
  for (std::size_t rank = 0; rank < std::min(request.top, ranked.size()); ++rank) {
    const std::string& code = ranked[rank].second;
    const Observation& observation = composition.products.at(code);
    build.Add(prefix + "value", code, observation.value, "USD", observation.estimated, observation.sources);
    build.Add(prefix + "share", code, observation.value / composition.total, "ratio", observation.estimated,
              observation.sources);
    if (request.base_year == 0) continue;
    const auto before = base.products.find(code);
    const std::string unit = fmt::format("ratio ({}-{})", request.base_year, request.year);
    if (before == base.products.end() || before->second.value <= 0) {
      build.Add(prefix + "growth", code, std::nullopt, unit, false, {},
                fmt::format("HS {} in {} is not in the workspace", code, request.base_year));
    } else {
      auto sources = observation.sources;
      sources.insert(sources.end(), before->second.sources.begin(), before->second.sources.end());
      build.Add(prefix + "growth", code, observation.value / before->second.value - 1, unit,
                observation.estimated || before->second.estimated, sources);
    }
  }
}

}  // namespace

const std::vector<std::string>& ProductIndicatorIds() {
  static const std::vector<std::string> ids = {"top_export_products_value",
                                               "top_export_products_share",
                                               "top_export_products_growth",
                                               "top_import_products_value",
                                               "top_import_products_share",
                                               "top_import_products_growth",
                                               "product_hhi_exports",
                                               "product_hhi_exports_normalised",
                                               "product_hhi_imports",
                                               "product_hhi_imports_normalised",
                                               "grubel_lloyd",
                                               "rca",
                                               "tci"};
  return ids;
}

std::vector<IndicatorRecord> ComputeProductIndicators(TradeData& data, const ProductRequest& request) {
  std::vector<IndicatorRecord> records;
  Builder build(request, records);
  const std::string& i = request.reporter;
  const std::string& j = request.partner;
  const Composition exports = Read(data, i, j, 'X', request.year, request.level);
  const Composition imports = Read(data, i, j, 'M', request.year, request.level);
  TopProducts(build, data, request, "export", 'X', exports);
  TopProducts(build, data, request, "import", 'M', imports);
  Concentration(build, "exports", exports);
  Concentration(build, "imports", imports);

  // Grubel-Lloyd: 1 - sum |X_k - M_k| / sum (X_k + M_k) over the products of the dyad.
  if (exports.Empty() || imports.Empty()) {
    build.Missing("grubel_lloyd", "index 0-1",
                  (exports.Empty() ? exports.what : imports.what) + " is not in the workspace");
  } else {
    std::set<std::string> codes;
    for (const auto& [code, observation] : exports.products) codes.insert(code);
    for (const auto& [code, observation] : imports.products) codes.insert(code);
    double gap = 0;
    double sum = 0;
    for (const auto& code : codes) {
      const double x = exports.products.contains(code) ? exports.products.at(code).value : 0;
      const double m = imports.products.contains(code) ? imports.products.at(code).value : 0;
      gap += std::fabs(x - m);
      sum += x + m;
    }
    auto sources = SourcesOf(exports);
    const auto more = SourcesOf(imports);
    sources.insert(sources.end(), more.begin(), more.end());
    if (sum > 0) {
      build.Add("grubel_lloyd", "", 1 - gap / sum, "index 0-1", Estimated(exports) || Estimated(imports),
                sources);
    } else {
      build.Missing("grubel_lloyd", "index 0-1", "the dyad has no product trade");
    }
  }

  // Balassa RCA of i in its top export products: (X_ik / X_i) / (X_wk / X_w), world exports as the world
  // reports them by product.
  const Composition own = Read(data, i, "WLD", 'X', request.year, request.level);
  const Composition world = Read(data, "WLD", "WLD", 'X', request.year, request.level);
  if (own.Empty() || world.Empty()) {
    build.Missing("rca", "index (1 = neutral)",
                  (own.Empty() ? own.what : world.what) + " is not in the workspace");
  } else {
    std::vector<std::pair<double, std::string>> ranked;
    for (const auto& [code, observation] : own.products) ranked.emplace_back(observation.value, code);
    std::sort(ranked.begin(), ranked.end(), std::greater<>());
    for (std::size_t rank = 0; rank < std::min(request.top, ranked.size()); ++rank) {
      const std::string& code = ranked[rank].second;
      const auto in_world = world.products.find(code);
      if (in_world == world.products.end() || in_world->second.value <= 0) {
        build.Add("rca", code, std::nullopt, "index (1 = neutral)", false, {},
                  fmt::format("world exports of HS {} in {} are not in the workspace", code, request.year));
        continue;
      }
      const double value = (own.products.at(code).value / own.total) / (in_world->second.value / world.total);
      auto sources = own.products.at(code).sources;
      sources.insert(sources.end(), in_world->second.sources.begin(), in_world->second.sources.end());
      build.Add("rca", code, value, "index (1 = neutral)", own.products.at(code).estimated, sources);
    }
  }

  // Trade complementarity: 100 (1 - sum |m_jk - x_ik| / 2), i's export shares against j's import shares.
  const Composition partner_imports = Read(data, j, "WLD", 'M', request.year, request.level);
  if (own.Empty() || partner_imports.Empty()) {
    build.Missing("tci", "index 0-100",
                  (own.Empty() ? own.what : partner_imports.what) + " is not in the workspace");
  } else {
    const auto x = Shares(own);
    const auto m = Shares(partner_imports);
    std::set<std::string> codes;
    for (const auto& [code, share] : x) codes.insert(code);
    for (const auto& [code, share] : m) codes.insert(code);
    double distance = 0;
    for (const auto& code : codes) {
      distance += std::fabs((m.contains(code) ? m.at(code) : 0) - (x.contains(code) ? x.at(code) : 0));
    }
    auto sources = SourcesOf(own);
    const auto more = SourcesOf(partner_imports);
    sources.insert(sources.end(), more.begin(), more.end());
    build.Add("tci", "", 100 * (1 - distance / 2), "index 0-100",
              Estimated(own) || Estimated(partner_imports), sources);
  }
  return records;
}

}  // namespace linkage
