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

namespace xinyong {
namespace {

bool Digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int Num(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

Result<int64_t> ParseClockShift(std::string_view text, int64_t now_millis) {
  const std::string shown(text);
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    const char unit = text.back();
    const std::string_view number = text.substr(1, text.size() - 2);
    const int64_t per = unit == 'd'   ? 86'400'000
                        : unit == 'h' ? 3'600'000
                        : unit == 'm' ? 60'000
                                      : 0;
    if (per == 0 || !Digits(number) || number.size() > 6) {
      return InvalidArgument("--clock " + shown +
                             ": a shift is a sign, a number and d, h or m, e.g. +30d or -12h");
    }
    return (text[0] == '-' ? -1 : 1) * static_cast<int64_t>(Num(number)) * per;
  }
  // YYYY-MM-DDTHH:MM:SS followed by Z or +HH:MM / -HH:MM.
  const std::string_view head = text.substr(0, 19);
  const bool shape = text.size() >= 20 && head[4] == '-' && head[7] == '-' && head[10] == 'T' &&
                     head[13] == ':' && head[16] == ':' && Digits(head.substr(11, 2)) &&
                     Digits(head.substr(14, 2)) && Digits(head.substr(17, 2));
  auto date = shape ? Date::Parse(head.substr(0, 10)) : Result<Date>(InvalidArgument(""));
  const std::string_view zone = text.size() >= 20 ? text.substr(19) : std::string_view();
  int zone_minutes = 0;
  bool zone_ok = zone == "Z";
  if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' &&
      Digits(zone.substr(1, 2)) && Digits(zone.substr(4, 2))) {
    zone_minutes =
        (zone[0] == '-' ? -1 : 1) * (Num(zone.substr(1, 2)) * 60 + Num(zone.substr(4, 2)));
    zone_ok = true;
  }
  if (!shape || !date.ok() || !zone_ok || Num(head.substr(11, 2)) > 23 ||
      Num(head.substr(14, 2)) > 59 || Num(head.substr(17, 2)) > 59) {
    return InvalidArgument("--clock " + shown +
                           ": give a time with its zone, e.g. 2027-01-15T10:00:00+08:00, or a "
                           "shift such as +30d");
  }
  const int64_t seconds = date->days() * 86'400 + Num(head.substr(11, 2)) * 3'600 +
                          Num(head.substr(14, 2)) * 60 + Num(head.substr(17, 2)) -
                          int64_t{zone_minutes} * 60;
  return seconds * 1000 - now_millis;
}

}  // namespace xinyong
