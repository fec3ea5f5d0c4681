// model/table_expression.hpp
// The one expression language over a table's columns, shared by the gravity formula (`log(gdp_o * gdp_d)`,
// `I(dist^2)`, `i(year, ref = 2000)`, `rta:post`) and the row filter (`year % 4 == 2 and exporter !=
// importer`): numbers, quoted strings, column names, calls with positional and named arguments, arithmetic,
// R's interaction ':', comparisons and logic. This file is syntax only; gravity_formula.hpp gives it meaning.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace linkage {

//! A node of a parsed expression.
struct TableExpression {
  enum class Kind {
    kNumber,  //!< a literal number (`text` keeps its spelling)
    kString,  //!< a quoted string (`text` without the quotes)
    kName,    //!< a column name
    kCall,    //!< text(children...), named arguments carry their name in `label`
    kUnary,   //!< `text` is "-", "+" or "not", one child
    kBinary   //!< `text` is the operator (+ - * / % ^ : == != < <= > >= and or), two children
  };
  Kind kind = Kind::kNumber;  //!< what the node is
  double number = 0;          //!< the value of a number
  std::string text;           //!< a number's spelling, a string, a name, a function or an operator
  std::string label;          //!< the name of a named call argument (`ref` in ref = 2000)
  std::size_t position = 0;   //!< 0-based offset in the source, for messages
  std::vector<TableExpression> children;  //!< operands or call arguments

  //! The expression written back as fixest names coefficients: `log(gdp_o * gdp_d)`, `I(dist^2)`.
  std::string ToString() const;
};

//! Parses one expression of `source` from offset `at`, leaving `at` at the first character it could not
//! continue with (a '~', a '|' or the end), so a formula can parse its parts in turn. UsageError naming
//! `what` (e.g. "--spec"), the source, the 1-based character position and what was expected.
TableExpression ParseTableExpression(const std::string& source, std::size_t& at, const std::string& what);

//! Parses the whole of `source` as one expression; UsageError as above, also for text after it.
TableExpression ParseTableExpression(const std::string& source, const std::string& what);

//! UsageError pointing at `node` in `source`: "what 'source': problem at character N".
[[noreturn]] void FailAt(const std::string& what, const std::string& source, std::size_t position,
                         const std::string& problem);

//! The column names an expression reads, in order of first use, each once.
std::vector<std::string> ExpressionNames(const TableExpression& expression);

}  // namespace linkage
