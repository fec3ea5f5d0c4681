// model/gravity_panel.hpp
// A gravity panel from the workspace: every ordered pair of the chosen countries in every chosen year, the
// flow (the importer's reported imports, else the exporter's reported exports; missing when neither reports),
// CEPII GeoDist's distance, contiguity, common language and colonial tie, and dummies for co-membership of
// organisations with leads and lags and for a set of partners after a date (docs/methods.md, "Gravity").
#pragma once

#include <string>
#include <vector>

#include "model/gravity_frame.hpp"
#include "model/trade_shock.hpp"
#include "store/database.hpp"

namespace linkage {

//! A dummy that switches on for the pairs of one actor with a set of partners (both directions) from a year.
struct PeriodDummy {
  std::string name;
  std::string actor;
  std::vector<std::string> partners;
  int from = 0;
};

//! What the panel covers.
struct WorkspacePanelRequest {
  std::vector<std::string> countries;  //!< actor ids
  int first = 0;
  int last = 0;
  int step = 1;                         //!< every `step`-th year from `first` (Yotov et al. 2016 use 4 or 5)
  std::vector<std::string> agreements;  //!< organisations: 1 when both are members on some day of the year
  int leads = 0;                        //!< agreement dummies `step` x k years ahead (anticipation)
  int lags = 0;                         //!< and behind (phasing in)
  std::vector<PeriodDummy> period_dummies;
  bool domestic = false;  //!< add each country's sales to itself (GDP less exports to the panel) and `home`
};

//! The countries with the largest total exports (as reported, IMF DOTS) in `year`, `count` of them.
std::vector<std::string> LargestExporters(Database& database, int year, std::size_t count);

//! Builds the panel; columns exporter, importer, year (labels) and trade, ln_dist, contig, comlang_off,
//! colony, ln_gdp_exporter, ln_gdp_importer (WDI, current US$), one per agreement (its short name, and
//! `_lead1`, `_lag1`, ...) and one per period dummy (numbers). With `domestic`, also the diagonal pairs
//! (CEPII's internal distance, no agreement) and a `home` column.
GravityFrame BuildWorkspacePanel(Database& database, const WorkspacePanelRequest& request);

//! The year's trade among every state in IMF DOTS (the importer's report first, as in the panel) and each
//! one's GDP (WDI), for a first-order shock.
TradeShockWorld BuildTradeWorld(Database& database, int year);

//! The column name of an organisation's dummy: lower case, letters and digits, "_" between words.
std::string AgreementColumn(const std::string& organisation);

//! The name of an agreement dummy `steps` steps ahead (a lead, steps > 0) or behind (a lag, steps < 0).
std::string ShiftedAgreementColumn(const std::string& column, int steps);

}  // namespace linkage
