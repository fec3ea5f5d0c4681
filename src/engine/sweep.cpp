#include "engine/sweep.hpp"

#include <fmt/format.h>
#include <fmt/os.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <thread>

#include "core/error.hpp"

namespace linkage::engine {

namespace {

constexpr std::int32_t kTableLimit = 1 << 24;
constexpr std::uint8_t kRow = 1;    // the group has at least one row
constexpr std::uint8_t kValue = 2;  // and at least one non-missing value

// Codes in ascending order and the dense id of each, so that scanning ids in order gives sorted output.
class Dictionary {
 public:
  explicit Dictionary(const std::vector<std::span<const std::int32_t>>& columns) {
    std::int32_t largest = 0;
    std::int32_t smallest = 0;
    for (const auto column : columns) {
      for (const std::int32_t code : column) {
        largest = std::max(largest, code);
        smallest = std::min(smallest, code);
      }
    }
    if (smallest >= 0 && largest < kTableLimit) {
      ids_.assign(static_cast<std::size_t>(largest) + 1, -1);
      for (const auto column : columns) {
        for (const std::int32_t code : column) ids_[static_cast<std::size_t>(code)] = 0;
      }
      for (std::size_t code = 0; code < ids_.size(); ++code) {
        if (ids_[code] < 0) continue;
        ids_[code] = static_cast<std::int32_t>(codes_.size());
        codes_.push_back(static_cast<std::int32_t>(code));
      }
    } else {
      for (const auto column : columns) codes_.insert(codes_.end(), column.begin(), column.end());
      std::sort(codes_.begin(), codes_.end());
      codes_.erase(std::unique(codes_.begin(), codes_.end()), codes_.end());
    }
  }

  std::size_t Id(std::int32_t code) const {
    if (!ids_.empty()) return static_cast<std::size_t>(ids_[static_cast<std::size_t>(code)]);
    return static_cast<std::size_t>(std::lower_bound(codes_.begin(), codes_.end(), code) - codes_.begin());
  }
  std::int32_t Code(std::size_t id) const { return codes_[id]; }
  std::size_t Size() const { return codes_.size(); }

 private:
  std::vector<std::int32_t> ids_;
  std::vector<std::int32_t> codes_;
};

// Sums by dyad and by (exporter, product) of one year's rows, as one worker accumulates them.
struct Partial {
  Partial(std::size_t countries, std::size_t products)
      : dyad_sum(countries * countries),
        dyad_rows(countries * countries),
        dyad_flags(countries * countries),
        product_sum(countries * products),
        product_flags(countries * products) {}
  std::vector<double> dyad_sum;
  std::vector<std::uint32_t> dyad_rows;
  std::vector<std::uint8_t> dyad_flags;
  std::vector<double> product_sum;
  std::vector<std::uint8_t> product_flags;

  void Merge(const Partial& other) {
    for (std::size_t cell = 0; cell < dyad_sum.size(); ++cell) {
      dyad_sum[cell] += other.dyad_sum[cell];
      dyad_rows[cell] += other.dyad_rows[cell];
      dyad_flags[cell] |= other.dyad_flags[cell];
    }
    for (std::size_t cell = 0; cell < product_sum.size(); ++cell) {
      product_sum[cell] += other.product_sum[cell];
      product_flags[cell] |= other.product_flags[cell];
    }
  }
};

// A nullable sum, as SQL's sum(): missing until a value is added.
struct NullableSum {
  double sum = 0;
  bool any_row = false;
  bool any_value = false;
  void Add(double value, std::uint8_t flags) {
    any_row = any_row || (flags & kRow) != 0;
    if ((flags & kValue) != 0) {
      sum += value;
      any_value = true;
    }
  }
  std::optional<double> Value() const { return any_value ? std::optional<double>(sum) : std::nullopt; }
};

std::optional<double> Finite(double value) {
  return std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}

void SweepYear(const FlowColumns& flows, const std::vector<std::uint32_t>& rows, std::int32_t year,
               const Dictionary& countries, const Dictionary& products, unsigned threads, SweepResult& out) {
  const std::size_t n_countries = countries.Size();
  const std::size_t n_products = products.Size();
  std::vector<Partial> partials;
  partials.reserve(threads);
  for (unsigned worker = 0; worker < threads; ++worker) partials.emplace_back(n_countries, n_products);
  const auto accumulate = [&](unsigned worker) {
    Partial& partial = partials[worker];
    // An empty index means every row.
    const std::size_t count = rows.empty() ? flows.Size() : rows.size();
    const std::size_t begin = count * worker / threads;
    const std::size_t end = count * (worker + 1) / threads;
    for (std::size_t index = begin; index < end; ++index) {
      const std::size_t row = rows.empty() ? index : rows[index];
      const std::size_t i = countries.Id(flows.exporter[row]);
      const std::size_t dyad = i * n_countries + countries.Id(flows.importer[row]);
      const std::size_t cell = i * n_products + products.Id(flows.product[row]);
      const double value = flows.value[row];
      const bool missing = std::isnan(value);
      partial.dyad_flags[dyad] |= missing ? kRow : kRow | kValue;
      ++partial.dyad_rows[dyad];
      partial.product_flags[cell] |= missing ? kRow : kRow | kValue;
      if (!missing) {
        partial.dyad_sum[dyad] += value;
        partial.product_sum[cell] += value;
      }
    }
  };
  std::vector<std::thread> workers;
  for (unsigned worker = 1; worker < threads; ++worker) workers.emplace_back(accumulate, worker);
  accumulate(0);
  for (auto& worker : workers) worker.join();
  for (unsigned worker = 1; worker < threads; ++worker) partials[0].Merge(partials[worker]);
  const Partial& all = partials[0];

  std::vector<NullableSum> exports(n_countries);
  std::vector<NullableSum> imports(n_countries);
  NullableSum world;
  for (std::size_t i = 0; i < n_countries; ++i) {
    for (std::size_t j = 0; j < n_countries; ++j) {
      const std::size_t dyad = i * n_countries + j;
      const std::uint8_t flags = all.dyad_flags[dyad];
      if (flags == 0) continue;
      const double value = all.dyad_sum[dyad];
      exports[i].Add(value, flags);
      imports[j].Add(value, flags);
      world.Add(value, flags);
      out.dyads.push_back({year, countries.Code(i), countries.Code(j),
                           (flags & kValue) != 0 ? std::optional<double>(value) : std::nullopt,
                           all.dyad_rows[dyad]});
    }
  }
  for (std::size_t c = 0; c < n_countries; ++c) {
    if (!exports[c].any_row && !imports[c].any_row) continue;
    out.countries.push_back({year, countries.Code(c), exports[c].Value().value_or(0),
                             imports[c].Value().value_or(0), exports[c].any_row && !exports[c].any_value,
                             imports[c].any_row && !imports[c].any_value});
  }
  const std::optional<double> w = world.Value();
  for (std::size_t i = 0; i < n_countries; ++i) {
    for (std::size_t j = 0; j < n_countries; ++j) {
      const std::size_t dyad = i * n_countries + j;
      const std::uint8_t flags = all.dyad_flags[dyad];
      if (flags == 0) continue;
      std::optional<double> intensity;
      const auto e = exports[i].Value();
      const auto m = imports[j].Value();
      if ((flags & kValue) != 0 && e && m && w) intensity = Finite((all.dyad_sum[dyad] / *e) / (*m / *w));
      out.intensity.push_back({year, countries.Code(i), countries.Code(j), intensity});
    }
  }
  // World exports of each product, over exporters.
  std::vector<NullableSum> world_product(n_products);
  for (std::size_t i = 0; i < n_countries; ++i) {
    for (std::size_t k = 0; k < n_products; ++k) {
      const std::size_t cell = i * n_products + k;
      if (all.product_flags[cell] != 0) world_product[k].Add(all.product_sum[cell], all.product_flags[cell]);
    }
  }
  for (std::size_t i = 0; i < n_countries; ++i) {
    ExporterConcentration row{year, countries.Code(i), std::nullopt, 0, 0};
    const auto e = exports[i].Value();
    NullableSum hhi;
    for (std::size_t k = 0; k < n_products; ++k) {
      const std::size_t cell = i * n_products + k;
      const std::uint8_t flags = all.product_flags[cell];
      if (flags == 0) continue;
      ++row.products;
      if ((flags & kValue) == 0 || !e) continue;
      const double share = all.product_sum[cell] / *e;
      if (std::isfinite(share)) hhi.Add(share * share, kRow | kValue);
      const auto xw = world_product[k].Value();
      if (xw && w && share / (*xw / *w) > 1) ++row.products_with_rca;
    }
    if (row.products == 0) continue;
    row.hhi = hhi.Value();
    out.concentration.push_back(row);
  }
}

std::string Cell(const std::optional<double>& value) {
  return value ? fmt::format("{}", *value) : std::string();
}

}  // namespace

SweepResult Sweep(const FlowColumns& flows, unsigned threads) {
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
  const Dictionary countries({flows.exporter, flows.importer});
  const Dictionary products(std::vector<std::span<const std::int32_t>>{flows.product});
  const Dictionary years(std::vector<std::span<const std::int32_t>>{flows.year});
  SweepResult result;
  if (years.Size() == 1) {  // one year, as BACI publishes them: no row index needed
    SweepYear(flows, {}, years.Code(0), countries, products, threads, result);
    return result;
  }
  std::vector<std::vector<std::uint32_t>> rows(years.Size());
  for (std::size_t row = 0; row < flows.Size(); ++row) {
    rows[years.Id(flows.year[row])].push_back(static_cast<std::uint32_t>(row));
  }
  for (std::size_t year = 0; year < years.Size(); ++year) {
    SweepYear(flows, rows[year], years.Code(year), countries, products, threads, result);
  }
  return result;
}

void WriteSweep(const SweepResult& result, const std::string& directory) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error)
    throw UsageError(fmt::format("cannot create the output folder {}: {}", directory, error.message()));
  const auto path = [&](const char* name) { return (std::filesystem::path(directory) / name).string(); };
  {
    auto out = fmt::output_file(path("dyads.csv"));
    out.print("t,i,j,value\n");
    for (const auto& row : result.dyads)
      out.print("{},{},{},{}\n", row.year, row.exporter, row.importer, Cell(row.value));
  }
  {
    auto out = fmt::output_file(path("countries.csv"));
    out.print("t,c,exports,imports\n");
    for (const auto& row : result.countries)
      out.print("{},{},{},{}\n", row.year, row.country, row.exports, row.imports);
  }
  {
    auto out = fmt::output_file(path("intensity.csv"));
    out.print("t,i,j,tii\n");
    for (const auto& row : result.intensity) {
      out.print("{},{},{},{}\n", row.year, row.exporter, row.importer, Cell(row.intensity));
    }
  }
  {
    auto out = fmt::output_file(path("concentration.csv"));
    out.print("t,i,hhi,n_products,n_rca\n");
    for (const auto& row : result.concentration) {
      out.print("{},{},{},{},{}\n", row.year, row.exporter, Cell(row.hhi), row.products,
                row.products_with_rca);
    }
  }
}

}  // namespace linkage::engine
