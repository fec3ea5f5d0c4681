#include "indicators/term.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numeric>

namespace linkage {

namespace {

bool SameSource(const ValueSource& a, const ValueSource& b) {
  return a.source_id == b.source_id && a.line == b.line && a.dataset == b.dataset;
}

// The flags and provenance of both inputs; the value is set by the caller.
Term Join(const Term& a, const Term& b) {
  Term out = a;
  out.value.reset();
  out.estimated = a.estimated || b.estimated;
  for (const auto& source : b.sources) {
    const bool known = std::any_of(out.sources.begin(), out.sources.end(),
                                   [&](const ValueSource& kept) { return SameSource(kept, source); });
    if (!known) out.sources.push_back(source);
  }
  out.steps.insert(out.steps.end(), b.steps.begin(), b.steps.end());
  out.partner_report = a.partner_report || b.partner_report;
  out.mirror_filled = a.mirror_filled + b.mirror_filled;
  out.bloc_members = a.bloc_members || b.bloc_members;
  out.alternative_dataset = a.alternative_dataset || b.alternative_dataset;
  out.omitted.insert(out.omitted.end(), b.omitted.begin(), b.omitted.end());
  return out;
}

// The first missing input's reason, keeping what was read so far.
Term FirstMissing(const Term& a, const Term& b) {
  Term out = Join(a, b);
  out.missing = a.value ? b.missing : a.missing;
  return out;
}

}  // namespace

Term Term::Of(const Observation& observation, std::string step) {
  Term term;
  term.value = observation.value;
  term.estimated = observation.estimated;
  term.sources = observation.sources;
  term.steps.push_back(std::move(step));
  return term;
}

Term Term::Number(double value) {
  Term term;
  term.value = value;
  return term;
}

Term Term::Missing(std::string reason) {
  Term term;
  term.missing = std::move(reason);
  return term;
}

Term Add(const Term& a, const Term& b) {
  if (!a.value || !b.value) return FirstMissing(a, b);
  Term out = Join(a, b);
  out.value = *a.value + *b.value;
  return out;
}

Term Subtract(const Term& a, const Term& b) {
  if (!a.value || !b.value) return FirstMissing(a, b);
  Term out = Join(a, b);
  out.value = *a.value - *b.value;
  return out;
}

Term Multiply(const Term& a, const Term& b) {
  if (!a.value || !b.value) return FirstMissing(a, b);
  Term out = Join(a, b);
  out.value = *a.value * *b.value;
  return out;
}

Term Divide(const Term& a, const Term& b) {
  if (!a.value || !b.value) return FirstMissing(a, b);
  Term out = Join(a, b);
  if (*b.value == 0) {
    out.missing = "the denominator is zero";
    return out;
  }
  out.value = *a.value / *b.value;
  return out;
}

Term Sum(const std::vector<Term>& terms) {
  Term sum = Term::Number(0);
  for (const auto& term : terms) {
    sum = Add(sum, term);
    if (!sum.value) return sum;
  }
  return sum;
}

Term SumReported(const std::vector<Term>& terms, const std::vector<std::string>& names) {
  assert(terms.size() == names.size());
  Term sum = Term::Number(0);
  std::vector<std::string> omitted;
  std::string first_missing;
  for (std::size_t k = 0; k < terms.size(); ++k) {
    // A value published as "not available" is unknown, unlike a flow nobody recorded: the sum is unknown too.
    if (terms[k].published_missing) return terms[k];
    if (terms[k].value) {
      sum = Add(sum, terms[k]);
    } else {
      omitted.push_back(names[k]);
      if (first_missing.empty()) first_missing = terms[k].missing;
    }
  }
  if (omitted.size() == terms.size()) return Term::Missing(first_missing);
  sum.omitted.insert(sum.omitted.end(), omitted.begin(), omitted.end());
  return sum;
}

Term Growth(const Term& start, const Term& end) {
  Term out = Divide(end, start);
  if (out.value) *out.value -= 1;
  return out;
}

Term CompoundGrowth(const Term& start, const Term& end, int years) {
  assert(years > 0);
  Term out = Divide(end, start);
  if (!out.value) return out;
  if (*out.value <= 0 || *start.value <= 0) {
    out.value.reset();
    out.missing = "a compound rate needs a positive start and end";
    return out;
  }
  out.value = std::pow(*out.value, 1.0 / years) - 1;
  out.steps.push_back(fmt::format("compound annual growth over {} years", years));
  return out;
}

double HerfindahlIndex(const std::vector<double>& values) {
  const double total = std::accumulate(values.begin(), values.end(), 0.0);
  assert(total > 0);
  double index = 0;
  for (const double value : values) index += (value / total) * (value / total);
  return index;
}

double NormalisedEntropy(const std::vector<double>& values) {
  assert(values.size() >= 2);
  const double total = std::accumulate(values.begin(), values.end(), 0.0);
  assert(total > 0);
  double entropy = 0;
  for (const double value : values) {
    const double share = value / total;
    if (share > 0) entropy -= share * std::log(share);
  }
  return entropy / std::log(static_cast<double>(values.size()));
}

}  // namespace linkage
