#include "service/audit_service.h"

#include "core/clock.h"
#include "core/date.h"
#include "service/account_service.h"
#include "store/store.h"

namespace xinyong {

Result<VerifyReport> AuditService::Verify() {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(EventHead head, tx->GetEventHead());
  ChainVerifier v;
  int64_t after = 0;
  constexpr int kPage = 5000;
  while (v.ok()) {
    XY_ASSIGN_OR_RETURN(auto page, tx->ReadEvents(after, kPage));
    for (const auto& e : page) {
      if (!v.Add(e)) break;
    }
    if (page.size() < kPage) break;
    after = page.back().seq;
  }
  v.Finish(head);
  return VerifyReport{v.ok(), v.count(), v.fault_seq(), v.reason()};
}

Result<std::vector<Event>> AuditService::List(const Principal& p, int64_t after_seq, int limit) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAuditor, Role::kAdmin}));
  if (limit < 1 || limit > 1000) return InvalidArgument("limit: 应在1到1000之间");
  if (after_seq < 0) return InvalidArgument("after: 不能为负数");
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  return tx->ReadEvents(after_seq, limit);
}

Result<std::vector<Event>> AuditService::Find(const Principal& p, int64_t after_seq, int limit,
                                              const std::string& type, const std::string& actor,
                                              const std::string& from_date,
                                              const std::string& to_date) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAuditor, Role::kAdmin}));
  if (limit < 1 || limit > 1000) return InvalidArgument("limit: 应在1到1000之间");
  if (after_seq < 0) return InvalidArgument("after: 不能为负数");
  EventQuery q;
  q.after_seq = after_seq;
  q.limit = limit;
  q.type = type;
  q.actor = actor;
  // A China-time day D runs from D 00:00 (UTC+8), i.e. the previous day 16:00 UTC.
  constexpr int64_t kDayMs = 86'400'000, kCstMs = 8 * 3'600'000;
  if (!from_date.empty()) {
    auto d = Date::Parse(from_date);
    if (!d.ok()) return InvalidArgument("from: " + d.status().message());
    q.from_at = FormatTimestamp(d->days() * kDayMs - kCstMs);
  }
  if (!to_date.empty()) {
    auto d = Date::Parse(to_date);
    if (!d.ok()) return InvalidArgument("to: " + d.status().message());
    q.to_at = FormatTimestamp((d->days() + 1) * kDayMs - kCstMs - 1);
  }
  if (!q.from_at.empty() && !q.to_at.empty() && q.from_at > q.to_at) {
    return InvalidArgument("from: 起始日期晚于截止日期");
  }
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  return tx->FindEvents(q);
}

}  // namespace xinyong
