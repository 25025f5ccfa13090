// Civil dates (proleptic Gregorian, no time zone) as used in records and deadlines.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace xinyong {

// A calendar date. Value type; always valid once constructed through Parse/FromYmd.
class Date {
 public:
  Date() = default;  // 1970-01-01
  // Days since 1970-01-01 (may be negative).
  static Date FromDays(int64_t days) {
    Date d;
    d.days_ = days;
    return d;
  }
  // Fails with invalid_argument when the date does not exist (e.g. 2023-02-29).
  static Result<Date> FromYmd(int year, int month, int day);
  // Accepts "YYYY-MM-DD" and "YYYYMMDD"; the message says what is wrong.
  static Result<Date> Parse(std::string_view text);
  // Today in China Standard Time (UTC+8) for the given Unix time in seconds.
  static Date FromUnixSecondsCst(int64_t unix_seconds);

  int64_t days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  // 1 = Monday ... 7 = Sunday (ISO 8601).
  int weekday() const;
  bool IsWeekend() const { return weekday() >= 6; }
  Date AddDays(int64_t n) const { return FromDays(days_ + n); }
  // The same day `months` later; the month's last day when it has no such day (2024-02-29 + 12
  // months = 2025-02-28). A period "from D for N months" ends on this day (民法典第二百零一条:
  // the first day is not counted).
  Date AddMonths(int months) const;
  static int DaysInMonth(int year, int month);
  std::string ToString() const;  // "YYYY-MM-DD"

  auto operator<=>(const Date&) const = default;

 private:
  int64_t days_ = 0;
};

}  // namespace xinyong
