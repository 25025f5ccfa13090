// Commitments (信用承诺, 告知承诺制), capability 9 of the system map
// (docs/design/commitments.md). A subject signs a commitment of a kind the policy defines
// (policy/commitments), itself or at the accepting department's counter (with the signed
// sheet); departments also send what their approval systems collected, by API or file. The
// accepting department marks it kept (履约) or broken (违诺); a 违诺 becomes a dishonesty
// record of the catalogue's commitment item through intake, so that it reaches the check, the
// lists and the public site like any record. Published commitments (可向社会公开, never of a
// natural person) show on the subject's public page and in the public list.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/account.h"
#include "domain/commitment.h"
#include "rules/commitments_policy.h"
#include "service/attachments.h"
#include "service/context.h"
#include "service/intake_service.h"
#include "store/commitment_tables.h"

namespace xinyong {

class SubjectService;
class Transaction;

struct CommitmentRequest {
  std::string kind;           // a policy kind, by code or name
  std::string subject_code;   // staff: the subject's 统一社会信用代码 or 居民身份证号
  std::string subject_name;   // staff: its name
  std::string department;     // the accepting department's code ("" = the clerk's own)
  std::string matter;         // 承诺事由; "" = the kind's
  std::string extra;          // lines the signer adds to the kind's text
  std::string made_on;        // 作出日期; "" = today
  std::string valid_until;    // 有效期至; "" = no end
  std::string publicity;      // public, limited, private (or their names); "" = the kind's
  std::string source_id;      // the department's own number (its system's key)
  std::string code;           // a 承诺编码 the department's system assigned; "" = the platform's
  std::optional<AttachmentInput> scan;  // the signed sheet: required from a counter clerk
  std::string channel;        // "api", "counter", "upload"; set by the caller
};

struct FulfilmentRequest {
  std::string result;             // "fulfilled" (全部履行) or "breached" (违诺)
  std::string performance;        // breached: "partial" (部分履行) or "none" (全部未履行)
  std::string unperformed;        // breached: 未履行内容
  std::string liability_pursued;  // breached: 违诺责任追究内容
  std::string basis;              // breached: 认定依据
  std::string note;               // facts found (either outcome)
  std::string decided_on;         // 认定日期; "" = today
};

// A commitment as one caller may see it.
struct CommitmentView {
  Commitment commitment;
  std::string kind_name;
  std::string publicity_name;
  std::string department_code;
  std::string department_name;
  std::string subject_code;  // a person's ID number masked
  std::string subject_name;  // a person's name masked
  std::string subject_kind;
  bool material_overdue = false;  // in force past its material date
  struct Scan {
    std::string name;
    int64_t size = 0;
    std::string sha256;
  };
  std::optional<Scan> scan;  // staff and the subject only
};

struct CommitmentImportSummary {
  int64_t accepted = 0;
  int64_t unchanged = 0;
  int64_t rejected = 0;
  std::vector<RowError> errors;     // every error of every rejected row, in row order
  std::vector<std::string> codes;   // the 承诺编码 of each accepted or unchanged row, in order
};

// Thread-safe.
class CommitmentService {
 public:
  CommitmentService(ServiceContext ctx, const CommitmentsPolicy& policy, SubjectService& subjects,
                    IntakeService& intake)
      : ctx_(ctx), policy_(policy), subjects_(subjects), intake_(intake) {}

  const CommitmentsPolicy& Policy() const { return policy_; }

  // A subject's own account signs for itself (the department must be named); an operator or
  // officer enters one for a subject at its department's counter or from its system (the
  // scan is required at the counter); an admin for any department. The same source_id or
  // code sent again with the same content answers the commitment kept (unchanged).
  Result<CommitmentView> Sign(const Principal& p, CommitmentRequest req);
  // A file of commitments (CSV, XLSX, JSON) from the department's approval system: every
  // row kept or refused with its reasons; nothing of a refused row is written.
  Result<CommitmentImportSummary> Import(const Principal& p, const std::string& file_name,
                                         std::string content);
  // The accepting department (or an admin) marks the outcome. A breach is submitted through
  // intake as the department's record of the policy's breach item; the commitment keeps its
  // id. failed_precondition unless in force.
  Result<CommitmentView> Decide(const Principal& p, const std::string& code,
                                const FulfilmentRequest& req);
  // Entered by mistake: the accepting department withdraws it with a reason (kept on record,
  // no longer public). failed_precondition unless in force.
  Result<CommitmentView> Withdraw(const Principal& p, const std::string& code,
                                  const std::string& reason);

  // not_found for a commitment the caller may not see.
  Result<CommitmentView> Get(const Principal& p, const std::string& code);
  // What the caller may see, newest first (the query's department and subject are narrowed
  // to the caller's own).
  Result<std::vector<CommitmentView>> List(const Principal& p, CommitmentQuery q);
  // The signed sheet: its name and bytes.
  Result<std::pair<std::string, std::string>> Scan(const Principal& p, const std::string& code);

  // The public: published commitments only (可向社会公开, not withdrawn, not of a natural
  // person). `q.subject_id` narrows to one subject.
  Result<std::vector<CommitmentView>> PublicList(CommitmentQuery q);
  Result<CommitmentView> PublicGet(const std::string& code);

  // The scheduler: commitments in force whose material was due before today and is not
  // marked are flagged to their department (a notice) once. Returns how many.
  Result<int> FlagOverdueMaterials();

  // The subject's 信用修复型 commitment for a repair: the one named by `code` (invalid_argument
  // unless it is that subject's, of the repair kind, in force or fulfilled), or with `code`
  // empty its latest such commitment, or nullopt.
  Result<std::optional<Commitment>> RepairCommitmentIn(Transaction& tx, int64_t subject_id,
                                                       const std::string& code) const;

 private:
  friend class CommitmentImporter;
  struct Signed {
    Commitment commitment;
    bool unchanged = false;
  };
  // Validates and writes inside the caller's transaction (no commit).
  Result<Signed> SignIn(Transaction& tx, const Principal& p, const CommitmentRequest& req,
                        const std::string& now);
  Result<std::string> NextCode(Transaction& tx, const Department& d, const std::string& made_on);
  Result<CommitmentView> ViewIn(Transaction& tx, const Commitment& c, bool staff);
  Result<Commitment> Acting(Transaction& tx, const Principal& p, const std::string& code);
  Result<int64_t> BreachRecord(const Principal& p, const Commitment& c,
                               const FulfilmentRequest& req);
  bool Sees(const Principal& p, const Commitment& c) const;
  bool Shown(const Commitment& c, SubjectKind kind) const;

  ServiceContext ctx_;
  const CommitmentsPolicy& policy_;
  SubjectService& subjects_;
  IntakeService& intake_;
};

}  // namespace xinyong
