// report/web_assets.hpp
// Where the front-end files live: the npm packages installed from web/package-lock.json and the scripts
// beside them that draw and export charts in a browser.
#pragma once

#include <filesystem>

namespace linkage {

//! The front-end folder (the dashboard page, the browser scripts, node_modules): $LINKAGE_WEB_DIR, else
//! PREFIX/share/linkage/web beside an installed binary, else the source tree's web/.
std::filesystem::path WebDir();

//! The npm packages installed from web/package-lock.json: WebDir()/node_modules.
std::filesystem::path NodeModulesDir();

}  // namespace linkage
