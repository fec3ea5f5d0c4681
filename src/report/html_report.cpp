#include "report/html_report.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "core/error.hpp"
#include "report/html_escape.hpp"
#include "report/number_format.hpp"
#include "report/table_html.hpp"
#include "report/web_assets.hpp"

namespace linkage {

namespace {

std::string ReadWhole(const std::filesystem::path& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw NotFoundError(
        fmt::format("{} {} is missing; install it with `npm ci --prefix web` "
                    "(scripts/install-deps.sh does), or set LINKAGE_WEB_DIR to the web folder",
                    what, path.string()));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// An SVG document placed in the page: the XML declaration and DOCTYPE Graphviz writes before <svg> are not
// allowed inside HTML, so the element starts at <svg.
std::string InlineSvg(const std::string& svg) {
  const auto start = svg.find("<svg");
  return start == std::string::npos ? std::string() : svg.substr(start);
}

// Writes a table in a format to a file.
void WriteTableFile(const ResultTable& table, OutputFormat format, const std::filesystem::path& path) {
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> out(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (!out) throw Error(ExitCode::kInput, fmt::format("cannot write {}", path.string()));
  WriteResult(table, format, out.get());
}

std::string SaveButtons(const std::string& attribute, const std::string& id, const std::string& title) {
  return fmt::format(
      "<div class=\"save\"><button type=\"button\" data-save=\"svg\" {0}=\"{1}\" aria-label=\"Save {2} as "
      "SVG\">"
      "SVG</button><button type=\"button\" data-save=\"png\" {0}=\"{1}\" aria-label=\"Save {2} as "
      "PNG\">PNG</button>"
      "</div>",
      attribute, EscapeHtml(id), EscapeHtml(title));
}

std::string ChartHtml(const ReportChart& chart) {
  return fmt::format(
      "<figure class=\"chart\"><div class=\"chart-body\" id=\"chart-{0}\" role=\"img\" "
      "aria-label=\"{1}\"></div>"
      "<figcaption>{2} <span class=\"files\">(figures/{0}.svg, .png; Vega-Lite specification "
      "figures/{0}.vl.json)</span></figcaption>{3}</figure>\n",
      EscapeHtml(chart.id), EscapeHtml(chart.title), EscapeHtml(chart.caption),
      SaveButtons("data-chart", chart.id, chart.title));
}

std::string FigureHtml(const ReportFigure& figure) {
  return fmt::format(
      "<figure class=\"figure\" id=\"figure-{0}\"><div class=\"figure-body\" role=\"img\" "
      "aria-label=\"{1}\">{2}"
      "</div><figcaption><span class=\"title\">{1}</span>{3} <span class=\"files\">(figures/{0}.svg, "
      "Graphviz "
      "source figures/{0}.dot)</span></figcaption>{4}</figure>\n",
      EscapeHtml(figure.id), EscapeHtml(figure.title), InlineSvg(figure.svg), EscapeHtml(figure.caption),
      SaveButtons("data-figure", figure.id, figure.title));
}

std::string TableBlockHtml(const ReportTable& table) {
  const std::size_t total = table.table.rows.size();
  const std::size_t shown = std::min(table.shown_rows, total);
  const std::string rows = FormatQuantity(static_cast<double>(total));
  const std::string count = shown == total ? fmt::format("{} rows", rows)
                            : shown == 0   ? fmt::format("{} rows, in the files only", rows)
                                           : fmt::format("{} of {} rows, latest first", shown, rows);
  std::string html = fmt::format(
      "<details class=\"table-block\" id=\"table-{}\"{}><summary>{} <span "
      "class=\"count\">({})</span></summary>\n",
      EscapeHtml(table.id), table.open ? " open" : "", EscapeHtml(table.title), count);
  if (shown > 0) {
    html += fmt::format("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">",
                        EscapeHtml(table.title));
    html += TableHtml(table.table, table.title, shown);
    html += "</div>\n";
  }
  html += fmt::format(
      "<p class=\"files\">Every row, with every digit: <a href=\"data/{0}.csv\">data/{0}.csv</a> and "
      "<a href=\"data/{0}.json\">data/{0}.json</a>. Click a column's name to sort.</p></details>\n",
      EscapeHtml(table.id));
  return html;
}

std::string SummaryHtml(const Report& report) {
  std::string html;
  if (!report.headlines.empty()) {
    html += "<ol class=\"headlines\">\n";
    for (const auto& headline : report.headlines) {
      html += fmt::format(
          "<li><p>{}</p><details><summary>The statistics behind it</summary><p "
          "class=\"detail\">{}</p></details>"
          "</li>\n",
          EscapeHtml(headline.text), EscapeHtml(headline.detail));
    }
    html += "</ol>\n";
  }
  html += "<div class=\"key-charts\">\n";
  for (const auto& chart : report.key_charts) html += ChartHtml(chart);
  html += "</div>\n";
  if (!report.findings.empty()) {
    html += fmt::format(
        "<details class=\"all-findings\"><summary>Every test of the dyad in words ({})</summary><ul>",
        report.findings.size());
    for (const auto& finding : report.findings) html += fmt::format("<li>{}</li>", EscapeHtml(finding));
    html += "</ul></details>\n";
  }
  return html;
}

}  // namespace

ChartLibraries LoadChartLibraries() {
  const std::filesystem::path root = NodeModulesDir();
  const std::string what = "the charting library";
  return {ReadWhole(root / "vega/build/vega.min.js", what),
          ReadWhole(root / "vega-lite/build/vega-lite.min.js", what),
          ReadWhole(root / "vega-embed/build/vega-embed.min.js", what)};
}

ReportPageAssets LoadReportPageAssets() {
  const std::filesystem::path root = WebDir() / "report";
  return {ReadWhole(root / "report.css", "the report's style"),
          ReadWhole(root / "report.js", "the report's script")};
}

std::string RenderHtml(const Report& report, const ChartLibraries& libraries, const ReportPageAssets& page) {
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  html += fmt::format("<title>{}</title>\n<style>{}</style>\n", EscapeHtml(report.title), page.style);
  for (const std::string* library : {&libraries.vega, &libraries.vega_lite, &libraries.vega_embed})
    html += "<script>" + ScriptSafe(*library) + "</script>\n";
  html += "</head>\n<body>\n";
  html += fmt::format(
      "<header class=\"masthead\"><p class=\"kicker\">Linkage report</p><h1>{}</h1><p "
      "class=\"subtitle\">{}</p>"
      "</header>\n<nav class=\"sections\" aria-label=\"Sections\">",
      EscapeHtml(report.title), EscapeHtml(report.subtitle));
  for (const auto& section : report.sections)
    html += fmt::format("<a href=\"#{}\">{}</a>", EscapeHtml(section.id), EscapeHtml(section.title));
  html += "</nav>\n<main>\n";
  nlohmann::json charts = nlohmann::json::object();
  for (const auto& chart : report.key_charts) charts[chart.id] = chart.spec;
  for (const auto& section : report.sections) {
    html +=
        fmt::format("<section id=\"{0}\" aria-labelledby=\"heading-{0}\">\n<h2 id=\"heading-{0}\">{1}</h2>\n",
                    EscapeHtml(section.id), EscapeHtml(section.title));
    if (section.id == "summary") html += SummaryHtml(report);
    for (const auto& paragraph : section.paragraphs)
      html += fmt::format("<p>{}</p>\n", EscapeHtml(paragraph));
    for (const auto& figure : section.figures) html += FigureHtml(figure);
    for (const auto& chart : section.charts) {
      html += ChartHtml(chart);
      charts[chart.id] = chart.spec;
    }
    for (const auto& table : section.tables) html += TableBlockHtml(table);
    html += "</section>\n";
  }
  html += fmt::format("</main>\n<footer>{}</footer>\n", EscapeHtml(report.subtitle));
  nlohmann::json actors = nlohmann::json::array();
  for (const auto& actor : report.actors)
    actors.push_back({{"id", actor.id}, {"name", actor.name}, {"colour", actor.colour}});
  // The actors' names and colours, for whoever reads the page's charts (the browser tests check them).
  html +=
      "<script id=\"report-actors\" type=\"application/json\">" + ScriptSafe(actors.dump()) + "</script>\n";
  html += "<script id=\"chart-specs\" type=\"application/json\">" + ScriptSafe(charts.dump()) + "</script>\n";
  html += "<script>" + ScriptSafe(page.script) + "</script>\n</body>\n</html>\n";
  return html;
}

void WriteReport(const Report& report, const ChartLibraries& libraries, const ReportPageAssets& page,
                 const std::string& folder) {
  const std::filesystem::path root(folder);
  std::filesystem::create_directories(root / "data");
  std::filesystem::create_directories(root / "figures");
  const auto write_chart = [&](const ReportChart& chart) {
    std::ofstream(root / "figures" / (chart.id + ".vl.json")) << chart.spec.dump(2) << "\n";
  };
  for (const auto& chart : report.key_charts) write_chart(chart);
  for (const auto& section : report.sections) {
    for (const auto& table : section.tables) {
      WriteTableFile(table.table, OutputFormat::kCsv, root / "data" / (table.id + ".csv"));
      WriteTableFile(table.table, OutputFormat::kJson, root / "data" / (table.id + ".json"));
    }
    for (const auto& chart : section.charts) write_chart(chart);
    for (const auto& figure : section.figures) {
      std::ofstream(root / "figures" / (figure.id + ".svg")) << figure.svg;
      std::ofstream(root / "figures" / (figure.id + ".dot")) << figure.dot;
    }
  }
  const std::string html = RenderHtml(report, libraries, page);
  std::ofstream out(root / "report.html", std::ios::binary);
  out << html;
  if (!out) throw Error(ExitCode::kInput, fmt::format("cannot write {}", (root / "report.html").string()));
}

}  // namespace linkage
