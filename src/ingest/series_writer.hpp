// ingest/series_writer.hpp
// Stores actor-year series values and their catalogue entry.
#pragma once

#include <optional>
#include <string>

#include "core/error.hpp"
#include "ingest/import_context.hpp"
#include "ingest/value_ids.hpp"

namespace linkage {

//! Inserts series values for one import; a value contradicting a stored one is an InputError.
class SeriesWriter {
 public:
  explicit SeriesWriter(ImportContext& context);
  //! Records the indicator's name and unit (first writer wins).
  void Describe(const std::string& code, const std::string& name, const std::string& unit);
  //! Stores one value; nullopt is stored as missing.
  void Write(const std::string& code, const std::string& actor, int year, std::optional<double> value,
             const std::string& unit, bool estimated, std::int64_t line, const std::string& transform,
             const SourceLocation& where);

 private:
  ImportContext& context_;
  ValueIds ids_;
  Statement insert_;
  Statement existing_;
  Statement describe_;
};

}  // namespace linkage
