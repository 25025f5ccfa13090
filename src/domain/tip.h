// Tips (举报): anyone reports dishonest behaviour of a subject; the credit office routes the
// tip to the competent department, which answers (立案 / 不予立案 / 移交). The tipster follows
// it with a 查询码. Who the tipster is stays with the office: the contact, the subject as typed,
// the facts and the attachments are sealed at rest (FieldCipher), and only admins open the
// contact (docs/design/tips-and-cases.md).
#pragma once

#include <cstdint>
#include <string>

namespace xinyong {

// submitted → routed (to a department) or refused (不予受理, by the office);
// routed → filed (立案) or declined (不予立案) by the department, or routed again (移交, or the
// office re-routes); a transfer past the limit goes back to the office (submitted).
struct Tip {
  int64_t id = 0;
  std::string subject_sealed;  // the subject as typed (sealed)
  int64_t subject_id = 0;      // the platform subject it is linked to; 0 = not linked
  std::string facts_sealed;    // the facts (sealed)
  std::string facts_sha256;    // what events carry instead of the facts
  std::string contact_sealed;  // "" = anonymous; else sealed {"name","phone","email"}
  int attachments = 0;         // how many files were filed
  std::string withheld;        // JSON array of attachment numbers (1-based) kept from departments
  std::string token_hash;      // SHA-256 of the 查询码
  std::string status = "submitted";  // submitted, routed, filed, declined, refused
  int64_t department_id = 0;         // routed to now; 0 before routing
  int transfers = 0;                 // 移交 so far
  std::string route_due;             // YYYY-MM-DD, the office's limit to route or refuse
  std::string answer_due;            // YYYY-MM-DD, the department's limit to answer
  std::string total_due;             // YYYY-MM-DD, the whole tip's limit
  std::string extension_requested_at;
  std::string extension_reason;
  bool extended = false;
  std::string answer;         // filed, declined ("" before an answer)
  std::string reason_code;    // 不予立案: the policy's reason code
  std::string answer_note;    // the department's written answer
  std::string case_number;    // 立案: the case number (kept for the office)
  std::string refuse_reason;  // 不予受理 by the office
  std::string submitted_at;
  std::string routed_at;
  std::string answered_at;
  std::string updated_at;
};

// One filed file of a tip; its name and bytes sealed.
struct TipAttachment {
  int64_t tip_id = 0;
  int n = 0;  // 1, 2, …
  int64_t size = 0;
  std::string sha256;
  std::string name_sealed;
  std::string content_sealed;
};

}  // namespace xinyong
