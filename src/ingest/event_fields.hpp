// ingest/event_fields.hpp
// The fields every event and timeline reader checks the same way: dates and dimensions.
#pragma once

#include <string>

#include "core/csv_reader.hpp"

namespace linkage {

//! Field `column` as a date as precise as the source (YYYY, YYYY-MM or YYYY-MM-DD); InputError otherwise.
std::string ReadPartialDate(const CsvReader& reader, const CsvRecord& record, std::size_t column);
//! Field `column` as a full date (YYYY-MM-DD); InputError otherwise.
std::string ReadFullDate(const CsvReader& reader, const CsvRecord& record, std::size_t column);
//! Field `column` as economic, security or political; InputError otherwise.
std::string ReadDimension(const CsvReader& reader, const CsvRecord& record, std::size_t column);

}  // namespace linkage
