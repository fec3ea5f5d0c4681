// `linkage members --org SCO --on 2010-06-01` or `--in 2004`: who belonged to an organisation, exactly.
#include <fmt/format.h>

#include <regex>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "registry/actor_registry.hpp"
#include "registry/institutions.hpp"
#include "report/output.hpp"

namespace linkage::cli {

namespace {

struct MembersOptions {
  CommonOptions common;
  std::string org;
  std::string on;
  int in = 0;
  std::string role;
  std::string format = "table";
};

void RunMembers(const MembersOptions& options) {
  if (options.on.empty() == (options.in == 0)) throw UsageError("give exactly one of --on DATE or --in YEAR");
  if (!options.on.empty() && !std::regex_match(options.on, std::regex(R"(^\d{4}-\d{2}-\d{2}$)"))) {
    throw UsageError(fmt::format("--on '{}' is not a date; expected YYYY-MM-DD", options.on));
  }
  auto database = OpenOrCreate(options.common);
  const std::string org = ResolveOrganisation(*database, options.org);
  const std::string from = options.on.empty() ? fmt::format("{}-01-01", options.in) : options.on;
  const std::string to = options.on.empty() ? fmt::format("{}-12-31", options.in) : options.on;
  const MembershipAnswer answer = MembersBetween(*database, org, from, to, options.role);
  const ActorRegistry registry(*database);
  ResultTable table{{"org", "actor", "name", "role", "from", "to", "confidence", "source"}, {}};
  auto add = [&](const MembershipSpell& spell, const std::string& note) {
    const Actor* actor = registry.Find(spell.actor_id);
    table.rows.push_back({spell.org, spell.actor_id, actor != nullptr ? actor->name : "", spell.role + note,
                          spell.start ? nlohmann::json(*spell.start) : nlohmann::json(),
                          spell.end ? nlohmann::json(*spell.end) : nlohmann::json(), spell.confidence,
                          spell.citation});
  };
  for (const auto& spell : answer.members) add(spell, "");
  for (const auto& spell : answer.undated) add(spell, " (dates too imprecise: undecided)");
  WriteResult(table, ParseOutputFormat(options.format), stdout);
  if (!answer.undated.empty()) {
    fmt::print(stderr, "linkage: {} spell(s) of {} have dates too imprecise to decide {}\n",
               answer.undated.size(), org, options.on.empty() ? std::to_string(options.in) : options.on);
  }
}

}  // namespace

void RegisterMembers(CLI::App& app) {
  auto options = std::make_shared<MembersOptions>();
  CLI::App* command = app.add_subcommand("members", "Members of an organisation on a date or during a year");
  AddWorkspaceOption(*command, options->common);
  command->add_option("--org", options->org, "Organisation (SCO, CSTO, EAEU, EU, ...)")->required();
  command->add_option("--on", options->on, "A date, YYYY-MM-DD");
  command->add_option("--in", options->in, "A year: members at any time during it");
  command->add_option("--role", options->role, "Only this role (member, observer, dialogue_partner, ...)");
  command->add_option("--format", options->format, "table, csv or json");
  command->callback([options] { RunMembers(*options); });
}

}  // namespace linkage::cli
