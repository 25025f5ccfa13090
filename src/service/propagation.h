// Propagation (信息推送 of changes): a correction, revocation or repair of a record, or a list
// exit, is told to every implementing department that checked the subject in the last 30
// days, as a notice it reads in GET /api/v1/notices. Runs inside the caller's transaction, so
// the change and its notices commit together.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/account.h"
#include "domain/rights.h"
#include "service/context.h"

namespace xinyong {

class Clock;
class Transaction;

inline constexpr int kNoticeLookbackDays = 30;

// `what` completes "主体“名称”的…", e.g. "行政处罚记录（record:12）已更正".
Result<int> NotifyRecentCheckers(Transaction& tx, const Clock& clock, int64_t subject_id,
                                 const std::string& kind, const std::string& ref,
                                 const std::string& what);

// A department's notices. Thread-safe.
class NoticeService {
 public:
  explicit NoticeService(ServiceContext ctx) : ctx_(ctx) {}
  // Officers, operators and institutions see their own department's; newest first.
  Result<std::vector<Notice>> List(const Principal& p, bool unread_only, int limit);
  Result<Notice> MarkRead(const Principal& p, int64_t id);

 private:
  ServiceContext ctx_;
};

}  // namespace xinyong
