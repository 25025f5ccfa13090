// List entries (名单): 红名单, 严重失信主体名单, 重点关注名单, with their recognition (认定)
// workflow, and the checks (应查必查) made against subjects.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace xinyong {

// "red", "serious", "key_attention".
bool IsListKind(std::string_view kind);

// A decision document as shown anywhere: entries made from a list record before 2026-12 kept
// the record's whole source key ("(2026)渝0236执1号|<the person's full name>"); only the part
// before "|" is a document number.
inline std::string_view ShownDocument(std::string_view document) {
  return document.substr(0, document.find('|'));
}
// "红名单", "严重失信主体名单", "重点关注名单".
std::string_view ListKindLabel(std::string_view kind);

// proposed → noticed (facts, basis and a defence period sent to the subject) → decided (with
// a decision document and validity) or dropped; decided → exited (repair, revocation, or
// expiry). Red-list entries (an incentive) may be decided without a notice.
struct ListEntry {
  int64_t id = 0;
  int64_t subject_id = 0;
  std::string list_kind;
  std::string domain;               // e.g. "market_regulation"
  std::string status = "proposed";  // proposed, noticed, decided, dropped, exited
  int64_t department_id = 0;        // the initiating department
  std::string basis;                // legal basis: document and article
  std::string facts;                // the facts found
  std::string notice_document;
  std::string defence_until;  // YYYY-MM-DD: last day to state a defence
  std::string decision_document;
  std::string valid_from;   // YYYY-MM-DD
  std::string valid_until;  // YYYY-MM-DD, "" = until exit
  std::string exit_reason;
  std::string exited_at;
  std::string disputed_since;  // "" unless under objection
  std::string objection_ref;
  std::string created_at;
  std::string updated_at;
};

// Whether the public may see the entry on `today`: 红名单 and 严重失信主体名单 entries that are
// decided and valid that day (重点关注名单 is not public).
bool PubliclyListed(const ListEntry& e, std::string_view today);

// A natural person bound to a listed organisation (落实到人).
struct ResponsiblePerson {
  int64_t entry_id = 0;
  int64_t person_subject_id = 0;
  std::string role;  // "legal_representative", "principal", "directly_responsible"
};

struct CheckRecord {
  int64_t id = 0;
  int64_t department_id = 0;
  std::string actor;
  int64_t subject_id = 0;     // 0: the code checked is not on the platform
  std::string scenario;
  std::string at;
  std::string answer_sha256;  // of the answer as sent
  int64_t measures = 0;       // how many measures applied
  // When subject_id is 0: the code as checked (an identity number masked), so that the
  // answer "no credit information on record" is recorded like any other.
  std::string checked_code;
  // The codes of the measures the answer named (not suspended ones), joined by ",": what
  // feedback may be given on. "*" for a check recorded before the codes were kept (any
  // measure of the list).
  std::string measure_codes;
};

// The codes in CheckRecord::measure_codes, in order; none for "*" and for "".
std::vector<std::string> NamedMeasures(const CheckRecord& c);
// Whether feedback on `measure` belongs to check `c`: a measure its answer named (any measure
// for a check recorded before the codes were kept).
bool NamesMeasure(const CheckRecord& c, std::string_view measure);
// Adds `measure` to c.measure_codes unless it is there already.
void AddNamedMeasure(CheckRecord& c, std::string_view measure);

struct CheckFeedback {
  int64_t check_id = 0;
  std::string measure_code;
  bool applied = false;
  std::string reason;
  std::string actor;
  std::string at;
};

// Checks made per department and scenario (应查必查 counts), with the feedback given.
struct CheckStat {
  int64_t department_id = 0;  // 0: checks made from the command line
  std::string scenario;
  int64_t checks = 0;
  int64_t measures = 0;  // measures found in those answers
  int64_t feedback = 0;  // feedback items given
  int64_t applied = 0;   // of which applied
};

}  // namespace xinyong
