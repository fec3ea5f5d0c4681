// registry/actor_registry.hpp
// Resolves the many ways sources name a state (codes of several schemes, publishers' names) to one actor.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "registry/actor.hpp"
#include "store/database.hpp"

namespace linkage {

//! The key an alias is stored under: codes upper case, numbers without leading zeros, names normalised.
std::string AliasKey(Scheme scheme, std::string_view alias);

//! The outcome of resolving one identifier: exactly one actor, none, or several (ambiguous).
struct Resolution {
  std::vector<const Actor*> matches;                      //!< the distinct actors found
  std::vector<std::pair<Scheme, const Actor*>> readings;  //!< which scheme gave which actor
  //! True when exactly one actor matched.
  bool Unique() const { return matches.size() == 1; }
};

//! All actors and aliases of a workspace, held in memory for fast lookup by the readers.
class ActorRegistry {
 public:
  //! Loads the actor tables of a workspace.
  explicit ActorRegistry(Database& database);

  //! Every actor the identifier can name under `scheme`. "cow:705" style prefixes override the scheme.
  Resolution Resolve(std::string_view identifier, Scheme scheme = Scheme::kAny) const;
  //! The one actor the identifier names; InputError at `where` (with the closest known names) when it names
  //! none or several.
  const Actor& Require(std::string_view identifier, Scheme scheme, const SourceLocation& where) const;
  //! As Require, for identifiers typed on the command line (NotFoundError / UsageError).
  const Actor& RequireArgument(std::string_view identifier, Scheme scheme = Scheme::kAny) const;
  //! The actor with this id; nullptr when there is none.
  const Actor* Find(std::string_view id) const;
  //! Up to `count` known names and codes closest to `identifier`, as "KAZ (Kazakhstan)".
  std::vector<std::string> Closest(std::string_view identifier, std::size_t count = 3) const;
  //! All actors, by id.
  const std::map<std::string, Actor, std::less<>>& All() const { return actors_; }

 private:
  std::string Explain(std::string_view identifier, Scheme scheme, const Resolution& resolution) const;

  std::map<std::string, Actor, std::less<>> actors_;
  // (scheme, alias) -> actor ids
  std::multimap<std::pair<Scheme, std::string>, std::string> aliases_;
};

}  // namespace linkage
