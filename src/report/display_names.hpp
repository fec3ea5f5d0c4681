// report/display_names.hpp
// The names a reader sees: "Iran" for "Iran, Islamic Republic of", "Central Asia" for central-asia, and the
// groups an actor picker sorts actors into.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "registry/actor.hpp"
#include "registry/actor_registry.hpp"

namespace linkage {

//! The short English name of an actor: its stored ISO or IMF name without the formal part after a comma
//! ("Iran, Islamic Republic of" -> "Iran"), and the common name of a few states whose ISO name is formal
//! ("Russian Federation" -> "Russia"). Korea keeps which Korea it is.
std::string ShortName(const Actor& actor);

//! ShortName of the actor `id` names in `actors`; the id itself when the registry does not know it.
std::string ShortName(const ActorRegistry& actors, std::string_view id);

//! The short name of every actor of the registry, by id: the names charts and sentences use.
std::map<std::string, std::string> ShortNames(const ActorRegistry& actors);

//! How a reader names a case: "China and Kazakhstan in Central Asia" (no region: "China and Kazakhstan").
std::string CaseTitle(const std::string& actor, const std::string& pivot, const std::string& region);

//! A region id as a title: "central-asia" -> "Central Asia", "m49-south-america" -> "South America (UN M49)",
//! "wb-sub-saharan-africa" -> "Sub-Saharan Africa (World Bank)".
std::string RegionTitle(std::string_view region);

//! The possessive of a name: "Kazakhstan's", "United States'".
std::string Possessive(std::string_view name);

//! The group an actor picker shows an actor under: "country" (states and territories), "historic", "bloc"
//! (a union of states that acts as one in trade: the EU, the euro area, the Southern African customs union)
//! or "aggregate" (a statistical grouping).
std::string_view PickerGroup(const Actor& actor);

}  // namespace linkage
