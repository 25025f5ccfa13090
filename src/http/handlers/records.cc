// Intake: records by API, batch uploads, rejections, history, revocation, statistics.
#include "core/calendar.h"
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "http/handlers/views.h"
#include "ingest/xlsx_writer.h"
#include "service/intake_service.h"

namespace xinyong::http {
namespace {

// Quotes a CSV cell when needed (RFC 4180).
std::string CsvCell(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

HttpResponse Submit(IntakeService& intake, HttpRequest& req, const Principal& p,
                    const std::string& channel) {
  IntakeRequest r;
  r.item_code = req.Query("item");
  r.department_code = req.Query("department");
  r.file_name = req.Query("file_name");
  r.channel = channel;
  if (r.item_code.empty())
    return ErrorResponse(InvalidArgument("item: 请用 ?item= 指明信息项代码"));
  if (req.body.empty()) return ErrorResponse(InvalidArgument("body: 请求体为空"));
  auto summary = intake.ImportFile(p, r, std::move(req.body));
  if (!summary.ok()) return ErrorResponse(summary.status());
  return Ok(IntakeSummaryJson(*summary));
}

}  // namespace

void RegisterRecordRoutes(Router& router, ApiDeps& deps) {
  IntakeService& intake = deps.intake;

  // A department system sends a JSON array or JSON Lines of rows keyed by field codes.
  router.Add("POST", "/api/v1/records",
             Authed(deps.accounts, {Role::kAdmin, Role::kOperator},
                    [&intake](HttpRequest& req, const Principal& p) {
                      return Submit(intake, req, p, "api");
                    }));

  // A file upload: the body is the file (CSV, XLSX, JSON Lines); ?file_name= names it.
  router.Add("POST", "/api/v1/batches",
             Authed(deps.accounts, {Role::kAdmin, Role::kOperator},
                    [&intake](HttpRequest& req, const Principal& p) {
                      return Submit(intake, req, p, "upload");
                    }));

  router.Add("GET", "/api/v1/batches/{id}/rejections",
             Authed(deps.accounts, {Role::kAdmin, Role::kOperator, Role::kAuditor},
                    [&intake](HttpRequest& req, const Principal& p) {
                      auto id = PathId(req, "id");
                      if (!id.ok()) return ErrorResponse(id.status());
                      const std::string format = req.Query("format");
                      const std::string plain = "batch-" + std::to_string(*id) + "-rejected.";
                      if (format == "xlsx") {
                        // The rows as sent with their reasons, every cell text: identity numbers
                        // and zero-padded codes come back as they were.
                        auto file = intake.SentBack(p, *id);
                        if (!file.ok()) return ErrorResponse(file.status());
                        auto bytes = ingest::WriteXlsx("退回数据", file->columns, file->rows);
                        if (!bytes.ok()) return ErrorResponse(bytes.status());
                        HttpResponse r;
                        r.content_type =
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                        r.headers.emplace_back(
                            "Content-Disposition",
                            AttachmentDisposition(file->name + ".xlsx", plain + "xlsx"));
                        r.body = std::move(*bytes);
                        return r;
                      }
                      if (format == "csv") {
                        // The same as CSV. UTF-8 with BOM so that Excel opens it with the right
                        // encoding.
                        auto file = intake.SentBack(p, *id);
                        if (!file.ok()) return ErrorResponse(file.status());
                        HttpResponse r;
                        r.content_type = "text/csv; charset=utf-8";
                        r.headers.emplace_back(
                            "Content-Disposition",
                            AttachmentDisposition(file->name + ".csv", plain + "csv"));
                        r.body = "\xEF\xBB\xBF";
                        const auto line = [&r](const std::vector<std::string>& cells) {
                          for (size_t i = 0; i < cells.size(); ++i) {
                            r.body += (i ? "," : "") + CsvCell(cells[i]);
                          }
                          r.body += "\r\n";
                        };
                        line(file->columns);
                        for (const auto& row : file->rows) line(row);
                        return r;
                      }
                      auto list = intake.Rejections(p, *id);
                      if (!list.ok()) return ErrorResponse(list.status());
                      Json items = Json::array();
                      for (const auto& j : *list) {
                        items.push_back({{"row", j.row_number},
                                         {"field", j.field},
                                         {"code", j.code},
                                         {"message", j.message}});
                      }
                      return Ok({{"items", items}});
                    }));

  router.Add("GET", "/api/v1/records/{id}",
             Authed(deps.accounts, {Role::kAdmin, Role::kOperator, Role::kAuditor},
                    [&intake, &cal = deps.calendar](HttpRequest& req, const Principal& p) {
                      auto id = PathId(req, "id");
                      if (!id.ok()) return ErrorResponse(id.status());
                      auto h = intake.History(p, *id);
                      if (!h.ok()) return ErrorResponse(h.status());
                      Json versions = Json::array();
                      for (const auto& v : h->versions) {
                        Json j = RecordVersionJson(v);
                        // The timeliness count used a year without its holiday notice.
                        auto from = Date::Parse(v.decision_date);
                        auto to = Date::Parse(v.received_at.substr(0, 10));
                        j["working_days_provisional"] =
                            v.working_days && from.ok() && to.ok() && cal.Provisional(*from, *to);
                        versions.push_back(j);
                      }
                      Json out = RecordJson(h->record);
                      out["versions"] = versions;
                      return Ok(out);
                    }));

  router.Add("POST", "/api/v1/records/{id}/revoke",
             Authed(deps.accounts, {Role::kAdmin, Role::kOperator},
                    [&intake](HttpRequest& req, const Principal& p) {
                      auto id = PathId(req, "id");
                      if (!id.ok()) return ErrorResponse(id.status());
                      auto body = ParseObject(req);
                      if (!body.ok()) return ErrorResponse(body.status());
                      auto reason = StringField(*body, "reason", true);
                      if (!reason.ok()) return ErrorResponse(reason.status());
                      auto rec = intake.Revoke(p, *id, *reason);
                      if (!rec.ok()) return ErrorResponse(rec.status());
                      return Ok(RecordJson(*rec));
                    }));

  router.Add("GET", "/api/v1/stats/intake",
             Authed(deps.accounts, {Role::kAdmin, Role::kOperator, Role::kAuditor},
                    [&intake](HttpRequest&, const Principal& p) {
                      auto stats = intake.Stats(p);
                      if (!stats.ok()) return ErrorResponse(stats.status());
                      Json items = Json::array();
                      for (const auto& s : *stats) {
                        items.push_back(
                            {{"department", DepartmentJson(s.department)},
                             {"received", s.stat.accepted + s.stat.unchanged + s.stat.rejected},
                             {"accepted", s.stat.accepted},
                             {"unchanged", s.stat.unchanged},
                             {"rejected", s.stat.rejected},
                             {"rejected_by_reason", s.stat.rejected_by_code},
                             {"late", s.stat.late}});
                      }
                      return Ok({{"items", items}});
                    }));
}

}  // namespace xinyong::http
