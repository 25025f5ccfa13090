#include "service/monitoring/monitoring_service.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/calendar.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/divisions.h"
#include "core/ids.h"
#include "core/text.h"
#include "ingest/xlsx_writer.h"
#include "service/account_service.h"
#include "store/store.h"

namespace xinyong {
namespace {

// The first instant of China's day `d`, as a UTC timestamp.
std::string StartOfChinaDay(Date d) { return FormatTimestamp((d.days() * 86400 - 8 * 3600) * 1000); }

// The China date of a UTC timestamp (YYYY-MM-DDTHH:…Z).
std::string ChinaDateOf(const std::string& ts) {
  auto d = Date::Parse(ts.substr(0, 10));
  if (!d.ok()) return "";
  const int hour = ts.size() >= 13 ? std::atoi(ts.substr(11, 2).c_str()) : 0;
  return (hour >= 16 ? d->AddDays(1) : *d).ToString();
}

double Share(int64_t part, int64_t whole) {
  if (whole <= 0) return -1;
  return std::clamp(static_cast<double>(part) / static_cast<double>(whole), 0.0, 1.0);
}

std::string Percent(double share) {
  if (share < 0) return "—";
  return std::to_string(static_cast<int>(std::lround(share * 1000)) / 10) + "." +
         std::to_string(static_cast<int>(std::lround(share * 1000)) % 10) + "%";
}

std::string Score(double score) {
  if (score < 0) return "—";
  const int tenths = static_cast<int>(std::lround(score * 10));
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

}  // namespace

Result<MonthRange> MonitoringService::Range(const std::string& month) const {
  const std::string m = NormaliseName(month);
  auto first = Date::Parse(m + "-01");
  if (m.size() != 7 || !first.ok()) return InvalidArgument("month: 应为年月，如 2026-11");
  const Date today = ctx_.clock.Today();
  if (first->ToString() > today.ToString()) return InvalidArgument("month: 不能是将来的月份");
  MonthRange r;
  r.month = m;
  r.from = StartOfChinaDay(*first);
  r.to = StartOfChinaDay(first->AddMonths(1));
  // The latest day whose checks' feedback limit has passed today.
  Date d = today;
  for (int i = 0; i < 400; ++i) {
    XY_ASSIGN_OR_RETURN(DueDate due, ctx_.calendar.DueAfter(d, policy_.feedback_working_days));
    if (due.date.ToString() < today.ToString()) break;
    d = d.AddDays(-1);
  }
  r.feedback_cutoff = StartOfChinaDay(d.AddDays(1));
  return r;
}

// The shares of `f`'s counts and, when `scored`, its score (100 × the weighted mean of the
// shares it has).
void MonitoringService::Shares(DepartmentFigures& f, bool scored) const {
  const ScoreWeights& w = policy_.weights;
  const DepartmentMonth& c = f.counts;
  f.intake_on_time = Share(c.rows_accepted - c.versions_late, c.rows_accepted);
  f.intake_accepted = Share(c.rows_accepted + c.rows_unchanged, c.rows_received);
  f.uscc_share = Share(c.shuanggongshi_with_uscc, c.shuanggongshi);
  f.feedback_on_time = Share(c.checks_with_measures - c.feedback_overdue, c.checks_with_measures);
  const int64_t done = f.objections_closed + f.tips_answered;
  f.cases_on_time = Share(done - f.objections_late - f.tips_late, done);
  double sum = 0, weight = 0;
  for (auto [share, wt] : {std::pair{f.intake_on_time, w.intake_on_time},
                           std::pair{f.intake_accepted, w.intake_accepted},
                           std::pair{f.feedback_on_time, w.feedback_on_time},
                           std::pair{f.cases_on_time, w.cases_on_time}}) {
    if (share < 0 || wt == 0) continue;
    sum += share * wt;
    weight += wt;
  }
  f.score = weight > 0 && scored ? 100 * sum / weight : -1;
}

Result<MonthReport> MonitoringService::Month(const Principal& p, const std::string& month,
                                             const std::string& department_code) {
  XY_RETURN_IF_ERROR(
      RequireRole(p, {Role::kAdmin, Role::kAuditor, Role::kOperator, Role::kOfficer}));
  XY_ASSIGN_OR_RETURN(MonthRange range, Range(month));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(MonthFigures figures, tx->Monitoring().Month(range));
  XY_ASSIGN_OR_RETURN(auto departments, tx->ListDepartments());

  int64_t only = 0;  // 0 = every department
  if (p.role == Role::kOperator || p.role == Role::kOfficer) {
    only = p.department_id;
  } else if (!NormaliseCode(department_code).empty()) {
    XY_ASSIGN_OR_RETURN(auto d, tx->FindDepartmentByCode(NormaliseCode(department_code)));
    if (!d) return InvalidArgument("department: 没有代码为“" + department_code + "”的部门");
    only = d->id;
  }

  std::map<int64_t, DepartmentFigures> by;
  for (const auto& d : departments) {
    by[d.id].counts.department_id = d.id;
    by[d.id].code = d.code;
    by[d.id].name = d.name;
  }
  for (const auto& c : figures.departments) {
    DepartmentFigures& f = by[c.department_id];
    f.counts = c;
    if (c.department_id == 0) f.name = "信用办（命令行）";
  }
  for (const auto& c : figures.cases) {
    DepartmentFigures& f = by[c.department_id];
    f.counts.department_id = c.department_id;
    const bool late = !c.due.empty() && ChinaDateOf(c.done_at) > c.due;
    if (c.kind == "objection") {
      ++f.objections_closed;
      if (late) ++f.objections_late;
    } else {
      ++f.tips_answered;
      if (late) ++f.tips_late;
    }
  }

  MonthReport out;
  out.month = range.month;
  out.computed_at = ctx_.clock.NowTimestamp();
  out.feedback_working_days = policy_.feedback_working_days;
  out.feedback_cutoff = range.feedback_cutoff;
  out.objections_filed = figures.objections_filed;
  out.tips_filed = figures.tips_filed;
  for (auto& [id, f] : by) {
    if (only != 0 && id != only) continue;
    if (id == 0 && f.counts.rows_received == 0 && f.counts.checks == 0 &&
        f.objections_closed == 0 && f.tips_answered == 0) {
      continue;
    }
    Shares(f, id != 0);
    out.departments.push_back(std::move(f));
  }
  // Per county or city: the departments' counts summed, then shared and scored alike.
  std::map<std::string, DepartmentFigures> regions;
  for (const auto& f : out.departments) {
    if (f.code.size() != 18) continue;
    const std::string code = f.code.substr(2, 6);
    DepartmentFigures& r = regions[code];
    r.code = code;
    r.name = ctx_.divisions.FullName(code);
    if (r.name.empty()) r.name = code;
    DepartmentMonth& a = r.counts;
    const DepartmentMonth& c = f.counts;
    a.rows_received += c.rows_received;
    a.rows_accepted += c.rows_accepted;
    a.rows_unchanged += c.rows_unchanged;
    a.rows_rejected += c.rows_rejected;
    for (const auto& [k, v] : c.rejected_by_code) a.rejected_by_code[k] += v;
    a.versions_late += c.versions_late;
    a.shuanggongshi += c.shuanggongshi;
    a.shuanggongshi_with_uscc += c.shuanggongshi_with_uscc;
    a.checks += c.checks;
    for (const auto& [k, v] : c.checks_by_scenario) a.checks_by_scenario[k] += v;
    a.checks_with_measures += c.checks_with_measures;
    a.checks_with_feedback += c.checks_with_feedback;
    a.feedback_overdue += c.feedback_overdue;
    a.measures_applied += c.measures_applied;
    a.commitments_signed += c.commitments_signed;
    a.commitments_fulfilled += c.commitments_fulfilled;
    a.commitments_breached += c.commitments_breached;
    r.objections_closed += f.objections_closed;
    r.objections_late += f.objections_late;
    r.tips_answered += f.tips_answered;
    r.tips_late += f.tips_late;
  }
  for (auto& [code, r] : regions) {
    Shares(r, true);
    out.regions.push_back(std::move(r));
  }
  for (auto* list : {&out.departments, &out.regions}) {
    std::stable_sort(list->begin(), list->end(),
                     [](const DepartmentFigures& a, const DepartmentFigures& b) {
                       return a.score > b.score;
                     });
    int rank = 0;
    for (size_t i = 0; i < list->size(); ++i) {
      DepartmentFigures& f = (*list)[i];
      if (f.score < 0) break;
      // Equal scores share a rank.
      if (i == 0 || std::lround(f.score * 10) != std::lround((*list)[i - 1].score * 10)) {
        rank = static_cast<int>(i) + 1;
      }
      f.rank = rank;
    }
  }
  return out;
}

Result<std::vector<RiskWarning>> MonitoringService::Warnings(const Principal& p,
                                                            const std::string& month) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kAuditor}));
  XY_ASSIGN_OR_RETURN(MonthRange range, Range(month));
  WarningRules rules;
  rules.repeat_item = policy_.repeat_item;
  rules.repeat_months = policy_.repeat_months;
  rules.today = ctx_.clock.Today().ToString();
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto hits, tx->Monitoring().Warnings(range, rules, 500));
  const auto record = [&](int64_t id) -> Result<RiskWarning::Item> {
    XY_ASSIGN_OR_RETURN(auto r, tx->GetRecord(id));
    if (!r) return RiskWarning::Item{"record", id, "", ""};
    return RiskWarning::Item{"record", id,
                             r->item_code + " " + std::string(ShownDocument(r->source_key)),
                             r->decision_date};
  };
  std::vector<RiskWarning> out;
  for (const auto& h : hits) {
    RiskWarning w;
    w.rule = h.rule;
    w.rule_label = h.rule == "repeat_penalty"
                       ? std::to_string(policy_.repeat_months) + "个月内再次受到" +
                             (policy_.repeat_item == "CF" ? std::string("行政处罚")
                                                          : policy_.repeat_item)
                       : "重点关注名单主体新增失信记录";
    w.subject_id = h.subject_id;
    XY_ASSIGN_OR_RETURN(auto row, tx->SubjectForIndex(h.subject_id));
    if (row) {
      const bool person = row->kind == SubjectKind::kNaturalPerson;
      w.subject_name = person ? MaskPersonName(row->name) : row->name;
      w.subject_code = person ? MaskIdNumber(row->code) : row->code;
    }
    XY_ASSIGN_OR_RETURN(w.record, record(h.record_id));
    if (h.rule == "repeat_penalty") {
      XY_ASSIGN_OR_RETURN(w.cause, record(h.other_id));
    } else {
      XY_ASSIGN_OR_RETURN(auto e, tx->GetListEntry(h.other_id));
      w.cause = {"list_entry", h.other_id, "重点关注名单" + (e ? "（" + e->basis + "）" : ""),
                 e ? e->valid_from : ""};
    }
    out.push_back(std::move(w));
  }
  return out;
}

Result<std::string> MonitoringService::Export(const Principal& p, const std::string& month) {
  XY_ASSIGN_OR_RETURN(MonthReport r, Month(p, month, ""));
  const std::vector<std::string> header = {
      "排名", "部门", "部门代码", "收到行数", "新增版本", "未变化", "退回行数", "超期报送",
      "按时报送率", "双公示条数", "其中有统一社会信用代码", "代码填报率", "核查次数",
      "发现措施的核查", "已反馈", "反馈逾期", "反馈及时率", "措施已执行", "异议办结",
      "异议超时", "举报答复", "举报超时", "承诺签署", "承诺履约", "承诺违诺", "得分"};
  std::vector<std::vector<std::string>> rows;
  for (const auto& f : r.departments) {
    const DepartmentMonth& c = f.counts;
    const auto n = [](int64_t v) { return std::to_string(v); };
    rows.push_back({f.rank > 0 ? n(f.rank) : "—", f.name, f.code, n(c.rows_received),
                    n(c.rows_accepted), n(c.rows_unchanged), n(c.rows_rejected),
                    n(c.versions_late), Percent(f.intake_on_time), n(c.shuanggongshi),
                    n(c.shuanggongshi_with_uscc), Percent(f.uscc_share), n(c.checks),
                    n(c.checks_with_measures), n(c.checks_with_feedback), n(c.feedback_overdue),
                    Percent(f.feedback_on_time), n(c.measures_applied), n(f.objections_closed),
                    n(f.objections_late), n(f.tips_answered), n(f.tips_late),
                    n(c.commitments_signed), n(c.commitments_fulfilled),
                    n(c.commitments_breached), Score(f.score)});
  }
  return ingest::WriteXlsx("跟踪问效" + r.month, header, rows);
}

}  // namespace xinyong
