// Commitments (信用承诺) through the real binary: a company signs its own, a clerk enters one at
// the counter with the scan, a department's system sends a spreadsheet; the public sees the
// published ones on the subject page; a 违诺 becomes a record that changes the officer's check
// answer; another department can neither read nor decide them.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "blackbox/harness.h"

namespace xytest {
namespace {

using nlohmann::json;

constexpr const char* kCompany = "91320100748204660Q";
constexpr const char* kMarket = "11320100MB1886843H";
constexpr const char* kTax = "11320100MB0E50000D";

bool HasMeasure(const json& answer, const std::string& code) {
  for (const auto& m : answer["measures"]) {
    if (m["code"] == code) return true;
  }
  return false;
}

TEST(CommitmentsApiTest, SignedPublishedBrokenAndCheckedOverHttp) {
  TempDir dir;
  const std::string password = InitAndGetAdminPassword(dir.path());
  ServerProcess server(dir.path());
  ASSERT_TRUE(server.Start()) << server.output();
  const ApiClient api(server.port());
  const std::string admin = api.Login("admin", password);
  for (auto [code, name] : {std::pair{kMarket, "南京市市场监督管理局"}, std::pair{kTax, "南京市税务局"}}) {
    ASSERT_EQ(api.Call("POST", "/api/v1/departments", {{"code", code}, {"name", name}}, admin).status, 201);
  }
  ASSERT_EQ(api.Call("POST", "/api/v1/subjects", {{"name", "南京某某科技有限公司"}, {"identifiers", {kCompany}}},
                 admin)
                .status,
            201);
  const std::string officer = api.User(admin, "officer", {{"role", "officer"}, {"department", kMarket}});
  const std::string taxman = api.User(admin, "taxman", {{"role", "operator"}, {"department", kTax}});
  const std::string company = api.User(admin, "company", {{"role", "subject"}, {"subject", kCompany}});

  // The kinds a form offers.
  auto kinds = api.Call("GET", "/api/v1/commitment-kinds", nullptr, "");
  ASSERT_EQ(kinds.status, 200);
  EXPECT_EQ(json::parse(kinds.body)["kinds"].size(), 7u);

  // The company signs its own; the clerk enters one at the counter (the scan is required).
  auto own = api.Call("POST", "/api/v1/commitments",
                  {{"kind", "主动型"}, {"department", kMarket}}, company);
  ASSERT_EQ(own.status, 201) << own.body;
  EXPECT_EQ(json::parse(own.body)["channel"], "self");
  json counter = {{"kind", "approval_substitute"},
                  {"subject", {{"code", kCompany}, {"name", "南京某某科技有限公司"}}},
                  {"matter", "食品经营许可（告知承诺）"},
                  {"channel", "counter"}};
  auto no_scan = api.Call("POST", "/api/v1/commitments", counter, officer);
  EXPECT_EQ(no_scan.status, 400) << no_scan.body;
  EXPECT_NE(no_scan.body.find("scan"), std::string::npos);
  counter["scan"] = {{"name", "承诺书.pdf"}, {"content_base64", "JVBERi0xLjQK"}};
  auto entered = api.Call("POST", "/api/v1/commitments", counter, officer);
  ASSERT_EQ(entered.status, 201) << entered.body;
  const std::string code = json::parse(entered.body)["code"];
  ASSERT_EQ(code.size(), 20u);

  // A spreadsheet from the department's system: the good row kept, the bad one explained.
  const std::string csv =
      "承诺人名称,统一社会信用代码,承诺类型,承诺事由,原系统编号\n"
      "南京某某科技有限公司,91320100748204660Q,证明事项型,住所证明告知承诺,SP-1\n"
      "南京某某科技有限公司,91320100748204660Q,担保型,住所证明告知承诺,SP-2\n";
  auto file = Http(server.port(), "POST", "/api/v1/commitments/import?file_name=c.csv", csv,
                   {{"Authorization", "Bearer " + officer}});
  ASSERT_EQ(file.status, 200) << file.body;
  const json summary = json::parse(file.body);
  EXPECT_EQ(summary["accepted"], 1);
  EXPECT_EQ(summary["rejected"], 1);
  EXPECT_EQ(summary["errors"][0]["row"], 3);
  EXPECT_EQ(summary["errors"][0]["field"], "kind");

  // The public sees the published ones on the subject page, without who entered them.
  auto page = api.Call("GET", std::string("/api/v1/public/subjects/") + kCompany, nullptr, "");
  ASSERT_EQ(page.status, 200) << page.body;
  const json pub = json::parse(page.body)["commitments"];
  EXPECT_EQ(pub.size(), 3u) << page.body;
  EXPECT_EQ(page.body.find("signed_by"), std::string::npos);
  EXPECT_EQ(page.body.find("user:officer"), std::string::npos);
  EXPECT_EQ(api.Call("GET", "/api/v1/public/commitments/" + code, nullptr, "").status, 200);

  // Another department: not found to read, to decide, or to fetch the scan.
  EXPECT_EQ(api.Call("GET", "/api/v1/commitments/" + code, nullptr, taxman).status, 404);
  EXPECT_EQ(api.Call("GET", "/api/v1/commitments/" + code + "/scan", nullptr, taxman).status, 404);
  const json breach = {{"result", "breached"},
                       {"performance", "partial"},
                       {"unperformed", "经营场所与承诺不符"},
                       {"liability_pursued", "撤销食品经营许可"},
                       {"basis", "《中华人民共和国食品安全法》第三十五条"}};
  EXPECT_EQ(api.Call("POST", "/api/v1/commitments/" + code + "/fulfilment", breach, taxman).status, 404);
  EXPECT_EQ(api.Call("POST", "/api/v1/commitments/" + code + "/fulfilment", breach, company).status, 403);
  auto scan = api.Call("GET", "/api/v1/commitments/" + code + "/scan", nullptr, officer);
  ASSERT_EQ(scan.status, 200);
  EXPECT_EQ(scan.body, "%PDF-1.4\n");

  // A 违诺 is a record: the officer's check now names 不适用告知承诺制.
  const std::string check =
      std::string("/api/v1/subjects/") + kCompany + "/check?scenario=administrative_licensing";
  auto before = api.Call("GET", check, nullptr, officer);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_FALSE(HasMeasure(json::parse(before.body), "P2-03"));
  auto decided = api.Call("POST", "/api/v1/commitments/" + code + "/fulfilment", breach, officer);
  ASSERT_EQ(decided.status, 200) << decided.body;
  const json d = json::parse(decided.body);
  EXPECT_EQ(d["status"], "breached");
  ASSERT_TRUE(d["record_id"].is_number());
  auto after = api.Call("GET", check, nullptr, officer);
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_TRUE(HasMeasure(json::parse(after.body), "P2-03")) << after.body;
  auto again = api.Call("POST", "/api/v1/commitments/" + code + "/fulfilment", breach, officer);
  EXPECT_EQ(again.status, 422) << again.body;

  // The company lists its own; the office lists all.
  auto mine = api.Call("GET", "/api/v1/commitments", nullptr, company);
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(json::parse(mine.body)["items"].size(), 3u);
  EXPECT_EQ(api.Call("GET", "/api/v1/commitments", nullptr, taxman).body.find(code), std::string::npos);

  // Entered by mistake: the accepting department withdraws it; it leaves the public page.
  const std::string own_code = json::parse(own.body)["code"];
  auto withdrawn = api.Call("POST", "/api/v1/commitments/" + own_code + "/withdraw",
                        {{"reason", "受理单位录入错误"}}, officer);
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(json::parse(withdrawn.body)["status"], "withdrawn");
  EXPECT_EQ(api.Call("GET", "/api/v1/public/commitments/" + own_code, nullptr, "").status, 404);
  EXPECT_EQ(server.Terminate(), 0) << server.output();
}

int Shell(const std::string& command) {
  const int rc = std::system(command.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The department's file as Excel (openpyxl) and LibreOffice Calc store it: the dates are read as
// dates, the 原系统编号 number as its digits, and the all-digit 身份证号码 a spreadsheet kept as a
// number is refused saying how to keep the column as text; the other rows are kept.
TEST(CommitmentsApiTest, FilesSavedBySpreadsheetProgramsAreReadAsTheClerkTypedThem) {
  TempDir dir, files, profile;
  const std::string password = InitAndGetAdminPassword(dir.path());
  ServerProcess server(dir.path());
  ASSERT_TRUE(server.Start()) << server.output();
  ASSERT_EQ(Shell("/usr/bin/python3 " XY_SOURCE_DIR "/tests/spreadsheets/commitments.py " +
                  files.path()),
            0);
  const std::string convert =
      "cd " + files.path() + " && HOME=" + profile.path() + " soffice -env:UserInstallation=file://" +
      profile.path() + " --headless --norestore --infilter=CSV:44,34,76,1 --convert-to xlsx:\"Calc MS Excel 2007 XML\" " +
      "--outdir " + files.path() + "/calc commitments.csv > convert.log 2>&1";
  ASSERT_EQ(Shell(convert), 0) << "LibreOffice Calc converts the file";
  const ApiClient api(server.port());
  const std::string admin = api.Login("admin", password);
  ASSERT_EQ(api.Call("POST", "/api/v1/departments", {{"code", kMarket}, {"name", "南京市市场监督管理局"}}, admin).status, 201);
  const std::string clerk = api.User(admin, "clerk", {{"role", "operator"}, {"department", kMarket}});
  for (const std::string file : {"commitments.xlsx", "calc/commitments.xlsx"}) {
    SCOPED_TRACE(file);
    auto r = Http(server.port(), "POST", "/api/v1/commitments/import?file_name=c.xlsx",
                  ReadFile(files.path() + "/" + file), {{"Authorization", "Bearer " + clerk}});
    ASSERT_EQ(r.status, 200) << r.body;
    const json s = json::parse(r.body);
    EXPECT_EQ(s["accepted"].get<int>() + s["unchanged"].get<int>(), 2) << r.body;
    ASSERT_EQ(s["rejected"], 1) << r.body;
    EXPECT_EQ(s["errors"][0]["row"], 4);
    EXPECT_EQ(s["errors"][0]["code"], "number_in_identifier") << r.body;
    auto one = api.Call("GET", "/api/v1/commitments/" + s["codes"][0].get<std::string>(), nullptr, clerk);
    ASSERT_EQ(one.status, 200) << one.body;
    const json c = json::parse(one.body);
    EXPECT_EQ(c["made_on"], "2026-11-20") << one.body;
    EXPECT_EQ(c["source_id"], "20261101") << one.body;
  }
  EXPECT_EQ(server.Terminate(), 0) << server.output();
}

}  // namespace
}  // namespace xytest
