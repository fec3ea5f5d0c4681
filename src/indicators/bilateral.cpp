#include "indicators/bilateral.hpp"

#include <fmt/format.h>

#include <cmath>

namespace linkage {

namespace {

// An operand: a value or the reason it is missing, with the stored rows behind it.
struct Term {
  std::optional<double> value;
  bool estimated = false;
  std::vector<ValueSource> sources;
  std::string missing;
};

Term Combine(const Term& a, const Term& b, double value) {
  Term out{value, a.estimated || b.estimated, a.sources, ""};
  out.sources.insert(out.sources.end(), b.sources.begin(), b.sources.end());
  return out;
}

Term FirstMissing(const Term& a, const Term& b) {
  Term out;
  out.missing = a.value ? b.missing : a.missing;
  return out;
}

Term Add(const Term& a, const Term& b) {
  return a.value && b.value ? Combine(a, b, *a.value + *b.value) : FirstMissing(a, b);
}

Term Subtract(const Term& a, const Term& b) {
  return a.value && b.value ? Combine(a, b, *a.value - *b.value) : FirstMissing(a, b);
}

Term Divide(const Term& a, const Term& b) {
  if (!a.value || !b.value) return FirstMissing(a, b);
  if (*b.value == 0) {
    Term out;
    out.missing = "the denominator is zero";
    return out;
  }
  return Combine(a, b, *a.value / *b.value);
}

std::string FlowWords(const FlowQuery& query) {
  return fmt::format("{}'s reported {} {} in {}", query.reporter,
                     query.flow == 'X' ? "exports to" : "imports from", query.partner, query.year);
}

}  // namespace

const std::vector<std::string>& BilateralIndicatorIds() {
  static const std::vector<std::string> ids = {"exports",
                                               "imports",
                                               "total_trade",
                                               "balance",
                                               "export_share",
                                               "import_share",
                                               "trade_intensity",
                                               "trade_intensity_imports",
                                               "trade_dependence",
                                               "dependence_asymmetry",
                                               "openness",
                                               "mirror_gap_exports_ratio",
                                               "mirror_gap_exports_difference",
                                               "mirror_gap_imports_ratio",
                                               "mirror_gap_imports_difference",
                                               "growth_exports",
                                               "growth_imports",
                                               "growth_total_trade",
                                               "cagr_exports",
                                               "cagr_imports",
                                               "cagr_total_trade"};
  return ids;
}

namespace {

class YearTerms {
 public:
  YearTerms(TradeData& data, int year) : data_(data), year_(year) {}

  // What `reporter` reports of its flow with `partner`.
  Term Reported(const std::string& reporter, const std::string& partner, char flow) {
    const FlowQuery query{reporter, partner, flow, year_, "TOTAL", ""};
    const auto observation = data_.Flow(query);
    if (!observation) return {std::nullopt, false, {}, FlowWords(query) + " is not in the workspace"};
    return {observation->value, observation->estimated, observation->sources, ""};
  }

  // i's flow with j from the chosen perspective: i's own report, or j's report of the same flow.
  Term Flow(const std::string& i, const std::string& j, char flow, Perspective perspective) {
    if (perspective == Perspective::kPartner) return Reported(j, i, flow == 'X' ? 'M' : 'X');
    return Reported(i, j, flow);
  }

  Term Gdp(const std::string& actor) {
    const auto observation = data_.Series("NY.GDP.MKTP.CD", actor, year_);
    if (!observation) {
      return {std::nullopt,
              false,
              {},
              fmt::format("GDP (NY.GDP.MKTP.CD) of {} in {} is not in the workspace", actor, year_)};
    }
    return {observation->value, observation->estimated, observation->sources, ""};
  }

 private:
  TradeData& data_;
  int year_;
};

IndicatorRecord Record(const std::string& id, const std::string& i, const std::string& j, int year,
                       const Term& term, const std::string& unit, const std::string& perspective) {
  return {id, i, j, year, "", term.value, unit, term.estimated, perspective, term.missing, term.sources};
}

}  // namespace

std::vector<IndicatorRecord> BilateralIndicators::ComputeYear(const std::string& i, const std::string& j,
                                                              int year, Perspective perspective) {
  YearTerms terms(data_, year);
  const std::string side = PerspectiveName(perspective);
  const Term exports = terms.Flow(i, j, 'X', perspective);
  const Term imports = terms.Flow(i, j, 'M', perspective);
  // Shares and openness divide by i's own world totals: no partner reports those.
  const Term exports_world = terms.Reported(i, "WLD", 'X');
  const Term imports_world = terms.Reported(i, "WLD", 'M');
  const Term total = Add(exports, imports);
  const Term gdp_i = terms.Gdp(i);
  const Term dependence = Divide(total, gdp_i);
  // j's dependence on i, measured the same way with j as the reporter (so the asymmetry of (j, i) is the
  // inverse of that of (i, j)).
  const Term reverse_total = Add(terms.Flow(j, i, 'X', perspective), terms.Flow(j, i, 'M', perspective));
  const Term dependence_reverse = Divide(reverse_total, terms.Gdp(j));
  const Term export_share = Divide(exports, exports_world);
  // WITS: (x_ij / X_i) / (x_wj / X_w), with world exports to j and world exports as the world reports them.
  const Term intensity =
      Divide(export_share, Divide(terms.Reported("WLD", j, 'X'), terms.Reported("WLD", "WLD", 'X')));
  // The import-side variant: (x_ij / X_i) / (M_j / M_w).
  const Term intensity_imports =
      Divide(export_share, Divide(terms.Reported(j, "WLD", 'M'), terms.Reported("WLD", "WLD", 'M')));

  std::vector<IndicatorRecord> records = {
      Record("exports", i, j, year, exports, "USD", side),
      Record("imports", i, j, year, imports, "USD", side),
      Record("total_trade", i, j, year, total, "USD", side),
      Record("balance", i, j, year, Subtract(exports, imports), "USD", side),
      Record("export_share", i, j, year, export_share, "ratio", side),
      Record("import_share", i, j, year, Divide(imports, imports_world), "ratio", side),
      Record("trade_intensity", i, j, year, intensity, "index (1 = neutral)", side),
      Record("trade_intensity_imports", i, j, year, intensity_imports, "index (1 = neutral)", side),
      Record("trade_dependence", i, j, year, dependence, "ratio of GDP", side),
      Record("dependence_asymmetry", i, j, year, Divide(dependence, dependence_reverse), "ratio", side),
      Record("openness", i, j, year, Divide(Add(exports_world, imports_world), gdp_i), "ratio of GDP",
             "reporter"),
  };
  // Mirror gaps compare both reports of the same flow; they do not depend on the perspective.
  const Term i_exports = terms.Reported(i, j, 'X');
  const Term j_imports = terms.Reported(j, i, 'M');
  const Term i_imports = terms.Reported(i, j, 'M');
  const Term j_exports = terms.Reported(j, i, 'X');
  records.push_back(
      Record("mirror_gap_exports_ratio", i, j, year, Divide(j_imports, i_exports), "ratio", "both"));
  records.push_back(
      Record("mirror_gap_exports_difference", i, j, year, Subtract(j_imports, i_exports), "USD", "both"));
  records.push_back(
      Record("mirror_gap_imports_ratio", i, j, year, Divide(i_imports, j_exports), "ratio", "both"));
  records.push_back(
      Record("mirror_gap_imports_difference", i, j, year, Subtract(i_imports, j_exports), "USD", "both"));
  return records;
}

std::vector<IndicatorRecord> BilateralIndicators::ComputeWindow(const std::string& i, const std::string& j,
                                                                int first, int last,
                                                                Perspective perspective) {
  YearTerms start(data_, first);
  YearTerms end(data_, last);
  const std::string side = PerspectiveName(perspective);
  std::vector<IndicatorRecord> records;
  for (const char* direction : {"exports", "imports", "total_trade"}) {
    auto value = [&](YearTerms& terms) {
      const std::string name = direction;
      if (name == "exports") return terms.Flow(i, j, 'X', perspective);
      if (name == "imports") return terms.Flow(i, j, 'M', perspective);
      return Add(terms.Flow(i, j, 'X', perspective), terms.Flow(i, j, 'M', perspective));
    };
    const Term ratio = Divide(value(end), value(start));
    Term growth = ratio;
    Term cagr = ratio;
    if (ratio.value) {
      growth.value = *ratio.value - 1;
      if (*ratio.value > 0) {
        cagr.value = std::pow(*ratio.value, 1.0 / (last - first)) - 1;
      } else {
        cagr = {std::nullopt, ratio.estimated, ratio.sources,
                "a compound rate needs a positive start and end"};
      }
    }
    records.push_back(Record(std::string("growth_") + direction, i, j, last, growth,
                             fmt::format("ratio ({}-{})", first, last), side));
    records.push_back(Record(std::string("cagr_") + direction, i, j, last, cagr,
                             fmt::format("ratio per year ({}-{})", first, last), side));
  }
  return records;
}

std::vector<IndicatorRecord> BilateralIndicators::Compute(const std::string& reporter,
                                                          const std::string& partner, int first, int last,
                                                          Perspective perspective) {
  std::vector<Perspective> sides = {perspective};
  if (perspective == Perspective::kBoth) sides = {Perspective::kReporter, Perspective::kPartner};
  std::vector<IndicatorRecord> records;
  for (int year = first; year <= last; ++year) {
    for (const Perspective side : sides) {
      for (auto& record : ComputeYear(reporter, partner, year, side)) {
        // Perspective-free indicators are listed once.
        if (side == Perspective::kPartner && (record.perspective == "both" || record.indicator == "openness"))
          continue;
        records.push_back(std::move(record));
      }
    }
  }
  if (last > first) {
    for (const Perspective side : sides) {
      for (auto& record : ComputeWindow(reporter, partner, first, last, side))
        records.push_back(std::move(record));
    }
  }
  return records;
}

}  // namespace linkage
