#include "audit/applicability.hpp"

#include <algorithm>

namespace linkage {

namespace {

void Collect(const Expression& node, std::set<Modification>& relevant) {
  if (node.kind == Expression::Kind::kCall) {
    const std::string& name = node.word;
    if (name == "flow" || name == "share" || name == "growth" || name == "cagr" || name == "rank") {
      relevant.insert({Modification::kMirror, Modification::kSwap, Modification::kOtherDataset,
                       Modification::kBlocMembers});
    }
    if (name == "growth" || name == "cagr") relevant.insert(Modification::kCompounding);
    if (name == "rank") relevant.insert(Modification::kWithAggregates);
    if (name == "series" || name == "mean") relevant.insert({Modification::kNominal, Modification::kLevel});
  }
  if (node.kind == Expression::Kind::kNumber || node.kind == Expression::Kind::kYearRange ||
      node.kind == Expression::Kind::kColumn) {
    relevant.insert({Modification::kYearBefore, Modification::kYearAfter});
  }
  for (const auto& child : node.children) Collect(*child, relevant);
  for (const auto& [key, value] : node.options) {
    if (key != "product") Collect(*value, relevant);
  }
}

}  // namespace

std::set<Modification> RelevantModifications(const Expression& expression) {
  std::set<Modification> relevant;
  Collect(expression, relevant);
  return relevant;
}

bool CouldApply(const Reading& reading, const std::set<Modification>& relevant) {
  return std::all_of(reading.modifications.begin(), reading.modifications.end(),
                     [&](Modification modification) { return relevant.contains(modification); });
}

}  // namespace linkage
