// The text of a check's answer (应查必查), written straight into one string.
//
// The answer is hashed (its SHA-256 is recorded with the check), so its text is fixed: objects
// have their members in key order, as nlohmann::json's dump() writes them, and strings are
// escaped by that same serialiser. What differs is the work: a measure's fixed members (code,
// name, basis, departments, memoranda...) are serialised once when the service starts (and again
// when an admin confirms a basis), and no tree of JSON values is built per check.
#pragma once

#include <cstdint>
#include <memory>
#include <atomic>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/list_entry.h"
#include "rules/measures.h"
#include "service/json_text.h"

namespace xinyong {

class BasisBook;
struct GradeSummary;

// A listed organisation whose responsible person (法定代表人…) the checked subject is.
struct AnswerVia {
  std::string organisation_name;
  std::vector<std::string> organisation_identifiers;  // as displayed
  std::string role;
  const ListEntry* entry = nullptr;
  std::vector<AppliedMeasure> measures;
};

struct AnswerParts {
  std::string checked_at;
  const Scenario* scenario = nullptr;
  int64_t subject_id = 0;
  std::string_view subject_kind;  // SubjectKindName
  std::string subject_name;
  std::vector<std::pair<std::string_view, std::string>> identifiers;  // IdKindName, value
  std::vector<const ListEntry*> lists;  // the memberships in force, shown in "lists"
  std::string today;                    // YYYY-MM-DD, for the entries' effective status
  std::vector<AppliedMeasure> measures;
  std::vector<AppliedMeasure> withheld;  // incentives left out for the subject's dishonesty
  std::vector<AnswerVia> via;
  // False when the code checked is not on the platform: the answer "no credit information on
  // record" (subject_id 0, no name, the code as checked in identifiers).
  bool on_record = true;
  // The subject's 公共信用综合评价 grade and the supervision it implies; null for a natural
  // person and for a code not on the platform.
  const GradeSummary* evaluation = nullptr;
};

// Immutable after construction; safe to share between threads. Keeps a pointer to `list`,
// which must outlive it.
class AnswerWriter {
 public:
  // `book` (may be null: the policy's bases as they stand) gives the bases in force; what the
  // writer caches per measure follows its changes.
  explicit AnswerWriter(const MeasureList& list, const BasisBook* book = nullptr);

  // The answer without check_id and answer_sha256: the text that is hashed.
  std::string Write(const AnswerParts& parts) const;

  // One list entry as the answer shows it (also under as_responsible_person).
  static void AppendEntry(std::string& out, const ListEntry& e, const std::string& today);
  // The measures array.
  void AppendMeasures(std::string& out, const std::vector<AppliedMeasure>& applied) const;

 private:
  using Fixed = std::vector<std::string>;
  // Per measure, in the order of list_.measures(): `{"basis":...,"name":"..."` — the members
  // before objection_ids, which change only when a basis is confirmed.
  std::shared_ptr<const Fixed> CurrentFixed() const;

  // The fixed members and the book's version they were built at. Read on every check without
  // a mutex (std::atomic<shared_ptr>); replaced as a whole when a basis is confirmed, only by
  // a newer version (two checks that both see a change may both build it; one is kept).
  struct Snapshot {
    uint64_t version = 0;
    Fixed fixed;
  };

  const MeasureList& list_;
  const BasisBook* book_;
  mutable std::atomic<std::shared_ptr<const Snapshot>> snapshot_;
};

}  // namespace xinyong
