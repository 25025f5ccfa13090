// Commitments (信用承诺, 告知承诺制), capability 9 of the system map: what a subject signed,
// for which department and matter, and whether it was kept (docs/design/commitments.md).
#pragma once

#include <cstdint>
#include <string>

namespace xinyong {

// in_force → fulfilled (全部履行) or breached (违诺: 部分履行 / 全部未履行, made a record), or
// withdrawn (entered by mistake, by the accepting department, before any outcome). The text
// signed never changes.
struct Commitment {
  int64_t id = 0;
  std::string code;        // 承诺编码: division (6) + date (8) + serial (6)
  int64_t subject_id = 0;
  std::string kind;        // policy kind code: approval_substitute, fault_tolerant, …
  std::string matter;      // 承诺事由
  std::string content;     // 承诺内容
  std::string liability;   // 违诺责任
  std::string made_on;     // 作出日期, YYYY-MM-DD
  std::string valid_until; // 有效期至, YYYY-MM-DD; "" = no end
  std::string publicity;   // public, limited, private (公开类型)
  int64_t department_id = 0;  // 受理单位
  std::string source_id;   // the department's own number (file and API intake); "" otherwise
  std::string channel;     // self, counter, api, upload
  std::string signed_by;   // the actor who entered it
  std::string material_due;     // 容缺受理: the missing material is due by (YYYY-MM-DD)
  std::string due_flagged_at;   // when the scheduler told the department it passed
  std::string status = "in_force";  // in_force, fulfilled, breached, withdrawn
  std::string performance;      // breached: partial (部分履行) or none (全部未履行)
  std::string unperformed;      // 未履行内容
  std::string liability_pursued;  // 违诺责任追究内容
  std::string basis;            // 认定依据
  std::string outcome_note;     // the department's note (履约 or 违诺 facts, or why withdrawn)
  std::string decided_on;       // 认定日期 (YYYY-MM-DD)
  std::string decided_by;       // actor
  int64_t record_id = 0;        // the 违诺 record made through intake
  std::string created_at;
  std::string updated_at;
};

// The signed sheet a department entered with the commitment; name and bytes sealed.
struct CommitmentScan {
  int64_t commitment_id = 0;
  int64_t size = 0;
  std::string sha256;
  std::string name_sealed;
  std::string content_sealed;
};

}  // namespace xinyong
