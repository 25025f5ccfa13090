// The working-day calendar (工作日) from the State Council's yearly holiday notices.
//
// A working day is a Monday-Friday that is not a public holiday, or a weekend day listed as
// a make-up working day (调休上班). Every computation that touches a year the calendar does
// not hold fails with failed_precondition naming that year: never a guess.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"

namespace xinyong {

struct CalendarYear {
  int year = 0;
  std::string source;                           // the notice, e.g. "国办发明电〔2023〕7号"
  std::map<Date, std::string> holidays;         // date -> holiday name
  std::map<Date, std::string> makeup_workdays;  // weekend date -> holiday it belongs to
};

// How many days ahead the platform warns that the calendar ends: more than the longest
// deadline counted in working days from today (an objection case's 20 working days, a
// defence period) spans, holidays included.
inline constexpr int kCalendarWarningDays = 60;

// Immutable after loading; safe to share between threads.
class WorkingCalendar {
 public:
  // Loads every "<year>.yaml" in `dir` (policy/calendar). Refuses a broken file with the
  // file, the entry and the reason (date outside its year, make-up day not on a weekend,
  // a day both holiday and make-up day, unknown key...).
  static Result<WorkingCalendar> LoadDir(const std::filesystem::path& dir);
  static Result<WorkingCalendar> FromYears(std::vector<CalendarYear> years);

  bool CoversYear(int year) const { return years_.count(year) != 0; }
  std::vector<int> Years() const;
  // December 31 of the last year held; nullopt when the calendar holds none.
  std::optional<Date> LastDay() const;
  // What an operator must be told when the calendar ends within `days` days of `today` (or
  // has ended, or holds nothing): deadlines counted past its last day are refused, so the next
  // year's notice must be added. "" when it reaches further.
  std::string EndingWarning(Date today, int days) const;

  Result<bool> IsWorkingDay(Date date) const;
  // The date that is `n` working days after `start` (start itself not counted); n >= 0.
  // n == 0 returns start. Every day looked at (after start, up to the result; start itself when
  // n == 0) must lie in a year the calendar holds.
  Result<Date> AddWorkingDays(Date start, int n) const;
  // Number of working days d with from < d <= to; negative when to < from. The years of those
  // days (of `from` when from == to) must be held.
  Result<int> WorkingDaysBetween(Date from, Date to) const;

 private:
  // OK when `year` is held; otherwise failed_precondition naming the year.
  Status Covers(int year) const;
  // IsWorkingDay for a date whose year is known to be held.
  bool IsWorkingDayCovered(Date date) const;

  // Working days from Jan 1 of the first year held: working_upto_[i] counts those among the
  // days first_day_ .. first_day_ + i, through Dec 31 of the last year held (a year between
  // them that is not held counts none; Covers refuses it before it is looked at). Counting
  // working days between two dates is then one subtraction, not a walk over the days.
  int64_t first_day_ = 0;
  std::vector<int32_t> working_upto_;
  // Working days among first_day_ .. d (0 before first_day_); d at most the last day held.
  int32_t WorkingUpTo(Date d) const;

  std::map<int, CalendarYear> years_;
};

}  // namespace xinyong
