// ingest/vote_writer.hpp
// Stores roll-call votes: each roll call's dataset, id and date once (roll_calls), each vote as a row of
// roll_call_votes. Votes are kept as numbers and inserted in the key's order, those new to the table with one
// statement (store/bulk_rows.hpp); the same vote twice is counted as a duplicate, a different one is an
// error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/csv_reader.hpp"
#include "ingest/buffered_rows.hpp"
#include "ingest/import_context.hpp"
#include "store/database.hpp"

namespace linkage {

//! Stores the votes of one import; call Finish() at its end.
class VoteWriter {
 public:
  explicit VoteWriter(ImportContext& context);
  VoteWriter(const VoteWriter&) = delete;
  VoteWriter& operator=(const VoteWriter&) = delete;
  ~VoteWriter();

  //! Takes `id`'s vote (the field at `vote_column`) in `roll_call` held on `when`; a vote that is not one is
  //! refused at once, and so is a date that contradicts the roll call's stored date (at `when_column`).
  void Write(const CsvReader& reader, const CsvRecord& record, const std::string& roll_call,
             const std::string& when, std::size_t when_column, const std::string& id,
             std::size_t vote_column);
  //! Stores every vote taken; the import's counts are complete after it.
  void Finish();

  //! A vote waiting to be stored.
  struct Pending {
    std::int64_t roll_call = 0;  //!< the roll_calls row
    std::int64_t line = 0;
    std::uint32_t actor = 0;  //!< ActorNumbers
    std::uint32_t where = 0;  //!< RowLocations: the vote's column
    int year = 0;             //!< the roll call's
    const char* vote = "";    //!< "yes", "abstain" or "no"
  };

 private:
  // The roll_calls row of `roll_call`, added on its first vote.
  std::int64_t RollCall(const CsvReader& reader, const CsvRecord& record, const std::string& roll_call,
                        const std::string& when, std::size_t when_column);
  void Flush();
  // Which of the sorted votes are new to the table and to each other.
  std::vector<bool> NewVotes();
  // Stores one vote that meets another: a duplicate or an error.
  void Store(const Pending& vote);

  ImportContext& context_;
  Statement add_roll_call_;
  Statement find_roll_call_;
  Statement insert_;
  Statement existing_;
  Statement stored_between_;
  std::map<std::string, std::pair<std::int64_t, std::string>> roll_calls_;  //!< rcid: id and date
  std::vector<Pending> votes_;
  ActorNumbers actors_;
  RowLocations locations_;
};

}  // namespace linkage
