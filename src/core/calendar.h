// The working-day calendar (工作日) from the State Council's yearly holiday notices.
//
// A working day is a Monday-Friday that is not a public holiday, or a weekend day listed as
// a make-up working day (调休上班). A year with a notice file is counted from it. A year without
// one (the notice is not out yet) is counted *provisionally* from the holiday law
// (policy/calendar/law.yaml: statutory days and their weekend substitutes, no make-up days), and
// every answer that used such a day says so. Outside 2000-2100, or without the law file, a year
// with no notice fails with failed_precondition naming that year: never a silent guess.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/holiday_law.h"
#include "core/status.h"

namespace xinyong {

struct CalendarYear {
  int year = 0;
  std::string source;                           // the notice, e.g. "国办发明电〔2023〕7号"
  std::map<Date, std::string> holidays;         // date -> holiday name
  std::map<Date, std::string> makeup_workdays;  // weekend date -> holiday it belongs to
  bool provisional = false;                     // from the holiday law, not from a notice
};

// What the calendar says of one day.
struct CalendarDay {
  Date date;
  bool working = false;
  std::string holiday;       // "" on a working day or an ordinary weekend
  bool makeup = false;       // a weekend day worked (调休上班)
  bool provisional = false;  // its year has no notice yet
};

// A date counted in working days, and whether a provisional year was used for it.
struct DueDate {
  Date date;
  bool provisional = false;
};

// How many days ahead the platform warns that the calendar ends: more than the longest
// deadline counted in working days from today (an objection case's 20 working days, a
// defence period) spans, holidays included.
inline constexpr int kCalendarWarningDays = 60;

// Immutable after loading (provisional years are computed on first use, under a lock); safe to
// share between threads. Copies share what has been computed.
class WorkingCalendar {
 public:
  // Loads every "<year>.yaml" in `dir` (policy/calendar) and, when present, "law.yaml" (the
  // holiday law that provisional years are counted from). Refuses a broken file with the
  // file, the entry and the reason (date outside its year, make-up day not on a weekend,
  // a day both holiday and make-up day, unknown key...).
  static Result<WorkingCalendar> LoadDir(const std::filesystem::path& dir);
  // Without `law`, a year not given is refused, as before the law file existed.
  static Result<WorkingCalendar> FromYears(std::vector<CalendarYear> years,
                                           std::shared_ptr<const HolidayLaw> law = nullptr);

  // A year with a notice file.
  bool CoversYear(int year) const { return years_.count(year) != 0; }
  // A year counted from the law because its notice is missing.
  bool IsProvisionalYear(int year) const;
  // The years with a notice file.
  std::vector<int> Years() const;
  // December 31 of the last year with a notice; nullopt when the calendar holds none.
  std::optional<Date> LastDay() const;
  // What an operator must be told when the notices end within `days` days of `today` (or
  // have ended, or none is held): the next year's notice must be added. "" when they reach
  // further.
  std::string EndingWarning(Date today, int days) const;

  Result<CalendarDay> Day(Date date) const;
  Result<bool> IsWorkingDay(Date date) const;
  // The date that is `n` working days after `start` (start itself not counted); n >= 0.
  // n == 0 returns start. Every day looked at (after start, up to the result; start itself when
  // n == 0) must lie in a year the calendar can count.
  Result<Date> AddWorkingDays(Date start, int n) const;
  // AddWorkingDays, and whether a provisional year was used.
  Result<DueDate> DueAfter(Date start, int n) const;
  // Number of working days d with from < d <= to; negative when to < from. The years of those
  // days (of `from` when from == to) must be countable.
  Result<int> WorkingDaysBetween(Date from, Date to) const;
  // Whether a day counted between `from` and `to` (as WorkingDaysBetween counts them) lies in
  // a provisional year.
  bool Provisional(Date from, Date to) const;

 private:
  struct YearDays;
  struct ProvisionalCache;

  // The days of `year`: a notice year, or a provisional one computed now; otherwise
  // failed_precondition naming the year.
  Result<const YearDays*> Year(int year) const;

  std::map<int, std::shared_ptr<const YearDays>> years_;  // notice years
  std::shared_ptr<const HolidayLaw> law_;
  std::shared_ptr<ProvisionalCache> provisional_;
};

}  // namespace xinyong
