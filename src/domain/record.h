// Credit records (信用记录): what departments submit about subjects, one catalogue item each.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace xinyong {

// 公开范围 of a catalogue item.
enum class Disclosure {
  kPublic,      // 社会公开
  kGovernment,  // 政务共享
  kAuthorised,  // 授权查询
  kWithheld,    // 不予公开
};
std::string_view DisclosureName(Disclosure d);  // "public", "government", "authorised", "withheld"
std::optional<Disclosure> DisclosureFromName(std::string_view name);

// 信息性质.
enum class Nature {
  kGood,     // 良好
  kMinor,    // 一般失信
  kSerious,  // 严重失信
  kNeutral,  // 中性
};
std::string_view NatureName(Nature n);  // "good", "minor", "serious", "neutral"
std::optional<Nature> NatureFromName(std::string_view name);

// When a record may be shown to the public. Dates are YYYY-MM-DD (China time), inclusive.
struct DisplayWindow {
  bool published = false;  // false: never shown publicly (scope, or policy such as 警告-only)
  std::string from;        // first day shown
  std::string until;       // last day shown; "" = no end date from policy (e.g. while valid)
  std::string min_until;   // earliest day an early stop (repair) may take effect; "" if none
  std::string reason;      // why (the policy rule applied), for the record's page and audits
};

// A record as it stands now. Its content lives in its versions; nothing is ever deleted.
struct Record {
  int64_t id = 0;
  int64_t subject_id = 0;
  std::string item_code;
  int64_t department_id = 0;
  std::string source_key;  // unique per (department, item)
  int current_version = 1;
  std::string status = "active";  // "active" or "revoked"
  std::string decision_date;
  Nature nature = Nature::kNeutral;
  Disclosure disclosure = Disclosure::kWithheld;
  DisplayWindow display;
  std::string received_at;  // first receipt
  std::string updated_at;
  std::string revoked_at;
  std::string revoke_reason;
  std::string disputed_since;  // "" unless under objection (异议处理中)
  std::string objection_ref;   // the objection, while disputed
  // When the end of the public display window was carried out (the scheduler's mark, or a
  // repair); "" while not. Visibility itself is decided from the window's dates on every read.
  std::string display_ended_at;
};

// Whether the public may see the record on `today` (YYYY-MM-DD): active, 社会公开, published
// by policy, and inside its display window. Every public read decides by this, whatever the
// display scheduler has or has not done yet.
bool PubliclyVisible(const Record& r, std::string_view today);

// One version of a record's content, as received.
struct RecordVersion {
  int64_t record_id = 0;
  int version = 1;
  int64_t batch_id = 0;      // 0 when not from a batch
  int64_t row_number = 0;    // row in the batch's file
  std::string content_hash;  // keyed hash of the normalised content: equal content, equal hash
  std::string fields;        // JSON object: field code -> value; personal ID numbers masked
  std::string sealed;        // JSON object: field code -> encrypted value, for those fields
  std::string legal_basis;
  std::string decision_date;
  std::string received_at;
  std::optional<int>
      working_days;   // decision date to receipt; unset when the calendar lacks a year
  bool late = false;  // more working days than the timeliness rule allows
};

// One submission: a file, an API call or a command-line import.
struct Batch {
  int64_t id = 0;
  int64_t department_id = 0;
  std::string item_code;
  std::string channel;  // "api", "upload", "cli"
  std::string file_name;
  std::string file_sha256;
  std::string encoding;
  std::string actor;
  std::string received_at;
  std::string status = "open";  // "open" while rows are being taken, then "done"
  int64_t accepted = 0;
  int64_t unchanged = 0;
  int64_t rejected = 0;
};

// A row refused, with the reason, kept for the department and the statistics.
struct Rejection {
  int64_t batch_id = 0;
  int64_t row_number = 0;
  std::string field;
  std::string code;
  std::string message;
  // The row as sent (JSON array of [column, text]), sealed (FieldCipher): it may hold identity
  // numbers. On the row's first rejection only; "" otherwise and for rows refused before.
  std::string sealed_row;
};

// Per department: what intake received.
struct IntakeStat {
  int64_t department_id = 0;
  int64_t accepted = 0;  // record versions created
  int64_t unchanged = 0;
  int64_t rejected = 0;  // rows
  int64_t late = 0;      // accepted versions later than the timeliness rule
  std::map<std::string, int64_t> rejected_by_code;  // FieldError codes (a row may count twice)
};

}  // namespace xinyong
