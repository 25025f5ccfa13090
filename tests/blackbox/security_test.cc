// The platform probed as each role would attack it, through the real binary over HTTP: each
// test is one defect of the security review (cross-site requests, renaming, password
// guessing, withdrawn credentials, unbounded fields, wrong JSON types...).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "blackbox/harness.h"
#include "blackbox/rows.h"

namespace xytest {
namespace {

using nlohmann::json;

const char* const kDepA = "11320100MB1886843H";  // 南京市市场监督管理局
const char* const kDepB = "11320100MB0E50000D";  // 南京市住房和城乡建设局
const char* const kCompanyA = "91320100748204660Q";
const char* const kCompanyB = "91230500MA1B3N1N2M";

class SecurityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    admin_password_ = InitAndGetAdminPassword(dir_.path());
    server_ = std::make_unique<ServerProcess>(dir_.path());
    ASSERT_TRUE(server_->Start()) << server_->output();
    admin_ = Login("admin", admin_password_);
    for (auto [code, name] :
         {std::pair{kDepA, "南京市市场监督管理局"}, std::pair{kDepB, "南京市住房和城乡建设局"}}) {
      auto d = Call("POST", "/api/v1/departments", {{"code", code}, {"name", name}}, admin_);
      ASSERT_EQ(d.status, 201) << d.body;
    }
    clerk_a_ = NewUser("clerk_a", "operator", kDepA);
    clerk_b_ = NewUser("clerk_b", "operator", kDepB);
  }
  void TearDown() override { EXPECT_EQ(server_->Terminate(), 0) << server_->output(); }

  HttpReply Call(const std::string& method, const std::string& target, const json& body = nullptr,
                 const std::string& token = "", std::map<std::string, std::string> h = {}) {
    if (!token.empty()) h["Authorization"] = "Bearer " + token;
    return Http(server_->port(), method, target, body.is_null() ? "" : body.dump(), h);
  }
  std::string Login(const std::string& user, const std::string& password) {
    auto r = Call("POST", "/api/v1/sessions", {{"username", user}, {"password", password}});
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body).value("token", "");
  }
  // A user with a generated password, signed in: its token. The password in `password`.
  std::string NewUser(const std::string& name, const std::string& role, const std::string& dep,
                      std::string* password = nullptr, int64_t* id = nullptr) {
    json body = {{"username", name}, {"role", role}};
    if (!dep.empty()) body["department"] = dep;
    auto u = Call("POST", "/api/v1/users", body, admin_);
    EXPECT_EQ(u.status, 201) << u.body;
    const json made = json::parse(u.body);
    if (password) *password = made["password"];
    if (id) *id = made["id"];
    return Login(name, made["password"]);
  }
  // A penalty of `company` sent by the operator `token`; its record id.
  int64_t Penalty(const std::string& token, const std::string& dep, const std::string& company,
                  const std::string& name, const std::string& document) {
    json rows = json::array({PenaltyRow(
        {.name = name, .uscc = company, .document = document, .decided = "2026-11-20",
         .department = dep})});
    auto r = Call("POST", "/api/v1/records?item=CF", rows, token);
    EXPECT_EQ(r.status, 200) << r.body;
    auto list = json::parse(Call("GET", "/api/v1/records?item=CF", nullptr, token).body);
    for (const auto& rec : list["items"]) {
      if (rec["source_key"] == document) return rec["id"];
    }
    ADD_FAILURE() << "record not found: " << list.dump();
    return 0;
  }
  std::string RecordStatus(int64_t id) {
    auto r = Call("GET", "/api/v1/records/" + std::to_string(id), nullptr, admin_);
    return json::parse(r.body).value("status", "");
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::string admin_password_, admin_, clerk_a_, clerk_b_;
};

// 1. A state-changing request carrying only the session cookie, from another origin or as a
// form could send it, is refused; the platform's own pages (same origin, JSON) still work.
TEST_F(SecurityTest, CrossSiteRequestsWithTheSessionCookieAreRefused) {
  const int64_t record =
      Penalty(clerk_a_, kDepA, kCompanyA, "南京某某科技有限公司", "宁市监罚〔2026〕31号");
  ASSERT_GT(record, 0);
  const std::string path = "/api/v1/records/" + std::to_string(record) + "/revoke";
  const std::map<std::string, std::string> cookie = {{"Cookie", "xy_session=" + clerk_a_}};
  auto with = [&](std::map<std::string, std::string> extra) {
    extra.insert(cookie.begin(), cookie.end());
    return Call("POST", path, {{"reason", "csrf"}}, "", extra);
  };
  auto evil = with({{"Origin", "https://evil.example"}, {"Content-Type", "text/plain"}});
  EXPECT_EQ(evil.status, 403) << evil.body;
  EXPECT_NE(evil.body.find("csrf"), std::string::npos) << evil.body;
  EXPECT_EQ(with({{"Origin", "https://evil.example"}}).status, 403);
  EXPECT_EQ(with({}).status, 403) << "a cookie without Origin is not a page of ours";
  EXPECT_EQ(with({{"Origin", "http://127.0.0.1"}, {"Sec-Fetch-Site", "same-site"}}).status, 403);
  EXPECT_EQ(with({{"Origin", "http://127.0.0.1"}, {"Content-Type", "text/plain"}}).status, 403);
  EXPECT_EQ(RecordStatus(record), "active") << "nothing was revoked";
  // Creating a list entry the same way.
  auto entry = Call("POST", "/api/v1/lists/entries",
                    {{"subject", kCompanyA},
                     {"list_kind", "key_attention"},
                     {"domain", "market_regulation"},
                     {"basis", "x"},
                     {"facts", "y"}},
                    "",
                    {{"Cookie", "xy_session=" + clerk_a_},
                     {"Origin", "https://evil.example"},
                     {"Content-Type", "text/plain"}});
  EXPECT_EQ(entry.status, 403) << entry.body;
  // The platform's own page: same origin, JSON.
  auto own = with({{"Origin", "http://127.0.0.1"}, {"Sec-Fetch-Site", "same-origin"}});
  EXPECT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(RecordStatus(record), "revoked");
  // A department system with its bearer token is not a browser: unaffected.
  const int64_t other =
      Penalty(clerk_a_, kDepA, kCompanyA, "南京某某科技有限公司", "宁市监罚〔2026〕32号");
  EXPECT_EQ(Call("POST", "/api/v1/records/" + std::to_string(other) + "/revoke",
                 {{"reason", "sent twice"}}, clerk_a_)
                .status,
            200);
}

// 2. An operator cannot rename a subject (of another department, or a person): the name is
// kept and the answer says so; the credit office can, with an event naming who.
TEST_F(SecurityTest, OnlyTheCreditOfficeRenamesASubject) {
  ASSERT_GT(Penalty(clerk_b_, kDepB, kCompanyB, "哈尔滨某某商贸有限公司", "宁建罚〔2026〕1号"), 0);
  auto r = Call("POST", "/api/v1/subjects",
                {{"name", "被甲改名有限公司"}, {"identifiers", {kCompanyB}}}, clerk_a_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["renamed"], false);
  EXPECT_EQ(json::parse(r.body)["name_kept"], true);
  auto pub = json::parse(Call("GET", std::string("/api/v1/public/subjects/") + kCompanyB).body);
  EXPECT_EQ(pub["subject"]["name"], "哈尔滨某某商贸有限公司") << pub.dump();
  // Nor through a record naming it otherwise.
  ASSERT_GT(Penalty(clerk_a_, kDepA, kCompanyB, "被甲改名有限公司", "宁市监罚〔2026〕33号"), 0);
  pub = json::parse(Call("GET", std::string("/api/v1/public/subjects/") + kCompanyB).body);
  EXPECT_EQ(pub["subject"]["name"], "哈尔滨某某商贸有限公司") << pub.dump();
  // The office renames; the old name stays in the history, the event names the admin.
  auto office =
      Call("POST", "/api/v1/subjects",
           {{"name", "哈尔滨某某商贸集团有限公司"}, {"identifiers", {kCompanyB}}}, admin_);
  ASSERT_EQ(office.status, 200) << office.body;
  EXPECT_EQ(json::parse(office.body)["renamed"], true);
  auto events = Call("GET", "/api/v1/events?type=subject.renamed", nullptr, admin_);
  ASSERT_EQ(events.status, 200) << events.body;
  EXPECT_NE(events.body.find("user:admin"), std::string::npos) << events.body;
}

// 3. Password guessing: after 5 failures the account waits, even with the right password, with
// Retry-After; a password of one repeated letter is refused.
TEST_F(SecurityTest, PasswordGuessingIsSlowedAndWeakPasswordsRefused) {
  std::string password;
  NewUser("officer1", "officer", kDepA, &password);
  for (int i = 0; i < 5; ++i) {
    auto r = Call("POST", "/api/v1/sessions",
                  {{"username", "officer1"}, {"password", "guess" + std::to_string(i)}});
    EXPECT_EQ(r.status, 401) << i << r.body;
  }
  auto locked =
      Call("POST", "/api/v1/sessions", {{"username", "officer1"}, {"password", password}});
  EXPECT_EQ(locked.status, 429) << locked.body;
  ASSERT_TRUE(locked.headers.count("retry-after")) << locked.body;
  EXPECT_GT(std::stoi(locked.headers["retry-after"]), 0);
  auto events = Call("GET", "/api/v1/events?type=user.login_locked", nullptr, admin_);
  EXPECT_NE(events.body.find("officer1"), std::string::npos) << events.body;
  // Another account is not locked by it.
  EXPECT_EQ(Call("POST", "/api/v1/sessions", {{"username", "admin"}, {"password", admin_password_}})
                .status,
            201);
  auto weak =
      Call("POST", "/api/v1/users",
           {{"username", "weak"}, {"role", "auditor"}, {"password", "aaaaaaaaaaaa"}}, admin_);
  EXPECT_EQ(weak.status, 400) << weak.body;
  EXPECT_NE(weak.body.find("password"), std::string::npos);
}

// 8. Leaked credentials are withdrawn at once: an API key revoked, a user disabled, a password
// reset or changed.
TEST_F(SecurityTest, LeakedCredentialsAreWithdrawnAtOnce) {
  auto key = Call("POST", "/api/v1/api-keys",
                  {{"department", kDepA}, {"role", "operator"}, {"label", "报送系统"}}, admin_);
  ASSERT_EQ(key.status, 201) << key.body;
  const std::string secret = json::parse(key.body)["key"];
  const std::string key_id = std::to_string(json::parse(key.body)["id"].get<int64_t>());
  EXPECT_EQ(Call("GET", "/api/v1/records", nullptr, secret).status, 200);
  EXPECT_EQ(Call("DELETE", "/api/v1/api-keys/" + key_id, {{"reason", "泄露"}}, clerk_a_).status,
            403);
  auto revoked = Call("DELETE", "/api/v1/api-keys/" + key_id, {{"reason", "密钥泄露"}}, admin_);
  EXPECT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(Call("GET", "/api/v1/records", nullptr, secret).status, 401) << "at once, not in 30 s";
  auto keys = json::parse(Call("GET", "/api/v1/api-keys", nullptr, admin_).body);
  EXPECT_FALSE(keys["items"][0]["revoked_at"].is_null()) << keys.dump();
  EXPECT_EQ(keys.dump().find("key_hash"), std::string::npos);

  std::string password;
  int64_t id = 0;
  const std::string token = NewUser("clerk_c", "operator", kDepA, &password, &id);
  EXPECT_EQ(Call("GET", "/api/v1/me", nullptr, token).status, 200);
  const std::string user = "/api/v1/users/" + std::to_string(id);
  ASSERT_EQ(Call("POST", user + "/disable", {{"reason", "离职"}}, admin_).status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/me", nullptr, token).status, 401);
  EXPECT_EQ(
      Call("POST", "/api/v1/sessions", {{"username", "clerk_c"}, {"password", password}}).status,
      401);
  ASSERT_EQ(Call("POST", user + "/enable", json::object(), admin_).status, 200);
  auto reset = Call("POST", user + "/password", json::object(), admin_);
  ASSERT_EQ(reset.status, 200) << reset.body;
  const std::string fresh = json::parse(reset.body)["password"];
  EXPECT_EQ(
      Call("POST", "/api/v1/sessions", {{"username", "clerk_c"}, {"password", password}}).status,
      401);
  const std::string again = Login("clerk_c", fresh);
  auto changed = Call("POST", "/api/v1/me/password",
                      {{"current_password", fresh}, {"new_password", "Xinyong-2027-pass"}}, again);
  EXPECT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(Call("GET", "/api/v1/me", nullptr, again).status, 401) << "sessions end";
  EXPECT_FALSE(Login("clerk_c", "Xinyong-2027-pass").empty());
  auto events = Call("GET", "/api/v1/events?type=api_key.revoked", nullptr, admin_);
  EXPECT_NE(events.body.find("密钥泄露"), std::string::npos) << events.body;
}

// 8, from the command line: the office withdraws a key or a user on the server's machine; the
// running server refuses them within a second or two.
TEST_F(SecurityTest, CredentialsAreWithdrawnFromTheCommandLine) {
  auto key = Call("POST", "/api/v1/api-keys",
                  {{"department", kDepA}, {"role", "operator"}, {"label", "报送系统"}}, admin_);
  ASSERT_EQ(key.status, 201) << key.body;
  const std::string secret = json::parse(key.body)["key"];
  EXPECT_EQ(Call("GET", "/api/v1/records", nullptr, secret).status, 200);  // now cached
  auto list = RunXinyong({"api-key", "list", "--data", dir_.path()});
  ASSERT_EQ(list.exit_code, 0) << list.out;
  EXPECT_NE(list.out.find("\"prefix\":\"" + secret.substr(0, 11)), std::string::npos) << list.out;
  auto revoked = RunXinyong({"api-key", "revoke", "--data", dir_.path(), "--id",
                             std::to_string(json::parse(key.body)["id"].get<int64_t>()), "--reason",
                             "密钥泄露"});
  ASSERT_EQ(revoked.exit_code, 0) << revoked.out;
  int status = 0;
  for (int i = 0; i < 30 && status != 401; ++i) {
    status = Call("GET", "/api/v1/records", nullptr, secret).status;
    if (status != 401) usleep(100 * 1000);
  }
  EXPECT_EQ(status, 401) << "refused within 3 s, not after the 30 s cache";
  EXPECT_EQ(Call("GET", "/api/v1/me", nullptr, clerk_b_).status, 200);
  auto disabled = RunXinyong(
      {"user", "disable", "--data", dir_.path(), "--username", "clerk_b", "--reason", "离职"});
  ASSERT_EQ(disabled.exit_code, 0) << disabled.out;
  status = 0;
  for (int i = 0; i < 30 && status != 401; ++i) {
    status = Call("GET", "/api/v1/me", nullptr, clerk_b_).status;
    if (status != 401) usleep(100 * 1000);
  }
  EXPECT_EQ(Call("GET", "/api/v1/me", nullptr, clerk_b_).status, 401);
  auto reset = RunXinyong({"user", "password", "--data", dir_.path(), "--username", "clerk_b"});
  ASSERT_EQ(reset.exit_code, 0) << reset.out;
  EXPECT_NE(reset.out.find("\"password\":"), std::string::npos);
  EXPECT_NE(RunXinyong(
                {"user", "disable", "--data", dir_.path(), "--username", "nobody", "--reason", "x"})
                .exit_code,
            0);
}

// 9. Free-text fields are bounded: a 10 MB filer name is a 400, not stored and echoed.
TEST_F(SecurityTest, TextFieldsAreBounded) {
  const int64_t record =
      Penalty(clerk_a_, kDepA, kCompanyA, "南京某某科技有限公司", "宁市监罚〔2026〕34号");
  json objection = {
      {"target_kind", "record"},         {"target_id", record},
      {"filer_kind", "subject"},         {"filer_name", std::string(10 * 1024 * 1024, 'x')},
      {"filer_contact", "025-12345678"}, {"reasons", "金额有误"}};
  auto big = Call("POST", "/api/v1/objections", objection);
  EXPECT_EQ(big.status, 400) << big.body.substr(0, 300);
  EXPECT_NE(big.body.find("filer_name"), std::string::npos) << big.body.substr(0, 300);
  auto facts = Call("POST", "/api/v1/lists/entries",
                    {{"subject", kCompanyA},
                     {"list_kind", "key_attention"},
                     {"domain", "market_regulation"},
                     {"basis", std::string(5'000'000, 'b')},
                     {"facts", "y"}},
                    clerk_a_);
  EXPECT_EQ(facts.status, 400);
  EXPECT_NE(facts.body.find("basis"), std::string::npos) << facts.body.substr(0, 300);
}

// 10. Wrong JSON types and out-of-range numbers are a 400 naming the field, never a 500.
TEST_F(SecurityTest, WrongJsonTypesAreA400NamingTheField) {
  ASSERT_GT(Penalty(clerk_a_, kDepA, kCompanyA, "南京某某科技有限公司", "宁市监罚〔2026〕35号"), 0);
  auto e = Call("POST", "/api/v1/lists/entries",
                {{"subject", kCompanyA},
                 {"list_kind", "serious"},
                 {"domain", "market_regulation"},
                 {"basis", "《市场监督管理严重违法失信名单管理办法》第二条"},
                 {"facts", "虚假材料"}},
                clerk_a_);
  ASSERT_EQ(e.status, 201) << e.body;
  const std::string entry =
      "/api/v1/lists/entries/" + std::to_string(json::parse(e.body)["id"].get<int64_t>());
  for (const json& bad :
       {json{{"notice_document", "告〔2026〕1号"}, {"defence_working_days", "abc"}},
        json{{"notice_document", "告〔2026〕1号"}, {"defence_working_days", 9223372036854775807LL}},
        json{{"notice_document", 7}}}) {
    auto r = Call("POST", entry + "/notice", bad, clerk_a_);
    EXPECT_EQ(r.status, 400) << bad.dump() << " -> " << r.body;
    const std::string field =
        bad.contains("defence_working_days") ? "defence_working_days" : "notice_document";
    EXPECT_NE(r.body.find(field), std::string::npos) << r.body;
  }
  for (const auto& [path, body] :
       std::vector<std::pair<std::string, json>>{{entry + "/decide", {{"decision_document", 1}}},
                                                 {entry + "/drop", {{"reason", {1, 2}}}},
                                                 {"/api/v1/lists/entries",
                                                  {{"subject", kCompanyA},
                                                   {"list_kind", "serious"},
                                                   {"domain", "d"},
                                                   {"basis", "b"},
                                                   {"facts", "f"},
                                                   {"responsible_persons", {{{"name", 5}}}}}}}) {
    auto r = Call("POST", path, body, clerk_a_);
    EXPECT_EQ(r.status, 400) << path << " " << body.dump() << " -> " << r.body;
  }
}

// 5. A natural person on the court's 失信被执行人 list: the public list masks the name, and no
// public answer, feed or check answer carries the full name (the source key's second half is
// not a document number).
TEST_F(SecurityTest, APersonsFullNameNeverReachesAPublicAnswer) {
  const std::string court = NewUser("court", "operator", kDepA);
  const std::string officer = NewUser("officer2", "officer", kDepB);
  json row = {
      {"SX_BZXR_MC", "司马懿甲"},     {"SX_BZXR_LB", "自然人"},
      {"SX_BZXR_ZJLX", "身份证"},     {"SX_BZXR_ZJHM", "11010519491231002X"},
      {"SX_AH", "(2026)渝0236执1号"}, {"SX_ZXFY", "重庆市彭水苗族土家族自治县人民法院"},
      {"SX_LARQ", ChinaDay(-60)},     {"SX_YW", "支付货款人民币10万元"},
      {"SX_LXQK", "全部未履行"},      {"SX_SXQX", "有履行能力而拒不履行生效法律文书确定义务"},
      {"SX_FBRQ", ChinaDay(-30)},     {"SX_SJLY", "重庆市彭水苗族土家族自治县人民法院"}};
  auto sent = Call("POST", "/api/v1/records?item=SX", json::array({row}), court);
  ASSERT_EQ(sent.status, 200) << sent.body;
  ASSERT_EQ(json::parse(sent.body)["accepted"], 1) << sent.body;
  auto list = Call("GET", "/api/v1/public/lists?kind=serious&domain=court_enforcement");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_NE(list.body.find("(2026)渝0236执1号"), std::string::npos) << list.body;
  EXPECT_EQ(list.body.find("司马懿甲"), std::string::npos) << list.body;
  EXPECT_EQ(list.body.find("司马懿"), std::string::npos) << list.body;
  auto feed = Call("GET", "/api/v1/feed/lists", nullptr, officer);
  ASSERT_EQ(feed.status, 200) << feed.body;
  EXPECT_EQ(feed.body.find("司马懿甲"), std::string::npos) << feed.body;
  auto check =
      Call("GET", "/api/v1/subjects/11010519491231002X/check?scenario=administrative_licensing",
           nullptr, officer);
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_NE(check.body.find("(2026)渝0236执1号"), std::string::npos) << check.body;
  EXPECT_EQ(check.body.find("|司马懿甲"), std::string::npos) << check.body;
}

// 7. A 重点关注名单 entry, or one still proposed, is for the office and the department that
// proposed it: another department, a subject account and a bank get 404, as for no entry.
TEST_F(SecurityTest, NonPublicListEntriesAreForTheOfficeAndTheirDepartment) {
  ASSERT_GT(Penalty(clerk_a_, kDepA, kCompanyA, "南京某某科技有限公司", "宁市监罚〔2026〕36号"), 0);
  ASSERT_GT(Penalty(clerk_b_, kDepB, kCompanyB, "哈尔滨某某商贸有限公司", "宁建罚〔2026〕2号"), 0);
  auto e = Call("POST", "/api/v1/lists/entries",
                {{"subject", kCompanyA},
                 {"list_kind", "key_attention"},
                 {"domain", "market_regulation"},
                 {"basis", "《市场监督管理严重违法失信名单管理办法》"},
                 {"facts", "多次虚假宣传"}},
                clerk_a_);
  ASSERT_EQ(e.status, 201) << e.body;
  const std::string path =
      "/api/v1/lists/entries/" + std::to_string(json::parse(e.body)["id"].get<int64_t>());
  auto subject_user =
      Call("POST", "/api/v1/users",
           {{"username", "company_b"}, {"role", "subject"}, {"subject", kCompanyB}}, admin_);
  ASSERT_EQ(subject_user.status, 201) << subject_user.body;
  const std::string subject = Login("company_b", json::parse(subject_user.body)["password"]);
  const std::string bank = NewUser("bank", "institution", kDepB);
  for (const std::string& who : {subject, clerk_b_, bank}) {
    auto r = Call("GET", path, nullptr, who);
    EXPECT_EQ(r.status, 404) << r.body;
    EXPECT_EQ(r.body.find("多次虚假宣传"), std::string::npos);
  }
  EXPECT_EQ(Call("GET", path, nullptr, clerk_a_).status, 200);
  EXPECT_EQ(Call("GET", path, nullptr, admin_).status, 200);
}

// 6. Identity numbers cannot be enumerated: a subject account (or a bank) learns nothing of a
// natural person from a lookup, a miss and a hit answer alike, and lookups are limited per
// account; the public person form is limited per address.
TEST_F(SecurityTest, IdentityNumbersCannotBeEnumerated) {
  const std::string court = NewUser("court", "operator", kDepA);
  json row = {{"SX_BZXR_MC", "欧阳某某"},   {"SX_BZXR_LB", "自然人"},
              {"SX_BZXR_ZJLX", "身份证"},   {"SX_BZXR_ZJHM", "11010519491231002X"},
              {"SX_AH", "(2026)苏01执9号"}, {"SX_ZXFY", "南京市中级人民法院"},
              {"SX_LARQ", "2026-10-01"},    {"SX_YW", "支付货款"},
              {"SX_LXQK", "全部未履行"},    {"SX_SXQX", "拒不履行"},
              {"SX_FBRQ", "2026-11-01"},    {"SX_SJLY", "南京市中级人民法院"}};
  ASSERT_EQ(Call("POST", "/api/v1/records?item=SX", json::array({row}), court).status, 200);
  ASSERT_GT(Penalty(clerk_b_, kDepB, kCompanyB, "哈尔滨某某商贸有限公司", "宁建罚〔2026〕3号"), 0);
  auto made =
      Call("POST", "/api/v1/users",
           {{"username", "company_b"}, {"role", "subject"}, {"subject", kCompanyB}}, admin_);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string subject = Login("company_b", json::parse(made.body)["password"]);
  auto hit = Call("GET", "/api/v1/subjects/11010519491231002X", nullptr, subject);
  auto miss = Call("GET", "/api/v1/subjects/110105194912310097", nullptr, subject);
  EXPECT_EQ(hit.status, 404) << hit.body;
  EXPECT_EQ(miss.status, 404) << miss.body;
  EXPECT_EQ(hit.body.find("欧"), std::string::npos) << hit.body;
  EXPECT_EQ(hit.body.size(), miss.body.size()) << hit.body << " / " << miss.body;
  EXPECT_EQ(Call("GET", "/api/v1/subjects/11010519491231002X", nullptr, clerk_a_).status, 200)
      << "an operator's work needs it";
  int limited = 0;
  for (int i = 0; i < 40 && limited == 0; ++i) {
    auto r = Call("GET", std::string("/api/v1/subjects/") + kCompanyA, nullptr, subject);
    if (r.status == 429) limited = i;
  }
  EXPECT_GT(limited, 0) << "lookups are limited per account";
  int person_limited = 0;
  for (int i = 0; i < 12 && person_limited == 0; ++i) {
    auto r =
        Call("GET",
             "/api/v1/search?name=%E6%AC%A7%E9%98%B3%E6%9F%90%E6%9F%90&id_number=1101051949123100" +
                 std::to_string(10 + i));
    if (r.status == 429) {
      person_limited = i + 1;
      EXPECT_TRUE(r.headers.count("retry-after"));
    }
  }
  EXPECT_GT(person_limited, 0) << "the person form is limited per address";
  EXPECT_LE(person_limited, 6);
}

// 11. /metrics (per-route counts, failed log-ins among them) is for this machine, the scraper
// with the metrics token and the office, not for any client.
TEST(SecurityMetricsTest, MetricsAreNotForAnyClient) {
  TempDir dir;
  const std::string password = InitAndGetAdminPassword(dir.path());
  ::setenv("XINYONG_TRUSTED_PROXY", "127.0.0.1", 1);
  ::setenv("XINYONG_METRICS_TOKEN", "scrape-token-0123456789", 1);
  ServerProcess server(dir.path());
  const bool started = server.Start();
  ::unsetenv("XINYONG_TRUSTED_PROXY");
  ::unsetenv("XINYONG_METRICS_TOKEN");
  ASSERT_TRUE(started) << server.output();
  const std::map<std::string, std::string> outside = {{"X-Forwarded-For", "203.0.113.9"}};
  EXPECT_EQ(Http(server.port(), "GET", "/metrics", "", outside).status, 403);
  auto with_token = outside;
  with_token["Authorization"] = "Bearer scrape-token-0123456789";
  EXPECT_EQ(Http(server.port(), "GET", "/metrics", "", with_token).status, 200);
  auto login = Http(server.port(), "POST", "/api/v1/sessions",
                    json({{"username", "admin"}, {"password", password}}).dump(), outside);
  ASSERT_EQ(login.status, 201) << login.body;
  auto as_admin = outside;
  as_admin["Authorization"] = "Bearer " + json::parse(login.body)["token"].get<std::string>();
  EXPECT_EQ(Http(server.port(), "GET", "/metrics", "", as_admin).status, 200);
  EXPECT_EQ(Http(server.port(), "GET", "/metrics").status, 200) << "this machine";
  EXPECT_EQ(server.Terminate(), 0);
}

// A raw connection to the server, for requests whose body is never sent.
// 4. Large bodies without signing in: a request no route takes, or one without a credential
// to a route that needs one, is answered before its body is read; bodies being received share a budget (64 MiB), past it 503 at once; one address
// holds at most 64 connections.
TEST(SecurityMemoryTest, BodiesAreBoundedBeforeTheyAreRead) {
  TempDir dir;
  InitAndGetAdminPassword(dir.path());
  ServerProcess server(dir.path());
  ASSERT_TRUE(server.Start()) << server.output();
  {
    RawConnection c(server.port());
    ASSERT_TRUE(c.Send(DeclaredBody("POST", "/nonexistent", 15 << 20)));
    const std::string answer = c.Read(3000);
    EXPECT_EQ(answer.rfind("HTTP/1.1 404", 0), 0u) << "answered without the body: " << answer;
  }
  {
    // A route that needs a credential: without one, 401 before the body.
    RawConnection c(server.port());
    ASSERT_TRUE(c.Send(DeclaredBody("POST", "/api/v1/records?item=CF", 15 << 20)));
    const std::string answer = c.Read(3000);
    EXPECT_EQ(answer.rfind("HTTP/1.1 401", 0), 0u) << "answered without the body: " << answer;
  }
  std::vector<std::unique_ptr<RawConnection>> uploads;
  std::vector<std::string> answers;
  for (int i = 0; i < 6; ++i) {
    uploads.push_back(std::make_unique<RawConnection>(server.port()));
    ASSERT_TRUE(uploads.back()->Send(DeclaredBody("POST", "/api/v1/objections", 15 << 20)));
    answers.push_back(uploads.back()->Read(i < 4 ? 300 : 3000));
  }
  for (int i = 0; i < 4; ++i) EXPECT_EQ(answers[i], "") << i << " is being received";
  for (int i = 4; i < 6; ++i) {
    EXPECT_EQ(answers[i].rfind("HTTP/1.1 503", 0), 0u) << i << ": " << answers[i];
    EXPECT_NE(answers[i].find("Retry-After"), std::string::npos) << answers[i];
  }
  uploads.clear();
  // The budget returns when those connections go.
  std::string after;
  for (int tries = 0; tries < 50 && after.empty(); ++tries) {
    auto r = Http(server.port(), "POST", "/api/v1/objections", "{}");
    if (r.status == 400) after = "ok";
    if (r.status != 503 && r.status != 400) after = std::to_string(r.status);
    usleep(100 * 1000);
  }
  EXPECT_EQ(after, "ok");
  std::vector<std::unique_ptr<RawConnection>> many;
  for (int i = 0; i < 66; ++i) many.push_back(std::make_unique<RawConnection>(server.port()));
  usleep(300 * 1000);
  int closed = 0;
  for (auto& c : many) closed += c->Read(5) == "EOF";
  EXPECT_GE(closed, 2) << "past 64 connections from one address";
  EXPECT_LE(closed, 2 + 1);
  many.clear();
  EXPECT_EQ(Http(server.port(), "GET", "/healthz").status, 200);
  EXPECT_EQ(server.Terminate(), 0);
}

// Every answer a member of the public can provoke on the public routes, however wrong the
// request, says what is wrong in Chinese; technical detail stays in the log (issue 16, item 4).
TEST_F(SecurityTest, EveryErrorThePublicCanProvokeIsInChinese) {
  const int64_t record =
      Penalty(clerk_a_, kDepA, kCompanyA, "南京某某科技有限公司", "宁市监罚〔2026〕91号");
  ASSERT_GT(record, 0);
  const std::string r = std::to_string(record);
  struct Probe {
    const char* method;
    std::string target;
    std::string body;
  };
  const std::vector<Probe> probes = {
      {"GET", "/api/v1/public/subjects/NOT-A-CODE", ""},
      {"GET", "/api/v1/public/subjects/91320100748204660X", ""},
      {"GET", "/api/v1/search", ""},
      {"GET", "/api/v1/search?q=%E5%8D%97&page=abc", ""},
      {"GET", "/api/v1/search?name=%E5%BC%A0%E4%B8%89&id_number=123", ""},
      {"GET", "/api/v1/ids/check", ""},
      {"GET", "/api/v1/public/records?from=2026-13-45", ""},
      {"GET", "/api/v1/public/records?item=XX", ""},
      {"GET", "/api/v1/public/records?page=-1&size=100000", ""},
      {"GET", "/api/v1/public/records?department=abc", ""},
      {"GET", "/api/v1/lists/entries?kind=grey", ""},
      {"GET", "/api/v1/objections/abc/track?token=x", ""},
      {"GET", "/api/v1/objections/999/track?token=x", ""},
      {"GET", "/api/v1/repairs/999/track?token=x", ""},
      {"POST", "/api/v1/objections", "{\"target_kind\":"},
      {"POST", "/api/v1/objections", "[]"},
      {"POST", "/api/v1/objections", "{}"},
      {"POST", "/api/v1/objections",
       "{\"target_kind\":\"record\",\"target_id\":" + r +
           ",\"filer_kind\":\"subject\",\"filer_name\":\"某\",\"filer_contact\":\"abc\","
           "\"reasons\":\"x\"}"},
      {"POST", "/api/v1/objections",
       "{\"target_kind\":\"record\",\"target_id\":\"" + r + "\"}"},
      {"POST", "/api/v1/objections",
       "{\"target_kind\":\"record\",\"target_id\":" + r +
           ",\"filer_kind\":\"subject\",\"filer_name\":\"某\",\"filer_contact\":\"02512345678\","
           "\"reasons\":\"x\",\"attachments\":[{\"name\":\"a.exe\",\"content_base64\":\"!!\"}]}"},
      {"POST", "/api/v1/repairs/eligibility", "{\"target_kind\":\"nothing\",\"target_id\":1}"},
      {"POST", "/api/v1/repairs", "{\"target_kind\":\"record\",\"target_id\":" + r + "}"},
      {"POST", "/api/v1/objections/1/resend-code", "{\"contact\":5}"},
      {"GET", "/api/v1/no/such/route", ""},
      {"DELETE", "/api/v1/public/stats", ""},
  };
  const auto has_chinese = [](const std::string& s) {
    for (size_t i = 0; i + 2 < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0xE4 && c <= 0xE9) return true;  // CJK Unified Ideographs in UTF-8
    }
    return false;
  };
  for (const auto& p : probes) {
    SCOPED_TRACE(std::string(p.method) + " " + p.target + " " + p.body);
    auto reply = Http(server_->port(), p.method, p.target, p.body,
                      {{"Content-Type", "application/json"}});
    if (reply.status < 400) continue;  // answered: not an error
    const json body = json::parse(reply.body, nullptr, false);
    ASSERT_TRUE(body.is_object() && body.contains("error")) << reply.status << " " << reply.body;
    const std::string message = body["error"].value("message", "");
    EXPECT_TRUE(has_chinese(message)) << reply.status << " " << message;
    for (const char* word : {"invalid", "expected", "parse", "exception", "null", "type_error",
                             "std::", "sqlite", "postgres"}) {
      EXPECT_EQ(message.find(word), std::string::npos) << reply.status << " " << message;
    }
  }
}

}  // namespace
}  // namespace xytest
