// store/workspace.hpp
// Where the workspace file and the embedded data live, and opening a workspace at the current schema.
#pragma once

#include <memory>
#include <string>

#include "store/database.hpp"

namespace linkage {

//! $LINKAGE_WORKSPACE, else "linkage.db" in the working directory.
std::string DefaultWorkspacePath();
//! $LINKAGE_DATA_DIR, else PREFIX/share/linkage/data beside an installed binary, else the data/ folder of the
//! source tree this binary was built from.
std::string DefaultDataDir();
//! $LINKAGE_ISO_CODES_DIR, else Debian's iso-codes JSON folder found at build time.
std::string DefaultIsoCodesDir();

//! Opens an existing workspace and migrates it to the current schema; StoreError when it does not exist.
std::unique_ptr<Database> OpenWorkspace(const std::string& path);
//! Creates an empty workspace file at `path` (which must not exist) with the current schema.
std::unique_ptr<Database> CreateWorkspace(const std::string& path);

}  // namespace linkage
