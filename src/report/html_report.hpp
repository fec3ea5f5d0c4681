// report/html_report.hpp
// A report as one self-contained HTML page: sections of plain text, tables and Vega-Lite charts, with the
// charting libraries, styles and chart data inlined so it opens from disk with no network.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "report/output.hpp"

namespace linkage {

//! A chart: a Vega-Lite specification with its data inline.
struct ReportChart {
  std::string id;  //!< also the file name of its specification under figures/
  std::string title;
  nlohmann::json spec;
  std::string caption;
};

//! A figure drawn outside the browser (the linkage figure, by Graphviz): its SVG is inlined, and written with
//! its DOT source under figures/.
struct ReportFigure {
  std::string id;  //!< the file name under figures/ (id.svg, id.dot)
  std::string title;
  std::string svg;
  std::string dot;
  std::string caption;
};

//! A table shown in the page (its first rows) and written whole under data/.
struct ReportTable {
  std::string id;  //!< the file name under data/ (id.csv, id.json)
  std::string title;
  ResultTable table;
  std::size_t shown_rows = 25;  //!< rows shown in the page; the files hold all of them
};

//! One section of the report.
struct ReportSection {
  std::string id;
  std::string title;
  std::vector<std::string> paragraphs;  //!< plain text, escaped when written
  std::vector<ReportFigure> figures;
  std::vector<ReportChart> charts;
  std::vector<ReportTable> tables;
};

//! The whole report.
struct Report {
  std::string title;
  std::string subtitle;
  std::vector<ReportSection> sections;
};

//! The minified scripts of Vega, Vega-Lite and vega-embed.
struct ChartLibraries {
  std::string vega;
  std::string vega_lite;
  std::string vega_embed;
};

//! Reads the charting libraries from NodeModulesDir() (web/node_modules); NotFoundError saying
//! to run `npm ci --prefix web` when they are missing.
ChartLibraries LoadChartLibraries();

//! The page, with every script, style and chart inlined.
std::string RenderHtml(const Report& report, const ChartLibraries& libraries);

//! Writes report.html, data/<table>.csv and .json, figures/<chart>.vl.json and figures/<figure>.svg and .dot
//! under `folder`.
void WriteReport(const Report& report, const ChartLibraries& libraries, const std::string& folder);

}  // namespace linkage
