// Deadlines counted in working days through a year whose holiday notice is not published yet
// (a provisional year of core/calendar): remembered when counted, counted again when the
// notice is added and the platform restarts.
//
// A date once told to a subject or a department is never brought forward: where the notice
// gives an earlier date than the provisional one, the later date stands and the event says
// why. Where it gives a later one, the later one is taken.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/calendar.h"
#include "service/context.h"
#include "store/store.h"

namespace xinyong {

// Keeps `due` in `tx` when it was counted through a provisional year, so that it is counted
// again later; forgets an earlier provisional count of the same target and field when not.
Status RememberDeadline(Transaction& tx, std::string_view target, std::string_view field, Date from,
                        int working_days, const DueDate& due, std::string_view at);

// The names of `dates` (name, YYYY-MM-DD; "" skipped) whose day lies in a provisional year.
std::vector<std::string> ProvisionalDates(
    const WorkingCalendar& calendar, const std::vector<std::pair<std::string, std::string>>& dates);

struct RecountedDeadline {
  std::string target;
  std::string field;
  std::string old_due;
  std::string official;  // what the calendar now gives
  std::string due;       // what stands
  bool still_provisional = false;
  std::string reason;  // why `due` differs from `official`, or ""
};

struct RecountReport {
  int examined = 0;
  int unchanged = 0;  // still provisional and the same date
  int confirmed = 0;  // the notice gave the same date
  int dropped = 0;    // the case or entry is closed: nothing to count any more
  std::vector<RecountedDeadline> changed;
};

// Counts every remembered deadline again with the calendar as loaded now. Each change is
// written to the case or entry it belongs to, with a "deadline.recounted" event naming the old
// and new date. Thread-safe; run at start.
class DeadlineRecount {
 public:
  explicit DeadlineRecount(ServiceContext ctx) : ctx_(ctx) {}
  Result<RecountReport> Run(const std::string& actor);

 private:
  ServiceContext ctx_;
};

}  // namespace xinyong
