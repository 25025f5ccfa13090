// Time as Xinyong sees it. Everything that reads the time takes a Clock, so tests can walk a
// case through weeks of working days with ManualClock.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/status.h"

namespace xinyong {

// Thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t NowMillis() const = 0;  // Unix time in milliseconds
  // Today in China Standard Time.
  Date Today() const { return Date::FromUnixSecondsCst(NowMillis() / 1000); }
  // "2026-11-27T02:25:40.123Z"
  std::string NowTimestamp() const;
  // How far this clock runs from the system's (0 but for a demonstration platform's shifted
  // clock).
  virtual int64_t ShiftMillis() const { return 0; }
};

class SystemClock final : public Clock {
 public:
  int64_t NowMillis() const override;
};

// The system clock moved by a fixed offset, for a demonstration platform run as if at another
// time (`serve --clock`); offset 0 is the system clock. Thread-safe.
class ShiftedClock final : public Clock {
 public:
  int64_t NowMillis() const override { return system_.NowMillis() + shift_.load(); }
  int64_t ShiftMillis() const override { return shift_.load(); }
  void SetShift(int64_t millis) { shift_.store(millis); }

 private:
  SystemClock system_;
  std::atomic<int64_t> shift_{0};
};

// What `serve --clock` accepts, as the shift from `now_millis`: a time with its offset
// ("2027-01-15T10:00:00+08:00", "2027-01-15T02:00:00Z") or a shift ("+30d", "-12h", "+90m").
Result<int64_t> ParseClockShift(std::string_view text, int64_t now_millis);

// A clock that moves only when told. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t millis) : now_(millis) {}
  int64_t NowMillis() const override { return now_.load(); }
  void Set(int64_t millis) { now_.store(millis); }
  void Advance(int64_t millis) { now_.fetch_add(millis); }

 private:
  std::atomic<int64_t> now_;
};

// RFC 3339 UTC with milliseconds, e.g. "2026-11-27T02:25:40.123Z".
std::string FormatTimestamp(int64_t unix_millis);

}  // namespace xinyong
