// Carries out the ends of public display windows and list validity (展示期限): records whose
// window ended get their end recorded (display_ended_at and a record.display_ended event), and
// decided list entries past their validity exit ("有效期届满", a list_entry.exited event that
// subscribers receive). Public reads never depend on it — they decide visibility from the
// dates on every read — so a stopped scheduler never shows anything late; it catches up on
// its next pass after downtime.
#pragma once

#include <chrono>

#include "core/periodic.h"
#include "core/status.h"
#include "service/context.h"

namespace xinyong {

class ListService;

struct SchedulerPass {
  int64_t records_ended = 0;
  int64_t entries_expired = 0;
};

class DisplayScheduler {
 public:
  DisplayScheduler(ServiceContext ctx, ListService& lists, std::chrono::milliseconds every)
      : ctx_(ctx), lists_(lists), task_(every, [this] {
          auto r = RunOnce(500);
          return r.ok() && (r->records_ended + r->entries_expired) > 0;
        }) {}

  // Handles at most `limit` records and `limit` entries whose end has come (by the clock's
  // today), in one transaction each kind.
  Result<SchedulerPass> RunOnce(int limit);

  void Start() { task_.Start(); }
  void Stop() { task_.Stop(); }

 private:
  ServiceContext ctx_;
  ListService& lists_;
  PeriodicTask task_;
};

}  // namespace xinyong
