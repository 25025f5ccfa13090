#include "service/audit_service.h"

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

}  // namespace xinyong
