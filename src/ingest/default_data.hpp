// ingest/default_data.hpp
// Builds a workspace from the project's embedded data (data/manifest.json), atomically.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ingest/import_context.hpp"

namespace linkage {

//! Where to build and from what.
struct BuildRequest {
  std::string workspace;          //!< the file to create or replace
  std::string data_dir;           //!< the embedded data folder
  std::string iso_codes_dir;      //!< Debian iso-codes JSON folder
  bool with_default_data = true;  //!< false: actors, institutions and regions only
  //! Whether the trade-flow files load into a file of their own on a second core (ingest/flow_lane.hpp);
  //! false: every file in one, in the manifest's order. Both build the same workspace.
  bool flow_lane = true;
};

//! How far a build has got: the step about to start and the bytes of the source files already imported.
struct BuildProgress {
  std::string step;
  std::uint64_t bytes_done = 0;
  std::uint64_t bytes_total = 0;  //!< of every file the build imports
};

//! Builds the workspace in a temporary file beside the target and renames it into place only when every
//! import succeeded, so a failure leaves an existing workspace untouched. `progress` is told as each step
//! starts, and once more at the end.
std::vector<ImportSummary> BuildWorkspace(const BuildRequest& request,
                                          const std::function<void(const BuildProgress&)>& progress);

}  // namespace linkage
