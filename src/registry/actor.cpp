#include "registry/actor.hpp"

#include <array>
#include <utility>

namespace linkage {

namespace {
constexpr std::array<std::pair<ActorKind, std::string_view>, 4> kKinds = {{
    {ActorKind::kState, "state"},
    {ActorKind::kTerritory, "territory"},
    {ActorKind::kHistoric, "historic"},
    {ActorKind::kAggregate, "aggregate"},
}};
constexpr std::array<std::pair<Scheme, std::string_view>, 8> kSchemes = {{
    {Scheme::kAny, "any"},
    {Scheme::kIso3, "iso3"},
    {Scheme::kIso2, "iso2"},
    {Scheme::kM49, "m49"},
    {Scheme::kCow, "cow"},
    {Scheme::kCowAbb, "cowabb"},
    {Scheme::kCepii, "cepii"},
    {Scheme::kName, "name"},
}};
}  // namespace

std::string_view KindName(ActorKind kind) {
  for (const auto& [value, name] : kKinds) {
    if (value == kind) return name;
  }
  return "state";
}

std::optional<ActorKind> ParseKind(std::string_view name) {
  for (const auto& [value, spelled] : kKinds) {
    if (spelled == name) return value;
  }
  return std::nullopt;
}

std::string_view SchemeName(Scheme scheme) {
  for (const auto& [value, name] : kSchemes) {
    if (value == scheme) return name;
  }
  return "any";
}

std::optional<Scheme> ParseScheme(std::string_view name) {
  for (const auto& [value, spelled] : kSchemes) {
    if (spelled == name) return value;
  }
  if (name == "iso") return Scheme::kIso3;
  if (name == "un" || name == "numeric") return Scheme::kM49;
  return std::nullopt;
}

}  // namespace linkage
