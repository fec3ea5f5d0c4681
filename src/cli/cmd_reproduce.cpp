// `linkage reproduce [--claims FILE]`: audits a study's claims against the workspace.
#include <fmt/format.h>

#include <filesystem>

#include "audit/auditor.hpp"
#include "audit/claims_file.hpp"
#include "cli/command.hpp"
#include "core/text.hpp"
#include "registry/actor_registry.hpp"
#include "report/audit_table.hpp"
#include "report/output.hpp"
#include "store/workspace.hpp"

namespace linkage::cli {

namespace {

struct ReproduceOptions {
  CommonOptions common;
  std::string claims;
  std::string format = "table";
};

std::string Shown(const std::optional<double>& value) {
  return value ? text::FormatNumber(*value) : "-";
}

void RunReproduce(const ReproduceOptions& options) {
  const OutputFormat format = ParseOutputFormat(options.format);
  const std::string claims_path =
      options.claims.empty() ? DefaultDataDir() + "/claims/source-study.csv" : options.claims;
  const std::vector<Claim> claims = ReadClaims(claims_path);
  auto database = OpenOrCreate(options.common);
  const ActorRegistry actors(*database);
  TradeData data(*database);
  Auditor auditor(*database, data, actors);
  std::vector<ClaimResult> results;
  results.reserve(claims.size());
  for (const auto& claim : claims) results.push_back(auditor.Audit(claim));

  std::map<std::int64_t, std::string> source_paths;
  Statement sources(*database, "SELECT id, path FROM sources");
  while (sources.Step())
    source_paths[sources.Int(0)] = std::filesystem::path(sources.Text(1)).filename().string();

  if (format == OutputFormat::kJson) {
    nlohmann::json array = nlohmann::json::array();
    for (const auto& result : results) array.push_back(ToJson(result, source_paths));
    fmt::print("{}\n", array.dump(2));
    return;
  }
  if (format == OutputFormat::kCsv) {
    WriteResult(AuditTable(results), format, stdout);
    return;
  }
  std::map<Verdict, int> counts;
  for (const auto& result : results) {
    ++counts[result.verdict];
    if (result.cells.empty()) {
      fmt::print("{:<28} {:<12} printed {:<10} computed {}\n", result.id, VerdictName(result.verdict),
                 Shown(result.printed), Shown(result.computed));
    } else {
      fmt::print("{:<28} {:<12} table: {} cells, share holding {}\n", result.id, VerdictName(result.verdict),
                 result.cells.size(), Shown(result.computed));
    }
    fmt::print("    {}\n\n", result.explanation);
  }
  fmt::print("{} claims: {} hold, {} close, {} differ, {} unverifiable (claims: {})\n", results.size(),
             counts[Verdict::kHolds], counts[Verdict::kClose], counts[Verdict::kDiffers],
             counts[Verdict::kUnverifiable], claims_path);
}

}  // namespace

void RegisterReproduce(CLI::App& app) {
  auto options = std::make_shared<ReproduceOptions>();
  CLI::App* command = app.add_subcommand(
      "reproduce", "Audit a study's claims against the data, trying the readings an analyst would");
  AddWorkspaceOption(*command, options->common);
  command->add_option("--claims", options->claims,
                      "Claims file (default: the source study, data/claims/source-study.csv)");
  command->add_option("--format", options->format, "table, csv or json");
  command->callback([options] { RunReproduce(*options); });
}

}  // namespace linkage::cli
