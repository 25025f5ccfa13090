#include "core/ids.h"

#include <array>
#include <cstdio>
#include <vector>

#include "core/divisions.h"
#include "core/text.h"

namespace xinyong {
namespace {

constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kUsccWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                              29, 25, 13, 8,  24, 10, 30, 28};
constexpr std::array<int, 8> kOrgWeights = {3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::array<int, 17> kCitizenWeights = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                                 3, 7, 9,  10, 5, 8, 4, 2};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

int UsccValue(char c) {
  const size_t i = kUsccAlphabet.find(c);
  return i == std::string_view::npos ? -1 : static_cast<int>(i);
}

// GB 11714 character values: 0-9, A=10 ... Z=35.
int OrgValue(char c) {
  if (IsDigit(c)) return c - '0';
  if (IsUpper(c)) return c - 'A' + 10;
  return -1;
}

// How a character is shown in a message: itself, or \xNN for a control or stray byte.
std::string Shown(std::string_view ch) {
  const auto b = static_cast<unsigned char>(ch.empty() ? 0 : ch[0]);
  if (ch.size() == 1 && (b < 0x20 || b >= 0x7F)) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02X", b);
    return buf;
  }
  return std::string(ch);
}

std::string Quoted(std::string_view ch) { return "“" + Shown(ch) + "”"; }
std::string Quoted(char c) { return Quoted(std::string_view(&c, 1)); }

std::string Pos(int position) { return "第" + std::to_string(position) + "位"; }

IdCheck Start(std::string_view input, std::optional<IdKind> kind) {
  IdCheck r;
  r.input = std::string(input);
  r.normalised = NormaliseCode(input);
  r.kind = kind;
  return r;
}

void SetError(IdCheck& r, std::string rule, int position, std::string message) {
  r.error = IdError{std::move(rule), position, std::move(message)};
  r.division.clear();
  r.birth_date.reset();
}

// Records the error and hands the check back. Takes `r` by reference so that a message built
// from views into r.normalised is complete before anything is moved.
IdCheck Fail(IdCheck& r, std::string rule, int position, std::string message) {
  SetError(r, std::move(rule), position, std::move(message));
  return std::move(r);
}

// Empty and length checks shared by every kind; true when the code may be checked further.
bool CheckShape(IdCheck& r, const std::vector<std::string_view>& chars, std::string_view what,
                size_t length, std::string_view note = "") {
  if (chars.empty()) {
    SetError(r, "empty", 0, std::string(what) + "为空");
    return false;
  }
  if (chars.size() != length) {
    SetError(r, "length", 0,
             std::string(what) + "应为" + std::to_string(length) + "位" + std::string(note) +
                 "，实际为" + std::to_string(chars.size()) + "位");
    return false;
  }
  return true;
}

// The index of the first character that is not one ASCII byte accepted by `ok`, or -1.
template <typename Pred>
int FirstBad(const std::vector<std::string_view>& chars, size_t from, size_t to, Pred ok) {
  for (size_t i = from; i < to; ++i) {
    if (chars[i].size() != 1 || !ok(chars[i][0])) return static_cast<int>(i);
  }
  return -1;
}

struct Category {
  char code;
  const char* name;
};

// Registration department (position 1) and the organisation categories (position 2) GB 32100
// lists for it; an empty list accepts any category 1-9.
struct Department {
  char code;
  const char* name;
  std::vector<Category> categories;
};

const std::vector<Department>& Departments() {
  static const std::vector<Department> kDepartments = {
      {'1', "机构编制", {{'1', "机关"}, {'2', "事业单位"}, {'3', "群团"}, {'9', "其他"}}},
      {'2', "外交", {}},
      {'3', "司法行政", {}},
      {'4', "文化", {}},
      {'5', "民政", {{'1', "社会团体"}, {'2', "民办非企业单位"}, {'3', "基金会"}, {'9', "其他"}}},
      {'6', "旅游", {}},
      {'7', "宗教", {}},
      {'8', "工会", {}},
      {'9', "工商", {{'1', "企业"}, {'2', "个体工商户"}, {'3', "农民专业合作社"}}},
      {'A', "中央军委改革和编制办公室", {}},
      {'N', "农业", {}},
      {'Y', "其他", {}},
  };
  return kDepartments;
}

const Department* FindDepartment(char c) {
  for (const auto& d : Departments()) {
    if (d.code == c) return &d;
  }
  return nullptr;
}

std::string CategoryList(const Department& d) {
  std::string out;
  for (size_t i = 0; i < d.categories.size(); ++i) {
    if (i > 0) out += i + 1 == d.categories.size() ? "或" : "、";
    out += std::string(1, d.categories[i].code) + "（" + d.categories[i].name + "）";
  }
  return out;
}

bool LooksLikeCitizenId(std::string_view s) {
  if (s.size() != 18) return false;
  for (size_t i = 0; i < 17; ++i) {
    if (!IsDigit(s[i])) return false;
  }
  const std::string_view century = s.substr(6, 2);
  return century == "18" || century == "19" || century == "20";
}

}  // namespace

std::string_view IdKindName(IdKind kind) {
  switch (kind) {
    case IdKind::kUscc:
      return "uscc";
    case IdKind::kCitizenId:
      return "citizen_id";
    case IdKind::kRegistrationNumber:
      return "registration_number";
    case IdKind::kOrganizationCode:
      return "organization_code";
  }
  return "uscc";
}

std::optional<IdKind> IdKindFromName(std::string_view name) {
  for (IdKind k : {IdKind::kUscc, IdKind::kCitizenId, IdKind::kRegistrationNumber,
                   IdKind::kOrganizationCode}) {
    if (IdKindName(k) == name) return k;
  }
  return std::nullopt;
}

char UsccCheckChar(std::string_view body17) {
  if (body17.size() != 17) return '\0';
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    const int v = UsccValue(body17[i]);
    if (v < 0) return '\0';
    sum += v * kUsccWeights[i];
  }
  return kUsccAlphabet[static_cast<size_t>((31 - sum % 31) % 31)];
}

char OrganizationCodeCheckChar(std::string_view body8) {
  if (body8.size() != 8) return '\0';
  int sum = 0;
  for (size_t i = 0; i < 8; ++i) {
    const int v = OrgValue(body8[i]);
    if (v < 0) return '\0';
    sum += v * kOrgWeights[i];
  }
  const int c = 11 - sum % 11;
  if (c == 10) return 'X';
  if (c == 11) return '0';
  return static_cast<char>('0' + c);
}

char CitizenIdCheckChar(std::string_view body17) {
  if (body17.size() != 17) return '\0';
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    if (!IsDigit(body17[i])) return '\0';
    sum += (body17[i] - '0') * kCitizenWeights[i];
  }
  return "10X98765432"[sum % 11];
}

// ISO 7064 MOD 11,10 (GB/T 17710): p = 10; for each digit s = (p + d) mod 10 (0 counts as
// 10), p = 2s mod 11. The check digit c makes (p + c) mod 10 == 1.
char RegistrationNumberCheckDigit(std::string_view body14) {
  if (body14.size() != 14) return '\0';
  int p = 10;
  for (char c : body14) {
    if (!IsDigit(c)) return '\0';
    int s = (p + (c - '0')) % 10;
    if (s == 0) s = 10;
    p = (2 * s) % 11;
  }
  return static_cast<char>('0' + (11 - p) % 10);
}

IdCheck CheckUscc(std::string_view input) {
  IdCheck r = Start(input, IdKind::kUscc);
  const auto chars = Utf8Chars(r.normalised);
  if (!CheckShape(r, chars, "统一社会信用代码", 18)) return r;
  if (int i = FirstBad(chars, 0, 18, [](char c) { return UsccValue(c) >= 0; }); i >= 0) {
    return Fail(r, "character", i + 1,
                Pos(i + 1) + "字符" + Quoted(chars[static_cast<size_t>(i)]) +
                    "不是统一社会信用代码允许的字符（不含I、O、S、V、Z）");
  }
  const std::string& s = r.normalised;
  const Department* dept = FindDepartment(s[0]);
  if (dept == nullptr) {
    return Fail(r, "registration_department", 1,
                "第1位登记管理部门代码" + Quoted(s[0]) + "无效，应为1-9、A、N或Y");
  }
  if (dept->categories.empty()) {
    if (s[1] < '1' || s[1] > '9') {
      return Fail(r, "organization_category", 2,
                  "第2位机构类别代码" + Quoted(s[1]) + "无效，应为1-9");
    }
  } else {
    bool known = false;
    for (const auto& c : dept->categories) known = known || c.code == s[1];
    if (!known) {
      return Fail(r, "organization_category", 2,
                  "第2位机构类别代码" + Quoted(s[1]) + "不适用于登记管理部门" + Quoted(s[0]) +
                      "（" + dept->name + "），应为" + CategoryList(*dept));
    }
  }
  if (int i = FirstBad(chars, 2, 8, IsDigit); i >= 0) {
    return Fail(r, "character", i + 1,
                Pos(i + 1) + "字符" + Quoted(s[static_cast<size_t>(i)]) +
                    "应为数字（第3至8位为登记管理机关行政区划码）");
  }
  if (const char want = UsccCheckChar(std::string_view(s).substr(0, 17)); want != s[17]) {
    return Fail(r, "check_character", 18,
                "第18位校验码应为" + Quoted(want) + "，实际为" + Quoted(s[17]));
  }
  if (const char want = OrganizationCodeCheckChar(std::string_view(s).substr(8, 8));
      want != s[16]) {
    return Fail(r, "organization_code_check", 17,
                "第17位（组织机构代码校验码）应为" + Quoted(want) + "，实际为" + Quoted(s[16]));
  }
  r.division = s.substr(2, 6);
  return r;
}

IdCheck CheckOrganizationCode(std::string_view input) {
  IdCheck r = Start(input, IdKind::kOrganizationCode);
  const auto chars = Utf8Chars(r.normalised);
  if (!CheckShape(r, chars, "组织机构代码", 9, "（不含“-”）")) return r;
  if (int i = FirstBad(chars, 0, 8, [](char c) { return OrgValue(c) >= 0; }); i >= 0) {
    return Fail(r, "character", i + 1,
                Pos(i + 1) + "字符" + Quoted(chars[static_cast<size_t>(i)]) +
                    "不是组织机构代码允许的字符（数字或大写字母）");
  }
  if (FirstBad(chars, 8, 9, [](char c) { return IsDigit(c) || c == 'X'; }) >= 0) {
    return Fail(r, "character", 9, "第9位字符" + Quoted(chars[8]) + "应为数字或X");
  }
  const std::string& s = r.normalised;
  if (const char want = OrganizationCodeCheckChar(std::string_view(s).substr(0, 8)); want != s[8]) {
    return Fail(r, "check_character", 9,
                "第9位校验码应为" + Quoted(want) + "，实际为" + Quoted(s[8]));
  }
  return r;
}

IdCheck CheckRegistrationNumber(std::string_view input) {
  IdCheck r = Start(input, IdKind::kRegistrationNumber);
  const auto chars = Utf8Chars(r.normalised);
  if (!CheckShape(r, chars, "工商注册号", 15)) return r;
  if (int i = FirstBad(chars, 0, 15, IsDigit); i >= 0) {
    return Fail(r, "character", i + 1,
                Pos(i + 1) + "字符" + Quoted(chars[static_cast<size_t>(i)]) + "应为数字");
  }
  const std::string& s = r.normalised;
  if (const char want = RegistrationNumberCheckDigit(std::string_view(s).substr(0, 14));
      want != s[14]) {
    return Fail(r, "check_character", 15,
                "第15位校验码应为" + Quoted(want) + "，实际为" + Quoted(s[14]));
  }
  return r;
}

IdCheck CheckCitizenId(std::string_view input, const DivisionTable& divisions, Date today) {
  IdCheck r = Start(input, IdKind::kCitizenId);
  const auto chars = Utf8Chars(r.normalised);
  if (!CheckShape(r, chars, "居民身份证号码", 18)) return r;
  if (int i = FirstBad(chars, 0, 17, IsDigit); i >= 0) {
    return Fail(r, "character", i + 1,
                Pos(i + 1) + "字符" + Quoted(chars[static_cast<size_t>(i)]) + "应为数字");
  }
  if (FirstBad(chars, 17, 18, [](char c) { return IsDigit(c) || c == 'X'; }) >= 0) {
    return Fail(r, "character", 18, "第18位字符" + Quoted(chars[17]) + "应为数字或X");
  }
  const std::string& s = r.normalised;
  const std::string division = s.substr(0, 6);
  if (!divisions.IsKnown(division)) {
    return Fail(r, "division", 1, "行政区划代码" + division + "不存在");
  }
  const std::string birth = s.substr(6, 8);
  const int year = std::stoi(birth.substr(0, 4));
  auto date = Date::FromYmd(year, std::stoi(birth.substr(4, 2)), std::stoi(birth.substr(6, 2)));
  if (!date.ok() || year < 1800) {
    return Fail(r, "birth_date", 7, "出生日期" + birth + "不是有效日期");
  }
  if (*date > today) {
    return Fail(r, "birth_date", 7,
                "出生日期" + birth + "晚于当前日期" + today.ToString() + "，不是有效的出生日期");
  }
  if (const char want = CitizenIdCheckChar(std::string_view(s).substr(0, 17)); want != s[17]) {
    return Fail(r, "check_character", 18,
                "第18位校验码应为" + Quoted(want) + "，实际为" + Quoted(s[17]));
  }
  r.division = division;
  r.birth_date = *date;
  return r;
}

IdCheck CheckAnyId(std::string_view input, const DivisionTable& divisions, Date today) {
  IdCheck r = Start(input, std::nullopt);
  const auto chars = Utf8Chars(r.normalised);
  switch (chars.size()) {
    case 0:
      return Fail(r, "empty", 0, "证件号码为空");
    case 18: {
      IdCheck uscc = CheckUscc(input);
      IdCheck citizen = CheckCitizenId(input, divisions, today);
      const bool citizen_like = LooksLikeCitizenId(r.normalised);
      if (uscc.valid() && citizen.valid()) return citizen_like ? citizen : uscc;
      if (uscc.valid()) return uscc;
      if (citizen.valid()) return citizen;
      return citizen_like ? citizen : uscc;
    }
    case 15:
      return CheckRegistrationNumber(input);
    case 9:
      return CheckOrganizationCode(input);
    default:
      return Fail(r, "length", 0,
                  "证件号码应为18位（统一社会信用代码或居民身份证号码）、15位（工商注册号）或9位"
                  "（组织机构代码），实际为" +
                      std::to_string(chars.size()) + "位");
  }
}

std::string MaskIdNumbersIn(std::string_view text) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::string out(text);
  size_t i = 0;
  while (i + 18 <= out.size()) {
    if (!digit(out[i]) || (i > 0 && digit(out[i - 1]))) {
      ++i;
      continue;
    }
    size_t run = i;
    while (run < out.size() && run - i < 17 && digit(out[run])) ++run;
    if (run - i < 17) {
      i = run;
      continue;
    }
    const char last = out[i + 17];
    const bool ends = i + 18 == out.size() || !digit(out[i + 18]);
    const char check = last == 'x' ? 'X' : last;
    if (ends && (digit(check) || check == 'X') &&
        CitizenIdCheckChar(std::string_view(out).substr(i, 17)) == check) {
      std::string whole = out.substr(i, 17) + check;
      out.replace(i, 18, MaskIdNumber(whole));
      i += 18;
      continue;
    }
    ++i;
  }
  return out;
}

std::string MaskIdNumber(std::string_view normalised) {
  const auto chars = Utf8Chars(normalised);
  const size_t n = chars.size();
  const size_t keep_head = n == 18 ? 3 : 0;
  const size_t keep_tail = n > 4 ? 4 : 0;  // a code of 4 characters or less is hidden whole
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    if (i < keep_head || i + keep_tail >= n) {
      out.append(chars[i]);
    } else {
      out.push_back('*');
    }
  }
  return out;
}

std::string MaskPersonName(std::string_view name) {
  const std::string normal = NormaliseName(name);
  const auto chars = Utf8Chars(normal);
  if (chars.empty()) return "";
  std::string out(chars[0]);
  out.append(chars.size() > 1 ? chars.size() - 1 : 1, '*');
  return out;
}

}  // namespace xinyong
