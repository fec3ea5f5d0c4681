// report/figure_export.hpp
// Static SVG and PNG files of a report's charts, and the report as a PDF, for papers: the report page is
// drawn in headless Chromium, each chart's view is exported and the page printed (web/export-figures.mjs, run
// with Node.js).
#pragma once

#include <string>

namespace linkage {

//! Writes figures/<chart>.svg and .png beside report.html in `folder` when `figures`, and report.pdf when
//! `pdf`; ToolError saying what to install when Node.js or Chromium is missing, or quoting the exporter's
//! exit status when it fails.
void ExportStaticFigures(const std::string& folder, bool figures, bool pdf);

}  // namespace linkage
