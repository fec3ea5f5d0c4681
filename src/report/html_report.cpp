#include "report/html_report.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "core/error.hpp"
#include "core/text.hpp"
#include "report/web_assets.hpp"

namespace linkage {

namespace {

std::string ReadWhole(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw NotFoundError(
        fmt::format("the charting library {} is missing; install it with `npm ci --prefix web` "
                    "(scripts/install-deps.sh does)",
                    path.string()));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Text placed inside a <script> element. Only "</script" ends the element early, so only that is escaped
// (as "<\/script", the same string to JavaScript and JSON); escaping every "</" would break regular
// expressions such as /</g in the libraries.
std::string ScriptSafe(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t k = 0; k < text.size(); ++k) {
    out += text[k];
    if (text[k] == '<' && k + 1 < text.size() && text[k + 1] == '/' &&
        text::Lower(text.substr(k + 2, 6)) == "script")
      out += "\\";
  }
  return out;
}

std::string TableHtml(const ReportTable& table) {
  std::string html = fmt::format("<h3>{}</h3>\n<div class=\"table\"><table>\n<tr>", Escape(table.title));
  for (const auto& column : table.table.columns) html += fmt::format("<th>{}</th>", Escape(column));
  html += "</tr>\n";
  const std::size_t shown = std::min(table.shown_rows, table.table.rows.size());
  for (std::size_t row = 0; row < shown; ++row) {
    html += "<tr>";
    for (const auto& cell : table.table.rows[row]) html += fmt::format("<td>{}</td>", Escape(CellText(cell)));
    html += "</tr>\n";
  }
  html += "</table></div>\n";
  html += fmt::format(
      "<p class=\"files\">{} of {} rows shown; all of them in <code>data/{}.csv</code> and "
      "<code>data/{}.json</code>.</p>\n",
      shown, table.table.rows.size(), Escape(table.id), Escape(table.id));
  return html;
}

constexpr const char* kStyle = R"(
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 1em 2em; color: #222; }
h1 { margin-bottom: 0.2em; } .subtitle { color: #555; margin-top: 0; }
nav a { margin-right: 1em; } section { border-top: 1px solid #ddd; margin-top: 2em; }
.chart, .figure { margin: 1em 0; } .figure svg { max-width: 100%; height: auto; } .caption { color: #555; font-size: 0.9em; }
.table { overflow-x: auto; } table { border-collapse: collapse; font-size: 0.85em; }
th, td { border: 1px solid #ddd; padding: 2px 6px; text-align: left; vertical-align: top; }
th { background: #f4f4f4; } .files { color: #555; font-size: 0.85em; }
)";

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

}  // namespace

ChartLibraries LoadChartLibraries() {
  const std::filesystem::path root = NodeModulesDir();
  return {ReadWhole(root / "vega/build/vega.min.js"), ReadWhole(root / "vega-lite/build/vega-lite.min.js"),
          ReadWhole(root / "vega-embed/build/vega-embed.min.js")};
}

std::string RenderHtml(const Report& report, const ChartLibraries& libraries) {
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += fmt::format("<title>{}</title>\n<style>{}</style>\n", Escape(report.title), kStyle);
  for (const std::string* library : {&libraries.vega, &libraries.vega_lite, &libraries.vega_embed})
    html += "<script>" + ScriptSafe(*library) + "</script>\n";
  html += "</head>\n<body>\n";
  html += fmt::format("<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n<nav>", Escape(report.title),
                      Escape(report.subtitle));
  for (const auto& section : report.sections)
    html += fmt::format("<a href=\"#{}\">{}</a>", Escape(section.id), Escape(section.title));
  html += "</nav>\n";
  nlohmann::json charts = nlohmann::json::object();
  for (const auto& section : report.sections) {
    html += fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n", Escape(section.id), Escape(section.title));
    for (const auto& paragraph : section.paragraphs) html += fmt::format("<p>{}</p>\n", Escape(paragraph));
    for (const auto& figure : section.figures) {
      html += fmt::format(
          "<figure class=\"figure\" id=\"figure-{}\"><figcaption><strong>{}</strong></figcaption>{}"
          "<p class=\"caption\">{} (<code>figures/{}.svg</code>, Graphviz source "
          "<code>figures/{}.dot</code>)</p>"
          "</figure>\n",
          Escape(figure.id), Escape(figure.title), InlineSvg(figure.svg), Escape(figure.caption),
          Escape(figure.id), Escape(figure.id));
    }
    for (const auto& chart : section.charts) {
      html += fmt::format(
          "<figure class=\"chart\"><figcaption><strong>{}</strong></figcaption><div id=\"chart-{}\"></div>"
          "<p class=\"caption\">{} (<code>figures/{}.svg</code> and <code>.png</code>; Vega-Lite "
          "specification "
          "<code>figures/{}.vl.json</code>)</p></figure>\n",
          Escape(chart.title), Escape(chart.id), Escape(chart.caption), Escape(chart.id), Escape(chart.id));
      charts[chart.id] = chart.spec;
    }
    for (const auto& table : section.tables) html += TableHtml(table);
    html += "</section>\n";
  }
  // Each chart is drawn as SVG into its element; a failure is written into the page, not only the console.
  html += "<script id=\"chart-specs\" type=\"application/json\">" + ScriptSafe(charts.dump()) + "</script>\n";
  html += R"(<script>
const specs = JSON.parse(document.getElementById('chart-specs').textContent);
// The views are kept so that figures can be exported from the same drawing (web/export-figures.mjs).
window.chartViews = {};
window.chartsDrawn = Promise.all(Object.entries(specs).map(([id, spec]) =>
  vegaEmbed('#chart-' + id, spec, {renderer: 'svg', actions: false}).then(result => {
    window.chartViews[id] = result.view;
  }).catch(error => {
    document.getElementById('chart-' + id).textContent = 'This chart could not be drawn: ' + error;
    throw error;
  })));
</script>
</body>
</html>
)";
  return html;
}

void WriteReport(const Report& report, const ChartLibraries& libraries, const std::string& folder) {
  const std::filesystem::path root(folder);
  std::filesystem::create_directories(root / "data");
  std::filesystem::create_directories(root / "figures");
  for (const auto& section : report.sections) {
    for (const auto& table : section.tables) {
      WriteTableFile(table.table, OutputFormat::kCsv, root / "data" / (table.id + ".csv"));
      WriteTableFile(table.table, OutputFormat::kJson, root / "data" / (table.id + ".json"));
    }
    for (const auto& chart : section.charts) {
      std::ofstream(root / "figures" / (chart.id + ".vl.json")) << chart.spec.dump(2) << "\n";
    }
    for (const auto& figure : section.figures) {
      std::ofstream(root / "figures" / (figure.id + ".svg")) << figure.svg;
      std::ofstream(root / "figures" / (figure.id + ".dot")) << figure.dot;
    }
  }
  const std::string page = RenderHtml(report, libraries);
  std::ofstream out(root / "report.html", std::ios::binary);
  out << page;
  if (!out) throw Error(ExitCode::kInput, fmt::format("cannot write {}", (root / "report.html").string()));
}

}  // namespace linkage
