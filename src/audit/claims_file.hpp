// audit/claims_file.hpp
// Reads a claims file: one row per claim of a study, each with its quantity written in the claim language.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "audit/expression.hpp"
#include "audit/quantity.hpp"
#include "audit/verdict.hpp"

namespace linkage {

//! One column of an audited table and the expression that recomputes it for each row.
struct TableColumnCheck {
  std::string column;
  PrintedUnit unit;
  std::unique_ptr<Expression> expression;
};

//! What a table claims about itself, to be checked against its rows and the data.
struct TableDeclaration {
  std::optional<std::pair<int, int>> years;  //!< the period the title declares
  std::string parts_within_total;            //!< a column whose non-total rows must not exceed the TOTAL row
};

//! One claim.
struct Claim {
  std::string id;
  std::string section;
  std::string statement;
  std::string expression_text;
  std::unique_ptr<Expression> expression;  //!< scalar claims
  std::optional<PrintedValue>
      printed;  //!< scalar claims; nullopt for tables and claims printed without a number
  std::string printed_text;
  PrintedUnit unit;
  Relation relation = Relation::kApprox;
  std::string cited_source;
  int cited_year = 0;      //!< year of the cited source; a claim without a year is read as of the year before
  std::string table_path;  //!< table claims: the printed table, resolved against the claims file's folder
  std::vector<TableColumnCheck> columns;
  TableDeclaration declared;
  std::size_t line = 0;
  std::string file;
  //! True for a claim about a printed table.
  bool IsTable() const { return !table_path.empty(); }
};

//! Reads and checks a claims file; every problem is an InputError naming the file, line and column.
std::vector<Claim> ReadClaims(const std::string& path);

}  // namespace linkage
