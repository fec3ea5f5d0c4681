// `linkage members --org SCO --on 2010-06-01` or `--in 2004`: who belonged to an organisation, exactly.
#include <fmt/format.h>

#include <map>

#include "cli/command.hpp"
#include "core/dates.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
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
  std::string role = "member";
  std::string format = "table";
};

void RunMembers(const MembersOptions& options) {
  if (options.on.empty() == (options.in == 0)) throw UsageError("give exactly one of --on DATE or --in YEAR");
  if (!options.on.empty() && !IsIsoDate(options.on, DatePrecision::kDay)) {
    throw UsageError(fmt::format("--on '{}' is not a date; expected YYYY-MM-DD", options.on));
  }
  auto database = OpenOrCreate(options.common);
  const std::string org = ResolveOrganisation(*database, options.org);
  const std::string from = options.on.empty() ? fmt::format("{}-01-01", options.in) : options.on;
  const std::string to = options.on.empty() ? fmt::format("{}-12-31", options.in) : options.on;
  const std::string role = options.role == "all" ? "" : options.role;
  const MembershipAnswer answer = MembersBetween(*database, org, from, to, role);
  std::map<std::string, std::vector<std::string>> disagreements;
  std::vector<MembershipDisagreement> set_aside;
  for (auto& disagreement : MembershipDisagreements(*database, org, from, to, role)) {
    if (disagreement.member) {
      disagreements[disagreement.actor_id].push_back(disagreement.what);
    } else {
      set_aside.push_back(std::move(disagreement));
    }
  }
  const ActorRegistry registry(*database);
  ResultTable table{{"org", "actor", "name", "role", "from", "to", "confidence", "dataset", "source", "note",
                     "disagreement"},
                    {}};
  auto add = [&](const MembershipSpell& spell, const std::string& undecided) {
    const Actor* actor = registry.Find(spell.actor_id);
    const auto disagreement = disagreements.find(spell.actor_id);
    table.rows.push_back(
        {spell.org, spell.actor_id, actor != nullptr ? actor->name : "", spell.role + undecided,
         spell.start ? nlohmann::json(*spell.start) : nlohmann::json(),
         spell.end ? nlohmann::json(*spell.end) : nlohmann::json(), spell.confidence, spell.dataset,
         spell.citation, spell.note.empty() ? nlohmann::json() : nlohmann::json(spell.note),
         disagreement == disagreements.end() ? nlohmann::json()
                                             : nlohmann::json(text::Join(disagreement->second, "; "))});
  };
  for (const auto& spell : answer.members) add(spell, "");
  for (const auto& spell : answer.undated) add(spell, " (dates too imprecise: undecided)");
  WriteResult(table, ParseOutputFormat(options.format), stdout);
  for (const auto& disagreement : set_aside) {
    fmt::print(stderr, "linkage: {} is not counted: {}\n", disagreement.actor_id, disagreement.what);
  }
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
  command->add_option("--role", options->role,
                      "member (default), observer, dialogue_partner, associate, partner, or all");
  command->add_option("--format", options->format, "table, csv or json");
  command->callback([options] { RunMembers(*options); });
}

}  // namespace linkage::cli
