// model/gravity_frame.hpp
// A panel of dyad-years for a gravity regression, from a user's file or the workspace: numeric columns (flows
// and regressors, NaN where missing) and label columns (exporter, importer, year, anything fixed effects or
// clusters are built from), and how a specification turns it into the estimator's data.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/gravity_spec.hpp"
#include "model/ppml.hpp"

namespace linkage {

//! The panel's columns by name; every column has `rows` entries.
struct GravityFrame {
  std::size_t rows = 0;
  std::map<std::string, std::vector<double>> numbers;      //!< NaN = missing
  std::map<std::string, std::vector<std::string>> labels;  //!< group labels
  std::string source;                                      //!< the file or "workspace", for messages
  std::string filter;                                      //!< the --where filter applied, "" for none
  std::size_t rows_before_filter = 0;                      //!< rows read before the filter dropped any
};

//! The columns that stand for the panel's roles, so "pair" and "exporter-year" mean the same in any file.
struct PanelRoles {
  std::string exporter = "exporter";
  std::string importer = "importer";
  std::string year = "year";
};

//! The keyword for the unordered pair: one group for A -> B and B -> A (a label column AddSymmetricPair
//! adds).
inline constexpr const char* kSymmetricPair = "pair_sym";

//! Replaces the role names in fixed-effect sets or clusterings: "pair" by exporter and importer, "exporter",
//! "importer" and "year" by the columns the roles name; "pair_sym" stays (see AddSymmetricPair).
std::vector<std::vector<std::string>> ResolveRoles(const std::vector<std::vector<std::string>>& sets,
                                                   const PanelRoles& roles);

//! The columns to read for resolved sets: "pair_sym" stands for the exporter and importer columns.
std::vector<std::string> ColumnsOfSets(const std::vector<std::vector<std::string>>& sets,
                                       const PanelRoles& roles);

//! Adds the label column "pair_sym" when a set uses it: the two codes of a row in sorted order, so that
//! A -> B and B -> A are one group.
void AddSymmetricPair(GravityFrame& frame, const std::vector<std::vector<std::string>>& sets,
                      const PanelRoles& roles);

//! UsageError: `frame` has no column `column`; the message lists the columns it has.
[[noreturn]] void MissingColumn(const GravityFrame& frame, const std::string& column);

//! The estimator's data: the outcome and regressors from numeric columns or formula terms (EvaluateTerm),
//! each fixed-effect set and clustering from the interaction of label (or numeric) columns. UsageError naming
//! a column the frame lacks.
RegressionData BuildRegressionData(const GravityFrame& frame, const GravitySpec& spec,
                                   const std::vector<std::vector<std::string>>& fixed_effects,
                                   const std::vector<std::vector<std::string>>& clusters);

}  // namespace linkage
