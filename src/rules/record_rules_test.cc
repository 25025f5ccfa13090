// Row validation against the default catalogue: golden cases with the exact error a clerk
// sees, header mapping, and display windows.
#include "rules/record_rules.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/divisions.h"
#include "core/ids.h"

namespace xinyong {
namespace {

using Row = std::map<std::string, std::string>;

struct Policy {
  DivisionTable divisions;
  Catalogue catalogue;
};

const Policy& LoadPolicy() {
  static const Policy* p = [] {
    auto* out = new Policy();
    auto d = DivisionTable::LoadFile(XY_SOURCE_DIR "/policy/divisions/gbt2260.dat");
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    if (d.ok()) out->divisions = std::move(d).value();
    auto c = Catalogue::LoadDir(XY_SOURCE_DIR "/policy/catalogue");
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    if (c.ok()) out->catalogue = std::move(c).value();
    return out;
  }();
  return *p;
}

// 2026-03-02, a Monday.
const Date kToday = *Date::Parse("2026-03-02");

Row CompanyPenalty() {
  return {{"CF_XDR_MC", "南京某某科技有限公司"},
          {"CF_XDR_LB", "法人及非法人组织"},
          {"CF_XDR_SHXYM", "91320100748204660Q"},
          {"CF_FRDB", "张三"},
          {"CF_WSH", "宁市监罚〔2026〕1号"},
          {"CF_WFXW", "虚假宣传"},
          {"CF_SY", "在其网店发布虚假广告"},
          {"CF_YJ", "《中华人民共和国广告法》第五十五条"},
          {"CF_CFLB", "罚款"},
          {"CF_NR", "罚款5万元"},
          {"CF_NR_FK", "5"},
          {"CF_JDRQ", "2026-02-20"},
          {"CF_CFJG", "南京市市场监督管理局"},
          {"CF_CFJGDM", "11320100MB1886843H"},
          {"CF_SJLY", "南京市市场监督管理局"},
          {"CF_SJLYDM", "11320100MB1886843H"}};
}

Row PersonPenalty() {
  Row r = CompanyPenalty();
  r.erase("CF_XDR_SHXYM");
  r.erase("CF_FRDB");
  r["CF_XDR_MC"] = "李四";
  r["CF_XDR_LB"] = "自然人";
  r["CF_XDR_ZJLX"] = "身份证";
  r["CF_XDR_ZJHM"] = "11010519491231002X";
  return r;
}

Row Licence() {
  return {{"XK_XDR_MC", "南京某某餐饮有限公司"},
          {"XK_XDR_LB", "法人及非法人组织"},
          {"XK_XDR_SHXYM", "91320100748204660Q"},
          {"XK_FRDB", "王五"},
          {"XK_XKWS", "食品经营许可决定书"},
          {"XK_WSH", "宁市监许〔2026〕8号"},
          {"XK_XKLB", "普通"},
          {"XK_NR", "食品经营许可"},
          {"XK_JDRQ", "2026-02-25"},
          {"XK_YXQZ", "2026-02-25"},
          {"XK_YXQZI", "2031-02-24"},
          {"XK_XKJG", "南京市市场监督管理局"},
          {"XK_XKJGDM", "11320100MB1886843H"},
          {"XK_ZT", "有效"},
          {"XK_LYDW", "南京市市场监督管理局"},
          {"XK_LYDWDM", "11320100MB1886843H"}};
}

class RecordRulesTest : public ::testing::Test {
 protected:
  RecordRulesTest() : validator_(LoadPolicy().catalogue, LoadPolicy().divisions) {}

  const CatalogueItem& Item(const std::string& code) {
    const CatalogueItem* item = LoadPolicy().catalogue.Find(code);
    EXPECT_NE(item, nullptr) << code;
    return *item;
  }
  RowOutcome Check(const std::string& item, const Row& row) {
    return validator_.Validate(Item(item), row, kToday);
  }
  // The row with `changes` applied ("" erases the field).
  static Row With(Row row, const Row& changes) {
    for (const auto& [k, v] : changes) {
      if (v.empty()) {
        row.erase(k);
      } else {
        row[k] = v;
      }
    }
    return row;
  }
  static std::string Describe(const RowOutcome& o) {
    std::string s;
    for (const auto& e : o.errors) s += e.field + ":" + e.code + " " + e.message + "\n";
    return s;
  }
  // The one error of a row.
  FieldError OnlyError(const std::string& item, const Row& row) {
    RowOutcome o = Check(item, row);
    EXPECT_FALSE(o.record.has_value());
    EXPECT_EQ(o.errors.size(), 1u) << Describe(o);
    return o.errors.empty() ? FieldError{} : o.errors.front();
  }
  // The record of a row that must pass (a copy: outcomes are temporaries).
  static ValidatedRecord Accepted(const RowOutcome& o) {
    EXPECT_TRUE(o.record.has_value()) << Describe(o);
    return o.record ? *o.record : ValidatedRecord{};
  }

  RecordValidator validator_;
};

TEST_F(RecordRulesTest, ValidCompanyPenalty) {
  RowOutcome o = Check("CF", CompanyPenalty());
  const ValidatedRecord& v = Accepted(o);
  EXPECT_TRUE(o.errors.empty());
  EXPECT_EQ(v.item_code, "CF");
  EXPECT_EQ(v.subject_kind, SubjectKind::kLegalPerson);
  EXPECT_EQ(v.subject_name, "南京某某科技有限公司");
  EXPECT_EQ(v.subject_identifiers, std::vector<std::string>{"91320100748204660Q"});
  EXPECT_EQ(v.source_key, "宁市监罚〔2026〕1号");
  EXPECT_EQ(v.decision_date, "2026-02-20");
  EXPECT_EQ(v.legal_basis, "《中华人民共和国广告法》第五十五条");
  EXPECT_EQ(v.fields.at("CF_CFLB"), "罚款");
  EXPECT_EQ(v.fields.at("CF_NR_FK"), "5");
  EXPECT_EQ(v.fields.count("CF_XDR_ZJHM"), 0u) << "empty fields are omitted";
  EXPECT_TRUE(v.sensitive_fields.empty());
  EXPECT_EQ(v.nature, Nature::kMinor);
  EXPECT_EQ(v.disclosure, Disclosure::kPublic);
  EXPECT_TRUE(v.display.published);
}

TEST_F(RecordRulesTest, ValuesAreNormalised) {
  RowOutcome o = Check(
      "CF", With(CompanyPenalty(), {{"CF_XDR_SHXYM", " ９１３２０１００７４８２０４６６０ｑ "},
                                    {"CF_JDRQ", "2026/2/20"},
                                    {"CF_CFLB", "警告；罚款"},
                                    {"CF_NR_FK", "5.000"},
                                    {"CF_XDR_LB", "法人"},
                                    {"CF_WSH", "  宁市监罚〔2026〕1号\u3000"}}));
  const ValidatedRecord& v = Accepted(o);
  EXPECT_EQ(v.fields.at("CF_XDR_SHXYM"), "91320100748204660Q");
  EXPECT_EQ(v.fields.at("CF_JDRQ"), "2026-02-20");
  EXPECT_EQ(v.fields.at("CF_CFLB"), "警告;罚款");
  EXPECT_EQ(v.fields.at("CF_NR_FK"), "5");
  EXPECT_EQ(v.fields.at("CF_XDR_LB"), "法人及非法人组织");
  EXPECT_EQ(v.source_key, "宁市监罚〔2026〕1号");
  for (const char* date : {"20260220", "2026.02.20", "2026年2月20日", "2026-02-20 00:00:00"}) {
    EXPECT_EQ(
        Accepted(Check("CF", With(CompanyPenalty(), {{"CF_JDRQ", date}}))).fields.at("CF_JDRQ"),
        "2026-02-20")
        << date;
  }
}

// Golden cases: the exact error a clerk sees.
struct Golden {
  const char* name;
  Row changes;
  std::string field;
  std::string code;
  std::string message;
};

TEST_F(RecordRulesTest, GoldenPenaltyRows) {
  std::string long_name;
  for (int i = 0; i < 201; ++i) long_name += "某";  // 201 characters, 603 bytes
  const std::vector<Golden> cases = {
      {"wrong USCC check character",
       {{"CF_XDR_SHXYM", "91320100748204660R"}},
       "CF_XDR_SHXYM",
       "invalid_identifier",
       "CF_XDR_SHXYM "
       "统一社会信用代码：号码有误（第18位校验码应为“Q”，实际为“R”），"
       "请核对证照后重新填写"},
      {"missing legal representative",
       {{"CF_FRDB", ""}},
       "CF_FRDB",
       "required",
       "CF_FRDB 法定代表人：行政相对人为法人及非法人组织时必填"},
      {"fine without amount",
       {{"CF_NR_FK", ""}},
       "CF_NR_FK",
       "conditional_required",
       "CF_NR_FK 罚款金额(万元)：处罚类别含“罚款”时必填，请填写金额（万元）"},
      {"confiscation without amount",
       {{"CF_CFLB", "罚款;没收违法所得"}},
       "CF_NR_WFFF",
       "conditional_required",
       "CF_NR_WFFF "
       "没收违法所得、没收非法财物的金额(万元)"
       "：处罚类别含“没收违法所得”时必填，请填写金额（万元）"},
      {"licence revoked without its name",
       {{"CF_CFLB", "吊销许可证件"}, {"CF_NR_FK", ""}},
       "CF_NR_ZKDX",
       "conditional_required",
       "CF_NR_ZKDX 暂扣或吊销证照名称及编号：处罚类别含“吊销许可证件”时必填"},
      {"impossible date",
       {{"CF_JDRQ", "2025-02-30"}},
       "CF_JDRQ",
       "invalid_date",
       "CF_JDRQ 处罚决定日期：“2025-02-30”不是真实存在的日期（2025年2月只有28天）"},
      {"not a date",
       {{"CF_JDRQ", "上周五"}},
       "CF_JDRQ",
       "invalid_date",
       "CF_JDRQ 处罚决定日期：“上周五”不是日期，请按YYYY-MM-DD填写（如2026-02-20）"},
      {"future decision date",
       {{"CF_JDRQ", "2026-03-05"}},
       "CF_JDRQ",
       "future_date",
       "CF_JDRQ 处罚决定日期：2026-03-05晚于今天（2026-03-02），决定日期不能是将来的日期，请核对"},
      {"unknown penalty category",
       {{"CF_CFLB", "罚没"}},
       "CF_CFLB",
       "unknown_code",
       "CF_CFLB 处罚类别：“罚没”不在代码表“处罚类别”中，可填：警告、通报批评、罚款、没收违法所得、"
       "没收非法财物、暂扣许可证件、降低资质等级、吊销许可证件、限制开展生产经营活动、责令停产停业"
       "、"
       "责令关闭、限制从业、行政拘留、其他（多个用;分隔）"},
      {"too long",
       {{"CF_XDR_MC", long_name}},
       "CF_XDR_MC",
       "too_long",
       "CF_XDR_MC 行政相对人名称：长度为201个字符，超过上限200个字符，请精简"},
      {"amount in yuan",
       {{"CF_NR_FK", "5000元"}},
       "CF_NR_FK",
       "invalid_amount",
       "CF_NR_FK 罚款金额(万元)：“5000元”的单位是元：请换算为万元并只填数字（如5000元填0.5）"
       "（单位为万元，填写非负数，最多6位小数）"},
      {"negative amount",
       {{"CF_NR_FK", "-1"}},
       "CF_NR_FK",
       "invalid_amount",
       "CF_NR_FK "
       "罚款金额(万元)：“-1”是负数：金额不能为负数（单位为万元，填写非负数，最多6位小数）"},
      {"missing decision number",
       {{"CF_WSH", ""}},
       "CF_WSH",
       "required",
       "CF_WSH 决定书文号：必填项，不能为空"},
      {"unknown subject category",
       {{"CF_XDR_LB", "企业"}},
       "CF_XDR_LB",
       "unknown_code",
       "CF_XDR_LB "
       "行政相对人类别：“企业”不在代码表“行政相对人类别”中，可填：法人及非法人组织、自然人、"
       "个体工商户"},
      {"validity before decision",
       {{"CF_YXQ", "2026-01-01"}},
       "CF_YXQ",
       "date_order",
       "CF_YXQ 处罚有效期：2026-01-01早于处罚决定日期（2026-02-20），请核对两个日期"},
      {"organisation code not the one in the USCC",
       {{"CF_XDR_ZZJG", "MA1B3N1N2"}},
       "CF_XDR_ZZJG",
       "invalid_identifier",
       "CF_XDR_ZZJG "
       "组织机构代码：组织机构代码MA1B3N1N2与统一社会信用代码第9-17位（748204660）不一致，请核对"},
      {"placeholder code for a company",
       {{"CF_XDR_SHXYM", "00000000000000000X"}},
       "CF_XDR_SHXYM",
       "invalid_identifier",
       "CF_XDR_SHXYM 统一社会信用代码：占位代码00000000000000000X只适用于个体工商户，"
       "法人及非法人组织请填写真实的统一社会信用代码"},
      {"column outside the item",
       {{"CF_XYZ", "1"}},
       "CF_XYZ",
       "unknown_column",
       "列“CF_XYZ”不是信息项“行政处罚”（CF）的字段：请删除该列，或改用目录中的字段代码或中文列名"},
  };
  for (const Golden& g : cases) {
    SCOPED_TRACE(g.name);
    FieldError e = OnlyError("CF", With(CompanyPenalty(), g.changes));
    EXPECT_EQ(e.field, g.field);
    EXPECT_EQ(e.code, g.code);
    EXPECT_EQ(e.message, g.message);
  }
}

TEST_F(RecordRulesTest, LengthIsCountedInCharactersNotBytes) {
  std::string name;
  for (int i = 0; i < 200; ++i) name += "某";  // 600 bytes
  Accepted(Check("CF", With(CompanyPenalty(), {{"CF_XDR_MC", name}})));
}

TEST_F(RecordRulesTest, EveryProblemOfTheRowInFieldOrder) {
  RowOutcome o = Check("CF", With(CompanyPenalty(), {{"CF_XDR_SHXYM", "91320100748204660R"},
                                                     {"CF_FRDB", ""},
                                                     {"CF_NR_FK", ""},
                                                     {"CF_JDRQ", "2025-02-30"},
                                                     {"CF_SY", ""}}));
  ASSERT_FALSE(o.record.has_value());
  std::vector<std::string> got;
  for (const auto& e : o.errors) got.push_back(e.field + ":" + e.code);
  EXPECT_EQ(got, (std::vector<std::string>{"CF_XDR_SHXYM:invalid_identifier", "CF_FRDB:required",
                                           "CF_SY:required", "CF_NR_FK:conditional_required",
                                           "CF_JDRQ:invalid_date"}));
}

TEST_F(RecordRulesTest, NaturalPersonWithCitizenId) {
  RowOutcome o = Check("CF", PersonPenalty());
  const ValidatedRecord& v = Accepted(o);
  EXPECT_EQ(v.subject_kind, SubjectKind::kNaturalPerson);
  EXPECT_EQ(v.subject_identifiers, std::vector<std::string>{"11010519491231002X"});
  EXPECT_EQ(v.fields.at("CF_XDR_ZJLX"), "01");
  EXPECT_EQ(v.sensitive_fields, std::vector<std::string>{"CF_XDR_ZJHM"});
  EXPECT_EQ(v.disclosure, Disclosure::kAuthorised);
  EXPECT_FALSE(v.display.published);
  EXPECT_EQ(v.display.reason, "涉及自然人的行政处罚信息仅限授权查询，不向社会公示");
  // Alias numbering of 证件类型 is accepted and stored as the code.
  EXPECT_EQ(Accepted(Check("CF", With(PersonPenalty(), {{"CF_XDR_ZJLX", "10"}})))
                .fields.at("CF_XDR_ZJLX"),
            "01");
}

TEST_F(RecordRulesTest, NaturalPersonWithBadCitizenId) {
  FieldError e = OnlyError("CF", With(PersonPenalty(), {{"CF_XDR_ZJHM", "110105194912310021"}}));
  EXPECT_EQ(e.field, "CF_XDR_ZJHM");
  EXPECT_EQ(e.code, "invalid_identifier");
  EXPECT_EQ(e.message,
            "CF_XDR_ZJHM 证件号码：号码有误（第18位校验码应为“X”，实际为“1”），"
            "请核对证照后重新填写");
  e = OnlyError("CF", With(PersonPenalty(), {{"CF_XDR_ZJHM", ""}}));
  EXPECT_EQ(e.field, "CF_XDR_ZJHM");
  EXPECT_EQ(e.code, "required");
  EXPECT_EQ(e.message, "CF_XDR_ZJHM 证件号码：行政相对人为自然人时必填");
  e = OnlyError("CF", With(PersonPenalty(), {{"CF_XDR_ZJLX", ""}}));
  EXPECT_EQ(e.field, "CF_XDR_ZJLX");
  EXPECT_EQ(e.code, "required");
}

TEST_F(RecordRulesTest, OtherIdentityDocumentsAreCheckedForShapeOnly) {
  FieldError e = OnlyError(
      "CF", With(PersonPenalty(), {{"CF_XDR_ZJLX", "护照"}, {"CF_XDR_ZJHM", "E1234567*"}}));
  EXPECT_EQ(e.code, "invalid_identifier");
  EXPECT_EQ(e.message,
            "CF_XDR_ZJHM "
            "证件号码：号码有误（第9位字符“*”不是字母或数字），请核对证照后重新填写");
  // A well-formed passport number passes, but a natural person is registered by citizen ID.
  e = OnlyError("CF",
                With(PersonPenalty(), {{"CF_XDR_ZJLX", "护照"}, {"CF_XDR_ZJHM", "E12345678"}}));
  EXPECT_EQ(e.field, "CF_XDR_ZJHM");
  EXPECT_EQ(e.code, "unsupported_identifier");
}

TEST_F(RecordRulesTest, IndividualBusinessWithPlaceholderNeedsRegistrationNumber) {
  Row row = With(CompanyPenalty(), {{"CF_XDR_LB", "个体工商户"},
                                    {"CF_XDR_SHXYM", "00000000000000000X"},
                                    {"CF_XDR_MC", "南京市某某小吃店"}});
  FieldError e = OnlyError("CF", row);
  EXPECT_EQ(e.field, "CF_XDR_GSZC");
  EXPECT_EQ(e.code, "conditional_required");
  EXPECT_EQ(e.message, "CF_XDR_GSZC 工商注册号：统一社会信用代码为“00000000000000000X”时必填");
  const std::string reg =
      "32010000000001" + std::string(1, RegistrationNumberCheckDigit("32010000000001"));
  row["CF_XDR_GSZC"] = reg;
  const ValidatedRecord& v = Accepted(Check("CF", row));
  EXPECT_EQ(v.subject_kind, SubjectKind::kIndividualBusiness);
  EXPECT_EQ(v.subject_identifiers, std::vector<std::string>{reg});
}

TEST_F(RecordRulesTest, HeaderMapsCodesAndChineseNames) {
  const CatalogueItem& cf = Item("CF");
  auto codes = validator_.MapHeader(cf, {"CF_WSH", " cf_jdrq ", "罚款金额（万元）", "处罚 类别",
                                         "\xEF\xBB\xBF行政相对人名称", "ＣＦ＿ＹＪ", "决定书文号"});
  EXPECT_FALSE(codes.ok());
  EXPECT_EQ(codes.status().message(),
            "第7列“决定书文号”与第1列“CF_WSH”都是字段CF_WSH 决定书文号：请删除重复的列");
  codes = validator_.MapHeader(cf, {"CF_WSH", " cf_jdrq ", "罚款金额（万元）", "处罚 类别",
                                    "行政相对人名称", "ＣＦ＿ＹＪ", "处罚决定书文号X"});
  EXPECT_EQ(codes.status().message(),
            "第7列“处罚决定书文号X”不是信息项“行政处罚”（CF）的字段：请删除该列，或改用目录中的字段"
            "代码或中文列名");
  codes = validator_.MapHeader(
      cf, {"CF_WSH", " cf_jdrq ", "罚款金额（万元）", "处罚 类别", "行政相对人名称", "ＣＦ＿ＹＪ"});
  ASSERT_TRUE(codes.ok()) << codes.status().ToString();
  EXPECT_EQ(*codes, (std::vector<std::string>{"CF_WSH", "CF_JDRQ", "CF_NR_FK", "CF_CFLB",
                                              "CF_XDR_MC", "CF_YJ"}));
  auto m = validator_.MapColumns(cf, {"决定书文号", "", "CF_WSH"});
  ASSERT_EQ(m.errors.size(), 2u);
  EXPECT_EQ(m.errors[0].code, "unknown_column");
  EXPECT_EQ(m.errors[0].message, "第2列没有列名：请填写列名或删除该列");
  EXPECT_EQ(m.errors[1].code, "duplicate_column");
  EXPECT_EQ(m.codes, (std::vector<std::string>{"CF_WSH", "", ""}));
}

TEST_F(RecordRulesTest, RowsKeyedByChineseNamesAreTakenToo) {
  Row row;
  for (const auto& [code, value] : CompanyPenalty()) {
    row[Item("CF").FindField(code)->name] = value;
  }
  Accepted(Check("CF", row));
  row["CF_WSH"] = "x";
  FieldError e = OnlyError("CF", row);
  EXPECT_EQ(e.code, "duplicate_column");
}

// ---------------------------------------------------------------------------------------------
// Display windows

TEST_F(RecordRulesTest, WarningOnlyIsNotPublished) {
  for (const char* categories : {"警告", "通报批评", "警告;通报批评"}) {
    const ValidatedRecord& v =
        Accepted(Check("CF", With(CompanyPenalty(), {{"CF_CFLB", categories}, {"CF_NR_FK", ""}})));
    EXPECT_FALSE(v.display.published) << categories;
    EXPECT_EQ(v.display.from, "");
    EXPECT_EQ(v.nature, Nature::kMinor);
  }
  const ValidatedRecord& v =
      Accepted(Check("CF", With(CompanyPenalty(), {{"CF_CFLB", "警告"}, {"CF_NR_FK", ""}})));
  EXPECT_EQ(v.display.reason,
            "仅受到警告的行政处罚，按规定不予公示（失信信息信用修复管理办法（2023）；"
            "市场监管行政处罚信息公示规定（2021））");
}

TEST_F(RecordRulesTest, FineBelowTheLowerAmountIsNotPublished) {
  const ValidatedRecord& low = Accepted(
      Check("CF", With(CompanyPenalty(), {{"CF_CFLB", "警告;罚款"}, {"CF_NR_FK", "0.2"}})));
  EXPECT_FALSE(low.display.published);
  EXPECT_NE(low.display.reason.find("罚款金额0.2万元低于较低数额0.3万元"), std::string::npos)
      << low.display.reason;
  const ValidatedRecord& at = Accepted(Check("CF", With(CompanyPenalty(), {{"CF_NR_FK", "0.3"}})));
  EXPECT_TRUE(at.display.published);
  // A small fine with a confiscation is not "low".
  const ValidatedRecord& with_more = Accepted(Check(
      "CF", With(CompanyPenalty(),
                 {{"CF_CFLB", "罚款;没收违法所得"}, {"CF_NR_FK", "0.2"}, {"CF_NR_WFFF", "1"}})));
  EXPECT_TRUE(with_more.display.published);
}

TEST_F(RecordRulesTest, MinorPenaltyShownThreeMonthsToOneYear) {
  const ValidatedRecord& v = Accepted(Check("CF", CompanyPenalty()));
  EXPECT_EQ(v.nature, Nature::kMinor);
  EXPECT_TRUE(v.display.published);
  EXPECT_EQ(v.display.from, "2026-02-20");
  EXPECT_EQ(v.display.min_until, "2026-05-20");
  EXPECT_EQ(v.display.until, "2027-02-20");
  EXPECT_EQ(v.display.reason,
            "一般失信行政处罚：自处罚决定日期起公示，最短3个月、最长1年（失信信息信用修复管理办法（"
            "2023）；"
            "市场监管行政处罚信息公示规定（2021））");
}

TEST_F(RecordRulesTest, MonthEndsClampToTheLastDay) {
  const ValidatedRecord& v =
      Accepted(Check("CF", With(CompanyPenalty(), {{"CF_JDRQ", "2025-11-30"}})));
  EXPECT_EQ(v.display.min_until, "2026-02-28");
  EXPECT_EQ(v.display.until, "2026-11-30");
}

TEST_F(RecordRulesTest, SeriousPenaltyShownOneToThreeYears) {
  const ValidatedRecord& closed =
      Accepted(Check("CF", With(CompanyPenalty(), {{"CF_CFLB", "责令关闭"}, {"CF_NR_FK", ""}})));
  EXPECT_EQ(closed.nature, Nature::kSerious);
  EXPECT_EQ(closed.display.from, "2026-02-20");
  EXPECT_EQ(closed.display.min_until, "2027-02-20");
  EXPECT_EQ(closed.display.until, "2029-02-20");
  EXPECT_NE(closed.display.reason.find("严重失信行政处罚（责令关闭）"), std::string::npos);

  // Revocation: serious, and no early stop before the maximum.
  const ValidatedRecord& revoked = Accepted(
      Check("CF", With(CompanyPenalty(), {{"CF_CFLB", "罚款;吊销许可证件"},
                                          {"CF_NR_ZKDX", "食品经营许可证JY13201000000001"}})));
  EXPECT_EQ(revoked.nature, Nature::kSerious);
  EXPECT_EQ(revoked.display.until, "2029-02-20");
  EXPECT_EQ(revoked.display.min_until, "");
  EXPECT_NE(revoked.display.reason.find("含吊销许可证件，不得提前停止公示"), std::string::npos)
      << revoked.display.reason;

  // A large fine is serious too.
  const ValidatedRecord& big = Accepted(Check("CF", With(CompanyPenalty(), {{"CF_NR_FK", "100"}})));
  EXPECT_EQ(big.nature, Nature::kSerious);
  EXPECT_EQ(big.display.until, "2029-02-20");
  EXPECT_NE(big.display.reason.find("罚款100万元及以上"), std::string::npos);
}

TEST_F(RecordRulesTest, DepartmentsEndDateIsKeptBetweenMinimumAndMaximum) {
  EXPECT_EQ(
      Accepted(Check("CF", With(CompanyPenalty(), {{"CF_GSJZQ", "2026-08-20"}}))).display.until,
      "2026-08-20");
  EXPECT_EQ(
      Accepted(Check("CF", With(CompanyPenalty(), {{"CF_GSJZQ", "2026-03-20"}}))).display.until,
      "2026-05-20");
  EXPECT_EQ(
      Accepted(Check("CF", With(CompanyPenalty(), {{"CF_GSJZQ", "2099-12-31"}}))).display.until,
      "2027-02-20");
}

TEST_F(RecordRulesTest, LicenceShownWhileValid) {
  const ValidatedRecord& v = Accepted(Check("XK", Licence()));
  EXPECT_EQ(v.nature, Nature::kNeutral);
  EXPECT_EQ(v.fields.at("XK_XKLB"), "01");
  EXPECT_EQ(v.fields.at("XK_ZT"), "1");
  EXPECT_TRUE(v.display.published);
  EXPECT_EQ(v.display.from, "2026-02-25");
  EXPECT_EQ(v.display.until, "2031-02-24");
  EXPECT_EQ(v.display.min_until, "");
  EXPECT_EQ(v.display.reason,
            "在有效期内公示：自决定日期起至有效期至2031-02-24（双公示数据标准（有效期至2099-12-"
            "31表示长期有效））");
}

TEST_F(RecordRulesTest, LongTermLicenceHasNoEnd) {
  for (const char* to : {"2099-12-31", "长期", "2099/12/31"}) {
    const ValidatedRecord& v = Accepted(Check("XK", With(Licence(), {{"XK_YXQZI", to}})));
    EXPECT_EQ(v.fields.at("XK_YXQZI"), "2099-12-31") << to;
    EXPECT_TRUE(v.display.published);
    EXPECT_EQ(v.display.from, "2026-02-25");
    EXPECT_EQ(v.display.until, "") << to;
    EXPECT_NE(v.display.reason.find("长期有效"), std::string::npos);
  }
}

TEST_F(RecordRulesTest, InvalidLicenceIsNotShown) {
  const ValidatedRecord& v = Accepted(Check("XK", With(Licence(), {{"XK_ZT", "2"}})));
  EXPECT_FALSE(v.display.published);
  EXPECT_EQ(v.display.reason, "当前状态为“无效”，不予公示");
}

TEST_F(RecordRulesTest, LicenceDatesInOrder) {
  FieldError e = OnlyError("XK", With(Licence(), {{"XK_YXQZI", "2026-01-31"}}));
  EXPECT_EQ(e.code, "date_order");
  EXPECT_EQ(e.message, "XK_YXQZI 有效期至：2026-01-31早于有效期自（2026-02-25），请核对两个日期");
  e = OnlyError("XK", With(Licence(), {{"XK_XKLB", "07"}}));
  EXPECT_EQ(
      e.message,
      "XK_XKLB 许可类别：“07”不在代码表“许可类别”中，可填代码或名称：01 普通、02 特许、03 认可、"
      "04 核准、05 登记、06 其他");
}

TEST_F(RecordRulesTest, JudgmentDebtorsArePublicWhileListedButNotMinors) {
  Row sx = {{"SX_BZXR_MC", "赵六"},
            {"SX_BZXR_ZJLX", "01"},
            {"SX_BZXR_ZJHM", "11010519491231002X"},
            {"SX_AH", "（2025）苏0102执1234号"},
            {"SX_ZXFY", "南京市玄武区人民法院"},
            {"SX_LARQ", "2025-06-01"},
            {"SX_YW", "支付货款10万元"},
            {"SX_LXQK", "全部未履行"},
            {"SX_SXQX", "有履行能力而拒不履行生效法律文书确定义务"},
            {"SX_FBRQ", "2025-09-01"},
            {"SX_SJLY", "南京市玄武区人民法院"}};
  const ValidatedRecord& v = Accepted(Check("SX", sx));
  EXPECT_EQ(v.subject_kind, SubjectKind::kNaturalPerson);
  EXPECT_EQ(v.nature, Nature::kSerious);
  EXPECT_EQ(v.disclosure, Disclosure::kPublic);
  EXPECT_EQ(v.source_key, "（2025）苏0102执1234号|赵六");
  EXPECT_EQ(v.legal_basis, "《最高人民法院关于公布失信被执行人名单信息的若干规定》");
  EXPECT_TRUE(v.display.published);
  EXPECT_EQ(v.display.from, "2025-09-01");
  EXPECT_EQ(v.display.until, "");
  const ValidatedRecord& removed = Accepted(Check("SX", With(sx, {{"SX_YCRQ", "2026-01-10"}})));
  EXPECT_EQ(removed.display.until, "2026-01-10");

  // Born 2010-05-01: 15 at the decision.
  const std::string body = "11010520100501001";
  const std::string minor = body + std::string(1, CitizenIdCheckChar(body));
  const ValidatedRecord& child = Accepted(Check("SX", With(sx, {{"SX_BZXR_ZJHM", minor}})));
  EXPECT_FALSE(child.display.published);
  EXPECT_EQ(child.display.reason, "作出决定时为未成年人，失信信息用于教育引导，不向社会公示");

  // Organisations need their code and representative; the kind follows from the identifiers.
  Row org = With(sx, {{"SX_BZXR_ZJLX", ""},
                      {"SX_BZXR_ZJHM", ""},
                      {"SX_BZXR_MC", "南京某某科技有限公司"},
                      {"SX_BZXR_SHXYM", "91320100748204660Q"}});
  FieldError e = OnlyError("SX", org);
  EXPECT_EQ(e.message, "SX_FRDB 法定代表人或者负责人姓名：主体为法人及非法人组织时必填");
}

TEST_F(RecordRulesTest, HonoursArePublishedForTheirValidityOrThreeYears) {
  Row ry = {{"RY_XDR_MC", "南京某某科技有限公司"},  {"RY_XDR_LB", "法人及非法人组织"},
            {"RY_XDR_SHXYM", "91320100748204660Q"}, {"RY_RYMC", "江苏省守合同重信用企业"},
            {"RY_WSH", "苏市监〔2026〕3号"},        {"RY_JDRQ", "2026-01-15"},
            {"RY_SYJG", "江苏省市场监督管理局"},    {"RY_SJLY", "江苏省市场监督管理局"},
            {"RY_SJLYDM", "11320100MB1886843H"}};
  const ValidatedRecord& v = Accepted(Check("RY", ry));
  EXPECT_EQ(v.nature, Nature::kGood);
  EXPECT_EQ(v.display.until, "2029-01-15");
  EXPECT_EQ(Accepted(Check("RY", With(ry, {{"RY_YXQZ", "2027-12-31"}}))).display.until,
            "2027-12-31");
}

TEST_F(RecordRulesTest, TaxArrearsUntilPaid) {
  Row qs = {{"QS_NSRMC", "南京某某科技有限公司"},
            {"QS_NSRSBH", "91320100748204660Q"},
            {"QS_FRDB", "张三"},
            {"QS_SZ", "增值税、企业所得税"},
            {"QS_QSYE", "12.5"},
            {"QS_SSQQ", "2025-01-01"},
            {"QS_SSQZ", "2025-06-30"},
            {"QS_GGRQ", "2025-10-15"},
            {"QS_ZGSWJG", "国家税务总局南京市玄武区税务局"},
            {"QS_SJLY", "国家税务总局南京市税务局"}};
  const ValidatedRecord& v = Accepted(Check("QS", qs));
  EXPECT_EQ(v.subject_kind, SubjectKind::kLegalPerson);
  EXPECT_EQ(v.fields.at("QS_SZ"), "增值税;企业所得税");
  EXPECT_EQ(v.source_key, "91320100748204660Q|增值税;企业所得税|2025-01-01|2025-06-30");
  EXPECT_EQ(v.display.until, "");
  EXPECT_EQ(Accepted(Check("QS", With(qs, {{"QS_JQRQ", "2026-01-05"}}))).display.until,
            "2026-01-05");
  FieldError e = OnlyError("QS", With(qs, {{"QS_NSRSBH", "3201027482046"}}));
  EXPECT_EQ(
      e.message,
      "QS_NSRSBH 纳税人识别号：号码有误（长度为13位，应15至20位），请核对证照后重新填写");
}

TEST_F(RecordRulesTest, AbnormalOperationsListedUntilRemoved) {
  Row jy = {{"JY_QYMC", "南京某某科技有限公司"},       {"JY_SHXYM", "91320100748204660Q"},
            {"JY_LRYY", "未按照规定期限公示年度报告"}, {"JY_LRRQ", "2025-07-10"},
            {"JY_LRJG", "南京市玄武区市场监督管理局"}, {"JY_LRWH", "玄市监异〔2025〕12号"},
            {"JY_SJLY", "南京市市场监督管理局"}};
  const ValidatedRecord& v = Accepted(Check("JY", jy));
  EXPECT_EQ(v.nature, Nature::kMinor);
  EXPECT_EQ(v.display.from, "2025-07-10");
  EXPECT_EQ(v.display.until, "");
  FieldError e = OnlyError("JY", With(jy, {{"JY_YCRQ", "2026-01-10"}}));
  EXPECT_EQ(e.message, "JY_YCYY 移出原因：已填写移出日期时必填");
}

}  // namespace
}  // namespace xinyong
