// Files as they reach the platform from a clerk's desk: the CSV template opened and saved as
// .xlsx by LibreOffice Calc (headless, as Debian ships it), and a sheet written by openpyxl the
// way Excel stores typed cells. Codes lose their leading zeros (证件类型 01 -> 1) and all-digit
// identity numbers become 15-digit numbers: the codes are read with their zeros back, said in
// the summary; the numbers are refused with a message saying how to keep the column as text.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
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

}  // namespace
}  // namespace xytest
