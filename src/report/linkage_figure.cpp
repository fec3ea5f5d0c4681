#include "report/linkage_figure.hpp"

#include <fmt/format.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <memory>

#include "core/error.hpp"
#include "registry/institutions.hpp"

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
std::string ShortName(const std::string& name) {
  const auto bracket = name.find(" (");
  return bracket == std::string::npos ? name : name.substr(0, bracket);
}

std::string InstitutionNode(const std::string& name) {
  return "org:" + name;
}

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
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

std::string LinkageDot(const LinkageFigure& figure) {
  std::string dot = "digraph linkage {\n";
  dot += fmt::format(
      "  graph [rankdir=TB, newrank=true, fontname=\"DejaVu Sans\", fontsize=12, labelloc=t, label={}];\n",
      Quoted(fmt::format("Linkage of {} with {}{} in {}", figure.actor, figure.pivot,
                         figure.region.empty() ? "" : " and " + figure.region, figure.year)));
  dot +=
      "  node [fontname=\"DejaVu Sans\", fontsize=10, shape=box, style=\"rounded,filled\", "
      "fillcolor=\"#ffffff\"];\n";
  dot += "  edge [fontname=\"DejaVu Sans\", fontsize=9];\n";

  dot +=
      "  subgraph cluster_system {\n    label=\"System: outside powers\"; style=rounded; "
      "color=\"#bbbbbb\";\n";
  for (const auto& power : figure.powers) {
    std::string label = power;
    for (const auto& [id, score] : figure.region_linkage) {
      if (id == power) label += fmt::format("\nwith {}: {:.0f}", figure.region, score);
    }
    dot += fmt::format("    {} [label={}, fillcolor={}{}];\n", Quoted(power), Quoted(label),
                       power == figure.actor ? "\"#fdd0a2\"" : "\"#f0f0f0\"",
                       power == figure.actor ? ", penwidth=2" : "");
  }
  dot += "  }\n";

  dot += fmt::format("  subgraph cluster_region {{\n    label={}; style=rounded; color=\"#bbbbbb\";\n",
                     Quoted(figure.region.empty() ? "Pivot state" : "Region: " + figure.region));
  for (const auto& member : figure.members) {
    dot += fmt::format("    {} [fillcolor={}{}];\n", Quoted(member),
                       member == figure.pivot ? "\"#9ecae1\"" : "\"#deebf7\"",
                       member == figure.pivot ? ", penwidth=2" : "");
  }
  dot += "  }\n";

  if (!figure.institutions.empty()) {
    dot +=
        "  subgraph cluster_institutions {\n    label=\"Institutions\"; style=rounded; color=\"#bbbbbb\";\n";
    for (const auto& institution : figure.institutions) {
      dot += fmt::format("    {} [label={}, tooltip={}, shape=ellipse, fillcolor=\"#e5f5e0\"];\n",
                         Quoted(InstitutionNode(institution.name)), Quoted(ShortName(institution.name)),
                         Quoted(institution.name));
    }
    dot += "  }\n";
  }

  for (const auto& tie : figure.power_ties) {
    const bool core = tie.from == figure.actor && tie.to == figure.pivot;
    const bool to_pivot = tie.to == figure.pivot;
    dot += fmt::format("  {} -> {} [penwidth={:.2f}, color={}{}, tooltip={}];\n", Quoted(tie.from),
                       Quoted(tie.to), 0.5 + 5 * tie.weight / 100, core ? "\"#d94801\"" : "\"#969696\"",
                       to_pivot ? fmt::format(", label=\"{:.0f}\"", tie.weight) : "",
                       Quoted(fmt::format("dyad linkage {} -> {} in {}: {:.1f}", tie.from, tie.to,
                                          figure.year, tie.weight)));
  }
  double largest_trade = 0;
  for (const auto& tie : figure.member_ties) largest_trade = std::max(largest_trade, tie.weight);
  for (const auto& tie : figure.member_ties) {
    dot += fmt::format(
        "  {} -> {} [dir=none, constraint=false, penwidth={:.2f}, color=\"#4292c6\", tooltip={}];\n",
        Quoted(tie.from), Quoted(tie.to), 0.5 + 4 * tie.weight / largest_trade,
        Quoted(fmt::format("trade {} - {} in {}: {:.0f} USD", tie.from, tie.to, figure.year, tie.weight)));
  }
  for (const auto& institution : figure.institutions) {
    for (const auto& member : institution.members) {
      dot += fmt::format("  {} -> {} [arrowhead=none, style=dotted, color=\"#74c476\"];\n", Quoted(member),
                         Quoted(InstitutionNode(institution.name)));
    }
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
