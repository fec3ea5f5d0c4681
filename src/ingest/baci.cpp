// BACI (CEPII) product-level trade, `t,i,j,k,v,q`, stored as dyad totals: every exporter-importer pair's
// exports summed over products, each side's world totals and the world total. BACI reconciles both reports of
// each flow into one FOB value, so the importer's imports are the same number as the exporter's exports.
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <tuple>

#include "core/csv_reader.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "engine/baci_reader.hpp"
#include "engine/sweep.hpp"
#include "ingest/companion.hpp"
#include "ingest/flow_writer.hpp"
#include "ingest/importers.hpp"
#include "store/provenance.hpp"

namespace linkage {

namespace {

constexpr double kThousand = 1000.0;

// BACI's country table (country_code,country_name,country_iso2,country_iso3): it names CEPII's own codes (251
// France with Monaco, 490 Other Asia nes, ...).
std::string FindCountryTable(const std::string& path, const ImportOptions& options) {
  return options.companion.empty() ? FindCompanion(path, R"(country_codes.*\.csv)") : options.companion;
}

// Every product code of the data must be in BACI's product table (code,description) when one lies beside it:
// a code outside the nomenclature means the file and the table do not belong together.
void CheckProducts(ImportContext& context, const std::string& path, const engine::FlowColumns& flows) {
  const std::string table = FindCompanion(path, R"(product_codes.*\.csv)");
  if (table.empty()) return;
  CsvReader reader(table);
  const std::size_t code = reader.Column("code");
  std::vector<bool> known(1000000, false);
  CsvRecord record;
  while (reader.Next(record)) known[static_cast<std::size_t>(reader.Integer(record, code, 0, 999999))] = true;
  for (std::size_t row = 0; row < flows.Size(); ++row) {
    const auto product = flows.product[row];
    if (product >= 0 && product < 1000000 && known[static_cast<std::size_t>(product)]) continue;
    throw InputError({path, engine::LineOfRow(path, row), 4, "k"},
                     fmt::format("product {:06d} is not in {}", product, table),
                     "an HS6 code of the release's product table");
  }
  RecordSource(context.database, {context.dataset, "baci-product-codes", table, "CEPII BACI product codes",
                                  "Etalab Open Licence 2.0; cite"});
  context.summary.notes.push_back(fmt::format("every product code checked against {}", table));
}

// Country code -> actor id, from the country table when there is one, else as ISO 3166 numeric codes.
class CountryCodes {
 public:
  CountryCodes(ImportContext& context, const std::string& data_path, const std::string& table)
      : context_(context), data_path_(data_path) {
    if (table.empty()) return;
    CsvReader reader(table);
    const std::size_t code = reader.Column("country_code");
    const std::size_t iso3 = reader.Column("country_iso3");
    CsvRecord record;
    // Rows are resolved when the data uses their code: a table lists groupings a given year may not have.
    while (reader.Next(record)) {
      const auto number = static_cast<std::int32_t>(reader.Integer(record, code, 0, 999999));
      const auto [entry, fresh] =
          listed_.try_emplace(number, reader.Text(record, iso3), reader.At(record, iso3));
      // A code listed twice would send one country's trade to another, whichever row came last.
      if (!fresh && entry->second.first != reader.Text(record, iso3)) {
        reader.Fail(record, iso3,
                    fmt::format("code {} is {} here but {} at line {}", number, reader.Text(record, iso3),
                                entry->second.first, entry->second.second.line),
                    "one country per code");
      }
    }
    RecordSource(context.database, {context.dataset, "baci-country-codes", table, "CEPII BACI country codes",
                                    "Etalab Open Licence 2.0; cite"});
    context.summary.notes.push_back(fmt::format("country codes from {}", table));
  }

  //! The actor of a code; an unknown code is an InputError at the first row that uses it.
  const std::string& Resolve(std::int32_t code, const engine::FlowColumns& flows) {
    if (const auto found = table_.find(code); found != table_.end()) return found->second;
    if (const auto listed = listed_.find(code); listed != listed_.end()) {
      return table_[code] =
                 context_.actors.Require(listed->second.first, Scheme::kIso3, listed->second.second).id;
    }
    const std::string numeric = fmt::format("{:03d}", code);
    const Resolution resolution = context_.actors.Resolve(numeric, Scheme::kM49);
    if (resolution.Unique()) return table_[code] = resolution.matches.front()->id;
    std::size_t row = 0;
    std::size_t column = 2;
    while (row < flows.Size() && flows.exporter[row] != code && flows.importer[row] != code) ++row;
    if (row < flows.Size() && flows.exporter[row] != code) column = 3;
    const SourceLocation where{data_path_, engine::LineOfRow(data_path_, row), column,
                               column == 2 ? "i" : "j"};
    return table_[code] = context_.actors.Require(numeric, Scheme::kM49, where).id;
  }

 private:
  ImportContext& context_;
  std::string data_path_;
  std::map<std::int32_t, std::string> table_;
  std::map<std::int32_t, std::pair<std::string, SourceLocation>> listed_;  // code -> ISO alpha-3, table row
};

}  // namespace

// Each listed state's trade by HS chapter (the first two digits of the HS6 code) with every partner and with
// the world, summed over the rows with a value, as the totals are.
void WriteChapters(ImportContext& context, const engine::FlowColumns& flows, CountryCodes& codes,
                   const std::vector<std::string>& listed, FlowWriter& writer, const SourceLocation& where) {
  const std::set<std::string> wanted(listed.begin(), listed.end());
  struct Sum {
    double value = 0;
    std::size_t rows = 0;
  };
  // (year, exporter, importer, chapter) -> sum; importer -1 stands for the world.
  constexpr std::int32_t kWorld = -1;
  std::map<std::tuple<std::int32_t, std::int32_t, std::int32_t, std::int32_t>, Sum> sums;
  std::map<std::int32_t, bool> is_listed;
  const auto listed_code = [&](std::int32_t code) {
    const auto found = is_listed.find(code);
    if (found != is_listed.end()) return found->second;
    return is_listed[code] = wanted.contains(codes.Resolve(code, flows));
  };
  constexpr std::int32_t kChapterDivisor = 10000;  // HS6 as a number: chapter = code / 10^4
  for (std::size_t row = 0; row < flows.Size(); ++row) {
    if (std::isnan(flows.value[row])) continue;
    const bool exporter = listed_code(flows.exporter[row]);
    const bool importer = listed_code(flows.importer[row]);
    if (!exporter && !importer) continue;
    const std::int32_t chapter = flows.product[row] / kChapterDivisor;
    const auto add = [&](std::int32_t from, std::int32_t to) {
      Sum& sum = sums[{flows.year[row], from, to, chapter}];
      sum.value += flows.value[row];
      ++sum.rows;
    };
    add(flows.exporter[row], flows.importer[row]);
    if (exporter) add(flows.exporter[row], kWorld);
    if (importer) add(kWorld, flows.importer[row]);
  }
  for (const auto& [key, sum] : sums) {
    const auto& [year, from, to, chapter] = key;
    const std::string product = fmt::format("{:02d}", chapter);
    const double usd = sum.value * kThousand;
    const std::string rule = fmt::format(
        "sum of the {} rows with t={}, {}, HS6 in chapter {}; thousand USD x 1000", sum.rows, year,
        from == kWorld ? fmt::format("j={}", to)
        : to == kWorld ? fmt::format("i={}", from)
                       : fmt::format("i={}, j={}", from, to),
        product);
    if (from == kWorld) {
      writer.Write({codes.Resolve(to, flows), "WLD", 'M', year, product, "hs2", usd, false, "FOB", 0, rule},
                   where);
    } else if (to == kWorld) {
      writer.Write({codes.Resolve(from, flows), "WLD", 'X', year, product, "hs2", usd, false, "FOB", 0, rule},
                   where);
    } else {
      const std::string& exporter = codes.Resolve(from, flows);
      const std::string& importer = codes.Resolve(to, flows);
      writer.Write({exporter, importer, 'X', year, product, "hs2", usd, false, "FOB", 0, rule}, where);
      writer.Write({importer, exporter, 'M', year, product, "hs2", usd, false, "FOB", 0,
                    rule + "; BACI's reconciled value, the same for both sides"},
                   where);
      ++context.summary.derived_values;
    }
    ++context.summary.derived_values;
  }
  context.summary.notes.push_back(
      fmt::format("{} chapter sums for {}", sums.size(), text::Join(listed, ", ")));
}

void ReadBaci(ImportContext& context, const std::string& path, const ImportOptions& options) {
  const engine::FlowColumns flows = engine::ReadBaci(path);
  CountryCodes codes(context, path, FindCountryTable(path, options));
  CheckProducts(context, path, flows);
  if (const auto repeat = engine::FindRepeatedRow(flows)) {
    throw InputError(
        {path, engine::LineOfRow(path, repeat->second), 1, "t"},
        fmt::format("the row repeats line {}: t={}, i={}, j={}, k={:06d} again",
                    engine::LineOfRow(path, repeat->first), flows.year[repeat->second],
                    flows.exporter[repeat->second], flows.importer[repeat->second],
                    flows.product[repeat->second]),
        "one row per year, exporter, importer and product (a repeat would be added into the totals)");
  }
  const engine::SweepResult totals = engine::Sweep(flows);
  // Every code before any value is written, so an unknown one stops the import at its first row.
  for (const auto& country : totals.countries) codes.Resolve(country.country, flows);
  FlowWriter writer(context);
  // Totals come from many rows: a contradiction with a stored value names the file and column, not a line.
  const SourceLocation where{path, 0, 0, "v"};
  const auto usd = [](std::optional<double> thousands) {
    return thousands ? std::optional<double>(*thousands * kThousand) : std::nullopt;
  };
  for (const auto& dyad : totals.dyads) {
    const std::string& exporter = codes.Resolve(dyad.exporter, flows);
    const std::string& importer = codes.Resolve(dyad.importer, flows);
    const std::string rows = fmt::format("sum of the {} rows with t={}, i={}, j={}; thousand USD x 1000",
                                         dyad.rows, dyad.year, dyad.exporter, dyad.importer);
    writer.Write(
        {exporter, importer, 'X', dyad.year, "TOTAL", "total", usd(dyad.value), false, "FOB", 0, rows},
        where);
    writer.Write({importer, exporter, 'M', dyad.year, "TOTAL", "total", usd(dyad.value), false, "FOB", 0,
                  rows + "; BACI's reconciled value, the same for both sides"},
                 where);
    context.summary.derived_values += 2;
  }
  std::map<std::int32_t, double> world;
  for (const auto& country : totals.countries) {
    const std::string& actor = codes.Resolve(country.country, flows);
    const std::string rule =
        fmt::format("sum over partners of the rows with t={} and {}={}", country.year, "{}", country.country);
    // A country whose rows on one side all lack a value has an unknown total there, not zero.
    const auto exports =
        country.exports_missing ? std::nullopt : std::optional<double>(country.exports * kThousand);
    const auto imports =
        country.imports_missing ? std::nullopt : std::optional<double>(country.imports * kThousand);
    writer.Write({actor, "WLD", 'X', country.year, "TOTAL", "total", exports, false, "FOB", 0,
                  fmt::format(fmt::runtime(rule), "i")},
                 where);
    writer.Write({actor, "WLD", 'M', country.year, "TOTAL", "total", imports, false, "FOB", 0,
                  fmt::format(fmt::runtime(rule), "j")},
                 where);
    // The world's trade with the country, as partner data: its imports are the world's exports to it.
    writer.Write({"WLD", actor, 'X', country.year, "TOTAL", "total", imports, false, "FOB", 0,
                  fmt::format(fmt::runtime(rule), "j")},
                 where);
    writer.Write({"WLD", actor, 'M', country.year, "TOTAL", "total", exports, false, "FOB", 0,
                  fmt::format(fmt::runtime(rule), "i")},
                 where);
    world[country.year] += country.exports;
    context.summary.derived_values += 4;
  }
  for (const auto& [year, total] : world) {
    const std::string rule = fmt::format("sum of every row with t={}", year);
    writer.Write({"WLD", "WLD", 'X', year, "TOTAL", "total", total * kThousand, false, "FOB", 0, rule},
                 where);
    writer.Write({"WLD", "WLD", 'M', year, "TOTAL", "total", total * kThousand, false, "FOB", 0, rule},
                 where);
    context.summary.derived_values += 2;
  }
  if (!options.products_for.empty())
    WriteChapters(context, flows, codes, options.products_for, writer, where);
  writer.Finish();
  context.summary.rows_read = static_cast<std::int64_t>(flows.Size());
  std::size_t missing_rows = 0;
  for (std::size_t row = 0; row < flows.Size(); ++row) {
    if (std::isnan(flows.value[row])) ++missing_rows;
  }
  context.summary.notes.push_back(fmt::format(
      "{} HS6 rows ({} without a value, left out of the sums) summed into {} dyads and {} country totals",
      flows.Size(), missing_rows, totals.dyads.size(), totals.countries.size()));
}

}  // namespace linkage
