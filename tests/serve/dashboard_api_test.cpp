// The dashboard's API on the tieland fixture: handlers called directly, then once through a real server.
#include "serve/dashboard_api.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "ingest/importers.hpp"
#include "model/linkage_model.hpp"
#include "report/index_tables.hpp"
#include "serve/dashboard_server.hpp"
#include "store/workspace.hpp"
#include "support/core_workspace.hpp"

namespace linkage {
namespace {

using json = nlohmann::json;
using testing::Fixture;

// Region "tieland" (ARG, BRA, CHL) with trade with CHN in 2016-2019 (tests/data/network); the API reads the
// workspace through a connection of its own, the tests compare with the model run on the fixture's.
class ServeApiTest : public testing::CoreWorkspaceTest {
 protected:
  static void SetUpTestSuite() {
    CoreWorkspaceTest::SetUpTestSuite();
    RunImport(*database, "flows", Fixture("network/flows.csv"));
    // Russia's trade with the members, so both powers are scored and compared.
    RunImport(*database, "flows", Fixture("network/russia_flows.csv"));
    RunImport(*database, "regions", Fixture("network/regions.csv"));
    RunImport(*database, "memberships", Fixture("network/memberships.csv"));
  }

  void SetUp() override { api_ = std::make_unique<DashboardApi>(OpenWorkspace(dir->File("core.db"))); }

  static json Body(const ApiResponse& response) { return json::parse(response.body); }

  static QueryParams Selection(const std::string& dimension) {
    return {{"dyad", "CHN,ARG"},
            {"region", "tieland"},
            {"powers", "RUS"},
            {"years", "2016-2019"},
            {"dimension", dimension}};
  }

  // The model run the selection above asks for, computed here without the API.
  static LinkageRun ExpectedRun() {
    TradeData data(*database);
    TradeTerms terms(*database, data, *actors);
    LinkageRequest request;
    request.design = {"CHN", "ARG", "tieland", {"CHN", "RUS"}, {}};
    request.first = 2016;
    request.last = 2019;
    request.spec = EqualWeightsSpec();
    return RunLinkageModel(*database, terms, request);
  }

  // The API's error message for a query, checking that it is a 400.
  std::string ErrorOf(const QueryParams& query) {
    const ApiResponse response = api_->Charts(query);
    EXPECT_EQ(response.status, 400) << response.body;
    return Body(response).at("error").get<std::string>();
  }

  std::unique_ptr<DashboardApi> api_;
};

TEST_F(ServeApiTest, ActorsAreTheRegistrys) {
  const ApiResponse response = api_->Get("/api/actors", {});
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/json");
  const json listed = Body(response).at("actors");
  ASSERT_EQ(listed.size(), actors->All().size());
  const auto china =
      std::find_if(listed.begin(), listed.end(), [](const json& a) { return a["id"] == "CHN"; });
  ASSERT_NE(china, listed.end());
  EXPECT_EQ((*china)["name"], "China");
  EXPECT_EQ((*china)["kind"], "state");
}

TEST_F(ServeApiTest, RegionsListTheirMembers) {
  const json regions = Body(api_->Get("/api/regions", {})).at("regions");
  const auto tieland =
      std::find_if(regions.begin(), regions.end(), [](const json& r) { return r["id"] == "tieland"; });
  ASSERT_NE(tieland, regions.end());
  const json& members = (*tieland)["members"];
  ASSERT_EQ(members.size(), 3u);
  EXPECT_EQ(members[0]["id"], "ARG");
  EXPECT_EQ(members[0]["name"], "Argentina");
  EXPECT_TRUE(members[0]["from"].is_null());
  EXPECT_EQ(members[2]["id"], "CHL");
}

// The charts and rows are the model's: the score chart's points are the dyad's economic scores and the rows
// are ScoreTable's for the dimension, value for value.
TEST_F(ServeApiTest, ChartsCarryTheModelsScores) {
  const ApiResponse response = api_->Charts(Selection("economic"));
  ASSERT_EQ(response.status, 200) << response.body;
  const json body = Body(response);
  EXPECT_EQ(body["selection"]["actor"], "CHN");
  EXPECT_EQ(body["selection"]["pivot"], "ARG");
  EXPECT_EQ(body["selection"]["region"], "tieland");
  EXPECT_EQ(body["selection"]["powers"], json({"CHN", "RUS"}));
  EXPECT_EQ(body["selection"]["first"], 2016);
  EXPECT_EQ(body["selection"]["draws"], 0);

  const LinkageRun expected = ExpectedRun();
  // The rows the page shows: the dyad's economic scores, rounded to four significant digits.
  const json& rows = body["scores"];
  std::size_t shown = 0;
  for (const auto& row : expected.rows) {
    if (row.level != "dyad" || row.measure != "score" || row.source != "CHN" || row.target != "ARG") continue;
    const std::string& name = ScoreNames()[row.score];
    if (name != "economic_bandwidth" && name != "economic_dependence") continue;
    ASSERT_LT(shown, rows.size());
    const json& sent = rows[shown++];
    EXPECT_EQ(sent["year"], row.year);
    EXPECT_EQ(sent["score"], name);
    EXPECT_EQ(sent["carried"], row.carried);
    if (row.value) {
      EXPECT_NEAR(sent["value"].get<double>(), *row.value, 5e-4 * std::abs(*row.value)) << name << row.year;
      EXPECT_EQ(sent["value"].dump().size(), fmt::format("{:.4g}", *row.value).size());
    } else {
      EXPECT_TRUE(sent["value"].is_null());
      EXPECT_EQ(sent["missing"], row.missing);
    }
  }
  EXPECT_EQ(shown, rows.size());
  EXPECT_EQ(shown, 8u);  // two scores over four years

  // Every level's rows, unrounded and with their notes, are one request away: ScoreTable's rows exactly.
  const ApiResponse all = api_->Get("/api/scores", Selection("economic"));
  ASSERT_EQ(all.status, 200) << all.body;
  const json full = Body(all)["scores"];
  const ResultTable table = ScoreTable(expected, {{}, {"economic_bandwidth", "economic_dependence"}});
  ASSERT_EQ(full.size(), table.rows.size());
  ASSERT_GT(full.size(), rows.size());
  for (std::size_t k = 0; k < full.size(); ++k) {
    for (std::size_t column = 0; column < table.columns.size(); ++column)
      EXPECT_EQ(full[k][table.columns[column]], table.rows[k][column]) << k << " " << table.columns[column];
  }

  // Coverage per power and year: CoverageByPowerTable's rows, one object per power.
  const ResultTable coverage = CoverageByPowerTable(expected, "ARG");
  ASSERT_EQ(body["coverage"].size(), coverage.rows.size());
  ASSERT_EQ(coverage.rows.size(), 2u);  // CHN and RUS
  for (std::size_t k = 0; k < coverage.rows.size(); ++k) {
    for (std::size_t column = 0; column < coverage.columns.size(); ++column)
      EXPECT_EQ(body["coverage"][k][coverage.columns[column]], coverage.rows[k][column]);
  }

  ASSERT_EQ(body["charts"].size(), 3u);
  const json& scores = body["charts"][0];
  EXPECT_EQ(scores["id"], "scores");
  const json& points = scores["spec"]["data"]["values"];
  std::size_t valued = 0;
  std::size_t dyad_rows = 0;
  for (const auto& row : expected.rows) {
    if (row.level != "dyad" || row.measure != "score" || row.source != "CHN" || row.target != "ARG") continue;
    const std::string& name = ScoreNames()[row.score];
    if (name != "economic_bandwidth" && name != "economic_dependence") continue;
    ASSERT_LT(dyad_rows, points.size());
    const json& point = points[dyad_rows++];
    EXPECT_EQ(point["year"], row.year);
    EXPECT_EQ(point["score"], name);
    if (row.value) {
      ++valued;
      EXPECT_DOUBLE_EQ(point["value"].get<double>(), *row.value) << name << " " << row.year;
      EXPECT_GE(*row.value, 0);
      EXPECT_LE(*row.value, 100);
    } else {
      EXPECT_TRUE(point["value"].is_null());
    }
  }
  EXPECT_EQ(dyad_rows, points.size());
  EXPECT_EQ(dyad_rows, 8u);  // two scores over four years
  EXPECT_GT(valued, 0u);     // the fixture's trade gives the economic scores values

  // CHN and RUS share each year's economic bandwidth facing ARG and facing tieland.
  for (const char* id : {"powers-pivot", "powers-region"}) {
    const auto chart = std::find_if(body["charts"].begin(), body["charts"].end(),
                                    [&](const json& c) { return c["id"] == id; });
    ASSERT_NE(chart, body["charts"].end());
    EXPECT_TRUE((*chart)["note"].get<std::string>().empty());
    std::map<int, double> sums;
    for (const auto& point : (*chart)["spec"]["data"]["values"])
      sums[point["year"]] += point["share"].get<double>();
    EXPECT_FALSE(sums.empty()) << id;
    for (const auto& [year, sum] : sums) EXPECT_NEAR(sum, 1, 1e-9) << id << " " << year;
  }
}

// The model runs once per resolved selection: another dimension or another spelling of the same actors
// reuses the run; other years do not.
TEST_F(ServeApiTest, CachesRunsPerSelection) {
  ASSERT_EQ(api_->Charts(Selection("economic")).status, 200);
  EXPECT_EQ(api_->ModelRuns(), 1u);
  const ApiResponse political = api_->Charts(Selection("political"));
  ASSERT_EQ(political.status, 200) << political.body;
  EXPECT_EQ(Body(political)["charts"][0]["spec"]["data"]["values"][0]["score"], "political_bandwidth");
  // Only the economic and political inputs are in the fixture: too few for the overall scores.
  const std::string overall = ErrorOf(Selection("overall"));
  EXPECT_NE(overall.find("no overall score of CHN with ARG has a value in 2016-2019"), std::string::npos)
      << overall;
  EXPECT_NE(overall.find("these dimensions have scores: economic, political"), std::string::npos) << overall;
  QueryParams spelled = Selection("economic");
  spelled.erase("dyad");
  spelled.emplace("dyad", "China, Argentina");
  EXPECT_EQ(api_->Charts(spelled).body, api_->Charts(Selection("economic")).body);
  EXPECT_EQ(api_->ModelRuns(), 1u);
  QueryParams later = Selection("economic");
  later.erase("years");
  later.emplace("years", "2018-2019");
  ASSERT_EQ(api_->Charts(later).status, 200);
  EXPECT_EQ(api_->ModelRuns(), 2u);
}

TEST_F(ServeApiTest, WithoutRegionOrOtherPowersTheShareChartsSayWhy) {
  const json body =
      Body(api_->Charts({{"dyad", "CHN,ARG"}, {"years", "2016-2019"}, {"dimension", "economic"}}));
  ASSERT_EQ(body["charts"].size(), 3u) << body;
  EXPECT_TRUE(body["selection"]["region"].is_null());
  EXPECT_TRUE(body["charts"][1]["spec"].is_null());
  EXPECT_NE(body["charts"][1]["note"].get<std::string>().find("other powers"), std::string::npos);
  EXPECT_TRUE(body["charts"][2]["spec"].is_null());
  EXPECT_NE(body["charts"][2]["note"].get<std::string>().find("region"), std::string::npos);
}

TEST_F(ServeApiTest, DrawsGiveBandsAndAreCapped) {
  QueryParams query = Selection("economic");
  query.emplace("draws", "5");
  const json body = Body(api_->Charts(query));
  EXPECT_EQ(body["selection"]["draws"], 5);
  EXPECT_EQ(body["charts"][0]["spec"]["layer"][0]["mark"]["type"], "area");  // the 5-95% band
  query.erase("draws");
  query.emplace("draws", "201");
  EXPECT_NE(ErrorOf(query).find("from 0 to 200"), std::string::npos);
}

TEST_F(ServeApiTest, RefusesBadSelectionsWithTheirReason) {
  EXPECT_NE(ErrorOf({{"dyad", "CHN,Narnia"}, {"years", "2019"}}).find("unknown actor 'Narnia'"),
            std::string::npos);
  EXPECT_NE(ErrorOf({{"dyad", "CHN,ARG"}, {"powers", "RUS,Atlantis"}, {"years", "2019"}})
                .find("unknown actor 'Atlantis'"),
            std::string::npos);
  EXPECT_NE(ErrorOf({{"dyad", "CHN,ARG"}, {"region", "middle-earth"}, {"years", "2019"}})
                .find("unknown region 'middle-earth'"),
            std::string::npos);
  EXPECT_NE(ErrorOf({{"dyad", "CHN,ARG"}, {"years", "19"}}).find("expected 2019 or 2000-2020"),
            std::string::npos);
  EXPECT_NE(ErrorOf({{"dyad", "CHN,ARG"}, {"years", "2019-2016"}}).find("runs backwards"), std::string::npos);
  EXPECT_NE(ErrorOf({{"dyad", "CHN,ARG"}, {"years", "2019"}, {"dimension", "cultural"}}).find("cultural"),
            std::string::npos);
  EXPECT_NE(ErrorOf({{"dyad", "CHN"}, {"years", "2019"}}).find("two actors"), std::string::npos);
  EXPECT_NE(ErrorOf({{"dyad", "ARG,ARG"}, {"years", "2019"}}).find("same actor twice"), std::string::npos);
  EXPECT_NE(ErrorOf({{"dyad", "CHN,ARG"}, {"powers", "ARG"}, {"years", "2019"}}).find("pivot"),
            std::string::npos);
  EXPECT_NE(ErrorOf({{"years", "2019"}}).find("no dyad chosen"), std::string::npos);
  EXPECT_NE(ErrorOf({{"dyad", "CHN,ARG"}}).find("no years chosen"), std::string::npos);
  EXPECT_NE(
      ErrorOf({{"dyad", "CHN,ARG"}, {"years", "2019"}, {"yeras", "2019"}}).find("unknown parameter 'yeras'"),
      std::string::npos);
  EXPECT_NE(ErrorOf({{"dyad", "CHN,ARG"}, {"years", "2019"}, {"years", "2018"}}).find("twice"),
            std::string::npos);
  // Bounds: a year past int once wrapped; 0001-9999 ran for minutes and cached 750 MB per request.
  EXPECT_NE(ErrorOf({{"dyad", "CHN,ARG"}, {"years", "0001-9999"}}).find("years 1800 to 2200"),
            std::string::npos);
  EXPECT_NE(ErrorOf({{"dyad", "CHN,ARG"}, {"years", "2000-4294969296"}}).find("is not a year"),
            std::string::npos);
  EXPECT_NE(ErrorOf({{"dyad", "CHN,ARG"}, {"years", "1800-2200"}})
                .find("spans 401 years; the dashboard draws at most 100"),
            std::string::npos);
  EXPECT_NE(ErrorOf({{"dyad", "CHN,ARG"},
                     {"powers", "RUS,USA,GBR,FRA,DEU,JPN,IND,BRA,TUR,IRN,ITA,ESP,KOR"},
                     {"years", "2019"}})
                .find("14 powers chosen; the dashboard compares at most 12"),
            std::string::npos);
  // The fixture's trade starts in 2016: earlier years are an empty selection, not a page of empty charts.
  const std::string empty = ErrorOf({{"dyad", "CHN,ARG"}, {"years", "1990-1995"}, {"dimension", "economic"}});
  EXPECT_NE(empty.find("no economic score of CHN with ARG has a value in 1990-1995"), std::string::npos)
      << empty;
}

TEST_F(ServeApiTest, UnknownPathsAre404) {
  const ApiResponse response = api_->Get("/api/score", {});
  EXPECT_EQ(response.status, 404);
  EXPECT_NE(Body(response)["error"].get<std::string>().find("/api/score;"), std::string::npos);
}

// The provenance of one dyad-year on demand: InputTable's rows of that unit, with the stored rows as JSON.
TEST_F(ServeApiTest, InputsOfOneDyadYearWithTheirSourceRows) {
  QueryParams query = Selection("economic");
  query.emplace("year", "2017");
  const ApiResponse response = api_->Get("/api/inputs", query);
  ASSERT_EQ(response.status, 200) << response.body;
  const json body = Body(response);
  EXPECT_EQ(body["unit"], json({{"source", "CHN"}, {"target", "ARG"}, {"year", 2017}}));
  const LinkageRun expected = ExpectedRun();
  TradeData data(*database);
  const ResultTable all = InputTable(*database, expected, OutputFormat::kJson);
  std::vector<const std::vector<json>*> unit_rows;
  for (const auto& row : all.rows)
    if (row[0] == "CHN" && row[1] == "ARG" && row[2] == 2017) unit_rows.push_back(&row);
  const json& inputs = body["inputs"];
  ASSERT_EQ(inputs.size(), unit_rows.size());
  ASSERT_EQ(inputs.size(), expected.spec.components.size());
  bool traced = false;
  for (std::size_t k = 0; k < inputs.size(); ++k) {
    for (std::size_t column = 0; column < all.columns.size(); ++column)
      EXPECT_EQ(inputs[k][all.columns[column]], (*unit_rows[k])[column]) << k << " " << all.columns[column];
    traced = traced || !inputs[k]["provenance"].empty();
  }
  EXPECT_TRUE(traced);  // the trade inputs name their file and line

  // Another dyad of the selection, by name.
  QueryParams other = Selection("economic");
  other.emplace("source", "Russia");
  other.emplace("target", "BRA");
  other.emplace("year", "2016");
  const ApiResponse russia = api_->Get("/api/inputs", other);
  ASSERT_EQ(russia.status, 200) << russia.body;
  EXPECT_EQ(Body(russia)["unit"]["source"], "RUS");

  QueryParams outside = Selection("economic");
  outside.emplace("year", "2015");
  EXPECT_NE(Body(api_->Get("/api/inputs", outside))["error"].get<std::string>().find("not a dyad-year"),
            std::string::npos);
  QueryParams no_year = Selection("economic");
  EXPECT_EQ(api_->Get("/api/inputs", no_year).status, 400);
  QueryParams bad_year = Selection("economic");
  bad_year.emplace("year", "twenty");
  EXPECT_NE(Body(api_->Get("/api/inputs", bad_year))["error"].get<std::string>().find("not a year"),
            std::string::npos);
  // The unit parameters belong to /api/inputs only.
  EXPECT_NE(
      Body(api_->Get("/api/charts", query))["error"].get<std::string>().find("unknown parameter 'year'"),
      std::string::npos);
}

// Selections run at once, each on a connection of its own; the same selection asked twice at once runs once.
TEST_F(ServeApiTest, IndependentSelectionsRunAtOnce) {
  QueryParams later = Selection("economic");
  later.erase("years");
  later.emplace("years", "2018-2019");
  std::vector<ApiResponse> answers(4);
  {
    std::vector<std::thread> requests;
    requests.emplace_back([&] { answers[0] = api_->Charts(Selection("economic")); });
    requests.emplace_back([&] { answers[1] = api_->Charts(later); });
    requests.emplace_back([&] { answers[2] = api_->Charts(Selection("economic")); });
    requests.emplace_back([&] { answers[3] = api_->Charts(Selection("political")); });
    for (auto& request : requests) request.join();
  }
  for (const auto& answer : answers) EXPECT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(answers[0].body, answers[2].body);
  EXPECT_EQ(api_->ModelRuns(), 2u);  // 2016-2019 (three requests) and 2018-2019
  EXPECT_EQ(answers[0].body, api_->Charts(Selection("economic")).body);
}

TEST_F(ServeApiTest, NeverWritesTheWorkspace) {
  const std::string before = testing::FileDigest(dir->File("core.db"));
  ASSERT_EQ(api_->Charts(Selection("political")).status, 200);
  api_->Get("/api/regions", {});
  EXPECT_EQ(testing::FileDigest(dir->File("core.db")), before);
}

// The real server on a free port: the API, an error, the page, a library, an unknown path and a write.
TEST_F(ServeApiTest, ServesOverHttp) {
  const std::string page = "<html><select id=\"actor\"></select></html>";
  DashboardServer server(*api_, {page, {"var vega = 1;", "var vegaLite = 2;", "var vegaEmbed = 3;"}});
  const int port = server.Bind("127.0.0.1", 0);
  ASSERT_GT(port, 0);
  std::thread serving([&] { server.Listen(); });
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(60, 0);

  const auto listed = client.Get("/api/actors");
  ASSERT_TRUE(listed) << httplib::to_string(listed.error());
  EXPECT_EQ(listed->status, 200);
  EXPECT_EQ(listed->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_FALSE(listed->has_header("Content-Encoding"));
  EXPECT_EQ(json::parse(listed->body)["actors"].size(), actors->All().size());

  const auto unknown = client.Get("/api/charts?dyad=CHN,Narnia&years=2019");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 400);
  EXPECT_NE(json::parse(unknown->body)["error"].get<std::string>().find("unknown actor 'Narnia'"),
            std::string::npos);

  const auto index = client.Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->body, page);
  const auto library = client.Get("/lib/vega-lite.js");
  ASSERT_TRUE(library);
  EXPECT_EQ(library->body, "var vegaLite = 2;");
  // Compressed once and kept: gzip to a client that takes it; as it is to one that takes brotli only
  // (httplib would compress every such answer again, at brotli's slowest level).
  const std::string charts =
      "/api/charts?dyad=CHN,ARG&region=tieland&powers=RUS&years=2016-2019&dimension=economic";
  const auto plain = client.Get(charts);
  ASSERT_TRUE(plain);
  ASSERT_EQ(plain->status, 200);
  for (const char* encoding : {"br", "gzip, deflate, br"}) {
    httplib::Client raw("127.0.0.1", port);
    raw.set_decompress(false);
    const auto answer = raw.Get(charts, {{"Accept-Encoding", encoding}});
    ASSERT_TRUE(answer);
    const bool gzip = std::string(encoding).find("gzip") != std::string::npos;
    EXPECT_EQ(answer->get_header_value("Content-Encoding"), gzip ? "gzip" : "") << encoding;
    if (gzip) {
      EXPECT_LT(answer->body.size(), plain->body.size());
    } else {
      EXPECT_EQ(answer->body, plain->body);
    }
    const auto script = raw.Get("/lib/vega.js", {{"Accept-Encoding", encoding}});
    ASSERT_TRUE(script);
    EXPECT_EQ(script->get_header_value("Content-Encoding"), gzip ? "gzip" : "") << encoding;
  }
  const auto missing = client.Get("/favicon.ico");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_NE(json::parse(missing->body)["error"].get<std::string>().find("/favicon.ico"), std::string::npos);
  const auto post = client.Post("/api/charts", "{}", "application/json");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);

  server.Stop();
  serving.join();
}

// The page the browser tests drive: its controls, chart containers and update counter.
TEST(ServePageTest, HasTheControlsAndHooksTestsRelyOn) {
  const std::string page = LoadDashboardPage();
  for (const char* id : {"actor", "pivot", "region", "powers", "years", "dimension", "error", "figures"})
    EXPECT_NE(page.find(std::string("id=\"") + id + "\""), std::string::npos) << id;
  // The chart cards are made from this list (the charts /api/charts returns).
  EXPECT_NE(page.find("const chartIds = ['scores', 'powers-pivot', 'powers-region'];"), std::string::npos);
  EXPECT_NE(page.find("window.dashboardUpdates"), std::string::npos);
  EXPECT_NE(page.find("src=\"/lib/vega-embed.js\""), std::string::npos);
  EXPECT_EQ(page.find("http"), std::string::npos);  // nothing from the network
}

}  // namespace
}  // namespace linkage
