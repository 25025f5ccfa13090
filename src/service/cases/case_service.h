// Typical cases (典型案例), capability 15 of the system map. An admin drafts a case of 守信 or
// 失信 conduct linked to subjects and to their public records and list entries, and submits
// it; another admin reviews it as the public would see it and approves it (published until its
// display end) or returns it with reasons; any admin withdraws one, which keeps it on record.
// A case shows only what is public now: each link is checked at submission and at approval,
// and on every public read a 失信 case leaves the site once none of its dishonesty links is
// public any more. Natural persons appear masked (张*), without identifier.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/account.h"
#include "domain/list_entry.h"
#include "domain/rights.h"
#include "domain/typical_case.h"
#include "rules/rights_policy.h"
#include "rules/tips_policy.h"
#include "service/context.h"
#include "service/public_service.h"

namespace xinyong {

class Catalogue;
class SubjectService;
class Transaction;

struct CaseInput {
  std::string kind;  // honest, dishonest
  std::string title;
  std::string body;
  std::vector<std::string> subjects;  // codes
  std::vector<int64_t> records;
  std::vector<int64_t> list_entries;
  int64_t supersedes = 0;
};

// What the public sees of a case.
struct PublicCase {
  TypicalCase c;
  struct Subject {
    std::string name;  // masked for a natural person
    std::string code;  // "" for a natural person
    bool person = false;
  };
  std::vector<Subject> subjects;
  std::vector<RecordView> records;  // those public today
  std::vector<ListEntry> lists;     // those listed today
};

struct CaseView {
  TypicalCase c;
  std::vector<CaseLink> links;
  std::vector<CaseStep> steps;
  std::optional<PublicCase> preview;  // what the public sees today; nullopt when not shown
};

// Thread-safe.
class CaseService {
 public:
  CaseService(ServiceContext ctx, const Catalogue& catalogue, SubjectService& subjects,
              CasePolicy policy, RedListPolicy red_list)
      : ctx_(ctx), catalogue_(catalogue), subjects_(subjects), policy_(policy),
        red_list_(red_list) {}

  Result<CaseView> Draft(const Principal& p, const CaseInput& in);
  // The author, while the case is a draft.
  Result<CaseView> Edit(const Principal& p, int64_t id, const CaseInput& in);
  // The author: to review, or failed_precondition naming every rule not met.
  Result<CaseView> Submit(const Principal& p, int64_t id);
  // Another admin: published from now until `display_until` (YYYY-MM-DD; "" = the longest the
  // policy allows); the rules are checked again. A case it supersedes is withdrawn with it.
  Result<CaseView> Approve(const Principal& p, int64_t id, const std::string& note,
                           const std::string& display_until);
  Result<CaseView> Return(const Principal& p, int64_t id, const std::string& reason);
  Result<CaseView> Withdraw(const Principal& p, int64_t id, const std::string& reason);

  // Admins and auditors: every case, with its links, steps and public preview.
  Result<CaseView> Get(const Principal& p, int64_t id);
  Result<std::vector<CaseView>> List(const Principal& p, const std::string& status,
                                     const std::string& kind, int64_t before_id, int limit);

  // The public: the cases shown today, newest first (at most `limit` from `offset`; the
  // service reads no deeper than 1,000), and one case, not_found unless shown today.
  Result<std::vector<PublicCase>> PublicList(const std::string& kind, int offset, int limit);
  Result<PublicCase> PublicGet(int64_t id);

 private:
  Result<std::vector<CaseLink>> Links(Transaction& tx, const CaseInput& in) const;
  Result<TypicalCase> Checked(const CaseInput& in) const;
  // Every rule of what a case may show not met today, each as "field: why"; empty when none.
  Result<std::vector<std::string>> Problems(Transaction& tx, const TypicalCase& c,
                                            const std::vector<CaseLink>& links,
                                            const std::string& today);
  Result<PublicCase> View(Transaction& tx, const TypicalCase& c,
                          const std::vector<CaseLink>& links, const std::string& today,
                          bool* dishonesty_public);
  // The public view of `c` when the public sees it today; `links` holds (at least) its links.
  Result<std::optional<PublicCase>> Shown(Transaction& tx, const TypicalCase& c,
                                          const std::vector<CaseLink>& links,
                                          const std::string& today);
  template <typename F>
  Result<CaseView> Step(const Principal& p, int64_t id, const char* step, F&& change);

  ServiceContext ctx_;
  const Catalogue& catalogue_;
  SubjectService& subjects_;
  CasePolicy policy_;
  RedListPolicy red_list_;
};

}  // namespace xinyong
