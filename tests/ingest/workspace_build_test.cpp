// A workspace build in two lanes (the flow files in a file of their own on a second core, merged at the end)
// must build the workspace a build in one lane builds, name the failure a build in one lane would meet first,
// and leave nothing behind when it fails.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "ingest/default_data.hpp"
#include "ingest/flow_lane.hpp"
#include "ingest/loading_file.hpp"
#include "store/workspace.hpp"
#include "support/temp_workspace.hpp"

namespace linkage {
namespace {

using testing::Fixture;
using ::testing::HasSubstr;
using testing::ProjectData;
using testing::TempDir;

// One file of a test manifest: its format and where it is, relative to the data folder.
struct Entry {
  std::string format;
  std::string path;
};

class WorkspaceBuildTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directory_symlink(ProjectData("actors"), data_dir.Path() / "actors");
  }

  // Links `fixture` (under tests/data) into the data folder as `name`.
  void Link(const std::string& fixture, const std::string& name) {
    const auto target = data_dir.Path() / name;
    std::filesystem::create_directories(target.parent_path());
    std::filesystem::create_symlink(Fixture(fixture), target);
  }
  // Writes `content` into the data folder as `name`.
  void Write(const std::string& name, const std::string& content) {
    std::ofstream(data_dir.File(name), std::ios::binary) << content;
  }
  // Writes the manifest of `entries`.
  void Manifest(const std::vector<Entry>& entries) {
    std::string imports;
    for (const auto& entry : entries) {
      if (!imports.empty()) imports += ",\n";
      imports += R"({"format": ")" + entry.format + R"(", "path": ")" + entry.path + R"("})";
    }
    Write("manifest.json", "{\"imports\": [\n" + imports + "\n]}\n");
  }
  // Builds the workspace `name` from the data folder, in two lanes or one.
  std::vector<ImportSummary> Build(const std::string& name, bool flow_lane) {
    BuildRequest request{work_dir.File(name), data_dir.Path().string(), LINKAGE_DEFAULT_ISO_CODES_DIR, true};
    request.flow_lane = flow_lane;
    return BuildWorkspace(request, [](const BuildProgress&) {});
  }
  // Where the build of `name` in two lanes was refused; fails the test when it was not.
  SourceLocation RefusedAt(const std::string& name) {
    try {
      Build(name, true);
    } catch (const InputError& error) {
      return error.Where();
    }
    ADD_FAILURE() << "a bad file was accepted";
    return {};
  }
  // Every row of every table of the workspace `name` (the statistics of the query planner included), in
  // order; the sources without the time of their import.
  std::string Dump(const std::string& name) {
    auto database = OpenWorkspace(work_dir.File(name));
    Statement tables(*database, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
    std::string dump;
    while (tables.Step()) {
      const std::string table = tables.Text(0);
      Statement columns(*database, "SELECT name FROM pragma_table_info(?) WHERE name <> 'imported_at'");
      columns.Bind(1, table);
      std::string list;
      std::string order;
      int count = 0;
      while (columns.Step()) {
        list += (list.empty() ? "\"" : ", \"") + columns.Text(0) + "\"";
        order += (order.empty() ? "" : ", ") + std::to_string(++count);
      }
      dump += "== " + table + "\n";
      Statement rows(*database, fmt::format("SELECT {} FROM \"{}\" ORDER BY {}", list, table, order));
      while (rows.Step()) {
        for (int column = 0; column < rows.ColumnCount(); ++column)
          dump += (rows.IsNull(column) ? std::string("NULL") : rows.Text(column)) + "|";
        dump += "\n";
      }
    }
    return dump;
  }
  // Whether the workspace `name` or a file a build leaves beside it exists.
  bool AnythingLeft(const std::string& name) {
    for (const char* suffix : {"", ".loading", ".flows", ".building", ".loading-wal", ".flows-wal"}) {
      if (std::filesystem::exists(work_dir.File(name + suffix))) return true;
    }
    return false;
  }

  TempDir data_dir;
  TempDir work_dir;
};

// Flow files (IMF DOTS, WITS, tidy flows) between files of other tables, one of which (UN votes) records a
// second source, its roll calls: the source ids of the two lanes interleave as in one lane.
std::vector<Entry> MixedManifest() {
  return {{"memberships", "memberships.csv"},
          {"imf-dots", "imf.csv"},
          {"wdi", "wdi_ny.gdp.mktp.cd.csv"},
          {"unvotes", "unvotes/un_votes.csv"},
          {"wits", "wits.csv"},
          {"atop", "atop.csv"},
          {"flows", "flows.csv"},
          {"series", "series.csv"}};
}

TEST_F(WorkspaceBuildTest, TwoLanesBuildWhatOneLaneBuilds) {
  Link("import/memberships.csv", "memberships.csv");
  Link("import/imf_dots_small.csv", "imf.csv");
  Link("import/wdi_ny.gdp.mktp.cd.csv", "wdi_ny.gdp.mktp.cd.csv");
  std::filesystem::create_directory_symlink(Fixture("import/security/unvotes"), data_dir.Path() / "unvotes");
  Link("import/wits_small.csv", "wits.csv");
  Link("import/security/atop.csv", "atop.csv");
  Link("import/flows.csv", "flows.csv");
  Link("import/series.csv", "series.csv");
  Manifest(MixedManifest());

  const auto one = Build("one.db", false);
  const auto two = Build("two.db", true);
  ASSERT_EQ(one.size(), two.size());
  for (std::size_t index = 0; index < one.size(); ++index) {
    EXPECT_EQ(one[index].path, two[index].path);
    EXPECT_EQ(one[index].values_stored, two[index].values_stored) << one[index].path;
    EXPECT_EQ(one[index].notes, two[index].notes) << one[index].path;
  }
  const std::string dump = Dump("one.db");
  EXPECT_EQ(dump, Dump("two.db"));
  // The comparison means something only if both lanes stored rows, and the sources follow the manifest.
  auto database = OpenWorkspace(work_dir.File("two.db"));
  EXPECT_GT(database->QueryInt("SELECT count(*) FROM flow_values"), 0);
  EXPECT_GT(database->QueryInt("SELECT count(*) FROM roll_call_votes"), 0);
  EXPECT_GT(database->QueryInt("SELECT count(*) FROM dyad_values"), 0);
  Statement formats(*database, "SELECT format FROM sources WHERE path LIKE ? ORDER BY id");
  formats.Bind(1, data_dir.Path().string() + "/%");
  std::vector<std::string> order;
  while (formats.Step()) order.push_back(formats.Text(0));
  EXPECT_EQ(order,
            (std::vector<std::string>{"actors", "cow-states", "aliases", "memberships", "imf-dots", "wdi",
                                      "unvotes", "unvotes roll calls", "wits", "atop", "flows", "series"}));
  EXPECT_FALSE(std::filesystem::exists(work_dir.File("two.db.flows")));
  EXPECT_FALSE(std::filesystem::exists(work_dir.File("two.db.loading")));
}

// A bad row in each lane: the build names the one earlier in the manifest, whichever lane meets its own
// first, and leaves no file behind.
TEST_F(WorkspaceBuildTest, AFailureNamesTheEarlierFileAndLeavesNothing) {
  const std::string bad_flows =
      "reporter,reporter_iso3,partner,partner_iso3,flow,year,value_musd,estimated\n"
      "\"Kazakhstan, Rep. of\",KAZ,\"China, P.R.: Mainland\",CHN,X_FOB,2019,lots,0\n";
  const std::string bad_series =
      "Country Name,Country Code,Year,Value\nKazakhstan,KAZ,2019,1.5\nKazakhstan,KAZ,twenty,2.5\n";
  Write("imf.csv", bad_flows);
  Write("wdi_ny.gdp.mktp.cd.csv", bad_series);
  Link("import/memberships.csv", "memberships.csv");

  Manifest({{"memberships", "memberships.csv"}, {"imf-dots", "imf.csv"}, {"wdi", "wdi_ny.gdp.mktp.cd.csv"}});
  const SourceLocation flow_error = RefusedAt("w.db");
  EXPECT_THAT(flow_error.file, HasSubstr("imf.csv"));
  EXPECT_EQ(flow_error.line, 2U);
  EXPECT_FALSE(AnythingLeft("w.db"));

  // Here the series file comes first, read by the workspace's lane while the flow lane reads a good flow
  // file and then a bad one.
  Link("import/imf_dots_small.csv", "good.csv");
  Write("flows.csv", "reporter,partner,flow,year,value_usd\nKAZ,CHN,X,2019,plenty\n");
  Manifest({{"memberships", "memberships.csv"},
            {"imf-dots", "good.csv"},
            {"wdi", "wdi_ny.gdp.mktp.cd.csv"},
            {"flows", "flows.csv"}});
  const SourceLocation series_error = RefusedAt("w.db");
  EXPECT_THAT(series_error.file, HasSubstr("wdi_ny.gdp.mktp.cd.csv"));
  EXPECT_EQ(series_error.line, 3U);
  EXPECT_FALSE(AnythingLeft("w.db"));
}

// A flow file that fails after files of the other lane were read: the workspace already there stays as it
// was.
TEST_F(WorkspaceBuildTest, AFailedRebuildLeavesTheWorkspaceAsItWas) {
  Link("import/memberships.csv", "memberships.csv");
  Link("import/wdi_ny.gdp.mktp.cd.csv", "wdi_ny.gdp.mktp.cd.csv");
  Link("import/imf_dots_small.csv", "imf.csv");
  Manifest({{"memberships", "memberships.csv"}, {"imf-dots", "imf.csv"}, {"wdi", "wdi_ny.gdp.mktp.cd.csv"}});
  Build("w.db", true);
  const std::string before = testing::FileDigest(work_dir.File("w.db"));
  std::filesystem::remove(data_dir.Path() / "imf.csv");
  Write("imf.csv",
        "reporter,reporter_iso3,partner,partner_iso3,flow,year,value_musd,estimated\n"
        "\"Kazakhstan, Rep. of\",KAZ,\"China, P.R.: Mainland\",CHN,X_FOB,1800,1.0,0\n"
        "\"Kazakhstan, Rep. of\",KAZ,\"China, P.R.: Mainland\",CHN,X_FOB,1800,2.0,0\n");
  EXPECT_THROW(Build("w.db", true), InputError);
  EXPECT_EQ(testing::FileDigest(work_dir.File("w.db")), before);
  for (const char* suffix : {".loading", ".flows", ".building"})
    EXPECT_FALSE(std::filesystem::exists(work_dir.File(std::string("w.db") + suffix))) << suffix;
}

// The error with which the end of a bulk load of `database` refuses it; empty when it passes.
std::string BulkLoadRefusal(Database& database) {
  try {
    FinishBulkLoad(database, {});
  } catch (const StoreError& error) {
    return error.what();
  }
  return {};
}

// The check at the end of a bulk load names the table, the column and the value a large table refers to in
// vain, for a text key and a number key alike, whether the column's values come from an index or a scan.
TEST(LoadingFileTest, AReferenceToNothingIsNamedWithItsValue) {
  TempDir dir;
  const std::string path = dir.File("w.db");
  auto database = CreateWorkspace(path);
  PrepareBulkLoad(*database);
  database->Execute(
      "INSERT INTO sources (id, dataset, format, path, sha256, bytes, citation, terms) "
      "VALUES (1, 'test', 'flows', 'f.csv', '', 0, '', '');"
      "INSERT INTO actors (id, name, kind) VALUES ('KAZ', 'Kazakhstan', 'state'), ('CHN', 'China', 'state');"
      "INSERT INTO flow_keys (id, dataset, flow, product) VALUES (1, 'test', 'X', 'TOTAL');"
      "INSERT INTO flow_values (key_id, reporter, partner, year, value_usd, estimated, rule_id, source_line) "
      "VALUES (1, 'KAZ', 'CHN', 2000, 1.0, 0, 7, 2)");
  // The rule: no index starts with it, so it is read by a scan.
  EXPECT_THAT(BulkLoadRefusal(*database),
              HasSubstr("table flow_values has a row whose rule_id is 7, which flow_rules.id does not hold"));
  database->Execute(
      "INSERT INTO flow_rules (id, source_id, level, valuation, transform) VALUES (7, 1, 'total', 'FOB', '');"
      "UPDATE flow_values SET partner = 'XXQ'");
  // The partner follows the key in the index by partner; the reporter in the primary key.
  EXPECT_THAT(BulkLoadRefusal(*database), HasSubstr("partner is 'XXQ', which actors.id does not hold"));
  database->Execute("UPDATE flow_values SET partner = 'CHN', reporter = 'XXR'");
  EXPECT_THAT(BulkLoadRefusal(*database), HasSubstr("reporter is 'XXR', which actors.id does not hold"));
  // Without the index by partner, the partner is read by a scan.
  database->Execute(
      "UPDATE flow_values SET reporter = 'KAZ', partner = 'XXS'; DROP INDEX flow_values_by_partner");
  EXPECT_THAT(BulkLoadRefusal(*database), HasSubstr("partner is 'XXS', which actors.id does not hold"));
  database->Execute("UPDATE flow_values SET partner = 'CHN'");
  EXPECT_EQ(BulkLoadRefusal(*database), "");
}

// The flow lane may add rows to the flow tables and the sources only; a row anywhere else stops the build.
TEST(FlowLaneTest, ARowOutsideTheFlowTablesIsRefused) {
  TempDir dir;
  auto database = CreateWorkspace(dir.File("w.db"));
  const TableRows before = CountTableRows(*database);
  database->Execute(
      "INSERT INTO sources (id, dataset, format, path, sha256, bytes, citation, terms) "
      "VALUES (1, 'test', 'imf-dots', 'f.csv', '', 0, '', '');"
      "INSERT INTO flow_keys (dataset, flow, product) VALUES ('test', 'X', 'TOTAL')");
  EXPECT_NO_THROW(RequireOnlyFlowsAdded(*database, before));
  database->Execute("INSERT INTO series_keys (dataset, code) VALUES ('test', 'X.Y')");
  try {
    RequireOnlyFlowsAdded(*database, before);
    FAIL() << "a series key from the flow lane passed";
  } catch (const StoreError& error) {
    EXPECT_THAT(error.what(), HasSubstr("1 rows to table series_keys"));
  }
  EXPECT_TRUE(WritesFlowsOnly("imf-dots"));
  EXPECT_FALSE(WritesFlowsOnly("wdi"));
}

// The workspace's lane holds an id for each flow file as it passes the file's place; the flow lane waits for
// it, and learns when none will come.
TEST(FlowLaneTest, SourceIdsAreHandedOverInTheManifestsOrder) {
  TempDir dir;
  auto database = CreateWorkspace(dir.File("w.db"));
  const auto first_free = database->QueryInt("SELECT coalesce(max(id), 0) + 1 FROM sources");
  SourceIdHandover handover({2, 5, 6});
  handover.HoldIdsBefore(*database, 1);
  handover.HoldIdsBefore(*database, 3);
  EXPECT_EQ(handover.Await(2), first_free);
  // The workspace's lane records its own file at place 3 next.
  database->Execute(
      "INSERT INTO sources (dataset, format, path, sha256, bytes, citation, terms) "
      "VALUES ('test', 'wdi', 'w.csv', '', 0, '', '')");
  handover.HoldIdsBefore(*database, 7);
  EXPECT_EQ(handover.Await(5), first_free + 2);
  EXPECT_EQ(handover.Await(6), first_free + 3);
  SourceIdHandover stopped({4});
  stopped.Close();
  EXPECT_EQ(stopped.Await(4), std::nullopt);
}

}  // namespace
}  // namespace linkage
