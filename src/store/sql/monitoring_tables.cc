#include "store/sql/monitoring_tables.h"

#include <map>

namespace xinyong::sql {
namespace {

class SqlMonitoringTables final : public MonitoringTables {
 public:
  explicit SqlMonitoringTables(QueryFn query) : q_(std::move(query)) {}

  Result<MonthFigures> Month(const MonthRange& m) override {
    std::map<int64_t, DepartmentMonth> by;
    const auto dep = [&](const Row& r) -> DepartmentMonth& {
      DepartmentMonth& d = by[Int(r, 0)];
      d.department_id = Int(r, 0);
      return d;
    };
    const std::vector<Param> range{m.from, m.to};
    XY_ASSIGN_OR_RETURN(auto batches,
                        q_("SELECT department_id, SUM(accepted), SUM(unchanged), SUM(rejected) "
                           "FROM batches WHERE received_at >= $1 AND received_at < $2 "
                           "GROUP BY department_id",
                           range));
    for (const auto& r : batches) {
      DepartmentMonth& d = dep(r);
      d.rows_accepted = Int(r, 1);
      d.rows_unchanged = Int(r, 2);
      d.rows_rejected = Int(r, 3);
      d.rows_received = d.rows_accepted + d.rows_unchanged + d.rows_rejected;
    }
    XY_ASSIGN_OR_RETURN(auto codes, q_("SELECT b.department_id, j.code, COUNT(*) FROM rejections j "
                                       "JOIN batches b ON b.id = j.batch_id WHERE b.received_at "
                                       ">= $1 AND b.received_at < $2 GROUP BY b.department_id, "
                                       "j.code",
                                       range));
    for (const auto& r : codes) dep(r).rejected_by_code[Text(r, 1)] = Int(r, 2);
    // Versions received in the month: late ones, and the 双公示 ones whose subject has a USCC.
    XY_ASSIGN_OR_RETURN(
        auto versions,
        q_("SELECT r.department_id, SUM(v.late), SUM(CASE WHEN r.item_code IN ('CF', 'XK') THEN 1 "
           "ELSE 0 END), SUM(CASE WHEN r.item_code IN ('CF', 'XK') AND EXISTS (SELECT 1 FROM "
           "subject_identifiers i WHERE i.subject_id = r.subject_id AND i.kind = 'uscc') THEN 1 "
           "ELSE 0 END) FROM record_versions v JOIN records r ON r.id = v.record_id WHERE "
           "v.received_at >= $1 AND v.received_at < $2 GROUP BY r.department_id",
           range));
    for (const auto& r : versions) {
      DepartmentMonth& d = dep(r);
      d.versions_late = Int(r, 1);
      d.shuanggongshi = Int(r, 2);
      d.shuanggongshi_with_uscc = Int(r, 3);
    }
    XY_ASSIGN_OR_RETURN(auto checks, q_("SELECT COALESCE(department_id, 0), scenario, COUNT(*), "
                                        "SUM(CASE WHEN measures > 0 THEN 1 ELSE 0 END) FROM "
                                        "checks WHERE at >= $1 AND at < $2 GROUP BY 1, 2",
                                        range));
    for (const auto& r : checks) {
      DepartmentMonth& d = dep(r);
      d.checks += Int(r, 2);
      d.checks_by_scenario[Text(r, 1)] += Int(r, 2);
      d.checks_with_measures += Int(r, 3);
    }
    // Checks with measures: with feedback, and overdue (made before the cutoff, none given).
    XY_ASSIGN_OR_RETURN(
        auto feedback,
        q_("SELECT COALESCE(c.department_id, 0), SUM(CASE WHEN EXISTS (SELECT 1 FROM "
           "check_feedback f WHERE f.check_id = c.id) THEN 1 ELSE 0 END), SUM(CASE WHEN c.at < $3 "
           "AND NOT EXISTS (SELECT 1 FROM check_feedback f WHERE f.check_id = c.id) THEN 1 ELSE 0 "
           "END) FROM checks c WHERE c.at >= $1 AND c.at < $2 AND c.measures > 0 GROUP BY 1",
           {m.from, m.to, m.feedback_cutoff}));
    for (const auto& r : feedback) {
      DepartmentMonth& d = dep(r);
      d.checks_with_feedback = Int(r, 1);
      d.feedback_overdue = Int(r, 2);
    }
    XY_ASSIGN_OR_RETURN(auto applied, q_("SELECT COALESCE(c.department_id, 0), COUNT(*) FROM "
                                         "check_feedback f JOIN checks c ON c.id = f.check_id "
                                         "WHERE c.at >= $1 AND c.at < $2 AND f.applied = 1 "
                                         "GROUP BY 1",
                                         range));
    for (const auto& r : applied) dep(r).measures_applied = Int(r, 1);
    XY_ASSIGN_OR_RETURN(auto signed_in, q_("SELECT department_id, COUNT(*) FROM commitments "
                                           "WHERE created_at >= $1 AND created_at < $2 GROUP "
                                           "BY department_id",
                                           range));
    for (const auto& r : signed_in) dep(r).commitments_signed = Int(r, 1);
    XY_ASSIGN_OR_RETURN(auto decided, q_("SELECT department_id, SUM(CASE WHEN status = "
                                         "'fulfilled' THEN 1 ELSE 0 END), SUM(CASE WHEN status "
                                         "= 'breached' THEN 1 ELSE 0 END) FROM commitments "
                                         "WHERE status IN ('fulfilled', 'breached') AND "
                                         "updated_at >= $1 AND updated_at < $2 GROUP BY "
                                         "department_id",
                                         range));
    for (const auto& r : decided) {
      DepartmentMonth& d = dep(r);
      d.commitments_fulfilled = Int(r, 1);
      d.commitments_breached = Int(r, 2);
    }

    MonthFigures out;
    for (auto& [id, d] : by) out.departments.push_back(std::move(d));
    XY_ASSIGN_OR_RETURN(auto closed, q_("SELECT department_id, close_due, closed_at FROM "
                                        "objections WHERE closed_at >= $1 AND closed_at < $2 "
                                        "ORDER BY id",
                                        range));
    for (const auto& r : closed) out.cases.push_back({Int(r, 0), "objection", Text(r, 1), Text(r, 2)});
    XY_ASSIGN_OR_RETURN(auto answered, q_("SELECT department_id, answer_due, answered_at FROM tips "
                                          "WHERE answer IN ('filed', 'declined') AND answered_at "
                                          ">= $1 AND answered_at < $2 ORDER BY id",
                                          range));
    for (const auto& r : answered) out.cases.push_back({Int(r, 0), "tip", Text(r, 1), Text(r, 2)});
    XY_ASSIGN_OR_RETURN(auto filed, q_("SELECT (SELECT COUNT(*) FROM objections WHERE "
                                       "submitted_at >= $1 AND submitted_at < $2), (SELECT "
                                       "COUNT(*) FROM tips WHERE submitted_at >= $1 AND "
                                       "submitted_at < $2)",
                                       range));
    out.objections_filed = Int(filed.at(0), 0);
    out.tips_filed = Int(filed.at(0), 1);
    return out;
  }

  Result<std::vector<WarningHit>> Warnings(const MonthRange& m, const WarningRules& w,
                                           int limit) override {
    std::vector<WarningHit> out;
    // "Within N months before": compared as (year × 12 + month) × 100 + day, in both databases.
    const auto months = [](const char* t) {
      const std::string c(t);
      return "((CAST(SUBSTR(" + c + ".decision_date, 1, 4) AS INTEGER) * 12 + CAST(SUBSTR(" + c +
             ".decision_date, 6, 2) AS INTEGER)) * 100 + CAST(SUBSTR(" + c +
             ".decision_date, 9, 2) AS INTEGER))";
    };
    XY_ASSIGN_OR_RETURN(
        auto repeat,
        q_("SELECT r.subject_id, r.id, MAX(o.id) FROM record_versions v JOIN records r ON r.id = "
           "v.record_id JOIN records o ON o.subject_id = r.subject_id AND o.item_code = "
           "r.item_code AND o.id <> r.id AND o.status = 'active' AND o.decision_date <= "
           "r.decision_date AND " + months("o") + " > " + months("r") + " - $4 * 100 WHERE "
           "v.received_at >= $1 AND v.received_at < $2 AND v.version = 1 AND r.item_code = $3 "
           "AND r.status = 'active' GROUP BY r.subject_id, r.id ORDER BY r.id LIMIT $5",
           {m.from, m.to, w.repeat_item, int64_t{w.repeat_months}, int64_t{limit}}));
    for (const auto& r : repeat) out.push_back({"repeat_penalty", Int(r, 0), Int(r, 1), Int(r, 2)});
    XY_ASSIGN_OR_RETURN(
        auto watched,
        q_("SELECT r.subject_id, r.id, MAX(e.id) FROM record_versions v JOIN records r ON r.id = "
           "v.record_id JOIN list_entries e ON e.subject_id = r.subject_id AND e.list_kind = "
           "'key_attention' AND e.status = 'decided' AND e.valid_from <= $3 AND (e.valid_until "
           "= '' OR e.valid_until >= $3) WHERE v.received_at >= $1 AND v.received_at < $2 AND "
           "v.version = 1 AND r.status = 'active' AND r.nature IN ('minor', 'serious') GROUP BY "
           "r.subject_id, r.id ORDER BY r.id LIMIT $4",
           {m.from, m.to, w.today, int64_t{limit}}));
    for (const auto& r : watched) {
      out.push_back({"key_attention_record", Int(r, 0), Int(r, 1), Int(r, 2)});
    }
    return out;
  }

 private:
  QueryFn q_;
};

}  // namespace

std::unique_ptr<MonitoringTables> NewSqlMonitoringTables(QueryFn query) {
  return std::make_unique<SqlMonitoringTables>(std::move(query));
}

}  // namespace xinyong::sql
