#include "model/linkage_model.hpp"

#include <algorithm>

#include "registry/institutions.hpp"

namespace linkage {

std::vector<DirectedDyad> PanelDyads(const LinkageDesign& design) {
  std::vector<std::string> faced;
  for (const auto& [year, members] : design.members) {
    for (const auto& member : members)
      if (std::find(faced.begin(), faced.end(), member) == faced.end()) faced.push_back(member);
  }
  if (std::find(faced.begin(), faced.end(), design.pivot) == faced.end())
    faced.insert(faced.begin(), design.pivot);
  std::vector<DirectedDyad> dyads;
  for (const auto& power : design.powers) {
    for (const auto& state : faced)
      if (state != power) dyads.push_back({power, state});
  }
  dyads.push_back({design.pivot, design.actor});
  return dyads;
}

LinkageRun RunLinkageModel(Database& database, TradeTerms& terms, const LinkageRequest& request) {
  LinkageRun run;
  run.spec = request.spec;
  run.design = request.design;
  run.design.members.clear();
  if (!run.design.region.empty()) {
    for (int year = request.first; year <= request.last; ++year)
      run.design.members[year] = RegionMembers(database, run.design.region, year);
  }
  run.traced = BuildComponentPanel(database, terms, run.spec, PanelDyads(run.design), request.first,
                                   request.last, request.choices, request.carry_years);
  run.normalised = NormaliseComponents(run.traced.panel, run.spec, request.normalisation);
  std::vector<double> weights;
  weights.reserve(run.spec.components.size());
  for (const auto& component : run.spec.components) weights.push_back(component.weight);
  run.rows =
      EvaluateLevels({run.traced.panel, run.spec, run.normalised, weights, request.min_coverage}, run.design);
  if (request.sensitivity.draws > 0)
    run.sensitivity = RunSensitivity(run.traced.panel, run.spec, run.design, request.sensitivity);
  return run;
}

}  // namespace linkage
