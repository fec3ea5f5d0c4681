// UN General Assembly data:
//   unga-idealpoints: Bailey, Strezhnev and Voeten's ideal points, "Row,ccode,session,NVotes,IdealPoint,QO%,
//     Q5%,...,Q95%,Q100%,iso3c,Countryname", stored as series at the session's opening year (session s opens
//     in September of 1945 + s).
//   votes: roll-call votes, "rcid,date,actor,vote" with vote yes, no or abstain (or 1, 3, 2 as in Voeten's
//     files); absences and non-members are simply not listed.
#include <fmt/format.h>

#include <regex>

#include "core/csv_reader.hpp"
#include "core/text.hpp"
#include "ingest/actor_column.hpp"
#include "ingest/importers.hpp"
#include "ingest/series_writer.hpp"

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

}  // namespace

void ReadUngaIdealPoints(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  CsvReader reader(path);
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
  CsvReader reader(path);
  reader.RequireColumns({"rcid", "date", "actor", "vote"});
  const std::size_t rcid = reader.Column("rcid");
  const std::size_t date = reader.Column("date");
  const std::size_t actor = reader.Column("actor");
  const std::size_t vote = reader.Column("vote");
  static const std::regex iso_date(R"(^\d{4}-\d{2}-\d{2}$)");
  ActorColumn actors(context.actors, Scheme::kAny);
  Statement insert(context.database,
                   "INSERT INTO votes (dataset, rcid, date, actor_id, vote, source_id, source_line) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)");
  Statement existing(
      context.database,
      "SELECT date, vote, source_line FROM votes WHERE dataset = ? AND rcid = ? AND actor_id = ?");
  CsvRecord record;
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    const std::string roll_call = reader.Text(record, rcid);
    const std::string when = reader.Text(record, date);
    if (!std::regex_match(when, iso_date))
      reader.Fail(record, date, fmt::format("'{}' is not a date", when), "YYYY-MM-DD");
    const auto cast = ParseVote(record.fields[vote]);
    if (!cast) {
      reader.Fail(record, vote, fmt::format("'{}' is not a vote", record.fields[vote]),
                  "yes, no or abstain (or 1, 3, 2)");
    }
    const std::string id = actors.Resolve(reader, record, actor);
    existing.Bind(1, context.dataset).Bind(2, roll_call).Bind(3, id);
    if (existing.Step()) {
      const bool same = existing.Text(0) == when && existing.Text(1) == *cast;
      const std::int64_t line = existing.Int(2);
      existing.Reset();
      if (!same) {
        reader.Fail(record, vote,
                    fmt::format("roll call {} already has {}'s vote from line {}", roll_call, id, line),
                    "one vote per roll call and actor");
      }
      ++context.summary.duplicates;
      continue;
    }
    existing.Reset();
    insert.Bind(1, context.dataset).Bind(2, roll_call).Bind(3, when).Bind(4, id).Bind(5, *cast);
    insert.Bind(6, context.source_id).Bind(7, static_cast<std::int64_t>(record.line));
    insert.Step();
    insert.Reset();
    ++context.summary.values_stored;
  }
}

}  // namespace linkage
