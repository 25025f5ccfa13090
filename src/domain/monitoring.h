// 跟踪问效: what the credit office counts of each department's work in a month — intake,
// the check and its feedback, objections and tips — as the store aggregates it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace xinyong {

// A month as instants and days: [from, to) in UTC timestamps for China's calendar month.
struct MonthRange {
  std::string month;      // YYYY-MM
  std::string from;       // the month's first instant (China time), as a UTC timestamp
  std::string to;         // the next month's first instant
  // Checks made before this instant whose feedback is still missing are overdue (a check
  // made after it is still within its feedback limit today).
  std::string feedback_cutoff;
};

// What the store counts per department (0 = the command line, or not yet routed).
struct DepartmentMonth {
  int64_t department_id = 0;
  // Intake: rows of the batches received in the month.
  int64_t rows_received = 0;
  int64_t rows_accepted = 0;   // new versions
  int64_t rows_unchanged = 0;
  int64_t rows_rejected = 0;
  std::map<std::string, int64_t> rejected_by_code;  // field error codes (a row may count twice)
  int64_t versions_late = 0;   // accepted versions received after the 7-working-day rule
  int64_t shuanggongshi = 0;            // 双公示 versions (行政许可, 行政处罚) received
  int64_t shuanggongshi_with_uscc = 0;  // of which the subject has a 统一社会信用代码
  // The check: checks made in the month by the department's officers.
  int64_t checks = 0;
  std::map<std::string, int64_t> checks_by_scenario;
  int64_t checks_with_measures = 0;
  int64_t checks_with_feedback = 0;  // of those with measures, any 执行反馈 given
  int64_t feedback_overdue = 0;      // with measures, made before the cutoff, no feedback
  int64_t measures_applied = 0;      // feedback items "applied"
  // Commitments (信用承诺) the department accepted: signed in the month, and marked kept or
  // broken (违诺) in the month.
  int64_t commitments_signed = 0;
  int64_t commitments_fulfilled = 0;
  int64_t commitments_breached = 0;
};

// An objection closed or a tip answered in the month, with its limit: lateness is counted
// in China's calendar by the service.
struct CaseDone {
  int64_t department_id = 0;
  std::string kind;     // "objection", "tip"
  std::string due;      // YYYY-MM-DD
  std::string done_at;  // UTC timestamp
};

// The rules of the risk warnings (预警): subjects whose records worsen.
struct WarningRules {
  std::string repeat_item = "CF";  // a new record of this item…
  int repeat_months = 12;          // …with another one decided within this many months before
  std::string today;               // YYYY-MM-DD: key-attention entries in force that day
};

// One hit of a rule: a record received in the month and what makes it a warning.
struct WarningHit {
  std::string rule;         // "repeat_penalty", "key_attention_record"
  int64_t subject_id = 0;
  int64_t record_id = 0;    // the new record
  int64_t other_id = 0;     // the earlier record (repeat_penalty) or the list entry
};

struct MonthFigures {
  std::vector<DepartmentMonth> departments;  // by department id
  std::vector<CaseDone> cases;
  int64_t objections_filed = 0;  // in the month, all departments
  int64_t tips_filed = 0;
};

}  // namespace xinyong
