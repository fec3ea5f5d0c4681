#include "model/gravity_csv.hpp"

#include <cmath>
#include <limits>

#include "core/csv_reader.hpp"

namespace linkage {

GravityFrame ReadGravityCsv(const std::string& path, const std::vector<std::string>& numeric,
                            const std::vector<std::string>& labels) {
  CsvReader reader(path);
  std::vector<std::string> needed = numeric;
  needed.insert(needed.end(), labels.begin(), labels.end());
  reader.RequireColumns(needed);
  GravityFrame frame;
  frame.source = path;
  std::vector<std::size_t> numeric_at;
  std::vector<std::size_t> label_at;
  for (const auto& name : numeric) {
    numeric_at.push_back(reader.Column(name));
    frame.numbers[name];
  }
  for (const auto& name : labels) {
    label_at.push_back(reader.Column(name));
    frame.labels[name];
  }
  CsvRecord record;
  while (reader.Next(record)) {
    for (std::size_t k = 0; k < numeric.size(); ++k) {
      const auto value = reader.OptionalNumber(record, numeric_at[k]);
      frame.numbers[numeric[k]].push_back(value ? *value : std::numeric_limits<double>::quiet_NaN());
    }
    for (std::size_t k = 0; k < labels.size(); ++k) {
      const std::string& label = record.fields[label_at[k]];
      if (label.empty())
        reader.Fail(record, label_at[k], "an empty group label", "a label (a code or a year)");
      frame.labels[labels[k]].push_back(label);
    }
    ++frame.rows;
  }
  return frame;
}

}  // namespace linkage
