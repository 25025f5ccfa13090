// The catalogue of public credit information (公共信用信息目录): which information items the
// platform collects, the fields of each item, who may submit it, whether the public may see it
// and for how long. Nothing outside the catalogue is collected.
//
// The catalogue is policy data (policy/catalogue, format in its README.md), loaded and checked
// once at start: a broken catalogue is refused with the file, the item, the field and the
// reason. Once loaded it is immutable and safe to share between threads. Validating a row
// against an item is src/rules/record_rules.h.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/ids.h"
#include "core/status.h"
#include "domain/record.h"
#include "domain/subject.h"

namespace xinyong {

// What a field holds, and so how its value is checked and normalised.
enum class FieldType {
  kText,        // free text, trimmed
  kName,        // a subject's or person's name: white space collapsed, width folded
  kDate,        // a real date, stored YYYY-MM-DD
  kDecimal,     // a non-negative amount, at most `scale` decimal places, in `unit`
  kCode,        // a value of a code list, given by code or name, stored as the code
  kIdentifier,  // an identifier checked by `id_rule`, stored normalised
};
// "text", "name", "date", "decimal", "code", "identifier".
std::string_view FieldTypeName(FieldType type);
std::optional<FieldType> FieldTypeFromName(std::string_view name);

// How a field is masked for those not entitled to see it in clear.
enum class MaskRule {
  kNone,
  kName,      // a person's name (张*) — applies when the subject is a natural person
  kIdNumber,  // a personal identity document number: sealed at rest, shown masked
};
std::string_view MaskRuleName(MaskRule rule);  // "none", "name", "id_number"
std::optional<MaskRule> MaskRuleFromName(std::string_view name);

// How an identifier field is checked.
enum class IdRule {
  kUscc,                // 统一社会信用代码, check characters included
  kCitizenId,           // 居民身份证号
  kRegistrationNumber,  // 工商注册号 (15 digits, checked)
  kOrganizationCode,    // 组织机构代码 (checked)
  kByType,       // a 证件号码: 身份证 checked as citizen ID, other types length/charset only
  kOther,        // letters and digits only, within min_length..max_length
  kUsccOrOther,  // 18 characters: a checked USCC; other lengths: as kOther
};
// "uscc", "citizen_id", "registration_number", "organization_code", "by_type", "other",
// "uscc_or_other".
std::string_view IdRuleName(IdRule rule);
std::optional<IdRule> IdRuleFromName(std::string_view name);

// The 行政相对人类别 wording of a subject kind: "法人及非法人组织" (legal persons and
// unincorporated organisations), "个体工商户", "自然人".
std::string_view SubjectCategoryLabel(SubjectKind kind);

// A non-negative decimal amount, in millionths of its unit (so 6 decimal places at most).
struct Decimal {
  int64_t micros = 0;
  std::string ToString() const;  // shortest form: "5", "2.5", "0.000001"
  auto operator<=>(const Decimal&) const = default;
};
// Parses "12", "0.5", "３.２５" (full width) and "1.5万元" (a trailing unit 万元 is dropped).
// Refuses negative numbers, more than `max_scale` decimal places (max_scale <= 6), more than 12
// integer digits, thousands separators, and a trailing "元" (asks to convert to 万元). The message
// is Chinese and says how to write the amount.
Result<Decimal> ParseDecimal(std::string_view text, int max_scale);

// Normal form used to compare labels typed by people (column names, code-list values, item
// names): width folded, every white space removed, ASCII letters upper-cased.
std::string FoldLabel(std::string_view text);

struct CodeEntry {
  std::string code;                  // what is stored, e.g. "01"
  std::string name;                  // e.g. "身份证"
  std::vector<std::string> aliases;  // other accepted spellings, e.g. "10", "居民身份证"
  std::optional<SubjectKind> subject_kind;  // 行政相对人类别 entries: the kind they mean
  std::optional<IdKind> id_kind;  // 证件类型 entries checked by a core validator (身份证)
};

// A code list (代码表). Immutable once built.
class CodeList {
 public:
  CodeList() = default;
  // Fails (invalid_argument, message naming the entry) when two entries share a code, a name or
  // an alias once folded.
  static Result<CodeList> Make(std::string name, std::string source,
                               std::vector<CodeEntry> entries);

  const std::string& name() const { return name_; }
  const std::string& source() const { return source_; }
  const std::vector<CodeEntry>& entries() const { return entries_; }
  // By code, name or alias, folded (FoldLabel). nullptr when the text matches no entry.
  const CodeEntry* Match(std::string_view text) const;
  // By exact code. nullptr when unknown.
  const CodeEntry* FindCode(std::string_view code) const;
  // Position of a code in the list (for stable ordering), entries().size() when unknown.
  size_t IndexOf(std::string_view code) const;
  // For messages: "01 身份证、02 护照…" or, when codes are the names, "警告、通报批评…".
  std::string Describe() const;

 private:
  std::string name_;
  std::string source_;
  std::vector<CodeEntry> entries_;
  std::unordered_map<std::string, size_t> by_label_;  // folded code/name/alias -> entry
};

// When a field is required because of another field's value (required_when).
struct Condition {
  enum class Op {
    kEquals,    // the other field's normalised value is one of `values`
    kContains,  // the other field (a multiple-value code field) holds one of `values`
    kPresent,   // the other field is filled in
  };
  std::string field;
  Op op = Op::kPresent;
  std::vector<std::string> values;  // codes (code fields) or normalised values
};

// One field of an item's schema.
struct FieldSpec {
  std::string code;                  // e.g. "CF_NR_FK"
  std::string name;                  // Chinese column name, e.g. "罚款金额(万元)"
  std::vector<std::string> aliases;  // other accepted column names
  std::string description;
  FieldType type = FieldType::kText;
  bool required = false;
  // Required when the subject is of one of these kinds (from 行政相对人类别 or the identifiers).
  std::vector<SubjectKind> required_for;
  // Required when another field's value says so.
  std::optional<Condition> required_when;
  int max_length = 0;  // in characters; 0: no limit
  int min_length = 0;  // identifiers checked by kOther only
  MaskRule mask = MaskRule::kNone;
  // kCode
  std::shared_ptr<const CodeList> code_list;
  bool multiple = false;  // several values separated by ";" (also ；,，、|), stored joined by ";"
  // kIdentifier
  IdRule id_rule = IdRule::kOther;
  std::string id_type_field;  // kByType: the 证件类型 field that decides the check
  std::string placeholder;    // a stand-in accepted instead of an identifier, e.g. 17 zeros + X
  std::vector<SubjectKind> placeholder_for;  // subject kinds the placeholder is allowed for
  // kDecimal
  int scale = 6;     // decimal places allowed
  std::string unit;  // e.g. "万元"
  // kDate
  bool not_future = false;  // must not be after today (decision dates always are)
  bool long_term = false;   // 2099-12-31 (also written 长期) means "no end"
  std::string not_before;   // another date field this one may not precede
};

// Which fields carry who the record is about.
struct SubjectFields {
  std::string category;  // 行政相对人类别 (code list whose entries have subject_kind); may be ""
  std::string name;
  std::string uscc;
  std::vector<std::string> other_ids;  // 工商注册号, 组织机构代码, 税务登记号...
  std::string id_type;                 // natural persons: 证件类型
  std::string id_number;               // natural persons: 证件号码
  std::string legal_representative;
  std::string legal_representative_id_type;
  std::string legal_representative_id_number;
};

// When a record of an item may be shown to the public (its DisplayWindow), as data.
struct DisplayRule {
  enum class Kind {
    kNone,        // never shown publicly
    kPenalty,     // 行政处罚: severity decides 一般/严重 and the minimum and maximum period
    kWhileValid,  // shown from the decision date while valid (until valid_to_field)
    kPeriod,      // shown from from_field until until_field, or for `months`, or open-ended
  };
  struct Months {
    int min_months = 0;
    int max_months = 0;
  };
  Kind kind = Kind::kNone;
  std::string source;  // the rule's text or name, quoted in DisplayWindow::reason

  // kPenalty
  std::string category_field;                      // multiple-value code field of 处罚类别
  std::string fine_field;                          // decimal field of the fine
  std::vector<std::string> not_published_if_only;  // e.g. 警告, 通报批评
  std::optional<Decimal> lower_fine_amount;        // 较低数额: a fine below it alone is "low"
  int low_penalty_months = 0;                      // low penalties: 0 = not published, else months
  Months minor;                                    // 一般失信
  Months serious;                                  // 严重失信
  std::vector<std::string> serious_categories;
  std::optional<Decimal> serious_fine_amount;  // a fine of at least this is serious
  std::vector<std::string> no_early_stop;      // categories not eligible for early stop

  // kWhileValid
  std::string valid_to_field;
  std::string status_field;
  std::vector<std::string> invalid_status;  // status codes that mean "not valid": not shown

  // kPeriod (and kPenalty: until_field is the deciding body's own end date, kept in range)
  std::string from_field;   // "" = the decision date
  std::string until_field;  // a date that ends the display when filled in
  int months = 0;           // kPeriod: length when until_field is empty; 0 = open-ended
  int max_months = 0;       // kPeriod: cap; 0 = none
};

// One information item (信息项) of the catalogue.
struct CatalogueItem {
  std::string code;  // e.g. "CF"
  std::string name;  // e.g. "行政处罚"
  std::vector<std::string> aliases;
  std::string category;     // one of the national base catalogue's 11 categories
  std::string subcategory;  // e.g. 行政处罚 under 行政管理; may be ""
  std::string description;
  Nature nature = Nature::kNeutral;  // kPenalty display rules decide minor/serious per record
  Disclosure disclosure = Disclosure::kWithheld;
  // Natural persons are not published unless a rule says so: their own scope, and the rule.
  Disclosure natural_person_disclosure = Disclosure::kAuthorised;
  std::string natural_person_basis;      // required when natural persons are public
  bool all_departments = false;          // "*": any registered department may submit
  std::vector<std::string> departments;  // otherwise: the USCCs of the departments that may
  int retention_years = 5;
  int timeliness_working_days = 0;      // 0: no timeliness rule; 双公示: 7
  // When set, a record of this item is a list entry decided by its source (失信被执行人 from
  // the court): "serious" / "key_attention" / "red", and the domain, e.g. court_enforcement.
  std::string list_kind;
  std::string list_domain;
  std::vector<std::string> source_key;  // fields whose values, joined by "|", identify a record
  std::string decision_date_field;
  std::string legal_basis_field;  // "" when the item has none
  std::string legal_basis;        // fixed basis used when there is no field (or it is empty)
  SubjectFields subject;
  std::vector<FieldSpec> fields;  // in column order
  DisplayRule display;
  std::string file;  // the file it was loaded from, relative to the catalogue directory

  // By exact field code; nullptr when the item has no such field.
  const FieldSpec* FindField(std::string_view field_code) const;
  // By code, Chinese name or alias, folded (FoldLabel); nullptr when none matches.
  const FieldSpec* MatchField(std::string_view code_or_name) const;
  // Position in fields(), or fields.size() when unknown.
  size_t FieldIndex(std::string_view field_code) const;
  // Whether a department (by its USCC, any spelling) may submit records of this item.
  bool AllowsDepartment(std::string_view department_uscc) const;
  // The disclosure scope of a record about a subject of `kind`.
  Disclosure DisclosureFor(SubjectKind kind) const;
  // Rebuilds the field lookups; the loader calls it, and so must code that changes `fields`.
  void Index();

 private:
  std::unordered_map<std::string, size_t> by_code_;
  std::unordered_map<std::string, size_t> by_label_;  // folded code, name and aliases
};

// A category of the national base catalogue.
struct Category {
  std::string code;  // "01".."11"
  std::string name;
  std::vector<std::string> subcategories;
};

// A search hit: the item, and the field when a field matched (nullptr when the item did).
struct CatalogueMatch {
  const CatalogueItem* item = nullptr;
  const FieldSpec* field = nullptr;
};

// Immutable after loading; safe to share between threads. Pointers it hands out live as long
// as the Catalogue (and are invalidated by moving it).
class Catalogue {
 public:
  Catalogue() = default;  // empty: knows no item

  // Loads `dir`/catalogue.yaml (version, categories, shared code lists) and every
  // `dir`/items/*.yaml (one item each, named after its code). Refuses a broken catalogue with
  // invalid_argument naming the file, the item, the field, the line and the reason; not_found
  // when the directory or catalogue.yaml is missing.
  static Result<Catalogue> LoadDir(const std::filesystem::path& dir);

  const std::string& version() const { return version_; }
  const std::string& name() const { return name_; }
  const std::vector<Category>& categories() const { return categories_; }
  const std::vector<CatalogueItem>& items() const { return items_; }

  // By item code (any case), Chinese name or alias ("CF", "cf", "行政处罚"). nullptr when none.
  const CatalogueItem* Find(std::string_view code) const;
  // A shared code list by name (e.g. "证件类型"); nullptr when none.
  const CodeList* FindCodeList(std::string_view name) const;
  // Items and fields whose code, name, alias or category contains `text` (folded), items
  // first, in catalogue order. Empty text finds nothing.
  std::vector<CatalogueMatch> Search(std::string_view text) const;

 private:
  std::string version_;
  std::string name_;
  std::vector<Category> categories_;
  std::map<std::string, std::shared_ptr<const CodeList>> code_lists_;
  std::vector<CatalogueItem> items_;
};

}  // namespace xinyong
