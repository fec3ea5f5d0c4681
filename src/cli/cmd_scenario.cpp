// `linkage scenario shock|agreement ...`: what-if questions on the workspace's trade. `shock` takes some
// flows down by a share and follows the loss through trade shares, without substitution; `agreement` removes
// or extends a trade agreement in a structural gravity model and solves the general equilibrium by GEPPML.
#include "cli/command.hpp"

namespace linkage::cli {

void RegisterScenario(CLI::App& app) {
  CLI::App* scenario = app.add_subcommand(
      "scenario", "What-if: a fall in some flows (shock) or an agreement removed or extended (agreement)");
  scenario->require_subcommand(1);
  RegisterScenarioShock(*scenario);
  RegisterScenarioAgreement(*scenario);
}

}  // namespace linkage::cli
