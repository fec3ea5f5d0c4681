// core/install_paths.hpp
// Where an installed linkage finds what it ships beside it: PREFIX/bin/linkage reads PREFIX/share/linkage,
// wherever the prefix is, so an installed tool needs neither its source tree nor an environment variable.
#pragma once

#include <filesystem>
#include <string>

namespace linkage {

//! `relative` under PREFIX/share/linkage when the running binary is PREFIX/bin/linkage and that folder
//! exists; empty otherwise (a binary in the build tree, which uses the source tree's folders).
std::filesystem::path InstalledShareDir(const std::string& relative);

//! The folder to use: the environment variable `variable` when set, else the installed folder `relative`,
//! else `built_in` (the source tree's folder the binary was built from).
std::string ResolveDataFolder(const char* variable, const std::string& relative, const char* built_in);

}  // namespace linkage
