// The catalogue: the default one loads and says what DATA.md says; a broken one is refused with
// the file, the item, the field and the reason.
#include "domain/catalogue.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <vector>

namespace xinyong {
namespace {

namespace fs = std::filesystem;

const fs::path kPolicy = fs::path(XY_SOURCE_DIR) / "policy" / "catalogue";

const Catalogue& Default() {
  static const Catalogue* c = [] {
    auto loaded = Catalogue::LoadDir(kPolicy);
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return new Catalogue(loaded.ok() ? std::move(loaded).value() : Catalogue());
  }();
  return *c;
}

TEST(CatalogueTest, DefaultCatalogueLoads) {
  const Catalogue& c = Default();
  EXPECT_EQ(c.version(), "2026.1");
  EXPECT_EQ(c.categories().size(), 11u);
  std::vector<std::string> codes;
  for (const auto& item : c.items()) codes.push_back(item.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"CF", "CN", "DJ", "JY", "QS", "RY", "SX", "XK"}));
  // 登记注册基本信息: public, neither good nor bad, one record per subject (its code is the key).
  const CatalogueItem* dj = c.Find("登记注册基本信息");
  ASSERT_NE(dj, nullptr);
  EXPECT_EQ(dj->code, "DJ");
  EXPECT_EQ(dj->nature, Nature::kNeutral);
  EXPECT_EQ(dj->disclosure, Disclosure::kPublic);
  EXPECT_EQ(dj->source_key, (std::vector<std::string>{"DJ_SHXYM"}));
  for (const char* field : {"DJ_FRDB", "DJ_CLRQ", "DJ_DJZT", "DJ_DJJG", "DJ_ZS"}) {
    ASSERT_NE(dj->FindField(field), nullptr) << field;
    EXPECT_TRUE(dj->FindField(field)->required) << field;
  }
  for (const auto& item : c.items()) {
    EXPECT_FALSE(item.source_key.empty()) << item.code;
    EXPECT_FALSE(item.decision_date_field.empty()) << item.code;
    EXPECT_TRUE(item.all_departments) << item.code;
  }
}

TEST(CatalogueTest, FindsItemsByCodeAnyCaseAndByChineseName) {
  const Catalogue& c = Default();
  ASSERT_NE(c.Find("CF"), nullptr);
  EXPECT_EQ(c.Find("cf"), c.Find("CF"));
  EXPECT_EQ(c.Find("行政处罚"), c.Find("CF"));
  EXPECT_EQ(c.Find(" 行政许可 "), c.Find("XK"));
  EXPECT_EQ(c.Find("失信被执行人名单"), c.Find("SX"));
  EXPECT_EQ(c.Find("NOPE"), nullptr);
  EXPECT_EQ(c.Find(""), nullptr);
}

TEST(CatalogueTest, DoubleDisclosureFieldsHaveTheStandardsNames) {
  const Catalogue& c = Default();
  const CatalogueItem& xk = *c.Find("XK");
  const std::vector<std::pair<std::string, std::string>> xk_fields = {
      {"XK_XDR_MC", "行政相对人名称"},
      {"XK_XDR_LB", "行政相对人类别"},
      {"XK_XDR_SHXYM", "统一社会信用代码"},
      {"XK_XDR_GSZC", "工商注册号"},
      {"XK_XDR_ZZJG", "组织机构代码"},
      {"XK_XDR_SWDJ", "税务登记号"},
      {"XK_XDR_SYDW", "事业单位证书号"},
      {"XK_XDR_SHZZ", "社会组织登记证号"},
      {"XK_FRDB", "法定代表人"},
      {"XK_FR_ZJLX", "法定代表人证件类型"},
      {"XK_FR_ZJHM", "法定代表人证件号码"},
      {"XK_XDR_ZJLX", "证件类型"},
      {"XK_XDR_ZJHM", "证件号码"},
      {"XK_XKWS", "许可决定文书名称"},
      {"XK_WSH", "文书号"},
      {"XK_XKLB", "许可类别"},
      {"XK_XKZS", "许可证书名称"},
      {"XK_XKBH", "许可编号"},
      {"XK_NR", "许可内容"},
      {"XK_JDRQ", "许可决定日期"},
      {"XK_YXQZ", "有效期自"},
      {"XK_YXQZI", "有效期至"},
      {"XK_XKJG", "许可机关"},
      {"XK_XKJGDM", "许可机关代码"},
      {"XK_ZT", "当前状态"},
      {"XK_LYDW", "数据来源单位"},
      {"XK_LYDWDM", "数据来源单位代码"},
      {"BZ", "备注"}};
  ASSERT_EQ(xk.fields.size(), xk_fields.size());
  for (size_t i = 0; i < xk_fields.size(); ++i) {
    EXPECT_EQ(xk.fields[i].code, xk_fields[i].first);
    EXPECT_EQ(xk.fields[i].name, xk_fields[i].second) << xk_fields[i].first;
  }
  const CatalogueItem& cf = *c.Find("CF");
  const std::vector<std::pair<std::string, std::string>> cf_fields = {
      {"CF_WSH", "决定书文号"},
      {"CF_WFXW", "违法行为类型"},
      {"CF_SY", "违法事实"},
      {"CF_YJ", "处罚依据"},
      {"CF_CFLB", "处罚类别"},
      {"CF_NR", "处罚内容"},
      {"CF_NR_FK", "罚款金额(万元)"},
      {"CF_NR_WFFF", "没收违法所得、没收非法财物的金额(万元)"},
      {"CF_NR_ZKDX", "暂扣或吊销证照名称及编号"},
      {"CF_JDRQ", "处罚决定日期"},
      {"CF_YXQ", "处罚有效期"},
      {"CF_GSJZQ", "公示截止期"},
      {"CF_CFJG", "处罚机关"},
      {"CF_CFJGDM", "处罚机关代码"},
      {"CF_SJLY", "数据来源单位"},
      {"CF_SJLYDM", "数据来源单位代码"},
      {"CF_FRDB", "法定代表人"},
      {"CF_XDR_ZJHM", "证件号码"}};
  for (const auto& [code, name] : cf_fields) {
    const FieldSpec* f = cf.FindField(code);
    ASSERT_NE(f, nullptr) << code;
    EXPECT_EQ(f->name, name);
  }
  EXPECT_EQ(cf.source_key, std::vector<std::string>{"CF_WSH"});
  EXPECT_EQ(cf.decision_date_field, "CF_JDRQ");
  EXPECT_EQ(cf.legal_basis_field, "CF_YJ");
  EXPECT_EQ(cf.timeliness_working_days, 7);
  EXPECT_EQ(cf.subject.legal_representative, "CF_FRDB");
  EXPECT_EQ(cf.FindField("CF_XDR_ZJHM")->mask, MaskRule::kIdNumber);
  EXPECT_EQ(cf.FindField("CF_FR_ZJHM")->mask, MaskRule::kIdNumber);
  EXPECT_EQ(cf.DisclosureFor(SubjectKind::kLegalPerson), Disclosure::kPublic);
  EXPECT_EQ(cf.DisclosureFor(SubjectKind::kNaturalPerson), Disclosure::kAuthorised);
}

TEST(CatalogueTest, PenaltyDisplayRuleIsData) {
  const DisplayRule& r = Default().Find("CF")->display;
  EXPECT_EQ(r.kind, DisplayRule::Kind::kPenalty);
  EXPECT_EQ(r.not_published_if_only, (std::vector<std::string>{"警告", "通报批评"}));
  EXPECT_EQ(r.minor.min_months, 3);
  EXPECT_EQ(r.minor.max_months, 12);
  EXPECT_EQ(r.serious.min_months, 12);
  EXPECT_EQ(r.serious.max_months, 36);
  ASSERT_TRUE(r.lower_fine_amount.has_value());
  EXPECT_EQ(r.lower_fine_amount->ToString(), "0.3");
  ASSERT_TRUE(r.serious_fine_amount.has_value());
  EXPECT_EQ(r.serious_fine_amount->ToString(), "100");
  EXPECT_EQ(r.low_penalty_months, 0);
  EXPECT_EQ(r.serious_categories.size(), 7u);
  EXPECT_EQ(r.no_early_stop.size(), 5u);
}

TEST(CatalogueTest, CodeListsAcceptCodeNameAndAlias) {
  const Catalogue& c = Default();
  const CodeList* id_types = c.FindCodeList("证件类型");
  ASSERT_NE(id_types, nullptr);
  for (const char* spelling : {"01", "身份证", "10", "居民身份证", "００１"}) {
    const CodeEntry* e = id_types->Match(spelling);
    ASSERT_NE(e, nullptr) << spelling;
    EXPECT_EQ(e->code, "01");
    EXPECT_EQ(e->id_kind, IdKind::kCitizenId);
  }
  EXPECT_EQ(id_types->Match("50")->code, "05");
  EXPECT_EQ(id_types->Match("90")->code, "99");
  EXPECT_EQ(id_types->Match("11"), nullptr);
  const CodeList* licence = c.FindCodeList("许可类别");
  ASSERT_EQ(licence->entries().size(), 6u);
  EXPECT_EQ(licence->Match("核准")->code, "04");
  EXPECT_EQ(c.FindCodeList("当前状态")->Match("无效")->code, "2");
  const CodeList* categories = c.FindCodeList("处罚类别");
  ASSERT_EQ(categories->entries().size(), 14u);
  EXPECT_EQ(categories->Match("责令停产停业")->code, "责令停产停业");
  const CodeList* kinds = c.FindCodeList("行政相对人类别");
  EXPECT_EQ(kinds->Match("自然人")->subject_kind, SubjectKind::kNaturalPerson);
  EXPECT_EQ(kinds->Match("个体工商户")->subject_kind, SubjectKind::kIndividualBusiness);
  EXPECT_EQ(kinds->Match("法人及非法人组织")->subject_kind, SubjectKind::kLegalPerson);
}

TEST(CatalogueTest, ChineseNamesAreSearchable) {
  const Catalogue& c = Default();
  auto hits = c.Search("罚款");
  bool fine_field = false;
  for (const auto& h : hits) fine_field = fine_field || (h.field && h.field->code == "CF_NR_FK");
  EXPECT_TRUE(fine_field);
  auto items = c.Search("失信被执行人");
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items.front().item->code, "SX");
  EXPECT_EQ(items.front().field, nullptr);
  EXPECT_EQ(c.Find("XK")->MatchField("有效期至")->code, "XK_YXQZI");
  EXPECT_EQ(c.Find("XK")->MatchField(" xk_yxqzi ")->code, "XK_YXQZI");
  EXPECT_TRUE(c.Search("").empty());
}

TEST(CatalogueTest, NaturalPersonsArePublicOnlyWithARule) {
  const CatalogueItem& sx = *Default().Find("SX");
  EXPECT_EQ(sx.natural_person_disclosure, Disclosure::kPublic);
  EXPECT_NE(sx.natural_person_basis.find("失信被执行人"), std::string::npos);
  EXPECT_EQ(sx.nature, Nature::kSerious);
  EXPECT_EQ(Default().Find("RY")->nature, Nature::kGood);
  EXPECT_EQ(Default().Find("QS")->natural_person_disclosure, Disclosure::kWithheld);
}

TEST(CatalogueTest, DepartmentsMayBeRestricted) {
  CatalogueItem item;
  item.departments = {"11320100MB1886843H"};
  EXPECT_TRUE(item.AllowsDepartment("11320100mb1886843h"));
  EXPECT_FALSE(item.AllowsDepartment("11320100MB0000019F"));
  item.all_departments = true;
  EXPECT_TRUE(item.AllowsDepartment("11320100MB0000019F"));
}

TEST(DecimalTest, ParsesAmountsInTenThousandYuan) {
  EXPECT_EQ(ParseDecimal("5", 6)->ToString(), "5");
  EXPECT_EQ(ParseDecimal(" 2.50 ", 6)->ToString(), "2.5");
  EXPECT_EQ(ParseDecimal("３.２５", 6)->ToString(), "3.25");
  EXPECT_EQ(ParseDecimal("1.5万元", 6)->ToString(), "1.5");
  EXPECT_EQ(ParseDecimal("0.000001", 6)->micros, 1);
  EXPECT_EQ(ParseDecimal("007", 6)->ToString(), "7");
  EXPECT_EQ(ParseDecimal("0.0000001", 6).status().message(),
            "“0.0000001”的小数位数过多：最多6位小数");
  EXPECT_EQ(ParseDecimal("-1", 6).status().message(), "“-1”是负数：金额不能为负数");
  EXPECT_EQ(ParseDecimal("5000元", 6).status().message(),
            "“5000元”的单位是元：请换算为万元并只填数字（如5000元填0.5）");
  EXPECT_FALSE(ParseDecimal("1,000", 6).ok());
  EXPECT_FALSE(ParseDecimal("abc", 6).ok());
  EXPECT_FALSE(ParseDecimal("1.", 6).ok());
  EXPECT_FALSE(ParseDecimal("", 6).ok());
  EXPECT_FALSE(ParseDecimal("1234567890123", 6).ok());
}

// ---------------------------------------------------------------------------------------------
// Broken catalogues

// A small item that loads; each test breaks one thing in it.
constexpr const char* kItem = R"(code: T
name: 测试事项
category: 行政管理
subcategory: 行政处罚
nature: minor
disclosure: public
departments: "*"
retention_years: 5
source_key: [T_WSH]
decision_date_field: T_JDRQ
subject:
  name: T_MC
  uscc: T_DM
fields:
  - {code: T_MC, name: 名称, type: name, required: true}
  - {code: T_DM, name: 代码, type: identifier, id_rule: uscc, required: true}
  - {code: T_WSH, name: 文书号, type: text, required: true}
  - {code: T_LB, name: 类别, type: code, code_list: 处罚类别, multiple: true, required: true}
  - {code: T_FK, name: 罚款, type: decimal, required_when: {field: T_LB, contains: [罚款]}}
  - {code: T_JDRQ, name: 决定日期, type: date, required: true}
display:
  rule: penalty
  category_field: T_LB
  fine_field: T_FK
  minor: {min_months: 3, max_months: 12}
  serious: {min_months: 12, max_months: 36}
)";

class BrokenCatalogueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    dir_ = fs::temp_directory_path() /
           ("xy_catalogue_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::create_directories(dir_ / "items");
    fs::copy_file(kPolicy / "catalogue.yaml", dir_ / "catalogue.yaml");
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  static void Write(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
  }
  // Loads with the item text changed by the edits (each replaces its first text with the
  // second); returns the error message ("" when it loads).
  std::string LoadWith(const std::vector<std::pair<std::string, std::string>>& edits,
                       const std::string& file = "T.yaml") {
    std::string text = kItem;
    for (const auto& [from, to] : edits) {
      const size_t at = text.find(from);
      EXPECT_NE(at, std::string::npos) << from;
      if (at != std::string::npos) text.replace(at, from.size(), to);
    }
    Write(dir_ / "items" / file, text);
    auto c = Catalogue::LoadDir(dir_);
    if (c.ok()) return "";
    EXPECT_EQ(c.status().code(), Code::kInvalidArgument) << c.status().ToString();
    return c.status().message();
  }
  std::string LoadWith(const std::string& from, const std::string& to,
                       const std::string& file = "T.yaml") {
    if (from.empty()) return LoadWith(std::vector<std::pair<std::string, std::string>>{}, file);
    return LoadWith({{from, to}}, file);
  }
  fs::path dir_;
};

TEST_F(BrokenCatalogueTest, TheSmallItemLoads) {
  EXPECT_EQ(LoadWith("", ""), "");
  auto c = Catalogue::LoadDir(dir_);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->Find("T")->file, "items/T.yaml");
}

TEST_F(BrokenCatalogueTest, UnknownFieldKey) {
  EXPECT_EQ(LoadWith("type: text, required: true}", "type: text, required: true, maxlen: 5}"),
            "items/T.yaml: item T (测试事项): fields[3] (line 17): unknown key \"maxlen\" "
            "(allowed: aliases, code, code_list, description, id_rule, id_type_field, long_term, "
            "mask, max_length, min_length, multiple, name, not_before, not_future, placeholder, "
            "placeholder_for, required, required_for, required_when, scale, type, unit)");
}

TEST_F(BrokenCatalogueTest, UnknownItemKey) {
  EXPECT_EQ(LoadWith("nature: minor", "nature: minor\ncolour: red"),
            "items/T.yaml (line 6): unknown key \"colour\" (allowed: aliases, category, "
            "code, code_lists, decision_date_field, departments, description, disclosure, "
            "display, fields, legal_basis, legal_basis_field, list, name, natural_persons, nature, "
            "retention_years, source_key, subcategory, subject, timeliness_working_days)");
}

TEST_F(BrokenCatalogueTest, UnknownType) {
  EXPECT_EQ(LoadWith("name: 文书号, type: text", "name: 文书号, type: txt"),
            "items/T.yaml: item T (测试事项): field T_WSH (文书号) (line 17): unknown type "
            "\"txt\" (text, name, date, decimal, code, identifier)");
}

TEST_F(BrokenCatalogueTest, RequiredWhenNamesAMissingField) {
  EXPECT_EQ(LoadWith("{field: T_LB, contains", "{field: T_LBX, contains"),
            "items/T.yaml: item T (测试事项): field T_FK (罚款) (line 19): required_when names "
            "the field \"T_LBX\", which item T does not have");
}

TEST_F(BrokenCatalogueTest, RequiredWhenNamesAnUnknownCode) {
  EXPECT_EQ(LoadWith("contains: [罚款]", "contains: [罚金]"),
            "items/T.yaml: item T (测试事项): field T_FK (罚款) (line 19): required_when: "
            "\"罚金\" is not in the code list 处罚类别 of T_LB");
}

TEST_F(BrokenCatalogueTest, CodeListMissing) {
  const std::string m = LoadWith("code_list: 处罚类别", "code_list: 处罚种类");
  EXPECT_EQ(m.rfind("items/T.yaml: item T (测试事项): field T_LB (类别) (line 18): "
                    "code list \"处罚种类\" does not exist (code lists: ",
                    0),
            0u)
      << m;
  EXPECT_EQ(LoadWith("code_list: 处罚类别, multiple: true, ", ""),
            "items/T.yaml: item T (测试事项): field T_LB (类别) (line 18): a code field needs "
            "\"code_list\"");
}

TEST_F(BrokenCatalogueTest, ItemWithoutSourceKeyOrDecisionDate) {
  EXPECT_EQ(LoadWith("source_key: [T_WSH]\n", ""),
            "items/T.yaml (line 1): the key \"source_key\" is missing");
  EXPECT_EQ(LoadWith("source_key: [T_WSH]", "source_key: []"),
            "items/T.yaml: item T (测试事项) (line 9): the item has no source-key field (the "
            "department's record id, else the decision number)");
  EXPECT_EQ(LoadWith("decision_date_field: T_JDRQ\n", ""),
            "items/T.yaml (line 1): the key \"decision_date_field\" is missing");
  EXPECT_EQ(LoadWith("decision_date_field: T_JDRQ", "decision_date_field: T_WSH"),
            "items/T.yaml: item T (测试事项): decision_date_field T_WSH must be a date field, "
            "not text");
  EXPECT_EQ(LoadWith("{code: T_WSH, name: 文书号, type: text, required: true}",
                     "{code: T_WSH, name: 文书号, type: text}"),
            "items/T.yaml: item T (测试事项) (line 9): source-key field T_WSH must be "
            "required: true (a record without its key cannot be corrected or revoked)");
}

TEST_F(BrokenCatalogueTest, DuplicateCodesAndNames) {
  EXPECT_EQ(LoadWith("{code: T_WSH, name: 文书号", "{code: T_MC, name: 文书号"),
            "items/T.yaml: item T (测试事项): field T_MC (文书号) (line 17): duplicate field "
            "code T_MC");
  EXPECT_EQ(LoadWith("{code: T_WSH, name: 文书号", "{code: T_WSH, name: 名称"),
            "items/T.yaml: item T (测试事项): field T_WSH (名称) (line 17): the column name "
            "\"名称\" is already used by field T_MC");
  // Two files for one item code cannot exist, but one name for two items is refused.
  Write(dir_ / "items" / "U.yaml", std::string(kItem).replace(0, 7, "code: U"));
  EXPECT_EQ(LoadWith("", ""),
            "items/U.yaml: item U (测试事项): \"测试事项\" is already the code, name or alias of "
            "item T");
}

TEST_F(BrokenCatalogueTest, FileNamedAfterAnotherItem) {
  EXPECT_EQ(LoadWith("", "", "Q.yaml"),
            "items/Q.yaml (line 1): the file holds item T but is named for Q (name it T.yaml)");
}

TEST_F(BrokenCatalogueTest, InconsistentDisplayRules) {
  EXPECT_EQ(LoadWith("minor: {min_months: 3,", "minor: {min_months: 13,"),
            "items/T.yaml: item T (测试事项): display: minor (line 25): min_months 13 is above "
            "max_months 12");
  EXPECT_EQ(LoadWith("retention_years: 5", "retention_years: 2"),
            "items/T.yaml: item T (测试事项): display: records may be shown for 36 months but "
            "are kept only 2 years (retention_years)");
  EXPECT_EQ(LoadWith("nature: minor", "nature: good"),
            "items/T.yaml: item T (测试事项): display: the penalty rule decides 一般/严重失信, so "
            "the item's nature must be minor or serious, not good");
  EXPECT_EQ(LoadWith("rule: penalty", "rule: forever"),
            "items/T.yaml: item T (测试事项): display (line 22): unknown rule \"forever\" "
            "(none, penalty, while_valid, period)");
  EXPECT_EQ(LoadWith("fine_field: T_FK",
                     "fine_field: T_FK\n  lower_fine_amount: 0.3\n  "
                     "serious_fine_amount: 0.2"),
            "items/T.yaml: item T (测试事项): display: lower_fine_amount 0.3 must be below "
            "serious_fine_amount 0.2");
  EXPECT_EQ(LoadWith("category_field: T_LB", "category_field: T_JDRQ"),
            "items/T.yaml: item T (测试事项): display: category_field T_JDRQ must be a code "
            "field with multiple: true (处罚类别)");
}

TEST_F(BrokenCatalogueTest, PersonalIdNumbersMustBeMasked) {
  const std::pair<std::string, std::string> subject = {
      "  uscc: T_DM\n", "  uscc: T_DM\n  id_type: T_ZJLX\n  id_number: T_ZJHM\n"};
  const std::string type = "  - {code: T_ZJLX, name: 证件类型, type: code, code_list: 证件类型}\n";
  const std::string number =
      "  - {code: T_ZJHM, name: 证件号码, type: identifier, id_rule: by_type, "
      "id_type_field: T_ZJLX, max_length: 64";
  EXPECT_EQ(LoadWith({subject, {"fields:\n", "fields:\n" + type + number + "}\n"}}),
            "items/T.yaml: item T (测试事项): subject (line 15): id_number field T_ZJHM holds "
            "personal ID numbers and must have mask: id_number");
  EXPECT_EQ(
      LoadWith({subject, {"fields:\n", "fields:\n" + type + number + ", mask: id_number}\n"}}), "");
  EXPECT_EQ(LoadWith("  uscc: T_DM\n", "  uscc: T_DM\n  id_number: T_ZJHM\n"),
            "items/T.yaml: item T (测试事项): subject (line 14): id_number names the field "
            "\"T_ZJHM\", which item T does not have");
}

TEST_F(BrokenCatalogueTest, NaturalPersonsPublicNeedARule) {
  EXPECT_EQ(
      LoadWith("disclosure: public", "disclosure: public\nnatural_persons: {disclosure: public}"),
      "items/T.yaml: item T (测试事项): natural_persons (line 7): natural persons may be "
      "public only where a rule says so: name it in \"basis\"");
}

TEST_F(BrokenCatalogueTest, NotYaml) {
  EXPECT_EQ(LoadWith("fields:", "fields: [").rfind("items/T.yaml line ", 0), 0u);
}

TEST_F(BrokenCatalogueTest, MissingDirectoryOrMainFile) {
  EXPECT_EQ(Catalogue::LoadDir(dir_ / "nope").status().code(), Code::kNotFound);
  fs::remove(dir_ / "catalogue.yaml");
  EXPECT_EQ(Catalogue::LoadDir(dir_).status().code(), Code::kNotFound);
}

}  // namespace
}  // namespace xinyong
