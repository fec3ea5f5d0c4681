// ingest/date_fields.hpp
// Dates in the tables of facts (membership spells, agreements in force): ISO dates as precise as the source,
// checked once for every reader that stores them.
#pragma once

#include <optional>
#include <string>

#include "core/csv_reader.hpp"

namespace linkage {

//! The field as an ISO date as precise as the source (YYYY, YYYY-MM or YYYY-MM-DD), nullopt when empty;
//! InputError at the field otherwise.
std::optional<std::string> OptionalIsoDate(const CsvReader& reader, const CsvRecord& record,
                                           std::size_t column);

}  // namespace linkage
