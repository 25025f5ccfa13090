// Files as they reach the platform from a clerk's desk: the CSV template opened and saved as
// .xlsx by LibreOffice Calc (headless, as Debian ships it), and a sheet written by openpyxl the
// way Excel stores typed cells. Codes lose their leading zeros (证件类型 01 -> 1) and all-digit
// identity numbers become 15-digit numbers: the codes are read with their zeros back, said in
// the summary; the numbers are refused with a message saying how to keep the column as text.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "blackbox/harness.h"

namespace xytest {
namespace {

using nlohmann::json;

const char* const kDep = "11320100MB1886843H";

int Shell(const std::string& command) {
  const int rc = std::system(command.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

json Summary(const CommandResult& r) {
  const size_t start = r.out.find('{');
  return start == std::string::npos ? json() : json::parse(r.out.substr(start), nullptr, false);
}

class SpreadsheetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitAndGetAdminPassword(data_.path());
    auto dep = RunXinyong({"department", "add", "--data", data_.path(), "--code", kDep, "--name",
                           "南京市市场监督管理局"});
    ASSERT_EQ(dep.exit_code, 0) << dep.out;
    ASSERT_EQ(
        Shell("/usr/bin/python3 " XY_SOURCE_DIR "/tests/spreadsheets/make.py " + files_.path()), 0)
        << "python3-openpyxl (scripts/install-deps.sh) writes the Excel-like file";
  }
  CommandResult Import(const std::string& file) {
    return RunXinyong({"import", "--data", data_.path(), "--department", kDep, "--item", "CF",
                       files_.path() + "/" + file});
  }
  TempDir data_, files_, profile_;
};

TEST_F(SpreadsheetTest, TheCsvTemplateAsTextImportsClean) {
  auto r = Import("clerk.csv");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(Summary(r)["accepted"], 3) << r.out;
}

void ExpectCodesReadAndNumbersRefused(const json& s, const std::string& out) {
  EXPECT_EQ(s["accepted"], 2) << out;
  ASSERT_EQ(s["rejected"], 1) << out;
  ASSERT_EQ(s["errors"].size(), 1u) << out;
  EXPECT_EQ(s["errors"][0]["row"], 4) << out;
  EXPECT_EQ(s["errors"][0]["code"], "number_in_identifier") << out;
  const std::string message = s["errors"][0]["message"];
  EXPECT_NE(message.find("文本"), std::string::npos) << message;
  EXPECT_EQ(message.find("校验"), std::string::npos) << "the ID is not blamed: " << message;
  bool noted = false;
  for (const auto& n : s["notes"]) {
    noted = noted || (n.get<std::string>().find("证件类型") != std::string::npos &&
                      n.get<std::string>().find("01") != std::string::npos);
  }
  EXPECT_TRUE(noted) << out;
}

TEST_F(SpreadsheetTest, SavedByLibreOfficeCalc) {
  // As a clerk does: open the CSV in Calc and save it as .xlsx.
  const std::string convert =
      "cd " + files_.path() + " && HOME=" + profile_.path() +
      " soffice -env:UserInstallation=file://" + profile_.path() +
      " --headless --norestore --infilter=CSV:44,34,76,1 --convert-to xlsx --outdir " +
      files_.path() + " clerk.csv > convert.log 2>&1";
  ASSERT_EQ(Shell(convert), 0) << "LibreOffice Calc (libreoffice-calc-nogui) converts the file";
  ASSERT_TRUE(std::filesystem::exists(files_.path() + "/clerk.xlsx"));
  auto r = Import("clerk.xlsx");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  ExpectCodesReadAndNumbersRefused(Summary(r), r.out);
}

TEST_F(SpreadsheetTest, WrittenByOpenpyxlAsExcelStoresTypedCells) {
  auto r = Import("openpyxl.xlsx");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  ExpectCodesReadAndNumbersRefused(Summary(r), r.out);
}

// A clerk picks the wrong 信息项 (行政处罚) for a 行政许可 file: one message saying the header
// does not match and which item it looks like; no batch, nothing counted as sent back.
TEST_F(SpreadsheetTest, AFileOfAnotherItemIsRefusedOnceNamingTheItemItLooksLike) {
  const std::string csv = files_.path() + "/licences.csv";
  std::ofstream(csv)
      << "行政相对人名称,行政相对人类别,统一社会信用代码,法定代表人,许可决定文书名称,"
         "文书号,许可类别,许可内容,许可决定日期,有效期自,有效期至,许可机关,"
         "许可机关代码,当前状态,数据来源单位,数据来源单位代码\n"
      << "南京某某科技有限公司,法人及非法人组织,91320100748204660Q,张三,食品经营许可证,"
         "宁市监许〔2026〕1号,普通,食品销售,2026-11-20,2026-11-20,2031-11-19,"
         "南京市市场监督管理局,11320100MB1886843H,有效,南京市市场监督管理局,"
         "11320100MB1886843H\n"
      << "南京某某贸易有限公司,法人及非法人组织,91320100MA1W8DKP92,李四,食品经营许可证,"
         "宁市监许〔2026〕2号,普通,食品销售,2026-11-20,2026-11-20,2031-11-19,"
         "南京市市场监督管理局,11320100MB1886843H,有效,南京市市场监督管理局,"
         "11320100MB1886843H\n";
  auto r = Import("licences.csv");
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("表头"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("行政许可"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("第3行"), std::string::npos) << "said once, not per row: " << r.out;
  // Chosen right, the same file imports.
  auto right =
      RunXinyong({"import", "--data", data_.path(), "--department", kDep, "--item", "XK", csv});
  EXPECT_EQ(right.exit_code, 0) << right.out;
  EXPECT_EQ(Summary(right)["batch_id"], 1) << "the refused file opened no batch: " << right.out;
}

}  // namespace
}  // namespace xytest
