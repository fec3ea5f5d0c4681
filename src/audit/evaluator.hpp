// audit/evaluator.hpp
// Evaluates a claim expression against the workspace under one reading, recording which of the reading's
// modifications actually changed anything (a reading that changes nothing is not worth reporting).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>

#include "audit/expression.hpp"
#include "audit/quantity.hpp"
#include "audit/reading.hpp"
#include "indicators/trade_data.hpp"
#include "indicators/trade_terms.hpp"
#include "registry/actor_registry.hpp"
#include "store/database.hpp"

namespace linkage {

//! The outcome of one evaluation.
struct Evaluation {
  std::optional<Quantity> quantity;  //!< nullopt when data are missing
  std::string missing;               //!< what data would settle it, when quantity is nullopt
  std::set<Modification> applied;    //!< modifications that changed something
  bool used_unstated_year = false;   //!< the expression has a '?' year
};

//! Evaluates expressions for one claims file.
class Evaluator {
 public:
  Evaluator(Database& database, TradeData& data, const ActorRegistry& actors);

  //! Evaluates `expression` under `reading`. `row` gives the values of $columns; `default_year` is used for
  //! '?' years when the reading names none (0: the latest year with data is not guessed, the claim is
  //! unverifiable). Errors in the expression itself (unknown function, wrong arguments) are InputErrors at
  //! `file`:`line`.
  Evaluation Evaluate(const Expression& expression, const Reading& reading,
                      const std::map<std::string, std::string>& row, int default_year,
                      const std::string& file, std::size_t line);

  //! Per-evaluation state (audit/evaluator_state.hpp).
  struct State;

 private:
  Quantity Eval(const Expression& node, State& state);
  Quantity Call(const Expression& node, State& state);
  Quantity FlowValue(State& state, const std::string& direction, const std::string& reporter,
                     const std::string& partner, int year, const std::string& product,
                     const std::string& dataset);
  Term FlowTerm(State& state, const std::string& direction, const std::string& reporter,
                const std::string& partner, int year, const std::string& product, const std::string& dataset,
                bool share);
  FlowChoices ChoicesFor(const State& state, const std::string& dataset) const;
  Quantity Settle(State& state, const Term& term, Unit unit) const;
  Quantity Rank(const std::string& direction, const std::string& reporter, const std::string& partner,
                int year, State& state);
  Quantity SeriesValue(State& state, const std::string& code, const std::string& actor, int year);
  Quantity IndicatorValue(State& state, const std::string& id, const std::string& reporter,
                          const std::string& partner, int year);
  Quantity Membership(State& state, const std::string& org, const std::string& actor, int year);
  Quantity MemberCount(State& state, const std::string& org, int year);

  Database& database_;
  TradeData& data_;
  const ActorRegistry& actors_;
  TradeTerms terms_;
};

}  // namespace linkage
