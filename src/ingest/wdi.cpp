// World Bank WDI indicator files in long form: "Country Name,Country Code,Year,Value". The indicator code
// comes from --code or from a file name "wdi_<code>.csv"; its title and unit from the datapackage.json the
// World Bank's data package ships beside the file, when present.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "core/csv_reader.hpp"
#include "core/text.hpp"
#include "ingest/actor_column.hpp"
#include "ingest/importers.hpp"
#include "ingest/series_writer.hpp"
#include "ingest/table_file.hpp"

namespace linkage {

namespace {

std::string CodeFromFileName(const std::string& path) {
  static const std::regex pattern(R"(^wdi_([a-z0-9.]+)\.csv(\.gz)?$)", std::regex::icase);
  const std::string name = std::filesystem::path(path).filename().string();
  std::smatch match;
  if (!std::regex_match(name, match, pattern)) return "";
  return text::Upper(match[1].str());
}

// "GDP (current US$)" -> "current USD"; "GDP growth (annual %)" -> "percent"; otherwise what the title says.
std::string UnitFromTitle(const std::string& title) {
  const std::size_t open = title.rfind('(');
  const std::size_t close = title.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close < open) return "as published";
  std::string unit = title.substr(open + 1, close - open - 1);
  if (unit.find("current US$") != std::string::npos) return "current USD";
  if (unit.find("constant") != std::string::npos && unit.find("US$") != std::string::npos)
    return "constant USD";
  if (unit == "annual %") return "percent";
  if (text::StartsWith(unit, "% of")) return "percent of " + unit.substr(5);
  return unit;
}

}  // namespace

void ReadWdi(ImportContext& context, const std::string& path, const ImportOptions& options) {
  const std::string code = options.code.empty() ? CodeFromFileName(path) : text::Upper(options.code);
  if (code.empty()) {
    throw InputError({path}, "cannot tell which indicator this file holds",
                     "--code NY.GDP.MKTP.CD, or a file named wdi_<code>.csv");
  }
  std::string title = code;
  const std::string package = std::regex_replace(path, std::regex(R"(\.csv(\.gz)?$)"), ".datapackage.json");
  if (package != path && std::filesystem::exists(package)) {
    std::ifstream in(package);
    try {
      const auto json = nlohmann::json::parse(in);
      title = json.value("title", code);
    } catch (const nlohmann::json::exception& error) {
      throw InputError({package}, std::string("not valid JSON: ") + error.what(),
                       "the World Bank datapackage.json");
    }
  }
  const std::string unit = UnitFromTitle(title);
  const auto table_file = OpenTable(path);
  CsvReader& reader = *table_file;
  reader.RequireColumns({"Country Name", "Country Code", "Year", "Value"});
  const std::size_t name = reader.Column("Country Name");
  const std::size_t country = reader.Column("Country Code");
  const std::size_t year = reader.Column("Year");
  const std::size_t value = reader.Column("Value");
  ActorColumn actors(context.actors, Scheme::kIso3);
  SeriesWriter writer(context);
  writer.Describe(code, title, unit);
  CsvRecord record;
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    const std::string& actor = actors.Resolve(reader, record, country, name, Scheme::kName);
    writer.Write(code, actor, static_cast<int>(reader.Integer(record, year, 1900, 2100)),
                 reader.OptionalNumber(record, value), unit, false, static_cast<std::int64_t>(record.line),
                 "as published", reader.At(record, value));
  }
}

}  // namespace linkage
