// SIPRI Arms Transfers Database trade register, as the web export publishes it: a preamble of notes, then a
// header "SIPRI AT Database ID,Supplier,Recipient,...,TIV delivery values,Local production", CRLF line ends,
// and every line ending with ';'. Each row is one deal's deliveries in one year. A '?' after a value marks it
// as uncertain (older exports), as do the "... is estimate" columns; either flags the row as an estimate.
// Suppliers and recipients are resolved to states; parties SIPRI marks as non-state ('*': armed groups, '**':
// organisations) and "unknown ..." parties are kept with their published name and no actor, so that a
// recipient's total imports still count them.
#include <fmt/format.h>

#include <charconv>

#include "core/csv_reader.hpp"
#include "core/line_source.hpp"
#include "core/text.hpp"
#include "ingest/actor_column.hpp"
#include "ingest/importers.hpp"

namespace linkage {

namespace {

constexpr std::string_view kHeaderStart = "SIPRI AT Database ID";
constexpr std::size_t kMaxPreambleLines = 100;

// How many lines come before the header; InputError when no header is found near the top.
std::size_t CountPreamble(const std::string& path) {
  LineSource source(path);
  std::string line;
  while (source.ReadLine(line) && source.LineNumber() <= kMaxPreambleLines) {
    if (text::StartsWith(line, kHeaderStart)) return source.LineNumber() - 1;
  }
  throw InputError({path, 1}, "no SIPRI trade-register header in the first 100 lines",
                   "a line starting 'SIPRI AT Database ID,Supplier,Recipient,...'");
}

// A party SIPRI does not count as a state: armed groups end in '*', organisations in '**'.
bool IsNonState(std::string_view name) {
  return name.ends_with('*') || text::StartsWith(text::Lower(name), "unknown");
}

// A register value with an optional trailing '?' (uncertain).
struct RegisterValue {
  std::optional<double> value;
  bool uncertain = false;
};

RegisterValue ParseRegisterValue(const CsvReader& reader, const CsvRecord& record, std::size_t column) {
  std::string_view field = text::Trim(record.fields[column]);
  RegisterValue parsed;
  if (field.ends_with('?')) {
    parsed.uncertain = true;
    field.remove_suffix(1);
  }
  if (field.empty()) return parsed;
  double value = 0;
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (error != std::errc() || end != field.data() + field.size() || value < 0) {
    reader.Fail(record, column, fmt::format("'{}' is not a value", record.fields[column]),
                "a non-negative number, optionally followed by '?' when uncertain, or empty");
  }
  parsed.value = value;
  return parsed;
}

bool IsEstimate(const CsvReader& reader, const CsvRecord& record, std::optional<std::size_t> column) {
  if (!column) return false;
  const std::string flag = text::Lower(text::Trim(record.fields[*column]));
  if (flag.empty() || flag == "no") return false;
  if (flag == "yes") return true;
  reader.Fail(record, *column, fmt::format("'{}' is not a flag", record.fields[*column]), "Yes, No or empty");
}

}  // namespace

void ReadSipri(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  CsvDialect dialect;
  dialect.preamble_lines = CountPreamble(path);
  context.summary.header_line = dialect.preamble_lines + 1;
  dialect.line_end = ';';
  CsvReader reader(path, dialect);
  reader.RequireColumns({"SIPRI AT Database ID", "Supplier", "Recipient", "Designation", "Armament category",
                         "Delivery year", "TIV delivery values"});
  const std::size_t deal = reader.Column("SIPRI AT Database ID");
  const std::size_t supplier = reader.Column("Supplier");
  const std::size_t recipient = reader.Column("Recipient");
  const std::size_t weapon = reader.Column("Designation");
  const std::size_t category = reader.Column("Armament category");
  const std::size_t year = reader.Column("Delivery year");
  const std::size_t tiv = reader.Column("TIV delivery values");
  const auto number_estimate = reader.FindColumn("Numbers delivered is estimate");
  const auto year_estimate = reader.FindColumn("Delivery year is estimate");
  const auto delivered = reader.FindColumn("Numbers delivered");
  ActorColumn suppliers(context.actors, Scheme::kAny);
  ActorColumn recipients(context.actors, Scheme::kAny);
  Statement insert(context.database,
                   "INSERT INTO arms_deliveries (dataset, deal_id, supplier, recipient, supplier_name, "
                   "recipient_name, year, tiv, estimated, weapon, category, source_id, source_line) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
  Statement existing(
      context.database,
      "SELECT tiv, source_line FROM arms_deliveries WHERE dataset = ? AND deal_id = ? AND year = ? "
      "AND supplier_name = ? AND recipient_name = ? AND weapon = ?");
  std::int64_t non_state = 0;
  CsvRecord record;
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    const std::string supplier_name = reader.Text(record, supplier);
    const std::string recipient_name = reader.Text(record, recipient);
    std::optional<std::string> supplier_id;
    std::optional<std::string> recipient_id;
    if (!IsNonState(supplier_name)) supplier_id = suppliers.Resolve(reader, record, supplier);
    if (!IsNonState(recipient_name)) recipient_id = recipients.Resolve(reader, record, recipient);
    if (!supplier_id || !recipient_id) ++non_state;
    const RegisterValue when = ParseRegisterValue(reader, record, year);
    if (!when.value || *when.value < 1900 || *when.value > 2200 ||
        *when.value != static_cast<int>(*when.value)) {
      reader.Fail(record, year, fmt::format("'{}' is not a delivery year", record.fields[year]),
                  "a year such as 2011, optionally followed by '?'");
    }
    const RegisterValue value = ParseRegisterValue(reader, record, tiv);
    bool estimated = when.uncertain || value.uncertain || IsEstimate(reader, record, number_estimate) ||
                     IsEstimate(reader, record, year_estimate);
    if (delivered) estimated = ParseRegisterValue(reader, record, *delivered).uncertain || estimated;
    insert.Bind(1, context.dataset)
        .Bind(2, reader.Text(record, deal))
        .Bind(3, supplier_id)
        .Bind(4, recipient_id)
        .Bind(5, supplier_name)
        .Bind(6, recipient_name)
        .Bind(7, static_cast<int>(*when.value))
        .Bind(8, value.value)
        .Bind(9, estimated ? 1 : 0)
        .Bind(10, record.fields[weapon])
        .Bind(11, record.fields[category])
        .Bind(12, context.source_id)
        .Bind(13, static_cast<std::int64_t>(record.line));
    insert.Run();
    if (sqlite3_changes(context.database.Handle()) == 0) {
      // The same deal-year again: a second import of the register, or a contradiction.
      existing.Bind(1, context.dataset).Bind(2, record.fields[deal]).Bind(3, static_cast<int>(*when.value));
      existing.Bind(4, supplier_name).Bind(5, recipient_name).Bind(6, record.fields[weapon]);
      const bool found = existing.Step();
      const auto stored = found ? existing.OptionalReal(0) : std::nullopt;
      const std::int64_t line = found ? existing.Int(1) : 0;
      existing.Reset();
      if (stored != value.value) {
        reader.Fail(record, tiv,
                    fmt::format("deal {} delivered in {} is already stored (line {}) with another TIV",
                                record.fields[deal], static_cast<int>(*when.value), line),
                    "one TIV per deal, delivery year, supplier, recipient and weapon");
      }
      ++context.summary.duplicates;
      continue;
    }
    ++context.summary.values_stored;
    // Every delivery row counts for the register's years, with a TIV or without.
    context.NoteYear(static_cast<int>(*when.value));
    if (!value.value) ++context.summary.missing_values;
    if (estimated) ++context.summary.estimated_values;
  }
  if (non_state > 0) {
    context.summary.notes.push_back(fmt::format(
        "{} rows name a non-state or unknown party ('*', '**', 'unknown'); kept with the published name and "
        "counted in the other party's totals",
        non_state));
  }
}

}  // namespace linkage
