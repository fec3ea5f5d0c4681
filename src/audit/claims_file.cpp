#include "audit/claims_file.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <regex>
#include <set>

#include "core/csv_reader.hpp"
#include "core/text.hpp"
#include "core/years.hpp"

namespace linkage {

namespace {

// "exports[USD]: flow(...); imports[USD]: flow(...)"
std::vector<TableColumnCheck> ParseColumnChecks(const CsvReader& reader, const CsvRecord& record,
                                                std::size_t column, const PrintedUnit& default_unit) {
  static const std::regex pattern(R"(^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(\[([^\]]*)\])?\s*:\s*(.+)$)");
  std::vector<TableColumnCheck> checks;
  for (const auto& part : text::Split(record.fields[column], ';')) {
    if (text::Trim(part).empty()) continue;
    std::smatch match;
    if (!std::regex_match(part, match, pattern)) {
      reader.Fail(record, column, fmt::format("cannot read the column check '{}'", text::Trim(part)),
                  "column[unit]: expression, separated by ';'");
    }
    TableColumnCheck check;
    check.column = match[1].str();
    check.unit = match[2].matched ? ParsePrintedUnit(match[3].str()) : default_unit;
    check.expression = ParseExpression(match[4].str(), reader.Path(), record.line);
    checks.push_back(std::move(check));
  }
  if (checks.empty())
    reader.Fail(record, column, "a table claim needs column checks", "column[unit]: expression");
  return checks;
}

TableDeclaration ParseDeclaration(const CsvReader& reader, const CsvRecord& record, std::size_t column) {
  static const std::regex years(R"(^\s*years\s*=\s*(\d{4})\s*-\s*(\d{4})\s*$)");
  static const std::regex parts(R"(^\s*parts_within_total\s*=\s*([A-Za-z_][A-Za-z0-9_]*)\s*$)");
  TableDeclaration declaration;
  for (const auto& part : text::Split(record.fields[column], ';')) {
    if (text::Trim(part).empty()) continue;
    std::smatch match;
    if (std::regex_match(part, match, years)) {
      const auto first = ParseYear(match[1].str());
      const auto last = ParseYear(match[2].str());
      if (!first || !last || *last < *first) {
        reader.Fail(record, column, fmt::format("'{}' is not a range of years", text::Trim(part)),
                    fmt::format("years=FIRST-LAST, from {} to {}, not backwards", kFirstYear, kLastYear));
      }
      declaration.years = {*first, *last};
    } else if (std::regex_match(part, match, parts)) {
      declaration.parts_within_total = match[1].str();
    } else {
      reader.Fail(record, column, fmt::format("unknown declaration '{}'", text::Trim(part)),
                  "years=FIRST-LAST or parts_within_total=COLUMN, separated by ';'");
    }
  }
  return declaration;
}

}  // namespace

std::vector<Claim> ReadClaims(const std::string& path) {
  CsvReader reader(path);
  reader.RequireColumns({"id", "statement", "expression", "printed", "unit"});
  const std::size_t id = reader.Column("id");
  const std::size_t expression = reader.Column("expression");
  const std::size_t printed = reader.Column("printed");
  const auto section = reader.FindColumn("section");
  const auto relation = reader.FindColumn("relation");
  const auto cited_source = reader.FindColumn("cited_source");
  const auto cited_year = reader.FindColumn("cited_year");
  const auto table = reader.FindColumn("table");
  const auto declared = reader.FindColumn("declared");
  const std::filesystem::path folder = std::filesystem::path(path).parent_path();
  std::vector<Claim> claims;
  std::set<std::string> ids;
  CsvRecord record;
  while (reader.Next(record)) {
    Claim claim;
    claim.file = path;
    claim.line = record.line;
    claim.id = reader.Text(record, id);
    if (!ids.insert(claim.id).second) reader.Fail(record, id, "duplicate claim id", "a unique id per claim");
    claim.section = section ? record.fields[*section] : "";
    claim.statement = reader.Text(record, reader.Column("statement"));
    claim.expression_text = reader.Text(record, expression);
    claim.unit = ParsePrintedUnit(record.fields[reader.Column("unit")]);
    claim.cited_source = cited_source ? record.fields[*cited_source] : "";
    if (cited_year && !text::Trim(record.fields[*cited_year]).empty()) {
      claim.cited_year = static_cast<int>(reader.Integer(record, *cited_year, 1800, 2100));
    }
    if (relation) {
      const auto parsed = ParseRelation(record.fields[*relation]);
      if (!parsed)
        reader.Fail(record, *relation, "unknown relation", "approx, at_least or at_most (empty: approx)");
      claim.relation = *parsed;
    }
    if (table && !text::Trim(record.fields[*table]).empty()) {
      claim.table_path = (folder / std::string(text::Trim(record.fields[*table]))).string();
      if (!std::filesystem::exists(claim.table_path)) {
        reader.Fail(record, *table, fmt::format("no such table file {}", claim.table_path),
                    "a CSV path relative to the claims file");
      }
      claim.columns = ParseColumnChecks(reader, record, expression, claim.unit);
      if (declared) claim.declared = ParseDeclaration(reader, record, *declared);
    } else {
      claim.expression = ParseExpression(claim.expression_text, path, record.line);
      claim.printed_text = std::string(text::Trim(record.fields[printed]));
      if (!claim.printed_text.empty()) {
        claim.printed = ParsePrinted(claim.printed_text);
        if (!claim.printed)
          reader.Fail(record, printed, "the printed value is not a number", "a number or empty");
      }
    }
    claims.push_back(std::move(claim));
  }
  if (claims.empty()) throw InputError({path, 2}, "the claims file has no claims", "one row per claim");
  return claims;
}

}  // namespace linkage
