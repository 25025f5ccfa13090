// The subject's rights (主体权益保护): objections (异议), credit repair (信用修复), authorisations
// of queries (授权查询) and the log of queries of non-public data (查询记录).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace xinyong {

// What an objection or a repair is about.
inline constexpr std::string_view kTargetRecord = "record";
inline constexpr std::string_view kTargetListEntry = "list_entry";

// submitted → accepted (marked 异议处理中, sent to the source department) or refused;
// accepted → decided (corrected / revoked / kept, by the source department) → closed (office).
struct Objection {
  int64_t id = 0;
  std::string target_kind;  // "record" or "list_entry"
  int64_t target_id = 0;
  int64_t subject_id = 0;
  int64_t department_id = 0;  // the source department (record) or initiating one (entry)
  std::string filer_kind;     // "subject", "public", "office" (filed at the counter)
  std::string filer_name;
  std::string filer_contact;
  std::string reasons;
  std::string attachments;           // JSON array: [{"name","sha256","size","content_base64"}]
  std::string token_hash;            // SHA-256 of the filer's tracking token
  std::string status = "submitted";  // submitted, accepted, refused, decided, closed
  std::string decision;              // corrected, revoked, kept
  std::string decision_note;
  std::string refuse_reason;
  int target_version = 0;  // the record's version when accepted
  std::string submitted_at;
  std::string accept_due;  // YYYY-MM-DD, last day for the office to accept or refuse
  std::string accepted_at;
  std::string verify_due;  // YYYY-MM-DD, last day for the department (after extension)
  std::string extension_requested_at;
  std::string extension_reason;
  bool extended = false;
  std::string decided_at;
  std::string close_due;  // YYYY-MM-DD, last day of the whole case
  std::string closed_at;
  std::string updated_at;
};

// One step of an objection or repair as the filer sees it (the subject is told each step).
struct CaseStep {
  std::string case_kind;  // "objection" or "repair"
  int64_t case_id = 0;
  int64_t seq = 0;  // 1, 2, … within the case
  std::string at;
  std::string actor;
  std::string step;  // submitted, accepted, refused, extension_requested, …
  std::string note;
};

// submitted → approved (the record leaves public view / the entry exits) or refused;
// approved → revoked (false materials: back in view, applications barred for years).
struct Repair {
  int64_t id = 0;
  std::string target_kind;
  int64_t target_id = 0;
  int64_t subject_id = 0;
  std::string applicant_name;
  std::string applicant_contact;
  std::string evidence;  // JSON object: {"obligations_fulfilled":true,…,"materials":[…]}
  std::string token_hash;
  std::string status = "submitted";  // submitted, approved, refused, revoked
  std::string conditions;            // JSON array of the conditions checked at filing
  std::string review_due;            // YYYY-MM-DD
  std::string decided_at;
  std::string decision_note;
  std::string restore_until;  // a record's display.until before the repair (restored on revocation)
  std::string revoked_at;
  std::string submitted_at;
  std::string updated_at;
};

// A subject lets a named organisation (a bank, a credit agency) see its 授权查询 data for one
// purpose until a date, or until it withdraws.
struct Authorisation {
  int64_t id = 0;
  int64_t subject_id = 0;
  int64_t grantee_department_id = 0;  // the organisation, registered as a department
  std::string purpose;                // e.g. 信易贷贷款审查
  std::string valid_from;             // YYYY-MM-DD
  std::string valid_until;            // YYYY-MM-DD, inclusive
  std::string granted_by;             // actor
  std::string granted_at;
  std::string withdrawn_at;
};

// A query of non-public data about a subject: who, when, why, under which authorisation.
struct QueryLogEntry {
  int64_t id = 0;
  int64_t subject_id = 0;
  int64_t department_id = 0;
  std::string actor;
  std::string purpose;
  int64_t authorisation_id = 0;  // 0: a government department's own duty (政务共享)
  std::string at;
  std::string what;  // e.g. "authorised_records"
};

// A message to an implementing department: a subject it checked recently had a record
// corrected, revoked or repaired, or left a list (信息推送 of changes, 30 days back).
struct Notice {
  int64_t id = 0;
  int64_t department_id = 0;
  int64_t subject_id = 0;
  std::string
      kind;  // "record.corrected", "record.revoked", "record.repaired", "list_entry.exited", …
  std::string ref;      // "record:12", "list_entry:3"
  std::string message;  // Chinese, for the officer
  std::string created_at;
  std::string read_at;
};

// 通知公告: what the credit office publishes on the public home page. Withdrawn ones stay on
// record (with who and why) and leave the page.
struct Announcement {
  int64_t id = 0;
  std::string title;
  std::string body;
  std::string author;  // the actor who published it
  std::string published_at;
  std::string withdrawn_at;  // "" while shown
  std::string withdraw_reason;
};

}  // namespace xinyong
