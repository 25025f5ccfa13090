// 跟踪问效: the month's figures per department, and the same table as .xlsx
// (service/monitoring/monitoring_service.h).
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "http/handlers/views.h"
#include "service/monitoring/monitoring_service.h"

namespace xinyong::http {
namespace {

Json ShareJson(double share) { return share < 0 ? Json(nullptr) : Json(share); }

// The figures of a department or a region; `who` names it.
Json FiguresJson(const char* key, const Json& who, const DepartmentFigures& f) {
  const DepartmentMonth& c = f.counts;
  return {{key, who},
          {"rank", f.rank == 0 ? Json(nullptr) : Json(f.rank)},
          {"score", f.score < 0 ? Json(nullptr) : Json(std::round(f.score * 10) / 10)},
          {"intake",
           {{"rows_received", c.rows_received},
            {"rows_accepted", c.rows_accepted},
            {"rows_unchanged", c.rows_unchanged},
            {"rows_rejected", c.rows_rejected},
            {"rejected_by_code", c.rejected_by_code},
            {"late", c.versions_late},
            {"on_time_share", ShareJson(f.intake_on_time)},
            {"accepted_share", ShareJson(f.intake_accepted)},
            {"shuanggongshi", c.shuanggongshi},
            {"shuanggongshi_with_uscc", c.shuanggongshi_with_uscc},
            {"uscc_share", ShareJson(f.uscc_share)}}},
          {"checks",
           {{"total", c.checks},
            {"by_scenario", c.checks_by_scenario},
            {"with_measures", c.checks_with_measures},
            {"with_feedback", c.checks_with_feedback},
            {"feedback_overdue", c.feedback_overdue},
            {"feedback_on_time_share", ShareJson(f.feedback_on_time)},
            {"measures_applied", c.measures_applied}}},
          {"objections", {{"closed", f.objections_closed}, {"closed_late", f.objections_late}}},
          {"tips", {{"answered", f.tips_answered}, {"answered_late", f.tips_late}}},
          {"commitments",
           {{"signed", c.commitments_signed},
            {"fulfilled", c.commitments_fulfilled},
            {"breached", c.commitments_breached}}},
          {"cases_on_time_share", ShareJson(f.cases_on_time)}};
}

}  // namespace

void RegisterMonitoringRoutes(Router& router, ApiDeps& deps) {
  MonitoringService& monitoring = deps.monitoring;
  const auto roles = {Role::kAdmin, Role::kAuditor, Role::kOperator, Role::kOfficer};
  router.Add("GET", "/api/v1/monitoring",
             Authed(deps.accounts, roles, [&monitoring](HttpRequest& req, const Principal& p) {
               auto r = monitoring.Month(p, req.Query("month"), req.Query("department"));
               if (!r.ok()) return ErrorResponse(r.status());
               Json items = Json::array();
               for (const auto& f : r->departments) {
                 items.push_back(FiguresJson(
                     "department",
                     {{"id", f.counts.department_id}, {"code", OptText(f.code)}, {"name", f.name}},
                     f));
               }
               Json regions = Json::array();
               for (const auto& f : r->regions) {
                 regions.push_back(FiguresJson("region", {{"code", f.code}, {"name", f.name}}, f));
               }
               return Ok({{"month", r->month},
                          {"computed_at", r->computed_at},
                          {"feedback_working_days", r->feedback_working_days},
                          {"feedback_cutoff", r->feedback_cutoff},
                          {"objections_filed", r->objections_filed},
                          {"tips_filed", r->tips_filed},
                          {"departments", items},
                          {"regions", regions}});
             }));
  router.Add("GET", "/api/v1/monitoring/warnings",
             Authed(deps.accounts, {Role::kAdmin, Role::kAuditor},
                    [&monitoring](HttpRequest& req, const Principal& p) {
                      auto list = monitoring.Warnings(p, req.Query("month"));
                      if (!list.ok()) return ErrorResponse(list.status());
                      const auto item = [](const RiskWarning::Item& i) {
                        return Json{{"kind", i.kind}, {"id", i.id}, {"what", i.what},
                                    {"date", OptText(i.date)}};
                      };
                      Json items = Json::array();
                      for (const auto& w : *list) {
                        items.push_back({{"rule", w.rule},
                                         {"rule_label", w.rule_label},
                                         {"subject",
                                          {{"id", w.subject_id},
                                           {"name", w.subject_name},
                                           {"code", w.subject_code}}},
                                         {"record", item(w.record)},
                                         {"cause", item(w.cause)}});
                      }
                      return Ok({{"month", req.Query("month")}, {"items", items}});
                    }));
  router.Add("GET", "/api/v1/monitoring/export",
             Authed(deps.accounts, roles, [&monitoring](HttpRequest& req, const Principal& p) {
               auto bytes = monitoring.Export(p, req.Query("month"));
               if (!bytes.ok()) return ErrorResponse(bytes.status());
               HttpResponse r;
               r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
               r.headers.emplace_back("Content-Disposition",
                                      AttachmentDisposition("跟踪问效-" + req.Query("month") + ".xlsx",
                                                            "monitoring.xlsx"));
               r.body = std::move(*bytes);
               return r;
             }));
}

}  // namespace xinyong::http
