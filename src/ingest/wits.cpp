// WITS / UN Comtrade downloads by product:
//   Nomenclature,ReporterISO3,ProductCode,ReporterName,PartnerISO3,PartnerName,Year,TradeFlowName,
//   TradeFlowCode,TradeValue in 1000 USD[,PartnerRegion,PartnerIncomeGroup]
// Product codes are HS chapters (2 digits), headings (4), subheadings (6), or WITS product groups
// ("01-05_Animal", "Total"). A file that holds only one HS level and no total row also yields derived totals
// (the sum of its product rows), flagged as derived.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

#include "core/csv_reader.hpp"
#include "core/text.hpp"
#include "ingest/actor_column.hpp"
#include "ingest/flow_writer.hpp"
#include "ingest/importers.hpp"
#include "ingest/table_file.hpp"

namespace linkage {

namespace {

std::string ProductLevel(const std::string& code) {
  const std::string lower = text::Lower(code);
  if (lower == "total" || lower == "allsubheading" || lower == "all products") return "total";
  const bool digits =
      !code.empty() && std::all_of(code.begin(), code.end(), [](char c) { return std::isdigit(c); });
  if (digits && code.size() == 2) return "hs2";
  if (digits && code.size() == 4) return "hs4";
  if (digits && code.size() == 6) return "hs6";
  return "group";
}

struct TotalKey {
  std::string reporter;
  std::string partner;
  char flow;
  int year;
  auto operator<=>(const TotalKey&) const =
      default;  // NOLINT(modernize-use-nullptr): clang-tidy 14 misreads it
};

struct TotalAccumulator {
  double sum = 0;
  std::int64_t rows = 0;
  std::int64_t first_line = 0;
  std::int64_t last_line = 0;
  bool any_missing = false;
};

}  // namespace

void ReadWits(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  const auto table_file = OpenTable(path);
  CsvReader& reader = *table_file;
  const std::string value_name =
      reader.FindColumn("TradeValue in 1000 USD") ? "TradeValue in 1000 USD" : "TradeValuein1000USD";
  reader.RequireColumns({"ReporterISO3", "ProductCode", "ReporterName", "PartnerISO3", "PartnerName", "Year",
                         "TradeFlowName", value_name});
  const std::size_t reporter = reader.Column("ReporterISO3");
  const std::size_t reporter_name = reader.Column("ReporterName");
  const std::size_t partner = reader.Column("PartnerISO3");
  const std::size_t partner_name = reader.Column("PartnerName");
  const std::size_t product = reader.Column("ProductCode");
  const std::size_t year = reader.Column("Year");
  const std::size_t flow = reader.Column("TradeFlowName");
  const std::size_t value = reader.Column(value_name);
  ActorColumn reporters(context.actors, Scheme::kIso3);
  ActorColumn partners(context.actors, Scheme::kIso3);
  FlowWriter writer(context);
  std::map<TotalKey, TotalAccumulator> totals;
  std::map<std::string, std::int64_t> levels;
  CsvRecord record;
  FlowRecord row;
  row.transform = "TradeValue in 1000 USD x 1e3";
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    row.reporter = reporters.Resolve(reader, record, reporter, reporter_name, Scheme::kName);
    row.partner = partners.Resolve(reader, record, partner, partner_name, Scheme::kName);
    const auto direction = ParseFlowDirection(record.fields[flow]);
    if (!direction) {
      reader.Fail(record, flow, fmt::format("unknown trade flow '{}'", record.fields[flow]),
                  "Export or Import");
    }
    row.flow = *direction;
    row.valuation = PublishedValuation(row.flow);
    row.year = static_cast<int>(reader.Integer(record, year, 1900, 2100));
    row.product = reader.Text(record, product);
    row.level = ProductLevel(row.product);
    if (row.level == "total") row.product = "TOTAL";
    const auto thousands = reader.OptionalNumber(record, value);
    row.value_usd = thousands ? std::optional<double>(*thousands * 1e3) : std::nullopt;
    row.line = static_cast<std::int64_t>(record.line);
    writer.Write(row, reader.At(record, value));
    ++levels[row.level];
    if (row.level != "total") {
      TotalAccumulator& total = totals[{row.reporter, row.partner, row.flow, row.year}];
      if (total.rows == 0) total.first_line = row.line;
      total.last_line = row.line;
      ++total.rows;
      if (row.value_usd) {
        total.sum += *row.value_usd;
      } else {
        total.any_missing = true;
      }
    }
  }
  // Totals are derived only from a file with a single HS level and no total of its own: product groups
  // overlap and a mix of levels would count the same trade twice.
  const bool single_level = levels.size() == 1 && !levels.contains("group") && !levels.contains("total");
  if (!single_level) {
    writer.Finish();
    if (!levels.contains("total")) {
      context.summary.notes.push_back("no totals derived: the file mixes product levels or groups");
    }
    return;
  }
  const std::string level = levels.begin()->first;
  for (const auto& [key, total] : totals) {
    row.reporter = key.reporter;
    row.partner = key.partner;
    row.flow = key.flow;
    row.valuation = PublishedValuation(key.flow);
    row.year = key.year;
    row.product = "TOTAL";
    row.level = "total";
    // A total over rows with a missing value is itself unknown.
    row.value_usd = total.any_missing ? std::nullopt : std::optional<double>(total.sum);
    row.line = total.first_line;
    row.transform = fmt::format("sum of {} {} rows, lines {}-{}, x 1e3", total.rows, level, total.first_line,
                                total.last_line);
    writer.Write(row, {path, static_cast<std::size_t>(total.first_line)});
    ++context.summary.derived_values;
  }
  writer.Finish();
}

}  // namespace linkage
