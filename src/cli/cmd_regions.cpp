// `linkage regions [NAME] [--in YEAR]`: the named regions and their members.
#include <fmt/format.h>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "registry/actor_registry.hpp"
#include "registry/institutions.hpp"
#include "report/output.hpp"

namespace linkage::cli {

namespace {

struct RegionsOptions {
  CommonOptions common;
  std::string region;
  int in = 2020;
  std::string format = "table";
};

void RunRegions(const RegionsOptions& options) {
  auto database = OpenOrCreate(options.common);
  const ActorRegistry registry(*database);
  std::vector<std::string> names;
  if (options.region.empty()) {
    names = RegionNames(*database);
    for (const auto& bloc : BlocNames(*database)) names.push_back(bloc);
  } else {
    names.push_back(RequireRegion(*database, options.region));
  }
  ResultTable table{{"region", "year", "count", "members", "source"}, {}};
  for (const auto& name : names) {
    const auto members = RegionMembers(*database, name, options.in);
    if (members.empty() && !options.region.empty()) {
      throw NotFoundError(fmt::format("region '{}' has no members in {}; known regions: {}", name, options.in,
                                      text::Join(RegionNames(*database), ", ")));
    }
    if (members.empty()) continue;  // a bloc before it existed or after it ended
    table.rows.push_back({name, options.in, members.size(), text::Join(members, ","),
                          text::Join(RegionCitations(*database, name), "; ")});
  }
  WriteResult(table, ParseOutputFormat(options.format), stdout);
}

}  // namespace

void RegisterRegions(CLI::App& app) {
  auto options = std::make_shared<RegionsOptions>();
  CLI::App* command =
      app.add_subcommand("regions",
                         "Named regions with their members and source: UN M49, World Bank regions and income "
                         "groups, and your own (`linkage import regions`)");
  AddWorkspaceOption(*command, options->common);
  command->add_option("region", options->region, "A region name (default: all)");
  command->add_option("--in", options->in, "Members during this year (default 2020)");
  command->add_option("--format", options->format, "table, csv or json");
  command->callback([options] { RunRegions(*options); });
}

}  // namespace linkage::cli
