// The HTTP API of the real binary: health, errors, authentication and roles, subjects.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "blackbox/harness.h"

namespace xytest {
namespace {

using nlohmann::json;

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    admin_password_ = InitAndGetAdminPassword(dir_->path());
    server_ = new ServerProcess(dir_->path());
    ASSERT_TRUE(server_->Start()) << server_->output();
  }
  static void TearDownTestSuite() {
    if (server_) {
      EXPECT_EQ(server_->Terminate(), 0) << "SIGTERM must stop the server cleanly\n"
                                          << server_->output();
    }
    delete server_;
    delete dir_;
  }

  static HttpReply Call(const std::string& method, const std::string& target,
                        const json& body = nullptr, const std::string& token = "") {
    std::map<std::string, std::string> h;
    if (!token.empty()) h["Authorization"] = "Bearer " + token;
    return Http(server_->port(), method, target, body.is_null() ? "" : body.dump(), h);
  }
  static std::string Login(const std::string& user, const std::string& password) {
    auto r = Call("POST", "/api/v1/sessions", {{"username", user}, {"password", password}});
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body)["token"];
  }

  static TempDir* dir_;
  static ServerProcess* server_;
  static std::string admin_password_;
};

TempDir* ApiTest::dir_ = nullptr;
ServerProcess* ApiTest::server_ = nullptr;
std::string ApiTest::admin_password_;

TEST_F(ApiTest, HealthAndReadiness) {
  auto h = Call("GET", "/healthz");
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(json::parse(h.body)["status"], "ok");
  auto r = Call("GET", "/readyz");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["store"], "sqlite");
  auto m = Call("GET", "/metrics");
  EXPECT_EQ(m.status, 200);
  EXPECT_NE(m.body.find("xinyong_http_requests_total"), std::string::npos);
}

TEST_F(ApiTest, UnknownRouteIsJson404) {
  auto r = Call("GET", "/api/v1/nothing-here");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(json::parse(r.body)["error"]["code"], "not_found");
}

TEST_F(ApiTest, NonPublicEndpointsNeedCredentials) {
  for (const auto& [method, target] :
       std::vector<std::pair<std::string, std::string>>{{"GET", "/api/v1/me"},
                                                        {"GET", "/api/v1/events"},
                                                        {"POST", "/api/v1/subjects"},
                                                        {"GET", "/api/v1/audit/verify"},
                                                        {"POST", "/api/v1/departments"}}) {
    auto r = Call(method, target, method == "POST" ? json::object() : json(nullptr));
    EXPECT_EQ(r.status, 401) << method << " " << target << ": " << r.body;
    EXPECT_EQ(json::parse(r.body)["error"]["code"], "unauthenticated");
  }
  auto bad = Call("GET", "/api/v1/me", nullptr, "not-a-token");
  EXPECT_EQ(bad.status, 401);
}

TEST_F(ApiTest, WrongRoleIsForbidden) {
  const std::string admin = Login("admin", admin_password_);
  auto dep = Call("POST", "/api/v1/departments",
                  {{"code", "11320100MB1886843H"}, {"name", "市场监督管理局"}}, admin);
  ASSERT_EQ(dep.status, 201) << dep.body;
  auto user = Call("POST", "/api/v1/users",
                   {{"username", "clerk"}, {"role", "operator"}, {"department", "11320100MB1886843H"}},
                   admin);
  ASSERT_EQ(user.status, 201) << user.body;
  const std::string clerk = Login("clerk", json::parse(user.body)["password"]);

  auto me = Call("GET", "/api/v1/me", nullptr, clerk);
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(json::parse(me.body)["role"], "operator");

  auto events = Call("GET", "/api/v1/events", nullptr, clerk);
  EXPECT_EQ(events.status, 403) << events.body;
  EXPECT_EQ(json::parse(events.body)["error"]["code"], "permission_denied");
  auto newdep = Call("POST", "/api/v1/departments", {{"code", "91320100748204660Q"}, {"name", "x"}}, clerk);
  EXPECT_EQ(newdep.status, 403);

  // An API key for the department's system can register subjects but not read the log.
  auto key = Call("POST", "/api/v1/api-keys",
                  {{"department", "11320100MB1886843H"}, {"role", "operator"}, {"label", "业务系统"}},
                  admin);
  ASSERT_EQ(key.status, 201) << key.body;
  const std::string api_key = json::parse(key.body)["key"];
  auto reg = Http(server_->port(), "POST", "/api/v1/subjects",
                  json{{"name", "南京某某科技有限公司"}, {"identifiers", {"91320100748204660Q"}}}.dump(),
                  {{"X-API-Key", api_key}});
  EXPECT_EQ(reg.status, 201) << reg.body;
  auto log = Http(server_->port(), "GET", "/api/v1/events", "", {{"X-API-Key", api_key}});
  EXPECT_EQ(log.status, 403);
}

TEST_F(ApiTest, SubjectsRegisterValidateAndMask) {
  const std::string admin = Login("admin", admin_password_);
  auto bad = Call("POST", "/api/v1/subjects",
                  {{"name", "某公司"}, {"identifiers", {"91320100748204661Q"}}}, admin);
  EXPECT_EQ(bad.status, 400);
  auto err = json::parse(bad.body)["error"];
  EXPECT_EQ(err["code"], "invalid_argument");
  EXPECT_NE(err["message"].get<std::string>().find("identifiers[0]"), std::string::npos) << err;

  auto person = Call("POST", "/api/v1/subjects",
                     {{"name", "李四"}, {"identifiers", {"11010519491231002X"}}}, admin);
  ASSERT_EQ(person.status, 201) << person.body;
  auto p = json::parse(person.body)["subject"];
  EXPECT_EQ(p["name"], "李*");
  EXPECT_EQ(p["identifiers"][0]["value"].get<std::string>().find("19491231"), std::string::npos);

  // Natural persons are not browsable publicly by number; organisations are.
  EXPECT_EQ(Call("GET", "/api/v1/public/subjects/11010519491231002X").status, 404);
  auto company = Call("POST", "/api/v1/subjects",
                      {{"name", "哈尔滨某某商贸有限公司"}, {"identifiers", {"91230500MA1B3N1N2M"}}}, admin);
  ASSERT_EQ(company.status, 201) << company.body;
  auto pub = Call("GET", "/api/v1/public/subjects/91230500MA1B3N1N2M");
  EXPECT_EQ(pub.status, 200) << pub.body;
  EXPECT_EQ(json::parse(pub.body)["name"], "哈尔滨某某商贸有限公司");

  auto check = Call("GET", "/api/v1/ids/check?code=91230500MA1B3N1N2N");
  EXPECT_EQ(check.status, 200);
  EXPECT_EQ(json::parse(check.body)["error"]["rule"], "check_character");

  auto verify = Call("GET", "/api/v1/audit/verify", nullptr, admin);
  EXPECT_EQ(verify.status, 200);
  EXPECT_TRUE(json::parse(verify.body)["ok"].get<bool>()) << verify.body;
}

TEST_F(ApiTest, MalformedJsonSaysWhere) {
  const std::string admin = Login("admin", admin_password_);
  auto r = Http(server_->port(), "POST", "/api/v1/subjects", "{\"name\": ", {{"Authorization", "Bearer " + admin}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(json::parse(r.body)["error"]["message"].get<std::string>().find("字节"),
            std::string::npos);
}

}  // namespace
}  // namespace xytest
