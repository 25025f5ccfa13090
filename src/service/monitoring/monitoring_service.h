// 跟踪问效: the credit office's monthly monitoring of each department's work — intake
// (rows received and rejected by reason, late against the 7-working-day rule, 双公示 rows
// whose subject has a 统一社会信用代码), the check (per scenario, with measures found, 执行反馈
// given and overdue, measures applied), objections closed and tips answered against their
// limits — and a ranking on a score the policy weighs (policy/monitoring). The figures are
// aggregates the store computes for the month; the shares, lateness and score are computed
// here. The same table exports to .xlsx for the monthly report to the government.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "domain/account.h"
#include "domain/monitoring.h"
#include "rules/monitoring_policy.h"
#include "service/context.h"

namespace xinyong {

struct DepartmentFigures {
  DepartmentMonth counts;
  std::string code;  // "" for department 0 (the office's command line)
  std::string name;
  int64_t objections_closed = 0;
  int64_t objections_late = 0;
  int64_t tips_answered = 0;
  int64_t tips_late = 0;
  // Shares from 0 to 1; below 0 when there is nothing to count.
  double intake_on_time = -1;
  double intake_accepted = -1;
  double uscc_share = -1;
  double feedback_on_time = -1;
  double cases_on_time = -1;
  double score = -1;  // 0 to 100; below 0 when none of the scored shares exists
  int rank = 0;       // 1 = best; 0 = not ranked
};

struct MonthReport {
  std::string month;
  std::string computed_at;
  int feedback_working_days = 0;
  std::string feedback_cutoff;  // checks made before it are overdue without feedback
  int64_t objections_filed = 0;
  int64_t tips_filed = 0;
  std::vector<DepartmentFigures> departments;  // ranked first (best first), then the rest
  // The same figures summed per county or city (区县/市): the division in a department's
  // 统一社会信用代码 (characters 3–8); `code` is the division code and `name` its full name,
  // ranked alike.
  std::vector<DepartmentFigures> regions;
};

// A risk warning (预警): a subject whose new record in the month hits a rule, with the records
// (and list entry) that make it one.
struct RiskWarning {
  std::string rule;        // repeat_penalty, key_attention_record
  std::string rule_label;  // what the rule says, in Chinese
  int64_t subject_id = 0;
  std::string subject_name;  // masked for a natural person
  std::string subject_code;  // masked for a natural person
  struct Item {
    std::string kind;  // record, list_entry
    int64_t id = 0;
    std::string what;  // the item and document, or the list
    std::string date;  // decision date, or the entry's valid_from
  };
  Item record;  // the new record
  Item cause;   // the earlier record, or the key-attention entry
};

// Thread-safe.
class MonitoringService {
 public:
  MonitoringService(ServiceContext ctx, MonitoringPolicy policy) : ctx_(ctx), policy_(policy) {}

  // `month` YYYY-MM, not in the future. Admins and auditors get every department (or the one
  // of `department_code`); operators and officers their own only.
  Result<MonthReport> Month(const Principal& p, const std::string& month,
                            const std::string& department_code);
  // Admins and auditors: the month's risk warnings, at most 500 a rule.
  Result<std::vector<RiskWarning>> Warnings(const Principal& p, const std::string& month);
  // The same table as an .xlsx workbook (one row a department).
  Result<std::string> Export(const Principal& p, const std::string& month);

 private:
  Result<MonthRange> Range(const std::string& month) const;
  void Shares(DepartmentFigures& f, bool scored) const;

  ServiceContext ctx_;
  MonitoringPolicy policy_;
};

}  // namespace xinyong
