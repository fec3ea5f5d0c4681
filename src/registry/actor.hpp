// registry/actor.hpp
// What an actor is: a state, territory, historic state or aggregate, and the code schemes that name one.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace linkage {

//! The kinds of actor. Aggregates (World, EU, income groups) are never counted as states.
enum class ActorKind { kState, kTerritory, kHistoric, kAggregate };

//! Identifier schemes an input file may use. kAny tries every scheme and refuses ambiguous answers.
enum class Scheme { kAny, kIso3, kIso2, kM49, kCow, kCowAbb, kCepii, kName };

//! One actor as stored in the workspace.
struct Actor {
  std::string id;    //!< ISO alpha-3 where one exists, else a namespaced id (COW:BAV, IMF:AFRICA)
  std::string name;  //!< English short name
  ActorKind kind = ActorKind::kState;
  //! True for states, territories and historic states: the units that trade and vote.
  bool IsCountry() const { return kind != ActorKind::kAggregate; }
};

//! Stored spelling of a kind ("state", "aggregate", ...).
std::string_view KindName(ActorKind kind);
//! Parses a stored kind; nullopt when unknown.
std::optional<ActorKind> ParseKind(std::string_view name);
//! Stored spelling of a scheme ("iso3", "cow", ...).
std::string_view SchemeName(Scheme scheme);
//! Parses a scheme prefix as written by users ("m49", "cow", "iso2", ...); nullopt when unknown.
std::optional<Scheme> ParseScheme(std::string_view name);

}  // namespace linkage
