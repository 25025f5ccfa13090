// Credit reports (信用报告), capability 11 of the system map: a document the platform issues
// about a subject at a moment, signed with the platform's key (docs/design/reports.md).
#pragma once

#include <cstdint>
#include <string>

namespace xinyong {

// What was issued. `content` is the canonical JSON the signature covers (keys sorted, no
// spaces); it is never rewritten. Whether a report still stands (valid, expired, revoked) is
// decided when it is verified, from the records it names.
struct CreditReport {
  int64_t id = 0;
  std::string number;         // 报告编号: XY + YYYYMMDD + 6-digit serial of the day
  int64_t subject_id = 0;
  std::string kind;           // policy kind: special, full
  std::string purpose;        // policy purpose code
  std::string requested_by;   // actor
  std::string channel;        // self (the subject's account), counter (admin), institution
  int64_t authorisation_id = 0;  // institution: the grant it was issued under
  std::string issued_at;      // UTC timestamp
  std::string valid_until;    // YYYY-MM-DD (China)
  std::string content;        // canonical JSON
  std::string digest;         // SHA-256 hex of content
  std::string signature;      // Ed25519 over content, Base64
  std::string key_id;         // the signing key's id
  std::string record_ids;     // JSON array of the records listed
};

}  // namespace xinyong
