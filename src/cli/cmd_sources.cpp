// `linkage sources`: every file the workspace was built from, with its checksum, citation and terms.
#include "cli/command.hpp"
#include "report/output.hpp"

namespace linkage::cli {

namespace {

struct SourcesOptions {
  CommonOptions common;
  std::string format = "table";
};

void RunSources(const SourcesOptions& options) {
  auto database = OpenOrCreate(options.common);
  Statement query(
      *database,
      "SELECT id, dataset, format, path, substr(sha256, 1, 12), citation, terms FROM sources ORDER BY id");
  ResultTable table{{"id", "dataset", "format", "path", "sha256", "citation", "terms"}, {}};
  while (query.Step()) {
    table.rows.push_back({query.Int(0), query.Text(1), query.Text(2), query.Text(3), query.Text(4),
                          query.Text(5), query.Text(6)});
  }
  WriteResult(table, ParseOutputFormat(options.format), stdout);
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
