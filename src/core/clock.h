// Time as Xinyong sees it. Everything that reads the time takes a Clock, so tests can walk a
// case through weeks of working days with ManualClock.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "core/date.h"

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
};

class SystemClock final : public Clock {
 public:
  int64_t NowMillis() const override;
};

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
