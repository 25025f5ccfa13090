#include "core/date.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace xinyong {
namespace {

namespace chr = std::chrono;

chr::year_month_day Ymd(int64_t days) {
  return chr::year_month_day{chr::sys_days{chr::days{days}}};
}

// Parses exactly `text.size()` ASCII digits; -1 when any is not a digit.
int ParseDigits(std::string_view text) {
  int v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::string Quote(std::string_view text) {
  std::string out = "\"";
  out.append(text.substr(0, 40));
  if (text.size() > 40) out.append("...");
  out.push_back('"');
  return out;
}

}  // namespace

Result<Date> Date::FromYmd(int year, int month, int day) {
  if (year < 1 || year > 9999) {
    return InvalidArgument("年份" + std::to_string(year) + "不在1至9999之间");
  }
  if (month < 1 || month > 12) {
    return InvalidArgument("月份" + std::to_string(month) + "不在1至12之间");
  }
  const chr::year_month_day ymd{chr::year{year}, chr::month{static_cast<unsigned>(month)},
                                chr::day{static_cast<unsigned>(day < 0 ? 0 : day)}};
  if (day < 1 || !ymd.ok()) {
    const auto last = chr::year_month_day_last{
        chr::year{year}, chr::month_day_last{chr::month{static_cast<unsigned>(month)}}};
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d年%02d月只有%u天，没有%d日", year, month,
                  static_cast<unsigned>(last.day()), day);
    return InvalidArgument(buf);
  }
  return FromDays(chr::sys_days{ymd}.time_since_epoch().count());
}

Result<Date> Date::Parse(std::string_view text) {
  int y = -1, m = -1, d = -1;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    y = ParseDigits(text.substr(0, 4));
    m = ParseDigits(text.substr(5, 2));
    d = ParseDigits(text.substr(8, 2));
  } else if (text.size() == 8) {
    y = ParseDigits(text.substr(0, 4));
    m = ParseDigits(text.substr(4, 2));
    d = ParseDigits(text.substr(6, 2));
  }
  if (y < 0 || m < 0 || d < 0) {
    return InvalidArgument(Quote(text) + "不是日期：请写作 YYYY-MM-DD 或 YYYYMMDD（如 2026-12-07）");
  }
  auto date = FromYmd(y, m, d);
  if (!date.ok()) {
    return InvalidArgument(Quote(text) + "不是有效日期：" + date.status().message());
  }
  return date;
}

Date Date::FromUnixSecondsCst(int64_t unix_seconds) {
  const int64_t local = unix_seconds + 8 * 3600;
  const int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  return FromDays(days);
}

int Date::year() const { return static_cast<int>(Ymd(days_).year()); }
int Date::month() const { return static_cast<int>(static_cast<unsigned>(Ymd(days_).month())); }
int Date::day() const { return static_cast<int>(static_cast<unsigned>(Ymd(days_).day())); }

int Date::weekday() const {
  return static_cast<int>(chr::weekday{chr::sys_days{chr::days{days_}}}.iso_encoding());
}

std::string Date::ToString() const {
  const auto ymd = Ymd(days_);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

int Date::DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

Date Date::AddMonths(int months) const {
  const int total = year() * 12 + (month() - 1) + months;
  const int y = total / 12, m = total % 12 + 1;
  const int d = std::min(day(), DaysInMonth(y, m));
  auto r = FromYmd(y, m, d);
  return r.ok() ? *r : *this;
}

}  // namespace xinyong
