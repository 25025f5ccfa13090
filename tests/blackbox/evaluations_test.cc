// 公共信用综合评价 through the real binary: the model is published; a penalty sent by a
// department lowers the company's score, and the server's follower records the change in its
// history within seconds; the public sees the grade only; an officer's check answer carries the
// grade and supervision setting; a 双随机 draw is reproducible; `xinyong evaluate` explains the
// same grade from the command line.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "blackbox/harness.h"
#include "blackbox/rows.h"

namespace xytest {
namespace {

using nlohmann::json;

constexpr const char* kCompany = "91320100748204660Q";
constexpr const char* kMarket = "11320100MB1886843H";

TEST(EvaluationsApiTest, GradedExplainedFollowedCheckedDrawnAndExplainedOffline) {
  TempDir dir;
  const std::string password = InitAndGetAdminPassword(dir.path());
  ServerProcess server(dir.path());
  ASSERT_TRUE(server.Start()) << server.output();
  const ApiClient api(server.port());
  const std::string admin = api.Login("admin", password);
  ASSERT_EQ(api.Call("POST", "/api/v1/departments", {{"code", kMarket}, {"name", "南京市市场监督管理局"}}, admin).status, 201);
  const std::string clerk = api.User(admin, "clerk", {{"role", "operator"}, {"department", kMarket}});
  const std::string officer = api.User(admin, "officer", {{"role", "officer"}, {"department", kMarket}});

  auto model = api.Call("GET", "/api/v1/evaluation-model", nullptr, "");
  ASSERT_EQ(model.status, 200) << model.body;
  const json m = json::parse(model.body);
  EXPECT_EQ(m["version"], "2026.1");
  EXPECT_EQ(m["dimensions"].size(), 5u);
  EXPECT_EQ(m["bands"][0]["grade"], "A");
  EXPECT_EQ(m["bands"][3]["supervision"]["inspection_ratio"], 0.3);

  auto sent = api.Call("POST", "/api/v1/records?item=CF",
                   json::array({PenaltyRow({.document = "宁市监罚〔2026〕88号", .decided = ChinaDay(-20)})}), clerk);
  ASSERT_EQ(sent.status, 200) << sent.body;
  const std::string company = api.User(admin, "company", {{"role", "subject"}, {"subject", kCompany}});

  // The follower records the change within seconds.
  const std::string history = std::string("/api/v1/subjects/") + kCompany + "/evaluation/history";
  json changes;
  for (int i = 0; i < 100 && (changes.is_null() || changes["items"].empty()); ++i) {
    auto h = api.Call("GET", history, nullptr, company);
    ASSERT_EQ(h.status, 200) << h.body;
    changes = json::parse(h.body);
    if (changes["items"].empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(changes["items"].size(), 1u) << changes.dump();
  EXPECT_EQ(changes["items"][0]["reason"], "record.created");
  EXPECT_EQ(changes["items"][0]["score"], 851.0);
  EXPECT_EQ(changes["items"][0]["grade"], "B");

  const std::string target = std::string("/api/v1/subjects/") + kCompany + "/evaluation";
  const json full = json::parse(api.Call("GET", target, nullptr, officer).body);
  EXPECT_EQ(full["score"], 851.0);
  EXPECT_EQ(full["dimensions"][0]["indicators"][0]["facts"][0]["label"], "行政处罚 宁市监罚〔2026〕88号");
  const json pub = json::parse(api.Call("GET", target, nullptr, "").body);
  EXPECT_EQ(pub["grade"], "B");
  EXPECT_EQ(pub["label"], "基本诚信");
  EXPECT_FALSE(pub.contains("score")) << pub.dump();
  EXPECT_EQ(api.Call("GET", history, nullptr, "").status, 401);
  EXPECT_EQ(api.Call("GET", "/api/v1/subjects/91320105MA1Q2W3E4A/evaluation", nullptr, "").status, 404);

  auto checked = api.Call("GET", std::string("/api/v1/subjects/") + kCompany +
                                 "/check?scenario=government_procurement",
                      nullptr, officer);
  ASSERT_EQ(checked.status, 200) << checked.body;
  const json answer = json::parse(checked.body);
  EXPECT_EQ(answer["evaluation"]["grade"], "B");
  EXPECT_EQ(answer["evaluation"]["supervision"]["inspection_ratio"], 0.05);

  auto draw = api.Call("POST", "/api/v1/evaluations/sample", {{"seed", "2026-12-双随机"}}, officer);
  ASSERT_EQ(draw.status, 200) << draw.body;
  const json d = json::parse(draw.body);
  EXPECT_EQ(d["department"], "南京市市场监督管理局");
  ASSERT_EQ(d["subjects"].size(), 1u) << d.dump();
  EXPECT_EQ(d["subjects"][0]["code"], kCompany);
  auto again = api.Call("POST", "/api/v1/evaluations/sample", {{"seed", "2026-12-双随机"}}, officer);
  EXPECT_EQ(json::parse(again.body)["population_digest"], d["population_digest"]);
  EXPECT_EQ(api.Call("POST", "/api/v1/evaluations/sample", {{"seed", ""}}, officer).status, 400);
  EXPECT_EQ(api.Call("POST", "/api/v1/evaluations/sample", {{"seed", "x"}}, clerk).status, 403);
  EXPECT_EQ(server.Terminate(), 0) << server.output();

  auto cli = RunXinyong({"evaluate", "--data", dir.path(), kCompany});
  ASSERT_EQ(cli.exit_code, 0) << cli.out;
  const json explained = json::parse(cli.out);
  EXPECT_EQ(explained["score"], 851.0);
  EXPECT_EQ(explained["grade"], "B");
  EXPECT_EQ(explained["subject"]["name"], "南京某某科技有限公司");
  auto unknown = RunXinyong({"evaluate", "--data", dir.path(), "91320105MA1Q2W3E4A"});
  EXPECT_NE(unknown.exit_code, 0);
}

}  // namespace
}  // namespace xytest
