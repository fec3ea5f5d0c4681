// `linkage import FORMAT FILE`: reads one file into the workspace in one transaction.
#include <fmt/format.h>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "ingest/importers.hpp"

namespace linkage::cli {

namespace {

struct ImportArguments {
  CommonOptions common;
  std::string format;
  std::string path;
  ImportOptions options;
};

void RunImportCommand(const ImportArguments& arguments) {
  FindImporter(arguments.format);  // an unknown format is a usage error before any workspace is touched
  if (!arguments.options.products_for.empty() && arguments.format != "baci")
    throw UsageError("--products-for applies to baci files only");
  auto database = OpenOrCreate(arguments.common);
  ImportOptions options = arguments.options;
  if (!options.products_for.empty()) {
    const ActorRegistry actors(*database);
    for (auto& name : options.products_for) name = actors.RequireArgument(name).id;
  }
  const ImportSummary summary = RunImport(*database, arguments.format, arguments.path, options);
  fmt::print("imported {} ({}): {} rows read, {} values stored", summary.path, summary.format,
             summary.rows_read, summary.values_stored);
  if (summary.missing_values > 0) fmt::print(", {} missing (kept as missing)", summary.missing_values);
  if (summary.estimated_values > 0) fmt::print(", {} flagged as estimates", summary.estimated_values);
  if (summary.derived_values > 0) fmt::print(", {} derived", summary.derived_values);
  if (summary.duplicates > 0) fmt::print(", {} identical to values already stored", summary.duplicates);
  fmt::print("\n");
  for (const auto& note : summary.notes) fmt::print("note: {}\n", note);
}

std::string FormatList() {
  std::string text = "Formats:";
  for (const auto& importer : Importers())
    text += fmt::format("\n  {:<17} {}", importer.format, importer.description);
  return text;
}

}  // namespace

void RegisterImport(CLI::App& app) {
  auto arguments = std::make_shared<ImportArguments>();
  CLI::App* command = app.add_subcommand("import", "Import a data file (all of it, or nothing on any error)");
  command->footer(FormatList());
  AddWorkspaceOption(*command, arguments->common);
  command->add_option("format", arguments->format, "File format (see below)")->required();
  command->add_option("file", arguments->path, "The file to read (.gz is read transparently)")->required();
  command->add_option("--dataset", arguments->options.dataset, "Store under this dataset name");
  command->add_option("--code", arguments->options.code,
                      "Indicator code, for series files whose name does not say");
  command->add_option("--citation", arguments->options.citation, "How output should cite this file");
  command->add_option("--terms", arguments->options.terms, "The file's licence or terms of use");
  command->add_option("--companion,--countries", arguments->options.companion,
                      "The table a format reads beside its data: baci, BACI's country_codes file (default: "
                      "the one country_codes*.csv beside the data); unvotes, the roll-call table (default: "
                      "un_roll_calls.csv beside the data)");
  command
      ->add_option("--products-for", arguments->options.products_for,
                   "baci: also store these states' trade by HS chapter, for the product views "
                   "(e.g. ARG,BRA; any identifier)")
      ->delimiter(',');
  command->callback([arguments] { RunImportCommand(*arguments); });
}

}  // namespace linkage::cli
