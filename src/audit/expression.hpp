// audit/expression.hpp
// The claim expression language (docs/claims.md): arithmetic over calls such as
// share(exports, KAZ, CHN, 2019) or mean(NY.GDP.MKTP.KD.ZG, KAZ, 2000..2013).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace linkage {

//! A node of a parsed expression.
struct Expression {
  enum class Kind {
    kNumber,     //!< a literal number
    kWord,       //!< a bare word: an actor, a direction, a series code
    kYear,       //!< a year literal in a year position
    kYearRange,  //!< first..last
    kUnstated,   //!< '?': the claim does not state the year
    kColumn,     //!< $name: a column of the audited table's current row
    kCall,       //!< name(arguments, key=value...)
    kBinary,     //!< left op right
    kNegate      //!< -operand
  };
  Kind kind = Kind::kNumber;
  double number = 0;
  std::string word;  //!< word, column name, call name
  int first_year = 0;
  int last_year = 0;
  char op = 0;                                                 //!< + - * /
  std::vector<std::unique_ptr<Expression>> children;           //!< call arguments, or binary operands
  std::map<std::string, std::unique_ptr<Expression>> options;  //!< key=value call options

  //! The expression written back in canonical form.
  std::string ToString() const;
};

//! Parses an expression. Errors are InputErrors at `where` with the character position in the message.
std::unique_ptr<Expression> ParseExpression(const std::string& source, const std::string& where_file,
                                            std::size_t where_line);

}  // namespace linkage
