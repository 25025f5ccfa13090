#include "core/sky.h"

#include <libnova/dynamical_time.h>
#include <libnova/julian_day.h>
#include <libnova/lunar.h>
#include <libnova/nutation.h>
#include <libnova/solar.h>
#include <libnova/utility.h>
#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <cmath>
#include <memory>
#include <mutex>

namespace xinyong {
namespace {

constexpr int kFirstYear = 1901;
constexpr int kLastYear = 2199;
// ICU numbers Chinese years from 2637 BCE: the year that begins in Gregorian Y is Y + 2637.
constexpr int kChineseEpochOffset = 2637;
constexpr double kBeijingOffsetDays = 8.0 / 24.0;
constexpr double kJ2000 = 2451545.0;

Status YearInRange(int year) {
  if (year < kFirstYear || year > kLastYear) {
    return InvalidArgument("year " + std::to_string(year) + " is outside " +
                           std::to_string(kFirstYear) + "-" + std::to_string(kLastYear));
  }
  return Status::Ok();
}

// ICU calendars are not thread-safe; one pair, used under a lock, is cheap enough for the few
// dates a year needs.
struct IcuCalendars {
  std::mutex mu;
  std::unique_ptr<icu::Calendar> chinese;
  std::unique_ptr<icu::Calendar> gregorian;
  std::string error;
};

IcuCalendars& Calendars() {
  static IcuCalendars* cals = [] {
    auto* c = new IcuCalendars;
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::TimeZone> beijing(icu::TimeZone::createTimeZone("GMT+08:00"));
    c->chinese.reset(
        icu::Calendar::createInstance(*beijing, icu::Locale("zh_CN@calendar=chinese"), st));
    if (U_SUCCESS(st)) {
      c->gregorian.reset(
          icu::Calendar::createInstance(*beijing, icu::Locale("en_US@calendar=gregorian"), st));
    }
    if (U_FAILURE(st) || !c->chinese || std::string(c->chinese->getType()) != "chinese") {
      c->error = std::string("ICU cannot make a Chinese calendar: ") + u_errorName(st);
    }
    return c;
  }();
  return *cals;
}

// The sun's apparent geocentric longitude of date, in degrees [0, 360), at Julian Day `jd_ut`
// (UT). libnova's VSOP87 position is referred to the J2000 ecliptic, so the general precession
// in longitude (IAU 1976, Lieske) since J2000 is added; then nutation and annual aberration, as
// Meeus, Astronomical Algorithms ch. 25, does.
double ApparentSolarLongitude(double jd_ut) {
  const double jde = ln_get_jde(jd_ut);
  ln_helio_posn sun{};
  ln_get_solar_geom_coords(jde, &sun);
  ln_nutation nutation{};
  ln_get_nutation(jde, &nutation);
  const double t = (jde - kJ2000) / 36525.0;
  const double precession = (5029.0966 * t + 1.11113 * t * t - 0.000006 * t * t * t) / 3600.0;
  const double aberration = 20.4898 / 3600.0 / sun.R;
  return ln_range_degrees(sun.L + precession + nutation.longitude - aberration);
}

// The moon's elongation from the sun in longitude, in (-180, 180], at `jd_ut`: 0 at new moon.
// Both positions are referred to the J2000 ecliptic (libnova's ELP 2000-82B and VSOP87), so
// precession and nutation cancel; the sun's annual aberration does not.
double Elongation(double jd_ut) {
  const double jde = ln_get_jde(jd_ut);
  ln_helio_posn sun{};
  ln_get_solar_geom_coords(jde, &sun);
  ln_rect_posn moon{};
  ln_get_lunar_geo_posn(jde, &moon, 0);
  const double moon_lon = std::atan2(moon.Y, moon.X) * 180.0 / M_PI;
  const double sun_lon = sun.L - 20.4898 / 3600.0 / sun.R;
  double d = std::fmod(moon_lon - sun_lon, 360.0);
  if (d <= -180.0) d += 360.0;
  if (d > 180.0) d -= 360.0;
  return d;
}

double JulianDayOf(Date d) {
  ln_date date{d.year(), d.month(), d.day(), 0, 0, 0.0};
  return ln_get_julian_day(&date);
}

Result<Date> BeijingDate(double jd_ut) {
  ln_date beijing{};
  ln_get_date(jd_ut + kBeijingOffsetDays, &beijing);
  return Date::FromYmd(beijing.years, beijing.months, beijing.days);
}

// The Beijing day of the new moon within three days of `near`: the first day of the lunar
// month that ICU puts near there. ICU's own new moons are coarse (its 正月初一 of 2027 is
// 7 February; the new moon is at 23:56 on the 6th, Beijing time, and the 6th is 春节).
Result<Date> NewMoonDay(Date near) {
  // Newton's steps with the mean rate of the elongation (12.19 degrees a day): each step cuts
  // the error to a quarter or less, from at most a few days to under a second.
  double t = JulianDayOf(near) + 0.5;
  for (int i = 0; i < 20; ++i) {
    const double e = Elongation(t);
    if (std::abs(e) > 60.0) break;  // not near a new moon: ICU's date was far off
    const double step = -e / 12.1907;
    t += step;
    if (std::abs(step) < 1e-5) {
      XY_ASSIGN_OR_RETURN(Date day, BeijingDate(t));
      if (std::abs(day.days() - near.days()) > 3) break;
      return day;
    }
  }
  return Internal("no new moon within three days of " + near.ToString());
}

// Signed difference a - b folded into (-180, 180].
double AngleDiff(double a, double b) {
  double d = std::fmod(a - b, 360.0);
  if (d <= -180.0) d += 360.0;
  if (d > 180.0) d -= 360.0;
  return d;
}

}  // namespace

Result<Date> ChineseDate(int year, int month, int day) {
  XY_RETURN_IF_ERROR(YearInRange(year));
  if (month < 1 || month > 12 || day < 1 || day > 30) {
    return InvalidArgument("Chinese calendar month " + std::to_string(month) + " day " +
                           std::to_string(day) + " does not exist");
  }
  // ICU says which lunation is month `month` (months are numbered by the major solar terms,
  // with the leap months); libnova says on which day that lunation begins.
  Date approx;
  {
    IcuCalendars& c = Calendars();
    if (!c.error.empty()) return Internal(c.error);
    std::lock_guard lock(c.mu);
    UErrorCode st = U_ZERO_ERROR;
    c.chinese->clear();
    c.chinese->set(UCAL_EXTENDED_YEAR, year + kChineseEpochOffset);
    c.chinese->set(UCAL_MONTH, month - 1);
    c.chinese->set(UCAL_IS_LEAP_MONTH, 0);
    c.chinese->set(UCAL_DATE, 1);
    c.chinese->set(UCAL_HOUR_OF_DAY, 12);
    const UDate noon = c.chinese->getTime(st);
    c.gregorian->setTime(noon, st);
    const int gy = c.gregorian->get(UCAL_EXTENDED_YEAR, st);
    const int gm = c.gregorian->get(UCAL_MONTH, st) + 1;
    const int gd = c.gregorian->get(UCAL_DATE, st);
    if (U_FAILURE(st)) return Internal(std::string("ICU Chinese calendar: ") + u_errorName(st));
    XY_ASSIGN_OR_RETURN(approx, Date::FromYmd(gy, gm, gd));
  }
  XY_ASSIGN_OR_RETURN(Date first, NewMoonDay(approx));
  if (day == 30) {
    XY_ASSIGN_OR_RETURN(Date next, NewMoonDay(first.AddDays(29)));
    if (next <= first.AddDays(29)) {
      return InvalidArgument("month " + std::to_string(month) +
                             " of the Chinese year beginning in " + std::to_string(year) +
                             " has 29 days");
    }
  }
  return first.AddDays(day - 1);
}

Result<Date> SolarTermDay(int year, double longitude) {
  XY_RETURN_IF_ERROR(YearInRange(year));
  if (!(longitude >= 0.0 && longitude < 360.0)) {
    return InvalidArgument("solar longitude " + std::to_string(longitude) + " must be in [0, 360)");
  }
  // The sun reaches longitude L about (L + 80) days after 1 January (0 deg is the March
  // equinox, about 20 March); from there, Newton's steps with the mean rate of 0.9856 degrees a
  // day (the true rate differs by under 4%, so each step gains at least a factor of 25).
  double t = JulianDayOf(*Date::FromYmd(year, 1, 1)) +
             std::fmod(longitude + 80.0, 360.0) * 365.2422 / 360.0;
  bool converged = false;
  for (int i = 0; i < 20 && !converged; ++i) {
    const double step = -AngleDiff(ApparentSolarLongitude(t), longitude) / 0.985647;
    t += step;
    converged = std::abs(step) < 1e-5;
  }
  if (!converged) {
    return Internal("solar longitude " + std::to_string(longitude) + " not found in " +
                    std::to_string(year));
  }
  const double hi = t;
  XY_ASSIGN_OR_RETURN(Date day, BeijingDate(hi));
  if (day.year() != year) {
    return InvalidArgument("solar longitude " + std::to_string(longitude) + " is reached in " +
                           std::to_string(day.year()) + ", not " + std::to_string(year));
  }
  return day;
}

}  // namespace xinyong
