// Credit repair (信用修复): a subject applies to stop the public display of a 行政处罚 record
// early, or to leave a list early, with evidence. Policy rules (rules/repair_rules.h over
// policy/rights and the catalogue's display rules) decide eligibility and name every unmet
// condition; the office reviews within its time limit. Approval takes the record out of
// public view at once (or exits the entry); false materials revoke the repair, put the item
// back, and bar new applications for years. Every step is an event and a step of the case.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/account.h"
#include "domain/rights.h"
#include "rules/repair_rules.h"
#include "rules/rights_policy.h"
#include "service/context.h"

namespace xinyong {

class Catalogue;
class CommitmentService;
class ListService;
class Transaction;

struct RepairRequest {
  std::string target_kind;  // "record" or "list_entry"
  int64_t target_id = 0;
  std::string applicant_name;
  std::string applicant_contact;
  std::map<std::string, bool> evidence;  // the declarations of policy (obligations_fulfilled…)
  std::vector<std::string> materials;    // names of the materials handed in
  // The subject's 信用修复型 commitment (承诺编码) on the platform; "" = its latest one, if any.
  // A linked commitment meets evidence.commitment (docs/design/commitments.md).
  std::string commitment_code;
};

struct FiledRepair {
  Repair repair;
  std::string token;  // the applicant's tracking token, shown once
  std::vector<RepairCondition> conditions;
};

struct RepairView {
  Repair repair;
  std::vector<CaseStep> steps;
  std::vector<RepairCondition> conditions;  // as checked at filing (or approval)
};

// Thread-safe.
class RepairService {
 public:
  RepairService(ServiceContext ctx, const RepairPolicy& policy, const Catalogue& catalogue,
                ListService& lists)
      : ctx_(ctx), policy_(policy), catalogue_(catalogue), lists_(lists) {}

  // Commitments signed on the platform: a 信用修复型 commitment meets the commitment
  // condition. Without it, only the applicant's declaration does.
  void UseCommitments(const CommitmentService* commitments) { commitments_ = commitments; }

  // Every condition for this target today, met or not (the applicant's pre-check).
  Result<std::vector<RepairCondition>> Eligibility(const RepairRequest& req);
  // Files an application; failed_precondition listing every unmet condition when not eligible
  // (nothing is filed then). `staff` empty: from the public site, public items only.
  Result<FiledRepair> Apply(const std::optional<Principal>& staff, const RepairRequest& req);
  // Office (admin). Approval re-checks the conditions on the day.
  Result<RepairView> Approve(const Principal& p, int64_t id, const std::string& note);
  Result<RepairView> Refuse(const Principal& p, int64_t id, const std::string& reason);
  // False materials found after approval: the item is back in view or on the list, and the
  // subject may not apply again for the policy's ban years.
  Result<RepairView> RevokeForFalseMaterials(const Principal& p, int64_t id,
                                             const std::string& reason);

  Result<RepairView> Get(const Principal& p, int64_t id);
  Result<std::vector<Repair>> List(const Principal& p, const std::string& status);
  Result<RepairView> Track(int64_t id, const std::string& token);
  // A lost 查询码: when `contact` is the one given when filing, a new code replaces the old
  // and is queued to that contact (service/messages); true then. False, and nothing done,
  // for a wrong number or contact: the caller answers alike either way.
  Result<bool> ResendCode(int64_t id, const std::string& contact);

 private:
  Result<std::vector<RepairCondition>> Conditions(Transaction& tx, const RepairRequest& req,
                                                  bool public_only, int64_t* subject_id,
                                                  std::string* linked_commitment = nullptr);
  Result<RepairView> Step(const Principal& p, int64_t id, const char* step,
                          const std::function<Status(Transaction&, Repair&, std::string&)>& f);

  ServiceContext ctx_;
  RepairPolicy policy_;
  const Catalogue& catalogue_;
  ListService& lists_;
  const CommitmentService* commitments_ = nullptr;
};

}  // namespace xinyong
