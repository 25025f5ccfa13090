#include "core/clock.h"

#include <chrono>
#include <cstdio>

namespace xinyong {

std::string Clock::NowTimestamp() const { return FormatTimestamp(NowMillis()); }

int64_t SystemClock::NowMillis() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string FormatTimestamp(int64_t unix_millis) {
  int64_t secs = unix_millis >= 0 ? unix_millis / 1000 : (unix_millis - 999) / 1000;
  int ms = static_cast<int>(unix_millis - secs * 1000);
  int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  int sod = static_cast<int>(secs - days * 86400);
  Date d = Date::FromDays(days);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", d.year(), d.month(),
                d.day(), sod / 3600, sod / 60 % 60, sod % 60, ms);
  return buf;
}

}  // namespace xinyong
