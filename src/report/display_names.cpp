#include "report/display_names.hpp"

#include <array>
#include <cctype>
#include <utility>

#include "core/text.hpp"

namespace linkage {

namespace {

// Stored names whose short form is not the part before a comma.
constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kCommonNames = {{
    {"Korea, Republic of", "South Korea"},
    {"Korea, Democratic People's Republic of", "North Korea"},
    {"Congo, The Democratic Republic of the", "DR Congo"},
    {"Russian Federation", "Russia"},
    {"Syrian Arab Republic", "Syria"},
    {"Lao People's Democratic Republic", "Laos"},
    {"Viet Nam", "Vietnam"},
    {"Brunei Darussalam", "Brunei"},
    {"USSR, Union of Soviet Socialist Republics", "Soviet Union"},
}};

// Aggregates that are unions of states acting as one in trade (a customs union or single market), rather than
// groupings made for statistics.
constexpr std::array<std::string_view, 3> kBlocs = {"EUU", "EMU", "SACCA"};

// Capitalises each word of a hyphenated id, leaving "and", "of" and "the" in lower case; "sub" keeps its
// hyphen (Sub-Saharan).
std::string TitleWords(std::string_view id) {
  std::string title;
  for (const auto& word : text::Split(id, '-')) {
    if (!title.empty()) title += title.ends_with("Sub") ? '-' : ' ';
    if (word == "and" || word == "of" || word == "the" || word.empty()) {
      title += word;
    } else {
      title += static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
      title += word.substr(1);
    }
  }
  return title;
}

}  // namespace

std::string ShortName(const Actor& actor) {
  for (const auto& [stored, common] : kCommonNames)
    if (actor.name == stored) return std::string(common);
  // An aggregate's comma is part of its name ("Middle East, North Africa, Afghanistan & Pakistan"), and a
  // historic state's formal name is what tells it from its successor ("Yemen, Democratic, ...").
  const auto comma = actor.name.find(", ");
  if (comma == std::string::npos || actor.kind == ActorKind::kAggregate || actor.kind == ActorKind::kHistoric)
    return actor.name;
  return actor.name.substr(0, comma);
}

std::string ShortName(const ActorRegistry& actors, std::string_view id) {
  const Actor* actor = actors.Find(id);
  return actor == nullptr ? std::string(id) : ShortName(*actor);
}

std::map<std::string, std::string> ShortNames(const ActorRegistry& actors) {
  std::map<std::string, std::string> names;
  for (const auto& [id, actor] : actors.All()) names.emplace(id, ShortName(actor));
  return names;
}

std::string CaseTitle(const std::string& actor, const std::string& pivot, const std::string& region) {
  return actor + " and " + pivot + (region.empty() ? "" : " in " + RegionTitle(region));
}

std::string RegionTitle(std::string_view region) {
  if (text::StartsWith(region, "m49-")) return TitleWords(region.substr(4)) + " (UN M49)";
  if (text::StartsWith(region, "wb-income-")) return TitleWords(region.substr(10)) + " income (World Bank)";
  if (text::StartsWith(region, "wb-")) return TitleWords(region.substr(3)) + " (World Bank)";
  return TitleWords(region);
}

std::string Possessive(std::string_view name) {
  if (!name.empty() && name.back() == 's') return std::string(name) + "'";
  return std::string(name) + "'s";
}

std::string_view PickerGroup(const Actor& actor) {
  switch (actor.kind) {
    case ActorKind::kHistoric:
      return "historic";
    case ActorKind::kAggregate:
      for (const auto bloc : kBlocs)
        if (actor.id == bloc) return "bloc";
      return "aggregate";
    default:
      return "country";
  }
}

}  // namespace linkage
