// The HTTP API of the real binary: health, errors, authentication and roles, subjects.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

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
  const auto ready = json::parse(r.body);
  EXPECT_EQ(ready["store"], "sqlite");
  // The last day the working-day calendar holds (policy/calendar); warnings when it ends soon.
  EXPECT_TRUE(ready["calendar_until"].is_string()) << r.body;
  EXPECT_EQ(ready["calendar_until"].get<std::string>().substr(5), "12-31") << r.body;
  EXPECT_TRUE(ready["warnings"].is_array()) << r.body;
  auto m = Call("GET", "/metrics");
  EXPECT_EQ(m.status, 200);
  EXPECT_NE(m.body.find("xinyong_http_requests_total"), std::string::npos);
}

// The API contract is served by the binary itself: every route it serves is in it.
TEST_F(ApiTest, TheApiContractIsServedAndNamesEveryRoute) {
  auto spec = Call("GET", "/api/v1/openapi.json");
  ASSERT_EQ(spec.status, 200);
  const json doc = json::parse(spec.body);
  EXPECT_EQ(doc["openapi"], "3.1.0");
  auto listed = RunXinyong({"routes", "--data", dir_->path()});
  ASSERT_EQ(listed.exit_code, 0) << listed.out;
  std::istringstream lines(listed.out);
  int routes = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] != '{') continue;
    const json r = json::parse(line);
    std::string method = r["method"];
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ++routes;
    EXPECT_TRUE(doc["paths"].contains(r["pattern"]) && doc["paths"][r["pattern"]].contains(method))
        << line << " is not in the contract the binary serves";
  }
  EXPECT_GT(routes, 90);
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
  auto user = Call(
      "POST", "/api/v1/users",
      {{"username", "clerk"}, {"role", "operator"}, {"department", "11320100MB1886843H"}}, admin);
  ASSERT_EQ(user.status, 201) << user.body;
  const std::string clerk = Login("clerk", json::parse(user.body)["password"]);

  auto me = Call("GET", "/api/v1/me", nullptr, clerk);
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(json::parse(me.body)["role"], "operator");

  auto events = Call("GET", "/api/v1/events", nullptr, clerk);
  EXPECT_EQ(events.status, 403) << events.body;
  EXPECT_EQ(json::parse(events.body)["error"]["code"], "permission_denied");
  auto newdep =
      Call("POST", "/api/v1/departments", {{"code", "91320100748204660Q"}, {"name", "x"}}, clerk);
  EXPECT_EQ(newdep.status, 403);

  // An API key for the department's system can register subjects but not read the log.
  auto key = Call(
      "POST", "/api/v1/api-keys",
      {{"department", "11320100MB1886843H"}, {"role", "operator"}, {"label", "业务系统"}}, admin);
  ASSERT_EQ(key.status, 201) << key.body;
  const std::string api_key = json::parse(key.body)["key"];
  auto reg =
      Http(server_->port(), "POST", "/api/v1/subjects",
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
  auto company =
      Call("POST", "/api/v1/subjects",
           {{"name", "哈尔滨某某商贸有限公司"}, {"identifiers", {"91230500MA1B3N1N2M"}}}, admin);
  ASSERT_EQ(company.status, 201) << company.body;
  auto pub = Call("GET", "/api/v1/public/subjects/91230500MA1B3N1N2M");
  EXPECT_EQ(pub.status, 200) << pub.body;
  EXPECT_EQ(json::parse(pub.body)["subject"]["name"], "哈尔滨某某商贸有限公司");

  auto check = Call("GET", "/api/v1/ids/check?code=91230500MA1B3N1N2N");
  EXPECT_EQ(check.status, 200);
  EXPECT_EQ(json::parse(check.body)["error"]["rule"], "check_character");

  auto verify = Call("GET", "/api/v1/audit/verify", nullptr, admin);
  EXPECT_EQ(verify.status, 200);
  EXPECT_TRUE(json::parse(verify.body)["ok"].get<bool>()) << verify.body;
}

TEST_F(ApiTest, DepartmentUploadsFixesAndRevokes) {
  const std::string admin = Login("admin", admin_password_);
  Call("POST", "/api/v1/departments", {{"code", "11320100MB0000019F"}, {"name", "南京市税务局"}},
       admin);
  auto user =
      Call("POST", "/api/v1/users",
           {{"username", "taxclerk"}, {"role", "operator"}, {"department", "11320100MB0000019F"}},
           admin);
  ASSERT_EQ(user.status, 201) << user.body;
  const std::string clerk = Login("taxclerk", json::parse(user.body)["password"]);
  const std::string header =
      "CF_XDR_MC,CF_XDR_LB,CF_XDR_SHXYM,CF_FRDB,CF_WSH,CF_WFXW,CF_SY,CF_YJ,CF_CFLB,CF_NR,"
      "CF_NR_FK,CF_JDRQ,CF_CFJG,CF_CFJGDM,CF_SJLY,CF_SJLYDM\n";
  auto row = [](const std::string& code, const std::string& rep, const std::string& wsh) {
    return "南京某某科技有限公司,法人及非法人组织," + code + "," + rep + "," + wsh +
           ",未按期申报纳税,逾期申报,《中华人民共和国税收征收管理法》第六十二条,罚款,罚款,0.5,"
           "2026-02-20,南京市税务局,11320100MB0000019F,南京市税务局,11320100MB0000019F\n";
  };
  const std::string csv = header + row("91320100748204660Q", "张三", "宁税罚〔2026〕1号") +
                          row("91320100748204660Q", "", "宁税罚〔2026〕2号");
  auto up = Http(server_->port(), "POST", "/api/v1/batches?item=CF&file_name=tax.csv", csv,
                 {{"Authorization", "Bearer " + clerk}});
  ASSERT_EQ(up.status, 200) << up.body;
  json s = json::parse(up.body);
  EXPECT_EQ(s["accepted"], 1);
  EXPECT_EQ(s["rejected"], 1);
  EXPECT_EQ(s["errors"][0]["row"], 3);
  const int64_t batch = s["batch_id"];

  // The rows sent back: each as sent, with its reason in Chinese, under a Chinese file name, to
  // be fixed in a spreadsheet and sent again as it is (issue 16, item 7).
  auto errors = Call("GET", "/api/v1/batches/" + std::to_string(batch) + "/rejections?format=csv",
                     nullptr, clerk);
  EXPECT_EQ(errors.status, 200);
  EXPECT_EQ(errors.headers["content-type"], "text/csv; charset=utf-8");
  EXPECT_NE(errors.headers["content-disposition"].find(
                "filename*=UTF-8''tax-%E9%80%80%E5%9B%9E.csv"),
            std::string::npos)
      << errors.headers["content-disposition"];
  const std::string sent_back = errors.body.substr(3);  // after the BOM
  const std::string first_line = sent_back.substr(0, sent_back.find('\r'));
  EXPECT_EQ(first_line.rfind("行政相对人名称,", 0), 0u) << first_line;
  EXPECT_NE(first_line.find(",退回原因,原行号"), std::string::npos) << first_line;
  EXPECT_EQ(first_line.find("CF_"), std::string::npos) << "no field codes: " << first_line;
  EXPECT_NE(sent_back.find("91320100748204660Q,,宁税罚〔2026〕2号"), std::string::npos)
      << "the row as sent: " << sent_back;
  EXPECT_NE(sent_back.find("法定代表人"), std::string::npos) << sent_back;
  EXPECT_NE(sent_back.find(",3\r\n"), std::string::npos) << "the row it was: " << sent_back;
  EXPECT_EQ(sent_back.find("宁税罚〔2026〕1号"), std::string::npos) << "only the rejected row";
  auto workbook = Call("GET",
                       "/api/v1/batches/" + std::to_string(batch) + "/rejections?format=xlsx",
                       nullptr, clerk);
  EXPECT_EQ(workbook.status, 200);
  EXPECT_EQ(workbook.body.rfind("PK", 0), 0u) << "an .xlsx (zip) file";
  EXPECT_NE(workbook.headers["content-disposition"].find(".xlsx"), std::string::npos);
  // The clerk fills in the missing cell and sends the file back with its two added columns.
  std::string fixed_back = sent_back;
  const size_t hole = fixed_back.find("91320100748204660Q,,宁税罚〔2026〕2号");
  ASSERT_NE(hole, std::string::npos);
  fixed_back.insert(hole + std::string("91320100748204660Q,").size(), "张三");
  auto back = Http(server_->port(), "POST",
                   "/api/v1/batches?item=CF&file_name=tax-back.csv", fixed_back,
                   {{"Authorization", "Bearer " + clerk}});
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(json::parse(back.body)["accepted"], 1) << back.body;
  EXPECT_EQ(json::parse(back.body)["rejected"], 0) << back.body;

  // The whole file sent again, fixed: both rows are unchanged.
  const std::string fixed = header + row("91320100748204660Q", "张三", "宁税罚〔2026〕1号") +
                            row("91320100748204660Q", "张三", "宁税罚〔2026〕2号");
  auto again = Http(server_->port(), "POST", "/api/v1/batches?item=CF&file_name=tax.csv", fixed,
                    {{"Authorization", "Bearer " + clerk}});
  json s2 = json::parse(again.body);
  EXPECT_EQ(s2["accepted"], 0) << "row 3 came back fixed in the sent-back file already";
  EXPECT_EQ(s2["unchanged"], 2);
  EXPECT_EQ(s2["rejected"], 0);

  auto stats = Call("GET", "/api/v1/stats/intake", nullptr, clerk);
  ASSERT_EQ(stats.status, 200);
  json items = json::parse(stats.body)["items"];
  ASSERT_EQ(items.size(), 1u) << "an operator sees only its own department";
  EXPECT_EQ(items[0]["accepted"], 2);
  EXPECT_EQ(items[0]["rejected"], 1);

  // Revocation with a reason; the history keeps the version.
  auto json_rows = Http(server_->port(), "POST", "/api/v1/records?item=CF", "[]",
                        {{"Authorization", "Bearer " + clerk}});
  EXPECT_EQ(json_rows.status, 200) << json_rows.body;
  auto events = Call("GET", "/api/v1/events?after=0&limit=1000", nullptr, admin);
  int64_t record_id = 0;
  const json event_page = json::parse(events.body);
  for (const auto& e : event_page["items"]) {
    if (e["type"] == "record.created")
      record_id = std::stoll(e["entity"].get<std::string>().substr(7));
  }
  ASSERT_GT(record_id, 0);
  auto revoke = Call("POST", "/api/v1/records/" + std::to_string(record_id) + "/revoke",
                     {{"reason", "复议撤销"}}, clerk);
  EXPECT_EQ(revoke.status, 200) << revoke.body;
  auto history = Call("GET", "/api/v1/records/" + std::to_string(record_id), nullptr, clerk);
  ASSERT_EQ(history.status, 200);
  json h = json::parse(history.body);
  EXPECT_EQ(h["status"], "revoked");
  EXPECT_FALSE(h["display"]["published"].get<bool>());
  EXPECT_EQ(h["versions"].size(), 1u);
}

TEST_F(ApiTest, OfficerChecksARedListedCompanyAndGivesFeedback) {
  const std::string admin = Login("admin", admin_password_);
  Call("POST", "/api/v1/departments",
       {{"code", "11320100MB1886843H"}, {"name", "南京市市场监督管理局"}}, admin);
  Call("POST", "/api/v1/subjects",
       {{"name", "南京某某科技有限公司"}, {"identifiers", {"91320100748204660Q"}}}, admin);
  auto officer = Call(
      "POST", "/api/v1/users",
      {{"username", "approver"}, {"role", "officer"}, {"department", "11320100MB1886843H"}}, admin);
  ASSERT_EQ(officer.status, 201) << officer.body;
  const std::string approver = Login("approver", json::parse(officer.body)["password"]);

  auto proposed = Call("POST", "/api/v1/lists/entries",
                       {{"subject", "91320100748204660Q"},
                        {"list_kind", "red"},
                        {"domain", "tax"},
                        {"basis", "《纳税信用管理办法（试行）》"},
                        {"department", "11320100MB1886843H"}},
                       admin);
  ASSERT_EQ(proposed.status, 201) << proposed.body;
  const int64_t entry = json::parse(proposed.body)["id"];
  auto decided = Call("POST", "/api/v1/lists/entries/" + std::to_string(entry) + "/decide",
                      {{"decision_document", "2026年度纳税信用A级纳税人名单"}}, admin);
  ASSERT_EQ(decided.status, 200) << decided.body;

  EXPECT_EQ(
      Call("GET", "/api/v1/subjects/91320100748204660Q/check?scenario=administrative_licensing")
          .status,
      401);
  auto check =
      Call("GET", "/api/v1/subjects/91320100748204660Q/check?scenario=administrative_licensing",
           nullptr, approver);
  ASSERT_EQ(check.status, 200) << check.body;
  json answer = json::parse(check.body);
  EXPECT_EQ(answer["lists"][0]["list_kind"], "red");
  std::string green;
  for (const auto& m : answer["measures"]) {
    if (m["kind"] == "incentive" &&
        m["name"].get<std::string>().find("容缺") != std::string::npos) {
      green = m["code"];
    }
  }
  ASSERT_FALSE(green.empty()) << answer.dump();
  const std::string id = std::to_string(answer["check_id"].get<int64_t>());
  auto fb = Call("POST", "/api/v1/checks/" + id + "/feedback",
                 {{"items", {{{"measure", green}, {"applied", true}}}}}, approver);
  EXPECT_EQ(fb.status, 201) << fb.body;
  auto again =
      Call("POST", "/api/v1/checks/" + id + "/feedback",
           {{"items", {{{"measure", green}, {"applied", false}, {"reason", "x"}}}}}, approver);
  EXPECT_EQ(again.status, 409) << again.body;
  auto bad =
      Call("GET", "/api/v1/subjects/91320100748204660Q/check?scenario=nowhere", nullptr, approver);
  EXPECT_EQ(bad.status, 400);

  // The command line gives the same kind of answer.
  auto cli = RunXinyong({"check", "--data", dir_->path(), "91320100748204660Q", "--scenario",
                         "administrative_licensing"});
  ASSERT_EQ(cli.exit_code, 0) << cli.out;
  json printed = json::parse(cli.out.substr(cli.out.find('{')));
  EXPECT_EQ(printed["measures"].size(), answer["measures"].size());
  EXPECT_NE(printed["check_id"], answer["check_id"]);
  // The batch form: one scenario, several subjects. A valid code of no subject on the platform
  // is answered "no credit information on record" and recorded like any check (应查必查); an
  // invalid code gets its own error.
  auto batch = Call("POST", "/api/v1/checks",
                    {{"scenario", "administrative_licensing"},
                     {"subjects", {"91320100748204660Q", "91230500MA1B3N1N2M", "913201007482046600"}}},
                    approver);
  ASSERT_EQ(batch.status, 200) << batch.body;
  json results = json::parse(batch.body)["results"];
  ASSERT_EQ(results.size(), 3u);
  EXPECT_GT(results[0]["answer"]["check_id"].get<int64_t>(), 0);
  const json& none = results[1]["answer"];
  EXPECT_GT(none["check_id"].get<int64_t>(), 0) << results[1].dump();
  EXPECT_EQ(none["subject"]["on_record"], false);
  EXPECT_EQ(none["subject"]["identifiers"][0]["value"], "91230500MA1B3N1N2M");
  EXPECT_TRUE(none["measures"].empty());
  EXPECT_EQ(results[2]["error"]["code"], "invalid_argument") << results[2].dump();
  auto stats = Call("GET", "/api/v1/stats/checks", nullptr, approver);
  ASSERT_EQ(stats.status, 200);
  EXPECT_EQ(json::parse(stats.body)["items"][0]["checks"], 3) << stats.body;

  // 我的核查: the department's checks, newest first, with what was reported on each.
  auto mine = Call("GET", "/api/v1/checks", nullptr, approver);
  ASSERT_EQ(mine.status, 200) << mine.body;
  json items = json::parse(mine.body)["items"];
  ASSERT_EQ(items.size(), 3u) << "the command line's check belongs to no department";
  EXPECT_EQ(items[0]["on_record"], false);
  EXPECT_EQ(items[0]["checked_code"], "91230500MA1B3N1N2M");
  const json& first = items[2];
  EXPECT_EQ(first["id"], answer["check_id"]);
  EXPECT_EQ(first["subject_name"], answer["subject"]["name"]);
  ASSERT_EQ(first["feedback"].size(), 1u);
  EXPECT_EQ(first["feedback"][0]["measure"], green);
  EXPECT_NE(std::find(first["measures"].begin(), first["measures"].end(), green),
            first["measures"].end());
  auto one = Call("GET", "/api/v1/checks/" + id, nullptr, approver);
  EXPECT_EQ(one.status, 200) << one.body;
  // Feedback names only measures of that answer.
  auto stranger = Call("POST", "/api/v1/checks/" + id + "/feedback",
                       {{"items", {{{"measure", "P1-01"}, {"applied", true}}}}}, approver);
  EXPECT_EQ(stranger.status, 400) << stranger.body;
  auto measures = Call("GET", "/api/v1/measures");
  EXPECT_GE(json::parse(measures.body)["items"].size(), 40u);
}

TEST_F(ApiTest, MalformedJsonSaysWhere) {
  const std::string admin = Login("admin", admin_password_);
  auto r = Http(server_->port(), "POST", "/api/v1/subjects",
                "{\"name\": ", {{"Authorization", "Bearer " + admin}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(json::parse(r.body)["error"]["message"].get<std::string>().find("字节"),
            std::string::npos);
}

}  // namespace
}  // namespace xytest
