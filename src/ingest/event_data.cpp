// Event data as the projects publish it, stored as coded events between two states (docs/formats.md):
//   gdelt1: GDELT 1.0 event files, tab-separated without a header, 57 fields (backfile to March 2013) or 58
//     (daily files, with SOURCEURL); gdelt2: GDELT 2.0 event files, 61 fields. Both give the CAMEO code,
//     QuadClass and GoldsteinScale, used as published; actors by their CAMEO country codes (ISO alpha-3).
//   icews: ICEWS event files, tab-separated with a header ("Event ID", "Event Date", "Source Country",
//     "CAMEO Code", "Intensity", "Target Country", ...); countries by name, intensity as published, quad
//     class from the CAMEO root.
//   polecat: POLECAT files, tab-separated with a header ("Event ID", "Event Date", "Event Type",
//     "Intensity" or "Event Intensity", "Quad Code", "Contexts", "Actor Country", "Recipient Country", ...);
//     countries ISO alpha-3, several joined by ';' (one event per pair); "None" is missing.
//   plover: PLOVER JSON records, one per line (JSON Lines) or a JSON array: "id", "date", "source" and
//     "recipient" (lists of actors with "code"), "event" (PLOVER types), optional "quad_code", "event_scale",
//     "context".
// Only events between two distinct states are stored; the rest are counted in the import summary.
#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/csv_reader.hpp"
#include "core/dates.hpp"
#include "core/line_source.hpp"
#include "core/text.hpp"
#include "ingest/event_coding.hpp"
#include "ingest/event_fields.hpp"
#include "ingest/event_sink.hpp"
#include "ingest/importers.hpp"
#include "store/workspace.hpp"

namespace linkage {

namespace {

constexpr double kMaxScore = 10.0;

// The GDELT fields the importer reads, by 0-based position.
struct GdeltLayout {
  const char* name;
  std::vector<std::size_t> field_counts;  //!< the record lengths the version allows
  std::size_t url;                        //!< SOURCEURL, when the record has it
  std::size_t date_added;                 //!< DATEADDED: where a shifted record shows
  std::size_t date_added_digits;          //!< its length (YYYYMMDD or YYYYMMDDHHMMSS)
};

constexpr std::size_t kGdeltId = 0;
constexpr std::size_t kGdeltDate = 1;
constexpr std::size_t kGdeltActor1Country = 7;
constexpr std::size_t kGdeltActor2Country = 17;
constexpr std::size_t kGdeltEventCode = 26;
constexpr std::size_t kGdeltQuadClass = 29;
constexpr std::size_t kGdeltGoldstein = 30;

// "20190315" -> "2019-03-15"; nullopt when it is not a real day.
std::optional<std::string> CompactDate(std::string_view field) {
  const std::string_view value = text::Trim(field);
  constexpr std::size_t kDigits = 8;
  if (value.size() != kDigits) return std::nullopt;
  std::string date = fmt::format("{}-{}-{}", value.substr(0, 4), value.substr(4, 2), value.substr(6, 2));
  if (!IsIsoDate(date, DatePrecision::kDay)) return std::nullopt;
  return date;
}

bool IsDay(std::string_view value) {
  return IsIsoDate(value, DatePrecision::kDay);
}

[[noreturn]] void FailAt(const std::string& path, std::size_t line, std::size_t column,
                         const std::string& name, const std::string& problem, const std::string& expected,
                         const std::string& raw) {
  throw InputError({path, line, column + 1, name}, problem, expected, raw);
}

void ReadGdelt(ImportContext& context, const std::string& path, const GdeltLayout& layout) {
  const EventCodingTables tables(DefaultDataDir());
  EventSink sink(context, Scheme::kIso3);
  LineSource source(path);
  std::string line;
  std::size_t first_count = 0;
  std::size_t first_line = 0;
  while (source.ReadLine(line)) {
    if (text::Trim(line).empty()) continue;
    const std::size_t number = source.LineNumber();
    ++context.summary.rows_read;
    const std::vector<std::string> fields = text::Split(line, '\t');
    if (std::find(layout.field_counts.begin(), layout.field_counts.end(), fields.size()) ==
        layout.field_counts.end()) {
      std::vector<std::string> counts;
      for (const auto count : layout.field_counts) counts.push_back(std::to_string(count));
      FailAt(path, number, std::min(fields.size(), layout.field_counts.back()), "",
             fmt::format("found {} tab-separated fields", fields.size()),
             fmt::format("{} fields, as {} publishes them", text::Join(counts, " or "), layout.name), line);
    }
    // One file has one layout: a record one field short of the other layout is a damaged record, not the
    // other layout (every field after the gap would shift).
    if (first_count == 0) {
      first_count = fields.size();
      first_line = number;
    } else if (fields.size() != first_count) {
      FailAt(path, number, std::min(fields.size(), first_count), "",
             fmt::format("found {} tab-separated fields but line {} has {}", fields.size(), first_line,
                         first_count),
             fmt::format("{} fields in every record of the file", first_count), line);
    }
    CodedEvent event;
    event.id = fields[kGdeltId];
    const auto date = CompactDate(fields[kGdeltDate]);
    if (!date) {
      FailAt(path, number, kGdeltDate, "SQLDATE", fmt::format("'{}' is not a date", fields[kGdeltDate]),
             "YYYYMMDD", line);
    }
    event.date = *date;
    event.source = std::string(text::Trim(fields[kGdeltActor1Country]));
    event.target = std::string(text::Trim(fields[kGdeltActor2Country]));
    event.code = std::string(text::Trim(fields[kGdeltEventCode]));
    const auto coding = tables.Cameo(event.code);
    if (!coding) {
      FailAt(path, number, kGdeltEventCode, "EventCode", fmt::format("'{}' is not a CAMEO code", event.code),
             "a CAMEO event code such as 042 or 0231 (data/events/cameo.csv)", line);
    }
    event.kind = event.code;
    event.dimension = coding->dimension;
    event.description = coding->description;
    event.quad_class = ParseQuadClass(fields[kGdeltQuadClass]);
    if (event.quad_class == 0) {
      FailAt(path, number, kGdeltQuadClass, "QuadClass",
             fmt::format("'{}' is not a quad class", fields[kGdeltQuadClass]), "1, 2, 3 or 4", line);
    }
    const auto goldstein = text::ParseDouble(text::Trim(fields[kGdeltGoldstein]));
    if (!goldstein || *goldstein < -kMaxScore || *goldstein > kMaxScore) {
      FailAt(path, number, kGdeltGoldstein, "GoldsteinScale",
             fmt::format("'{}' is not a Goldstein score", fields[kGdeltGoldstein]), "a number from -10 to 10",
             line);
    }
    event.intensity = goldstein;
    // Checked last: the fields before it explain a bad row better when they are bad themselves.
    const std::string_view added = text::Trim(fields[layout.date_added]);
    if (!added.empty() &&
        (added.size() != layout.date_added_digits ||
         !std::all_of(added.begin(), added.end(), [](char c) { return c >= '0' && c <= '9'; }))) {
      FailAt(path, number, layout.date_added, "DATEADDED",
             fmt::format("'{}' is not a date-added stamp: a field is missing or extra before it",
                         text::Truncate(added, 60)),
             fmt::format("{} digits (or empty), as {} publishes DATEADDED", layout.date_added_digits,
                         layout.name),
             line);
    }
    if (layout.url < fields.size()) event.citation = fields[layout.url];
    sink.Add(event, static_cast<std::int64_t>(number));
  }
  sink.Summarise();
}

// A score field of an event file; nullopt when empty or "None".
std::optional<double> Score(const CsvReader& reader, const CsvRecord& record, std::size_t column) {
  const std::string_view field = text::Trim(record.fields[column]);
  if (field == "None") return std::nullopt;
  const auto value = reader.OptionalNumber(record, column);
  if (value && std::abs(*value) > kMaxScore) {
    reader.Fail(record, column, fmt::format("'{}' is out of range", field), "a score from -10 to 10");
  }
  return value;
}

// The dimension a PLOVER record's contexts name, else the type's.
std::string ContextDimension(const std::string& contexts, const std::string& fallback) {
  const std::string lower = text::Lower(contexts);
  if (lower.find("military") != std::string::npos || lower.find("terrorism") != std::string::npos) {
    return "security";
  }
  if (lower.find("economic") != std::string::npos || lower.find("trade") != std::string::npos) {
    return "economic";
  }
  return fallback;
}

}  // namespace

void ReadGdelt1(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  ReadGdelt(context, path, {"GDELT 1.0", {57, 58}, 57, 56, 8});
}

void ReadGdelt2(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  ReadGdelt(context, path, {"GDELT 2.0", {61}, 60, 59, 14});
}

void ReadIcews(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  const EventCodingTables tables(DefaultDataDir());
  CsvReader reader(path, {.delimiter = '\t'});
  reader.RequireColumns(
      {"Event ID", "Event Date", "Source Country", "CAMEO Code", "Intensity", "Target Country"});
  const std::size_t id = reader.Column("Event ID");
  const std::size_t date = reader.Column("Event Date");
  const std::size_t source = reader.Column("Source Country");
  const std::size_t target = reader.Column("Target Country");
  const std::size_t code = reader.Column("CAMEO Code");
  const std::size_t intensity = reader.Column("Intensity");
  const auto event_text = reader.FindColumn("Event Text");
  const auto publisher = reader.FindColumn("Publisher");
  EventSink sink(context, Scheme::kAny);
  CsvRecord record;
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    CodedEvent event;
    event.id = reader.Text(record, id);
    event.date = ReadFullDate(reader, record, date);
    event.source = std::string(text::Trim(record.fields[source]));
    event.target = std::string(text::Trim(record.fields[target]));
    // Spreadsheets drop the leading zero of codes such as 042; CAMEO codes have 2 to 4 digits.
    std::string cameo(text::Trim(record.fields[code]));
    auto coding = tables.Cameo(cameo);
    if (!coding && cameo.size() < 4) {
      cameo.insert(0, 1, '0');
      coding = tables.Cameo(cameo);
    }
    if (!coding) {
      reader.Fail(record, code, fmt::format("'{}' is not a CAMEO code", record.fields[code]),
                  "a CAMEO event code");
    }
    event.code = cameo;
    event.kind = cameo;
    event.dimension = coding->dimension;
    event.quad_class = coding->quad_class;
    event.intensity = Score(reader, record, intensity);
    event.description = event_text ? record.fields[*event_text] : coding->description;
    if (publisher) event.citation = record.fields[*publisher];
    sink.Add(event, static_cast<std::int64_t>(record.line));
  }
  sink.Summarise();
}

void ReadPolecat(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  const EventCodingTables tables(DefaultDataDir());
  CsvReader reader(path, {.delimiter = '\t', .trailing_delimiter = true});
  const std::string intensity_name = reader.FindColumn("Event Intensity") ? "Event Intensity" : "Intensity";
  reader.RequireColumns(
      {"Event ID", "Event Date", "Event Type", intensity_name, "Actor Country", "Recipient Country"});
  const std::size_t id = reader.Column("Event ID");
  const std::size_t date = reader.Column("Event Date");
  const std::size_t type = reader.Column("Event Type");
  const std::size_t intensity = reader.Column(intensity_name);
  const std::size_t actor = reader.Column("Actor Country");
  const std::size_t recipient = reader.Column("Recipient Country");
  const auto quad = reader.FindColumn("Quad Code");
  const auto contexts = reader.FindColumn("Contexts");
  const auto source_name = reader.FindColumn("Source");
  EventSink sink(context, Scheme::kIso3);
  CsvRecord record;
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    CodedEvent event;
    event.id = reader.Text(record, id);
    event.date = ReadFullDate(reader, record, date);
    event.code = text::Upper(reader.Text(record, type));
    const auto coding = tables.Plover(event.code);
    if (!coding) {
      reader.Fail(record, type, fmt::format("'{}' is not a PLOVER event type", event.code),
                  "one of the 16 PLOVER types (AGREE, CONSULT, ..., ASSAULT; data/events/plover.csv)");
    }
    event.kind = event.code;
    event.quad_class = coding->quad_class;
    if (quad && text::Trim(record.fields[*quad]) != "None" && !text::Trim(record.fields[*quad]).empty()) {
      event.quad_class = ParseQuadClass(record.fields[*quad]);
      if (event.quad_class == 0) {
        reader.Fail(record, *quad, fmt::format("'{}' is not a quad class", record.fields[*quad]),
                    "1-4 or VERBAL/MATERIAL COOPERATION/CONFLICT");
      }
    }
    event.intensity = Score(reader, record, intensity);
    event.dimension = ContextDimension(contexts ? record.fields[*contexts] : "", coding->dimension);
    if (source_name) event.citation = record.fields[*source_name];
    const auto countries = [](const std::string& field) {
      std::vector<std::string> codes;
      for (const auto& piece : text::Split(field, ';')) {
        const std::string code(text::Trim(piece));
        if (!code.empty() && code != "None") codes.push_back(code);
      }
      return codes;
    };
    const auto sources = countries(record.fields[actor]);
    const auto targets = countries(record.fields[recipient]);
    sink.AddPairs(event, sources, targets, static_cast<std::int64_t>(record.line));
  }
  sink.Summarise();
}

// Deep enough for any PLOVER record; deeper nesting is refused before it can exhaust the stack of the code
// that walks or prints the record.
constexpr int kMaxJsonDepth = 64;

// Parses PLOVER JSON at `where`: a syntax error, nesting deeper than kMaxJsonDepth or a number a double
// cannot hold is an InputError there.
nlohmann::json ParsePloverJson(const std::string& text, SourceLocation where, const std::string& expected) {
  try {
    return nlohmann::json::parse(text, [&](int depth, nlohmann::json::parse_event_t /*event*/,
                                           nlohmann::json& /*parsed*/) {
      if (depth > kMaxJsonDepth)
        throw InputError(where, fmt::format("JSON nested deeper than {} levels", kMaxJsonDepth), expected);
      return true;
    });
  } catch (const nlohmann::json::parse_error& error) {
    where.column = error.byte;
    throw InputError(where, "not valid JSON", expected);
  } catch (const nlohmann::json::out_of_range& error) {
    throw InputError(where, fmt::format("a number out of range ({})", error.what()),
                     "numbers within the range of a double");
  }
}

void ReadPlover(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  const EventCodingTables tables(DefaultDataDir());
  EventSink sink(context, Scheme::kIso3);
  // A JSON array is read whole; JSON Lines one record per line, so errors name the line.
  std::vector<std::pair<nlohmann::json, std::size_t>> records;
  LineSource source(path);
  std::string line;
  std::string whole;
  bool array = false;
  while (source.ReadLine(line)) {
    const std::string_view trimmed = text::Trim(line);
    if (trimmed.empty()) continue;
    if (array || (records.empty() && trimmed.front() == '[')) {
      array = true;
      whole += line + '\n';
      continue;
    }
    records.emplace_back(
        ParsePloverJson(line, {path, source.LineNumber()}, "one PLOVER JSON object per line"),
        source.LineNumber());
  }
  if (array) {
    for (auto& item : ParsePloverJson(whole, {path}, "a JSON array of PLOVER objects"))
      records.emplace_back(std::move(item), 0);
  }
  for (const auto& entry : records) {
    const nlohmann::json& json = entry.first;
    const std::size_t number = entry.second;
    ++context.summary.rows_read;
    const auto fail = [&](const std::string& field, const std::string& problem, const std::string& expected) {
      throw InputError({path, number, 0, field}, problem, expected, json.dump().substr(0, 200));
    };
    if (!json.is_object()) fail("", "the record is not a JSON object", "a PLOVER JSON object");
    for (const char* required : {"id", "date", "source", "event"}) {
      if (!json.contains(required))
        fail(required, fmt::format("no \"{}\" field", required), "the PLOVER fields id, date, source, event");
    }
    CodedEvent event;
    event.id = json["id"].is_string() ? json["id"].get<std::string>() : json["id"].dump();
    if (!json["date"].is_string() || !IsDay(json["date"].get<std::string>())) {
      fail("date", fmt::format("{} is not a date", json["date"].dump()), "\"YYYY-MM-DD\"");
    }
    event.date = json["date"].get<std::string>();
    const auto sides = [&](const char* field) {
      std::vector<std::string> codes;
      if (!json.contains(field)) return codes;
      if (!json[field].is_array()) fail(field, "not a list of actors", "a list of objects with \"code\"");
      for (const auto& actor : json[field]) {
        if (actor.is_object() && actor.contains("code") && actor["code"].is_string()) {
          codes.push_back(actor["code"].get<std::string>());
        } else if (actor.is_object() && actor.contains("country_code") && actor["country_code"].is_string()) {
          codes.push_back(actor["country_code"].get<std::string>());
        }
      }
      return codes;
    };
    const auto sources = sides("source");
    const auto targets = sides("recipient");
    const auto types = json["event"].is_array() ? json["event"] : nlohmann::json::array({json["event"]});
    std::string contexts;
    if (json.contains("context")) contexts = json["context"].dump();
    for (const auto& type : types) {
      if (!type.is_string())
        fail("event", "an event type that is not text", "PLOVER types such as \"CONSULT\"");
      event.code = text::Upper(type.get<std::string>());
      const auto coding = tables.Plover(event.code);
      if (!coding) {
        fail("event", fmt::format("'{}' is not a PLOVER event type", event.code),
             "one of the 16 PLOVER types (data/events/plover.csv)");
      }
      event.kind = event.code;
      event.quad_class = coding->quad_class;
      if (json.contains("quad_code") && json["quad_code"].is_number_integer()) {
        event.quad_class = json["quad_code"].get<int>();
        if (event.quad_class < 1 || event.quad_class > 4)
          fail("quad_code", "not a quad class", "1, 2, 3 or 4");
      }
      event.intensity = coding->score;
      if (json.contains("event_scale") && json["event_scale"].is_number()) {
        event.intensity = json["event_scale"].get<double>();
      }
      event.dimension = ContextDimension(contexts, coding->dimension);
      sink.AddPairs(event, sources, targets, static_cast<std::int64_t>(number));
    }
  }
  sink.Summarise();
}

}  // namespace linkage
