#include "ingest/milestone_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/text.hpp"
#include "ingest/date_fields.hpp"
#include "ingest/table_file.hpp"

namespace linkage {

std::vector<UserMilestone> ReadMilestoneFile(const std::string& path, const ActorRegistry& actors,
                                             const std::string& a, const std::string& b, int first,
                                             int last) {
  const auto table_file = OpenTable(path);
  CsvReader& reader = *table_file;
  reader.RequireColumns({"date", "description"});
  const std::size_t date = reader.Column("date");
  const std::size_t description = reader.Column("description");
  const auto named = reader.FindColumn("actors");
  // date -> label: the file need not be sorted.
  std::multimap<std::string, std::string> events;
  CsvRecord record;
  while (reader.Next(record)) {
    const auto when = OptionalIsoDate(reader, record, date);
    if (!when)
      reader.Fail(record, date, "the event has no date", "an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)");
    bool concerns = true;
    if (named && !text::Trim(record.fields[*named]).empty()) {
      std::vector<std::string> ids;
      for (const auto& token : text::Split(record.fields[*named], ';')) {
        if (text::Trim(token).empty()) continue;
        ids.push_back(actors.Require(text::Trim(token), Scheme::kAny, reader.At(record, *named)).id);
      }
      concerns = std::find(ids.begin(), ids.end(), a) != ids.end() &&
                 std::find(ids.begin(), ids.end(), b) != ids.end();
    }
    const int year = std::stoi(when->substr(0, 4));
    if (!concerns || year < first || year > last) continue;
    const std::string label = reader.Text(record, description);
    events.emplace(*when, label.empty() ? fmt::format("{}:{}", path, record.line) : label);
  }
  std::vector<UserMilestone> milestones;
  for (const auto& [when, label] : events) {
    const int year = std::stoi(when.substr(0, 4));
    if (!milestones.empty() && milestones.back().year == year) continue;
    milestones.push_back({year, label});
  }
  return milestones;
}

}  // namespace linkage
