#include "rules/record_rules.h"

#include <algorithm>
#include <set>

#include "core/divisions.h"
#include "core/ids.h"
#include "core/text.h"

namespace xinyong {
namespace {

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2099;
constexpr std::string_view kLongTerm = "2099-12-31";
constexpr int kAdultMonths = 18 * 12;

// One field's value after its own checks.
struct Parsed {
  bool present = false;  // something was written
  bool ok = false;       // and it passed the field's own checks
  std::string value;     // normalised
  std::optional<Date> date;
  std::optional<Decimal> amount;
  std::vector<std::string> codes;    // code fields: the codes, in code-list order
  const CodeEntry* entry = nullptr;  // single-value code fields
  std::optional<IdKind> id_kind;     // identifiers checked by a core validator
  std::optional<Date> birth_date;    // citizen IDs
  bool placeholder = false;          // the identifier stand-in (17 zeros + X)
};

std::string Label(const FieldSpec& f) { return f.code + " " + f.name; }
std::string Quote(std::string_view s) { return "“" + std::string(s) + "”"; }

// Leading and trailing white space removed: ASCII, U+3000 and U+00A0; a leading BOM too.
std::string TrimText(std::string_view s) {
  auto starts = [&](std::string_view p) { return s.substr(0, p.size()) == p; };
  auto ends = [&](std::string_view p) {
    return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
  };
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    for (std::string_view p : {" ", "\t", "\r", "\n", "\xE3\x80\x80", "\xC2\xA0", "\xEF\xBB\xBF"}) {
      if (starts(p)) {
        s.remove_prefix(p.size());
        changed = true;
      }
      if (!s.empty() && ends(p)) {
        s.remove_suffix(p.size());
        changed = true;
      }
    }
  }
  return std::string(s);
}

std::string MonthsText(int months) {
  if (months % 12 == 0) return std::to_string(months / 12) + "年";
  return std::to_string(months) + "个月";
}

// Dates as departments write them: 2026-02-20, 2026/2/20, 2026.02.20, 20260220, 2026年2月20日,
// with an optional time of day (" 00:00:00") that is ignored; 长期 when `long_term`. The message
// says what is wrong, in Chinese.
Result<Date> ParseDateText(std::string_view raw, bool long_term) {
  std::string s = TrimText(FoldWidth(raw));
  if (long_term && (s == "长期" || s == "长期有效")) return *Date::Parse(kLongTerm);
  const size_t cut = s.find_first_of(" T");
  if (cut != std::string::npos) {
    const std::string time = TrimText(s.substr(cut + 1));
    const bool clock = !time.empty() && std::all_of(time.begin(), time.end(), [](char c) {
      return (c >= '0' && c <= '9') || c == ':' || c == '.';
    });
    if (!clock) return InvalidArgument("不是日期，请按YYYY-MM-DD填写（如2026-02-20）");
    s = s.substr(0, cut);
  }
  std::vector<std::string> numbers;
  std::vector<std::string> seps;
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] >= '0' && s[i] <= '9') {
      size_t j = i;
      while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
      numbers.push_back(s.substr(i, j - i));
      i = j;
    } else {
      size_t j = i;
      while (j < s.size() && !(s[j] >= '0' && s[j] <= '9')) ++j;
      seps.push_back(s.substr(i, j - i));
      i = j;
    }
  }
  int y = 0, m = 0, d = 0;
  bool shaped = false;
  if (numbers.size() == 1 && seps.empty() && numbers[0].size() == 8) {
    y = std::stoi(numbers[0].substr(0, 4));
    m = std::stoi(numbers[0].substr(4, 2));
    d = std::stoi(numbers[0].substr(6, 2));
    shaped = true;
  } else if (numbers.size() == 3 && numbers[0].size() == 4 && numbers[1].size() <= 2 &&
             numbers[2].size() <= 2 && !s.empty() && s[0] >= '0' && s[0] <= '9') {
    const bool dashed = seps.size() == 2 && seps[0] == seps[1] &&
                        (seps[0] == "-" || seps[0] == "/" || seps[0] == ".");
    const bool chinese = (seps.size() == 2 || seps.size() == 3) && seps[0] == "年" &&
                         seps[1] == "月" && (seps.size() == 2 || seps[2] == "日");
    // "2026年2月20" has no trailing 日 and is accepted; "2026-2-20日" is not.
    if (dashed || chinese) {
      y = std::stoi(numbers[0]);
      m = std::stoi(numbers[1]);
      d = std::stoi(numbers[2]);
      shaped = true;
    }
  }
  if (!shaped) return InvalidArgument("不是日期，请按YYYY-MM-DD填写（如2026-02-20）");
  if (y < kMinYear || y > kMaxYear) {
    return InvalidArgument("年份" + std::to_string(y) + "不在" + std::to_string(kMinYear) + "至" +
                           std::to_string(kMaxYear) + "之间");
  }
  if (m < 1 || m > 12) return InvalidArgument("月份" + std::to_string(m) + "不在1至12之间");
  if (d < 1 || d > Date::DaysInMonth(y, m)) {
    return InvalidArgument("不是真实存在的日期（" + std::to_string(y) + "年" + std::to_string(m) +
                           "月只有" + std::to_string(Date::DaysInMonth(y, m)) + "天）");
  }
  return Date::FromYmd(y, m, d);
}

// Splits a multiple-value code field: ; ； , ， 、 | and white space separate values.
std::vector<std::string> SplitValues(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    std::string t = TrimText(cur);
    if (!t.empty()) out.push_back(t);
    cur.clear();
  };
  size_t i = 0;
  while (i < s.size()) {
    bool sep = false;
    for (std::string_view p : {";", ",", "|", " ", "\t", "\n", "；", "，", "、", "\xE3\x80\x80"}) {
      if (s.substr(i, p.size()) == p) {
        flush();
        i += p.size();
        sep = true;
        break;
      }
    }
    if (!sep) cur.push_back(s[i++]);
  }
  flush();
  return out;
}

std::string_view ScopeLabel(Disclosure d) {
  switch (d) {
    case Disclosure::kPublic:
      return "社会公开";
    case Disclosure::kGovernment:
      return "政务共享";
    case Disclosure::kAuthorised:
      return "授权查询";
    case Disclosure::kWithheld:
      return "不予公开";
  }
  return "不予公开";
}

bool Contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string JoinNames(const std::vector<std::string>& v, std::string_view sep = "、") {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

// The row being checked: the item, the values by field index, and the errors found.
class RowCheck {
 public:
  RowCheck(const CatalogueItem& item, const DivisionTable& divisions, Date today)
      : item_(item),
        divisions_(divisions),
        today_(today),
        parsed_(item.fields.size()),
        raw_(item.fields.size()) {}

  RowOutcome Run(const std::map<std::string, std::string>& row);

 private:
  void Error(size_t index, const std::string& field, std::string code, std::string message) {
    errors_.push_back({index, errors_.size(), {field, std::move(code), std::move(message)}});
  }
  void Error(const FieldSpec& f, std::string code, std::string message) {
    Error(item_.FieldIndex(f.code), f.code, std::move(code), std::move(message));
  }
  Parsed* Get(const std::string& code) {
    const size_t i = item_.FieldIndex(code);
    return i < parsed_.size() ? &parsed_[i] : nullptr;
  }
  const Parsed* Get(const std::string& code) const {
    const size_t i = item_.FieldIndex(code);
    return i < parsed_.size() ? &parsed_[i] : nullptr;
  }
  bool HasError(const std::string& code) const {
    return std::any_of(errors_.begin(), errors_.end(),
                       [&](const Entry& e) { return e.error.field == code; });
  }

  void TakeColumns(const std::map<std::string, std::string>& row);
  void CheckValue(const FieldSpec& f, Parsed& p, const std::string& raw);
  void CheckIdentifier(const FieldSpec& f, Parsed& p, const std::string& raw);
  void DecideSubjectKind();
  void CheckRequired(const FieldSpec& f, const Parsed& p);
  std::optional<bool> ConditionHolds(const Condition& c) const;
  void CheckDateOrder(const FieldSpec& f, const Parsed& p);
  void CheckPlaceholder();
  void CheckSubjectIdentifiers();
  std::string SubjectWord() const;
  DisplayWindow Display(Nature& nature, Disclosure disclosure) const;
  DisplayWindow PenaltyDisplay(Nature& nature) const;

  struct Entry {
    size_t index;
    size_t seq;
    FieldError error;
  };

  const CatalogueItem& item_;
  const DivisionTable& divisions_;
  const Date today_;
  std::vector<Parsed> parsed_;
  std::vector<std::string> raw_;
  std::vector<Entry> errors_;
  std::optional<SubjectKind> kind_;  // decided subject kind, when it can be
  bool kind_from_category_ = false;
  std::vector<std::string> identifiers_;  // for the subject
};

void RowCheck::TakeColumns(const std::map<std::string, std::string>& row) {
  std::vector<bool> seen(item_.fields.size(), false);
  size_t extra = item_.fields.size();
  for (const auto& [key, value] : row) {
    const FieldSpec* f = item_.FindField(key);
    if (f == nullptr) f = item_.MatchField(key);
    if (f == nullptr) {
      Error(extra++, key, "unknown_column",
            "列" + Quote(key) + "不是信息项“" + item_.name + "”（" + item_.code +
                "）的字段：请删除该列，或改用目录中的字段代码或中文列名");
      continue;
    }
    const size_t i = item_.FieldIndex(f->code);
    if (seen[i]) {
      Error(extra++, key, "duplicate_column",
            "列" + Quote(key) + "与另一列都是字段" + Label(*f) + "：请删除重复的列");
      continue;
    }
    seen[i] = true;
    raw_[i] = value;
  }
}

void RowCheck::CheckValue(const FieldSpec& f, Parsed& p, const std::string& raw) {
  const std::string text = TrimText(raw);
  p.present = !text.empty();
  if (!p.present) return;
  if (f.type == FieldType::kIdentifier) return;  // after the subject's kind is known
  if (f.max_length > 0) {
    const size_t chars = Utf8Chars(text).size();
    if (chars > static_cast<size_t>(f.max_length)) {
      Error(f, "too_long",
            Label(f) + "：长度为" + std::to_string(chars) + "个字符，超过上限" +
                std::to_string(f.max_length) + "个字符，请精简");
      return;
    }
  }
  switch (f.type) {
    case FieldType::kText:
      p.value = text;
      break;
    case FieldType::kName:
      p.value = NormaliseName(text);
      break;
    case FieldType::kDate: {
      auto d = ParseDateText(text, f.long_term);
      if (!d.ok()) {
        Error(f, "invalid_date", Label(f) + "：" + Quote(text) + d.status().message());
        return;
      }
      const bool decision = f.code == item_.decision_date_field;
      if ((f.not_future || decision) && *d > today_) {
        Error(f, "future_date",
              Label(f) + "：" + d->ToString() + "晚于今天（" + today_.ToString() + "），" +
                  (decision ? "决定日期" : f.name) + "不能是将来的日期，请核对");
        return;
      }
      p.date = *d;
      p.value = d->ToString();
      break;
    }
    case FieldType::kDecimal: {
      auto a = ParseDecimal(text, f.scale);
      if (!a.ok()) {
        Error(f, "invalid_amount",
              Label(f) + "：" + a.status().message() + "（" +
                  (f.unit.empty() ? std::string() : "单位为" + f.unit + "，") + "填写非负数，最多" +
                  std::to_string(f.scale) + "位小数）");
        return;
      }
      p.amount = *a;
      p.value = a->ToString();
      break;
    }
    case FieldType::kCode: {
      const CodeList& list = *f.code_list;
      std::vector<std::string> parts = f.multiple ? SplitValues(text) : std::vector{text};
      std::vector<std::string> unknown;
      std::vector<const CodeEntry*> entries;
      for (const auto& part : parts) {
        const CodeEntry* e = list.Match(part);
        if (e == nullptr) {
          unknown.push_back(Quote(part));
        } else if (std::find(entries.begin(), entries.end(), e) == entries.end()) {
          entries.push_back(e);
        }
      }
      if (!unknown.empty()) {
        Error(f, "unknown_code",
              Label(f) + "：" + JoinNames(unknown) + "不在代码表“" + list.name() + "”中，可填" +
                  (list.entries().front().code == list.entries().front().name ? "" : "代码或名称") +
                  "：" + list.Describe() + (f.multiple ? "（多个用;分隔）" : ""));
        return;
      }
      std::sort(entries.begin(), entries.end(), [&](const CodeEntry* a, const CodeEntry* b) {
        return list.IndexOf(a->code) < list.IndexOf(b->code);
      });
      for (const auto* e : entries) p.codes.push_back(e->code);
      p.entry = entries.size() == 1 ? entries.front() : nullptr;
      p.value = JoinNames(p.codes, ";");
      break;
    }
    case FieldType::kIdentifier:
      break;
  }
  p.ok = true;
}

void RowCheck::CheckIdentifier(const FieldSpec& f, Parsed& p, const std::string& raw) {
  if (!p.present) return;
  const std::string normalised = NormaliseCode(TrimText(raw));
  // The rule's code (check_character, length...) is for programs; the clerk reads why.
  auto fail = [&](const std::string&, const std::string& message) {
    Error(f, "invalid_identifier", Label(f) + "：号码有误（" + message + "），请核对证照后重新填写");
  };
  if (!f.placeholder.empty() && normalised == f.placeholder) {
    p.placeholder = true;  // allowed or not once the subject's kind is known
    p.value = normalised;
    p.ok = true;
    return;
  }
  IdRule rule = f.id_rule;
  std::optional<IdKind> by_type;
  if (rule == IdRule::kByType) {
    const Parsed* type = Get(f.id_type_field);
    if (type != nullptr && type->ok && type->entry != nullptr) by_type = type->entry->id_kind;
  }
  if (rule == IdRule::kUsccOrOther) rule = normalised.size() == 18 ? IdRule::kUscc : IdRule::kOther;
  std::optional<IdKind> kind;
  switch (rule) {
    case IdRule::kUscc:
      kind = IdKind::kUscc;
      break;
    case IdRule::kCitizenId:
      kind = IdKind::kCitizenId;
      break;
    case IdRule::kRegistrationNumber:
      kind = IdKind::kRegistrationNumber;
      break;
    case IdRule::kOrganizationCode:
      kind = IdKind::kOrganizationCode;
      break;
    case IdRule::kByType:
      kind = by_type;
      break;
    case IdRule::kOther:
    case IdRule::kUsccOrOther:
      break;
  }
  if (kind) {
    IdCheck c;
    switch (*kind) {
      case IdKind::kUscc:
        c = CheckUscc(normalised);
        break;
      case IdKind::kCitizenId:
        c = CheckCitizenId(normalised, divisions_, today_);
        break;
      case IdKind::kRegistrationNumber:
        c = CheckRegistrationNumber(normalised);
        break;
      case IdKind::kOrganizationCode:
        c = CheckOrganizationCode(normalised);
        break;
    }
    if (!c.valid()) return fail(c.error->rule, c.error->message);
    p.value = c.normalised;
    p.id_kind = kind;
    p.birth_date = c.birth_date;
    p.ok = true;
    return;
  }
  // Letters and digits only, within the field's length bounds.
  const std::vector<std::string_view> chars = Utf8Chars(normalised);
  for (size_t i = 0; i < chars.size(); ++i) {
    const std::string_view ch = chars[i];
    const bool alnum =
        ch.size() == 1 && ((ch[0] >= '0' && ch[0] <= '9') || (ch[0] >= 'A' && ch[0] <= 'Z'));
    if (!alnum) {
      return fail("character",
                  "第" + std::to_string(i + 1) + "位字符" + Quote(ch) + "不是字母或数字");
    }
  }
  const int n = static_cast<int>(chars.size());
  if ((f.min_length > 0 && n < f.min_length) || (f.max_length > 0 && n > f.max_length)) {
    const std::string bounds =
        f.min_length > 0 ? std::to_string(f.min_length) + "至" + std::to_string(f.max_length) + "位"
                         : "不超过" + std::to_string(f.max_length) + "位";
    return fail("length", "长度为" + std::to_string(n) + "位，应" + bounds);
  }
  p.value = normalised;
  p.ok = true;
}

void RowCheck::DecideSubjectKind() {
  const SubjectFields& s = item_.subject;
  if (!s.category.empty()) {
    const Parsed* c = Get(s.category);
    if (c != nullptr && c->ok && c->entry != nullptr && c->entry->subject_kind) {
      kind_ = c->entry->subject_kind;
      kind_from_category_ = true;
      return;
    }
    if (c != nullptr && c->present) return;  // an unknown category: no guess
  }
  // From the identifiers.
  const Parsed* uscc = s.uscc.empty() ? nullptr : Get(s.uscc);
  const Parsed* id = s.id_number.empty() ? nullptr : Get(s.id_number);
  if (uscc != nullptr && uscc->ok && uscc->id_kind == IdKind::kUscc) {
    kind_ = KindFromUscc(uscc->value);
  } else if (uscc != nullptr && uscc->placeholder) {
    kind_ = SubjectKind::kIndividualBusiness;
  } else if (id != nullptr && id->present) {
    kind_ = SubjectKind::kNaturalPerson;
  } else if (uscc != nullptr && uscc->present) {
    kind_ = SubjectKind::kLegalPerson;
  } else {
    for (const auto& code : s.other_ids) {
      const Parsed* o = Get(code);
      if (o != nullptr && o->present) kind_ = SubjectKind::kLegalPerson;
    }
  }
}

std::string RowCheck::SubjectWord() const {
  if (kind_from_category_) {
    const FieldSpec* c = item_.FindField(item_.subject.category);
    std::string word = c->name;
    const std::string suffix = "类别";
    if (word.size() > suffix.size() &&
        word.compare(word.size() - suffix.size(), suffix.size(), suffix) == 0) {
      word.resize(word.size() - suffix.size());
    }
    return word;
  }
  return "主体";
}

std::optional<bool> RowCheck::ConditionHolds(const Condition& c) const {
  const Parsed* other = Get(c.field);
  if (other == nullptr) return std::nullopt;
  switch (c.op) {
    case Condition::Op::kPresent:
      return other->present;
    case Condition::Op::kEquals:
      if (!other->present) return false;
      if (!other->ok) return std::nullopt;
      return Contains(c.values, other->value);
    case Condition::Op::kContains:
      if (!other->present) return false;
      if (!other->ok) return std::nullopt;
      return std::any_of(c.values.begin(), c.values.end(),
                         [&](const std::string& v) { return Contains(other->codes, v); });
  }
  return std::nullopt;
}

void RowCheck::CheckRequired(const FieldSpec& f, const Parsed& p) {
  if (p.present) return;
  if (f.required) {
    Error(f, "required", Label(f) + "：必填项，不能为空");
    return;
  }
  if (kind_ &&
      std::find(f.required_for.begin(), f.required_for.end(), *kind_) != f.required_for.end()) {
    Error(f, "required",
          Label(f) + "：" + SubjectWord() + "为" + std::string(SubjectCategoryLabel(*kind_)) +
              "时必填");
    return;
  }
  if (f.required_when) {
    const Condition& c = *f.required_when;
    std::optional<bool> holds = ConditionHolds(c);
    if (!holds.value_or(false)) return;
    const FieldSpec* other = item_.FindField(c.field);
    std::string when;
    switch (c.op) {
      case Condition::Op::kPresent:
        when = "已填写" + other->name + "时";
        break;
      case Condition::Op::kEquals:
        when = other->name + "为" + Quote(Get(c.field)->value) + "时";
        break;
      case Condition::Op::kContains: {
        std::vector<std::string> hit;
        for (const auto& v : c.values) {
          if (Contains(Get(c.field)->codes, v)) hit.push_back(Quote(v));
        }
        when = other->name + "含" + JoinNames(hit) + "时";
        break;
      }
    }
    Error(f, "conditional_required",
          Label(f) + "：" + when + "必填" +
              (f.type == FieldType::kDecimal && !f.unit.empty() ? "，请填写金额（" + f.unit + "）"
                                                                : ""));
  }
}

void RowCheck::CheckDateOrder(const FieldSpec& f, const Parsed& p) {
  if (f.type != FieldType::kDate || f.not_before.empty() || !p.ok) return;
  const Parsed* other = Get(f.not_before);
  if (other == nullptr || !other->ok || !other->date) return;
  if (*p.date < *other->date) {
    const FieldSpec* o = item_.FindField(f.not_before);
    Error(
        f, "date_order",
        Label(f) + "：" + p.value + "早于" + o->name + "（" + other->value + "），请核对两个日期");
  }
}

void RowCheck::CheckPlaceholder() {
  const SubjectFields& s = item_.subject;
  Parsed* uscc = s.uscc.empty() ? nullptr : Get(s.uscc);
  const FieldSpec* uscc_field = s.uscc.empty() ? nullptr : item_.FindField(s.uscc);
  // The stand-in code is for the kinds that may use it.
  if (uscc != nullptr && uscc->placeholder && kind_ &&
      std::find(uscc_field->placeholder_for.begin(), uscc_field->placeholder_for.end(), *kind_) ==
          uscc_field->placeholder_for.end()) {
    std::vector<std::string> kinds;
    for (SubjectKind k : uscc_field->placeholder_for) {
      kinds.emplace_back(SubjectCategoryLabel(k));
    }
    Error(*uscc_field, "invalid_identifier",
          Label(*uscc_field) + "：占位代码" + uscc_field->placeholder + "只适用于" +
              JoinNames(kinds) + "，" + std::string(SubjectCategoryLabel(*kind_)) +
              "请填写真实的统一社会信用代码");
    uscc->ok = false;
  }
}

void RowCheck::CheckSubjectIdentifiers() {
  const SubjectFields& s = item_.subject;
  Parsed* uscc = s.uscc.empty() ? nullptr : Get(s.uscc);
  const FieldSpec* uscc_field = s.uscc.empty() ? nullptr : item_.FindField(s.uscc);
  const bool valid_uscc = uscc != nullptr && uscc->ok && uscc->id_kind == IdKind::kUscc;
  // An organisation code must be the one embedded in the USCC (positions 9-17).
  for (const auto& code : s.other_ids) {
    Parsed* o = Get(code);
    if (valid_uscc && o->ok && o->id_kind == IdKind::kOrganizationCode &&
        o->value != uscc->value.substr(8, 9)) {
      const FieldSpec* f = item_.FindField(code);
      Error(*f, "invalid_identifier",
            Label(*f) + "：组织机构代码" + o->value + "与统一社会信用代码第9-17位（" +
                uscc->value.substr(8, 9) + "）不一致，请核对");
      o->ok = false;
    }
  }
  if (!kind_) return;
  if (*kind_ == SubjectKind::kNaturalPerson) {
    const Parsed* id = s.id_number.empty() ? nullptr : Get(s.id_number);
    if (id != nullptr && id->ok && id->id_kind == IdKind::kCitizenId) {
      identifiers_.push_back(id->value);
    } else if (const Parsed* type = s.id_type.empty() ? nullptr : Get(s.id_type);
               id != nullptr && id->ok && type != nullptr && type->ok && type->entry != nullptr) {
      // (Without a valid 证件类型 the error on that field says what to fix.)
      const FieldSpec* f = item_.FindField(s.id_number);
      const std::string type_name = type->entry->name;
      Error(*f, "unsupported_identifier",
            Label(*f) + "：平台目前只能以居民身份证号码登记自然人，证件类型为" + Quote(type_name) +
                "的记录暂不能报送，请联系信用办");
    }
    return;
  }
  if (valid_uscc) identifiers_.push_back(uscc->value);
  for (const auto& code : s.other_ids) {
    const Parsed* o = Get(code);
    if (o->ok &&
        (o->id_kind == IdKind::kRegistrationNumber || o->id_kind == IdKind::kOrganizationCode)) {
      identifiers_.push_back(o->value);
    }
  }
  if (!identifiers_.empty()) return;
  // No identifier the platform can register: say so on the first identifier field written
  // correctly; errors already reported on the others explain themselves.
  std::vector<std::string> fields;
  if (!s.uscc.empty()) fields.push_back(s.uscc);
  fields.insert(fields.end(), s.other_ids.begin(), s.other_ids.end());
  for (const auto& code : fields) {
    if (HasError(code)) return;
  }
  for (const auto& code : fields) {
    const Parsed* o = Get(code);
    if (o->ok) {
      const FieldSpec* f = item_.FindField(code);
      Error(*f, "unsupported_identifier",
            Label(*f) + "：平台以统一社会信用代码、工商注册号或组织机构代码识别" +
                std::string(SubjectCategoryLabel(*kind_)) + "，请填写其中之一");
      return;
    }
  }
  if (uscc_field != nullptr) {
    Error(*uscc_field, "required",
          Label(*uscc_field) + "：" + std::string(SubjectCategoryLabel(*kind_)) +
              "须填写统一社会信用代码（或工商注册号、组织机构代码）");
  }
}

DisplayWindow RowCheck::PenaltyDisplay(Nature& nature) const {
  const DisplayRule& r = item_.display;
  DisplayWindow w;
  const Parsed* decision = Get(item_.decision_date_field);
  const Parsed* cats = Get(r.category_field);
  const Parsed* fine = r.fine_field.empty() ? nullptr : Get(r.fine_field);
  const std::vector<std::string>& codes = cats->codes;
  const std::optional<Decimal> amount =
      fine != nullptr && fine->ok ? fine->amount : std::optional<Decimal>();
  const std::string source = r.source.empty() ? "" : "（" + r.source + "）";
  // The categories that are fines: those that make the fine field required.
  std::vector<std::string> fine_categories;
  if (const FieldSpec* f = item_.FindField(r.fine_field); f != nullptr && f->required_when) {
    fine_categories = f->required_when->values;
  }

  // Low penalties: only 警告/通报批评, or a fine below the 较低数额 with at most those.
  const bool only_light = !codes.empty() && std::all_of(codes.begin(), codes.end(), [&](auto& c) {
    return Contains(r.not_published_if_only, c);
  });
  bool low_fine = false;
  if (!only_light && r.lower_fine_amount && amount && *amount < *r.lower_fine_amount) {
    low_fine = std::all_of(codes.begin(), codes.end(), [&](auto& c) {
      return Contains(r.not_published_if_only, c) || Contains(fine_categories, c);
    });
  }
  const Date from = *decision->date;
  if (only_light || low_fine) {
    nature = Nature::kMinor;
    const std::string why = only_light
                                ? "仅受到" + JoinNames(codes) + "的行政处罚"
                                : "罚款金额" + amount->ToString() + "万元低于较低数额" +
                                      r.lower_fine_amount->ToString() + "万元且无其他较重处罚";
    if (r.low_penalty_months == 0) {
      w.published = false;
      w.reason = why + "，按规定不予公示" + source;
    } else {
      w.published = true;
      w.from = from.ToString();
      w.until = from.AddMonths(r.low_penalty_months).ToString();
      w.reason = why + "，自处罚决定日期起公示" + MonthsText(r.low_penalty_months) + source;
    }
    return w;
  }

  std::vector<std::string> serious_why;
  for (const auto& c : codes) {
    if (Contains(r.serious_categories, c)) serious_why.push_back(c);
  }
  if (r.serious_fine_amount && amount && *amount >= *r.serious_fine_amount) {
    serious_why.push_back("罚款" + r.serious_fine_amount->ToString() + "万元及以上");
  }
  const bool serious = !serious_why.empty();
  nature = serious ? Nature::kSerious : Nature::kMinor;
  const DisplayRule::Months& m = serious ? r.serious : r.minor;
  std::vector<std::string> no_early;
  for (const auto& c : codes) {
    if (Contains(r.no_early_stop, c)) no_early.push_back(c);
  }
  const Date max_until = from.AddMonths(m.max_months);
  const Date min_until = no_early.empty() ? from.AddMonths(m.min_months) : max_until;
  Date until = max_until;
  std::string reason = std::string(serious ? "严重失信" : "一般失信") + "行政处罚" +
                       (serious ? "（" + JoinNames(serious_why) + "）" : "") +
                       "：自处罚决定日期起公示，最短" + MonthsText(m.min_months) + "、最长" +
                       MonthsText(m.max_months);
  if (!no_early.empty()) reason += "；含" + JoinNames(no_early) + "，不得提前停止公示";
  if (!r.until_field.empty()) {
    const Parsed* given = Get(r.until_field);
    if (given != nullptr && given->ok && given->date) {
      Date g = *given->date;
      if (given->value == kLongTerm || g > max_until) {
        g = max_until;
        reason += "；公示截止期超过最长期限，按最长期限";
      } else if (g < min_until) {
        g = min_until;
        reason += "；公示截止期短于最短期限，按最短期限";
      } else {
        reason += "；按处罚机关确定的公示截止期";
      }
      until = g;
    }
  }
  w.published = true;
  w.from = from.ToString();
  w.until = until.ToString();
  w.min_until = no_early.empty() ? min_until.ToString() : "";
  w.reason = reason + source;
  return w;
}

DisplayWindow RowCheck::Display(Nature& nature, Disclosure disclosure) const {
  const DisplayRule& r = item_.display;
  nature = item_.nature;
  DisplayWindow w;
  const std::string source = r.source.empty() ? "" : "（" + r.source + "）";
  const Parsed* decision = Get(item_.decision_date_field);
  switch (r.kind) {
    case DisplayRule::Kind::kNone:
      w.reason = "信息项“" + item_.name + "”不向社会公示" + source;
      break;
    case DisplayRule::Kind::kPenalty:
      w = PenaltyDisplay(nature);
      break;
    case DisplayRule::Kind::kWhileValid: {
      if (!r.status_field.empty()) {
        const Parsed* status = Get(r.status_field);
        if (status != nullptr && status->ok && Contains(r.invalid_status, status->value)) {
          const FieldSpec* f = item_.FindField(r.status_field);
          w.reason = f->name + "为" +
                     Quote(status->entry != nullptr ? status->entry->name : status->value) +
                     "，不予公示";
          break;
        }
      }
      w.published = true;
      w.from = decision->value;
      const Parsed* to = Get(r.valid_to_field);
      const FieldSpec* to_field = item_.FindField(r.valid_to_field);
      if (to != nullptr && to->ok && to->value == kLongTerm && to_field->long_term) {
        w.reason = "长期有效（" + to_field->name + std::string(kLongTerm) +
                   "）：自决定日期起在有效期内持续公示，不设截止日期" + source;
      } else if (to != nullptr && to->ok) {
        w.until = to->value;
        w.reason = "在有效期内公示：自决定日期起至" + to_field->name + to->value + source;
      } else {
        w.reason = "未填写" + to_field->name + "：自决定日期起在有效期内持续公示" + source;
      }
      break;
    }
    case DisplayRule::Kind::kPeriod: {
      const Parsed* from = r.from_field.empty() ? decision : Get(r.from_field);
      const FieldSpec* from_field =
          item_.FindField(r.from_field.empty() ? item_.decision_date_field : r.from_field);
      if (from == nullptr || !from->ok) {
        w.reason = "未填写" + from_field->name + "，不予公示";
        break;
      }
      w.published = true;
      w.from = from->value;
      std::string reason = "自" + from_field->name + "起公示";
      std::optional<Date> until;
      const Parsed* given = r.until_field.empty() ? nullptr : Get(r.until_field);
      const FieldSpec* until_field =
          r.until_field.empty() ? nullptr : item_.FindField(r.until_field);
      if (given != nullptr && given->ok && !(until_field->long_term && given->value == kLongTerm)) {
        until = *given->date;
        reason += "，至" + until_field->name + given->value;
      } else if (given != nullptr && given->ok) {
        reason += "，长期有效，不设截止日期";
      } else if (r.months > 0) {
        until = from->date->AddMonths(r.months);
        reason += MonthsText(r.months);
      } else {
        reason += until_field != nullptr ? "，持续公示至" + until_field->name : "，不设截止日期";
      }
      if (r.max_months > 0) {
        const Date cap = from->date->AddMonths(r.max_months);
        if (!until || *until > cap) {
          until = cap;
          reason += "，最长" + MonthsText(r.max_months);
        }
      }
      if (until) w.until = until->ToString();
      w.reason = reason + source;
      break;
    }
  }
  if (disclosure != Disclosure::kPublic) {
    w.published = false;
    w.from.clear();
    w.until.clear();
    w.min_until.clear();
    w.reason =
        (kind_ == SubjectKind::kNaturalPerson && item_.disclosure == Disclosure::kPublic
             ? "涉及自然人的" + item_.name + "信息仅限" + std::string(ScopeLabel(disclosure))
             : "信息项“" + item_.name + "”的公开范围为" + std::string(ScopeLabel(disclosure))) +
        "，不向社会公示";
    return w;
  }
  // Minors' dishonesty records are for education, not publication.
  if (w.published && kind_ == SubjectKind::kNaturalPerson &&
      (nature == Nature::kMinor || nature == Nature::kSerious)) {
    const Parsed* id = item_.subject.id_number.empty() ? nullptr : Get(item_.subject.id_number);
    if (id != nullptr && id->birth_date && decision->date &&
        id->birth_date->AddMonths(kAdultMonths) > *decision->date) {
      w = DisplayWindow{};
      w.reason = "作出决定时为未成年人，失信信息用于教育引导，不向社会公示";
    }
  }
  return w;
}

RowOutcome RowCheck::Run(const std::map<std::string, std::string>& row) {
  TakeColumns(row);
  for (size_t i = 0; i < item_.fields.size(); ++i) CheckValue(item_.fields[i], parsed_[i], raw_[i]);
  for (size_t i = 0; i < item_.fields.size(); ++i) {
    if (item_.fields[i].type == FieldType::kIdentifier) {
      CheckIdentifier(item_.fields[i], parsed_[i], raw_[i]);
    }
  }
  DecideSubjectKind();
  CheckPlaceholder();
  for (size_t i = 0; i < item_.fields.size(); ++i) CheckRequired(item_.fields[i], parsed_[i]);
  for (size_t i = 0; i < item_.fields.size(); ++i) CheckDateOrder(item_.fields[i], parsed_[i]);
  CheckSubjectIdentifiers();

  RowOutcome out;
  if (!errors_.empty()) {
    std::stable_sort(errors_.begin(), errors_.end(), [](const Entry& a, const Entry& b) {
      return a.index != b.index ? a.index < b.index : a.seq < b.seq;
    });
    for (auto& e : errors_) out.errors.push_back(std::move(e.error));
    return out;
  }

  ValidatedRecord v;
  v.item_code = item_.code;
  v.subject_kind = kind_.value_or(SubjectKind::kLegalPerson);
  v.subject_name = Get(item_.subject.name)->value;
  v.subject_identifiers = identifiers_;
  for (const auto& k : item_.source_key) {
    v.source_key += (v.source_key.empty() ? "" : "|") + Get(k)->value;
  }
  v.decision_date = Get(item_.decision_date_field)->value;
  if (!item_.legal_basis_field.empty()) v.legal_basis = Get(item_.legal_basis_field)->value;
  if (v.legal_basis.empty()) v.legal_basis = item_.legal_basis;
  for (size_t i = 0; i < item_.fields.size(); ++i) {
    const FieldSpec& f = item_.fields[i];
    if (!parsed_[i].present) continue;
    v.fields[f.code] = parsed_[i].value;
    if (f.mask == MaskRule::kIdNumber) v.sensitive_fields.push_back(f.code);
  }
  v.disclosure = item_.DisclosureFor(v.subject_kind);
  v.display = Display(v.nature, v.disclosure);
  out.record = std::move(v);
  return out;
}

}  // namespace

Result<Date> ParseDepartmentDate(std::string_view raw, bool long_term) {
  return ParseDateText(raw, long_term);
}

bool RecordValidator::IsSentBackColumn(std::string_view column) {
  const std::string shown = TrimText(column);
  return std::find(std::begin(kSentBackColumns), std::end(kSentBackColumns), shown) !=
         std::end(kSentBackColumns);
}

RecordValidator::HeaderMapping RecordValidator::MapColumns(
    const CatalogueItem& item, const std::vector<std::string>& columns) const {
  HeaderMapping m;
  std::map<std::string, size_t> first;  // field code -> first column using it
  for (size_t i = 0; i < columns.size(); ++i) {
    const std::string& name = columns[i];
    const std::string shown = TrimText(name);
    const std::string where = "第" + std::to_string(i + 1) + "列";
    if (IsSentBackColumn(name)) {
      m.codes.emplace_back();  // the sent-back file's own column: not data
      continue;
    }
    const FieldSpec* f = item.MatchField(name);
    if (f == nullptr) {
      m.codes.emplace_back();
      m.errors.push_back(
          {name, "unknown_column",
           shown.empty() ? where + "没有列名：请填写列名或删除该列"
                         : where + Quote(shown) + "不是信息项“" + item.name + "”（" + item.code +
                               "）的字段：请删除该列，或改用目录中的字段代码或中文列名"});
      continue;
    }
    auto [it, inserted] = first.emplace(f->code, i);
    if (!inserted) {
      m.codes.emplace_back();
      m.errors.push_back({name, "duplicate_column",
                          where + Quote(shown) + "与第" + std::to_string(it->second + 1) + "列" +
                              Quote(TrimText(columns[it->second])) + "都是字段" + Label(*f) +
                              "：请删除重复的列"});
      continue;
    }
    m.codes.push_back(f->code);
  }
  return m;
}

Result<std::vector<std::string>> RecordValidator::MapHeader(
    const CatalogueItem& item, const std::vector<std::string>& columns) const {
  HeaderMapping m = MapColumns(item, columns);
  if (m.errors.empty()) return std::move(m.codes);
  std::string message;
  for (const auto& e : m.errors) message += (message.empty() ? "" : "；") + e.message;
  return InvalidArgument(message);
}

RowOutcome RecordValidator::Validate(const CatalogueItem& item,
                                     const std::map<std::string, std::string>& row,
                                     Date today) const {
  RowCheck check(item, divisions_, today);
  return check.Run(row);
}

}  // namespace xinyong
