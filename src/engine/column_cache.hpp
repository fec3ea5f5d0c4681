// engine/column_cache.hpp
// An on-disk copy of a parsed file's columns, so that a second sweep of the same file skips the parse. The
// format (docs/formats.md, "Column cache") is versioned and checksummed: a cache is used only when its
// version, its checksums and the source file's size, modification time and first and last 64 KiB all match;
// anything else (a changed source, a damaged or truncated cache, an older format) is rebuilt, never trusted.
#pragma once

#include <functional>
#include <string>

#include "engine/flow_columns.hpp"

namespace linkage::engine {

//! The cache folder: $LINKAGE_CACHE_DIR, else $XDG_CACHE_HOME/linkage, else ~/.cache/linkage.
std::string DefaultCacheDir();

//! What LoadOrParse did.
struct CacheOutcome {
  bool hit = false;    //!< the columns came from the cache
  std::string reason;  //!< why the cache was (re)built, when it was not used
  std::string path;    //!< the cache file
};

//! The columns of `source`: from its cache in `cache_dir` when that is valid, otherwise from `parse`, after
//! which the cache is written (atomically: to a temporary file, then renamed).
FlowColumns LoadOrParse(const std::string& source, const std::string& cache_dir,
                        const std::function<FlowColumns()>& parse, CacheOutcome& outcome);

}  // namespace linkage::engine
