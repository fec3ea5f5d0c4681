// audit/applicability.hpp
// Which alternative readings could change an expression at all, so that the auditor does not evaluate (or
// report) readings that cannot make a difference.
#pragma once

#include <set>

#include "audit/expression.hpp"
#include "audit/reading.hpp"

namespace linkage {

//! The modifications that may change the value of `expression`.
std::set<Modification> RelevantModifications(const Expression& expression);
//! True when every modification of `reading` is in `relevant`.
bool CouldApply(const Reading& reading, const std::set<Modification>& relevant);

}  // namespace linkage
