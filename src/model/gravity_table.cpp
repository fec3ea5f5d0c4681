#include "model/gravity_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "core/text.hpp"
#include "model/gravity_formula.hpp"

namespace linkage {

namespace {

bool Contains(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

void AddUnique(std::vector<std::string>& list, const std::string& name) {
  if (!Contains(list, name)) list.push_back(name);
}

}  // namespace

GravityTableRequest RequestColumns(const GravitySpec& spec, const std::vector<std::vector<std::string>>& sets,
                                   const PanelRoles& roles, const std::string& where) {
  GravityTableRequest request;
  request.where = where;
  std::vector<std::string> terms = {spec.outcome};
  terms.insert(terms.end(), spec.regressors.begin(), spec.regressors.end());
  const TermColumns columns = ColumnsOfTerms(terms);
  request.numeric = columns.numeric;
  for (const auto& column : ColumnsOfSets(sets, roles))
    if (!Contains(request.numeric, column)) AddUnique(request.labels, column);
  std::vector<std::string> flexible = columns.factors;
  if (!where.empty())
    for (const auto& name : ExpressionNames(ParseWhere(where))) AddUnique(flexible, name);
  for (const auto& column : flexible)
    if (!Contains(request.numeric, column) && !Contains(request.labels, column))
      AddUnique(request.flexible, column);
  return request;
}

GravityFrame ReadGravityTable(CsvReader& reader, const GravityTableRequest& request) {
  if (!request.where.empty()) {
    for (const auto& name : ExpressionNames(ParseWhere(request.where))) {
      if (!reader.FindColumn(name)) {
        throw UsageError(fmt::format("--where '{}': {} has no column '{}'; it has: {}", request.where,
                                     reader.Path(), name, text::Join(reader.Header(), ", ")));
      }
    }
  }
  std::vector<std::string> needed = request.numeric;
  needed.insert(needed.end(), request.labels.begin(), request.labels.end());
  needed.insert(needed.end(), request.flexible.begin(), request.flexible.end());
  reader.RequireColumns(needed);
  GravityFrame frame;
  frame.source = reader.Path();
  std::vector<std::size_t> numeric_at;
  std::vector<std::size_t> label_at;
  std::vector<std::vector<double>*> numbers;
  std::vector<std::vector<std::string>*> labels;
  for (const auto& name : request.numeric) {
    numeric_at.push_back(reader.Column(name));
    numbers.push_back(&frame.numbers[name]);
  }
  std::vector<std::string> texts = request.labels;
  texts.insert(texts.end(), request.flexible.begin(), request.flexible.end());
  for (const auto& name : texts) {
    label_at.push_back(reader.Column(name));
    labels.push_back(&frame.labels[name]);
  }
  CsvRecord record;
  while (reader.Next(record)) {
    for (std::size_t k = 0; k < numbers.size(); ++k) {
      const auto value = reader.OptionalNumber(record, numeric_at[k]);
      numbers[k]->push_back(value ? *value : std::numeric_limits<double>::quiet_NaN());
    }
    for (std::size_t k = 0; k < labels.size(); ++k) {
      const std::string& label = record.fields[label_at[k]];
      if (label.empty() && k < request.labels.size())
        reader.Fail(record, label_at[k], "an empty group label", "a label (a code or a year)");
      labels[k]->push_back(label);
    }
    ++frame.rows;
  }
  FilterFrame(frame, request.where);
  return frame;
}

}  // namespace linkage
