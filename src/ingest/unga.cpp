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
#include "store/provenance.hpp"

namespace linkage {

namespace {

constexpr int kFirstSessionYear = 1945;

// The stored spelling of a vote; nullopt for anything else.
std::optional<std::string> ParseVote(std::string_view word) {
  const std::string lower = text::Lower(text::Trim(word));
  if (lower == "yes" || lower == "y" || lower == "1") return "yes";
  if (lower == "abstain" || lower == "a" || lower == "2") return "abstain";
  if (lower == "no" || lower == "n" || lower == "3") return "no";
  return std::nullopt;
}

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

// Stores votes; the same vote twice is counted as a duplicate, a different one is an error. A roll call's
// dataset, id and date are a row of roll_calls, found once per import (docs/workspace.md, version 8).
class VoteWriter {
 public:
  explicit VoteWriter(ImportContext& context)
      : context_(context),
        add_roll_call_(
            context.database,
            "INSERT INTO roll_calls (dataset, rcid, date) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"),
        find_roll_call_(context.database, "SELECT id, date FROM roll_calls WHERE dataset = ? AND rcid = ?"),
        insert_(context.database,
                "INSERT INTO roll_call_votes (roll_call_id, actor_id, vote, source_id, source_line) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
        existing_(context.database,
                  "SELECT vote, source_line FROM roll_call_votes WHERE roll_call_id = ? AND actor_id = ?") {}

  //! Stores `id`'s vote in `roll_call` held on `when`; a date that contradicts the roll call's stored date is
  //! reported at `when_column`.
  void Write(const CsvReader& reader, const CsvRecord& record, const std::string& roll_call,
             const std::string& when, std::size_t when_column, const std::string& id,
             std::size_t vote_column) {
    const auto cast = ParseVote(record.fields[vote_column]);
    if (!cast) {
      reader.Fail(record, vote_column, fmt::format("'{}' is not a vote", record.fields[vote_column]),
                  "yes, no or abstain (or 1, 3, 2)");
    }
    const std::int64_t roll_call_id = RollCall(reader, record, roll_call, when, when_column);
    // Inserted first: a vote already stored is the rare case, and the insert finds it by the primary key.
    insert_.Bind(1, roll_call_id).Bind(2, id).Bind(3, *cast).Bind(4, context_.source_id);
    insert_.Bind(5, static_cast<std::int64_t>(record.line));
    insert_.Run();
    if (sqlite3_changes(context_.database.Handle()) > 0) {
      ++context_.summary.values_stored;
      context_.NoteYear(YearOfDate(when));
      return;
    }
    existing_.Bind(1, roll_call_id).Bind(2, id);
    if (!existing_.Step()) {
      existing_.Reset();
      return;
    }
    const bool same = existing_.Text(0) == *cast;
    const std::int64_t line = existing_.Int(1);
    existing_.Reset();
    if (!same) {
      reader.Fail(record, vote_column,
                  fmt::format("roll call {} already has {}'s vote from line {}", roll_call, id, line),
                  "one vote per roll call and actor");
    }
    ++context_.summary.duplicates;
  }

 private:
  // The roll_calls row of `roll_call`, added on its first vote.
  std::int64_t RollCall(const CsvReader& reader, const CsvRecord& record, const std::string& roll_call,
                        const std::string& when, std::size_t when_column) {
    auto known = roll_calls_.find(roll_call);
    if (known == roll_calls_.end()) {
      add_roll_call_.Bind(1, context_.dataset).Bind(2, roll_call).Bind(3, when).Run();
      find_roll_call_.Bind(1, context_.dataset).Bind(2, roll_call);
      if (!find_roll_call_.Step())
        throw StoreError("a roll call just stored cannot be read back: " + roll_call);
      known = roll_calls_.emplace(roll_call, std::make_pair(find_roll_call_.Int(0), find_roll_call_.Text(1)))
                  .first;
      find_roll_call_.Reset();
    }
    if (known->second.second != when) {
      reader.Fail(record, when_column,
                  fmt::format("roll call {} is dated {}, not {}", roll_call, known->second.second, when),
                  "one date per roll call");
    }
    return known->second.first;
  }

  ImportContext& context_;
  Statement add_roll_call_;
  Statement find_roll_call_;
  Statement insert_;
  Statement existing_;
  std::map<std::string, std::pair<std::int64_t, std::string>> roll_calls_;  //!< rcid: id and date
};

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
  // The roll-call table decides which year each vote counts in, so it is a source of the values too.
  const std::int64_t table_id = RecordSource(
      context.database,
      {context.dataset, "unvotes roll calls", table,
       "Voeten, Strezhnev and Bailey (2009), United Nations General Assembly Voting Data: roll calls",
       "CC0 (Harvard Dataverse)"});
  context.summary.notes.push_back(fmt::format("roll calls dated from {} (source {})", table, table_id));
}

}  // namespace linkage
