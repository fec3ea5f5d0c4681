// audit/evaluator_state.hpp
// Internals shared by the evaluator's files: the per-evaluation state and the missing-data signal.
#pragma once

#include <map>
#include <string>

#include "audit/evaluator.hpp"
#include "core/error.hpp"

namespace linkage {

//! Thrown inside an evaluation when the workspace lacks a value; Evaluate() turns it into
//! Evaluation::missing.
struct MissingData {
  std::string what;
};

//! One evaluation's inputs and what it has found so far.
struct Evaluator::State {
  const Reading& reading;
  const std::map<std::string, std::string>& row;
  int default_year;
  std::string file;
  std::size_t line;
  Evaluation result;

  //! An error in the expression itself (not in the data).
  [[noreturn]] void Fail(const std::string& problem) const {
    throw InputError({file, line, 0, "expression"}, problem, "the functions described in docs/claims.md");
  }
};

}  // namespace linkage
