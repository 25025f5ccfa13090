// Tips (举报), capability 15 of the system map. Anyone files a tip about a subject; the credit
// office (admin) routes it to the competent department within its limit, or refuses it; the
// department's operators answer — 立案 (filed), 不予立案 (declined, with a reason code and
// written reasons) or 移交 (transferred to another department, which gets a fresh limit; after
// `max_transfers` the tip goes back to the office) — and may ask once for more time. The
// tipster follows the tip with a 查询码 and sees steps without clerks' names.
//
// The tipster is protected (对举报人信息严格保密): what was filed is sealed at rest; only admins
// ever get the contact, each reading is logged (tip.contact_read); departments see only the
// tips routed to them now, without the contact and without the files the office withheld;
// events carry ids, statuses and a digest of the facts, never the text. A full 居民身份证号 in
// the subject or the facts is masked for everyone.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/status.h"
#include "domain/account.h"
#include "domain/rights.h"
#include "domain/tip.h"
#include "rules/tips_policy.h"
#include "service/attachments.h"
#include "service/context.h"

namespace xinyong {

class SubjectService;
class Transaction;

struct TipContact {
  std::string name;
  std::string phone;
  std::string email;
  bool empty() const { return name.empty() && phone.empty() && email.empty(); }
};

struct TipRequest {
  std::string subject;  // a name or a code, as the tipster types it
  std::string facts;
  TipContact contact;   // all empty: anonymous
  std::vector<AttachmentInput> attachments;
};

struct FiledTip {
  Tip tip;
  std::string token;  // the 查询码, shown once
};

// A tip as one caller may see it. The service fills only what that caller may read.
struct TipView {
  Tip tip;
  std::vector<CaseStep> steps;     // actors cleared for the tipster
  std::string overdue;             // "", "route", "answer" or "total"
  std::string department_name;     // routed to now
  std::string subject_text;        // as typed, ID numbers masked (staff only)
  std::string facts;               // ID numbers masked (staff only)
  std::string subject_code;        // the linked subject's code and name (staff only)
  std::string subject_name;
  struct File {
    int n = 0;
    std::string name;
    int64_t size = 0;
    std::string sha256;
    bool withheld = false;
  };
  std::vector<File> files;             // staff; a department does not see withheld ones
  std::optional<TipContact> tipster;   // admins only; set and empty for an anonymous tip
};

// Thread-safe.
class TipService {
 public:
  TipService(ServiceContext ctx, const TipsPolicy& policy, SubjectService& subjects)
      : ctx_(ctx), policy_(policy), subjects_(subjects) {}

  const TipsPolicy& Policy() const { return policy_; }

  // Anyone, through the public site.
  Result<FiledTip> File(const TipRequest& req);
  // The tipster: the status, due dates and steps, nothing that was filed. A wrong 查询码 and
  // an unknown number answer alike (not_found).
  Result<TipView> Track(int64_t id, const std::string& token);
  // A lost 查询码: when `contact` is the phone or e-mail given, a new code is sent to it; true
  // then. False, and nothing done, otherwise: the caller answers alike either way.
  Result<bool> ResendCode(int64_t id, const std::string& contact);

  // Office (admin): route to a department (also re-route), optionally linking the platform
  // subject by its code and withholding files (1-based numbers) from the department.
  Result<TipView> Route(const Principal& p, int64_t id, const std::string& department_code,
                        const std::string& subject_code, const std::vector<int>& withhold,
                        const std::string& note);
  // Office (admin): 不予受理, with the reason the tipster reads.
  Result<TipView> Refuse(const Principal& p, int64_t id, const std::string& reason);
  // The routed department's operators (or an admin): "filed" (optional case number),
  // "declined" (a policy reason code and written reasons) or "transferred" (to
  // `department_code`, with reasons).
  struct Answer {
    std::string answer;
    std::string note;
    std::string reason_code;
    std::string department_code;
    std::string case_number;
  };
  Result<TipView> AnswerTip(const Principal& p, int64_t id, const Answer& a);
  // The routed department (or an admin) asks once for more time; the office approves.
  Result<TipView> RequestExtension(const Principal& p, int64_t id, const std::string& reason);
  Result<TipView> ApproveExtension(const Principal& p, int64_t id);

  // Admins and auditors: every tip; operators: the tips routed to their department now.
  // Admins get the tipster's contact (logged as tip.contact_read).
  Result<TipView> Get(const Principal& p, int64_t id);
  struct Query {
    std::string status;
    bool overdue_only = false;
    std::string subject_code;
    int64_t before_id = 0;
    int limit = 50;
  };
  // Newest first; never a contact.
  Result<std::vector<TipView>> List(const Principal& p, const Query& q);
  // A filed file (1-based), for those who may Get the tip; a department not a withheld one.
  struct AttachedFile {
    std::string name;
    std::string bytes;
  };
  Result<AttachedFile> Attachment(const Principal& p, int64_t id, int n);

 private:
  template <typename F>
  Result<TipView> Step(const Principal& p, int64_t id, const char* step, F&& change);
  Result<TipView> Staff(Transaction& tx, const Principal& p, const Tip& t, bool with_steps);
  std::string Overdue(const Tip& t, const std::string& today) const;
  Result<std::string> Open(const std::string& sealed) const;
  bool Sees(const Principal& p, const Tip& t) const;

  ServiceContext ctx_;
  TipsPolicy policy_;
  SubjectService& subjects_;
};

}  // namespace xinyong
