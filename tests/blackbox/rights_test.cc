// The subjects' rights through the real binary over HTTP: an objection filed by the public
// and followed with its token while the office and the department work it; a repair refused
// before its minimum period and approved after it, leaving the public page at once; a bank
// that sees authorised data only under a current authorisation, and the subject's query log.
#include <gtest/gtest.h>

#include <ctime>
#include <nlohmann/json.hpp>

#include "blackbox/harness.h"
#include "blackbox/rows.h"

namespace xytest {
namespace {

using nlohmann::json;

class RightsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    admin_password_ = InitAndGetAdminPassword(dir_.path());
    server_ = std::make_unique<ServerProcess>(dir_.path());
    ASSERT_TRUE(server_->Start()) << server_->output();
    admin_ = Login("admin", admin_password_);
    ASSERT_EQ(Call("POST", "/api/v1/departments",
                   {{"code", "11320100MB1886843H"}, {"name", "南京市市场监督管理局"}}, admin_)
                  .status,
              201);
    auto user =
        Call("POST", "/api/v1/users",
             {{"username", "clerk"}, {"role", "operator"}, {"department", "11320100MB1886843H"}},
             admin_);
    ASSERT_EQ(user.status, 201) << user.body;
    clerk_ = Login("clerk", json::parse(user.body)["password"]);
  }
  void TearDown() override { EXPECT_EQ(server_->Terminate(), 0) << server_->output(); }

  HttpReply Call(const std::string& method, const std::string& target, const json& body = nullptr,
                 const std::string& token = "") {
    std::map<std::string, std::string> h;
    if (!token.empty()) h["Authorization"] = "Bearer " + token;
    return Http(server_->port(), method, target, body.is_null() ? "" : body.dump(), h);
  }
  std::string Login(const std::string& user, const std::string& password) {
    auto r = Call("POST", "/api/v1/sessions", {{"username", user}, {"password", password}});
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body).value("token", "");
  }
  // A fine of the company decided on `date`, as the department's system sends it; its record id.
  int64_t Penalty(const std::string& document, const std::string& date) {
    json rows = json::array({PenaltyRow({.document = document, .decided = date})});
    auto r = Http(server_->port(), "POST", "/api/v1/records?item=CF", rows.dump(),
                  {{"Authorization", "Bearer " + clerk_}});
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(json::parse(r.body)["accepted"], 1) << r.body;
    auto page = json::parse(Call("GET", "/api/v1/public/subjects/91320100748204660Q").body);
    for (const auto& rec : page["records"]) {
      if (rec["fields"]["CF_WSH"] == document) return rec["id"];
    }
    ADD_FAILURE() << "not on the public page: " << page.dump();
    return 0;
  }
  static std::string Day(int days) { return ChinaDay(days); }
  // The company's application to repair `record`, with every declaration of policy.
  static json RepairOf(int64_t record) {
    return {{"target_kind", "record"},
            {"target_id", record},
            {"applicant_name", "南京某某科技有限公司"},
            {"applicant_contact", "025-12345678"},
            {"evidence",
             {{"obligations_fulfilled", true}, {"harm_removed", true}, {"commitment", true}}}};
  }
  // The company 91320100748204660Q, registered by the clerk.
  void AddCompany() {
    ASSERT_EQ(Call("POST", "/api/v1/subjects",
                   {{"name", "南京某某科技有限公司"}, {"identifiers", {"91320100748204660Q"}}},
                   clerk_)
                  .status,
              201);
  }
  // A list entry of that company proposed by the clerk; its id.
  std::string ProposeEntry(const char* kind, const char* domain, const char* basis,
                           const char* facts) {
    auto r = Call("POST", "/api/v1/lists/entries",
                  {{"subject", "91320100748204660Q"},
                   {"list_kind", kind},
                   {"domain", domain},
                   {"basis", basis},
                   {"facts", facts}},
                  clerk_);
    EXPECT_EQ(r.status, 201) << r.body;
    return std::to_string(json::parse(r.body).value("id", int64_t{0}));
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::string admin_password_, admin_, clerk_;
};

// Issue 22, item 9: a list entry decided without an end takes the policy's period, one beyond
// the maximum is refused; a disputed entry reads 异议处理中 on the public page like a record.
TEST_F(RightsApiTest, AListEntryEndsAndADisputedOneIsMarkedOnThePublicPage) {
  AddCompany();
  const std::string id = ProposeEntry("red", "tax", "《纳税信用管理办法》", "纳税信用A级");
  auto beyond = Call("POST", "/api/v1/lists/entries/" + id + "/decide",
                     {{"decision_document", "纳税信用A级名单"}, {"valid_until", Day(365 * 4)}},
                     clerk_);
  EXPECT_EQ(beyond.status, 400) << beyond.body;
  EXPECT_NE(beyond.body.find("valid_until"), std::string::npos) << beyond.body;
  auto decided = Call("POST", "/api/v1/lists/entries/" + id + "/decide",
                      {{"decision_document", "纳税信用A级名单"}}, clerk_);
  ASSERT_EQ(decided.status, 200) << decided.body;
  const json entry = json::parse(decided.body);
  const std::string from = entry["valid_from"];
  ASSERT_TRUE(entry["valid_until"].is_string()) << decided.body;
  EXPECT_EQ(entry["valid_until"].get<std::string>().substr(0, 4),
            std::to_string(std::stoi(from.substr(0, 4)) + 3))
      << "a red list's three years: " << decided.body;
  EXPECT_EQ(entry["valid_until"].get<std::string>().substr(4), from.substr(4)) << decided.body;

  auto filed = Call("POST", "/api/v1/objections",
                    {{"target_kind", "list_entry"},
                     {"target_id", std::stoll(id)},
                     {"filer_kind", "subject"},
                     {"filer_name", "南京某某科技有限公司"},
                     {"filer_contact", "025-12345678"},
                     {"reasons", "认定日期有误"}});
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::string objection = std::to_string(json::parse(filed.body)["id"].get<int64_t>());
  ASSERT_EQ(
      Call("POST", "/api/v1/objections/" + objection + "/accept", json::object(), admin_).status,
      200);
  json page = json::parse(Call("GET", "/api/v1/public/subjects/91320100748204660Q").body);
  ASSERT_EQ(page["lists"].size(), 1u) << page.dump();
  EXPECT_EQ(page["lists"][0]["disputed_label"], "异议处理中") << page.dump();
  json listed = json::parse(Call("GET", "/api/v1/public/lists?kind=red").body);
  ASSERT_FALSE(listed["items"].empty()) << listed.dump();
  EXPECT_EQ(listed["items"][0]["disputed_label"], "异议处理中") << listed.dump();
}

TEST_F(RightsApiTest, ThePublicObjectsAndFollowsTheCase) {
  const int64_t record = Penalty("宁市监罚〔2026〕21号", Day(-10));
  auto filed =
      Call("POST", "/api/v1/objections",
           {{"target_kind", "record"},
            {"target_id", record},
            {"filer_kind", "subject"},
            {"filer_name", "南京某某科技有限公司"},
            {"filer_contact", "025-12345678"},
            {"reasons", "罚款金额有误"},
            {"attachments", {{{"name", "凭证.pdf"}, {"content_base64", "JVBERi0xLjQK"}}}}});
  ASSERT_EQ(filed.status, 201) << filed.body;
  const json f = json::parse(filed.body);
  // A limit in a year whose holiday notice is not in policy/calendar is marked provisional
  // (from December 2026 on, the 20-working-day close_due reaches into 2027).
  const std::string provisional_from =
      json::parse(Call("GET", "/readyz").body)["calendar_provisional_from"];
  json marked = json::array();
  for (const char* name : {"accept_due", "close_due"}) {
    if (f[name].get<std::string>() >= provisional_from) marked.push_back(name);
  }
  EXPECT_EQ(f["provisional_dates"], marked) << filed.body;
  EXPECT_EQ(f["provisional"], !marked.empty()) << filed.body;
  const std::string id = std::to_string(f["id"].get<int64_t>());
  const std::string track =
      "/api/v1/objections/" + id + "/track?token=" + f["token"].get<std::string>();
  EXPECT_EQ(Call("GET", "/api/v1/objections/" + id + "/track?token=nope").status, 404);
  EXPECT_EQ(Call("POST", "/api/v1/objections/" + id + "/accept", json::object(), clerk_).status,
            403)
      << "only the office accepts";
  ASSERT_EQ(Call("POST", "/api/v1/objections/" + id + "/accept", json::object(), admin_).status,
            200);
  json page = json::parse(Call("GET", "/api/v1/public/subjects/91320100748204660Q").body);
  EXPECT_EQ(page["records"][0]["disputed_label"], "异议处理中") << page.dump();
  auto own = json::parse(Call("GET", "/api/v1/objections?status=accepted", nullptr, clerk_).body);
  ASSERT_EQ(own["items"].size(), 1u) << "the department sees the case sent to it";
  auto file = Call("GET", "/api/v1/objections/" + id + "/attachments/1", nullptr, clerk_);
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.body, "%PDF-1.4\n") << "the attachment as filed";
  EXPECT_EQ(Call("GET", "/api/v1/objections/" + id + "/attachments/2", nullptr, clerk_).status,
            404);
  auto decided = Call("POST", "/api/v1/objections/" + id + "/decide",
                      {{"decision", "kept"}, {"note", "处罚事实清楚，金额无误"}}, clerk_);
  ASSERT_EQ(decided.status, 200) << decided.body;
  ASSERT_EQ(Call("POST", "/api/v1/objections/" + id + "/close", json::object(), admin_).status,
            200);
  json seen = json::parse(Call("GET", track).body);
  EXPECT_EQ(seen["status"], "closed");
  EXPECT_EQ(seen["decision"], "kept");
  ASSERT_EQ(seen["steps"].size(), 4u) << seen.dump();
  EXPECT_FALSE(seen["steps"][1].contains("actor")) << "the filer is not shown clerks' names";
  page = json::parse(Call("GET", "/api/v1/public/subjects/91320100748204660Q").body);
  ASSERT_FALSE(page["records"].empty()) << page.dump();
  EXPECT_TRUE(page["records"][0].at("disputed_label").is_null());

  // A lost 查询码 (issue 16, item 5): anyone may ask, without a credential; the answer is the
  // same for a wrong contact and the right one, and only the right one voids the old code.
  const std::string resend = "/api/v1/objections/" + id + "/resend-code";
  auto wrong = Call("POST", resend, {{"contact", "13900000000"}});
  EXPECT_EQ(wrong.status, 202) << wrong.body;
  EXPECT_EQ(Call("GET", track).status, 200) << "a wrong contact changes nothing";
  auto right = Call("POST", resend, {{"contact", "+86 025-1234-5678"}});
  EXPECT_EQ(right.status, 202) << right.body;
  EXPECT_EQ(right.body, wrong.body) << "the answer does not tell them apart";
  EXPECT_EQ(Call("GET", track).status, 404) << "the old code is void";
  EXPECT_EQ(right.body.find(f["token"].get<std::string>()), std::string::npos);
  EXPECT_EQ(Call("POST", resend, json::object()).status, 400) << "the contact is required";
}

TEST_F(RightsApiTest, RepairLeavesThePublicPageAtOnce) {
  json request = RepairOf(0);
  const int64_t old = Penalty("宁市监罚〔2026〕23号", Day(-120));
  request["target_id"] = old;
  auto check = json::parse(Call("POST", "/api/v1/repairs/eligibility", request).body);
  EXPECT_TRUE(check["eligible"].get<bool>()) << check.dump();
  auto filed = Call("POST", "/api/v1/repairs", request);
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::string id = std::to_string(json::parse(filed.body)["id"].get<int64_t>());
  ASSERT_EQ(
      Call("POST", "/api/v1/repairs/" + id + "/approve", {{"note", "材料齐全"}}, admin_).status,
      200);
  json page = json::parse(Call("GET", "/api/v1/public/subjects/91320100748204660Q").body);
  EXPECT_TRUE(page["records"].empty()) << "gone from the public page at once: " << page.dump();

  // A penalty decided 10 days ago is before its 3-month minimum: refused, and told why.
  const int64_t recent = Penalty("宁市监罚〔2026〕22号", Day(-10));
  request["target_id"] = recent;
  auto early = Call("POST", "/api/v1/repairs", request);
  EXPECT_EQ(early.status, 422) << early.body;
  EXPECT_NE(early.body.find("minimum_period"), std::string::npos) << early.body;
  page = json::parse(Call("GET", "/api/v1/public/subjects/91320100748204660Q").body);
  ASSERT_EQ(page["records"].size(), 1u) << page.dump();
  EXPECT_EQ(page["records"][0]["id"], recent);
}

// The office's other steps on a case, each answered as docs/openapi.json says (the API contract
// test checks these recorded answers): an objection refused, another given more time, a
// record marked disputed by hand.
TEST_F(RightsApiTest, TheOfficeRefusesAnObjectionExtendsAnotherAndMarksARecordDisputed) {
  const int64_t record = Penalty("宁市监罚〔2026〕31号", Day(-10));
  auto file = [&](const char* reasons) {
    auto r = Call("POST", "/api/v1/objections",
                  {{"target_kind", "record"},
                   {"target_id", record},
                   {"filer_kind", "subject"},
                   {"filer_name", "南京某某科技有限公司"},
                   {"filer_contact", "025-12345678"},
                   {"reasons", reasons}});
    EXPECT_EQ(r.status, 201) << r.body;
    return "/api/v1/objections/" + std::to_string(json::parse(r.body)["id"].get<int64_t>());
  };
  const std::string refused = file("与本企业无关");
  auto r = Call("POST", refused + "/refuse", {{"reason", "异议申请未说明理由和依据"}}, admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["status"], "refused") << r.body;

  const std::string extended = file("罚款金额有误");
  ASSERT_EQ(Call("POST", extended + "/accept", json::object(), admin_).status, 200);
  r = Call("POST", extended + "/extension", {{"reason", "需向处罚机关调取案卷"}}, clerk_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["extension"]["reason"], "需向处罚机关调取案卷") << r.body;
  EXPECT_EQ(json::parse(r.body)["extension"]["approved"], false) << r.body;
  r = Call("POST", extended + "/extension/approve", json::object(), admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["extension"]["approved"], true) << r.body;

  const std::string path = "/api/v1/records/" + std::to_string(record) + "/dispute";
  r = Call("POST", path, {{"disputed", false}}, admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["disputed"], false);
  json page = json::parse(Call("GET", "/api/v1/public/subjects/91320100748204660Q").body);
  ASSERT_EQ(page["records"].size(), 1u) << page.dump();
  EXPECT_TRUE(page["records"][0].at("disputed_label").is_null()) << page.dump();
  r = Call("POST", path, {{"disputed", true}}, admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  page = json::parse(Call("GET", "/api/v1/public/subjects/91320100748204660Q").body);
  ASSERT_EQ(page["records"].size(), 1u) << page.dump();
  EXPECT_EQ(page["records"][0].at("disputed_label"), "异议处理中") << page.dump();
}

// A repair followed by the applicant, read and refused by the office; another approved, then
// revoked for false materials (the record returns to the public page).
TEST_F(RightsApiTest, RepairsAreFollowedRefusedAndRevoked) {
  json request = RepairOf(0);
  request["target_id"] = Penalty("宁市监罚〔2026〕33号", Day(-120));
  auto filed = Call("POST", "/api/v1/repairs", request);
  ASSERT_EQ(filed.status, 201) << filed.body;
  const json f = json::parse(filed.body);
  const std::string first = "/api/v1/repairs/" + std::to_string(f["id"].get<int64_t>());
  auto tracked = Call("GET", first + "/track?token=" + f["token"].get<std::string>());
  ASSERT_EQ(tracked.status, 200) << tracked.body;
  EXPECT_EQ(json::parse(tracked.body)["status"], f["status"]);
  auto read = Call("GET", first, nullptr, admin_);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(json::parse(read.body)["applicant"], "南京某某科技有限公司") << read.body;
  auto resent = Call("POST", first + "/resend-code", {{"contact", "025-12345678"}});
  EXPECT_EQ(resent.status, 202) << resent.body;
  auto refused = Call("POST", first + "/refuse", {{"reason", "未提交履行完毕的证明"}}, admin_);
  ASSERT_EQ(refused.status, 200) << refused.body;
  EXPECT_EQ(json::parse(refused.body)["status"], "refused") << refused.body;

  const int64_t other = Penalty("宁市监罚〔2026〕34号", Day(-120));
  request["target_id"] = other;
  filed = Call("POST", "/api/v1/repairs", request);
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::string second =
      "/api/v1/repairs/" + std::to_string(json::parse(filed.body)["id"].get<int64_t>());
  ASSERT_EQ(Call("POST", second + "/approve", {{"note", "材料齐全"}}, admin_).status, 200);
  const auto shown = [&] {
    const json page = json::parse(Call("GET", "/api/v1/public/subjects/91320100748204660Q").body);
    for (const auto& rec : page["records"]) {
      if (rec["id"] == other) return true;
    }
    return false;
  };
  EXPECT_FALSE(shown()) << "a repaired record leaves the public page";
  auto revoked = Call("POST", second + "/revoke", {{"reason", "缴款凭证系伪造"}}, admin_);
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(json::parse(revoked.body)["status"], "revoked") << revoked.body;
  EXPECT_TRUE(shown()) << "a revoked repair puts the record back";
}

// A list entry noticed and dropped; an announcement published and withdrawn; a measure's
// basis confirmed; a department told of a revoked record of a subject it checked, and the notice
// read; a subscription watching a company, then ended; a session ended.
TEST_F(RightsApiTest, TheOfficeAndTheDepartmentsOtherSteps) {
  AddCompany();
  const std::string entry =
      "/api/v1/lists/entries/" +
      ProposeEntry("serious", "market_regulation",
                   "《市场监督管理严重违法失信名单管理办法》（国家市场监督管理总局令第44号）",
                   "一年内三次因虚假宣传受到行政处罚");
  auto noticed = Call("POST", entry + "/notice",
                      {{"notice_document", "宁市监告〔2026〕5号"}, {"defence_working_days", 5}},
                      clerk_);
  ASSERT_EQ(noticed.status, 200) << noticed.body;
  auto dropped = Call("POST", entry + "/drop", {{"reason", "当事人陈述申辩理由成立"}}, clerk_);
  ASSERT_EQ(dropped.status, 200) << dropped.body;
  EXPECT_EQ(json::parse(dropped.body)["status"], "dropped") << dropped.body;

  auto announced = Call("POST", "/api/v1/announcements",
                        {{"title", "关于开展信用修复集中服务的通知"}, {"body", "12月起每周三受理。"}},
                        admin_);
  ASSERT_EQ(announced.status, 201) << announced.body;
  const std::string id = std::to_string(json::parse(announced.body)["id"].get<int64_t>());
  auto withdrawn = Call("POST", "/api/v1/announcements/" + id + "/withdraw",
                        {{"reason", "日期有误，另行发布"}}, admin_);
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;

  auto confirmed = Call("POST", "/api/v1/measures/P1-04/basis-confirmation",
                        {{"document", "国发〔2016〕33号"},
                         {"article", "第十一条"},
                         {"source", "中国政府网 www.gov.cn 所载全文"},
                         {"note", "已核对原文"}},
                        admin_);
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;

  const int64_t fined = Penalty("宁市监罚〔2026〕35号", Day(-2));
  auto made = Call("POST", "/api/v1/users",
                   {{"username", "approver"}, {"role", "officer"}, {"department", "11320100MB1886843H"}},
                   admin_);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string officer = Login("approver", json::parse(made.body)["password"]);
  ASSERT_EQ(Call("POST", "/api/v1/checks",
                 {{"scenario", "administrative_licensing"}, {"subjects", {"91320100748204660Q"}}},
                 officer)
                .status,
            200);
  // A record of a subject the department checked is revoked: the department is told.
  ASSERT_EQ(Call("POST", "/api/v1/records/" + std::to_string(fined) + "/revoke",
                 {{"reason", "处罚决定已被复议机关撤销"}}, clerk_)
                .status,
            200);
  const json notices = json::parse(Call("GET", "/api/v1/notices", nullptr, officer).body);
  ASSERT_FALSE(notices["items"].empty()) << "the checker's department is told: " << notices.dump();
  const std::string notice = std::to_string(notices["items"][0]["id"].get<int64_t>());
  auto read = Call("POST", "/api/v1/notices/" + notice + "/read", json::object(), officer);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_TRUE(json::parse(read.body)["read_at"].is_string()) << read.body;

  auto sub = Call("POST", "/api/v1/subscriptions",
                  {{"name", "本市重点企业"}, {"scope", "watch"}, {"subjects", {"91320100748204660Q"}}},
                  officer);
  ASSERT_EQ(sub.status, 201) << sub.body;
  const std::string sub_path =
      "/api/v1/subscriptions/" + std::to_string(json::parse(sub.body)["id"].get<int64_t>());
  ASSERT_EQ(Call("POST", "/api/v1/subjects",
                 {{"name", "哈尔滨某某商贸有限公司"}, {"identifiers", {"91230500MA1B3N1N2M"}}}, clerk_)
                .status,
            201);
  auto watched = Call("POST", sub_path + "/watch", {{"add", {"91230500MA1B3N1N2M"}}}, officer);
  ASSERT_EQ(watched.status, 200) << watched.body;
  auto ended = Call("DELETE", sub_path, nullptr, officer);
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_EQ(json::parse(ended.body)["active"], false) << ended.body;

  auto out = Call("DELETE", "/api/v1/sessions/current", nullptr, officer);
  ASSERT_EQ(out.status, 204) << out.body;
  EXPECT_EQ(Call("GET", "/api/v1/notices", nullptr, officer).status, 401) << "the session ended";
}

TEST_F(RightsApiTest, ABankQueriesOnlyUnderAnAuthorisationAndTheSubjectSeesIt) {
  Penalty("宁市监罚〔2026〕24号", Day(-10));
  ASSERT_EQ(Call("POST", "/api/v1/departments",
                 {{"code", "91340600MA2PBP2120"}, {"name", "某某银行南京分行"}}, admin_)
                .status,
            201);
  auto teller_user =
      Call("POST", "/api/v1/users",
           {{"username", "teller"}, {"role", "institution"}, {"department", "91340600MA2PBP2120"}},
           admin_);
  ASSERT_EQ(teller_user.status, 201) << teller_user.body;
  const std::string teller = Login("teller", json::parse(teller_user.body)["password"]);
  auto company_user = Call(
      "POST", "/api/v1/users",
      {{"username", "company"}, {"role", "subject"}, {"subject", "91320100748204660Q"}}, admin_);
  ASSERT_EQ(company_user.status, 201) << company_user.body;
  const std::string company = Login("company", json::parse(company_user.body)["password"]);
  const std::string query = "/api/v1/authorised/subjects/91320100748204660Q?purpose=信易贷贷款审查";

  EXPECT_EQ(Call("GET", query, nullptr, teller).status, 403);
  auto grant = Call(
      "POST", "/api/v1/authorisations",
      {{"grantee", "91340600MA2PBP2120"}, {"purpose", "信易贷贷款审查"}, {"valid_until", Day(30)}},
      company);
  ASSERT_EQ(grant.status, 201) << grant.body;
  auto answer = Call("GET", query, nullptr, teller);
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_FALSE(json::parse(answer.body)["records"].empty());
  EXPECT_EQ(Call("GET", query, nullptr, company).status, 403) << "only institutions query";
  const std::string gid = std::to_string(json::parse(grant.body)["id"].get<int64_t>());
  ASSERT_EQ(Call("DELETE", "/api/v1/authorisations/" + gid, nullptr, company).status, 200);
  EXPECT_EQ(Call("GET", query, nullptr, teller).status, 403) << "withdrawn";

  auto log = json::parse(Call("GET", "/api/v1/query-log", nullptr, company).body);
  ASSERT_EQ(log["items"].size(), 1u) << log.dump();
  EXPECT_EQ(log["items"][0]["kind"], "authorised_query");
  EXPECT_EQ(log["items"][0]["department"], "某某银行南京分行");
  EXPECT_EQ(log["items"][0]["purpose"], "信易贷贷款审查");
  // The subject sees the department, not the clerk's user name (security review, item 11).
  EXPECT_TRUE(log["items"][0]["actor"].is_null()) << log.dump();
  auto office = json::parse(Call("GET", "/api/v1/query-log?subject=91320100748204660Q", nullptr, admin_).body);
  ASSERT_FALSE(office["items"].empty()) << office.dump();
  EXPECT_FALSE(office["items"][0]["actor"].is_null()) << "the office sees who";
}

}  // namespace
}  // namespace xytest
