// Linkage's gravity estimates against R's fixest 0.12.2 on the panels of tests/data/gravity: coefficients to
// 1e-8 and standard errors to 1e-6 (relative) under both small-sample rules, the regressors fixest drops as
// collinear, and separation handled as ppmlhdfe does (tests/data/gravity/README.md has the R command).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "core/csv_reader.hpp"
#include "model/gravity_frame.hpp"
#include "model/gravity_spec.hpp"
#include "model/gravity_table.hpp"
#include "model/ppml.hpp"
#include "support/temp_workspace.hpp"

namespace linkage {
namespace {

const nlohmann::json& Cases() {
  static const nlohmann::json cases = [] {
    std::ifstream in(testing::Fixture("gravity/fixest_reference.json"));
    return nlohmann::json::parse(in).at("cases");
  }();
  return cases;
}

// How a reference case is written for Linkage.
struct Case {
  std::string name;     // in fixest_reference.json
  std::string file;     // in tests/data/gravity
  std::string formula;  // Linkage's spelling of fixest's call
  std::string where;    // rows fixest was given
  bool least_squares = false;
  double se_tolerance = 1e-6;  // relative, against fixest's standard errors
};

// The clusterings of a fixest vcov name: "cluster:exporter+importer" is two-way.
std::vector<std::vector<std::string>> Clusterings(const std::string& vcov) {
  if (vcov.rfind("cluster:", 0) != 0) return {};
  const std::string list = vcov.substr(8);
  if (list == "symmetric_pair") return {{"pair_sym"}};
  if (list == "pair") return {{"exporter", "importer"}};
  if (list == "exporter+importer") return {{"exporter"}, {"importer"}};
  ADD_FAILURE() << "unknown clustering " << vcov;
  return {};
}

FitResult Fit(const Case& test, const std::string& vcov, SmallSample rule) {
  const GravitySpec spec = ParseGravitySpec(test.formula);
  const PanelRoles roles;
  const auto sets = ResolveRoles(spec.fixed_effects, roles);
  const auto clusters = ResolveRoles(Clusterings(vcov), roles);
  auto groupings = sets;
  groupings.insert(groupings.end(), clusters.begin(), clusters.end());
  CsvReader reader(testing::Fixture("gravity/" + test.file));
  GravityFrame frame = ReadGravityTable(reader, RequestColumns(spec, groupings, roles, test.where));
  AddSymmetricPair(frame, groupings, roles);
  const RegressionData data = BuildRegressionData(frame, spec, sets, clusters);
  FitOptions options;
  options.small_sample = rule;
  options.variance = vcov == "iid"      ? VarianceKind::kIid
                     : vcov == "hetero" ? VarianceKind::kHetero
                                        : VarianceKind::kCluster;
  return test.least_squares ? FitOlsLog(data, options) : FitPpml(data, options);
}

double Relative(double a, double b) {
  return std::abs(a - b) / std::max(std::abs(b), 1e-300);
}

// Every coefficient, and every standard error of every vcov and rule the reference holds.
void ExpectMatchesFixest(const Case& test) {
  SCOPED_TRACE(test.name);
  const auto& reference = Cases().at(test.name);
  for (const auto& [vcov, rules] : reference.at("vcov").items()) {
    for (const auto& [rule_name, values] : rules.items()) {
      SCOPED_TRACE(vcov + " " + rule_name);
      const SmallSample rule = rule_name == "fixest_default" ? SmallSample::kFixest : SmallSample::kStata;
      const FitResult fit = Fit(test, vcov, rule);
      EXPECT_EQ(fit.observations, reference.at("observations").get<std::size_t>());
      ASSERT_EQ(fit.names.size(), reference.at("coefficients").size());
      for (std::size_t k = 0; k < fit.names.size(); ++k) {
        const auto at = static_cast<Eigen::Index>(k);
        const std::string& name = fit.names[k];
        EXPECT_LT(Relative(fit.beta[at], reference.at("coefficients").at(name).get<double>()), 1e-8) << name;
        EXPECT_LT(Relative(std::sqrt(fit.vcov(at, at)), values.at("se").at(name).get<double>()),
                  test.se_tolerance)
            << name;
      }
    }
  }
}

TEST(GravityFixestTest, PpmlWithTwoAndThreeSetsUnderEveryVarianceAndRule) {
  ExpectMatchesFixest({"a_ppml_two_sets", "panel.csv",
                       "trade ~ ln_dist + contig + rta | exporter^year + importer^year", "", false});
  ExpectMatchesFixest(
      {"a_ppml_three_sets", "panel.csv", "trade ~ rta | exporter^year + importer^year + pair", "", false});
}

TEST(GravityFixestTest, OlsOnLogsUnderEveryVarianceAndRule) {
  ExpectMatchesFixest({"a_ols_two_sets", "panel.csv",
                       "trade ~ ln_dist + contig + rta | exporter^year + importer^year", "trade > 0", true});
}

TEST(GravityFixestTest, DomesticFlowsWithPairEffectsDropTheBorderDummyTheyAbsorb) {
  const Case test{"b_border_three_sets", "panel_border.csv",
                  "trade ~ rta + intl_brdr_2000 + intl_brdr_2004 + intl_brdr_2008 | exporter^year + "
                  "importer^year + pair",
                  "", false};
  ExpectMatchesFixest(test);
  const FitResult fit = Fit(test, "hetero", SmallSample::kStata);
  ASSERT_FALSE(fit.notes.empty());
  EXPECT_NE(fit.notes.back().find("intl_brdr_2008 dropped"), std::string::npos) << fit.notes.back();
}

// Domestic flows with strong pair effects and trade blocs: the sets mix so slowly that the projections turn
// to the direct solve of model/schur_complement.hpp, through every Poisson iteration. fixest's own
// projections stop short here: its pair-clustered standard error of rta is 1.7e-6 away from that of a dense
// fit with every effect a dummy column (tests/data/gravity/dense_domestic_reference.py), which Linkage
// matches to 1e-11.
TEST(GravityFixestTest, SlowlyMixingSetsSolvedDirectlyMatchFixest) {
  Case test{
      "g_domestic_slow_mixing", "panel_domestic.csv",
      "trade ~ rta + intl_brdr_2001 + intl_brdr_2002 + intl_brdr_2003 | exporter^year + importer^year + pair",
      "", false};
  test.se_tolerance = 1e-5;
  ExpectMatchesFixest(test);
  const std::map<std::string, double> dense = {{"rta", 0.06044049564398865},
                                               {"intl_brdr_2001", 0.06153743825774951},
                                               {"intl_brdr_2002", 0.0698772987240532},
                                               {"intl_brdr_2003", 0.10680753379188106}};
  const FitResult fit = Fit(test, "cluster:pair", SmallSample::kFixest);
  for (std::size_t k = 0; k < fit.names.size(); ++k) {
    const auto at = static_cast<Eigen::Index>(k);
    EXPECT_LT(Relative(std::sqrt(fit.vcov(at, at)), dense.at(fit.names[k])), 1e-9) << fit.names[k];
  }
}

TEST(GravityFixestTest, CollinearRegressorsAreDroppedAndNamedNeverNaN) {
  const Case test{
      "c_collinear", "panel_collinear.csv",
      "trade ~ ln_dist + ln_dist_copy + contig + lang + both + rta | exporter^year + importer^year", "",
      false};
  ExpectMatchesFixest(test);
  const FitResult fit = Fit(test, "cluster:pair", SmallSample::kStata);
  std::string notes;
  for (const auto& note : fit.notes) notes += note + "\n";
  EXPECT_NE(notes.find("ln_dist_copy dropped: collinear"), std::string::npos) << notes;
  EXPECT_NE(notes.find("both dropped: collinear"), std::string::npos) << notes;
  EXPECT_FALSE(fit.vcov.hasNaN());
}

TEST(GravityFixestTest, ARegressorThatSeparatesZeroFlowsIsHandledAsPpmlhdfeDoes) {
  // fixest 0.12.2 does not detect the separation; its fit without the separated rows is the reference.
  const Case test{"d_separation_rows_removed", "panel_separation.csv",
                  "trade ~ ln_dist + contig + lang + rta + sep | exporter^year + importer^year", "", false};
  ExpectMatchesFixest(test);
  const FitResult fit = Fit(test, "hetero", SmallSample::kStata);
  std::string notes;
  for (const auto& note : fit.notes) notes += note + "\n";
  EXPECT_NE(notes.find("17 observations separated by the regressors"), std::string::npos) << notes;
  EXPECT_NE(notes.find("sep dropped"), std::string::npos) << notes;
}

TEST(GravityFixestTest, WithoutFixedEffectsTheModelHasAnIntercept) {
  ExpectMatchesFixest({"e_ppml_no_fixed_effects", "panel.csv", "trade ~ ln_dist + contig + rta", "", false});
}

TEST(GravityFixestTest, ClustersByTheUnorderedPair) {
  ExpectMatchesFixest({"f_symmetric_pair_cluster", "panel.csv",
                       "trade ~ ln_dist + contig + rta | exporter^year + importer^year", "", false});
  ExpectMatchesFixest({"f_symmetric_pair_cluster_three_sets", "panel.csv",
                       "trade ~ rta | exporter^year + importer^year + pair", "", false});
}

// A regressor that predicts every flow exactly: the estimates are exact, the fit says so, and nothing is NaN.
TEST(GravityFixestTest, APerfectFitIsNotedAndItsEstimatesAreExact) {
  RegressionData data;
  data.x.resize(6, 1);
  data.x.col(0) << 0.1, 0.4, -0.3, 0.8, 0.2, -0.5;
  data.y = (1.5 + 0.7 * data.x.col(0).array()).exp().matrix();
  data.names = {"x"};
  data.fixed_effects.push_back({"g", {0, 0, 0, 1, 1, 1}, 2});
  const FitResult fit = FitPpml(data);
  ASSERT_EQ(fit.names, std::vector<std::string>{"x"});
  EXPECT_NEAR(fit.beta[0], 0.7, 1e-9);
  EXPECT_FALSE(fit.vcov.hasNaN());
  ASSERT_FALSE(fit.notes.empty());
  EXPECT_NE(fit.notes.back().find("fits every observation exactly"), std::string::npos) << fit.notes.back();
  RegressionData logs = data;
  const FitResult ols = FitOlsLog(logs);
  EXPECT_NEAR(ols.beta[0], 0.7, 1e-12);
  EXPECT_NE(ols.notes.back().find("fits every observation exactly"), std::string::npos);
}

}  // namespace
}  // namespace linkage
