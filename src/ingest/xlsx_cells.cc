#include "ingest/xlsx_cells.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "core/date.h"

namespace xinyong::ingest::internal {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view TrimAscii(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || (s.front() >= '\t' && s.front() <= '\r'))) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || (s.back() >= '\t' && s.back() <= '\r'))) {
    s.remove_suffix(1);
  }
  return s;
}

// `x` rounded to 15 significant digits, written without an exponent ("0.001",
// "110101199003071000"); very large or very small magnitudes keep one ("1e+300").
std::string FifteenDigits(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.14e", x);  // "-1.10101199003071e+17"
  std::string_view s(buf);
  std::string out;
  if (s.front() == '-') {
    out = "-";
    s.remove_prefix(1);
  }
  const size_t e = s.find('e');
  int exponent = 0;
  std::from_chars(s.data() + e + 1 + (s[e + 1] == '+' ? 1 : 0), s.data() + s.size(), exponent);
  std::string digits;
  for (char c : s.substr(0, e)) {
    if (c != '.') digits.push_back(c);
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  if (exponent > 20 || exponent < -9) {
    std::snprintf(buf, sizeof buf, "%.15g", x);
    return buf;
  }
  if (exponent >= 0) {
    const size_t int_len = static_cast<size_t>(exponent) + 1;
    if (digits.size() <= int_len) {
      out += digits + std::string(int_len - digits.size(), '0');
    } else {
      out += digits.substr(0, int_len) + "." + digits.substr(int_len);
    }
  } else {
    out += "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
  }
  return out;
}

}  // namespace

std::optional<NumberFormatKind> BuiltinNumberFormatKind(int id) {
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) ||
      id == 57 || id == 58) {
    return NumberFormatKind::kDate;
  }
  if (id == 22) return NumberFormatKind::kDateTime;
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id == 55 ||
      id == 56) {
    return NumberFormatKind::kTime;
  }
  return std::nullopt;
}

NumberFormatKind ClassifyNumberFormat(std::string_view code) {
  bool y = false, m = false, d = false, h = false, s = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == ';') break;  // only the first section (positive numbers)
    if (c == '"') {
      const size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is a literal, a padding width or a fill character
    } else if (c == '[') {
      const size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      // [h], [mm], [ss]: elapsed time. Anything else ([Red], [$-804], [DBNum1]) is a tag.
      const std::string_view tag = code.substr(i + 1, close - i - 1);
      if (!tag.empty() && tag.find_first_not_of(tag[0]) == std::string_view::npos) {
        const char t = Lower(tag[0]);
        h = h || t == 'h';
        s = s || t == 's';
        m = m || t == 'm';
      }
      i = close;
    } else {
      switch (Lower(c)) {
        case 'y':
          y = true;
          break;
        case 'm':
          m = true;
          break;
        case 'd':
          d = true;
          break;
        case 'h':
          h = true;
          break;
        case 's':
          s = true;
          break;
        default:
          break;
      }
    }
  }
  const bool time = h || s;
  const bool date = y || d || (m && !time);
  if (date && time) return NumberFormatKind::kDateTime;
  if (date) return NumberFormatKind::kDate;
  if (time) return NumberFormatKind::kTime;
  return NumberFormatKind::kNumber;
}

std::string FormatStoredNumber(std::string_view stored) {
  const std::string_view t = TrimAscii(stored);
  double x = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), x);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size() || !std::isfinite(x)) {
    return std::string(stored);
  }
  const size_t exp = t.find_first_of("eE");
  const std::string_view mantissa = t.substr(0, exp);
  int significant = 0;
  bool leading = true;
  for (char c : mantissa) {
    if (c < '0' || c > '9') continue;
    if (c != '0') leading = false;
    if (!leading) ++significant;
  }
  if (x == 0) return "0";
  if (exp == std::string_view::npos && significant <= 15) {
    const size_t dot = t.find('.');
    if (dot == std::string_view::npos) return std::string(t);
    if (t.find_first_not_of('0', dot + 1) == std::string_view::npos) {
      return std::string(t.substr(0, dot));  // "12.0" -> "12"
    }
    return std::string(t);
  }
  // Written with an exponent or beyond Excel's 15 digits: what Excel shows, in plain notation.
  return FifteenDigits(x);
}

std::optional<std::string> SerialToText(double serial, NumberFormatKind kind, bool date1904) {
  if (!std::isfinite(serial) || serial < 0 || serial > 3'000'000) return std::nullopt;
  const int64_t seconds = std::llround(serial * 86400.0);
  const int64_t day = seconds / 86400;
  if (kind == NumberFormatKind::kTime) {
    const int64_t sod = seconds % 86400;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", static_cast<int>(sod / 3600),
                  static_cast<int>(sod / 60 % 60), static_cast<int>(sod % 60));
    return std::string(buf);
  }
  if (kind == NumberFormatKind::kNumber) return std::nullopt;
  int64_t days_since_1970 = 0;
  if (date1904) {
    days_since_1970 = day - 24107;  // serial 0 = 1904-01-01
  } else {
    if (day < 1) return std::nullopt;
    if (day == 60) return std::string("1900-02-29");  // Lotus 1-2-3's leap-year bug
    days_since_1970 = day < 60 ? day - 25568 : day - 25569;
  }
  const Date date = Date::FromDays(days_since_1970);
  if (date.year() > 9999) return std::nullopt;
  return date.ToString();
}

int ColumnNumber(std::string_view letters) {
  if (letters.empty() || letters.size() > 3) return 0;
  int n = 0;
  for (char c : letters) {
    const char u = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    if (u < 'A' || u > 'Z') return 0;
    n = n * 26 + (u - 'A' + 1);
  }
  return n <= 16384 ? n : 0;
}

std::string ColumnName(int number) {
  std::string out;
  while (number > 0) {
    const int r = (number - 1) % 26;
    out.insert(out.begin(), static_cast<char>('A' + r));
    number = (number - 1) / 26;
  }
  return out;
}

}  // namespace xinyong::ingest::internal
