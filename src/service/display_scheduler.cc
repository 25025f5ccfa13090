#include "service/display_scheduler.h"

#include "core/clock.h"
#include "core/date.h"
#include "service/list_service.h"
#include "store/store.h"

namespace xinyong {

Result<SchedulerPass> DisplayScheduler::RunOnce(int limit) {
  SchedulerPass pass;
  const std::string today = ctx_.clock.Today().ToString();
  const std::string now = ctx_.clock.NowTimestamp();
  const std::string actor = "system:scheduler";
  {
    XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
    XY_ASSIGN_OR_RETURN(auto records, tx->RecordsPastDisplay(today, limit));
    for (auto& r : records) {
      r.display_ended_at = now;
      XY_RETURN_IF_ERROR(tx->UpdateRecord(r));
      const std::string payload = "{\"display_until\":\"" + r.display.until + "\"}";
      XY_RETURN_IF_ERROR(
          tx->AppendEvent(
                {actor, "record.display_ended", "record:" + std::to_string(r.id), payload}, now)
              .status());
      ++pass.records_ended;
    }
    XY_RETURN_IF_ERROR(tx->Commit());
  }
  {
    XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
    XY_ASSIGN_OR_RETURN(auto entries, tx->EntriesPastValidity(today, limit));
    for (auto& e : entries) {
      // The exit took effect the day after the last valid day, whenever this pass runs.
      auto last = Date::Parse(e.valid_until);
      const std::string on = last.ok() ? last->AddDays(1).ToString() : today;
      XY_RETURN_IF_ERROR(lists_.ExitIn(*tx, actor, e, "有效期届满（" + e.valid_until + "）", on));
      ++pass.entries_expired;
    }
    XY_RETURN_IF_ERROR(tx->Commit());
  }
  return pass;
}

}  // namespace xinyong
