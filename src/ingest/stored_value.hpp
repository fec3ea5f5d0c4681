// ingest/stored_value.hpp
// What a writer does when the key of a value it reads is taken: the same value again is a duplicate, another
// one is refused with the place of both.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "ingest/import_context.hpp"
#include "store/database.hpp"

namespace linkage {

//! A value stored under a key, and the file and line it was read from.
struct StoredValue {
  std::optional<double> value;
  std::int64_t source_id = 0;
  std::int64_t line = 0;
};

//! Counts a duplicate when `stored` agrees with `given` (SameStoredValue with `absolute`); otherwise throws
//! InputError at `where`: "`subject` is GIVEN here but STORED in <the stored value's file and line>",
//! expecting `expected`.
void CompareWithStored(ImportContext& context, const StoredValue& stored, const std::optional<double>& given,
                       const std::string& subject, const SourceLocation& where, const std::string& expected,
                       double absolute = 1e-12);

//! Steps `existing` (bound to the taken key; its columns the stored value, source id and source line) and
//! resets it. Counts a duplicate when the stored value agrees with `given` (SameStoredValue with `absolute`);
//! otherwise throws InputError at `where`: "`subject` is GIVEN here but STORED in <the stored value's file
//! and line>", expecting `expected`. Does nothing when no row is found.
void CompareWithStored(ImportContext& context, Statement& existing, const std::optional<double>& given,
                       const std::string& subject, const SourceLocation& where, const std::string& expected,
                       double absolute = 1e-12);

}  // namespace linkage
