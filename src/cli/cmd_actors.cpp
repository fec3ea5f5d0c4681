// `linkage actors resolve ID...` and `linkage actors list`: what the registry knows and how it reads a name.
#include <fmt/format.h>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "registry/actor_registry.hpp"
#include "report/output.hpp"

namespace linkage::cli {

namespace {

struct ActorsOptions {
  CommonOptions common;
  std::vector<std::string> identifiers;
  std::string scheme = "any";
  std::string kind;
  std::string format = "table";
};

void RunResolve(const ActorsOptions& options) {
  auto database = OpenOrCreate(options.common);
  const ActorRegistry registry(*database);
  const auto scheme = ParseScheme(options.scheme);
  if (!scheme)
    throw UsageError(fmt::format("unknown scheme '{}'; use any, iso3, iso2, m49, cow, cowabb, cepii or name",
                                 options.scheme));
  ResultTable table{{"input", "id", "name", "kind", "via"}, {}};
  for (const auto& identifier : options.identifiers) {
    const Actor& actor = registry.RequireArgument(identifier, *scheme);
    const Resolution resolution = registry.Resolve(identifier, *scheme);
    table.rows.push_back({identifier, actor.id, actor.name, std::string(KindName(actor.kind)),
                          std::string(SchemeName(resolution.readings.front().first))});
  }
  WriteResult(table, ParseOutputFormat(options.format), stdout);
}

void RunList(const ActorsOptions& options) {
  auto database = OpenOrCreate(options.common);
  const ActorRegistry registry(*database);
  ResultTable table{{"id", "name", "kind"}, {}};
  for (const auto& [id, actor] : registry.All()) {
    if (!options.kind.empty() && KindName(actor.kind) != options.kind) continue;
    table.rows.push_back({id, actor.name, std::string(KindName(actor.kind))});
  }
  WriteResult(table, ParseOutputFormat(options.format), stdout);
}

}  // namespace

void RegisterActors(CLI::App& app) {
  CLI::App* actors = app.add_subcommand("actors", "Look up states, historic states and aggregates");
  actors->require_subcommand(1);

  auto resolve = std::make_shared<ActorsOptions>();
  CLI::App* resolve_command = actors->add_subcommand(
      "resolve", "Resolve codes or names (KAZ, KZ, 398, cow:705, KZK, 'Kazakhstan, Rep. of')");
  AddWorkspaceOption(*resolve_command, resolve->common);
  resolve_command->add_option("identifier", resolve->identifiers, "Codes or names")->required();
  resolve_command->add_option("--scheme", resolve->scheme,
                              "any, iso3, iso2, m49, cow, cowabb, cepii or name");
  resolve_command->add_option("--format", resolve->format, "table, csv or json");
  resolve_command->callback([resolve] { RunResolve(*resolve); });

  auto list = std::make_shared<ActorsOptions>();
  CLI::App* list_command = actors->add_subcommand("list", "List actors");
  AddWorkspaceOption(*list_command, list->common);
  list_command->add_option("--kind", list->kind, "state, territory, historic or aggregate");
  list_command->add_option("--format", list->format, "table, csv or json");
  list_command->callback([list] { RunList(*list); });
}

}  // namespace linkage::cli
