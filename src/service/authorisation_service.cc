#include "service/authorisation_service.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/date.h"
#include "core/ids.h"
#include "core/text.h"
#include "domain/catalogue.h"
#include "service/account_service.h"
#include "service/list_service.h"
#include "service/subject_service.h"
#include "store/store.h"

namespace xinyong {
namespace {

using Json = nlohmann::json;

bool Current(const Authorisation& a, const std::string& today) {
  return a.withdrawn_at.empty() && a.valid_from <= today && today <= a.valid_until;
}

}  // namespace

Result<int64_t> AuthorisationService::SubjectFor(const Principal& p,
                                                 const std::string& subject_code) {
  if (p.role == Role::kSubject) {
    if (!subject_code.empty()) {
      auto view = subjects_.Lookup(subject_code);
      if (!view.ok() || view->id != p.subject_id) {
        return PermissionDenied("subject: 只能办理本主体的授权和查询记录");
      }
    }
    return p.subject_id;
  }
  if (subject_code.empty()) return InvalidArgument("subject: 请填写信用主体的代码");
  XY_ASSIGN_OR_RETURN(SubjectView view, subjects_.Lookup(subject_code));
  return view.id;
}

Result<Authorisation> AuthorisationService::Grant(const Principal& p, const GrantRequest& req) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kSubject, Role::kAdmin}));
  XY_ASSIGN_OR_RETURN(int64_t subject_id, SubjectFor(p, req.subject_code));
  Authorisation a;
  a.subject_id = subject_id;
  a.purpose = NormaliseText(req.purpose);
  if (a.purpose.empty())
    return InvalidArgument("purpose: 请写明授权查询的用途，如“信易贷贷款审查”");
  const Date today = ctx_.clock.Today();
  a.valid_from = today.ToString();
  if (!req.valid_from.empty()) {
    auto d = Date::Parse(req.valid_from);
    if (!d.ok()) return InvalidArgument("valid_from: " + d.status().message());
    if (*d < today) return InvalidArgument("valid_from: 不能早于今天");
    a.valid_from = d->ToString();
  }
  auto until = Date::Parse(req.valid_until);
  if (!until.ok())
    return InvalidArgument("valid_until: 请填写授权截止日期（" + until.status().message() + "）");
  const Date from = *Date::Parse(a.valid_from);
  if (*until < from) return InvalidArgument("valid_until: 不能早于 valid_from");
  if (*until > from.AddMonths(12)) return InvalidArgument("valid_until: 授权期限不超过一年");
  a.valid_until = until->ToString();
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(auto grantee, tx->FindDepartmentByCode(NormaliseCode(req.grantee_code)));
  if (!grantee) return NotFound("grantee: 没有代码为“" + req.grantee_code + "”的机构");
  a.grantee_department_id = grantee->id;
  a.granted_by = p.actor;
  a.granted_at = ctx_.clock.NowTimestamp();
  XY_ASSIGN_OR_RETURN(a.id, tx->InsertAuthorisation(a));
  Json payload = {{"subject", a.subject_id},
                  {"grantee", a.grantee_department_id},
                  {"purpose", a.purpose},
                  {"valid_from", a.valid_from},
                  {"valid_until", a.valid_until}};
  XY_RETURN_IF_ERROR(tx->AppendEvent({p.actor, "authorisation.granted",
                                      "authorisation:" + std::to_string(a.id), payload.dump()},
                                     a.granted_at)
                         .status());
  XY_RETURN_IF_ERROR(tx->Commit());
  return a;
}

Result<Authorisation> AuthorisationService::Withdraw(const Principal& p, int64_t id) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kSubject, Role::kAdmin}));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(auto a, tx->GetAuthorisation(id));
  if (!a || (p.role == Role::kSubject && a->subject_id != p.subject_id)) {
    return NotFound("authorisation: 授权" + std::to_string(id) + "不存在");
  }
  if (!a->withdrawn_at.empty()) return *a;
  a->withdrawn_at = ctx_.clock.NowTimestamp();
  XY_RETURN_IF_ERROR(tx->UpdateAuthorisation(*a));
  XY_RETURN_IF_ERROR(tx->AppendEvent({p.actor, "authorisation.withdrawn",
                                      "authorisation:" + std::to_string(id), "{}"},
                                     a->withdrawn_at)
                         .status());
  XY_RETURN_IF_ERROR(tx->Commit());
  return *a;
}

Result<std::vector<Authorisation>> AuthorisationService::OfSubject(
    const Principal& p, const std::string& subject_code) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kSubject, Role::kAdmin, Role::kAuditor}));
  XY_ASSIGN_OR_RETURN(int64_t subject_id, SubjectFor(p, subject_code));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  return tx->AuthorisationsOfSubject(subject_id);
}

Result<AuthorisedView> AuthorisationService::Query(const Principal& p,
                                                   const std::string& subject_code,
                                                   const std::string& purpose) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kInstitution}));
  const std::string why = NormaliseText(purpose);
  if (why.empty()) return InvalidArgument("purpose: 请写明查询用途，须与授权用途一致");
  XY_ASSIGN_OR_RETURN(SubjectView subject, subjects_.Lookup(subject_code));
  const std::string today = ctx_.clock.Today().ToString();
  const std::string now = ctx_.clock.NowTimestamp();
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(auto grants, tx->AuthorisationsOfSubject(subject.id));
  const Authorisation* match = nullptr;
  bool expired = false;
  for (const auto& a : grants) {
    if (a.grantee_department_id != p.department_id || a.purpose != why) continue;
    if (Current(a, today)) {
      match = &a;
      break;
    }
    expired = true;
  }
  if (!match) {
    // The refusal itself is on the record (who tried, for what), not in the subject's log.
    Json payload = {{"subject", subject.id}, {"department", p.department_id}, {"purpose", why}};
    XY_RETURN_IF_ERROR(tx->AppendEvent({p.actor, "query.denied",
                                        "subject:" + std::to_string(subject.id), payload.dump()},
                                       now)
                           .status());
    XY_RETURN_IF_ERROR(tx->Commit());
    return PermissionDenied(expired ? "authorisation: 该主体对本机构此用途的授权已过期或已撤回"
                                    : "authorisation: 该主体未授权本机构以此用途查询");
  }
  AuthorisedView view;
  view.subject_id = subject.id;
  view.subject_name = subject.name;
  view.authorisation_id = match->id;
  XY_ASSIGN_OR_RETURN(auto records, tx->ListRecordsOfSubject(subject.id));
  for (auto& r : records) {
    if (r.status != "active") continue;
    if (r.disclosure != Disclosure::kAuthorised && !PubliclyVisible(r, today)) continue;
    XY_ASSIGN_OR_RETURN(RecordView shown, ViewOfRecord(*tx, catalogue_, std::move(r)));
    view.records.push_back(std::move(shown));
  }
  XY_ASSIGN_OR_RETURN(auto entries, tx->ListEntriesOfSubject(subject.id));
  for (auto& e : entries) {
    if (EffectiveStatus(e, today) == "decided" && e.valid_from <= today)
      view.lists.push_back(std::move(e));
  }
  QueryLogEntry q{0,         subject.id, p.department_id,     p.actor, why,
                  match->id, now,        "authorised_records"};
  XY_ASSIGN_OR_RETURN(view.query_id, tx->InsertQueryLog(q));
  Json payload = {{"subject", subject.id},
                  {"authorisation", match->id},
                  {"purpose", why},
                  {"records", view.records.size()}};
  XY_RETURN_IF_ERROR(tx->AppendEvent({p.actor, "query.authorised",
                                      "query:" + std::to_string(view.query_id), payload.dump()},
                                     now)
                         .status());
  XY_RETURN_IF_ERROR(tx->Commit());
  return view;
}

Result<std::vector<QueryLogLine>> AuthorisationService::QueryLog(const Principal& p,
                                                                 const std::string& subject_code,
                                                                 int limit) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kSubject, Role::kAdmin, Role::kAuditor}));
  if (limit < 1 || limit > 1000) return InvalidArgument("limit: 应在1到1000之间");
  XY_ASSIGN_OR_RETURN(int64_t subject_id, SubjectFor(p, subject_code));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto queries, tx->QueryLogOfSubject(subject_id, limit));
  XY_ASSIGN_OR_RETURN(auto checks, tx->ChecksOfSubject(subject_id, "", limit));
  std::map<int64_t, std::string> names;
  XY_ASSIGN_OR_RETURN(auto deps, tx->ListDepartments());
  for (const auto& d : deps) names[d.id] = d.name;
  std::vector<QueryLogLine> out;
  for (const auto& q : queries) {
    out.push_back({q.at, "authorised_query", q.department_id, names[q.department_id], q.actor,
                   q.purpose, q.authorisation_id});
  }
  for (const auto& c : checks) {
    out.push_back({c.at, "check", c.department_id, names[c.department_id], c.actor, c.scenario, 0});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const QueryLogLine& a, const QueryLogLine& b) { return a.at > b.at; });
  if (out.size() > static_cast<size_t>(limit)) out.resize(static_cast<size_t>(limit));
  return out;
}

}  // namespace xinyong
