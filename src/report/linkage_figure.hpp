// report/linkage_figure.hpp
// The linkage figure: how the actor's tie with the pivot sits among the powers, the region's members and
// their institutions in one year, drawn from data as Graphviz DOT and laid out as SVG (docs/methods.md, "The
// linkage figure").
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/linkage_model.hpp"
#include "model/regional_network.hpp"
#include "store/database.hpp"

namespace linkage {

//! A tie the figure draws, with the number that sets its width (missing ties are not drawn).
struct FigureTie {
  std::string from;
  std::string to;
  double weight = 0;
};

//! An institution with the actors of the figure that are members of it in the figure's year.
struct FigureInstitution {
  std::string name;
  std::vector<std::string> members;
};

//! Everything the figure draws for one year.
struct LinkageFigure {
  int year = 0;
  std::string actor;
  std::string pivot;
  std::string region;                                          //!< empty: the dyad and the powers alone
  std::vector<std::string> powers;                             //!< outside powers, the actor first
  std::vector<std::string> members;                            //!< the region's members that year
  std::vector<std::pair<std::string, double>> region_linkage;  //!< each power's actor-region linkage score
  std::vector<FigureTie> power_ties;                           //!< power -> state: dyad linkage, 0-100
  std::vector<FigureTie> member_ties;                          //!< member -- member: their trade, USD
  std::vector<FigureInstitution> institutions;                 //!< with two or more of the figure's actors
  std::size_t missing_power_ties = 0;                          //!< power -> state pairs without a score
  //! Institutions every actor of the figure belongs to (the UN): they tell no actor apart, so are not drawn.
  std::vector<std::string> universal_institutions;
};

//! The latest year of the run in which the actor -> pivot linkage score has a value; nullopt when none has.
std::optional<int> LatestLinkageYear(const LinkageRun& run);

//! Reads the figure for `year` from a run, the region's trade network of that year and the workspace's
//! institution memberships (role "member" only).
LinkageFigure CollectLinkageFigure(Database& database, const LinkageRun& run, const RegionalNetwork& network,
                                   int year);

//! The figure as Graphviz DOT: one cluster per level (system, region, institutions); edge widths scale with
//! the linkage score (0.5 + 5 x score / 100) and, among members, with trade relative to the largest pair.
std::string LinkageDot(const LinkageFigure& figure);

//! Lays out DOT with Graphviz's dot engine and renders it as SVG; Error when Graphviz cannot read, lay out or
//! render it (a missing plugin, for one).
std::string RenderDotSvg(const std::string& dot);

}  // namespace linkage
