// The two astronomical facts the statutory holidays need, from real calendar libraries:
// Chinese-calendar dates (ICU's Chinese calendar) and the day of a solar term (libnova's VSOP87
// solar position). Days are civil days in Beijing time (UTC+8), as the holiday law counts them.
#pragma once

#include "core/date.h"
#include "core/status.h"

namespace xinyong {

// The Gregorian date of day `day` of (non-leap) month `month` of the Chinese year that begins
// (正月初一) in Gregorian `year`. 正月初一 of 2026 is 2026-02-17. Works for 1901..2199.
Result<Date> ChineseDate(int year, int month, int day);

// The day, in Beijing time, on which the sun's apparent geocentric ecliptic longitude reaches
// `longitude` degrees (0 <= longitude < 360) in Gregorian `year`: 清明 is 15 (4 or 5 April).
// Accurate to about a minute of the moment of the term; works for 1901..2199.
Result<Date> SolarTermDay(int year, double longitude);

}  // namespace xinyong
