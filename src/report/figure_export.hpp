// report/figure_export.hpp
// Static SVG and PNG files of a report's charts, and the report as a PDF, for papers: the report page is
// drawn in headless Chromium, each chart's view is exported and the page printed (web/export-figures.mjs, run
// with Node.js).
#pragma once

#include <sys/types.h>

#include <string>

namespace linkage {

//! The exporter, started before the report is computed so that Node.js and Chromium start meanwhile (about
//! a second); it draws the page only when Draw() says the page is written. Without Draw() (the report
//! failed) the exporter is told to stop and is waited for, and nothing is drawn.
class FigureExport {
 public:
  //! Starts `node export-figures.mjs folder --wait` (with --no-figures unless `figures`, --pdf when `pdf`).
  FigureExport(const std::string& folder, bool figures, bool pdf);
  ~FigureExport();
  FigureExport(const FigureExport&) = delete;
  FigureExport& operator=(const FigureExport&) = delete;

  //! Lets the exporter draw report.html in the folder and waits for it: figures/<chart>.svg and .png when
  //! `figures`, report.pdf when `pdf`. ToolError saying what to install when Node.js or Chromium is missing,
  //! or quoting the exporter's exit status when it fails.
  void Draw();

 private:
  // Closes the exporter's standard input, after "draw" when `go`, and waits for it; its wait status, or -1
  // when it could not be waited for (errno says why).
  int Finish(bool go);

  pid_t child_ = 0;
  int to_child_ = -1;  // the write end of the exporter's standard input
  int spawn_error_ = 0;
};

}  // namespace linkage
