// model/gravity_formula.hpp
// What the expressions of a gravity formula and of a row filter mean on a panel (docs/methods.md,
// "Formulas"): the terms of the right-hand side as fixest expands them (a*b is a + b + a:b), each term's
// columns (log(dist), I(dist^2), year::2005 from i(year), rta:post), and the rows a --where filter keeps.
#pragma once

#include <string>
#include <vector>

#include "model/gravity_frame.hpp"
#include "model/table_expression.hpp"

namespace linkage {

//! The terms of a formula's right-hand side written back as text, in fixest's order and each once: '+'
//! separates terms, a:b interacts them, a*b is a + b + a:b. UsageError at the position in `formula` of an
//! operator that cannot join terms ('-', '/', '^', comparisons: write them inside I()) or of a call that is
//! not log, exp, sqrt, abs, I or i.
std::vector<std::string> ExpandTerms(const TableExpression& rhs, const std::string& formula);

//! Checks an arithmetic expression (an outcome, a --where filter): only log, exp, sqrt, abs and I calls,
//! no i() and no ':'. UsageError naming `what`, `source` and the position.
void CheckArithmetic(const TableExpression& expression, const std::string& what, const std::string& source);

//! The columns a term (or an outcome) reads: `numeric` in arithmetic, `factors` as the first argument of i()
//! or compared with something (a column of labels may be compared with a string).
struct TermColumns {
  std::vector<std::string> numeric;  //!< read as numbers
  std::vector<std::string> factors;  //!< read as text that may be missing (labels, or numbers)
};

//! The columns of the terms (texts as ExpandTerms writes them); a name that is a column is that column.
TermColumns ColumnsOfTerms(const std::vector<std::string>& terms);

//! The regressor columns one term makes, with fixest's names: one for a numeric term, one per kept level
//! for i() (year::2005, year::2005:rta for i(year, rta)), their products for ':'.
struct TermValues {
  std::vector<std::string> names;           //!< one per column
  std::vector<std::vector<double>> values;  //!< each with the frame's rows, NaN where missing
};

//! Evaluates a term on `frame`. A term that is the name of a numeric column is that column. i(f) drops the
//! first level (numbers sorted as numbers) or the one `ref =` names; i(f, x) keeps every level unless `ref =`
//! names one. UsageError for arithmetic on a text column or a reference that is not a level.
TermValues EvaluateTerm(const GravityFrame& frame, const std::string& term);

//! An expression's value on every row of `frame`: numbers, comparisons and logic as 1 or 0, NaN where a
//! value it reads is missing (or log of a non-positive number, or a result that is not finite).
std::vector<double> EvaluateRows(const GravityFrame& frame, const TableExpression& expression,
                                 const std::string& what, const std::string& source);

//! Parses and checks a --where filter: comparisons (== != < <= > >=), arithmetic (+ - * / % ^), and / or /
//! not (&& || !), parentheses, numbers, quoted strings, columns, log/exp/sqrt/abs.
TableExpression ParseWhere(const std::string& where);

//! Keeps the rows of `frame` where `where` is true; a row where it reads a missing value is dropped. Sets
//! `rows_before_filter` and `filter`.
void FilterFrame(GravityFrame& frame, const std::string& where);

}  // namespace linkage
