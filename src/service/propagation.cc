#include "service/propagation.h"

#include <set>

#include "core/clock.h"
#include "core/ids.h"
#include "service/account_service.h"
#include "store/store.h"

namespace xinyong {

Result<int> NotifyRecentCheckers(Transaction& tx, const Clock& clock, int64_t subject_id,
                                 const std::string& kind, const std::string& ref,
                                 const std::string& what) {
  const std::string now = clock.NowTimestamp();
  const std::string since =
      FormatTimestamp(clock.NowMillis() - int64_t{kNoticeLookbackDays} * 86400000);
  // Only the window's checks are read (a corrected intake row calls this too).
  XY_ASSIGN_OR_RETURN(auto checks, tx.ChecksOfSubject(subject_id, since, 10000));
  std::set<int64_t> departments;
  for (const auto& c : checks) {
    if (c.department_id != 0) departments.insert(c.department_id);
  }
  if (departments.empty()) return 0;
  XY_ASSIGN_OR_RETURN(Subject subject, tx.GetSubject(subject_id));
  const std::string name =
      subject.kind == SubjectKind::kNaturalPerson ? MaskPersonName(subject.name) : subject.name;
  const std::string message = "贵部门近" + std::to_string(kNoticeLookbackDays) +
                              "日内核查过的主体“" + name + "”的" + what + "，请据此复核相关措施";
  for (int64_t dep : departments) {
    XY_RETURN_IF_ERROR(tx.InsertNotice({0, dep, subject_id, kind, ref, message, now, ""}).status());
  }
  return static_cast<int>(departments.size());
}

Result<std::vector<Notice>> NoticeService::List(const Principal& p, bool unread_only, int limit) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kOfficer, Role::kOperator, Role::kAdmin}));
  if (limit < 1 || limit > 500) return InvalidArgument("limit: 应在1到500之间");
  if (p.department_id == 0) return InvalidArgument("department: 通知按部门发送，本账号不属于部门");
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  return tx->NoticesOfDepartment(p.department_id, unread_only, limit);
}

Result<Notice> NoticeService::MarkRead(const Principal& p, int64_t id) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kOfficer, Role::kOperator, Role::kAdmin}));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(auto n, tx->GetNotice(id));
  if (!n || n->department_id != p.department_id)
    return NotFound("notice: 通知" + std::to_string(id) + "不存在");
  if (!n->read_at.empty()) return *n;
  n->read_at = ctx_.clock.NowTimestamp();
  XY_RETURN_IF_ERROR(tx->UpdateNotice(*n));
  XY_RETURN_IF_ERROR(tx->Commit());
  return *n;
}

}  // namespace xinyong
