#include "core/calendar.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <mutex>
#include <set>
#include <system_error>

#include "core/yaml_checks.h"

namespace xinyong {
namespace {

namespace fs = std::filesystem;

// The longest holiday stretch a notice has ever given is 9 days; anything near a month is a
// typing mistake in `to`.
constexpr int64_t kMaxHolidayDays = 31;

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Result<Date> ReadDate(const YAML::Node& map, const std::string& key, const std::string& where) {
  const YAML::Node node = map[key];
  if (!node.IsScalar() || node.Scalar().size() != 10) {
    return InvalidArgument(where + YamlLine(node) + ": \"" + key +
                           "\" must be a date written YYYY-MM-DD");
  }
  auto date = Date::Parse(node.Scalar());
  if (!date.ok()) {
    return InvalidArgument(where + YamlLine(node) + ": " + key + ": " + date.status().message());
  }
  return date;
}

Result<CalendarYear> ParseYearFile(const fs::path& path, int file_year) {
  const std::string file = path.filename().string();
  XY_ASSIGN_OR_RETURN(YAML::Node root, LoadYamlFile(path, file));
  XY_RETURN_IF_ERROR(CheckYamlKeys(root, file, {"year", "source", "holidays", "makeup_workdays"},
                                   {"year", "source", "holidays", "makeup_workdays"}));
  CalendarYear y;
  const YAML::Node year_node = root["year"];
  if (!year_node.IsScalar() || !AllDigits(year_node.Scalar()) || year_node.Scalar().size() != 4) {
    return InvalidArgument(file + YamlLine(year_node) + ": \"year\" must be a 4-digit year");
  }
  y.year = std::stoi(year_node.Scalar());
  if (y.year != file_year) {
    return InvalidArgument(file + YamlLine(year_node) + ": the file says year " +
                           std::to_string(y.year) + " but is named for " +
                           std::to_string(file_year));
  }
  XY_ASSIGN_OR_RETURN(y.source, YamlText(root, "source", file));

  const YAML::Node holidays = root["holidays"];
  if (!holidays.IsSequence()) {
    return InvalidArgument(file + YamlLine(holidays) + ": \"holidays\" must be a list");
  }
  for (size_t i = 0; i < holidays.size(); ++i) {
    const YAML::Node h = holidays[i];
    const std::string where = file + ": holidays[" + std::to_string(i + 1) + "]";
    XY_RETURN_IF_ERROR(CheckYamlKeys(h, where, {"name", "from", "to"}, {"name", "from", "to"}));
    XY_ASSIGN_OR_RETURN(std::string name, YamlText(h, "name", where));
    const std::string named = where + " (" + name + ")" + YamlLine(h);
    XY_ASSIGN_OR_RETURN(Date from, ReadDate(h, "from", where));
    XY_ASSIGN_OR_RETURN(Date to, ReadDate(h, "to", where));
    if (to < from) {
      return InvalidArgument(named + ": to " + to.ToString() + " is before from " +
                             from.ToString());
    }
    if (to.days() - from.days() >= kMaxHolidayDays) {
      return InvalidArgument(named + ": " + from.ToString() + " to " + to.ToString() +
                             " is longer than " + std::to_string(kMaxHolidayDays) + " days");
    }
    for (Date d = from; d <= to; d = d.AddDays(1)) {
      auto [it, inserted] = y.holidays.emplace(d, name);
      if (!inserted) {
        return InvalidArgument(named + ": " + d.ToString() + " is already a holiday (" +
                               it->second + ")");
      }
    }
  }

  const YAML::Node makeups = root["makeup_workdays"];
  if (!makeups.IsSequence()) {
    return InvalidArgument(file + YamlLine(makeups) +
                           ": \"makeup_workdays\" must be a list (write [] when there is none)");
  }
  for (size_t i = 0; i < makeups.size(); ++i) {
    const YAML::Node m = makeups[i];
    const std::string where = file + ": makeup_workdays[" + std::to_string(i + 1) + "]";
    XY_RETURN_IF_ERROR(CheckYamlKeys(m, where, {"name", "date"}, {"name", "date"}));
    XY_ASSIGN_OR_RETURN(std::string name, YamlText(m, "name", where));
    XY_ASSIGN_OR_RETURN(Date date, ReadDate(m, "date", where));
    if (!y.makeup_workdays.emplace(date, name).second) {
      return InvalidArgument(where + " (" + name + ")" + YamlLine(m) + ": " + date.ToString() +
                             " is listed twice");
    }
  }
  return y;
}

// The rules every year obeys, however it was made.
Status ValidateYear(const CalendarYear& y, const std::string& where) {
  if (y.year < 1 || y.year > 9999) {
    return InvalidArgument(where + ": year " + std::to_string(y.year) + " is out of range");
  }
  if (y.source.empty()) return InvalidArgument(where + ": the source notice is missing");
  for (const auto& [date, name] : y.holidays) {
    if (date.year() != y.year) {
      return InvalidArgument(where + ": holiday " + name + " on " + date.ToString() +
                             " is outside " + std::to_string(y.year) +
                             " (put it in the file of its own year)");
    }
    if (name.empty())
      return InvalidArgument(where + ": holiday " + date.ToString() + " has no name");
  }
  for (const auto& [date, name] : y.makeup_workdays) {
    const std::string what = "make-up working day " + date.ToString() + " (" + name + ")";
    if (date.year() != y.year) {
      return InvalidArgument(where + ": " + what + " is outside " + std::to_string(y.year) +
                             " (put it in the file of its own year)");
    }
    if (!date.IsWeekend()) {
      return InvalidArgument(where + ": " + what +
                             " is not a Saturday or Sunday, so it is a working day anyway");
    }
    if (y.holidays.count(date) != 0) {
      return InvalidArgument(where + ": " + what + " is also listed as a holiday (" +
                             y.holidays.at(date) + ")");
    }
    if (name.empty()) return InvalidArgument(where + ": " + what + " has no holiday name");
  }
  return Status::Ok();
}

// The working days of one year, with running counts so that counting between two dates is a
// subtraction, not a walk over the days.
struct YearDaysData {
  CalendarYear source;
  int64_t first_day = 0;              // Date::days() of 1 January
  std::vector<uint8_t> working;       // per day of the year
  std::vector<int16_t> working_upto;  // working days from 1 January through that day
};

YearDaysData MakeYearDays(CalendarYear y) {
  YearDaysData out;
  const Date jan1 = *Date::FromYmd(y.year, 1, 1);
  const Date dec31 = *Date::FromYmd(y.year, 12, 31);
  out.first_day = jan1.days();
  int16_t n = 0;
  for (Date d = jan1; d <= dec31; d = d.AddDays(1)) {
    const bool w = y.makeup_workdays.count(d) != 0 || (!d.IsWeekend() && y.holidays.count(d) == 0);
    out.working.push_back(w ? 1 : 0);
    if (w) ++n;
    out.working_upto.push_back(n);
  }
  out.source = std::move(y);
  return out;
}

}  // namespace

struct WorkingCalendar::YearDays : YearDaysData {
  explicit YearDays(YearDaysData d) : YearDaysData(std::move(d)) {}
  bool Working(Date d) const { return working[static_cast<size_t>(d.days() - first_day)] != 0; }
  // Working days from 1 January through d (d in this year).
  int UpTo(Date d) const { return working_upto[static_cast<size_t>(d.days() - first_day)]; }
  int Total() const { return working_upto.back(); }
};

struct WorkingCalendar::ProvisionalCache {
  std::mutex mu;
  std::map<int, std::shared_ptr<const YearDays>> years;
};

Result<WorkingCalendar> WorkingCalendar::LoadDir(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return NotFound("the calendar directory " + dir.string() + " does not exist");
  }
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    const std::string ext = p.extension().string();
    if (ext != ".yaml" && ext != ".yml") continue;
    files.push_back(p);
  }
  if (ec) return Unavailable("cannot list " + dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());

  std::vector<CalendarYear> years;
  std::shared_ptr<const HolidayLaw> law;
  for (const auto& p : files) {
    const std::string stem = p.stem().string();
    if (p.filename() == "law.yaml") {
      XY_ASSIGN_OR_RETURN(HolidayLaw l, HolidayLaw::LoadFile(p));
      law = std::make_shared<const HolidayLaw>(std::move(l));
      continue;
    }
    if (p.extension() != ".yaml" || stem.size() != 4 || !AllDigits(stem)) {
      return InvalidArgument(p.filename().string() +
                             ": a calendar file must be named <year>.yaml, e.g. 2026.yaml "
                             "(or law.yaml, the holiday law)");
    }
    XY_ASSIGN_OR_RETURN(CalendarYear y, ParseYearFile(p, std::stoi(stem)));
    XY_RETURN_IF_ERROR(ValidateYear(y, p.filename().string()));
    years.push_back(std::move(y));
  }
  if (years.empty() && !law) {
    return InvalidArgument("the calendar directory " + dir.string() +
                           " holds no <year>.yaml file and no law.yaml");
  }
  return FromYears(std::move(years), std::move(law));
}

Result<WorkingCalendar> WorkingCalendar::FromYears(std::vector<CalendarYear> years,
                                                   std::shared_ptr<const HolidayLaw> law) {
  WorkingCalendar cal;
  cal.law_ = std::move(law);
  cal.provisional_ = std::make_shared<ProvisionalCache>();
  for (auto& y : years) {
    const std::string where = "calendar year " + std::to_string(y.year);
    XY_RETURN_IF_ERROR(ValidateYear(y, where));
    y.provisional = false;
    const int year = y.year;
    if (cal.years_.count(year) != 0) return InvalidArgument(where + " is given twice");
    cal.years_.emplace(year, std::make_shared<const YearDays>(MakeYearDays(std::move(y))));
  }
  return cal;
}

bool WorkingCalendar::IsProvisionalYear(int year) const {
  return !CoversYear(year) && law_ && year >= HolidayLaw::kFirstYear &&
         year <= HolidayLaw::kLastYear;
}

std::vector<int> WorkingCalendar::Years() const {
  std::vector<int> out;
  for (const auto& [year, y] : years_) out.push_back(year);
  return out;
}

std::optional<Date> WorkingCalendar::LastDay() const {
  if (years_.empty()) return std::nullopt;
  auto last = Date::FromYmd(years_.rbegin()->first, 12, 31);
  if (!last.ok()) return std::nullopt;
  return *last;
}

std::string WorkingCalendar::EndingWarning(Date today, int days) const {
  const std::optional<Date> last = LastDay();
  if (law_) {
    // Deadlines still work: the years past the notices are counted from the law, provisionally.
    if (last && today.AddDays(days) <= *last) return "";
    const int missing = last ? last->year() + 1 : today.year();
    const std::string y = std::to_string(missing);
    return "working days in " + y + " are provisional: the State Council's notice on the " + y +
           " holidays is not in policy/calendar, so " + y +
           " is counted from the holiday law (statutory days and their weekend substitutes, no "
           "make-up working days) and answers say provisional; add policy/calendar/" +
           y +
           ".yaml when the notice is published and restart, and open deadlines are counted "
           "again (policy/calendar/README.md)";
  }
  if (!last) {
    return "the working-day calendar holds no year: every deadline in working days is refused; "
           "add policy/calendar/<year>.yaml from the State Council's holiday notice";
  }
  if (today.AddDays(days) <= *last) return "";
  const std::string missing = std::to_string(last->year() + 1);
  return "the working-day calendar " + std::string(today <= *last ? "ends" : "ended") + " on " +
         last->ToString() +
         ": deadlines in working days that fall after it (objections, repairs, defence periods) "
         "are refused; add policy/calendar/" +
         missing + ".yaml from the State Council's notice on the " + missing +
         " holidays (policy/calendar/README.md)";
}

Result<const WorkingCalendar::YearDays*> WorkingCalendar::Year(int year) const {
  if (auto it = years_.find(year); it != years_.end()) return it->second.get();
  if (IsProvisionalYear(year)) {
    std::lock_guard lock(provisional_->mu);
    auto& slot = provisional_->years[year];
    if (!slot) {
      XY_ASSIGN_OR_RETURN(StatutoryYear law_year, law_->Year(year));
      CalendarYear y;
      y.year = year;
      y.source = "provisional, from " + law_year.source;
      y.holidays = std::move(law_year.statutory);
      for (auto& [d, name] : law_year.substitute) y.holidays.emplace(d, name + "（补假）");
      y.provisional = true;
      slot = std::make_shared<const YearDays>(MakeYearDays(std::move(y)));
    }
    return slot.get();
  }
  std::string held;
  for (int y : Years()) held += (held.empty() ? "" : ", ") + std::to_string(y);
  if (law_) {
    return FailedPrecondition("the working-day calendar cannot count " + std::to_string(year) +
                              ": only " + std::to_string(HolidayLaw::kFirstYear) + "-" +
                              std::to_string(HolidayLaw::kLastYear) + " can be counted");
  }
  return FailedPrecondition("the working-day calendar has no data for " + std::to_string(year) +
                            " (it holds " + (held.empty() ? "no year" : held) +
                            "): add policy/calendar/" + std::to_string(year) +
                            ".yaml from the State Council's holiday notice for that year");
}

Result<CalendarDay> WorkingCalendar::Day(Date date) const {
  XY_ASSIGN_OR_RETURN(const YearDays* y, Year(date.year()));
  CalendarDay out;
  out.date = date;
  out.working = y->Working(date);
  out.provisional = y->source.provisional;
  if (auto it = y->source.holidays.find(date); it != y->source.holidays.end()) {
    out.holiday = it->second;
  }
  if (auto it = y->source.makeup_workdays.find(date); it != y->source.makeup_workdays.end()) {
    out.makeup = true;
  }
  return out;
}

Result<bool> WorkingCalendar::IsWorkingDay(Date date) const {
  XY_ASSIGN_OR_RETURN(const YearDays* y, Year(date.year()));
  return y->Working(date);
}

// Only the days looked at must be countable: the days after `start` up to the result, or start
// itself when n == 0.
Result<Date> WorkingCalendar::AddWorkingDays(Date start, int n) const {
  XY_ASSIGN_OR_RETURN(DueDate due, DueAfter(start, n));
  return due.date;
}

Result<DueDate> WorkingCalendar::DueAfter(Date start, int n) const {
  if (n < 0) {
    return InvalidArgument("cannot add " + std::to_string(n) + " working days: n must be >= 0");
  }
  DueDate out;
  if (n == 0) {
    XY_ASSIGN_OR_RETURN(const YearDays* y, Year(start.year()));
    out.date = start;
    out.provisional = y->source.provisional;
    return out;
  }
  Date d = start;
  const YearDays* y = nullptr;
  for (int left = n; left > 0;) {
    d = d.AddDays(1);
    if (!y || y->source.year != d.year()) {
      XY_ASSIGN_OR_RETURN(y, Year(d.year()));
      out.provisional = out.provisional || y->source.provisional;
      // A whole year that ends before the count does is skipped in one step.
      if (d.month() == 1 && d.day() == 1 && y->Total() < left) {
        left -= y->Total();
        d = *Date::FromYmd(d.year(), 12, 31);
        continue;
      }
    }
    if (y->Working(d)) --left;
  }
  out.date = d;
  return out;
}

// The days counted are from < d <= to, so only their years must be countable (from's year too
// when from == to).
Result<int> WorkingCalendar::WorkingDaysBetween(Date from, Date to) const {
  if (to < from) {
    XY_ASSIGN_OR_RETURN(int n, WorkingDaysBetween(to, from));
    return -n;
  }
  if (from == to) {
    XY_RETURN_IF_ERROR(Year(from.year()).status());
    return 0;
  }
  // Count each year's part: the days after `from` up to `to`.
  int n = 0;
  for (int year = from.AddDays(1).year(); year <= to.year(); ++year) {
    XY_ASSIGN_OR_RETURN(const YearDays* y, Year(year));
    const int upto = year == to.year() ? y->UpTo(to) : y->Total();
    const int before = year == from.year() ? y->UpTo(from) : 0;
    n += upto - before;
  }
  return n;
}

bool WorkingCalendar::Provisional(Date from, Date to) const {
  if (to < from) std::swap(from, to);
  const int first = from == to ? from.year() : from.AddDays(1).year();
  for (int year = first; year <= to.year(); ++year) {
    if (IsProvisionalYear(year)) return true;
  }
  return false;
}

}  // namespace xinyong
