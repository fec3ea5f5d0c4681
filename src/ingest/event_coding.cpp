#include "ingest/event_coding.hpp"

#include <array>

#include "core/csv_reader.hpp"
#include "core/text.hpp"

namespace linkage {

EventCodingTables::EventCodingTables(const std::string& data_dir) {
  {
    CsvReader reader(data_dir + "/events/cameo.csv");
    reader.RequireColumns({"code", "goldstein", "quad_class", "dimension", "description"});
    CsvRecord record;
    while (reader.Next(record)) {
      cameo_[reader.Text(record, reader.Column("code"))] = {
          reader.Number(record, reader.Column("goldstein")),
          static_cast<int>(reader.Integer(record, reader.Column("quad_class"), 1, 4)),
          reader.Text(record, reader.Column("dimension")), record.fields[reader.Column("description")]};
    }
  }
  CsvReader reader(data_dir + "/events/plover.csv");
  reader.RequireColumns({"type", "quad_class", "score", "dimension"});
  CsvRecord record;
  while (reader.Next(record)) {
    plover_[reader.Text(record, reader.Column("type"))] = {
        reader.Number(record, reader.Column("score")),
        static_cast<int>(reader.Integer(record, reader.Column("quad_class"), 1, 4)),
        reader.Text(record, reader.Column("dimension")), ""};
  }
}

std::optional<EventCoding> EventCodingTables::Cameo(const std::string& code) const {
  const auto found = cameo_.find(code);
  if (found == cameo_.end()) return std::nullopt;
  return found->second;
}

std::optional<EventCoding> EventCodingTables::Plover(const std::string& type) const {
  const auto found = plover_.find(text::Upper(text::Trim(type)));
  if (found == plover_.end()) return std::nullopt;
  return found->second;
}

int ParseQuadClass(std::string_view text) {
  static constexpr std::array<std::string_view, 4> kNames = {"verbal cooperation", "material cooperation",
                                                             "verbal conflict", "material conflict"};
  const std::string lower = text::Lower(text::Trim(text));
  if (lower.size() == 1 && lower[0] >= '1' && lower[0] <= '4') return lower[0] - '0';
  for (std::size_t k = 0; k < kNames.size(); ++k) {
    if (lower == kNames[k]) return static_cast<int>(k) + 1;
  }
  return 0;
}

}  // namespace linkage
