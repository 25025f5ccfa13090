// Authorised queries (授权查询) and the query log (查询记录). A subject (its own account, or the
// office on its behalf with the signed authorisation) lets a named bank or credit agency see
// its 授权查询-scope information for one purpose until a date. The organisation's query is
// answered only under a matching, current, not withdrawn authorisation; every answered query
// is logged with who, when, purpose and authorisation, and the subject reads that log, together
// with the checks (应查必查) departments made of it.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "domain/account.h"
#include "domain/list_entry.h"
#include "domain/record.h"
#include "domain/rights.h"
#include "service/context.h"
#include "service/public_service.h"

namespace xinyong {

class Catalogue;
class SubjectService;

struct GrantRequest {
  std::string subject_code;  // admins only (a subject account grants for itself)
  std::string grantee_code;  // the organisation's code (registered as a department)
  std::string purpose;       // e.g. 信易贷贷款审查
  std::string valid_from;    // "" = today
  std::string valid_until;   // required, at most one year after valid_from
};

struct AuthorisedView {
  int64_t subject_id = 0;
  std::string subject_name;
  int64_t authorisation_id = 0;
  int64_t query_id = 0;
  std::vector<RecordView> records;
  std::vector<ListEntry> lists;
};

// One line of what the subject sees: an authorised query or a department's check.
struct QueryLogLine {
  std::string at;
  std::string kind;  // "authorised_query" or "check"
  int64_t department_id = 0;
  std::string department_name;
  std::string actor;
  std::string purpose;  // the authorisation's purpose, or the check's scenario
  int64_t authorisation_id = 0;
};

// Thread-safe.
class AuthorisationService {
 public:
  AuthorisationService(ServiceContext ctx, const Catalogue& catalogue, SubjectService& subjects)
      : ctx_(ctx), catalogue_(catalogue), subjects_(subjects) {}

  Result<Authorisation> Grant(const Principal& p, const GrantRequest& req);
  // The subject itself or an admin; the grantee sees nothing from this instant.
  Result<Authorisation> Withdraw(const Principal& p, int64_t id);
  // A subject's authorisations: its own account, or admins by code.
  Result<std::vector<Authorisation>> OfSubject(const Principal& p, const std::string& subject_code);

  // An institution queries a subject for a purpose: permission_denied (403) without a
  // matching current authorisation — expired, withdrawn, another purpose or organisation.
  Result<AuthorisedView> Query(const Principal& p, const std::string& subject_code,
                               const std::string& purpose);

  // The subject's 查询记录, newest first: authorised queries and departments' checks.
  Result<std::vector<QueryLogLine>> QueryLog(const Principal& p, const std::string& subject_code,
                                             int limit);

 private:
  Result<int64_t> SubjectFor(const Principal& p, const std::string& subject_code);

  ServiceContext ctx_;
  const Catalogue& catalogue_;
  SubjectService& subjects_;
};

}  // namespace xinyong
