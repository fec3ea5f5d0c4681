// model/linkage_model.hpp
// One run of the linkage model: the design (who faces whom), the index inputs read from the workspace, the
// scores at the three levels and their sensitivity draws. `linkage index` prints it; `linkage report` draws
// it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "indicators/trade_terms.hpp"
#include "model/composite.hpp"
#include "model/index_panel.hpp"
#include "model/index_spec.hpp"
#include "model/linkage_levels.hpp"
#include "model/sensitivity.hpp"
#include "store/database.hpp"

namespace linkage {

//! The default of LinkageRequest::carry_years: COW's IGO data end in 2014 and the embedded trade in 2020.
inline constexpr int kDefaultCarryYears = 6;

//! What a run scores and how.
struct LinkageRequest {
  LinkageDesign design;  //!< actor, pivot, region, powers (actor first); members are filled in by the run
  int first = 0;
  int last = 0;
  FlowChoices choices;
  IndexSpec spec;
  Normalisation normalisation = Normalisation::kMinMax;
  double min_coverage = 0.5;
  //! How many years a slow-moving input (memberships, alliances, agreements, IGO counts) may be carried
  //! forward from its last observed year; 0 for none.
  int carry_years = kDefaultCarryYears;
  SensitivityOptions sensitivity;  //!< draws = 0 for none
};

//! Everything a run computed.
struct LinkageRun {
  IndexSpec spec;
  LinkageDesign design;
  TracedPanel traced;
  std::vector<std::vector<std::optional<double>>> normalised;  //!< [unit][component], the nominal method
  std::vector<ScoreRow> rows;                                  //!< EvaluateLevels of the nominal scores
  std::optional<Sensitivity> sensitivity;
};

//! The directed dyads a design scores: every power with every state it faces (the pivot and the region's
//! members in any year), and the pivot with the actor.
std::vector<DirectedDyad> PanelDyads(const LinkageDesign& design);

//! Reads the region's members for each year, the inputs, and computes the scores and their draws.
LinkageRun RunLinkageModel(Database& database, TradeTerms& terms, const LinkageRequest& request);

}  // namespace linkage
