// `linkage sources`: every file the workspace was built from, with its checksum, citation and terms.
#include "cli/command.hpp"
#include "report/output.hpp"
#include "report/source_rows.hpp"

namespace linkage::cli {

namespace {

struct SourcesOptions {
  CommonOptions common;
  std::string format = "table";
};

void RunSources(const SourcesOptions& options) {
  auto database = OpenOrCreate(options.common);
  WriteResult(SourceTable(*database, YearsBySource(*database)), ParseOutputFormat(options.format), stdout);
}

}  // namespace

void RegisterSources(CLI::App& app) {
  auto options = std::make_shared<SourcesOptions>();
  CLI::App* command =
      app.add_subcommand("sources", "List the source files behind the workspace (provenance)");
  AddWorkspaceOption(*command, options->common);
  command->add_option("--format", options->format, "table, csv or json");
  command->callback([options] { RunSources(*options); });
}

}  // namespace linkage::cli
