// Who may call what: every route the binary serves (read from `xinyong routes`, so that a new
// route cannot escape this test) against every kind of caller. One table below says, per route,
// which roles it is for; each cell follows from it:
//   - a caller of a role the route is for is let through (any answer but 401 and 403: the
//     request itself may be wrong, or name nothing, which is 400 or 404);
//   - anyone else signed in is refused with 403; a caller without a credential, with a
//     logged-out or expired session or a revoked API key, with 401;
//   - a public route lets every caller through, except that a withdrawn credential may be
//     refused (401) where the route also serves staff.
// A route the table does not name fails the test, and so does a name the table keeps for a
// route that is gone. No answer to anyone carries a person's full identity number.
// Identifiers in paths name nothing ({id} 999999, {code} an unused valid code), so no call
// changes anything a later call depends on.
#include <gtest/gtest.h>
#include <openssl/sha.h>
#include <sqlite3.h>

#include <algorithm>
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
      {"GET /api/v1/openapi.json", "public"},
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
      {"POST /api/v1/measures/{code}/basis-confirmation", "A"},
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
      {"POST /api/v1/tips", "public"},
      {"GET /api/v1/tips/{id}/track", "public"},
      {"POST /api/v1/tips/{id}/resend-code", "public"},
      {"GET /api/v1/tips", "AUO"},
      {"GET /api/v1/tips/{id}", "AUO"},
      {"GET /api/v1/tips/{id}/attachments/{n}", "AUO"},
      {"POST /api/v1/tips/{id}/route", "A"},
      {"POST /api/v1/tips/{id}/refuse", "A"},
      {"POST /api/v1/tips/{id}/extension", "AO"},
      {"POST /api/v1/tips/{id}/extension/approve", "A"},
      {"POST /api/v1/tips/{id}/answer", "AO"},
      {"GET /api/v1/public/cases", "public"},
      {"GET /api/v1/public/cases/{id}", "public"},
      {"GET /api/v1/cases", "AU"},
      {"GET /api/v1/cases/{id}", "AU"},
      {"POST /api/v1/cases", "A"},
      {"PUT /api/v1/cases/{id}", "A"},
      {"POST /api/v1/cases/{id}/submit", "A"},
      {"POST /api/v1/cases/{id}/approve", "A"},
      {"POST /api/v1/cases/{id}/return", "A"},
      {"POST /api/v1/cases/{id}/withdraw", "A"},
      {"GET /api/v1/monitoring", "AUOF"},
      {"GET /api/v1/monitoring/export", "AUOF"},
      {"GET /api/v1/monitoring/warnings", "AU"},
      {"GET /api/v1/commitment-kinds", "public"},
      {"POST /api/v1/commitments", "AOFS"},
      {"POST /api/v1/commitments/import", "AOF"},
      {"GET /api/v1/commitments", "AUOFS"},
      {"GET /api/v1/commitments/{code}", "AUOFS"},
      {"GET /api/v1/commitments/{code}/scan", "AUOFS"},
      {"POST /api/v1/commitments/{code}/fulfilment", "AOF"},
      {"POST /api/v1/commitments/{code}/withdraw", "AOF"},
      {"GET /api/v1/public/commitments", "public"},
      {"GET /api/v1/public/commitments/{code}", "public"},
      {"GET /api/v1/keys", "public"},
      {"GET /api/v1/report-kinds", "public"},
      {"POST /api/v1/reports", "AIS"},
      {"GET /api/v1/reports", "AUS"},
      {"GET /api/v1/reports/{number}", "AUIS"},
      {"GET /api/v1/reports/{number}/verify", "public"},
      {"GET /api/v1/reports/{number}/pdf", "AUIS"},
      {"GET /api/v1/evaluation-model", "public"},
      {"GET /api/v1/subjects/{code}/evaluation", "public"},
      {"GET /api/v1/subjects/{code}/evaluation/history", "AUOFS"},
      {"POST /api/v1/evaluations/sample", "AF"},
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
  // A person fined: the full identity number must reach no one through any route.
  const std::string person_id = "11010519491231002X";
  {
    const Caller clerk = User("clerk0", "operator", 'O', {{"department", dep}});
    json row = {{"CF_XDR_MC", "司马懿甲"}, {"CF_XDR_LB", "自然人"}, {"CF_XDR_ZJLX", "身份证"},
                {"CF_XDR_ZJHM", person_id}, {"CF_WSH", "宁市监罚〔2026〕601号"},
                {"CF_WFXW", "虚假宣传"}, {"CF_SY", "发布虚假广告"},
                {"CF_YJ", "《中华人民共和国广告法》第五十五条"}, {"CF_CFLB", "罚款"},
                {"CF_NR", "罚款"}, {"CF_NR_FK", 0.5}, {"CF_JDRQ", ChinaDay(-3)},
                {"CF_CFJG", "南京市市场监督管理局"}, {"CF_CFJGDM", dep},
                {"CF_SJLY", "南京市市场监督管理局"}, {"CF_SJLYDM", dep}};
    auto sent = Call("POST", "/api/v1/records?item=CF", json{row}.dump(), clerk.headers);
    ASSERT_EQ(sent.status, 200) << sent.body;
    ASSERT_EQ(json::parse(sent.body)["accepted"], 1) << sent.body;
  }
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
    // A session past its expiry (session_hours): its end moved into the past in the store, as
    // the clock would, before the server has seen the token.
    const std::string old = Login("admin", admin_password_);
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(old.data()), old.size(), digest);
    std::string hex;
    for (unsigned char b : digest) {
      static const char* kHex = "0123456789abcdef";
      hex += kHex[b >> 4];
      hex += kHex[b & 15];
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_.path() + "/xinyong.db").c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    const std::string sql = "UPDATE sessions SET expires_at = '2020-01-01T00:00:00.000Z' WHERE "
                            "token_hash = '" + hex + "'";
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    const int changed = sqlite3_changes(db);
    sqlite3_close(db);
    ASSERT_EQ(changed, 1) << "the session is stored under the SHA-256 of its token";
    callers.push_back({"expired session", 0, Bearer(old)});
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
                                {"{number}", "XY20260101000001"},
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
      EXPECT_EQ(reply.body.find(person_id), std::string::npos)
          << "a full identity number in the answer: " << reply.body.substr(0, 300);
      // A natural person's penalty is 授权查询 (policy/catalogue: natural_persons): no one
      // outside government — the public, a subject's account, an institution without the
      // person's authorisation — gets its document or the person's full name.
      if (c.role == 0 || c.role == 'I' || c.role == 'S') {
        EXPECT_EQ(reply.body.find("宁市监罚〔2026〕601号"), std::string::npos)
            << "an authorised-only record in the answer: " << reply.body.substr(0, 300);
        EXPECT_EQ(reply.body.find("司马懿甲"), std::string::npos)
            << "a natural person's full name in the answer: " << reply.body.substr(0, 300);
      }
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

// A department's own things (its records and batches, the list entries it proposed, the
// objections sent to it, its checks, subscriptions and notices) are refused to the same role of
// another department: 403 or 404 (its existence is not for others), with bodies that would
// be carried out if the caller were entitled, and nothing changes. Every route with a path
// parameter is named here or as not belonging to a department, so that a new one is not
// forgotten.
TEST_F(AuthorisationTest, AnotherDepartmentsThingsAreRefusedToItsPeers) {
  admin_ = Login("admin", admin_password_);
  const std::string dep_a = "11320100MB1886843H", dep_b = "11320100MB0E50000D";
  const std::string company = "91320100748204660Q";
  for (auto [code, name] : {std::pair{dep_a, "南京市市场监督管理局"},
                            std::pair{dep_b, "南京市住房和城乡建设局"}}) {
    ASSERT_EQ(Call("POST", "/api/v1/departments", json{{"code", code}, {"name", name}}.dump(),
                   Bearer(admin_))
                  .status,
              201);
  }
  const Caller op_a = User("op_a", "operator", 'O', {{"department", dep_a}});
  const Caller op_b = User("op_b", "operator", 'O', {{"department", dep_b}});
  const Caller off_a = User("off_a", "officer", 'F', {{"department", dep_a}});
  const Caller off_b = User("off_b", "officer", 'F', {{"department", dep_b}});

  // Department A's things.
  json penalty = {{"CF_XDR_MC", "南京某某科技有限公司"}, {"CF_XDR_LB", "法人及非法人组织"},
                  {"CF_XDR_SHXYM", company},            {"CF_FRDB", "张三"},
                  {"CF_WSH", "宁市监罚〔2026〕501号"},  {"CF_WFXW", "虚假宣传"},
                  {"CF_SY", "发布虚假广告"},            {"CF_YJ", "《中华人民共和国广告法》第五十五条"},
                  {"CF_CFLB", "罚款"},                  {"CF_NR", "罚款"},
                  {"CF_NR_FK", 2.5},                    {"CF_JDRQ", ChinaDay(-10)},
                  {"CF_CFJG", "南京市市场监督管理局"},  {"CF_CFJGDM", dep_a},
                  {"CF_SJLY", "南京市市场监督管理局"},  {"CF_SJLYDM", dep_a}};
  json bad = penalty;
  bad["CF_WSH"] = "宁市监罚〔2026〕502号";
  bad.erase("CF_FRDB");
  auto sent = Call("POST", "/api/v1/batches?item=CF&file_name=a.json", json{penalty, bad}.dump(),
                   op_a.headers);
  ASSERT_EQ(sent.status, 200) << sent.body;
  const std::string batch = std::to_string(json::parse(sent.body)["batch_id"].get<int64_t>());
  const json records = json::parse(Call("GET", "/api/v1/records?item=CF", "", op_a.headers).body);
  ASSERT_EQ(records["items"].size(), 1u) << records.dump();
  const std::string record = std::to_string(records["items"][0]["id"].get<int64_t>());
  auto proposed = Call("POST", "/api/v1/lists/entries",
                       json{{"subject", company}, {"list_kind", "serious"},
                            {"domain", "market_regulation"},
                            {"basis", "《市场监督管理严重违法失信名单管理办法》第二条"},
                            {"facts", "虚假宣传情节严重"}}
                           .dump(),
                       op_a.headers);
  ASSERT_EQ(proposed.status, 201) << proposed.body;
  const std::string entry = std::to_string(json::parse(proposed.body)["id"].get<int64_t>());
  auto objection = Call("POST", "/api/v1/objections",
                        json{{"target_kind", "record"}, {"target_id", std::stoll(record)},
                             {"filer_kind", "subject"}, {"filer_name", "南京某某科技有限公司"},
                             {"filer_contact", "025-12345678"}, {"reasons", "金额有误"},
                             {"attachments", {{{"name", "凭证.pdf"}, {"content_base64", "JVBERi0xLjQK"}}}}}
                            .dump(),
                        {});
  ASSERT_EQ(objection.status, 201) << objection.body;
  const std::string case_id = std::to_string(json::parse(objection.body)["id"].get<int64_t>());
  ASSERT_EQ(Call("POST", "/api/v1/objections/" + case_id + "/accept", "{}", Bearer(admin_)).status,
            200);
  auto checked = Call("GET", "/api/v1/subjects/" + std::string(company) +
                                 "/check?scenario=government_procurement",
                      "", off_a.headers);
  ASSERT_EQ(checked.status, 200) << checked.body;
  const std::string check = std::to_string(json::parse(checked.body)["check_id"].get<int64_t>());
  const std::string other_company = "91230500MA1B3N1N2M";
  ASSERT_EQ(Call("POST", "/api/v1/subjects",
                 json{{"name", "哈尔滨某某商贸有限公司"}, {"identifiers", {other_company}}}.dump(),
                 Bearer(admin_))
                .status,
            201);
  auto subscribed = Call("POST", "/api/v1/subscriptions",
                         json{{"name", "本部门关注"}, {"scope", "watch"}, {"subjects", {company}}}
                             .dump(),
                         off_a.headers);
  ASSERT_EQ(subscribed.status, 201) << subscribed.body;
  const std::string sub = std::to_string(json::parse(subscribed.body)["id"].get<int64_t>());
  // A tip the office routed to department A.
  auto tipped = Call("POST", "/api/v1/tips",
                     json{{"subject", company}, {"facts", "无证经营"},
                          {"attachments", {{{"name", "照片.jpg"}, {"content_base64", "/9j/4AAQ"}}}}}
                         .dump(),
                     {});
  ASSERT_EQ(tipped.status, 201) << tipped.body;
  const std::string tip = std::to_string(json::parse(tipped.body)["id"].get<int64_t>());
  ASSERT_EQ(Call("POST", "/api/v1/tips/" + tip + "/route", json{{"department", dep_a}}.dump(),
                 Bearer(admin_))
                .status,
            200);
  // A commitment department A accepted at its counter.
  auto pledged = Call("POST", "/api/v1/commitments",
                      json{{"kind", "审批替代型"},
                           {"subject", {{"code", company}, {"name", "南京某某科技有限公司"}}},
                           {"channel", "counter"},
                           {"scan", {{"name", "承诺书.pdf"}, {"content_base64", "JVBERi0xLjQK"}}}}
                          .dump(),
                      op_a.headers);
  ASSERT_EQ(pledged.status, 201) << pledged.body;
  const std::string pledge = json::parse(pledged.body)["code"];
  // A correction of the checked company's record tells the department that checked it.
  penalty["CF_NR_FK"] = 3.0;
  ASSERT_EQ(Call("POST", "/api/v1/records?item=CF", json{penalty}.dump(), op_a.headers).status,
            200);
  const json notices = json::parse(Call("GET", "/api/v1/notices", "", off_a.headers).body);
  ASSERT_FALSE(notices["items"].empty()) << notices.dump();
  const std::string notice = std::to_string(notices["items"][0]["id"].get<int64_t>());

  struct Probe {
    std::string method, pattern, target, body;
    const Caller* own;
    const Caller* other;
  };
  const std::vector<Probe> probes = {
      {"GET", "/api/v1/batches/{id}/rejections", "/api/v1/batches/" + batch + "/rejections", "",
       &op_a, &op_b},
      {"GET", "/api/v1/records/{id}", "/api/v1/records/" + record, "", &op_a, &op_b},
      {"POST", "/api/v1/records/{id}/revoke", "/api/v1/records/" + record + "/revoke",
       json{{"reason", "撤销"}}.dump(), nullptr, &op_b},
      {"GET", "/api/v1/lists/entries/{id}", "/api/v1/lists/entries/" + entry, "", &op_a, &op_b},
      {"POST", "/api/v1/lists/entries/{id}/notice", "/api/v1/lists/entries/" + entry + "/notice",
       json{{"notice_document", "告知书"}, {"defence_working_days", 5}}.dump(), nullptr, &op_b},
      {"POST", "/api/v1/lists/entries/{id}/decide", "/api/v1/lists/entries/" + entry + "/decide",
       json{{"decision_document", "决定书"}}.dump(), nullptr, &op_b},
      {"POST", "/api/v1/lists/entries/{id}/drop", "/api/v1/lists/entries/" + entry + "/drop",
       json{{"reason", "不予认定"}}.dump(), nullptr, &op_b},
      {"POST", "/api/v1/lists/entries/{id}/exit", "/api/v1/lists/entries/" + entry + "/exit",
       json{{"reason", "移出"}}.dump(), nullptr, &op_b},
      {"GET", "/api/v1/objections/{id}", "/api/v1/objections/" + case_id, "", &op_a, &op_b},
      {"GET", "/api/v1/objections/{id}/attachments/{n}",
       "/api/v1/objections/" + case_id + "/attachments/1", "", &op_a, &op_b},
      {"POST", "/api/v1/objections/{id}/extension", "/api/v1/objections/" + case_id + "/extension",
       json{{"reason", "需要调取案卷"}}.dump(), nullptr, &op_b},
      {"POST", "/api/v1/objections/{id}/decide", "/api/v1/objections/" + case_id + "/decide",
       json{{"decision", "kept"}, {"note", "事实清楚"}}.dump(), nullptr, &op_b},
      {"GET", "/api/v1/checks/{id}", "/api/v1/checks/" + check, "", &off_a, &off_b},
      {"POST", "/api/v1/checks/{id}/feedback", "/api/v1/checks/" + check + "/feedback",
       json{{"items", {{{"measure", "P1-01"}, {"applied", true}}}}}.dump(), nullptr, &off_b},
      {"GET", "/api/v1/subscriptions/{id}", "/api/v1/subscriptions/" + sub, "", &off_a, &off_b},
      {"GET", "/api/v1/subscriptions/{id}/watch", "/api/v1/subscriptions/" + sub + "/watch", "",
       &off_a, &off_b},
      {"POST", "/api/v1/subscriptions/{id}/watch", "/api/v1/subscriptions/" + sub + "/watch",
       json{{"add", {other_company}}}.dump(), nullptr, &off_b},
      {"GET", "/api/v1/subscriptions/{id}/feed", "/api/v1/subscriptions/" + sub + "/feed", "",
       &off_a, &off_b},
      {"DELETE", "/api/v1/subscriptions/{id}", "/api/v1/subscriptions/" + sub, "", nullptr,
       &off_b},
      {"POST", "/api/v1/notices/{id}/read", "/api/v1/notices/" + notice + "/read", "{}", nullptr,
       &off_b},
      {"GET", "/api/v1/tips/{id}", "/api/v1/tips/" + tip, "", &op_a, &op_b},
      {"GET", "/api/v1/tips/{id}/attachments/{n}", "/api/v1/tips/" + tip + "/attachments/1", "",
       &op_a, &op_b},
      {"POST", "/api/v1/tips/{id}/extension", "/api/v1/tips/" + tip + "/extension",
       json{{"reason", "需现场检查"}}.dump(), nullptr, &op_b},
      {"POST", "/api/v1/tips/{id}/answer", "/api/v1/tips/" + tip + "/answer",
       json{{"answer", "filed"}}.dump(), nullptr, &op_b},
      {"GET", "/api/v1/commitments/{code}", "/api/v1/commitments/" + pledge, "", &op_a, &op_b},
      {"GET", "/api/v1/commitments/{code}", "/api/v1/commitments/" + pledge, "", &off_a, &off_b},
      {"GET", "/api/v1/commitments/{code}/scan", "/api/v1/commitments/" + pledge + "/scan", "",
       &off_a, &op_b},
      {"POST", "/api/v1/commitments/{code}/fulfilment",
       "/api/v1/commitments/" + pledge + "/fulfilment", json{{"result", "fulfilled"}}.dump(),
       nullptr, &off_b},
      {"POST", "/api/v1/commitments/{code}/withdraw", "/api/v1/commitments/" + pledge + "/withdraw",
       json{{"reason", "录入错误"}}.dump(), nullptr, &op_b},
  };
  // Routes with a path parameter that belong to no department: the office's own, the public's,
  // a subject's (authorisations), or keyed by a subject's code.
  const std::set<std::string> not_departments = {
      "POST /api/v1/users/{id}/disable", "POST /api/v1/users/{id}/enable",
      "POST /api/v1/users/{id}/password", "DELETE /api/v1/api-keys/{id}",
      "GET /api/v1/subjects/{code}", "GET /api/v1/subjects/{code}/check",
      "POST /api/v1/records/{id}/dispute", "POST /api/v1/objections/{id}/resend-code",
      "POST /api/v1/repairs/{id}/resend-code", "GET /api/v1/objections/{id}/track",
      "POST /api/v1/objections/{id}/accept", "POST /api/v1/objections/{id}/refuse",
      "POST /api/v1/objections/{id}/extension/approve", "POST /api/v1/objections/{id}/close",
      "GET /api/v1/repairs/{id}/track", "GET /api/v1/repairs/{id}",
      "POST /api/v1/repairs/{id}/approve", "POST /api/v1/repairs/{id}/refuse",
      "POST /api/v1/repairs/{id}/revoke", "GET /api/v1/public/subjects/{code}",
      "DELETE /api/v1/authorisations/{id}", "GET /api/v1/authorised/subjects/{code}",
      "POST /api/v1/announcements/{id}/withdraw",
      "POST /api/v1/measures/{code}/basis-confirmation", "GET /api/v1/tips/{id}/track",
      "POST /api/v1/tips/{id}/resend-code", "POST /api/v1/tips/{id}/route",
      "POST /api/v1/tips/{id}/refuse", "POST /api/v1/tips/{id}/extension/approve",
      "GET /api/v1/public/cases/{id}", "GET /api/v1/cases/{id}", "PUT /api/v1/cases/{id}",
      "POST /api/v1/cases/{id}/submit", "POST /api/v1/cases/{id}/approve",
      "POST /api/v1/cases/{id}/return", "POST /api/v1/cases/{id}/withdraw",
      "GET /api/v1/public/commitments/{code}", "GET /api/v1/reports/{number}",
      "GET /api/v1/reports/{number}/verify", "GET /api/v1/reports/{number}/pdf",
      "GET /api/v1/subjects/{code}/evaluation", "GET /api/v1/subjects/{code}/evaluation/history"};
  auto listed = RunXinyong({"routes", "--data", dir_.path()});
  ASSERT_EQ(listed.exit_code, 0);
  std::istringstream lines(listed.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] != '{') continue;
    const json r = json::parse(line);
    const std::string pattern = r["pattern"], key = r["method"].get<std::string>() + " " + pattern;
    if (pattern.find('{') == std::string::npos || not_departments.count(key)) continue;
    EXPECT_TRUE(std::any_of(probes.begin(), probes.end(),
                            [&](const Probe& p) { return p.method + " " + p.pattern == key; }))
        << key << ": a route with a path parameter that this test does not probe";
  }

  for (const Probe& p : probes) {
    SCOPED_TRACE(p.method + " " + p.target + " as the other department's " + p.other->name);
    auto refused = Call(p.method, p.target, p.body, p.other->headers);
    EXPECT_TRUE(refused.status == 403 || refused.status == 404) << refused.status << " "
                                                                << refused.body;
    if (p.own) {
      auto own = Call(p.method, p.target, p.body, p.own->headers);
      EXPECT_EQ(own.status, 200) << "its own department reads it: " << own.body;
    }
  }
  // Nothing the other department tried took effect.
  EXPECT_EQ(json::parse(Call("GET", "/api/v1/records/" + record, "", op_a.headers).body)["status"],
            "active");
  EXPECT_EQ(json::parse(Call("GET", "/api/v1/lists/entries/" + entry, "", op_a.headers).body)["status"],
            "proposed");
  EXPECT_EQ(json::parse(Call("GET", "/api/v1/objections/" + case_id, "", op_a.headers).body)["status"],
            "accepted");
  EXPECT_EQ(Call("GET", "/api/v1/subscriptions/" + sub, "", off_a.headers).status, 200);
  const json routed_tip = json::parse(Call("GET", "/api/v1/tips/" + tip, "", op_a.headers).body);
  EXPECT_EQ(routed_tip["status"], "routed") << routed_tip.dump();
  EXPECT_TRUE(routed_tip["extension"]["requested_at"].is_null()) << routed_tip.dump();
  EXPECT_EQ(json::parse(Call("GET", "/api/v1/commitments/" + pledge, "", op_a.headers).body)["status"],
            "in_force");
  const json mine = json::parse(Call("GET", "/api/v1/checks/" + check, "", off_a.headers).body);
  EXPECT_TRUE(mine["feedback"].empty()) << mine.dump();
  const json watched =
      json::parse(Call("GET", "/api/v1/subscriptions/" + sub + "/watch", "", off_a.headers).body);
  EXPECT_EQ(watched["subjects"].size(), 1u) << watched.dump();
}

// A subject's grants (授权查询) and query log are its own: another subject's account can neither
// see nor withdraw them, and an institution reads a subject only under a current grant to it.
TEST_F(AuthorisationTest, ASubjectsGrantsAreItsOwnAndAnInstitutionReadsOnlyUnderOne) {
  admin_ = Login("admin", admin_password_);
  const std::string a = "91320100748204660Q", b = "91230500MA1B3N1N2M";
  const std::string bank1 = "91340600MA2PBP2120", bank2 = "91110000100000008J";
  for (auto [code, name] : {std::pair{a, "南京某某科技有限公司"}, std::pair{b, "哈尔滨某某商贸有限公司"}}) {
    ASSERT_EQ(Call("POST", "/api/v1/subjects", json{{"name", name}, {"identifiers", {code}}}.dump(),
                   Bearer(admin_))
                  .status,
              201);
  }
  for (auto [code, name] : {std::pair{bank1, "某某银行南京分行"}, std::pair{bank2, "另一银行南京分行"}}) {
    auto d = Call("POST", "/api/v1/departments", json{{"code", code}, {"name", name}}.dump(),
                  Bearer(admin_));
    ASSERT_EQ(d.status, 201) << d.body;
  }
  const Caller company_a = User("company_a", "subject", 'S', {{"subject", a}});
  const Caller company_b = User("company_b", "subject", 'S', {{"subject", b}});
  const Caller teller1 = User("teller1", "institution", 'I', {{"department", bank1}});
  const Caller teller2 = User("teller2", "institution", 'I', {{"department", bank2}});
  auto grant = Call("POST", "/api/v1/authorisations",
                    json{{"grantee", bank1}, {"purpose", "信易贷贷款审查"},
                         {"valid_until", ChinaDay(30)}}
                        .dump(),
                    company_a.headers);
  ASSERT_EQ(grant.status, 201) << grant.body;
  const std::string gid = std::to_string(json::parse(grant.body)["id"].get<int64_t>());
  const auto query = [](const std::string& code) {
    // purpose=信易贷贷款审查, as granted
    return "/api/v1/authorised/subjects/" + code +
           "?purpose=%E4%BF%A1%E6%98%93%E8%B4%B7%E8%B4%B7%E6%AC%BE%E5%AE%A1%E6%9F%A5";
  };
  EXPECT_EQ(Call("GET", query(a), "", teller1.headers).status, 200) << "under the grant";
  EXPECT_EQ(Call("GET", query(a), "", teller2.headers).status, 403) << "another institution";
  EXPECT_EQ(Call("GET", query(b), "", teller1.headers).status, 403) << "a subject that granted none";

  // Company B can neither see nor withdraw A's grant, nor read A's query log.
  auto withdraw = Call("DELETE", "/api/v1/authorisations/" + gid, "", company_b.headers);
  EXPECT_TRUE(withdraw.status == 403 || withdraw.status == 404) << withdraw.status << withdraw.body;
  const std::string listed = Call("GET", "/api/v1/authorisations", "", company_b.headers).body;
  EXPECT_EQ(listed.find(bank1), std::string::npos) << listed;
  auto other_log = Call("GET", "/api/v1/query-log?subject=" + a, "", company_b.headers);
  EXPECT_EQ(other_log.body.find("某某银行南京分行"), std::string::npos)
      << other_log.status << other_log.body;
  auto own_log = Call("GET", "/api/v1/query-log", "", company_a.headers);
  EXPECT_NE(own_log.body.find("某某银行南京分行"), std::string::npos) << own_log.body;
  EXPECT_EQ(Call("GET", query(a), "", teller1.headers).status, 200) << "the grant stands";
  // Withdrawn by its own subject: the institution is refused at once.
  ASSERT_EQ(Call("DELETE", "/api/v1/authorisations/" + gid, "", company_a.headers).status, 200);
  EXPECT_EQ(Call("GET", query(a), "", teller1.headers).status, 403);
}

}  // namespace
}  // namespace xytest
