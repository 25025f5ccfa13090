// Credit reports (信用报告), capability 11 of the system map (docs/design/reports.md). The
// platform issues a subject's 专项信用报告 (replacing the 有无违法违规记录证明 of each
// department, for the 领域 and years chosen) or its 公共信用信息报告: the records and list
// entries the public site shows on the day, 异议处理中 marked, repaired records as 已修复. The
// content is canonical JSON signed with the platform's Ed25519 key; anyone verifies a report
// by its number (valid, expired, or revoked when a record in it was revoked since), or offline
// with the published public key. Every issue is logged in the subject's 查询记录.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/account.h"
#include "domain/report.h"
#include "rules/reports_policy.h"
#include "service/context.h"

namespace xinyong {

class Catalogue;
class CommitmentService;
class EvaluationService;
class PlatformSigner;
class SubjectService;
class Transaction;

struct ReportRequest {
  std::string subject_code;         // admins and institutions; a subject's account: its own
  std::string kind;                 // special, full
  std::string purpose;              // a policy purpose (code or name)
  int years = 3;                    // special: 1..max_years
  std::vector<std::string> fields;  // special: 领域 (codes or names); empty = every field
};

struct ReportVerdict {
  CreditReport report;
  std::string status;                // valid, expired, revoked
  std::vector<std::string> reasons;  // revoked: which records, in Chinese
  std::string subject_name;
  std::string kind_name;
};

// Thread-safe.
class ReportService {
 public:
  ReportService(ServiceContext ctx, const ReportsPolicy& policy, const Catalogue& catalogue,
                SubjectService& subjects, const PlatformSigner& signer,
                CommitmentService& commitments)
      : ctx_(ctx),
        policy_(policy),
        catalogue_(catalogue),
        subjects_(subjects),
        signer_(signer),
        commitments_(commitments) {}

  const ReportsPolicy& Policy() const { return policy_; }
  // Sections that show the grade take it from `evaluation` (set once, before the first
  // report; without it they say nothing was evaluated).
  void UseEvaluation(EvaluationService* evaluation) { evaluation_ = evaluation; }

  // A subject's own account, an admin (at the counter), or an institution under a current
  // authorisation from the subject. Organisations only.
  Result<CreditReport> Issue(const Principal& p, const ReportRequest& req);
  // The subject's own, an admin's or auditor's, or the institution's that asked for it.
  Result<CreditReport> Get(const Principal& p, const std::string& number);
  Result<std::vector<CreditReport>> OfSubject(const Principal& p, const std::string& subject_code,
                                              int64_t before_id, int limit);
  // Anyone, by number.
  Result<ReportVerdict> Verify(const std::string& number);

  // The document a holder keeps and hands on: {"content", "digest", "signature", "key_id",
  // "public_key"} (canonical content as an object).
  std::string Document(const CreditReport& r) const;
  // Offline: whether `document`'s signature holds under `public_key_base64` and its digest
  // matches; ok, or invalid_argument naming what fails.
  static Status VerifyDocument(const std::string& document, const std::string& public_key_base64);

 private:
  Result<int64_t> SubjectOf(Transaction& tx, const Principal& p, const std::string& code,
                            int64_t* authorisation_id);
  Result<std::string> NextNumber(Transaction& tx, const std::string& day);
  bool Sees(const Principal& p, const CreditReport& r) const;

  ServiceContext ctx_;
  const ReportsPolicy& policy_;
  const Catalogue& catalogue_;
  SubjectService& subjects_;
  const PlatformSigner& signer_;
  CommitmentService& commitments_;
  EvaluationService* evaluation_ = nullptr;
};

}  // namespace xinyong
