#include "core/calendar.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
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

Result<std::string> ReadText(const YAML::Node& map, const std::string& key,
                             const std::string& where) {
  const YAML::Node node = map[key];
  if (!node.IsScalar() || node.Scalar().empty()) {
    return InvalidArgument(where + YamlLine(node) + ": \"" + key + "\" must be non-empty text");
  }
  return node.Scalar();
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
  YAML::Node root;
  try {
    root = YAML::LoadFile(path.string());
  } catch (const YAML::Exception& e) {
    std::string line = e.mark.line >= 0 ? " line " + std::to_string(e.mark.line + 1) : "";
    return InvalidArgument(file + line + ": not valid YAML: " + e.msg);
  }
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
  XY_ASSIGN_OR_RETURN(y.source, ReadText(root, "source", file));

  const YAML::Node holidays = root["holidays"];
  if (!holidays.IsSequence()) {
    return InvalidArgument(file + YamlLine(holidays) + ": \"holidays\" must be a list");
  }
  for (size_t i = 0; i < holidays.size(); ++i) {
    const YAML::Node h = holidays[i];
    const std::string where = file + ": holidays[" + std::to_string(i + 1) + "]";
    XY_RETURN_IF_ERROR(CheckYamlKeys(h, where, {"name", "from", "to"}, {"name", "from", "to"}));
    XY_ASSIGN_OR_RETURN(std::string name, ReadText(h, "name", where));
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
    XY_ASSIGN_OR_RETURN(std::string name, ReadText(m, "name", where));
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

}  // namespace

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
  for (const auto& p : files) {
    const std::string stem = p.stem().string();
    if (p.extension() != ".yaml" || stem.size() != 4 || !AllDigits(stem)) {
      return InvalidArgument(p.filename().string() +
                             ": a calendar file must be named <year>.yaml, e.g. 2026.yaml");
    }
    XY_ASSIGN_OR_RETURN(CalendarYear y, ParseYearFile(p, std::stoi(stem)));
    XY_RETURN_IF_ERROR(ValidateYear(y, p.filename().string()));
    years.push_back(std::move(y));
  }
  if (years.empty()) {
    return InvalidArgument("the calendar directory " + dir.string() + " holds no <year>.yaml file");
  }
  return FromYears(std::move(years));
}

Result<WorkingCalendar> WorkingCalendar::FromYears(std::vector<CalendarYear> years) {
  WorkingCalendar cal;
  for (auto& y : years) {
    const std::string where = "calendar year " + std::to_string(y.year);
    XY_RETURN_IF_ERROR(ValidateYear(y, where));
    const int year = y.year;
    if (!cal.years_.emplace(year, std::move(y)).second) {
      return InvalidArgument(where + " is given twice");
    }
  }
  if (!cal.years_.empty()) {
    const int first = cal.years_.begin()->first;
    const int last = cal.years_.rbegin()->first;
    XY_ASSIGN_OR_RETURN(Date from, Date::FromYmd(first, 1, 1));
    XY_ASSIGN_OR_RETURN(Date to, Date::FromYmd(last, 12, 31));
    cal.first_day_ = from.days();
    cal.working_upto_.reserve(static_cast<size_t>(to.days() - from.days() + 1));
    int32_t n = 0;
    for (Date d = from; d <= to; d = d.AddDays(1)) {
      if (cal.CoversYear(d.year()) && cal.IsWorkingDayCovered(d)) ++n;
      cal.working_upto_.push_back(n);
    }
  }
  return cal;
}

int32_t WorkingCalendar::WorkingUpTo(Date d) const {
  if (d.days() < first_day_) return 0;
  return working_upto_.at(static_cast<size_t>(d.days() - first_day_));
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

Status WorkingCalendar::Covers(int year) const {
  if (CoversYear(year)) return Status::Ok();
  std::string held;
  for (int y : Years()) held += (held.empty() ? "" : ", ") + std::to_string(y);
  return FailedPrecondition("the working-day calendar has no data for " + std::to_string(year) +
                            " (it holds " + (held.empty() ? "no year" : held) +
                            "): add policy/calendar/" + std::to_string(year) +
                            ".yaml from the State Council's holiday notice for that year");
}

bool WorkingCalendar::IsWorkingDayCovered(Date date) const {
  const CalendarYear& y = years_.at(date.year());
  if (y.makeup_workdays.count(date) != 0) return true;
  return !date.IsWeekend() && y.holidays.count(date) == 0;
}

Result<bool> WorkingCalendar::IsWorkingDay(Date date) const {
  XY_RETURN_IF_ERROR(Covers(date.year()));
  return IsWorkingDayCovered(date);
}

// Only the days looked at must be covered: the days after `start` up to the result, or start
// itself when n == 0.
Result<Date> WorkingCalendar::AddWorkingDays(Date start, int n) const {
  if (n < 0) {
    return InvalidArgument("cannot add " + std::to_string(n) + " working days: n must be >= 0");
  }
  if (n == 0) {
    XY_RETURN_IF_ERROR(Covers(start.year()));
    return start;
  }
  Date d = start;
  int year = 0;
  for (int left = n; left > 0;) {
    d = d.AddDays(1);
    if (d.year() != year) {
      year = d.year();
      XY_RETURN_IF_ERROR(Covers(year));
    }
    if (IsWorkingDayCovered(d)) --left;
  }
  return d;
}

// The days counted are from < d <= to, so only their years must be covered (from's year too
// when from == to).
Result<int> WorkingCalendar::WorkingDaysBetween(Date from, Date to) const {
  if (to < from) {
    XY_ASSIGN_OR_RETURN(int n, WorkingDaysBetween(to, from));
    return -n;
  }
  if (from == to) {
    XY_RETURN_IF_ERROR(Covers(from.year()));
    return 0;
  }
  for (int y = from.AddDays(1).year(); y <= to.year(); ++y) XY_RETURN_IF_ERROR(Covers(y));
  // Every day after `from` up to `to` lies in a year held; `from` itself may be the last day
  // of the year before the first one held.
  return WorkingUpTo(to) - WorkingUpTo(from);
}

}  // namespace xinyong
