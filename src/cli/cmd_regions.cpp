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
  std::vector<std::string> names =
      options.region.empty() ? RegionNames(*database) : std::vector{options.region};
  ResultTable table{{"region", "year", "members"}, {}};
  for (const auto& name : names) {
    const auto members = RegionMembers(*database, name, options.in);
    if (members.empty()) {
      throw NotFoundError(fmt::format("region '{}' has no members in {}; known regions: {}", name, options.in,
                                      text::Join(RegionNames(*database), ", ")));
    }
    table.rows.push_back({text::Lower(name), options.in, text::Join(members, ",")});
  }
  WriteResult(table, ParseOutputFormat(options.format), stdout);
}

}  // namespace

void RegisterRegions(CLI::App& app) {
  auto options = std::make_shared<RegionsOptions>();
  CLI::App* command =
      app.add_subcommand("regions", "Named regions (add your own with `linkage import regions`)");
  AddWorkspaceOption(*command, options->common);
  command->add_option("region", options->region, "A region name (default: all)");
  command->add_option("--in", options->in, "Members during this year (default 2020)");
  command->add_option("--format", options->format, "table, csv or json");
  command->callback([options] { RunRegions(*options); });
}

}  // namespace linkage::cli
