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
#include "report/charts.hpp"
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
  std::vector<std::string> members_left_out;  //!< members with no tie to draw, which KeepStrongest dropped
  std::size_t power_ties_left_out = 0;        //!< scored power -> member ties KeepStrongest dropped
  std::size_t member_ties_left_out = 0;       //!< member trade ties KeepStrongest dropped
  std::vector<std::string> institutions_left_out;  //!< institutions KeepStrongest dropped
};

//! Member trade ties each member keeps in the figure: its strongest ones.
inline constexpr std::size_t kTradeTiesPerMember = 2;
//! The most institutions the figure draws.
inline constexpr std::size_t kMostInstitutions = 10;

//! The latest year of the run in which the actor -> pivot linkage score has a value; nullopt when none has.
std::optional<int> LatestLinkageYear(const LinkageRun& run);

//! Reads the figure for `year` from a run, the region's trade network of that year and the workspace's
//! institution memberships (role "member" only).
LinkageFigure CollectLinkageFigure(Database& database, const LinkageRun& run, const RegionalNetwork& network,
                                   int year);

//! Thins the figure so that a region of 15 members stays readable, counting what it drops: members with no
//! scored power tie and no trade tie leave; every power's tie
//! with the pivot stays, and each other member keeps only its strongest power tie; each member keeps its
//! kTradeTiesPerMember strongest trade ties; only institutions the pivot belongs to stay, at most
//! kMostInstitutions of them, those with the most of the figure's states first.
void KeepStrongest(LinkageFigure& figure);

//! The figure as Graphviz DOT: one band per level (outside powers, the region's members in rows of at most
//! eight, institutions); a power's node and its ties in its palette colour; edge widths scale with the
//! linkage score (0.5 + 5 x score / 100) and, among members, with trade relative to the largest pair;
//! memberships are not drawn as lines (every institution shown is the pivot's): each institution says how
//! many of the states belong and whether the actor does.
std::string LinkageDot(const LinkageFigure& figure, const ChartStyle& style);

//! Lays out DOT with Graphviz's dot engine and renders it as SVG; Error when Graphviz cannot read, lay out or
//! render it (a missing plugin, for one).
std::string RenderDotSvg(const std::string& dot);

}  // namespace linkage
