// 跟踪问效 through the real binary: a department's late batch shows in this month's figures,
// the department sees only its own row, and the month exports as an .xlsx workbook.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "blackbox/harness.h"
#include "blackbox/rows.h"

namespace xytest {
namespace {

using nlohmann::json;

TEST(MonitoringApiTest, ALateBatchShowsInTheMonthAndTheMonthExports) {
  TempDir dir;
  const std::string password = InitAndGetAdminPassword(dir.path());
  ServerProcess server(dir.path());
  ASSERT_TRUE(server.Start()) << server.output();
  const ApiClient api(server.port());
  const std::string admin = api.Login("admin", password);
  for (auto [code, name] : {std::pair{"11320100MB1886843H", "南京市市场监督管理局"},
                            std::pair{"11320100MB0E50000D", "南京市税务局"}}) {
    ASSERT_EQ(api.Call("POST", "/api/v1/departments", {{"code", code}, {"name", name}}, admin).status, 201);
  }
  auto user = api.Call("POST", "/api/v1/users",
                   {{"username", "clerk"}, {"role", "operator"}, {"department", "11320100MB1886843H"}},
                   admin);
  ASSERT_EQ(user.status, 201) << user.body;
  const std::string clerk = api.Login("clerk", json::parse(user.body)["password"]);
  // Decided 40 days ago: more than 7 working days whatever the holidays.
  auto sent = api.Call("POST", "/api/v1/records?item=CF",
                   json::array({PenaltyRow({.document = "宁市监罚〔2026〕77号", .decided = ChinaDay(-40)}),
                                PenaltyRow({.document = "宁市监罚〔2026〕78号", .decided = ChinaDay(-1)})}),
                   clerk);
  ASSERT_EQ(sent.status, 200) << sent.body;
  const std::string month = ChinaDay(0).substr(0, 7);

  auto mine = api.Call("GET", "/api/v1/monitoring?month=" + month, nullptr, clerk);
  ASSERT_EQ(mine.status, 200) << mine.body;
  const json m = json::parse(mine.body);
  ASSERT_EQ(m["departments"].size(), 1u) << "a department sees its own row: " << mine.body;
  const json& d = m["departments"][0];
  EXPECT_EQ(d["department"]["code"], "11320100MB1886843H");
  EXPECT_EQ(d["intake"]["rows_received"], 2);
  EXPECT_EQ(d["intake"]["late"], 1);
  EXPECT_DOUBLE_EQ(d["intake"]["on_time_share"].get<double>(), 0.5);
  EXPECT_EQ(d["rank"], 1);

  auto all = api.Call("GET", "/api/v1/monitoring?month=" + month, nullptr, admin);
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(json::parse(all.body)["departments"].size(), 2u);
  EXPECT_EQ(api.Call("GET", "/api/v1/monitoring?month=2026-13", nullptr, admin).status, 400);

  // The two penalties of one company decided 40 days apart: a second penalty within 12 months.
  auto warned = api.Call("GET", "/api/v1/monitoring/warnings?month=" + month, nullptr, admin);
  ASSERT_EQ(warned.status, 200) << warned.body;
  const json w = json::parse(warned.body)["items"];
  ASSERT_EQ(w.size(), 1u) << warned.body;
  EXPECT_EQ(w[0]["rule"], "repeat_penalty");
  EXPECT_NE(w[0]["record"]["what"].get<std::string>().find("78号"), std::string::npos);
  EXPECT_EQ(api.Call("GET", "/api/v1/monitoring/warnings?month=" + month, nullptr, clerk).status, 403);

  auto xlsx = api.Call("GET", "/api/v1/monitoring/export?month=" + month, nullptr, admin);
  ASSERT_EQ(xlsx.status, 200) << xlsx.body.substr(0, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_NE(xlsx.headers["content-type"].find("spreadsheetml"), std::string::npos);
  EXPECT_EQ(server.Terminate(), 0) << server.output();
}

}  // namespace
}  // namespace xytest
