#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include "core/csv_reader.hpp"
#include "core/error.hpp"
#include "model/fixed_effects.hpp"
#include "model/gravity_spec.hpp"
#include "model/ppml.hpp"
#include "model/premium.hpp"
#include "support/temp_workspace.hpp"

namespace linkage {
namespace {

// Dense group ids of a column of labels.
FixedEffectSet SetOf(const std::string& name, const std::vector<std::string>& labels) {
  FixedEffectSet set{name, {}, 0};
  std::map<std::string, std::int32_t> ids;
  for (const auto& label : labels) {
    const auto [entry, inserted] = ids.try_emplace(label, set.groups);
    if (inserted) ++set.groups;
    set.group.push_back(entry->second);
  }
  return set;
}

// tests/data/gravity/panel.csv with the fixed effects and the pair clustering the reference used.
RegressionData Panel(const std::vector<std::string>& regressors, const std::vector<std::string>& sets) {
  CsvReader reader(testing::Fixture("gravity/panel.csv"));
  std::map<std::string, std::vector<std::string>> labels;
  std::vector<double> y;
  std::vector<std::vector<double>> x(regressors.size());
  CsvRecord record;
  while (reader.Next(record)) {
    const auto field = [&](const char* name) { return record.fields[reader.Column(name)]; };
    const std::string year = field("year");
    labels["exp_year"].push_back(field("exporter") + "#" + year);
    labels["imp_year"].push_back(field("importer") + "#" + year);
    labels["pair"].push_back(field("exporter") + "#" + field("importer"));
    y.push_back(std::stod(field("trade")));
    for (std::size_t k = 0; k < regressors.size(); ++k)
      x[k].push_back(std::stod(field(regressors[k].c_str())));
  }
  RegressionData data;
  data.y = Eigen::Map<Eigen::VectorXd>(y.data(), static_cast<Eigen::Index>(y.size()));
  data.x.resize(static_cast<Eigen::Index>(y.size()), static_cast<Eigen::Index>(regressors.size()));
  for (std::size_t k = 0; k < regressors.size(); ++k)
    data.x.col(static_cast<Eigen::Index>(k)) =
        Eigen::Map<Eigen::VectorXd>(x[k].data(), static_cast<Eigen::Index>(y.size()));
  data.names = regressors;
  for (const auto& set : sets) data.fixed_effects.push_back(SetOf(set, labels[set]));
  return data;
}

nlohmann::json Reference(const std::string& name) {
  std::ifstream in(testing::Fixture("gravity/reference.json"));
  return nlohmann::json::parse(in).at(name);
}

// The robust errors of the reference are HC0; the Stata rule multiplies the variance by n / (n - 1).
void ExpectMatches(const FitResult& robust, const FitResult& clustered, const nlohmann::json& reference) {
  EXPECT_EQ(robust.observations, reference["observations"].get<std::size_t>());
  const auto n = static_cast<double>(robust.observations);
  const double hc0 = std::sqrt((n - 1) / n);
  for (std::size_t k = 0; k < robust.names.size(); ++k) {
    const auto& name = robust.names[k];
    const auto row = static_cast<Eigen::Index>(k);
    EXPECT_NEAR(robust.beta[row], reference["coefficients"][name].get<double>(), 1e-6) << name;
    EXPECT_NEAR(std::sqrt(robust.vcov(row, row)) * hc0, reference["robust_se"][name].get<double>(), 1e-6)
        << name;
    EXPECT_NEAR(std::sqrt(clustered.vcov(row, row)), reference["pair_clustered_se"][name].get<double>(), 1e-6)
        << name;
  }
}

// Fits with robust and with pair-clustered errors.
std::pair<FitResult, FitResult> Fit(Estimator estimator, const std::vector<std::string>& regressors,
                                    const std::vector<std::string>& sets) {
  RegressionData data = Panel(regressors, sets);
  const auto fit = [&](const RegressionData& d) {
    return estimator == Estimator::kPpml ? FitPpml(d) : FitOlsLog(d);
  };
  FitResult robust = fit(data);
  RegressionData by_pair = data;
  by_pair.clusters.push_back(Panel({}, {"pair"}).fixed_effects[0].group);
  by_pair.cluster_names = {"pair"};
  return {std::move(robust), fit(by_pair)};
}

// Against statsmodels' Poisson GLM with every fixed effect a dummy
// (tests/data/gravity/statsmodels_reference.py).
TEST(GravityTest, PpmlWithExporterAndImporterYearEffectsEqualsDummyVariableGlm) {
  const auto [robust, clustered] =
      Fit(Estimator::kPpml, {"ln_dist", "contig", "rta"}, {"exp_year", "imp_year"});
  EXPECT_TRUE(robust.converged);
  ExpectMatches(robust, clustered, Reference("ppml_exporter_importer_year"));
  EXPECT_EQ(robust.dropped, 6u);  // GGG exported nothing in 2003: six flows separated
  ASSERT_FALSE(robust.notes.empty());
  EXPECT_NE(robust.notes[0].find("6 observations separated"), std::string::npos) << robust.notes[0];
  EXPECT_EQ(clustered.vcov_kind, "clustered by pair, Stata small-sample rule");
  EXPECT_EQ(clustered.clusters, std::vector<std::size_t>{42});
}

TEST(GravityTest, PpmlWithThreeFixedEffectSetsDropsWhatThePairEffectAbsorbs) {
  const auto [robust, clustered] =
      Fit(Estimator::kPpml, {"ln_dist", "rta"}, {"exp_year", "imp_year", "pair"});
  ASSERT_EQ(robust.names, std::vector<std::string>{"rta"});  // distance is constant within a pair
  EXPECT_NE(robust.notes.back().find("ln_dist dropped"), std::string::npos);
  ExpectMatches(robust, clustered, Reference("ppml_three_sets"));
}

// x1 > 0 only where the flow is 0: its coefficient would run to minus infinity. The two observations are
// separated and dropped, x1 is then constant and dropped, and x2's estimate is the fit without them.
TEST(GravityTest, PpmlDropsObservationsSeparatedByARegressor) {
  RegressionData data;
  data.y.resize(8);
  data.y << 0, 0, 3, 1, 4, 2, 5, 1;
  data.x.resize(8, 2);
  data.x.col(0) << 1, 1, 0, 0, 0, 0, 0, 0;
  data.x.col(1) << 0.5, -0.3, 0.2, 0.9, -0.4, 0.1, 0.7, -0.8;
  data.names = {"x1", "x2"};
  const FitResult fit = FitPpml(data);
  EXPECT_EQ(fit.observations, 6U);
  EXPECT_EQ(fit.dropped, 2U);
  ASSERT_EQ(fit.names, (std::vector<std::string>{"(Intercept)", "x2"}));

  RegressionData kept;
  kept.y = data.y.tail(6);
  kept.x = data.x.col(1).tail(6);
  kept.names = {"x2"};
  const FitResult reference = FitPpml(kept);
  EXPECT_NEAR(fit.beta[1], reference.beta[1], 1e-9);
  EXPECT_NEAR(fit.vcov(1, 1), reference.vcov(1, 1), 1e-9);

  // Zeros that no combination predicts exactly are kept.
  data.x.col(0) << 1, 0, 1, 0, 0, 1, 0, 0;
  EXPECT_EQ(FitPpml(data).observations, 8U);
}

TEST(GravityTest, OlsOnLogsEqualsDummyVariableOls) {
  const auto [robust, clustered] =
      Fit(Estimator::kOlsLog, {"ln_dist", "contig", "rta"}, {"exp_year", "imp_year"});
  ExpectMatches(robust, clustered, Reference("ols_exporter_importer_year"));
  EXPECT_NE(robust.notes[0].find("zero flows"), std::string::npos);
}

// A panel of every ordered pair of `countries` over `years`, exporter-year and importer-year effects, a
// distance and an agreement dummy, and Poisson flows (some zero); the rows sorted by year and exporter, as
// trade panels usually are.
RegressionData SyntheticPanel(int countries, int years) {
  std::mt19937 random(7);
  std::normal_distribution<double> effect(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<double> distance(static_cast<std::size_t>(countries * countries));
  for (auto& d : distance) d = 3 + 2 * uniform(random);
  std::vector<double> y;
  std::vector<double> ln_dist;
  std::vector<double> rta;
  FixedEffectSet exporter_year{"exporter#year", {}, countries * years};
  FixedEffectSet importer_year{"importer#year", {}, countries * years};
  std::vector<std::int32_t> pair;
  for (int t = 0; t < years; ++t) {
    std::vector<double> out(static_cast<std::size_t>(countries));
    std::vector<double> in(static_cast<std::size_t>(countries));
    for (int c = 0; c < countries; ++c) {
      out[static_cast<std::size_t>(c)] = effect(random);
      in[static_cast<std::size_t>(c)] = effect(random);
    }
    for (int i = 0; i < countries; ++i) {
      for (int j = 0; j < countries; ++j) {
        if (i == j) continue;
        const double d = distance[static_cast<std::size_t>(i * countries + j)];
        const double agreement = (i + j + t) % 5 == 0 ? 1.0 : 0.0;
        const double mean = std::exp(4 - 0.9 * d + 0.3 * agreement + out[static_cast<std::size_t>(i)] +
                                     in[static_cast<std::size_t>(j)]);
        y.push_back(static_cast<double>(std::poisson_distribution<int>(mean)(random)));
        ln_dist.push_back(d);
        rta.push_back(agreement);
        exporter_year.group.push_back(t * countries + i);
        importer_year.group.push_back(t * countries + j);
        pair.push_back(i * countries + j);
      }
    }
  }
  RegressionData data;
  const auto n = static_cast<Eigen::Index>(y.size());
  data.y = Eigen::Map<Eigen::VectorXd>(y.data(), n);
  data.x.resize(n, 2);
  data.x.col(0) = Eigen::Map<Eigen::VectorXd>(ln_dist.data(), n);
  data.x.col(1) = Eigen::Map<Eigen::VectorXd>(rta.data(), n);
  data.names = {"ln_dist", "rta"};
  data.fixed_effects = {exporter_year, importer_year};
  data.clusters = {pair};
  data.cluster_names = {"pair"};
  return data;
}

// Above 65,536 observations the element-wise passes of each iteration are shared among the threads, and
// the columns' projections always are. The estimates on two or three threads equal those on one up to the
// rounding of how the columns are blocked, and a fit on threads repeats itself bit for bit.
TEST(GravityTest, PpmlOnSeveralThreadsAgreesWithOneThreadAndRepeatsItself) {
  const RegressionData data = SyntheticPanel(60, 20);
  ASSERT_GT(data.y.size(), 65536);
  FitOptions options;
  const FitResult one = FitPpml(data, options);
  ASSERT_TRUE(one.converged);
  EXPECT_NEAR(one.beta[0], -0.9, 0.05);
  EXPECT_NEAR(one.beta[1], 0.3, 0.05);
  for (const int threads : {2, 3}) {
    options.projection.threads = threads;
    const FitResult several = FitPpml(data, options);
    ASSERT_TRUE(several.converged) << threads;
    EXPECT_EQ(several.observations, one.observations);
    for (Eigen::Index k = 0; k < one.beta.size(); ++k) {
      EXPECT_NEAR(several.beta[k], one.beta[k], 1e-12 * std::abs(one.beta[k])) << threads;
      EXPECT_NEAR(several.vcov(k, k), one.vcov(k, k), 1e-10 * one.vcov(k, k)) << threads;
    }
    EXPECT_NEAR(several.deviance, one.deviance, 1e-12 * one.deviance) << threads;
    const FitResult again = FitPpml(data, options);
    EXPECT_EQ(again.beta, several.beta) << threads;
    EXPECT_EQ(again.vcov, several.vcov) << threads;
    EXPECT_EQ(again.deviance, several.deviance) << threads;
  }
}

TEST(FixedEffectsTest, AbsorbingOneSetSubtractsWeightedGroupMeans) {
  const FixedEffectSet set{"g", {0, 0, 1, 1, 1}, 2};
  Eigen::MatrixXd column(5, 1);
  column << 1, 3, 2, 4, 9;
  const Eigen::VectorXd weights = (Eigen::VectorXd(5) << 1, 3, 1, 1, 2).finished();
  AbsorbFixedEffects({set}, weights, column);
  // Group 0: (1 + 9) / 4 = 2.5; group 1: (2 + 4 + 18) / 4 = 6.
  EXPECT_DOUBLE_EQ(column(0, 0), -1.5);
  EXPECT_DOUBLE_EQ(column(1, 0), 0.5);
  EXPECT_DOUBLE_EQ(column(4, 0), 3.0);
}

TEST(FixedEffectsTest, SplittingASumRecoversTheEffectsUpToNormalisation) {
  // a = (1, 2, 3) by exporter, b = (10, 20) by importer: every pair once.
  const FixedEffectSet exporters{"i", {0, 0, 1, 1, 2, 2}, 3};
  const FixedEffectSet importers{"j", {0, 1, 0, 1, 0, 1}, 2};
  Eigen::VectorXd total(6);
  total << 11, 21, 12, 22, 13, 23;
  const auto effects = SplitFixedEffects({exporters, importers}, total);
  // The importer effects are centred (mean 15 moves into the exporters).
  EXPECT_NEAR(effects[1][0], -5, 1e-9);
  EXPECT_NEAR(effects[1][1], 5, 1e-9);
  EXPECT_NEAR(effects[0][0], 16, 1e-9);
  EXPECT_NEAR(effects[0][2], 18, 1e-9);
}

TEST(GravitySpecTest, ParsesRegressorsAndInteractedFixedEffects) {
  const auto spec = ParseGravitySpec("trade ~ ln_dist + contig| exporter#year + importer#year + pair");
  EXPECT_EQ(spec.outcome, "trade");
  EXPECT_EQ(spec.regressors, (std::vector<std::string>{"ln_dist", "contig"}));
  ASSERT_EQ(spec.fixed_effects.size(), 3u);
  EXPECT_EQ(spec.fixed_effects[0], (std::vector<std::string>{"exporter", "year"}));
  EXPECT_EQ(ParseEffectList("exporter-year, pair"),
            (std::vector<std::vector<std::string>>{{"exporter", "year"}, {"pair"}}));
  try {
    ParseGravitySpec("trade ~ a + + b");
    FAIL();
  } catch (const UsageError& error) {
    EXPECT_NE(std::string(error.what()).find("character 13"), std::string::npos) << error.what();
  }
  EXPECT_THROW(ParseGravitySpec("trade ln_dist"), UsageError);
}

// A panel without noise: flows are exactly exp(exporter-year + importer-year + pair effects), the pair
// effects exactly -ln(distance) + 0.5 contig, except that A -> B sits 0.7 above and rises by 0.5 and 1.0
// later.
GravityFrame PremiumPanel() {
  const std::vector<std::string> countries = {"A", "B", "C", "D", "E"};
  GravityFrame frame;
  frame.source = "a test panel";
  for (int year = 2000; year <= 2010; year += 5) {
    for (std::size_t i = 0; i < countries.size(); ++i) {
      for (std::size_t j = 0; j < countries.size(); ++j) {
        if (i == j) continue;
        const double distance = 1000.0 + 700.0 * static_cast<double>((i * 3 + j * 5) % 7);
        const double contig = (i + j) % 3 == 0 ? 1 : 0;
        const bool pair = i == 0 && j == 1;
        const double premium = pair ? 0.7 + (year == 2005 ? 0.5 : year == 2010 ? 1.0 : 0.0) : 0.0;
        const double log_flow = 0.1 * static_cast<double>(i) * (year - 1990) / 10 +
                                0.2 * static_cast<double>(j) - std::log(distance) + 0.5 * contig + premium +
                                12;
        frame.labels["exporter"].push_back(countries[i]);
        frame.labels["importer"].push_back(countries[j]);
        frame.labels["year"].push_back(std::to_string(year));
        frame.numbers["trade"].push_back(std::exp(log_flow));
        frame.numbers["ln_dist"].push_back(std::log(distance));
        frame.numbers["contig"].push_back(contig);
        frame.numbers["comlang_off"].push_back(static_cast<double>((i * j) % 2));
        frame.numbers["colony"].push_back(0);
        ++frame.rows;
      }
    }
  }
  return frame;
}

TEST(PremiumTest, RecoversAKnownPathAndPutsThePairAboveEveryOther) {
  const PremiumResult premium = EstimatePremium(PremiumPanel(), "A", "B");
  EXPECT_EQ(premium.base_year, 2000);
  ASSERT_EQ(premium.path.size(), 4u);  // A>B and B>A in 2005 and 2010
  EXPECT_EQ(premium.path[0].exporter, "A");
  EXPECT_EQ(premium.path[0].year, 2005);
  EXPECT_NEAR(premium.path[0].estimate, 0.5, 1e-6);
  EXPECT_NEAR(premium.path[1].estimate, 1.0, 1e-6);
  EXPECT_NEAR(premium.path[2].estimate, 0.0, 1e-6);  // B -> A has no premium
  ASSERT_EQ(premium.levels.size(), 2u);
  EXPECT_EQ(premium.levels[0].pairs, 20u);
  EXPECT_GT(premium.levels[0].residual, 0);
  EXPECT_DOUBLE_EQ(premium.levels[0].percentile, 19.0 / 20);  // the largest residual of the 20 pairs
  // Colony is 0 everywhere: the second stage drops it and says so.
  EXPECT_NE(premium.fundamentals.notes.back().find("colony dropped"), std::string::npos);
}

}  // namespace
}  // namespace linkage
