// The kinds of commitment (信用承诺) a subject may sign, each with its template, and how a
// breach (违诺) becomes a record, as policy data (policy/commitments/commitments.yaml).
// Immutable after loading; safe to share between threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace xinyong {

class Catalogue;

struct CommitmentKind {
  std::string code;       // approval_substitute, fault_tolerant, …
  std::string name;       // 审批替代型, …
  std::string matter;     // the default 承诺事由
  std::string text;       // the 承诺内容 every commitment of the kind carries
  std::string liability;  // 违诺责任
  std::string publicity;  // the default 公开类型: public, limited, private
  std::string verify;     // "inspection" (事中事后核查) or "material" (补正材料 by a date)
  int material_working_days = 0;  // verify == "material": the material is due this much later
  bool repair = false;            // 信用修复型: the commitment repair conditions ask for
};

struct CommitmentsPolicy {
  std::vector<CommitmentKind> kinds;  // in file order
  // 公开类型 code -> its name, in file order.
  std::vector<std::pair<std::string, std::string>> publicity;
  int64_t max_scan_bytes = 5 * 1024 * 1024;
  // The catalogue item a breach becomes, and which of its fields takes which fact of the
  // commitment (keys: subject_name, code, kind, …; see the file).
  std::string breach_item = "CN";
  std::map<std::string, std::string> breach_fields;

  const CommitmentKind* Kind(const std::string& code) const;
  // The name of a 公开类型 code; "" when unknown.
  std::string PublicityName(const std::string& code) const;

  // Loads <dir>/commitments.yaml; invalid_argument naming the file, key and line for a broken
  // one, or for a scan cap whose Base64 would not fit in `body_limit_bytes`.
  static Result<CommitmentsPolicy> LoadDir(const std::filesystem::path& dir,
                                           int64_t body_limit_bytes);
  // ok when the catalogue has the breach item and every field named; else invalid_argument
  // naming the file and the field (checked at start, after both are loaded).
  Status CheckAgainst(const Catalogue& catalogue) const;
};

}  // namespace xinyong
