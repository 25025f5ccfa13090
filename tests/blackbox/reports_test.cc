// Credit reports (信用报告) through the real binary: the company asks for its 专项信用报告; anyone
// verifies it by number; the downloaded document verifies offline with the key the platform
// publishes (xinyong keys, GET /api/v1/keys) and fails with one byte changed; after the record it
// lists is revoked, the same report verifies as revoked.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>

#include "blackbox/harness.h"
#include "blackbox/rows.h"

namespace xytest {
namespace {

using nlohmann::json;

constexpr const char* kCompany = "91320100748204660Q";
constexpr const char* kMarket = "11320100MB1886843H";

TEST(ReportsApiTest, IssuedVerifiedByNumberAndOfflineAndRevokedWithItsRecord) {
  TempDir dir;
  const std::string password = InitAndGetAdminPassword(dir.path());
  auto keys = RunXinyong({"keys", "--data", dir.path()});
  ASSERT_EQ(keys.exit_code, 0) << keys.out;
  const std::string public_key = json::parse(keys.out)["public_key"];
  ServerProcess server(dir.path());
  ASSERT_TRUE(server.Start()) << server.output();
  const ApiClient api(server.port());
  const std::string admin = api.Login("admin", password);
  ASSERT_EQ(api.Call("POST", "/api/v1/departments", {{"code", kMarket}, {"name", "南京市市场监督管理局"}}, admin).status, 201);
  const std::string clerk = api.User(admin, "clerk", {{"role", "operator"}, {"department", kMarket}});
  auto sent = api.Call("POST", "/api/v1/records?item=CF",
                   json::array({PenaltyRow({.document = "宁市监罚〔2026〕88号", .decided = ChinaDay(-20)})}), clerk);
  ASSERT_EQ(sent.status, 200) << sent.body;
  const std::string company = api.User(admin, "company", {{"role", "subject"}, {"subject", kCompany}});

  auto published = api.Call("GET", "/api/v1/keys", nullptr, "");
  ASSERT_EQ(published.status, 200);
  EXPECT_EQ(json::parse(published.body)["public_key"], public_key) << "the CLI and the API agree";
  auto kinds = api.Call("GET", "/api/v1/report-kinds", nullptr, "");
  ASSERT_EQ(kinds.status, 200);

  auto issued = api.Call("POST", "/api/v1/reports",
                     {{"kind", "special"}, {"purpose", "bidding"}, {"years", 3}, {"fields", {"市场监管"}}},
                     company);
  ASSERT_EQ(issued.status, 201) << issued.body;
  const json doc = json::parse(issued.body);
  const std::string number = doc["content"]["number"];
  const json& penalties = doc["content"]["sections"][0];
  ASSERT_EQ(penalties["records"].size(), 1u) << issued.body;
  EXPECT_EQ(penalties["records"][0]["key"], "宁市监罚〔2026〕88号");

  auto verified = api.Call("GET", "/api/v1/reports/" + number + "/verify", nullptr, "");
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(json::parse(verified.body)["status"], "valid");
  EXPECT_EQ(json::parse(verified.body)["digest"], doc["digest"]);

  // Offline, as a bidding office would check the file it was handed.
  const std::string file = dir.path() + "/report.json";
  auto fetched = api.Call("GET", "/api/v1/reports/" + number, nullptr, company);
  ASSERT_EQ(fetched.status, 200);
  std::ofstream(file, std::ios::binary) << fetched.body;
  auto ok = RunXinyong({"verify-report", "--public-key", public_key, file});
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
  std::string bent = fetched.body;
  bent.replace(bent.find("88号"), std::string("88号").size(), "89号");
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bent;
  auto refused = RunXinyong({"verify-report", "--public-key", public_key, file});
  EXPECT_EQ(refused.exit_code, 1) << refused.out;
  EXPECT_NE(refused.out.find("digest"), std::string::npos) << refused.out;

  // The PDF: its text names the subject and the penalty's 文号, its fonts are embedded, its QR
  // code opens the verification page, and one changed byte fails verify-report.
  auto pdf = Http(server.port(), "GET", "/api/v1/reports/" + number + "/pdf", "",
                  {{"Authorization", "Bearer " + company}});
  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 200);
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  const std::string pdf_file = dir.path() + "/report.pdf";
  std::ofstream(pdf_file, std::ios::binary) << pdf.body;
  auto pdf_ok = RunXinyong({"verify-report", "--public-key", public_key, pdf_file});
  EXPECT_EQ(pdf_ok.exit_code, 0) << pdf_ok.out;
  const auto run = [](const std::string& command) {
    std::string out;
    FILE* p = popen(command.c_str(), "r");
    if (!p) return out;
    char buf[4096];
    for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    pclose(p);
    return out;
  };
  const std::string text = run("pdftotext " + pdf_file + " - 2>&1");
  EXPECT_NE(text.find("南京某某科技有限公司"), std::string::npos) << text;
  EXPECT_NE(text.find("宁市监罚〔2026〕88号"), std::string::npos) << text;
  EXPECT_NE(text.find("第1页/共1页"), std::string::npos) << text;
  const std::string fonts = run("pdffonts " + pdf_file + " 2>&1");
  std::istringstream font_lines(fonts);
  int listed = 0;
  for (std::string line; std::getline(font_lines, line);) {
    if (line.rfind("name", 0) == 0 || line.rfind("----", 0) == 0 || line.empty()) continue;
    ++listed;
    EXPECT_NE(line.find(" yes yes "), std::string::npos) << "a font not embedded: " << line;
  }
  EXPECT_GT(listed, 0) << fonts;
  const std::string qr = run("pdftoppm -png -r 150 -f 1 -l 1 " + pdf_file + " " + dir.path() +
                             "/page && zbarimg -q --raw " + dir.path() + "/page-1.png 2>/dev/null");
  EXPECT_NE(qr.find("/reports/verify?number=" + number), std::string::npos) << qr;
  std::string changed = pdf.body;
  changed[changed.size() / 2] ^= 0x01;
  std::ofstream(pdf_file, std::ios::binary | std::ios::trunc) << changed;
  auto pdf_bent = RunXinyong({"verify-report", "--public-key", public_key, pdf_file});
  EXPECT_EQ(pdf_bent.exit_code, 1) << pdf_bent.out;

  // Who may not: an operator asks, another subject reads.
  EXPECT_EQ(api.Call("POST", "/api/v1/reports", {{"subject", kCompany}, {"kind", "full"}, {"purpose", "other"}}, clerk).status, 403);
  auto mine = api.Call("GET", "/api/v1/reports", nullptr, company);
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(json::parse(mine.body)["items"].size(), 1u);

  // At the office's console: the same kind of report written as a PDF file.
  const std::string cli_pdf = dir.path() + "/cli.pdf";
  auto written = RunXinyong({"report", "--data", dir.path(), "--subject", kCompany, "--kind",
                             "special", "--purpose", "bidding", "--fields", "市场监管,税务",
                             "--years", "2", "--out", cli_pdf});
  ASSERT_EQ(written.exit_code, 0) << written.out;
  const json made = json::parse(written.out.substr(written.out.find('{')));
  EXPECT_EQ(made["number"].get<std::string>().substr(0, 2), "XY");
  auto cli_ok = RunXinyong({"verify-report", "--public-key", public_key, cli_pdf});
  EXPECT_EQ(cli_ok.exit_code, 0) << cli_ok.out;
  EXPECT_EQ(json::parse(api.Call("GET", "/api/v1/reports/" + made["number"].get<std::string>() + "/verify",
                             nullptr, "").body)["status"],
            "valid");

  // The record revoked: the same report now verifies as revoked.
  const json records = json::parse(api.Call("GET", "/api/v1/records?item=CF", nullptr, clerk).body);
  const std::string record = std::to_string(records["items"][0]["id"].get<int64_t>());
  ASSERT_EQ(api.Call("POST", "/api/v1/records/" + record + "/revoke", {{"reason", "复议撤销"}}, clerk).status, 200);
  verified = api.Call("GET", "/api/v1/reports/" + number + "/verify", nullptr, "");
  EXPECT_EQ(json::parse(verified.body)["status"], "revoked") << verified.body;
  EXPECT_EQ(server.Terminate(), 0) << server.output();
}

}  // namespace
}  // namespace xytest
