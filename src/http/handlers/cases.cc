// Typical cases (典型案例): written and reviewed by the office, listed on the public site
// (service/cases/case_service.h).
#include <cstdint>

#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "http/handlers/views.h"
#include "service/cases/case_service.h"

namespace xinyong::http {
namespace {

const char* KindLabel(const std::string& kind) {
  return kind == kCaseHonest ? "守信" : kind == kCaseDishonest ? "失信" : "";
}

// What the public sees; `full` adds the text, records and list entries.
Json PublicJson(const PublicCase& v, bool full) {
  Json subjects = Json::array();
  for (const auto& s : v.subjects) {
    subjects.push_back({{"name", s.name}, {"code", OptText(s.code)}, {"natural_person", s.person}});
  }
  Json out = {{"id", v.c.id},
              {"kind", v.c.kind},
              {"kind_label", KindLabel(v.c.kind)},
              {"title", v.c.title},
              {"published_at", v.c.published_at},
              {"display_until", OptText(v.c.display_until)},
              {"subjects", subjects}};
  if (full) {
    Json records = Json::array();
    for (const auto& r : v.records) records.push_back(RecordSummary(r.record, r.item_name, r.fields));
    Json lists = Json::array();
    for (const auto& e : v.lists) lists.push_back(ListEntryJson(e));
    out["body"] = v.c.body;
    out["records"] = records;
    out["lists"] = lists;
  }
  return out;
}

Json StaffJson(const CaseView& v) {
  const TypicalCase& c = v.c;
  Json links = {{"subjects", Json::array()}, {"records", Json::array()}, {"list_entries", Json::array()}};
  for (const auto& l : v.links) {
    const char* key = l.target_kind == "subject" ? "subjects"
                      : l.target_kind == "record" ? "records"
                                                  : "list_entries";
    links[key].push_back(l.target_id);
  }
  Json out = {{"id", c.id},
              {"kind", c.kind},
              {"kind_label", KindLabel(c.kind)},
              {"title", c.title},
              {"body", c.body},
              {"status", c.status},
              {"author", c.author},
              {"reviewer", OptText(c.reviewer)},
              {"review_note", OptText(c.review_note)},
              {"supersedes", c.supersedes == 0 ? Json(nullptr) : Json(c.supersedes)},
              {"links", links},
              {"created_at", c.created_at},
              {"submitted_at", OptText(c.submitted_at)},
              {"published_at", OptText(c.published_at)},
              {"display_until", OptText(c.display_until)},
              {"withdrawn_at", OptText(c.withdrawn_at)},
              {"withdrawn_by", OptText(c.withdrawn_by)},
              {"withdraw_reason", OptText(c.withdraw_reason)},
              {"shown", v.preview.has_value()}};
  if (!v.steps.empty()) out["steps"] = StepsJson(v.steps);
  if (v.preview) out["public_preview"] = PublicJson(*v.preview, true);
  return out;
}

Result<CaseInput> ParseCase(const Json& b) {
  CaseInput in;
  XY_ASSIGN_OR_RETURN(in.kind, StringField(b, "kind", false));
  XY_ASSIGN_OR_RETURN(in.title, StringField(b, "title", false));
  XY_ASSIGN_OR_RETURN(in.body, StringField(b, "body", false));
  auto subjects = b.find("subjects");
  if (subjects != b.end() && !subjects->is_null()) {
    if (!subjects->is_array()) return InvalidArgument("subjects: 应为统一社会信用代码的数组");
    for (const auto& s : *subjects) {
      if (!s.is_string()) return InvalidArgument("subjects: 应为统一社会信用代码的数组");
      in.subjects.push_back(s.get<std::string>());
    }
  }
  for (auto [name, out] : {std::pair{"records", &in.records},
                           std::pair{"list_entries", &in.list_entries}}) {
    auto it = b.find(name);
    if (it == b.end() || it->is_null()) continue;
    if (!it->is_array()) return InvalidArgument(std::string(name) + ": 应为编号的数组");
    for (const auto& x : *it) {
      if (!x.is_number_integer() || x.get<int64_t>() <= 0) {
        return InvalidArgument(std::string(name) + ": 应为正整数编号的数组");
      }
      out->push_back(x.get<int64_t>());
    }
  }
  in.supersedes = IntOf(b, "supersedes", 0, 0, INT64_MAX);
  return in;
}

}  // namespace

void RegisterCaseRoutes(Router& router, ApiDeps& deps) {
  CaseService& cases = deps.cases;

  router.Add("GET", "/api/v1/public/cases",
             Limited(deps.limits.reads, deps.limits, deps.clock, [&cases](HttpRequest& req) {
               auto page = IntQuery(req, "page", 1);
               if (!page.ok()) return ErrorResponse(page.status());
               auto size = IntQuery(req, "size", 20);
               if (!size.ok()) return ErrorResponse(size.status());
               if (*page < 1 || *page > 50) return ErrorResponse(InvalidArgument("page: 应为1到50"));
               if (*size < 1 || *size > 50) return ErrorResponse(InvalidArgument("size: 应为1到50"));
               auto list = cases.PublicList(req.Query("kind"),
                                            static_cast<int>((*page - 1) * *size),
                                            static_cast<int>(*size));
               if (!list.ok()) return ErrorResponse(list.status());
               Json items = Json::array();
               for (const auto& v : *list) items.push_back(PublicJson(v, false));
               return Ok({{"items", items}, {"page", *page}, {"size", *size}});
             }));
  router.Add("GET", "/api/v1/public/cases/{id}",
             Limited(deps.limits.reads, deps.limits, deps.clock, [&cases](HttpRequest& req) {
               auto id = PathId(req);
               if (!id.ok()) return ErrorResponse(id.status());
               auto v = cases.PublicGet(*id);
               if (!v.ok()) return ErrorResponse(v.status());
               return Ok(PublicJson(*v, true));
             }));

  const auto readers = {Role::kAdmin, Role::kAuditor};
  router.Add("GET", "/api/v1/cases",
             Authed(deps.accounts, readers, [&cases](HttpRequest& req, const Principal& p) {
               auto before = IntQuery(req, "before", 0);
               if (!before.ok()) return ErrorResponse(before.status());
               auto limit = IntQuery(req, "limit", 50);
               if (!limit.ok()) return ErrorResponse(limit.status());
               if (*limit < 1 || *limit > 200) return ErrorResponse(InvalidArgument("limit: 应为1到200"));
               auto list = cases.List(p, req.Query("status"), req.Query("kind"), *before,
                                      static_cast<int>(*limit));
               if (!list.ok()) return ErrorResponse(list.status());
               Json items = Json::array();
               for (const auto& v : *list) items.push_back(StaffJson(v));
               Json out = {{"items", items}, {"next_before", nullptr}};
               if (!list->empty() && static_cast<int64_t>(list->size()) == *limit) {
                 out["next_before"] = list->back().c.id;
               }
               return Ok(out);
             }));
  router.Add("GET", "/api/v1/cases/{id}",
             Authed(deps.accounts, readers, [&cases](HttpRequest& req, const Principal& p) {
               auto id = PathId(req);
               if (!id.ok()) return ErrorResponse(id.status());
               auto v = cases.Get(p, *id);
               if (!v.ok()) return ErrorResponse(v.status());
               return Ok(StaffJson(*v));
             }));
  router.Add("POST", "/api/v1/cases",
             Authed(deps.accounts, {Role::kAdmin}, [&cases](HttpRequest& req, const Principal& p) {
               auto body = ParseObject(req);
               if (!body.ok()) return ErrorResponse(body.status());
               auto in = ParseCase(*body);
               if (!in.ok()) return ErrorResponse(in.status());
               auto v = cases.Draft(p, *in);
               if (!v.ok()) return ErrorResponse(v.status());
               return Ok(StaffJson(*v), 201);
             }));
  router.Add("PUT", "/api/v1/cases/{id}",
             Authed(deps.accounts, {Role::kAdmin}, [&cases](HttpRequest& req, const Principal& p) {
               auto id = PathId(req);
               if (!id.ok()) return ErrorResponse(id.status());
               auto body = ParseObject(req);
               if (!body.ok()) return ErrorResponse(body.status());
               auto in = ParseCase(*body);
               if (!in.ok()) return ErrorResponse(in.status());
               auto v = cases.Edit(p, *id, *in);
               if (!v.ok()) return ErrorResponse(v.status());
               return Ok(StaffJson(*v));
             }));
  const auto step = [&](const char* path, auto call) {
    router.Add("POST", std::string("/api/v1/cases/{id}/") + path,
               Authed(deps.accounts, {Role::kAdmin}, [call](HttpRequest& req, const Principal& p) {
                 auto id = PathId(req);
                 if (!id.ok()) return ErrorResponse(id.status());
                 auto body = ParseOptionalObject(req);
                 if (!body.ok()) return ErrorResponse(body.status());
                 Result<CaseView> v = call(p, *id, *body);
                 if (!v.ok()) return ErrorResponse(v.status());
                 return Ok(StaffJson(*v));
               }));
  };
  step("submit", [&cases](const Principal& p, int64_t id, const Json&) -> Result<CaseView> {
    return cases.Submit(p, id);
  });
  step("approve", [&cases](const Principal& p, int64_t id, const Json& b) -> Result<CaseView> {
    XY_ASSIGN_OR_RETURN(std::string note, StringField(b, "note", false));
    XY_ASSIGN_OR_RETURN(std::string until, StringField(b, "display_until", false));
    return cases.Approve(p, id, note, until);
  });
  step("return", [&cases](const Principal& p, int64_t id, const Json& b) -> Result<CaseView> {
    XY_ASSIGN_OR_RETURN(std::string reason, StringField(b, "reason", false));
    return cases.Return(p, id, reason);
  });
  step("withdraw", [&cases](const Principal& p, int64_t id, const Json& b) -> Result<CaseView> {
    XY_ASSIGN_OR_RETURN(std::string reason, StringField(b, "reason", false));
    return cases.Withdraw(p, id, reason);
  });
}

}  // namespace xinyong::http
