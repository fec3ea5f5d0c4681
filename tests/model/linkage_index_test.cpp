#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "core/error.hpp"
#include "model/composite.hpp"
#include "model/index_spec.hpp"
#include "model/linkage_levels.hpp"
#include "model/score_tests.hpp"
#include "model/sensitivity.hpp"
#include "support/temp_workspace.hpp"

namespace linkage {
namespace {

constexpr std::size_t kLinkage = 8;
constexpr std::size_t kEconomicBandwidth = 0;
constexpr std::size_t kEconomicDependence = 1;
constexpr std::size_t kBandwidth = 6;
constexpr std::size_t kDependence = 7;

// Three units and three components: a (bandwidth, weight 1), b (bandwidth, weight 3, ln(1 + x), a lower
// value a closer tie) and c (dependence, weight 1, the same wherever present).
IndexSpec HandSpec() {
  return {"hand",
          {{"a", ScoreDimension::kEconomic, ScoreRole::kBandwidth, 1, Transform::kNone, true},
           {"b", ScoreDimension::kEconomic, ScoreRole::kBandwidth, 3, Transform::kLog, false},
           {"c", ScoreDimension::kEconomic, ScoreRole::kDependence, 1, Transform::kNone, true}},
          false};
}

ComponentPanel HandPanel() {
  ComponentPanel panel;
  panel.units = {{"S", "T", 2000}, {"S", "T", 2001}, {"S", "T", 2002}};
  panel.values = {
      {10, std::exp(1.0) - 1, 5}, {20, std::exp(2.0) - 1, std::nullopt}, {40, std::exp(3.0) - 1, 5}};
  return panel;
}

std::vector<double> Weights(const IndexSpec& spec) {
  std::vector<double> weights;
  for (const auto& component : spec.components) weights.push_back(component.weight);
  return weights;
}

// a: min-max 0, 33.3, 100; b: ln(1 + x) = 1, 2, 3, so 0, 50, 100, reversed 100, 50, 0; c: constant, 50.
TEST(CompositeTest, NormalisesByHand) {
  const auto values = NormaliseComponents(HandPanel(), HandSpec(), Normalisation::kMinMax);
  EXPECT_NEAR(*values[0][0], 0, 1e-12);
  EXPECT_NEAR(*values[1][0], 100.0 / 3, 1e-12);
  EXPECT_NEAR(*values[2][0], 100, 1e-12);
  EXPECT_NEAR(*values[0][1], 100, 1e-12);
  EXPECT_NEAR(*values[1][1], 50, 1e-12);
  EXPECT_NEAR(*values[2][1], 0, 1e-12);
  EXPECT_DOUBLE_EQ(*values[0][2], 50);
  EXPECT_FALSE(values[1][2].has_value());  // missing stays missing
}

// z-scores of 10, 20, 40 (mean 23.33, sample sd 15.28) through the normal CDF, from Python's
// statistics.NormalDist; ranks of 1, 1, 3 are 1.5, 1.5, 3, so 25, 25, 100.
TEST(CompositeTest, ZScoreAndRankNormalisation) {
  const auto z = NormaliseComponents(HandPanel(), HandSpec(), Normalisation::kZScore);
  EXPECT_NEAR(*z[0][0], 19.136654444261307, 1e-9);
  EXPECT_NEAR(*z[1][0], 41.36296732813557, 1e-9);
  EXPECT_NEAR(*z[2][0], 86.23832379625829, 1e-9);
  ComponentPanel ties = HandPanel();
  ties.values[0][0] = 1;
  ties.values[1][0] = 1;
  ties.values[2][0] = 3;
  const auto ranks = NormaliseComponents(ties, HandSpec(), Normalisation::kRank);
  EXPECT_DOUBLE_EQ(*ranks[0][0], 25);
  EXPECT_DOUBLE_EQ(*ranks[1][0], 25);
  EXPECT_DOUBLE_EQ(*ranks[2][0], 100);
}

// Unit 0: bandwidth (1 x 0 + 3 x 100) / 4 = 75, dependence 50, linkage (75 + 50) / 2 = 62.5 or, when the
// roles multiply, 75 x 50 / 100 = 37.5. Unit 1 has no dependence input, so no linkage score.
TEST(CompositeTest, WeightsAndCombinesByHand) {
  const IndexSpec spec = HandSpec();
  const auto normalised = NormaliseComponents(HandPanel(), spec, Normalisation::kMinMax);
  const auto scores = ScoreUnits(normalised, spec, Weights(spec), 0.5);
  EXPECT_NEAR(*scores[0].value[kEconomicBandwidth], 75, 1e-12);
  EXPECT_NEAR(*scores[0].value[kBandwidth], 75, 1e-12);
  EXPECT_NEAR(*scores[0].value[kEconomicDependence], 50, 1e-12);
  EXPECT_NEAR(*scores[0].value[kLinkage], 62.5, 1e-12);
  EXPECT_NEAR(*scores[1].value[kBandwidth], (100.0 / 3 + 150) / 4, 1e-12);
  EXPECT_FALSE(scores[1].value[kDependence].has_value());
  EXPECT_DOUBLE_EQ(scores[1].coverage[kDependence], 0);
  EXPECT_FALSE(scores[1].value[kLinkage].has_value());
  EXPECT_NEAR(*scores[2].value[kBandwidth], 25, 1e-12);
  EXPECT_FALSE(scores[0].value[2].has_value());  // no security component at all

  IndexSpec product = spec;
  product.multiply_roles = true;
  EXPECT_NEAR(*ScoreUnits(normalised, product, Weights(product), 0.5)[0].value[kLinkage], 37.5, 1e-12);
}

// Without a, unit 0's bandwidth rests on b alone (3 of 4 weight units): kept at a minimum coverage of 0.5,
// dropped at 0.8.
TEST(CompositeTest, MinimumCoverage) {
  ComponentPanel panel = HandPanel();
  panel.values[0][0] = std::nullopt;
  const IndexSpec spec = HandSpec();
  const auto normalised = NormaliseComponents(panel, spec, Normalisation::kMinMax);
  const auto kept = ScoreUnits(normalised, spec, Weights(spec), 0.5);
  EXPECT_NEAR(*kept[0].value[kBandwidth], 100, 1e-12);
  EXPECT_DOUBLE_EQ(kept[0].coverage[kBandwidth], 0.75);
  EXPECT_FALSE(ScoreUnits(normalised, spec, Weights(spec), 0.8)[0].value[kBandwidth].has_value());
}

// The published FBIC component weights (Moyer et al. 2021), each role summing to one.
TEST(IndexSpecTest, FbicPresetHasThePublishedWeights) {
  const IndexSpec spec = FbicSpec();
  EXPECT_TRUE(spec.multiply_roles);
  const std::vector<std::pair<std::string, double>> bandwidth = {
      {"embassy_level", 0.11}, {"shared_igos", 0.19},    {"trade_agreement_index", 0.14},
      {"total_trade", 0.35},   {"alliance_index", 0.13}, {"arms_imports_from_partner", 0.08}};
  const std::vector<std::pair<std::string, double>> dependence = {{"development_finance_share_gdp", 0.21},
                                                                  {"aid_share", 0.12},
                                                                  {"trade_dependence", 0.28},
                                                                  {"trade_share", 0.16},
                                                                  {"arms_to_military_spending", 0.10},
                                                                  {"arms_import_share", 0.13}};
  const auto weight_of = [&](const std::string& id, ScoreRole role) {
    for (const auto& component : spec.components)
      if (component.id == id && component.role == role) return component.weight;
    return -1.0;
  };
  double sum = 0;
  for (const auto& [id, weight] : bandwidth) {
    EXPECT_DOUBLE_EQ(weight_of(id, ScoreRole::kBandwidth), weight) << id;
    sum += weight;
  }
  EXPECT_NEAR(sum, 1, 1e-12);
  sum = 0;
  for (const auto& [id, weight] : dependence) {
    EXPECT_DOUBLE_EQ(weight_of(id, ScoreRole::kDependence), weight) << id;
    sum += weight;
  }
  EXPECT_NEAR(sum, 1, 1e-12);
  EXPECT_EQ(spec.components.size(), 12u);
}

TEST(IndexSpecTest, EqualWeightsGiveEachDimensionAThird) {
  const IndexSpec spec = EqualWeightsSpec();
  for (const auto role : {ScoreRole::kBandwidth, ScoreRole::kDependence}) {
    for (const auto dimension :
         {ScoreDimension::kEconomic, ScoreDimension::kSecurity, ScoreDimension::kPolitical}) {
      double sum = 0;
      for (const auto& component : spec.components)
        if (component.role == role && component.dimension == dimension) sum += component.weight;
      EXPECT_NEAR(sum, 1.0 / 3, 1e-12) << RoleName(role) << " " << DimensionName(dimension);
    }
  }
}

TEST(IndexSpecTest, ReadsAWeightFileAndPointsAtABadRow) {
  const testing::TempDir dir;
  const std::string good = dir.File("weights.csv");
  std::ofstream(good) << "component,dimension,role,weight,transform,direction\n"
                         "total_trade,economic,bandwidth,2,log,higher\n"
                         "ideal_point_distance,political,bandwidth,1,,lower\n";
  const IndexSpec spec = LoadIndexSpec(good);
  ASSERT_EQ(spec.components.size(), 2u);
  EXPECT_EQ(spec.components[0].transform, Transform::kLog);
  EXPECT_DOUBLE_EQ(spec.components[0].weight, 2);
  EXPECT_FALSE(spec.components[1].higher_means_more);

  const std::string bad = dir.File("bad.csv");
  std::ofstream(bad) << "component,dimension,role,weight\n"
                        "total_trade,economic,bandwidth,1\n"
                        "total_trade,economic,dependence,-3\n";
  try {
    LoadIndexSpec(bad);
    FAIL() << "a negative weight was accepted";
  } catch (const InputError& error) {
    EXPECT_EQ(error.Where().line, 3u);
    EXPECT_EQ(error.Where().column, 4u);
    EXPECT_NE(std::string(error.what()).find("non-negative"), std::string::npos) << error.what();
  }
  const std::string unknown = dir.File("unknown.csv");
  std::ofstream(unknown) << "component,dimension,role,weight\ntotal_trad,economic,bandwidth,1\n";
  EXPECT_THROW(LoadIndexSpec(unknown), InputError);
}

// Two inputs, x (economic bandwidth) and y (economic dependence), equal weights: a unit's linkage score is
// the mean of its two values.
IndexSpec TwoInputSpec() {
  return {"two",
          {{"x", ScoreDimension::kEconomic, ScoreRole::kBandwidth, 1, Transform::kNone, true},
           {"y", ScoreDimension::kEconomic, ScoreRole::kDependence, 1, Transform::kNone, true}},
          false};
}

const ScoreRow& FindRow(const std::vector<ScoreRow>& rows, const std::string& level,
                        const std::string& measure, const std::string& source, const std::string& target,
                        std::size_t score, int year = 2000) {
  for (const auto& row : rows)
    if (row.level == level && row.measure == measure && row.source == source && row.target == target &&
        row.score == score && row.year == year)
      return row;
  throw std::runtime_error("no row " + level + " " + measure + " " + source + " " + target);
}

// Powers P (the actor) and Q face pivot B and region R = {B, C}, with linkage scores P-B 60, P-C 20, Q-B 30,
// Q-C 10: P-R is 40 with B holding 0.75 of it; facing B the powers' shares are 2/3 and 1/3, so the HHI is
// 5/9 and the multi-vector index -(2/3 ln 2/3 + 1/3 ln 1/3) / ln 2.
TEST(LinkageLevelsTest, AggregatesByHand) {
  const IndexSpec spec = TwoInputSpec();
  ComponentPanel panel;
  panel.units = {{"P", "B", 2000}, {"P", "C", 2000}, {"Q", "B", 2000}, {"Q", "C", 2000}, {"B", "P", 2000}};
  std::vector<std::vector<std::optional<double>>> normalised;
  for (const double linkage : {60.0, 20.0, 30.0, 10.0, 5.0}) normalised.push_back({linkage, linkage});
  const std::vector<double> weights = Weights(spec);
  const LinkageDesign design{"P", "B", "R", {"P", "Q"}, {{2000, {"B", "C"}}}};
  auto rows = EvaluateLevels({panel, spec, normalised, weights, 0.5}, design);
  EXPECT_DOUBLE_EQ(*FindRow(rows, "region", "score", "P", "R", kLinkage).value, 40);
  EXPECT_DOUBLE_EQ(*FindRow(rows, "region", "member_share", "P", "B", kLinkage).value, 0.75);
  EXPECT_DOUBLE_EQ(*FindRow(rows, "region", "score", "Q", "R", kLinkage).value, 20);
  EXPECT_DOUBLE_EQ(*FindRow(rows, "region", "comparable_score", "P", "R", kLinkage).value, 40);
  EXPECT_NEAR(*FindRow(rows, "system", "power_share", "P", "B", kLinkage).value, 2.0 / 3, 1e-12);
  EXPECT_NEAR(*FindRow(rows, "system", "hhi", "powers", "B", kLinkage).value, 5.0 / 9, 1e-12);
  const double entropy = -(2.0 / 3 * std::log(2.0 / 3) + 1.0 / 3 * std::log(1.0 / 3)) / std::log(2.0);
  EXPECT_NEAR(*FindRow(rows, "system", "multi_vector", "powers", "B", kLinkage).value, entropy, 1e-12);
  EXPECT_NEAR(*FindRow(rows, "system", "multi_vector", "powers", "R", kLinkage).value, entropy, 1e-12);
  EXPECT_DOUBLE_EQ(*FindRow(rows, "dyad", "comparable_score", "P", "B", kLinkage).rank, 1);
  EXPECT_DOUBLE_EQ(*FindRow(rows, "dyad", "comparable_score", "Q", "B", kLinkage).rank, 2);
  EXPECT_DOUBLE_EQ(*FindRow(rows, "region", "comparable_score", "Q", "R", kLinkage).rank, 2);
  EXPECT_FALSE(FindRow(rows, "dyad", "score", "P", "B", kLinkage).rank.has_value());  // own inputs: unranked

  // P-C loses x: its own linkage score goes; P-R is the mean of the rest, half the members covered, the gap
  // named. Compared, C leaves both powers' region scores for the linkage score (P has none with C), while
  // the dependence score, which x does not enter, still counts C for both.
  normalised[1][0].reset();
  rows = EvaluateLevels({panel, spec, normalised, weights, 0.5}, design);
  const ScoreRow& partial = FindRow(rows, "region", "score", "P", "R", kLinkage);
  EXPECT_DOUBLE_EQ(*partial.value, 60);
  EXPECT_DOUBLE_EQ(partial.coverage, 0.5);
  EXPECT_EQ(partial.missing, "no score for C");
  const ScoreRow& compared = FindRow(rows, "region", "comparable_score", "Q", "R", kLinkage);
  EXPECT_DOUBLE_EQ(*compared.value, 30);  // Q-B alone, as for P
  EXPECT_NE(compared.note.find("members left out: C (no comparable score with P, Q)"), std::string::npos)
      << compared.note;
  EXPECT_DOUBLE_EQ(*FindRow(rows, "region", "comparable_score", "Q", "R", kDependence).value, 20);
  EXPECT_NEAR(*FindRow(rows, "system", "power_share", "P", "R", kLinkage).value, 2.0 / 3, 1e-12);
}

// P alone has a source that covers no other power (development finance, f): it counts in P's own score but
// never in the comparison. In 2001 Q has no value of the shared input s: s leaves the comparison, and with no
// dependence input left neither power has a comparable linkage score, so no share is computed at all rather
// than P holding all of it.
TEST(LinkageLevelsTest, ComparesPowersOnTheInputsAllHave) {
  const IndexSpec spec{"scope",
                       {{"t", ScoreDimension::kEconomic, ScoreRole::kBandwidth, 1, Transform::kNone, true},
                        {"f", ScoreDimension::kEconomic, ScoreRole::kDependence, 1, Transform::kNone, true},
                        {"s", ScoreDimension::kEconomic, ScoreRole::kDependence, 1, Transform::kNone, true}},
                       false};
  ComponentPanel panel;
  panel.units = {{"P", "B", 2000}, {"Q", "B", 2000}, {"P", "B", 2001}, {"Q", "B", 2001}};
  panel.out_of_scope = {
      {false, false, false}, {false, true, false}, {false, false, false}, {false, true, false}};
  panel.carried = {{false, false, false}, {false, false, false}, {false, false, true}, {false, false, false}};
  const std::vector<std::vector<std::optional<double>>> normalised = {
      {80, 90, 50}, {40, std::nullopt, 50}, {80, 90, 50}, {40, std::nullopt, std::nullopt}};
  const std::vector<double> weights = Weights(spec);
  const LinkageDesign design{"P", "B", "", {"P", "Q"}, {}};
  const auto rows = EvaluateLevels({panel, spec, normalised, weights, 0.5}, design);
  // Own inputs: P's dependence (90 + 50) / 2 = 70, linkage 75; Q's f is out of scope, not missing, so Q's
  // dependence is s alone with full coverage, linkage (40 + 50) / 2 = 45.
  EXPECT_DOUBLE_EQ(*FindRow(rows, "dyad", "score", "P", "B", kLinkage).value, 75);
  const ScoreRow& own_q = FindRow(rows, "dyad", "score", "Q", "B", kDependence);
  EXPECT_DOUBLE_EQ(*own_q.value, 50);
  EXPECT_DOUBLE_EQ(own_q.coverage, 1);
  // Compared on t and s: P (80 + 50) / 2 = 65, Q 45; shares 65/110 and 45/110.
  const ScoreRow& compared = FindRow(rows, "dyad", "comparable_score", "P", "B", kLinkage);
  EXPECT_DOUBLE_EQ(*compared.value, 65);
  EXPECT_NE(compared.note.find("f (its source does not cover Q)"), std::string::npos) << compared.note;
  EXPECT_NEAR(*FindRow(rows, "system", "power_share", "P", "B", kLinkage).value, 65.0 / 110, 1e-12);
  // 2001: P keeps its own score (carried s), but nothing is compared.
  const ScoreRow& own_2001 = FindRow(rows, "dyad", "score", "P", "B", kLinkage, 2001);
  EXPECT_DOUBLE_EQ(*own_2001.value, 75);
  EXPECT_TRUE(own_2001.carried);
  EXPECT_FALSE(FindRow(rows, "dyad", "comparable_score", "P", "B", kLinkage, 2001).value.has_value());
  const ScoreRow& share = FindRow(rows, "system", "power_share", "P", "B", kLinkage, 2001);
  EXPECT_FALSE(share.value.has_value());
  EXPECT_EQ(share.missing, "no comparable score for P, Q in 2001");
  EXPECT_NE(share.note.find("s (no value for Q)"), std::string::npos) << share.note;
  // The bandwidth input t is common, so the bandwidth shares are there: 80 / 120.
  EXPECT_NEAR(*FindRow(rows, "system", "power_share", "P", "B", kBandwidth, 2001).value, 80.0 / 120, 1e-12);
  EXPECT_FALSE(FindRow(rows, "dyad", "comparable_score", "P", "B", kBandwidth, 2001).carried);
}

// With no spread and a fixed method every draw is the nominal index; with both varied the same seed gives
// the same intervals, which hold the draws' median.
TEST(SensitivityTest, DrawsAreNominalWithoutVariationAndRepeatable) {
  const IndexSpec spec = HandSpec();
  const ComponentPanel panel = HandPanel();
  const LinkageDesign design{"S", "T", "", {"S"}, {}};
  const auto normalised = NormaliseComponents(panel, spec, Normalisation::kMinMax);
  const auto weights = Weights(spec);
  const auto nominal = EvaluateLevels({panel, spec, normalised, weights, 0.5}, design);
  const Sensitivity fixed =
      RunSensitivity(panel, spec, design, {20, 7, 0.0, false, Normalisation::kMinMax, 0.5});
  for (std::size_t row = 0; row < nominal.size(); ++row) {
    const Spread spread = fixed.ValueSpread(row);
    ASSERT_EQ(spread.median.has_value(), nominal[row].value.has_value());
    if (!nominal[row].value) continue;
    EXPECT_NEAR(*spread.median, *nominal[row].value, 1e-4);
    EXPECT_NEAR(*spread.low, *spread.high, 1e-4);
  }
  const SensitivityOptions varied{200, 11, 0.5, true, Normalisation::kMinMax, 0.5};
  const Sensitivity first = RunSensitivity(panel, spec, design, varied);
  const Sensitivity second = RunSensitivity(panel, spec, design, varied);
  bool some_width = false;
  for (std::size_t row = 0; row < nominal.size(); ++row) {
    const Spread a = first.ValueSpread(row);
    const Spread b = second.ValueSpread(row);
    EXPECT_EQ(a.median, b.median);
    if (!a.median) continue;
    EXPECT_LE(*a.low, *a.median);
    EXPECT_LE(*a.median, *a.high);
    some_width = some_width || *a.high - *a.low > 1;
  }
  EXPECT_TRUE(some_width);
}

// A score rising every year is a significant rising trend in every draw that keeps its order.
TEST(ScoreTestsTest, TrendAndBreakOfAScoreSeries) {
  std::vector<ScoreRow> rows;
  for (int year = 2000; year <= 2011; ++year) {
    const double value = year < 2006 ? year - 2000.0 : 20.0 + (year - 2006);
    rows.push_back({"dyad", "score", "P", "B", year, kLinkage, value, 1, {}, ""});
  }
  const auto tests = TestScoreSeries(rows, nullptr, {{2006, "a milestone"}});
  ASSERT_EQ(tests.size(), 1u);
  ASSERT_TRUE(tests[0].trend.has_value());
  EXPECT_DOUBLE_EQ(tests[0].trend->s, 66);  // all 12 x 11 / 2 pairs rise
  EXPECT_EQ(TrendReading(tests[0]), "rising (5% level)");
  ASSERT_TRUE(tests[0].breaks[0].has_value());
  EXPECT_NEAR(tests[0].breaks[0]->level_shift, 14, 1e-9);  // 20 against the 6 the first line predicts
  EXPECT_NEAR(tests[0].breaks[0]->slope_change, 0, 1e-9);
  const auto summary = SummariseTests(tests, rows, nullptr, {{2006, "a milestone"}}, "P", "B");
  ASSERT_FALSE(summary.empty());
  EXPECT_NE(summary[0].find("rose by +"), std::string::npos) << summary[0];
  EXPECT_NE(summary[0].find("from 2006 (a milestone)"), std::string::npos) << summary[0];
}

}  // namespace
}  // namespace linkage
