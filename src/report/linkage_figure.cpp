#include "report/linkage_figure.hpp"

#include <fmt/format.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <numeric>

#include "core/error.hpp"
#include "core/text.hpp"
#include "registry/institutions.hpp"
#include "report/display_names.hpp"
#include "report/number_format.hpp"

namespace linkage {

namespace {

std::optional<double> DyadLinkage(const LinkageRun& run, const std::string& source, const std::string& target,
                                  int year) {
  static const std::size_t linkage = *ScoreIndex("linkage");
  for (const auto& row : run.rows) {
    if (row.level == "dyad" && row.measure == "score" && row.score == linkage && row.year == year &&
        row.source == source && row.target == target)
      return row.value;
  }
  return std::nullopt;
}

std::optional<double> RegionLinkage(const LinkageRun& run, const std::string& power, int year) {
  static const std::size_t linkage = *ScoreIndex("linkage");
  for (const auto& row : run.rows) {
    if (row.level == "region" && row.measure == "comparable_score" && row.score == linkage &&
        row.year == year && row.source == power)
      return row.value;
  }
  return std::nullopt;
}

// A DOT double-quoted string: the quote and the backslash escaped, a line break as DOT's centred \n.
std::string Quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Institution names carry their history in brackets ("... (Turkic Council until 2021-11-12)"); the node shows
// the name, its tooltip the whole.
std::string InstitutionLabel(const std::string& name) {
  const auto bracket = name.find(" (");
  return bracket == std::string::npos ? name : name.substr(0, bracket);
}

// The node listing the pivot's institutions.
constexpr const char* kInstitutionsNode = "institutions";

// A DOT label of left-justified lines (each ending in \l).
std::string QuotedLines(const std::vector<std::string>& lines) {
  std::string out = "\"";
  for (const auto& line : lines) {
    for (const char c : line) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += "\\l";
  }
  return out + "\"";
}

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// Whether white text reads better than black on `colour` ("#rrggbb"), by its relative luminance (WCAG 2.1).
bool IsDark(const std::string& colour) {
  const auto channel = [&](std::size_t at) {
    const double value = std::stoi(colour.substr(at, 2), nullptr, 16) / 255.0;
    return value <= 0.04045 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
  };
  const double luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance < 0.18;
}

}  // namespace

std::optional<int> LatestLinkageYear(const LinkageRun& run) {
  std::optional<int> latest;
  for (const auto& row : run.rows) {
    if (row.level != "dyad" || row.measure != "score" || row.score != *ScoreIndex("linkage") ||
        row.source != run.design.actor || row.target != run.design.pivot || !row.value)
      continue;
    if (!latest || row.year > *latest) latest = row.year;
  }
  return latest;
}

LinkageFigure CollectLinkageFigure(Database& database, const LinkageRun& run, const RegionalNetwork& network,
                                   int year) {
  LinkageFigure figure;
  figure.year = year;
  figure.actor = run.design.actor;
  figure.pivot = run.design.pivot;
  figure.region = run.design.region;
  figure.powers = run.design.powers;
  if (const auto members = run.design.members.find(year); members != run.design.members.end())
    figure.members = members->second;
  if (!Contains(figure.members, figure.pivot)) figure.members.insert(figure.members.begin(), figure.pivot);
  for (const auto& power : figure.powers) {
    if (!figure.region.empty()) {
      if (const auto score = RegionLinkage(run, power, year))
        figure.region_linkage.emplace_back(power, *score);
    }
    for (const auto& member : figure.members) {
      if (const auto score = DyadLinkage(run, power, member, year))
        figure.power_ties.push_back({power, member, *score});
      else
        ++figure.missing_power_ties;
    }
  }
  for (const auto& tie : network.ties) {
    if (tie.trade.value && Contains(figure.members, tie.a) && Contains(figure.members, tie.b))
      figure.member_ties.push_back({tie.a, tie.b, *tie.trade.value});
  }
  std::vector<std::string> actors = figure.powers;
  actors.insert(actors.end(), figure.members.begin(), figure.members.end());
  const std::string from = fmt::format("{}-01-01", year);
  const std::string to = fmt::format("{}-12-31", year);
  for (const auto& org : Organisations(database)) {
    FigureInstitution institution{org, {}};
    for (const auto& spell : MembersBetween(database, org, from, to, "member").members) {
      if (Contains(actors, spell.actor_id) && !Contains(institution.members, spell.actor_id))
        institution.members.push_back(spell.actor_id);
    }
    const bool has_member = std::any_of(institution.members.begin(), institution.members.end(),
                                        [&](const auto& id) { return Contains(figure.members, id); });
    if (institution.members.size() == actors.size()) {
      figure.universal_institutions.push_back(org);
    } else if (institution.members.size() >= 2 && has_member) {
      figure.institutions.push_back(std::move(institution));
    }
  }
  return figure;
}

void KeepStrongest(LinkageFigure& figure) {
  // Members with no scored power tie and no trade with another member (territories the sources do not
  // cover) would only widen the figure.
  std::vector<std::string> members;
  for (const auto& member : figure.members) {
    const auto touches = [&](const FigureTie& tie) { return tie.from == member || tie.to == member; };
    if (member == figure.pivot || std::any_of(figure.power_ties.begin(), figure.power_ties.end(), touches) ||
        std::any_of(figure.member_ties.begin(), figure.member_ties.end(), touches))
      members.push_back(member);
    else
      figure.members_left_out.push_back(member);
  }
  figure.members = std::move(members);
  for (auto& institution : figure.institutions) {
    std::erase_if(institution.members,
                  [&](const std::string& member) { return Contains(figure.members_left_out, member); });
  }

  // Power ties: all of the pivot's, and each other member's strongest.
  std::map<std::string, double> strongest_power;
  for (const auto& tie : figure.power_ties)
    strongest_power[tie.to] = std::max(strongest_power[tie.to], tie.weight);
  std::vector<FigureTie> powers;
  for (const auto& tie : figure.power_ties) {
    const bool first_strongest =
        tie.weight == strongest_power[tie.to] &&
        std::none_of(powers.begin(), powers.end(), [&](const FigureTie& kept) { return kept.to == tie.to; });
    if (tie.to == figure.pivot || first_strongest) powers.push_back(tie);
  }
  figure.power_ties_left_out = figure.power_ties.size() - powers.size();
  figure.power_ties = std::move(powers);

  // Trade ties: those among the kTradeTiesPerMember strongest of either end.
  std::vector<std::size_t> order(figure.member_ties.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return figure.member_ties[a].weight > figure.member_ties[b].weight;
  });
  std::map<std::string, std::size_t> ranked;  // member -> its ties seen so far, strongest first
  std::vector<bool> keep(figure.member_ties.size(), false);
  for (const std::size_t k : order) {
    const FigureTie& tie = figure.member_ties[k];
    keep[k] = ranked[tie.from] < kTradeTiesPerMember || ranked[tie.to] < kTradeTiesPerMember;
    ++ranked[tie.from];
    ++ranked[tie.to];
  }
  std::vector<FigureTie> trade;
  for (std::size_t k = 0; k < keep.size(); ++k)
    if (keep[k]) trade.push_back(figure.member_ties[k]);
  figure.member_ties_left_out = figure.member_ties.size() - trade.size();
  figure.member_ties = std::move(trade);

  // Institutions: the pivot's, the largest first.
  std::vector<FigureInstitution> institutions;
  for (auto& institution : figure.institutions) {
    if (Contains(institution.members, figure.pivot))
      institutions.push_back(std::move(institution));
    else
      figure.institutions_left_out.push_back(institution.name);
  }
  std::stable_sort(institutions.begin(), institutions.end(),
                   [](const auto& a, const auto& b) { return a.members.size() > b.members.size(); });
  while (institutions.size() > kMostInstitutions) {
    figure.institutions_left_out.push_back(institutions.back().name);
    institutions.pop_back();
  }
  figure.institutions = std::move(institutions);
}

std::string LinkageDot(const LinkageFigure& figure, const ChartStyle& style) {
  const auto name = [&](const std::string& id) { return style.Name(id); };
  std::string dot = "digraph linkage {\n";
  dot += fmt::format(
      "  graph [rankdir=TB, newrank=true, nodesep=0.25, ranksep=0.7, fontname=\"DejaVu Sans\", fontsize=14, "
      "labelloc=t, labeljust=l, label={}];\n",
      Quoted(fmt::format("Linkage of {} with {}{}, {}", name(figure.actor), name(figure.pivot),
                         figure.region.empty() ? "" : " and " + RegionTitle(figure.region), figure.year)));
  dot +=
      "  node [fontname=\"DejaVu Sans\", fontsize=11, shape=box, style=\"rounded,filled\", "
      "fillcolor=\"#ffffff\", "
      "color=\"#777777\", margin=\"0.12,0.06\"];\n";
  dot += "  edge [fontname=\"DejaVu Sans\", fontsize=10, arrowsize=0.7];\n";

  dot +=
      "  subgraph cluster_system {\n    label=\"Outside powers\"; style=\"rounded\"; color=\"#cccccc\"; "
      "fontsize=11;\n    { rank=same;\n";
  for (const auto& power : figure.powers) {
    std::string label = name(power);
    for (const auto& [id, score] : figure.region_linkage) {
      if (id == power) label += fmt::format("\nwith the region: {:.0f}", score);
    }
    // The power's own colour, with white text on the dark ones, so it matches every chart.
    const std::string colour = style.palette.Colour(power);
    dot += fmt::format("      {} [label={}, fillcolor=\"{}\", fontcolor=\"{}\", color=\"{}\"{}];\n",
                       Quoted(power), Quoted(label), colour, IsDark(colour) ? "#ffffff" : "#1a1a1a", colour,
                       power == figure.actor ? ", penwidth=3" : "");
  }
  dot += "    }\n  }\n";

  dot += fmt::format(
      "  subgraph cluster_region {{\n    label={}; style=\"rounded\"; color=\"#cccccc\"; fontsize=11;\n",
      Quoted(figure.region.empty() ? "Pivot state" : "Members of " + RegionTitle(figure.region)));
  // Rows of at most eight members, held in order by invisible edges, so that 15 members do not make one row
  // twice the width of a page.
  constexpr std::size_t kRow = 8;
  for (std::size_t start = 0; start < figure.members.size(); start += kRow) {
    dot += "    { rank=same;\n";
    for (std::size_t k = start; k < std::min(start + kRow, figure.members.size()); ++k) {
      const std::string& member = figure.members[k];
      dot += fmt::format("      {} [label={}, fillcolor=\"{}\"{}];\n", Quoted(member), Quoted(name(member)),
                         member == figure.pivot ? "#dbe9f6" : "#f2f5f8",
                         member == figure.pivot ? ", penwidth=3, color=\"#1a1a1a\"" : "");
    }
    dot += "    }\n";
    if (start > 0)
      dot += fmt::format("    {} -> {} [style=invis];\n", Quoted(figure.members[start - kRow]),
                         Quoted(figure.members[start]));
  }
  dot += "  }\n";

  // The pivot's institutions as one box under it, a line each: a node per institution with a line to each
  // member would double the figure's width and cross every other line.
  const std::size_t states = figure.powers.size() + figure.members.size();
  if (!figure.institutions.empty()) {
    std::vector<std::string> lines = {fmt::format("Institutions of {}", name(figure.pivot))};
    std::string tooltip;
    for (const auto& institution : figure.institutions) {
      lines.push_back(fmt::format(
          "{}: {} of the {} states{}", InstitutionLabel(institution.name), institution.members.size(), states,
          Contains(institution.members, figure.actor) ? ", " + name(figure.actor) + " too" : ""));
      tooltip += fmt::format("{}: {}\n", institution.name, text::Join(institution.members, ", "));
    }
    dot += fmt::format(
        "  {} [shape=box, style=\"rounded,filled\", fillcolor=\"#f4f1e8\", color=\"#a89f80\", "
        "label={}, tooltip={}];\n",
        Quoted(kInstitutionsNode), QuotedLines(lines), Quoted(tooltip));
    dot += fmt::format("  {} -> {} [arrowhead=none, style=dotted, color=\"#a89f80\"];\n",
                       Quoted(figure.pivot), Quoted(kInstitutionsNode));
  }

  for (const auto& tie : figure.power_ties) {
    const bool to_pivot = tie.to == figure.pivot;
    dot += fmt::format("  {} -> {} [penwidth={:.2f}, color=\"{}\"{}, tooltip={}];\n", Quoted(tie.from),
                       Quoted(tie.to), 0.5 + 5 * tie.weight / 100, style.palette.Colour(tie.from),
                       to_pivot ? fmt::format(", label=\"{:.0f}\", fontcolor=\"{}\"", tie.weight,
                                              style.palette.Colour(tie.from))
                                : "",
                       Quoted(fmt::format("dyad linkage {} -> {} in {}: {:.1f}", name(tie.from), name(tie.to),
                                          figure.year, tie.weight)));
  }
  double largest_trade = 0;
  for (const auto& tie : figure.member_ties) largest_trade = std::max(largest_trade, tie.weight);
  for (const auto& tie : figure.member_ties) {
    dot += fmt::format(
        "  {} -> {} [dir=none, constraint=false, penwidth={:.2f}, color=\"#7a8ea3\", tooltip={}];\n",
        Quoted(tie.from), Quoted(tie.to), 0.5 + 4 * tie.weight / largest_trade,
        Quoted(fmt::format("trade {} - {} in {}: {}", name(tie.from), name(tie.to), figure.year,
                           FormatUsd(tie.weight))));
  }
  dot += "}\n";
  return dot;
}

std::string RenderDotSvg(const std::string& dot) {
  // Graphviz prints warnings (a font it substitutes, say) on stderr; only errors matter here.
  agseterr(AGERR);
  const std::unique_ptr<GVC_t, int (*)(GVC_t*)> context(gvContext(), &gvFreeContext);
  if (!context) throw ToolError("Graphviz could not start (gvContext)");
  const std::unique_ptr<Agraph_t, int (*)(Agraph_t*)> graph(agmemread(dot.c_str()), &agclose);
  if (!graph) {
    const char* complaint = aglasterr();
    throw ToolError(fmt::format("Graphviz could not read the figure's DOT: {}",
                                complaint != nullptr ? complaint : "no reason given"));
  }
  if (gvLayout(context.get(), graph.get(), "dot") != 0)
    throw ToolError(
        "Graphviz could not lay out the figure (is the dot layout plugin installed? "
        "`apt-get install libgvc6`)");
  char* data = nullptr;
  unsigned int length = 0;
  const int rendered = gvRenderData(context.get(), graph.get(), "svg", &data, &length);
  gvFreeLayout(context.get(), graph.get());
  if (rendered != 0 || data == nullptr)
    throw ToolError(
        "Graphviz could not render SVG (is its core plugin installed? `apt-get install libgvc6`)");
  std::string svg(data, length);
  gvFreeRenderData(data);
  return svg;
}

}  // namespace linkage
