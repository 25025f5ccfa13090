// Objections (异议): a subject, anyone (for public data) or the office on a subject's behalf
// objects to a record or a list entry. The office accepts (the item is marked 异议处理中 at
// once and measures triggered only by it are suspended) or refuses; the source department
// verifies within its time limit (one extension with the office's approval) and decides —
// corrected (it sent a new version), revoked, or kept with reasons; the office closes the case.
// Every step is an event and a step of the case the filer can follow with its tracking token.
// Time limits are working days from policy/rights; a late step is flagged to the office.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/status.h"
#include "domain/account.h"
#include "domain/rights.h"
#include "rules/rights_policy.h"
#include "service/context.h"

namespace xinyong {

class IntakeService;
class Transaction;
class ListService;

struct ObjectionRequest {
  std::string target_kind;  // "record" or "list_entry"
  int64_t target_id = 0;
  std::string filer_kind;  // "subject" or "public" ("office" is set for staff filings)
  std::string filer_name;
  std::string filer_contact;  // phone or e-mail, to be told each step
  std::string reasons;
  struct Attachment {
    std::string name;
    std::string content_base64;
  };
  std::vector<Attachment> attachments;  // at most 5, 5 MiB each
};

struct FiledObjection {
  Objection objection;
  std::string token;  // the filer's tracking token, shown once
};

// An objection with its steps and whether a time limit was missed.
struct ObjectionView {
  Objection objection;
  std::vector<CaseStep> steps;
  std::string overdue;  // "" or which limit: "accept", "verify", "total"
};

// Thread-safe.
class ObjectionService {
 public:
  ObjectionService(ServiceContext ctx, const ObjectionLimits& limits, IntakeService& intake,
                   ListService& lists)
      : ctx_(ctx), limits_(limits), intake_(intake), lists_(lists) {}

  // `staff` empty: filed by the public through the website, allowed only against what is
  // public now. Staff (admin) may file for any record or entry (a subject at the counter).
  Result<FiledObjection> File(const std::optional<Principal>& staff, const ObjectionRequest& req);
  // Office (admin): accept — the item is marked 异议处理中 and sent to the source department.
  Result<ObjectionView> Accept(const Principal& p, int64_t id, const std::string& note);
  Result<ObjectionView> Refuse(const Principal& p, int64_t id, const std::string& reason);
  // Source department (its operators) or admin: ask for the one extension; the office approves.
  Result<ObjectionView> RequestExtension(const Principal& p, int64_t id, const std::string& reason);
  Result<ObjectionView> ApproveExtension(const Principal& p, int64_t id);
  // Source department or admin: "corrected" (a new version was sent since acceptance),
  // "revoked" (the record is revoked / the entry exits) or "kept" (with reasons). The
  // 异议处理中 mark is lifted.
  Result<ObjectionView> Decide(const Principal& p, int64_t id, const std::string& decision,
                               const std::string& note);
  Result<ObjectionView> Close(const Principal& p, int64_t id, const std::string& note);

  // Staff: admins and auditors see all, operators their department's.
  Result<ObjectionView> Get(const Principal& p, int64_t id);
  // `status` "" = all; `overdue_only` keeps those with a missed limit.
  Result<std::vector<ObjectionView>> List(const Principal& p, const std::string& status,
                                          bool overdue_only);
  // An attachment's name and bytes, for the office and the source department; `index` from 0.
  struct AttachedFile {
    std::string name;
    std::string bytes;
  };
  Result<AttachedFile> Attachment(const Principal& p, int64_t id, int index);
  // The filer, with the tracking token: the case and its steps (no staff identities).
  Result<ObjectionView> Track(int64_t id, const std::string& token);
  // A lost 查询码: when `contact` is the one given when filing, a new code replaces the old
  // and is queued to that contact (service/messages); true then. False, and nothing done,
  // for a wrong number or contact: the caller answers alike either way.
  Result<bool> ResendCode(int64_t id, const std::string& contact);

 private:
  Result<ObjectionView> Step(
      const Principal& p, int64_t id, const char* step,
      const std::function<Status(Transaction&, Objection&, std::string&)>& f);
  std::string Overdue(const Objection& o, const std::string& today) const;
  Result<DueDate> DueAfter(int working_days) const;

  ServiceContext ctx_;
  ObjectionLimits limits_;
  IntakeService& intake_;
  ListService& lists_;
};

}  // namespace xinyong
