// UN Comtrade bulk files, in either published layout: the classic bulk CSV ("Classification,Year,Period,...,
// Trade Flow Code,...,Reporter ISO,Partner Code,...,Commodity Code,...,Trade Value (US$),...") and the
// Comtrade+ bulk text file (tab-separated
// "typeCode,freqCode,refPeriodId,refYear,...,reporterISO,flowCode,partnerCode,...,
// cmdCode,...,primaryValue,..."). Rows are streamed: one thread parses, another writes, with a bounded queue
// of batches between them.
#include <fmt/format.h>

#include <exception>
#include <map>
#include <optional>
#include <thread>

#include "core/csv_reader.hpp"
#include "core/error.hpp"
#include "core/line_source.hpp"
#include "core/text.hpp"
#include "ingest/batch_queue.hpp"
#include "ingest/flow_writer.hpp"
#include "ingest/importers.hpp"

namespace linkage {

namespace {

// The columns the importer uses, by their names in each layout.
struct ComtradeColumns {
  std::size_t year = 0;
  std::size_t flow = 0;
  std::size_t reporter_code = 0;
  std::optional<std::size_t> reporter_iso;
  std::size_t partner_code = 0;
  std::optional<std::size_t> partner_iso;
  std::size_t commodity = 0;
  std::size_t value = 0;
  std::optional<std::size_t> second_partner;
  std::optional<std::size_t> customs;
  std::optional<std::size_t> transport;
  std::optional<std::size_t> frequency;
  std::optional<std::size_t> reported;
  bool plus = false;  // the Comtrade+ layout
};

ComtradeColumns FindColumns(const CsvReader& reader) {
  ComtradeColumns columns;
  columns.plus = reader.FindColumn("primaryValue").has_value();
  const auto pick = [&](const char* classic, const char* plus) {
    return reader.Column(columns.plus ? plus : classic);
  };
  const auto maybe = [&](const char* classic, const char* plus) {
    return reader.FindColumn(columns.plus ? plus : classic);
  };
  columns.year = pick("Year", "refYear");
  columns.flow = pick("Trade Flow Code", "flowCode");
  columns.reporter_code = pick("Reporter Code", "reporterCode");
  columns.reporter_iso = maybe("Reporter ISO", "reporterISO");
  columns.partner_code = pick("Partner Code", "partnerCode");
  columns.partner_iso = maybe("Partner ISO", "partnerISO");
  columns.commodity = pick("Commodity Code", "cmdCode");
  columns.value = pick("Trade Value (US$)", "primaryValue");
  columns.second_partner = maybe("2nd Partner Code", "partner2Code");
  columns.customs = maybe("Customs Proc. Code", "customsCode");
  columns.transport = maybe("Mode of Transport Code", "motCode");
  columns.frequency = reader.FindColumn("freqCode");
  columns.reported = reader.FindColumn("isReported");
  return columns;
}

// Exports or imports; nullopt for the flows kept apart (re-exports, re-imports, processing trade).
std::optional<char> Direction(const std::string& code, bool plus) {
  if (plus) {
    if (code == "X") return 'X';
    if (code == "M") return 'M';
    return std::nullopt;
  }
  if (code == "2") return 'X';
  if (code == "1") return 'M';
  return std::nullopt;
}

// True when an optional breakdown column holds its "all" value (empty, 0, C00 or TOTAL).
bool IsTotal(const CsvRecord& record, const std::optional<std::size_t>& column) {
  if (!column) return true;
  const std::string value(text::Trim(record.fields[*column]));
  return value.empty() || value == "0" || value == "C00" || value == "TOTAL";
}

class ComtradeActors {
 public:
  ComtradeActors(ImportContext& context, const CsvReader& reader) : context_(context), reader_(reader) {}

  // The actor in the ISO column when it names one, else the numeric code (partner 0 is the World).
  std::string Resolve(const CsvRecord& record, std::size_t code_column,
                      const std::optional<std::size_t>& iso) {
    const std::string code(text::Trim(record.fields[code_column]));
    const std::string key = fmt::format("{}|{}", code, iso ? text::Trim(record.fields[*iso]) : "");
    if (const auto found = known_.find(key); found != known_.end()) return found->second;
    std::string id;
    if (code == "0") {
      id = "WLD";
    } else if (iso && !text::Trim(record.fields[*iso]).empty()) {
      const Resolution by_iso = context_.actors.Resolve(text::Trim(record.fields[*iso]), Scheme::kIso3);
      if (by_iso.Unique()) id = by_iso.matches.front()->id;
    }
    if (id.empty()) {
      if (!text::ParseInteger(code))
        reader_.Fail(record, code_column, fmt::format("'{}' is not a code", code), "a numeric M49 code");
      id = context_.actors.Require(fmt::format("{:0>3}", code), Scheme::kM49, reader_.At(record, code_column))
               .id;
    }
    known_[key] = id;
    return id;
  }

 private:
  ImportContext& context_;
  const CsvReader& reader_;
  std::map<std::string, std::string> known_;
};

// Through LineSource, so that a gzipped file is read like a plain one.
CsvDialect DialectOf(const std::string& path) {
  LineSource lines(path);
  std::string header;
  lines.ReadLine(header);
  CsvDialect dialect;
  if (header.find('\t') != std::string::npos) dialect.delimiter = '\t';
  return dialect;
}

constexpr std::size_t kBatchRows = 4096;
constexpr std::size_t kQueuedBatches = 8;

// A parsed row on its way to the writer, with the place to blame if the workspace refuses it.
struct PendingFlow {
  FlowRecord record;
  SourceLocation where;
};

// Parses every row into batches for the writer; rows that are not stored are counted in `skipped`.
void ParseComtrade(ImportContext& context, CsvReader& reader, const ComtradeColumns& columns,
                   BatchQueue<PendingFlow>& queue, ImportSummary& counts,
                   std::map<std::string, std::int64_t>& skipped) {
  ComtradeActors actors(context, reader);
  std::vector<PendingFlow> batch;
  CsvRecord record;
  while (reader.Next(record)) {
    ++counts.rows_read;
    if (columns.frequency && text::Trim(record.fields[*columns.frequency]) != "A") {
      ++skipped["monthly rows (annual data only)"];
      continue;
    }
    const std::string flow_code(text::Trim(record.fields[columns.flow]));
    const auto flow = Direction(flow_code, columns.plus);
    if (!flow) {
      ++skipped[fmt::format("flow {} (re-exports, re-imports and processing trade are not stored)",
                            flow_code)];
      continue;
    }
    if (!IsTotal(record, columns.second_partner) || !IsTotal(record, columns.customs) ||
        !IsTotal(record, columns.transport)) {
      ++skipped["rows broken down by second partner, customs procedure or mode of transport"];
      continue;
    }
    FlowRecord out;
    out.year = static_cast<int>(reader.Integer(record, columns.year, 1900, 2100));
    out.flow = *flow;
    out.reporter = actors.Resolve(record, columns.reporter_code, columns.reporter_iso);
    out.partner = actors.Resolve(record, columns.partner_code, columns.partner_iso);
    const std::string commodity(text::Trim(record.fields[columns.commodity]));
    if (text::Upper(commodity) == "TOTAL") {
      out.product = "TOTAL";
      out.level = "total";
    } else if (!commodity.empty() && commodity.size() <= 6 && commodity.size() % 2 == 0 &&
               commodity.find_first_not_of("0123456789") == std::string::npos) {
      out.product = commodity;
      out.level = fmt::format("hs{}", commodity.size());
    } else {
      reader.Fail(record, columns.commodity, fmt::format("'{}' is not an HS code", commodity),
                  "TOTAL or an HS chapter, heading or subheading (2, 4 or 6 digits)");
    }
    out.value_usd = reader.OptionalNumber(record, columns.value);
    if (out.value_usd && *out.value_usd < 0) {
      reader.Fail(record, columns.value, "a negative trade value", "a value in US dollars, not negative");
    }
    out.estimated = columns.reported && text::Lower(text::Trim(record.fields[*columns.reported])) == "false";
    out.valuation = PublishedValuation(*flow);
    out.line = static_cast<std::int64_t>(record.line);
    batch.push_back({std::move(out), reader.At(record, columns.value)});
    if (batch.size() == kBatchRows) {
      if (!queue.Push(std::move(batch))) return;  // the writer stopped
      batch.clear();
    }
  }
  if (!batch.empty()) queue.Push(std::move(batch));
}

}  // namespace

void ReadComtrade(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  CsvReader reader(path, DialectOf(path));
  const ComtradeColumns columns = FindColumns(reader);
  // One thread parses and resolves actors; this one writes, so the import uses two cores. The parser touches
  // only the reader and the in-memory registry; its counts are merged after it ends.
  FlowWriter writer(context);  // before the thread starts, so that a failure here leaves no thread to join
  BatchQueue<PendingFlow> queue(kQueuedBatches);
  std::exception_ptr parse_failure;
  ImportSummary parsed;
  std::map<std::string, std::int64_t> skipped;
  std::thread parser([&] {
    try {
      ParseComtrade(context, reader, columns, queue, parsed, skipped);
    } catch (...) {
      parse_failure = std::current_exception();
    }
    queue.Finish();
  });
  try {
    while (auto batch = queue.Pop()) {
      for (const auto& pending : *batch) writer.Write(pending.record, pending.where);
    }
  } catch (...) {
    queue.Cancel();
    parser.join();
    throw;
  }
  parser.join();
  if (parse_failure) std::rethrow_exception(parse_failure);
  writer.Finish();
  context.summary.rows_read += parsed.rows_read;
  for (const auto& [what, count] : skipped) {
    context.summary.notes.push_back(fmt::format("{} rows left out: {}", count, what));
  }
}

}  // namespace linkage
