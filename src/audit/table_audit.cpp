// Audit of a printed table: each cell recomputed under the plain reading (what the title declares) and under
// every applicable alternative reading; the declared period and internal totals checked against the rows.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "audit/applicability.hpp"
#include "audit/auditor.hpp"
#include "core/csv_reader.hpp"
#include "core/text.hpp"

namespace linkage {

namespace {

struct TableRow {
  std::map<std::string, std::string> values;
  std::size_t line = 0;
};

struct Tally {
  int holds = 0;
  int close = 0;
  int differs = 0;
  int unverifiable = 0;
  int Checkable() const { return holds + close + differs; }
  double ShareHolding() const { return Checkable() == 0 ? 0 : static_cast<double>(holds) / Checkable(); }
  Verdict Overall() const {
    if (Checkable() == 0) return Verdict::kUnverifiable;
    if (differs > 0) return Verdict::kDiffers;
    return close > 0 ? Verdict::kClose : Verdict::kHolds;
  }
  void Add(Verdict verdict) {
    switch (verdict) {
      case Verdict::kHolds:
        ++holds;
        break;
      case Verdict::kClose:
        ++close;
        break;
      case Verdict::kDiffers:
        ++differs;
        break;
      case Verdict::kUnverifiable:
        ++unverifiable;
        break;
    }
  }
  std::string Describe() const {
    return fmt::format("{} of {} checkable cells hold, {} close, {} differ; {} cannot be checked", holds,
                       Checkable(), close, differs, unverifiable);
  }
};

std::vector<TableRow> ReadTable(const Claim& claim, std::string& key_column) {
  CsvReader reader(claim.table_path);
  std::vector<std::string> needed;
  for (const auto& check : claim.columns) needed.push_back(check.column);
  reader.RequireColumns(needed);
  key_column = reader.Header().front();
  std::vector<TableRow> rows;
  CsvRecord record;
  while (reader.Next(record)) {
    TableRow row;
    row.line = record.line;
    for (std::size_t i = 0; i < reader.Header().size(); ++i) {
      row.values[reader.Header()[i]] = std::string(text::Trim(record.fields[i]));
    }
    for (const auto& check : claim.columns) {
      const std::size_t column = reader.Column(check.column);
      const std::string& value = record.fields[column];
      if (!text::Trim(value).empty() && !ParsePrinted(value)) {
        reader.Fail(record, column, fmt::format("'{}' is not a number", value), "a number or an empty cell");
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

ClaimResult Auditor::AuditTable(const Claim& claim) {
  ClaimResult result;
  result.id = claim.id;
  result.statement = claim.statement;
  std::vector<std::string> expressions;
  for (const auto& check : claim.columns) {
    expressions.push_back(
        fmt::format("{}[{}]: {}", check.column, check.unit.text, check.expression->ToString()));
  }
  result.expression = text::Join(expressions, "; ");
  result.unit = claim.unit.text;
  std::string key_column;
  const std::vector<TableRow> rows = ReadTable(claim, key_column);
  const int default_year = claim.cited_year > 0 ? claim.cited_year - 1 : 0;

  // Runs one reading over every cell; `cells` receives the cell results when given.
  bool unit_mismatch = false;
  auto run = [&](const Reading& reading, std::vector<CellResult>* cells, bool& applicable) {
    Tally tally;
    applicable = reading.IsPlain();
    for (const auto& row : rows) {
      for (const auto& check : claim.columns) {
        const auto printed = ParsePrinted(row.values.at(check.column));
        const Computed computed =
            Compute(*check.expression, reading, check.unit, row.values, default_year, claim);
        if (!reading.IsPlain() && FullyApplied(reading, computed.applied)) applicable = true;
        if (reading.IsPlain() && computed.unit_mismatch) unit_mismatch = true;
        Verdict verdict = Verdict::kUnverifiable;
        if (computed.value && printed)
          verdict = Judge(*computed.value, *printed, Relation::kApprox, check.unit.base);
        tally.Add(verdict);
        if (cells != nullptr) {
          cells->push_back({row.values.at(key_column), check.column,
                            printed ? std::optional<double>(printed->value) : std::nullopt, computed.value,
                            verdict, computed.missing});
          if (computed.quantity && result.sources.size() < 8) {
            result.sources.insert(result.sources.end(), computed.quantity->sources.begin(),
                                  computed.quantity->sources.end());
          }
        }
      }
    }
    return tally;
  };

  bool applicable = true;
  const Tally plain = run({}, &result.cells, applicable);
  result.computed = plain.Checkable() > 0 ? std::optional<double>(plain.ShareHolding()) : std::nullopt;
  result.verdict = plain.Overall();
  std::optional<ReadingResult> best;
  int best_holds = plain.holds;
  std::set<Modification> relevant;
  for (const auto& check : claim.columns) {
    const auto more = RelevantModifications(*check.expression);
    relevant.insert(more.begin(), more.end());
  }
  for (const auto& reading : CandidateReadings()) {
    if (reading.IsPlain() || !CouldApply(reading, relevant)) continue;
    const Tally tally = run(reading, nullptr, applicable);
    if (!applicable) continue;
    ReadingResult alternative{
        reading.Describe(),
        tally.Checkable() > 0 ? std::optional<double>(tally.ShareHolding()) : std::nullopt, tally.Overall(),
        tally.Describe()};
    // The best reading reproduces the most cells (a share over fewer checkable cells is not better).
    if (tally.holds > best_holds) {
      best_holds = tally.holds;
      best = alternative;
    }
    result.alternatives.push_back(alternative);
  }

  // What the table declares about itself.
  if (claim.declared.years && key_column == "year") {
    int first = 9999;
    int last = 0;
    for (const auto& row : rows) {
      if (const auto year = text::ParseInteger(row.values.at("year"))) {
        first = std::min(first, static_cast<int>(*year));
        last = std::max(last, static_cast<int>(*year));
      }
    }
    const auto [declared_first, declared_last] = *claim.declared.years;
    if (first != declared_first || last != declared_last) {
      result.table_findings.push_back(fmt::format("the title declares {}-{} but the rows cover {}-{}",
                                                  declared_first, declared_last, first, last));
    }
  }
  if (!claim.declared.parts_within_total.empty()) {
    const std::string& column = claim.declared.parts_within_total;
    double parts = 0;
    std::optional<double> total;
    for (const auto& row : rows) {
      const auto value = ParsePrinted(row.values.at(column));
      if (!value) continue;
      if (text::Upper(row.values.at(key_column)) == "TOTAL") {
        total = value->value;
      } else {
        parts += value->value;
      }
    }
    if (total && parts > *total * (1 + kHoldTolerance)) {
      result.table_findings.push_back(fmt::format("the rows of {} add up to {}, more than the TOTAL row ({})",
                                                  column, text::FormatNumber(parts),
                                                  text::FormatNumber(*total)));
    } else if (total) {
      result.table_findings.push_back(fmt::format("the rows of {} add up to {}, within the TOTAL row ({})",
                                                  column, text::FormatNumber(parts),
                                                  text::FormatNumber(*total)));
    }
  }
  if (unit_mismatch) {
    result.table_findings.push_back(fmt::format(
        "the declared measure does not fit the declared unit ({}): the plain reading compares bare numbers",
        claim.unit.text));
  }
  for (const auto& finding : result.table_findings) {
    if (finding.find("declares") != std::string::npos || finding.find("more than") != std::string::npos ||
        finding.find("does not fit") != std::string::npos) {
      if (result.verdict != Verdict::kUnverifiable) result.verdict = Verdict::kDiffers;
    }
  }

  std::string explanation =
      fmt::format("Plain reading (as the table declares itself): {}.", plain.Describe());
  std::vector<std::string> examples;
  for (const auto& cell : result.cells) {
    if (examples.size() == 3) break;
    if (cell.verdict == Verdict::kDiffers && cell.computed && cell.printed) {
      examples.push_back(fmt::format("{} {}: printed {}, computed {}", cell.key, cell.column,
                                     text::FormatNumber(*cell.printed), text::FormatNumber(*cell.computed)));
    }
  }
  if (!examples.empty()) explanation += " For example " + text::Join(examples, "; ") + ".";
  std::string missing;
  for (const auto& cell : result.cells) {
    if (cell.verdict == Verdict::kUnverifiable && !cell.note.empty()) {
      missing = cell.note;
      break;
    }
  }
  if (!missing.empty()) explanation += fmt::format(" Unchecked cells need data such as {}.", missing);
  if (!result.table_findings.empty())
    explanation += " Also: " + text::Join(result.table_findings, "; ") + ".";
  if (best) {
    explanation += fmt::format(" The reading that best reproduces the table is '{}': {}.",
                               best->interpretation, best->note);
  } else if (result.verdict != Verdict::kHolds) {
    explanation += " No alternative reading reproduces more cells.";
  }
  result.explanation = explanation;
  return result;
}

}  // namespace linkage
