// model/index_panel.hpp
// Reads the component values of the linkage index from the workspace: for each directed dyad (source,
// target) and year, the target's indicators with the source as partner, and the components derived from
// them (docs/methods.md, "Linkage index").
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "indicators/term.hpp"
#include "indicators/trade_terms.hpp"
#include "model/composite.hpp"
#include "model/index_spec.hpp"
#include "store/database.hpp"

namespace linkage {

//! A directed dyad: how much `target` relies on `source`.
struct DirectedDyad {
  std::string source;
  std::string target;
};

//! The panel's values with what each was read from.
struct TracedPanel {
  ComponentPanel panel;
  //! [unit][spec component]: the value's stored rows, its steps and, when missing, why.
  std::vector<std::vector<Term>> terms;
};

//! The components that change slowly (memberships, alliances, agreements, IGO counts): a missing value may
//! be carried forward from the last observed year.
bool IsSlowMoving(const std::string& component_id);

//! The components of `spec` for every dyad and year in [first, last], unit by unit in dyad-major order;
//! flows read under `choices` from the target's side. A slow-moving component missing in a year takes its
//! last observed value of at most `carry_years` earlier, flagged as carried.
TracedPanel BuildComponentPanel(Database& database, TradeTerms& terms, const IndexSpec& spec,
                                const std::vector<DirectedDyad>& dyads, int first, int last,
                                const FlowChoices& choices, int carry_years);

}  // namespace linkage
