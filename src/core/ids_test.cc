#include "core/ids.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "core/divisions.h"

namespace xinyong {
namespace {

constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

std::vector<std::string> RealUsccs() {
  std::ifstream in(XY_SOURCE_DIR "/tests/data/uscc_valid.txt");
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line[0] != '#') out.push_back(line);
  }
  return out;
}

Date Today() { return *Date::Parse("2026-11-27"); }

class IdsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto t = DivisionTable::LoadFile(XY_SOURCE_DIR "/policy/divisions/gbt2260.dat");
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    divisions_ = new DivisionTable(std::move(t).value());
  }
  static void TearDownTestSuite() {
    delete divisions_;
    divisions_ = nullptr;
  }
  static const DivisionTable& Divisions() { return *divisions_; }

 private:
  static DivisionTable* divisions_;
};
DivisionTable* IdsTest::divisions_ = nullptr;

// Asserts an invalid result with the given rule, position and exact message.
void ExpectError(const IdCheck& c, std::string_view rule, int position, std::string_view message) {
  ASSERT_FALSE(c.valid()) << c.input;
  EXPECT_EQ(c.error->rule, rule) << c.input << ": " << c.error->message;
  EXPECT_EQ(c.error->position, position) << c.input << ": " << c.error->message;
  EXPECT_EQ(c.error->message, message) << c.input;
}

// ---- 统一社会信用代码 ----------------------------------------------------------------------

TEST(UsccTest, EveryRealCodeValidates) {
  const auto codes = RealUsccs();
  ASSERT_EQ(codes.size(), 200u) << "tests/data/uscc_valid.txt is missing or changed";
  for (const auto& code : codes) {
    IdCheck c = CheckUscc(code);
    EXPECT_TRUE(c.valid()) << code << ": " << (c.error ? c.error->message : "");
    EXPECT_EQ(c.kind, IdKind::kUscc);
    EXPECT_EQ(c.normalised, code);
    EXPECT_EQ(c.division, code.substr(2, 6));
    EXPECT_EQ(UsccCheckChar(std::string_view(code).substr(0, 17)), code[17]);
    EXPECT_EQ(OrganizationCodeCheckChar(std::string_view(code).substr(8, 8)), code[16]);
  }
}

TEST(UsccTest, DesignExamplesValidate) {
  for (const char* code : {"91320100748204660Q", "91230500MA1B3N1N2M", "11320100MB1886843H"}) {
    EXPECT_TRUE(CheckUscc(code).valid()) << code;
  }
}

TEST(UsccTest, EverySingleCharacterChangeIsRejected) {
  const std::set<std::string> structural = {"check_character", "organization_code_check",
                                            "character", "registration_department",
                                            "organization_category"};
  int checked = 0;
  for (const auto& code : RealUsccs()) {
    for (size_t pos = 0; pos < 18; ++pos) {
      for (char c : kUsccAlphabet) {
        if (c == code[pos]) continue;
        std::string m = code;
        m[pos] = c;
        IdCheck r = CheckUscc(m);
        ++checked;
        ASSERT_FALSE(r.valid()) << m << " (from " << code << ") was accepted";
        ASSERT_TRUE(structural.count(r.error->rule)) << m << ": " << r.error->rule;
        ASSERT_FALSE(r.error->message.empty());
        if (pos == 17) {
          ASSERT_EQ(r.error->rule, "check_character") << m;
          ASSERT_EQ(r.error->position, 18);
        }
        if (r.error->rule == "character") {
          ASSERT_EQ(r.error->position, static_cast<int>(pos) + 1);
        }
      }
      // Characters outside the alphabet are named where they stand.
      for (std::string bad : {"I", "O", "S", "V", "Z", "*", "王"}) {
        std::string m = code.substr(0, pos) + bad + code.substr(pos + 1);
        IdCheck r = CheckUscc(m);
        ASSERT_FALSE(r.valid()) << m;
        ASSERT_EQ(r.error->rule, "character") << m;
        ASSERT_EQ(r.error->position, static_cast<int>(pos) + 1) << m;
        ASSERT_NE(r.error->message.find("“" + bad + "”"), std::string::npos) << r.error->message;
      }
    }
  }
  EXPECT_EQ(checked, 200 * 18 * 30);
}

TEST(UsccTest, NormalisesWidthCaseAndSpaces) {
  for (const char* in :
       {"９１３２０１００７４８２０４６６０Ｑ", "91320100748204660q", " 9132 0100 7482 0466 0Q ",
        "９１３２ 0100-748204660q", "91320100\t748204660Ｑ\n"}) {
    IdCheck c = CheckUscc(in);
    EXPECT_TRUE(c.valid()) << in;
    EXPECT_EQ(c.input, in);
    EXPECT_EQ(c.normalised, "91320100748204660Q");
    EXPECT_EQ(c.division, "320100");
  }
}

TEST(UsccTest, MessagesNameTheRuleAndPosition) {
  ExpectError(CheckUscc("9132010074820466Q"), "length", 0, "统一社会信用代码应为18位，实际为17位");
  ExpectError(CheckUscc(""), "empty", 0, "统一社会信用代码为空");
  ExpectError(CheckUscc("  - "), "empty", 0, "统一社会信用代码为空");
  ExpectError(CheckUscc("9132I100748204660Q"), "character", 5,
              "第5位字符“I”不是统一社会信用代码允许的字符（不含I、O、S、V、Z）");
  ExpectError(CheckUscc("91320100748204660R"), "check_character", 18,
              "第18位校验码应为“Q”，实际为“R”");

  // A code whose own check character is right but whose organisation code is not.
  std::string body = "91320100D21435693";
  std::string code = body + UsccCheckChar(body);
  ExpectError(CheckUscc(code), "organization_code_check", 17,
              "第17位（组织机构代码校验码）应为“X”，实际为“3”");

  body = "B1320100748204660";
  ExpectError(CheckUscc(body + UsccCheckChar(body)), "registration_department", 1,
              "第1位登记管理部门代码“B”无效，应为1-9、A、N或Y");
  body = "95320100748204660";
  ExpectError(CheckUscc(body + UsccCheckChar(body)), "organization_category", 2,
              "第2位机构类别代码“5”不适用于登记管理部门“9”（工商），应为1（企业）、2（个体工商户）"
              "或3（农民专业合作社）");
  body = "A0320100748204660";
  ExpectError(CheckUscc(body + UsccCheckChar(body)), "organization_category", 2,
              "第2位机构类别代码“0”无效，应为1-9");
  body = "913A0100748204660";
  ExpectError(CheckUscc(body + UsccCheckChar(body)), "character", 4,
              "第4位字符“A”应为数字（第3至8位为登记管理机关行政区划码）");
  // Departments and categories the standard lists are accepted.
  for (std::string head : {"11", "12", "13", "19", "21", "31", "51", "52", "53", "59",
                           "61", "71", "81", "91", "92", "93", "A1", "N1", "N2", "Y1"}) {
    body = head + "320100748204660";
    EXPECT_TRUE(CheckUscc(body + UsccCheckChar(body)).valid()) << head;
  }
}

TEST(UsccTest, CheckCharacterHelpers) {
  EXPECT_EQ(UsccCheckChar("91320100748204660"), 'Q');
  EXPECT_EQ(UsccCheckChar("9132010074820466"), '\0');   // too short
  EXPECT_EQ(UsccCheckChar("9132010074820466I"), '\0');  // not in the alphabet
  EXPECT_EQ(OrganizationCodeCheckChar("74820466"), '0');
  EXPECT_EQ(OrganizationCodeCheckChar("D2143569"), 'X');
  EXPECT_EQ(OrganizationCodeCheckChar("7482046"), '\0');
  EXPECT_EQ(CitizenIdCheckChar("11010519491231002"), 'X');
  EXPECT_EQ(CitizenIdCheckChar("1101051949123100A"), '\0');
  EXPECT_EQ(RegistrationNumberCheckDigit("11010800000001"), '6');
  EXPECT_EQ(RegistrationNumberCheckDigit("1101080000000"), '\0');
}

// ---- 居民身份证号 --------------------------------------------------------------------------

TEST_F(IdsTest, CitizenIdValid) {
  IdCheck c = CheckCitizenId("11010519491231002X", Divisions(), Today());
  ASSERT_TRUE(c.valid()) << c.error->message;
  EXPECT_EQ(c.kind, IdKind::kCitizenId);
  EXPECT_EQ(c.division, "110105");
  ASSERT_TRUE(c.birth_date.has_value());
  EXPECT_EQ(c.birth_date->ToString(), "1949-12-31");
  // Lower-case x, full width and spaces normalise.
  EXPECT_TRUE(CheckCitizenId("110105 19491231 002x", Divisions(), Today()).valid());
  EXPECT_TRUE(CheckCitizenId("１１０１０５１９４９１２３１００２Ｘ", Divisions(), Today()).valid());
  // A division that no longer exists (崇文区, merged in 2010) is still a real birthplace code.
  std::string body = "11010319800101123";
  EXPECT_TRUE(CheckCitizenId(body + CitizenIdCheckChar(body), Divisions(), Today()).valid());
}

TEST_F(IdsTest, CitizenIdErrors) {
  ExpectError(CheckCitizenId("110105194912310021", Divisions(), Today()), "check_character", 18,
              "第18位校验码应为“X”，实际为“1”");
  std::string body = "11010519490231002";
  ExpectError(CheckCitizenId(body + CitizenIdCheckChar(body), Divisions(), Today()), "birth_date",
              7, "出生日期19490231不是有效日期");
  body = "11010520990101002";
  ExpectError(CheckCitizenId(body + CitizenIdCheckChar(body), Divisions(), Today()), "birth_date",
              7, "出生日期20990101晚于当前日期2026-11-27，不是有效的出生日期");
  // Born today is fine, tomorrow is not.
  body = "11010520261127002";
  EXPECT_TRUE(CheckCitizenId(body + CitizenIdCheckChar(body), Divisions(), Today()).valid());
  body = "11010520261128002";
  EXPECT_EQ(CheckCitizenId(body + CitizenIdCheckChar(body), Divisions(), Today()).error->rule,
            "birth_date");
  body = "11019919800101001";
  ExpectError(CheckCitizenId(body + CitizenIdCheckChar(body), Divisions(), Today()), "division", 1,
              "行政区划代码110199不存在");
  ExpectError(CheckCitizenId("11010519491231002Y", Divisions(), Today()), "character", 18,
              "第18位字符“Y”应为数字或X");
  ExpectError(CheckCitizenId("1101051949123100X2", Divisions(), Today()), "character", 17,
              "第17位字符“X”应为数字");
  ExpectError(CheckCitizenId("11010519491231002", Divisions(), Today()), "length", 0,
              "居民身份证号码应为18位，实际为17位");
  // An empty division table knows no division.
  EXPECT_EQ(CheckCitizenId("11010519491231002X", DivisionTable(), Today()).error->rule, "division");
}

TEST_F(IdsTest, CitizenIdSingleDigitChangesAreRejected) {
  const std::string id = "11010519491231002X";
  for (size_t pos = 0; pos < 18; ++pos) {
    for (char c : std::string_view("0123456789X")) {
      if (c == id[pos] || (c == 'X' && pos != 17)) continue;
      std::string m = id;
      m[pos] = c;
      IdCheck r = CheckCitizenId(m, Divisions(), Today());
      EXPECT_FALSE(r.valid()) << m;
    }
  }
}

// ---- 工商注册号 and 组织机构代码 ------------------------------------------------------------

TEST(RegistrationNumberTest, Mod11_10) {
  for (const char* n : {"110108000000016", "440301100012349", "310000000000000"}) {
    IdCheck c = CheckRegistrationNumber(n);
    EXPECT_TRUE(c.valid()) << n << ": " << (c.error ? c.error->message : "");
    EXPECT_EQ(c.kind, IdKind::kRegistrationNumber);
  }
  EXPECT_TRUE(CheckRegistrationNumber("１１０１０８ ０００００００１６").valid());
  ExpectError(CheckRegistrationNumber("110108000000017"), "check_character", 15,
              "第15位校验码应为“6”，实际为“7”");
  ExpectError(CheckRegistrationNumber("11010800000A016"), "character", 12, "第12位字符“A”应为数字");
  ExpectError(CheckRegistrationNumber("11010800000001"), "length", 0,
              "工商注册号应为15位，实际为14位");
  // MOD 11,10 catches every single-digit change.
  const std::string n = "110108000000016";
  for (size_t pos = 0; pos < n.size(); ++pos) {
    for (char c = '0'; c <= '9'; ++c) {
      if (c == n[pos]) continue;
      std::string m = n;
      m[pos] = c;
      EXPECT_FALSE(CheckRegistrationNumber(m).valid()) << m;
    }
  }
}

TEST(OrganizationCodeTest, Gb11714) {
  for (const char* code : {"74820466-0", "748204660", "D2143569-X", "d2143569x", "MA1B3N1N-2",
                           "７４８２０４６６－０"}) {
    IdCheck c = CheckOrganizationCode(code);
    EXPECT_TRUE(c.valid()) << code << ": " << (c.error ? c.error->message : "");
    EXPECT_EQ(c.kind, IdKind::kOrganizationCode);
  }
  EXPECT_EQ(CheckOrganizationCode("74820466-0").normalised, "748204660");
  ExpectError(CheckOrganizationCode("74820466-1"), "check_character", 9,
              "第9位校验码应为“0”，实际为“1”");
  ExpectError(CheckOrganizationCode("7482*466-0"), "character", 5,
              "第5位字符“*”不是组织机构代码允许的字符（数字或大写字母）");
  ExpectError(CheckOrganizationCode("74820466-Y"), "character", 9, "第9位字符“Y”应为数字或X");
  ExpectError(CheckOrganizationCode("7482046-0"), "length", 0,
              "组织机构代码应为9位（不含“-”），实际为8位");
}

// ---- CheckAnyId ---------------------------------------------------------------------------

TEST_F(IdsTest, CheckAnyIdPicksTheKind) {
  auto any = [&](std::string_view s) { return CheckAnyId(s, Divisions(), Today()); };
  EXPECT_EQ(any("91320100748204660Q").kind, IdKind::kUscc);
  EXPECT_TRUE(any("91320100748204660Q").valid());
  EXPECT_EQ(any("11010519491231002X").kind, IdKind::kCitizenId);
  EXPECT_TRUE(any("11010519491231002X").valid());
  EXPECT_EQ(any("11010519491231002X").birth_date->ToString(), "1949-12-31");
  EXPECT_EQ(any("110108000000016").kind, IdKind::kRegistrationNumber);
  EXPECT_TRUE(any("110108000000016").valid());
  EXPECT_EQ(any("74820466-0").kind, IdKind::kOrganizationCode);
  EXPECT_TRUE(any("74820466-0").valid());
  for (const auto& code : RealUsccs()) {
    IdCheck c = any(code);
    EXPECT_TRUE(c.valid()) << code;
    EXPECT_EQ(c.kind, IdKind::kUscc) << code;
  }

  // Invalid 18-character codes are reported against the kind they resemble.
  IdCheck bad_id = any("110105194912310021");
  EXPECT_EQ(bad_id.kind, IdKind::kCitizenId);
  EXPECT_EQ(bad_id.error->rule, "check_character");
  EXPECT_EQ(bad_id.error->message, "第18位校验码应为“X”，实际为“1”");
  IdCheck bad_uscc = any("91320100748204660R");
  EXPECT_EQ(bad_uscc.kind, IdKind::kUscc);
  EXPECT_EQ(bad_uscc.error->message, "第18位校验码应为“Q”，实际为“R”");
  EXPECT_EQ(any("911522010783762861").kind, IdKind::kUscc);  // all digits, no birth year

  ExpectError(any(""), "empty", 0, "证件号码为空");
  IdCheck wrong_length = any("1234567890");
  EXPECT_FALSE(wrong_length.kind.has_value());
  ExpectError(wrong_length, "length", 0,
              "证件号码应为18位（统一社会信用代码或居民身份证号码）、15位（工商注册号）或9位"
              "（组织机构代码），实际为10位");
}

TEST(IdKindTest, Names) {
  for (IdKind k : {IdKind::kUscc, IdKind::kCitizenId, IdKind::kRegistrationNumber,
                   IdKind::kOrganizationCode}) {
    EXPECT_EQ(IdKindFromName(IdKindName(k)), k);
  }
  EXPECT_EQ(IdKindName(IdKind::kCitizenId), "citizen_id");
  EXPECT_FALSE(IdKindFromName("passport").has_value());
}

TEST(MaskTest, IdNumbersInFreeText) {
  EXPECT_EQ(MaskIdNumbersIn("举报人身份证11010519491231002X，电话13800000000"),
            "举报人身份证110***********002X，电话13800000000");
  EXPECT_EQ(MaskIdNumbersIn("11010519491231002x"), "110***********002X") << "a lower-case x";
  EXPECT_EQ(MaskIdNumbersIn("110105194912310021"), "110105194912310021")
      << "a check character that does not fit is not an identity number";
  EXPECT_EQ(MaskIdNumbersIn("911010519491231002X"), "911010519491231002X")
      << "part of a longer run of digits";
  EXPECT_EQ(MaskIdNumbersIn("A11010519491231002X B"), "A110***********002X B");
  EXPECT_EQ(MaskIdNumbersIn(""), "");
}

TEST(MaskTest, IdNumbersAndNames) {
  EXPECT_EQ(MaskIdNumber("11010519491231002X"), "110***********002X");
  EXPECT_EQ(MaskIdNumber("748204660"), "*****4660");
  EXPECT_EQ(MaskIdNumber("110108000000016"), "***********0016");
  EXPECT_EQ(MaskIdNumber("1234"), "****");
  EXPECT_EQ(MaskIdNumber(""), "");
  EXPECT_EQ(MaskPersonName("张三"), "张*");
  EXPECT_EQ(MaskPersonName("欧阳娜娜"), "欧***");
  EXPECT_EQ(MaskPersonName(" 李 四 "), "李**");
  EXPECT_EQ(MaskPersonName("王"), "王*");
  EXPECT_EQ(MaskPersonName(""), "");
}

}  // namespace
}  // namespace xinyong
