#include "ingest/vote_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <exception>
#include <optional>
#include <string_view>

#include "core/text.hpp"
#include "store/bulk_rows.hpp"

namespace linkage {

namespace {

// The stored spelling of a vote; nullptr for anything else.
const char* ParseVote(std::string_view word) {
  const std::string lower = text::Lower(text::Trim(word));
  if (lower == "yes" || lower == "y" || lower == "1") return "yes";
  if (lower == "abstain" || lower == "a" || lower == "2") return "abstain";
  if (lower == "no" || lower == "n" || lower == "3") return "no";
  return nullptr;
}

// Votes handed to SQLite at once: roll call, actor, vote, source and line of the votes `picked` names.
class VoteBatch : public BulkRows {
 public:
  VoteBatch(const std::vector<VoteWriter::Pending>& votes, const std::vector<std::size_t>& picked,
            const ActorNumbers& actors, std::int64_t source_id)
      : votes_(votes), picked_(picked), actors_(actors), source_id_(source_id) {}
  std::size_t Count() const override { return picked_.size(); }
  BulkCell Cell(std::size_t row, int column) const override {
    const VoteWriter::Pending& vote = votes_[picked_[row]];
    switch (column) {
      case 0:
        return vote.roll_call;
      case 1:
        return std::string_view(actors_.Id(vote.actor));
      case 2:
        return std::string_view(vote.vote);
      case 3:
        return source_id_;
      default:
        return vote.line;
    }
  }

 private:
  const std::vector<VoteWriter::Pending>& votes_;
  const std::vector<std::size_t>& picked_;
  const ActorNumbers& actors_;
  std::int64_t source_id_;
};

// The columns of roll_call_votes, in VoteBatch's order.
const std::vector<std::string>& VoteColumns() {
  static const std::vector<std::string> columns = {"roll_call_id", "actor_id", "vote", "source_id",
                                                   "source_line"};
  return columns;
}

}  // namespace

VoteWriter::VoteWriter(ImportContext& context)
    : context_(context),
      add_roll_call_(context.database,
                     "INSERT INTO roll_calls (dataset, rcid, date) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"),
      find_roll_call_(context.database, "SELECT id, date FROM roll_calls WHERE dataset = ? AND rcid = ?"),
      insert_(context.database,
              "INSERT INTO roll_call_votes (roll_call_id, actor_id, vote, source_id, source_line) "
              "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
      existing_(context.database,
                "SELECT vote, source_line FROM roll_call_votes WHERE roll_call_id = ? AND actor_id = ?"),
      stored_between_(
          context.database,
          "SELECT 1 FROM roll_call_votes WHERE roll_call_id = ? AND actor_id >= ? AND actor_id <= ? "
          "LIMIT 1") {}

VoteWriter::~VoteWriter() {
  // Votes left unstored are an importer that forgot Finish(), unless an error is unwinding the import.
  assert(votes_.empty() || std::uncaught_exceptions() > 0);
}

void VoteWriter::Write(const CsvReader& reader, const CsvRecord& record, const std::string& roll_call,
                       const std::string& when, std::size_t when_column, const std::string& id,
                       std::size_t vote_column) {
  const char* cast = ParseVote(record.fields[vote_column]);
  if (cast == nullptr) {
    reader.Fail(record, vote_column, fmt::format("'{}' is not a vote", record.fields[vote_column]),
                "yes, no or abstain (or 1, 3, 2)");
  }
  Pending vote;
  vote.roll_call = RollCall(reader, record, roll_call, when, when_column);
  vote.line = static_cast<std::int64_t>(record.line);
  vote.actor = actors_.Number(id);
  vote.where = locations_.Number(reader.At(record, vote_column));
  vote.year = YearOfDate(when);
  vote.vote = cast;
  votes_.push_back(vote);
  if (votes_.size() >= kBufferedRows) Flush();
}

void VoteWriter::Finish() {
  Flush();
}

std::int64_t VoteWriter::RollCall(const CsvReader& reader, const CsvRecord& record,
                                  const std::string& roll_call, const std::string& when,
                                  std::size_t when_column) {
  auto known = roll_calls_.find(roll_call);
  if (known == roll_calls_.end()) {
    add_roll_call_.Bind(1, context_.dataset).Bind(2, roll_call).Bind(3, when).Run();
    find_roll_call_.Bind(1, context_.dataset).Bind(2, roll_call);
    if (!find_roll_call_.Step())
      throw StoreError("a roll call just stored cannot be read back: " + roll_call);
    known =
        roll_calls_.emplace(roll_call, std::make_pair(find_roll_call_.Int(0), find_roll_call_.Text(1))).first;
    find_roll_call_.Reset();
  }
  if (known->second.second != when) {
    reader.Fail(record, when_column,
                fmt::format("roll call {} is dated {}, not {}", roll_call, known->second.second, when),
                "one date per roll call");
  }
  return known->second.first;
}

void VoteWriter::Flush() {
  const std::vector<std::uint32_t> rank = actors_.Ranks();
  // Stable: the votes of one roll call and actor meet in the order the file gave them.
  std::stable_sort(votes_.begin(), votes_.end(), [&](const Pending& a, const Pending& b) {
    return a.roll_call != b.roll_call ? a.roll_call < b.roll_call : rank[a.actor] < rank[b.actor];
  });
  const std::vector<bool> fresh = NewVotes();
  std::vector<std::size_t> picked;
  picked.reserve(votes_.size());
  for (std::size_t i = 0; i < votes_.size(); ++i) {
    if (fresh[i]) picked.push_back(i);
  }
  BulkInsert(context_.database, "roll_call_votes", VoteColumns(),
             VoteBatch(votes_, picked, actors_, context_.source_id));
  for (std::size_t i = 0; i < votes_.size(); ++i) {
    if (fresh[i]) {
      ++context_.summary.values_stored;
      context_.NoteYear(votes_[i].year);
    } else {
      Store(votes_[i]);
    }
  }
  votes_.clear();
}

std::vector<bool> VoteWriter::NewVotes() {
  std::vector<bool> fresh(votes_.size(), true);
  for (std::size_t i = 1; i < votes_.size(); ++i) {
    if (votes_[i].roll_call == votes_[i - 1].roll_call && votes_[i].actor == votes_[i - 1].actor)
      fresh[i - 1] = fresh[i] = false;
  }
  // Votes that may meet a stored one: those of a roll call whose span of actors holds one.
  std::vector<std::size_t> suspects;
  for (std::size_t begin = 0; begin < votes_.size();) {
    std::size_t end = begin + 1;
    while (end < votes_.size() && votes_[end].roll_call == votes_[begin].roll_call) ++end;
    stored_between_.Bind(1, votes_[begin].roll_call)
        .Bind(2, actors_.Id(votes_[begin].actor))
        .Bind(3, actors_.Id(votes_[end - 1].actor));
    const bool stored = stored_between_.Step();
    stored_between_.Reset();
    for (std::size_t i = begin; stored && i < end; ++i) {
      if (fresh[i]) suspects.push_back(i);
    }
    begin = end;
  }
  const std::vector<std::string> key = {"roll_call_id", "actor_id"};
  for (const std::size_t place : BulkFindStored(context_.database, "roll_call_votes", key,
                                                VoteBatch(votes_, suspects, actors_, context_.source_id))) {
    fresh[suspects[place]] = false;
  }
  return fresh;
}

void VoteWriter::Store(const Pending& vote) {
  const std::string& id = actors_.Id(vote.actor);
  insert_.Bind(1, vote.roll_call)
      .Bind(2, id)
      .Bind(3, vote.vote)
      .Bind(4, context_.source_id)
      .Bind(5, vote.line);
  insert_.Run();
  if (sqlite3_changes(context_.database.Handle()) > 0) {
    ++context_.summary.values_stored;
    context_.NoteYear(vote.year);
    return;
  }
  existing_.Bind(1, vote.roll_call).Bind(2, id);
  if (!existing_.Step()) {
    existing_.Reset();
    return;
  }
  const bool same = existing_.Text(0) == vote.vote;
  const std::int64_t line = existing_.Int(1);
  existing_.Reset();
  if (!same) {
    Statement rcid(context_.database, "SELECT rcid FROM roll_calls WHERE id = ?");
    rcid.Bind(1, vote.roll_call);
    const std::string roll_call = rcid.Step() ? rcid.Text(0) : std::to_string(vote.roll_call);
    throw InputError(locations_.At(vote.where, static_cast<std::size_t>(vote.line)),
                     fmt::format("roll call {} already has {}'s vote from line {}", roll_call, id, line),
                     "one vote per roll call and actor");
  }
  ++context_.summary.duplicates;
}

}  // namespace linkage
