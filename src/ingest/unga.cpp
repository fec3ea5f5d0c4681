// UN General Assembly data:
//   unga-idealpoints: Bailey, Strezhnev and Voeten's ideal points, "Row,ccode,session,NVotes,IdealPoint,QO%,
//     Q5%,...,Q95%,Q100%,iso3c,Countryname", stored as series at the session's opening year (session s opens
//     in September of 1945 + s).
//   votes: roll-call votes, "rcid,date,actor,vote" with vote yes, no or abstain (or 1, 3, 2 as in Voeten's
//     files); absences and non-members are simply not listed.
//   unvotes: the same votes as the unvotes package and Voeten's Dataverse files publish them,
//     "rcid,country,country_code,vote" (ISO alpha-2), dated from the roll-call table beside them
//     (un_roll_calls.csv: "rcid,session,importantvote,date,...").
#include <fmt/format.h>

#include <map>
#include <utility>

#include "core/csv_reader.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "ingest/actor_column.hpp"
#include "ingest/companion.hpp"
#include "ingest/event_fields.hpp"
#include "ingest/importers.hpp"
#include "ingest/series_writer.hpp"
#include "ingest/table_file.hpp"
#include "ingest/vote_writer.hpp"
#include "store/provenance.hpp"

namespace linkage {

namespace {

constexpr int kFirstSessionYear = 1945;

// rcid -> ISO date from a roll-call table "rcid,...,date,...".
std::map<std::string, std::string> ReadRollCallDates(const std::string& path) {
  const auto table_file = OpenTable(path);
  CsvReader& reader = *table_file;
  reader.RequireColumns({"rcid", "date"});
  const std::size_t rcid = reader.Column("rcid");
  const std::size_t date = reader.Column("date");
  std::map<std::string, std::string> dates;
  CsvRecord record;
  while (reader.Next(record)) {
    const std::string when = ReadFullDate(reader, record, date);
    if (!dates.emplace(reader.Text(record, rcid), when).second) {
      reader.Fail(record, rcid, "the roll call is listed twice", "one row per roll call");
    }
  }
  return dates;
}

}  // namespace

void ReadUngaIdealPoints(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  const auto table_file = OpenTable(path);
  CsvReader& reader = *table_file;
  reader.RequireColumns({"ccode", "session", "NVotes", "IdealPoint", "Q5%", "Q95%", "iso3c"});
  const std::size_t ccode = reader.Column("ccode");
  const std::size_t session = reader.Column("session");
  const std::size_t votes = reader.Column("NVotes");
  const std::size_t point = reader.Column("IdealPoint");
  const std::size_t low = reader.Column("Q5%");
  const std::size_t high = reader.Column("Q95%");
  const std::size_t iso3 = reader.Column("iso3c");
  SeriesWriter writer(context);
  const std::string unit = "ideal point (higher: closer to the US-led order)";
  writer.Describe("UNGA.IDEALPOINT", "UN General Assembly ideal point (all votes)", unit);
  writer.Describe("UNGA.IDEALPOINT.Q05", "UN General Assembly ideal point, 5th percentile", unit);
  writer.Describe("UNGA.IDEALPOINT.Q95", "UN General Assembly ideal point, 95th percentile", unit);
  writer.Describe("UNGA.NVOTES", "UN General Assembly roll calls voted in the session", "votes");
  ActorColumn by_cow(context.actors, Scheme::kCow);  // caches the resolution of each code
  CsvRecord record;
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    // The COW code is the file's key; its iso3c column is a derived crosswalk with known slips (680, South
    // Yemen, is labelled YAR), so it is used only for codes COW does not know.
    const std::string code(text::Trim(record.fields[ccode]));
    const Resolution by_code = context.actors.Resolve(code, Scheme::kCow);
    const std::string iso(text::Trim(record.fields[iso3]));
    const std::string actor = by_code.Unique() || iso.empty() || iso == "NA"
                                  ? by_cow.Resolve(reader, record, ccode)
                                  : context.actors.Require(iso, Scheme::kIso3, reader.At(record, iso3)).id;
    const int year = kFirstSessionYear + static_cast<int>(reader.Integer(record, session, 1, 200));
    const auto line = static_cast<std::int64_t>(record.line);
    const std::string transform =
        fmt::format("session {} reported at its opening year", year - kFirstSessionYear);
    writer.Write("UNGA.IDEALPOINT", actor, year, reader.OptionalNumber(record, point), unit, false, line,
                 transform, reader.At(record, point));
    writer.Write("UNGA.IDEALPOINT.Q05", actor, year, reader.OptionalNumber(record, low), unit, false, line,
                 transform, reader.At(record, low));
    writer.Write("UNGA.IDEALPOINT.Q95", actor, year, reader.OptionalNumber(record, high), unit, false, line,
                 transform, reader.At(record, high));
    writer.Write("UNGA.NVOTES", actor, year, reader.OptionalNumber(record, votes), "votes", false, line,
                 transform, reader.At(record, votes));
  }
}

void ReadVotes(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  const auto table_file = OpenTable(path);
  CsvReader& reader = *table_file;
  reader.RequireColumns({"rcid", "date", "actor", "vote"});
  const std::size_t rcid = reader.Column("rcid");
  const std::size_t date = reader.Column("date");
  const std::size_t actor = reader.Column("actor");
  const std::size_t vote = reader.Column("vote");
  ActorColumn actors(context.actors, Scheme::kAny);
  VoteWriter writer(context);
  CsvRecord record;
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    const std::string when = ReadFullDate(reader, record, date);
    writer.Write(reader, record, reader.Text(record, rcid), when, date, actors.Resolve(reader, record, actor),
                 vote);
  }
  writer.Finish();
}

void ReadUnVotes(ImportContext& context, const std::string& path, const ImportOptions& options) {
  const std::string table =
      options.companion.empty() ? FindCompanion(path, R"(un_roll_calls.*\.csv(\.gz)?)") : options.companion;
  if (table.empty()) {
    throw InputError({path, 0, 0, ""}, "no roll-call table beside the votes file to date the roll calls",
                     "un_roll_calls.csv (rcid,session,...,date,...) beside it, or --companion FILE");
  }
  const std::map<std::string, std::string> dates = ReadRollCallDates(table);
  const auto table_file = OpenTable(path);
  CsvReader& reader = *table_file;
  reader.RequireColumns({"rcid", "country", "country_code", "vote"});
  const std::size_t rcid = reader.Column("rcid");
  const std::size_t country = reader.Column("country");
  const std::size_t code = reader.Column("country_code");
  const std::size_t vote = reader.Column("vote");
  ActorColumn actors(context.actors, Scheme::kIso2);
  ActorColumn by_name(context.actors, Scheme::kAny);
  VoteWriter writer(context);
  CsvRecord record;
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    const std::string roll_call = reader.Text(record, rcid);
    const auto when = dates.find(roll_call);
    if (when == dates.end()) {
      reader.Fail(record, rcid, fmt::format("roll call {} is not in {}", roll_call, table),
                  "a roll call listed in the roll-call table");
    }
    // The two-letter code is the key ("NA" is Namibia); a few historic members have none and are known by
    // name.
    const std::string& id = text::Trim(record.fields[code]).empty()
                                ? by_name.Resolve(reader, record, country)
                                : actors.Resolve(reader, record, code, country, Scheme::kName);
    writer.Write(reader, record, roll_call, when->second, rcid, id, vote);
  }
  writer.Finish();
  // The roll-call table decides which year each vote counts in, so it is a source of the values too.
  const std::int64_t table_id = RecordSource(
      context.database,
      {context.dataset, "unvotes roll calls", table,
       "Voeten, Strezhnev and Bailey (2009), United Nations General Assembly Voting Data: roll calls",
       "CC0 (Harvard Dataverse)"});
  context.summary.notes.push_back(fmt::format("roll calls dated from {} (source {})", table, table_id));
}

}  // namespace linkage
