// Tips (举报) through the real binary over HTTP: a tip filed by the public with a contact and a
// file, routed by the office, given more time, transferred and answered by two departments,
// followed by the tipster with the 查询码. Then every route the binary serves is called, with
// the tip's real ids, by every caller but the admin: no answer carries the tipster's name,
// phone (in any writing) or e-mail; nor does the database file, nor the server's log, whose
// lines for tip routes carry no client address. And a typical case (典型案例) written by one
// admin, approved by another, shown on the public site, and withdrawn.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "blackbox/harness.h"
#include "blackbox/rows.h"

namespace xytest {
namespace {

using nlohmann::json;

constexpr const char* kTipsterName = "欧阳举报人";
constexpr const char* kEmail = "tipster-7@example.cn";
const std::vector<std::string> kPhoneWritings = {"13912345678", "139 1234 5678", "139-1234-5678",
                                                 "+8613912345678"};

class TipsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    admin_password_ = InitAndGetAdminPassword(dir_.path());
    server_ = std::make_unique<ServerProcess>(dir_.path());
    ASSERT_TRUE(server_->Start()) << server_->output();
    admin_ = Bearer(Login("admin", admin_password_));
    for (auto [code, name] : {std::pair{kDepA, "南京市市场监督管理局"},
                              std::pair{kDepB, "南京市税务局"}}) {
      ASSERT_EQ(Call("POST", "/api/v1/departments", json{{"code", code}, {"name", name}}, admin_)
                    .status,
                201);
    }
    ASSERT_EQ(Call("POST", "/api/v1/subjects",
                   json{{"name", "南京某某科技有限公司"}, {"identifiers", {kCompany}}}, admin_)
                  .status,
              201);
  }
  void TearDown() override { EXPECT_EQ(server_->Terminate(), 0) << server_->output(); }

  HttpReply Call(const std::string& method, const std::string& target, const json& body,
                 const std::map<std::string, std::string>& headers) {
    auto h = headers;
    std::string text;
    if (!body.is_null()) {
      h["Content-Type"] = "application/json";
      text = body.dump();
    }
    return Http(server_->port(), method, target, text, h);
  }
  std::string Login(const std::string& user, const std::string& password) {
    auto r = Call("POST", "/api/v1/sessions", json{{"username", user}, {"password", password}}, {});
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body).value("token", "");
  }
  static std::map<std::string, std::string> Bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
  }
  std::map<std::string, std::string> User(const std::string& name, const std::string& role,
                                          const json& extra = json::object()) {
    json body = {{"username", name}, {"role", role}};
    body.update(extra);
    auto u = Call("POST", "/api/v1/users", body, admin_);
    EXPECT_EQ(u.status, 201) << u.body;
    return Bearer(Login(name, json::parse(u.body).value("password", "")));
  }

  static constexpr const char* kDepA = "11320100MB1886843H";
  static constexpr const char* kDepB = "11320100MB0E50000D";
  static constexpr const char* kCompany = "91320100748204660Q";
  TempDir dir_;
  std::string admin_password_;
  std::unique_ptr<ServerProcess> server_;
  std::map<std::string, std::string> admin_;
};

TEST_F(TipsApiTest, ATipIsFollowedToItsAnswerAndTheTipsterReachesNoOneButTheOffice) {
  const auto op_a = User("op_a", "operator", {{"department", kDepA}});
  const auto op_b = User("op_b", "operator", {{"department", kDepB}});
  auto filed = Call("POST", "/api/v1/tips",
                    json{{"subject", kCompany},
                         {"facts", "该公司在城东仓库无证生产食品，已持续三个月"},
                         {"contact", {{"name", kTipsterName}, {"phone", "139 1234 5678"},
                                      {"email", kEmail}}},
                         {"attachments", {{{"name", "现场照片.jpg"}, {"content_base64", "/9j/4AAQ"}}}}},
                    {});
  ASSERT_EQ(filed.status, 201) << filed.body;
  const json f = json::parse(filed.body);
  const std::string id = std::to_string(f["id"].get<int64_t>());
  const std::string token = f["token"];
  EXPECT_FALSE(f.contains("contact"));
  EXPECT_EQ(Call("GET", "/api/v1/tips/" + id + "/track?token=WRONG-CODE", nullptr, {}).status, 404);
  auto tracked = Call("GET", "/api/v1/tips/" + id + "/track?token=" + token, nullptr, {});
  ASSERT_EQ(tracked.status, 200) << tracked.body;
  EXPECT_EQ(json::parse(tracked.body)["status"], "submitted");
  EXPECT_EQ(tracked.body.find("城东仓库"), std::string::npos) << "a leaked code shows progress only";

  EXPECT_EQ(Call("GET", "/api/v1/tips/" + id, nullptr, op_a).status, 404) << "not routed yet";
  auto routed = Call("POST", "/api/v1/tips/" + id + "/route",
                     json{{"department", kDepA}, {"note", "请核查"}}, admin_);
  ASSERT_EQ(routed.status, 200) << routed.body;
  auto seen = Call("GET", "/api/v1/tips/" + id, nullptr, op_a);
  ASSERT_EQ(seen.status, 200) << seen.body;
  const json s = json::parse(seen.body);
  EXPECT_FALSE(s.contains("tipster"));
  EXPECT_NE(s["facts"].get<std::string>().find("城东仓库"), std::string::npos);
  EXPECT_EQ(Call("GET", "/api/v1/tips/" + id + "/attachments/1", nullptr, op_a).body,
            std::string("\xff\xd8\xff\xe0\x00\x10", 6));
  auto office = json::parse(Call("GET", "/api/v1/tips/" + id, nullptr, admin_).body);
  EXPECT_EQ(office["tipster"]["phone"], "139 1234 5678");
  EXPECT_EQ(office["tipster"]["anonymous"], false);

  ASSERT_EQ(Call("POST", "/api/v1/tips/" + id + "/extension", json{{"reason", "需现场检查"}}, op_a)
                .status,
            200);
  ASSERT_EQ(Call("POST", "/api/v1/tips/" + id + "/extension/approve", json::object(), admin_).status,
            200);
  auto moved = Call("POST", "/api/v1/tips/" + id + "/answer",
                    json{{"answer", "transferred"}, {"department", kDepB},
                         {"note", "涉嫌偷逃税款，属税务职责"}},
                    op_a);
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(Call("GET", "/api/v1/tips/" + id, nullptr, op_a).status, 404) << "passed on";
  auto answered = Call("POST", "/api/v1/tips/" + id + "/answer",
                       json{{"answer", "declined"}, {"reason_code", "no_violation"},
                            {"note", "经核查账簿，未发现偷逃税款"}},
                       op_b);
  ASSERT_EQ(answered.status, 200) << answered.body;
  const json t = json::parse(Call("GET", "/api/v1/tips/" + id + "/track?token=" + token, nullptr, {}).body);
  EXPECT_EQ(t["status"], "declined");
  EXPECT_EQ(t["reason"], "经核查未发现违法失信行为");
  EXPECT_EQ(t["department"], "南京市税务局");
  for (const auto& step : t["steps"]) EXPECT_FALSE(step.contains("actor")) << step.dump();

  // Every route, with the tip's ids, by everyone but the admin.
  std::vector<std::pair<std::string, std::map<std::string, std::string>>> callers = {
      {"anonymous", {}},
      {"operator of A", op_a},
      {"operator of B", op_b},
      {"officer of A", User("off_a", "officer", {{"department", kDepA}})},
      {"auditor", User("auditor1", "auditor")},
      {"institution", User("bank1", "institution", {{"department", kDepA}})},
      {"the tipped company", User("company1", "subject", {{"subject", kCompany}})}};
  auto listed = RunXinyong({"routes", "--data", dir_.path()});
  ASSERT_EQ(listed.exit_code, 0) << listed.out;
  std::istringstream lines(listed.out);
  int calls = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] != '{') continue;
    const json r = json::parse(line);
    const std::string method = r["method"], pattern = r["pattern"];
    // Every route of a tip is registered so that the access log keeps no address.
    EXPECT_EQ(r["log_address"], pattern.rfind("/api/v1/tips", 0) != 0) << line;
    if (method == "DELETE") continue;  // logging out, withdrawing: nothing to read
    std::string target = pattern;
    for (auto [param, value] : {std::pair<std::string, std::string>{"{id}", id},
                                {"{code}", kCompany}, {"{n}", "1"}}) {
      for (size_t at; (at = target.find(param)) != std::string::npos;) {
        target.replace(at, param.size(), value);
      }
    }
    if (pattern == "/api/v1/tips/{id}/track") target += "?token=" + token;
    if (pattern == "/api/v1/events") target += "?limit=1000";
    for (const auto& [who, headers] : callers) {
      auto reply = Call(method, target, method == "POST" ? json::object() : json(nullptr), headers);
      ++calls;
      for (const std::string& secret : [] {
             std::vector<std::string> all = kPhoneWritings;
             all.push_back(kTipsterName);
             all.push_back(kEmail);
             return all;
           }()) {
        EXPECT_EQ(reply.body.find(secret), std::string::npos)
            << method << " " << target << " as " << who << " carries " << secret << ": "
            << reply.body.substr(0, 300);
      }
    }
  }
  EXPECT_GT(calls, 600);

  // At rest and in the log.
  std::string stored;
  for (const char* name : {"xinyong.db", "xinyong.db-wal"}) {
    std::ifstream in(std::filesystem::path(dir_.path()) / name, std::ios::binary);
    stored += std::string(std::istreambuf_iterator<char>(in), {});
  }
  ASSERT_GT(stored.size(), 10000u);
  const std::string log = server_->output();
  for (const std::string& secret : {std::string("13912345678"), std::string("1234 5678"),
                                    std::string(kTipsterName), std::string(kEmail),
                                    std::string("城东仓库")}) {
    EXPECT_EQ(stored.find(secret), std::string::npos) << "in the database file: " << secret;
    EXPECT_EQ(log.find(secret), std::string::npos) << "in the server's log: " << secret;
  }
  std::istringstream log_lines(log);
  int tip_lines = 0;
  for (std::string line; std::getline(log_lines, line);) {
    if (line.find(" /api/v1/tips") == std::string::npos) continue;
    ++tip_lines;
    EXPECT_EQ(line.find("127.0.0.1"), std::string::npos) << "an address in: " << line;
    EXPECT_EQ(line.find(token), std::string::npos) << "the 查询码 in: " << line;
  }
  EXPECT_GT(tip_lines, 10) << log.substr(0, 2000);
}

TEST_F(TipsApiTest, FilesOverTheCapsAndBadContactsAreRefusedNamingTheField) {
  const json base = {{"subject", "某某餐馆"}, {"facts", "后厨卫生极差"}};
  json six = base;
  six["attachments"] = json::array();
  for (int i = 0; i < 6; ++i) six["attachments"].push_back({{"name", "a.jpg"}, {"content_base64", "/9j/"}});
  auto r = Call("POST", "/api/v1/tips", six, {});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("至多5个附件"), std::string::npos) << r.body;

  json big = base;
  // 5 MiB and one byte, in Base64.
  const size_t bytes = 5 * 1024 * 1024 + 1;
  std::string b64((bytes + 2) / 3 * 4, 'A');
  const size_t pad = (3 - bytes % 3) % 3;
  for (size_t i = 0; i < pad; ++i) b64[b64.size() - 1 - i] = '=';
  big["attachments"] = {{{"name", "大文件.pdf"}, {"content_base64", b64}}};
  r = Call("POST", "/api/v1/tips", big, {});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("attachments[0].content_base64"), std::string::npos) << r.body.substr(0, 300);

  json contact = base;
  contact["contact"] = {{"phone", "12345"}};
  r = Call("POST", "/api/v1/tips", contact, {});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("contact.phone"), std::string::npos) << r.body;
  contact["contact"] = {{"address", "x"}};
  r = Call("POST", "/api/v1/tips", contact, {});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("contact.address"), std::string::npos) << r.body;

  json anonymous = base;
  anonymous["contact"] = "kitchen-watch@example.cn";
  r = Call("POST", "/api/v1/tips", anonymous, {});
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string id = std::to_string(json::parse(r.body)["id"].get<int64_t>());
  auto resent = Call("POST", "/api/v1/tips/" + id + "/resend-code",
                     json{{"contact", "someone-else@example.cn"}}, {});
  auto right = Call("POST", "/api/v1/tips/" + id + "/resend-code",
                    json{{"contact", "Kitchen-Watch@example.cn"}}, {});
  EXPECT_EQ(resent.status, 202);
  EXPECT_EQ(right.status, 202);
  EXPECT_EQ(resent.body, right.body) << "the answer does not tell whether the contact matched";

  auto refused = Call("POST", "/api/v1/tips/" + id + "/refuse",
                      json{{"reason", "未指明可以核查的主体"}}, admin_);
  ASSERT_EQ(refused.status, 200) << refused.body;
  EXPECT_EQ(json::parse(refused.body)["status"], "refused");
  EXPECT_EQ(Call("POST", "/api/v1/tips/" + id + "/route", json{{"department", kDepA}}, admin_).status,
            422)
      << "a refused tip is over";
}

TEST_F(TipsApiTest, ATypicalCaseIsWrittenReviewedShownAndWithdrawn) {
  const auto clerk = User("clerk", "operator", {{"department", kDepA}});
  const auto reviewer = User("reviewer", "admin");
  auto sent = Call("POST", "/api/v1/records?item=CF",
                   json::array({PenaltyRow({.document = "宁市监罚〔2026〕88号", .decided = ChinaDay(-5)})}),
                   clerk);
  ASSERT_EQ(sent.status, 200) << sent.body;
  const json page = json::parse(Call("GET", std::string("/api/v1/public/subjects/") + kCompany, nullptr, {}).body);
  ASSERT_EQ(page["records"].size(), 1u) << page.dump();
  const int64_t record = page["records"][0]["id"];
  const json draft = {{"kind", "dishonest"},
                      {"title", "某公司发布虚假广告案"},
                      {"body", "该公司在网络平台发布虚假广告，被依法处以罚款。"},
                      {"subjects", {kCompany}},
                      {"records", {record}}};
  auto made = Call("POST", "/api/v1/cases", draft, admin_);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string id = std::to_string(json::parse(made.body)["id"].get<int64_t>());
  json edited = draft;
  edited["title"] = "南京某某科技有限公司发布虚假广告案";
  auto put = Call("PUT", "/api/v1/cases/" + id, edited, admin_);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(Call("PUT", "/api/v1/cases/" + id, edited, reviewer).status, 403) << "the author's draft";
  ASSERT_EQ(Call("POST", "/api/v1/cases/" + id + "/submit", json::object(), admin_).status, 200);
  EXPECT_EQ(Call("POST", "/api/v1/cases/" + id + "/approve", json::object(), admin_).status, 422)
      << "the author does not approve";
  auto approved = Call("POST", "/api/v1/cases/" + id + "/approve", json{{"note", "事实清楚"}}, reviewer);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(json::parse(approved.body)["status"], "published");

  const json listed = json::parse(Call("GET", "/api/v1/public/cases?kind=dishonest", nullptr, {}).body);
  ASSERT_EQ(listed["items"].size(), 1u) << listed.dump();
  EXPECT_EQ(listed["items"][0]["title"], "南京某某科技有限公司发布虚假广告案");
  EXPECT_EQ(listed["items"][0]["kind_label"], "失信");
  auto one = Call("GET", "/api/v1/public/cases/" + id, nullptr, {});
  ASSERT_EQ(one.status, 200) << one.body;
  const json shown = json::parse(one.body);
  EXPECT_EQ(shown["records"].size(), 1u);
  EXPECT_EQ(shown["subjects"][0]["code"], kCompany);
  EXPECT_FALSE(shown.contains("author")) << "no clerk on the public page";

  // A second case returned to its author with reasons.
  auto second = Call("POST", "/api/v1/cases", draft, admin_);
  ASSERT_EQ(second.status, 201);
  const std::string id2 = std::to_string(json::parse(second.body)["id"].get<int64_t>());
  ASSERT_EQ(Call("POST", "/api/v1/cases/" + id2 + "/submit", json::object(), admin_).status, 200);
  auto returned = Call("POST", "/api/v1/cases/" + id2 + "/return", json{{"reason", "标题请写明主体名称"}}, reviewer);
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(json::parse(returned.body)["status"], "draft");

  auto withdrawn = Call("POST", "/api/v1/cases/" + id + "/withdraw", json{{"reason", "当事人已整改"}}, admin_);
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(Call("GET", "/api/v1/public/cases/" + id, nullptr, {}).status, 404);
  const auto auditor = User("auditor1", "auditor");
  const json kept = json::parse(Call("GET", "/api/v1/cases?status=withdrawn", nullptr, auditor).body);
  ASSERT_EQ(kept["items"].size(), 1u) << kept.dump();
  EXPECT_EQ(kept["items"][0]["withdraw_reason"], "当事人已整改");
  auto full = Call("GET", "/api/v1/cases/" + id, nullptr, auditor);
  ASSERT_EQ(full.status, 200) << full.body;
  EXPECT_GE(json::parse(full.body)["steps"].size(), 5u);
  EXPECT_EQ(Call("GET", "/api/v1/cases", nullptr, clerk).status, 403);
}

}  // namespace
}  // namespace xytest
