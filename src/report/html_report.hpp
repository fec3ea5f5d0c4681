// report/html_report.hpp
// A report as one self-contained HTML page: a first screen with the headline findings and the key charts,
// then sections of text, figures, charts and tables, with the charting libraries, styles and chart data
// inlined so it opens from disk with no network, and a print style that paginates it as a PDF.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "report/headlines.hpp"
#include "report/output.hpp"

namespace linkage {

//! A chart: a Vega-Lite specification with its data inline (its title, subtitle and source are in it).
struct ReportChart {
  std::string id;     //!< also the file name of its specification under figures/
  std::string title;  //!< what a screen reader announces for it
  nlohmann::json spec;
  std::string caption;  //!< how to read it, under the chart
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

//! A table shown in the page (its first rows in reader order) and written whole under data/.
struct ReportTable {
  std::string id;  //!< the file name under data/ (id.csv, id.json)
  std::string title;
  ResultTable table;
  std::size_t shown_rows = 25;  //!< rows shown in the page; the files hold all of them
  bool open = false;            //!< shown unfolded; the others are one click away
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

//! An actor as the page names and colours it (the same colour in every chart and the figure).
struct ReportActor {
  std::string id;
  std::string name;
  std::string colour;
};

//! The whole report.
struct Report {
  std::string title;
  std::string subtitle;
  std::vector<Headline> headlines;      //!< the first screen's findings
  std::vector<ReportChart> key_charts;  //!< drawn beside the findings, before any table
  std::vector<std::string> findings;    //!< every test in words, one click away under the headlines
  std::vector<ReportSection> sections;
  std::vector<ReportActor> actors;
};

//! The minified scripts of Vega, Vega-Lite and vega-embed.
struct ChartLibraries {
  std::string vega;
  std::string vega_lite;
  std::string vega_embed;
};

//! The report page's own style and script (web/report/report.css and report.js).
struct ReportPageAssets {
  std::string style;
  std::string script;
};

//! Reads the charting libraries from NodeModulesDir() (web/node_modules); NotFoundError saying
//! to run `npm ci --prefix web` when they are missing.
ChartLibraries LoadChartLibraries();

//! Reads the page's style and script from WebDir()/report; NotFoundError when they are missing.
ReportPageAssets LoadReportPageAssets();

//! The page, with every script, style and chart inlined.
std::string RenderHtml(const Report& report, const ChartLibraries& libraries, const ReportPageAssets& page);

//! Writes report.html, data/<table>.csv and .json, figures/<chart>.vl.json and figures/<figure>.svg and .dot
//! under `folder`.
void WriteReport(const Report& report, const ChartLibraries& libraries, const ReportPageAssets& page,
                 const std::string& folder);

}  // namespace linkage
