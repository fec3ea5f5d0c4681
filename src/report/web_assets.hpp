// report/web_assets.hpp
// Where the front-end files live: the npm packages installed from web/package-lock.json and the scripts
// beside them that draw and export charts in a browser.
#pragma once

#include <filesystem>

namespace linkage {

//! The npm packages: $LINKAGE_WEB_DIR, else the build's web/node_modules.
std::filesystem::path NodeModulesDir();

//! The folder holding node_modules and Linkage's browser scripts (web/).
std::filesystem::path WebDir();

}  // namespace linkage
