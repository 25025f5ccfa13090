// Typical cases (典型案例): the credit office writes cases of 守信 (honest) or 失信 (dishonest)
// conduct, linked to subjects and to their public records and list entries; another admin
// reviews and approves; the public site shows them for a display period. Withdrawing one keeps
// it on record (docs/design/tips-and-cases.md, §1.4 and §2.4).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace xinyong {

inline constexpr std::string_view kCaseHonest = "honest";        // 守信
inline constexpr std::string_view kCaseDishonest = "dishonest";  // 失信

// draft → pending_review (the author submits) → published (another admin approves) or back to
// draft (returned with reasons); any but withdrawn → withdrawn (kept on record).
struct TypicalCase {
  int64_t id = 0;
  std::string kind;  // honest, dishonest
  std::string title;
  std::string body;
  std::string status = "draft";  // draft, pending_review, published, withdrawn
  std::string author;            // the actor who drafted it
  std::string reviewer;          // who approved or returned it last
  std::string review_note;
  int64_t supersedes = 0;  // a published case this one corrects (withdrawn on approval)
  std::string created_at;
  std::string submitted_at;
  std::string published_at;
  std::string display_until;  // YYYY-MM-DD, the last day it is shown
  std::string withdrawn_at;
  std::string withdrawn_by;
  std::string withdraw_reason;
  std::string updated_at;
};

// What a case links to: "subject", "record" or "list_entry", by id.
struct CaseLink {
  int64_t case_id = 0;
  std::string target_kind;
  int64_t target_id = 0;
};

// Whether the public sees the case on `today`: published, within its display period, and —
// for a 失信 case — while at least one of its dishonesty links is still public
// (`dishonesty_public`, computed by the caller from the links on that day).
bool PubliclyShownCase(const TypicalCase& c, std::string_view today, bool dishonesty_public);

}  // namespace xinyong
