#include "audit/auditor.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "core/csv_reader.hpp"
#include "ingest/importers.hpp"
#include "store/workspace.hpp"
#include "support/core_workspace.hpp"

namespace linkage {
namespace {

using testing::Fixture;

// The claims in tests/data/audit/claims.csv carry the verdict and the reproducing reading worked out by hand
// from the fixture flows and series beside them.
class AuditorTest : public testing::CoreWorkspaceTest {
 protected:
  static void SetUpTestSuite() {
    CoreWorkspaceTest::SetUpTestSuite();
    RunImport(*database, "flows", Fixture("audit/flows.csv"));
    RunImport(*database, "flows", Fixture("audit/flows_alt.csv"), {.dataset = "alt"});
    RunImport(*database, "series", Fixture("audit/series.csv"));
    RunImport(*database, "org-aliases", Fixture("audit/org_aliases.csv"));
    RunImport(*database, "memberships", Fixture("audit/memberships.csv"));
  }
};

struct Expected {
  std::string verdict;
  std::string reading;
};

std::map<std::string, Expected> ReadExpectations() {
  CsvReader reader(Fixture("audit/claims.csv"));
  std::map<std::string, Expected> expected;
  CsvRecord record;
  while (reader.Next(record)) {
    expected[record.fields[0]] = {record.fields[reader.Column("expect_verdict")],
                                  record.fields[reader.Column("expect_reading")]};
  }
  return expected;
}

TEST_F(AuditorTest, EveryVerdictAndEveryReading) {
  TradeData data(*database);
  Auditor auditor(*database, data, *actors);
  const auto claims = ReadClaims(Fixture("audit/claims.csv"));
  const auto expected = ReadExpectations();
  ASSERT_EQ(claims.size(), expected.size());
  for (const auto& claim : claims) {
    SCOPED_TRACE(claim.id);
    const ClaimResult result = auditor.Audit(claim);
    const Expected& want = expected.at(claim.id);
    EXPECT_EQ(VerdictName(result.verdict), want.verdict) << result.explanation;
    if (want.reading.empty()) continue;
    const auto found =
        std::find_if(result.alternatives.begin(), result.alternatives.end(), [&](const auto& reading) {
          return reading.interpretation == want.reading && reading.verdict == Verdict::kHolds;
        });
    EXPECT_NE(found, result.alternatives.end()) << result.explanation;
    EXPECT_NE(result.explanation.find(want.reading), std::string::npos) << result.explanation;
  }
}

TEST_F(AuditorTest, ComputedValuesMatchHandCalculations) {
  TradeData data(*database);
  Auditor auditor(*database, data, *actors);
  std::map<std::string, ClaimResult> results;
  for (const auto& claim : ReadClaims(Fixture("audit/claims.csv")))
    results.emplace(claim.id, auditor.Audit(claim));
  EXPECT_DOUBLE_EQ(*results.at("holds").computed, 120000);                    // million USD
  EXPECT_NEAR(*results.at("rounding").computed, 150.0 / 2100 * 100, 1e-9);    // 7.142857 percent of GDP
  EXPECT_NEAR(*results.at("at-least").computed, 150.0 / 700 * 100, 1e-9);     // 21.43 percent
  EXPECT_NEAR(*results.at("product-share").computed, 10.0 / 30 * 100, 1e-9);  // 33.33 percent
  EXPECT_NEAR(*results.at("compounding").computed, -10.0, 1e-9);              // 90 / 100 - 1
  EXPECT_DOUBLE_EQ(*results.at("rank").computed, 2);
  EXPECT_FALSE(results.at("unverifiable").computed.has_value());
  EXPECT_NE(results.at("unverifiable").explanation.find("FRA's reported exports to DEU (all goods) in 2015"),
            std::string::npos);
  const auto& compounding = results.at("compounding").alternatives;
  const auto cagr = std::find_if(compounding.begin(), compounding.end(), [](const auto& reading) {
    return reading.interpretation == DescribeModification(Modification::kCompounding);
  });
  ASSERT_NE(cagr, compounding.end());
  EXPECT_NEAR(*cagr->computed, (std::sqrt(0.9) - 1) * 100, 1e-9);
  const auto& table = results.at("table");
  EXPECT_DOUBLE_EQ(*table.computed, 1.0);      // every cell holds ...
  ASSERT_EQ(table.table_findings.size(), 1u);  // ... but the declared period is wrong
  EXPECT_NE(table.table_findings[0].find("declares 2017-2020 but the rows cover 2018-2020"),
            std::string::npos);
}

TEST_F(AuditorTest, ProvenanceNamesTheStoredRows) {
  TradeData data(*database);
  Auditor auditor(*database, data, *actors);
  const auto claims = ReadClaims(Fixture("audit/claims.csv"));
  const ClaimResult result = auditor.Audit(claims.front());
  ASSERT_EQ(result.sources.size(), 1u);
  EXPECT_EQ(result.sources[0].dataset, "user");
  EXPECT_EQ(result.sources[0].line, 3);  // FRA,DEU,X,2019 is line 3 of flows.csv
}

TEST(ClaimsFile, ReportsBadClaims) {
  testing::TempDir dir;
  const std::string path = dir.File("claims.csv");
  std::ofstream(path) << "id,statement,expression,printed,unit\na,x,\"flow(exports, KAZ, CHN, 2019\",1,USD\n";
  try {
    ReadClaims(path);
    FAIL() << "expected an error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.Where().line, 2u);
    EXPECT_NE(std::string(error.what()).find("expected ')'"), std::string::npos);
  }
  std::ofstream(path)
      << "id,statement,expression,printed,unit\na,x,\"flow(exports, KAZ, CHN, 2019)\",many,USD\n";
  EXPECT_THROW(ReadClaims(path), InputError);
}

}  // namespace
}  // namespace linkage
