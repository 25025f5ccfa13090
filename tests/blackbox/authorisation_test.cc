// Who may call what: every route the binary serves (read from `xinyong routes`, so that a new
// route cannot escape this test) against every kind of caller. One table below says, per route,
// which roles it is for; each cell follows from it:
//   - a caller of a role the route is for is let through (any answer but 401 and 403: the
//     request itself may be wrong, or name nothing, which is 400 or 404);
//   - anyone else signed in is refused with 403; a caller without a credential, with a
//     logged-out session or a revoked API key, with 401;
//   - a public route lets every caller through, except that a withdrawn credential may be
//     refused (401) where the route also serves staff.
// A route the table does not name fails the test, and so does a name the table keeps for a
// route that is gone. Identifiers in paths name nothing ({id} 999999, {code} an unused valid
// code), so no call changes anything a later call depends on.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "blackbox/harness.h"

namespace xytest {
namespace {

using nlohmann::json;

// A admin, U auditor, O operator, F officer (实施部门经办人), I institution, S subject.
// "public": anyone. "signed-in": every role.
const std::map<std::string, std::string>& AccessTable() {
  static const std::map<std::string, std::string> kTable = {
      {"GET /healthz", "public"},
      {"GET /readyz", "public"},
      {"GET /metrics", "public"},  // from a loopback address, as here; see SecurityTest
      {"POST /api/v1/sessions", "public"},
      {"DELETE /api/v1/sessions/current", "signed-in"},
      {"GET /api/v1/me", "signed-in"},
      {"GET /api/v1/departments", "signed-in"},
      {"POST /api/v1/departments", "A"},
      {"GET /api/v1/users", "AU"},
      {"POST /api/v1/users", "A"},
      {"POST /api/v1/users/{id}/disable", "A"},
      {"POST /api/v1/users/{id}/enable", "A"},
      {"POST /api/v1/users/{id}/password", "A"},
      {"POST /api/v1/me/password", "signed-in"},
      {"GET /api/v1/api-keys", "AU"},
      {"DELETE /api/v1/api-keys/{id}", "A"},
      {"POST /api/v1/api-keys", "A"},
      {"GET /api/v1/ids/check", "public"},
      {"POST /api/v1/subjects", "AO"},
      {"GET /api/v1/subjects/{code}", "signed-in"},
      {"GET /api/v1/events", "AU"},
      {"GET /api/v1/audit/verify", "AU"},
      {"POST /api/v1/records", "AO"},
      {"POST /api/v1/batches", "AO"},
      {"GET /api/v1/batches/{id}/rejections", "AOU"},
      {"GET /api/v1/records/{id}", "AOU"},
      {"POST /api/v1/records/{id}/revoke", "AO"},
      {"GET /api/v1/stats/intake", "AOU"},
      {"POST /api/v1/lists/entries", "AO"},
      {"GET /api/v1/lists/entries/{id}", "signed-in"},
      {"POST /api/v1/lists/entries/{id}/notice", "AO"},
      {"POST /api/v1/lists/entries/{id}/decide", "AO"},
      {"POST /api/v1/lists/entries/{id}/drop", "AO"},
      {"POST /api/v1/lists/entries/{id}/exit", "AO"},
      {"GET /api/v1/feed/lists", "AUF"},
      {"GET /api/v1/measures", "public"},
      {"GET /api/v1/subjects/{code}/check", "AF"},
      {"POST /api/v1/checks", "AF"},
      {"POST /api/v1/checks/{id}/feedback", "AF"},
      {"GET /api/v1/checks", "AUOF"},
      {"GET /api/v1/checks/{id}", "AUOF"},
      {"GET /api/v1/stats/checks", "AUOF"},
      {"POST /api/v1/records/{id}/dispute", "A"},
      {"POST /api/v1/subscriptions", "AF"},
      {"GET /api/v1/subscriptions", "AUF"},
      {"GET /api/v1/subscriptions/{id}", "AUF"},
      {"DELETE /api/v1/subscriptions/{id}", "AF"},
      {"GET /api/v1/subscriptions/{id}/watch", "AUF"},
      {"POST /api/v1/subscriptions/{id}/watch", "AF"},
      {"GET /api/v1/subscriptions/{id}/feed", "AUF"},
      {"POST /api/v1/objections", "public"},
      {"POST /api/v1/objections/{id}/resend-code", "public"},
      {"POST /api/v1/repairs/{id}/resend-code", "public"},
      {"GET /api/v1/objections/{id}/track", "public"},
      {"GET /api/v1/objections", "AUO"},
      {"GET /api/v1/objections/{id}", "AUO"},
      {"GET /api/v1/objections/{id}/attachments/{n}", "AUO"},
      {"POST /api/v1/objections/{id}/accept", "A"},
      {"POST /api/v1/objections/{id}/refuse", "A"},
      {"POST /api/v1/objections/{id}/extension", "AO"},
      {"POST /api/v1/objections/{id}/extension/approve", "A"},
      {"POST /api/v1/objections/{id}/close", "A"},
      {"POST /api/v1/objections/{id}/decide", "AO"},
      {"POST /api/v1/repairs/eligibility", "public"},
      {"POST /api/v1/repairs", "public"},
      {"GET /api/v1/repairs/{id}/track", "public"},
      {"GET /api/v1/repairs", "AU"},
      {"GET /api/v1/repairs/{id}", "AU"},
      {"POST /api/v1/repairs/{id}/approve", "A"},
      {"POST /api/v1/repairs/{id}/refuse", "A"},
      {"POST /api/v1/repairs/{id}/revoke", "A"},
      {"GET /api/v1/public/subjects/{code}", "public"},
      {"GET /api/v1/notices", "AOF"},
      {"POST /api/v1/notices/{id}/read", "AOF"},
      {"POST /api/v1/authorisations", "AS"},
      {"GET /api/v1/authorisations", "AUS"},
      {"DELETE /api/v1/authorisations/{id}", "AS"},
      {"GET /api/v1/authorised/subjects/{code}", "I"},
      {"GET /api/v1/query-log", "AUS"},
      {"GET /api/v1/catalogue", "public"},
      {"GET /api/v1/records", "AUO"},
      {"GET /api/v1/batches", "AUO"},
      {"GET /api/v1/lists/entries", "AUO"},
      {"GET /api/v1/stats/lists", "AUOF"},
      {"GET /api/v1/announcements", "public"},
      {"POST /api/v1/announcements", "A"},
      {"POST /api/v1/announcements/{id}/withdraw", "A"},
      {"GET /api/v1/public/records", "public"},
      {"GET /api/v1/public/lists", "public"},
      {"GET /api/v1/public/stats", "public"},
      {"GET /api/v1/public/departments", "public"},
      {"GET /api/v1/search", "public"},
  };
  return kTable;
}

struct Caller {
  std::string name;
  char role = 0;  // A U O F I S; 0 = no valid credential
  std::map<std::string, std::string> headers;
};

class AuthorisationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    admin_password_ = InitAndGetAdminPassword(dir_.path());
    server_ = std::make_unique<ServerProcess>(dir_.path());
    ASSERT_TRUE(server_->Start()) << server_->output();
  }
  void TearDown() override { EXPECT_EQ(server_->Terminate(), 0) << server_->output(); }

  HttpReply Call(const std::string& method, const std::string& target, const std::string& body,
                 const std::map<std::string, std::string>& headers) {
    auto h = headers;
    if (!body.empty()) h["Content-Type"] = "application/json";
    return Http(server_->port(), method, target, body, h);
  }
  std::string Login(const std::string& user, const std::string& password) {
    auto r = Call("POST", "/api/v1/sessions",
                  json{{"username", user}, {"password", password}}.dump(), {});
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body).value("token", "");
  }
  std::map<std::string, std::string> Bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
  }
  // A signed-in user of `role`.
  Caller User(const std::string& name, const std::string& role, char letter,
              const json& extra = json::object()) {
    json body = {{"username", name}, {"role", role}};
    body.update(extra);
    auto u = Call("POST", "/api/v1/users", body.dump(), Bearer(admin_));
    EXPECT_EQ(u.status, 201) << u.body;
    return {role, letter, Bearer(Login(name, json::parse(u.body).value("password", "")))};
  }

  TempDir dir_;
  std::string admin_password_;
  std::unique_ptr<ServerProcess> server_;
  std::string admin_;
};

TEST_F(AuthorisationTest, EveryRouteAnswersEachCallerAsTheTableSays) {
  admin_ = Login("admin", admin_password_);
  const std::string dep = "11320100MB1886843H";
  ASSERT_EQ(Call("POST", "/api/v1/departments",
                 json{{"code", dep}, {"name", "南京市市场监督管理局"}}.dump(), Bearer(admin_))
                .status,
            201);
  ASSERT_EQ(Call("POST", "/api/v1/subjects",
                 json{{"name", "南京某某科技有限公司"}, {"identifiers", {"91320100748204660Q"}}}
                     .dump(),
                 Bearer(admin_))
                .status,
            201);
  std::vector<Caller> callers;
  callers.push_back({"anonymous", 0, {}});
  callers.push_back({"admin", 'A', Bearer(admin_)});
  callers.push_back(User("auditor1", "auditor", 'U'));
  callers.push_back(User("operator1", "operator", 'O', {{"department", dep}}));
  callers.push_back(User("officer1", "officer", 'F', {{"department", dep}}));
  callers.push_back(User("bank1", "institution", 'I', {{"department", dep}}));
  callers.push_back(User("company1", "subject", 'S', {{"subject", "91320100748204660Q"}}));
  // Withdrawn credentials: a session logged out, an API key revoked.
  {
    const std::string gone = Login("admin", admin_password_);
    ASSERT_EQ(Call("DELETE", "/api/v1/sessions/current", "", Bearer(gone)).status / 100, 2);
    callers.push_back({"logged-out session", 0, Bearer(gone)});
    auto key = Call("POST", "/api/v1/api-keys",
                    json{{"department", dep}, {"role", "operator"}, {"label", "t"}}.dump(),
                    Bearer(admin_));
    ASSERT_EQ(key.status, 201) << key.body;
    const json k = json::parse(key.body);
    auto revoked = Call("DELETE", "/api/v1/api-keys/" + std::to_string(k["id"].get<int64_t>()),
                        json{{"reason", "测试：吊销"}}.dump(), Bearer(admin_));
    ASSERT_EQ(revoked.status / 100, 2) << revoked.body;
    callers.push_back({"revoked API key", 0, {{"X-API-Key", k["key"].get<std::string>()}}});
  }

  // The routes the binary serves, from its own registration.
  auto listed = RunXinyong({"routes", "--data", dir_.path()});
  ASSERT_EQ(listed.exit_code, 0) << listed.out;
  std::vector<std::pair<std::string, std::string>> routes;  // method, pattern
  std::istringstream lines(listed.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] != '{') continue;
    const json r = json::parse(line);
    routes.emplace_back(r["method"], r["pattern"]);
  }
  ASSERT_GT(routes.size(), 80u);
  const auto& table = AccessTable();
  std::set<std::string> seen;
  for (const auto& [method, pattern] : routes) {
    const std::string key = method + " " + pattern;
    seen.insert(key);
    EXPECT_TRUE(table.count(key)) << key << ": a route the access table does not name";
  }
  for (const auto& [key, who] : table) {
    EXPECT_TRUE(seen.count(key)) << key << ": in the table but not served";
  }
  // Logging out ends the caller's session: that route goes last.
  std::stable_partition(routes.begin(), routes.end(), [](const auto& r) {
    return !(r.first == "DELETE" && r.second == "/api/v1/sessions/current");
  });

  int cells = 0;
  for (const auto& [method, pattern] : routes) {
    const std::string key = method + " " + pattern;
    auto it = table.find(key);
    if (it == table.end()) continue;
    const std::string& who = it->second;
    std::string target = pattern;
    for (auto [param, value] : {std::pair<std::string, std::string>{"{id}", "999999"},
                                {"{code}", "91320105MA1Q2W3E4A"},
                                {"{n}", "1"}}) {
      for (size_t at; (at = target.find(param)) != std::string::npos;) {
        target.replace(at, param.size(), value);
      }
    }
    const std::string body = method == "POST" ? "{}" : "";
    for (const Caller& c : callers) {
      SCOPED_TRACE(key + " as " + c.name);
      auto reply = Call(method, target, body, c.headers);
      ++cells;
      const bool allowed = who == "public" || (c.role != 0 && (who == "signed-in" ||
                                                               who.find(c.role) != std::string::npos));
      if (allowed) {
        const bool withdrawn = c.role == 0 && !c.headers.empty();
        if (withdrawn && reply.status == 401) continue;  // a dead credential on a shared route
        EXPECT_NE(reply.status, 401) << reply.body;
        EXPECT_NE(reply.status, 403) << reply.body;
        EXPECT_LT(reply.status, 500) << reply.body;
      } else {
        EXPECT_EQ(reply.status, c.role == 0 ? 401 : 403) << reply.body;
      }
    }
  }
  EXPECT_GT(cells, 800);
}

}  // namespace
}  // namespace xytest
