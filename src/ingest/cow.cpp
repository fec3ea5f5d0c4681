// Correlates of War data sets as the COW project and peacesciencer publish them, keyed by COW state codes:
//   cow-igo-dyad: shared IGO memberships, non-directed dyad-year "ccode1,ccode2,year,dyadigos".
//   cow-igo-state: IGO memberships per state-year "ccode,year,sum_igo_full,sum_igo_associate,...".
//   cow-contiguity: Direct Contiguity v3.2, directed
//   "dyad,state1no,state1ab,state2no,state2ab,year,conttype". cow-nmc: National Material Capabilities v5
//   "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc". cow-trade: COW Trade v4 national totals
//   "ccode,statename,stateabb,year,imports,exports,...".
// COW writes -9 for a missing value; it is stored as missing, never as a number.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "core/csv_reader.hpp"
#include "core/text.hpp"
#include "ingest/actor_column.hpp"
#include "ingest/dyad_series_writer.hpp"
#include "ingest/importers.hpp"
#include "ingest/series_writer.hpp"
#include "ingest/table_file.hpp"

namespace linkage {

namespace {

constexpr double kCowMissing = -9;

// A COW value, with -9 read as missing.
std::optional<double> CowValue(const CsvReader& reader, const CsvRecord& record, std::size_t column) {
  const auto value = reader.OptionalNumber(record, column);
  if (value && *value == kCowMissing) return std::nullopt;
  return value;
}

// One series column of a state-year COW file.
struct StateColumn {
  const char* column;
  const char* code;
  const char* name;
  const char* unit;
  double scale;  //!< multiplies the published value into the stored unit
};

// For each state-year, the COW code whose rows are kept. In a year of succession a file lists one state
// under two codes that the registry reads as the same actor (GFR 260 and Germany 255 in 1990); the code that
// continues after that year is kept.
std::map<std::pair<std::string, int>, std::string> ChooseCodes(ImportContext& context,
                                                               const std::string& path) {
  const auto table_file = OpenTable(path);
  CsvReader& reader = *table_file;
  const std::size_t state = reader.Column("ccode");
  const std::size_t year = reader.Column("year");
  ActorColumn actors(context.actors, Scheme::kCow);
  std::map<std::string, int> last_year;
  std::map<std::pair<std::string, int>, std::set<std::string>> codes;
  CsvRecord record;
  while (reader.Next(record)) {
    const std::string code(text::Trim(record.fields[state]));
    const int when = static_cast<int>(reader.Integer(record, year, 1800, 2200));
    last_year[code] = std::max(last_year[code], when);
    codes[{actors.Resolve(reader, record, state), when}].insert(code);
  }
  std::map<std::pair<std::string, int>, std::string> chosen;
  for (const auto& [key, candidates] : codes) {
    chosen[key] = *std::max_element(
        candidates.begin(), candidates.end(),
        [&](const std::string& a, const std::string& b) { return last_year[a] < last_year[b]; });
  }
  return chosen;
}

// Reads a state-year file whose state is in column `ccode` into the series `columns` describe.
template <std::size_t N>
void ReadStateYears(ImportContext& context, const std::string& path,
                    const std::array<StateColumn, N>& columns) {
  const auto table_file = OpenTable(path);
  CsvReader& reader = *table_file;
  std::vector<std::string> required = {"ccode", "year"};
  for (const auto& column : columns) required.emplace_back(column.column);
  reader.RequireColumns(required);
  const std::size_t state = reader.Column("ccode");
  const std::size_t year = reader.Column("year");
  std::array<std::size_t, N> indices{};
  for (std::size_t k = 0; k < N; ++k) indices[k] = reader.Column(columns[k].column);
  const auto chosen = ChooseCodes(context, path);
  SeriesWriter writer(context);
  for (const auto& column : columns) writer.Describe(column.code, column.name, column.unit);
  ActorColumn actors(context.actors, Scheme::kCow);
  std::int64_t superseded = 0;
  CsvRecord record;
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    const std::string& actor = actors.Resolve(reader, record, state);
    const int when = static_cast<int>(reader.Integer(record, year, 1800, 2200));
    if (chosen.at({actor, when}) != text::Trim(record.fields[state])) {
      ++superseded;
      continue;
    }
    for (std::size_t k = 0; k < N; ++k) {
      auto value = CowValue(reader, record, indices[k]);
      if (value) *value *= columns[k].scale;
      const std::string transform =
          columns[k].scale == 1 ? fmt::format("column {}", columns[k].column)
                                : fmt::format("column {} x {:g}", columns[k].column, columns[k].scale);
      writer.Write(columns[k].code, actor, when, value, columns[k].unit, false,
                   static_cast<std::int64_t>(record.line), transform, reader.At(record, indices[k]));
    }
  }
  if (superseded > 0) {
    context.summary.notes.push_back(fmt::format(
        "{} rows left out: a state listed under two COW codes in a year of succession keeps the row of the "
        "code that continues",
        superseded));
  }
}

}  // namespace

void ReadCowIgoDyad(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  const auto table_file = OpenTable(path);
  CsvReader& reader = *table_file;
  reader.RequireColumns({"ccode1", "ccode2", "year", "dyadigos"});
  const std::size_t first = reader.Column("ccode1");
  const std::size_t second = reader.Column("ccode2");
  const std::size_t year = reader.Column("year");
  const std::size_t shared = reader.Column("dyadigos");
  ActorColumn actors_a(context.actors, Scheme::kCow);
  ActorColumn actors_b(context.actors, Scheme::kCow);
  DyadSeriesWriter writer(context);
  CsvRecord record;
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    DyadValue value{"COW.IGO.SHARED",
                    actors_a.Resolve(reader, record, first),
                    actors_b.Resolve(reader, record, second),
                    static_cast<int>(reader.Integer(record, year, 1800, 2200)),
                    CowValue(reader, record, shared),
                    "IGOs with both as full members",
                    false};
    if (value.value && *value.value < 0) {
      reader.Fail(record, shared, "a negative count", "a count of shared IGOs, or -9 for missing");
    }
    writer.Write(value, static_cast<std::int64_t>(record.line), "column dyadigos", reader.At(record, shared));
  }
  writer.Finish();
}

void ReadCowIgoState(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  static constexpr std::array<StateColumn, 4> kColumns = {{
      {"sum_igo_full", "COW.IGO.FULL", "IGOs the state is a full member of", "IGOs", 1},
      {"sum_igo_associate", "COW.IGO.ASSOCIATE", "IGOs the state is an associate member of", "IGOs", 1},
      {"sum_igo_observer", "COW.IGO.OBSERVER", "IGOs the state is an observer of", "IGOs", 1},
      {"sum_igo_anytype", "COW.IGO.ANY", "IGOs the state belongs to in any role", "IGOs", 1},
  }};
  ReadStateYears(context, path, kColumns);
}

void ReadCowContiguity(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  const auto table_file = OpenTable(path);
  CsvReader& reader = *table_file;
  reader.RequireColumns({"state1no", "state2no", "year", "conttype"});
  const std::size_t first = reader.Column("state1no");
  const std::size_t second = reader.Column("state2no");
  const std::size_t year = reader.Column("year");
  const std::size_t type = reader.Column("conttype");
  ActorColumn actors_a(context.actors, Scheme::kCow);
  ActorColumn actors_b(context.actors, Scheme::kCow);
  // A dyad whose contiguity changed within a year is listed once per type; the closest type counts.
  DyadSeriesWriter writer(context, Combine::kMin);
  CsvRecord record;
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    DyadValue value{"COW.CONTIG",
                    actors_a.Resolve(reader, record, first),
                    actors_b.Resolve(reader, record, second),
                    static_cast<int>(reader.Integer(record, year, 1800, 2200)),
                    static_cast<double>(reader.Integer(record, type, 1, 5)),
                    "COW contiguity type (1 land border ... 5 up to 400 miles of water)",
                    true};
    writer.Write(value, static_cast<std::int64_t>(record.line), "column conttype", reader.At(record, type));
  }
  writer.Finish();
}

void ReadCowNmc(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  static constexpr std::array<StateColumn, 7> kColumns = {{
      {"milex", "NMC.MILEX", "Military expenditure (COW NMC)", "USD", 1000},
      {"milper", "NMC.MILPER", "Military personnel (COW NMC)", "persons", 1000},
      {"irst", "NMC.IRST", "Iron and steel production (COW NMC)", "tonnes", 1000},
      {"pec", "NMC.PEC", "Primary energy consumption (COW NMC)", "coal-ton equivalents", 1000},
      {"tpop", "NMC.TPOP", "Total population (COW NMC)", "persons", 1000},
      {"upop", "NMC.UPOP", "Urban population (COW NMC)", "persons", 1000},
      {"cinc", "NMC.CINC", "Composite Index of National Capability", "share of system capabilities", 1},
  }};
  ReadStateYears(context, path, kColumns);
}

void ReadCowTrade(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  static constexpr std::array<StateColumn, 2> kColumns = {{
      {"imports", "COW.TRADE.IMPORTS", "Total imports (COW Trade v4)", "USD", 1e6},
      {"exports", "COW.TRADE.EXPORTS", "Total exports (COW Trade v4)", "USD", 1e6},
  }};
  ReadStateYears(context, path, kColumns);
}

}  // namespace linkage
