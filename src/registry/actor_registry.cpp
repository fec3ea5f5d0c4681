#include "registry/actor_registry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "core/text.hpp"

namespace linkage {

namespace {

bool AllDigits(std::string_view value) {
  return !value.empty() &&
         std::all_of(value.begin(), value.end(), [](char c) { return std::isdigit(c) != 0; });
}

bool AllLetters(std::string_view value) {
  return !value.empty() &&
         std::all_of(value.begin(), value.end(), [](char c) { return std::isalpha(c) != 0; });
}

}  // namespace

std::string AliasKey(Scheme scheme, std::string_view alias) {
  const std::string_view trimmed = text::Trim(alias);
  switch (scheme) {
    case Scheme::kM49:
    case Scheme::kCow: {
      const auto number = text::ParseInteger(trimmed);
      return number ? std::to_string(*number) : std::string(trimmed);
    }
    case Scheme::kName:
      return text::NormalizeName(trimmed);
    default:
      return text::Upper(trimmed);
  }
}

ActorRegistry::ActorRegistry(Database& database) {
  Statement actors(database, "SELECT id, name, kind FROM actors");
  while (actors.Step()) {
    Actor actor;
    actor.id = actors.Text(0);
    actor.name = actors.Text(1);
    actor.kind = ParseKind(actors.Text(2)).value_or(ActorKind::kState);
    actors_.emplace(actor.id, actor);
  }
  Statement aliases(database, "SELECT scheme, alias, actor_id FROM actor_aliases");
  while (aliases.Step()) {
    const auto scheme = ParseScheme(aliases.Text(0));
    if (!scheme) continue;
    aliases_.emplace(std::make_pair(*scheme, aliases.Text(1)), aliases.Text(2));
  }
}

const Actor* ActorRegistry::Find(std::string_view id) const {
  const auto found = actors_.find(id);
  return found == actors_.end() ? nullptr : &found->second;
}

Resolution ActorRegistry::Resolve(std::string_view identifier, Scheme scheme) const {
  std::string_view value = text::Trim(identifier);
  const std::size_t colon = value.find(':');
  if (colon != std::string_view::npos) {
    if (const auto prefixed = ParseScheme(text::Lower(value.substr(0, colon)))) {
      scheme = *prefixed;
      value = text::Trim(value.substr(colon + 1));
    }
  }
  Resolution resolution;
  auto add = [&](Scheme source, const std::string& id) {
    const Actor* actor = Find(id);
    if (actor == nullptr) return;
    resolution.readings.emplace_back(source, actor);
    if (std::find(resolution.matches.begin(), resolution.matches.end(), actor) == resolution.matches.end()) {
      resolution.matches.push_back(actor);
    }
  };
  auto lookup = [&](Scheme source) {
    const auto [first, last] = aliases_.equal_range({source, AliasKey(source, value)});
    for (auto it = first; it != last; ++it) add(source, it->second);
  };
  if (scheme != Scheme::kAny) {
    if (scheme == Scheme::kIso3) add(Scheme::kIso3, text::Upper(value));
    lookup(scheme);
    return resolution;
  }
  // An actor id (ISO alpha-3 included) wins outright, so "KOR" is South Korea, not COW's pre-1905 Korea.
  add(Scheme::kIso3, text::Upper(value));
  if (!resolution.matches.empty()) return resolution;
  if (AllDigits(value)) {
    lookup(Scheme::kM49);
    lookup(Scheme::kCow);
  } else if (AllLetters(value) && value.size() == 2) {
    lookup(Scheme::kIso2);
  } else if (AllLetters(value) && value.size() == 3) {
    lookup(Scheme::kCowAbb);
    lookup(Scheme::kCepii);
  } else if (AllLetters(value) && value.size() == 4) {
    lookup(Scheme::kIso3);  // ISO 3166-3 alpha-4 codes of former states
  }
  if (resolution.matches.empty()) lookup(Scheme::kName);
  return resolution;
}

std::vector<std::string> ActorRegistry::Closest(std::string_view identifier, std::size_t count) const {
  // Names are short; comparing only the start of a huge field keeps the search fast (it is quadratic).
  constexpr std::size_t kLongestCompared = 64;
  const std::string wanted = text::NormalizeName(identifier.substr(0, kLongestCompared));
  std::vector<std::pair<std::size_t, std::string>> scored;
  std::set<std::string> seen;
  for (const auto& [key, id] : aliases_) {
    if (key.first != Scheme::kName && key.first != Scheme::kIso3 && key.first != Scheme::kCowAbb) continue;
    const std::string candidate = key.first == Scheme::kName ? key.second : text::Lower(key.second);
    // Compare against the prefix of long names too, so "Kazakh" finds "kazakhstan rep of".
    std::size_t distance = text::EditDistance(wanted, candidate);
    if (candidate.size() > wanted.size()) {
      distance = std::min(distance, text::EditDistance(wanted, candidate.substr(0, wanted.size())) + 1);
    }
    const Actor* actor = Find(id);
    if (actor == nullptr) continue;
    const std::string label = fmt::format("{} ({})", actor->id, actor->name);
    scored.emplace_back(distance, label);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> closest;
  for (const auto& [distance, label] : scored) {
    if (closest.size() == count) break;
    if (seen.insert(label).second) closest.push_back(label);
  }
  return closest;
}

std::string ActorRegistry::Explain(std::string_view identifier, Scheme scheme,
                                   const Resolution& resolution) const {
  constexpr std::size_t kShownBytes = 80;
  if (resolution.matches.empty()) {
    return fmt::format("unknown actor '{}'{}; closest known: {}", text::Truncate(identifier, kShownBytes),
                       scheme == Scheme::kAny ? "" : fmt::format(" (read as {})", SchemeName(scheme)),
                       text::Join(Closest(identifier), ", "));
  }
  std::vector<std::string> readings;
  for (const auto& [source, actor] : resolution.readings) {
    readings.push_back(fmt::format("{} {} = {} ({})", SchemeName(source),
                                   text::Truncate(identifier, kShownBytes), actor->id, actor->name));
  }
  return fmt::format("'{}' is ambiguous: {}; write it with a scheme prefix such as {}:{}",
                     text::Truncate(identifier, kShownBytes), text::Join(readings, "; "),
                     SchemeName(resolution.readings.front().first), text::Truncate(identifier, kShownBytes));
}

const Actor& ActorRegistry::Require(std::string_view identifier, Scheme scheme,
                                    const SourceLocation& where) const {
  const Resolution resolution = Resolve(identifier, scheme);
  if (resolution.Unique()) return *resolution.matches.front();
  throw InputError(where, Explain(identifier, scheme, resolution),
                   "a known actor code or name (see `linkage actors`)");
}

const Actor& ActorRegistry::RequireArgument(std::string_view identifier, Scheme scheme) const {
  const Resolution resolution = Resolve(identifier, scheme);
  if (resolution.Unique()) return *resolution.matches.front();
  if (resolution.matches.empty()) throw NotFoundError(Explain(identifier, scheme, resolution));
  throw UsageError(Explain(identifier, scheme, resolution));
}

}  // namespace linkage
