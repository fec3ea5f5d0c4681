#include "model/design_request.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/text.hpp"
#include "registry/institutions.hpp"

namespace linkage {

std::pair<std::string, std::string> SplitDyad(const std::string& dyad) {
  const auto names = text::Split(dyad, ',');
  if (names.size() != 2) throw UsageError("--dyad takes two actors, the outside power first: --dyad CHN,KAZ");
  return {std::string(text::Trim(names[0])), std::string(text::Trim(names[1]))};
}

std::vector<std::string> ResolveActorList(const std::string& text, int year, Database& database,
                                          const ActorRegistry& actors) {
  std::vector<std::string> ids;
  if (text.find(',') == std::string::npos && !actors.Resolve(text).Unique()) {
    ids = RegionMembers(database, RequireRegion(database, text), year);
    if (ids.empty()) throw UsageError(fmt::format("the region '{}' has no members in {}", text, year));
    return ids;
  }
  for (const auto& name : text::Split(text, ',')) {
    const std::string id = actors.RequireArgument(std::string(text::Trim(name))).id;
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  return ids;
}

LinkageDesign ResolveDesign(const std::pair<std::string, std::string>& dyad, const std::string& powers,
                            const std::string& region, Database& database, const ActorRegistry& actors) {
  LinkageDesign design;
  design.actor = actors.RequireArgument(dyad.first).id;
  design.pivot = actors.RequireArgument(dyad.second).id;
  if (design.actor == design.pivot) throw UsageError("--dyad names the same actor twice");
  design.powers.push_back(design.actor);
  for (const auto& name : text::Split(powers, ',')) {
    if (text::Trim(name).empty()) continue;
    const std::string power = actors.RequireArgument(std::string(text::Trim(name))).id;
    if (power == design.pivot) throw UsageError(fmt::format("--powers: {} is the pivot state", power));
    if (std::find(design.powers.begin(), design.powers.end(), power) == design.powers.end())
      design.powers.push_back(power);
  }
  if (!region.empty()) design.region = RequireRegion(database, region);
  return design;
}

}  // namespace linkage
