// Browsing: the console's tables (records, batches, list entries, lists over time), the
// catalogue, and the public pages' tables (双公示, 红名单 and 严重失信主体名单, counts).
#include <algorithm>

#include "core/date.h"
#include "domain/catalogue.h"
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "http/handlers/views.h"
#include "rules/measures.h"
#include "service/browse_service.h"

namespace xinyong::http {
namespace {

Json SubjectRefJson(const SubjectIndexRow& s) { return {{"name", s.name}, {"code", s.code}}; }
Json DepartmentRefJson(const Department& d) { return {{"code", d.code}, {"name", d.name}}; }

// The console's row: the record, its item's name, department and subject.
Json RecordRowJson(const RecordRow& r) {
  Json out = RecordJson(r.record);
  out["item_name"] = r.item_name;
  out["department"] = DepartmentRefJson(r.department);
  out["subject"] = SubjectRefJson(r.subject);
  return out;
}

std::string FieldOf(const Json& fields, const std::string& code) {
  auto it = fields.find(code);
  if (it == fields.end() || it->is_null()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

// A coded value as people read it: "04" of 许可类别 is "其他"; several values joined by "、".
std::string LabelOf(const Catalogue& catalogue, const std::string& item, const std::string& field,
                    const std::string& value) {
  const CatalogueItem* it = catalogue.Find(item);
  const FieldSpec* spec = it ? it->FindField(field) : nullptr;
  if (!spec || !spec->code_list || value.empty()) return value;
  std::string out;
  size_t start = 0;
  while (start <= value.size()) {
    size_t end = value.find(';', start);
    if (end == std::string::npos) end = value.size();
    std::string code = value.substr(start, end - start);
    const CodeEntry* e = spec->code_list->FindCode(code);
    if (!out.empty()) out += "、";
    out += e ? e->name : code;
    start = end + 1;
  }
  return out;
}

// A 双公示 row as the public sees it: the document number, what was decided, by whom, when.
Json PublicRecordJson(const RecordRow& r, const Catalogue& catalogue) {
  Json fields = Json::parse(r.fields, nullptr, false);
  if (!fields.is_object()) fields = Json::object();
  const std::string& item = r.record.item_code;
  std::string title = FieldOf(fields, item == "CF" ? "CF_WFXW" : item + "_XKWS");
  const std::string kind_field = item == "CF" ? "CF_CFLB" : item + "_XKLB";
  std::string kind = LabelOf(catalogue, item, kind_field, FieldOf(fields, kind_field));
  std::string content = FieldOf(fields, item + "_NR");
  std::string summary = kind.empty() ? content : content.empty() ? kind : kind + "：" + content;
  return {{"id", r.record.id},
          {"item", item},
          {"item_name", r.item_name},
          {"document", FieldOf(fields, item + "_WSH")},
          {"title", title.empty() ? r.item_name : title},
          {"summary", summary},
          {"subject", SubjectRefJson(r.subject)},
          {"department", DepartmentRefJson(r.department)},
          {"decision_date", r.record.decision_date},
          {"display_until",
           r.record.display.until.empty() ? Json(nullptr) : Json(r.record.display.until)},
          {"disputed_label", r.record.disputed_since.empty() ? Json(nullptr) : Json("异议处理中")}};
}

Json PublicEntryJson(const EntryRow& r, const MeasureList& measures) {
  const ListEntry& e = r.entry;
  const Domain* domain = measures.FindDomain(e.domain);
  auto opt = [](const std::string& v) { return v.empty() ? Json(nullptr) : Json(v); };
  return {{"id", e.id},
          {"list_kind", e.list_kind},
          {"list_name", ListKindLabel(e.list_kind)},
          {"domain", opt(e.domain)},
          {"domain_name", domain ? Json(domain->name) : Json(nullptr)},
          {"basis", e.basis},
          {"decision_document", std::string(ShownDocument(e.decision_document))},
          {"valid_from", e.valid_from},
          {"valid_until", opt(e.valid_until)},
          {"disputed_label", e.disputed_since.empty() ? Json(nullptr) : Json("异议处理中")},
          {"subject", SubjectRefJson(r.subject)}};
}

template <typename T>
Json PageJson(const PublicPage<T>& p, Json items) {
  return {{"total", p.total}, {"capped", p.capped},     {"page", p.page},
          {"size", p.size},   {"max_page", p.max_page}, {"items", std::move(items)}};
}

struct Paging {
  int page = 1;
  int size = 20;
};
Result<Paging> PagingOf(const HttpRequest& req) {
  XY_ASSIGN_OR_RETURN(int64_t page, IntQuery(req, "page", 1));
  XY_ASSIGN_OR_RETURN(int64_t size, IntQuery(req, "size", 20));
  if (page < 1 || page > 100000) return InvalidArgument("page: 页码应为正整数");
  if (size < 1 || size > 1000) return InvalidArgument("size: 每页条数应为正整数");
  return Paging{static_cast<int>(page), static_cast<int>(size)};
}

// The console's keyset paging: ?before=ID (newest first below it) and ?limit=N (checked by
// the service; out-of-range values stay out of range).
struct Keyset {
  int64_t before = 0;
  int limit = 50;
};
Result<Keyset> KeysetOf(const HttpRequest& req) {
  XY_ASSIGN_OR_RETURN(int64_t before, IntQuery(req, "before", 0));
  XY_ASSIGN_OR_RETURN(int64_t limit, IntQuery(req, "limit", 50));
  return Keyset{before, static_cast<int>(std::clamp<int64_t>(limit, -1, 100000))};
}

// The department named by ?department=CODE, or 0; not_found for an unknown code.
Result<int64_t> DepartmentQuery(BrowseService& browse, const HttpRequest& req) {
  std::string code = req.Query("department");
  if (code.empty()) return int64_t{0};
  XY_ASSIGN_OR_RETURN(auto deps, browse.Departments());
  for (const auto& d : deps) {
    if (d.code == code) return d.id;
  }
  return InvalidArgument("department: 没有代码为“" + code + "”的部门");
}

Json AnnouncementJson(const Announcement& a, bool staff) {
  Json out = {{"id", a.id}, {"title", a.title}, {"body", a.body}, {"published_at", a.published_at}};
  if (staff) {
    out["author"] = a.author;
    out["withdrawn_at"] = a.withdrawn_at.empty() ? Json(nullptr) : Json(a.withdrawn_at);
    out["withdraw_reason"] = a.withdraw_reason.empty() ? Json(nullptr) : Json(a.withdraw_reason);
  }
  return out;
}

}  // namespace

void RegisterBrowseRoutes(Router& router, ApiDeps& deps) {
  BrowseService& browse = deps.browse;

  // The catalogue (公共信用信息目录): items and their columns, for upload forms and templates.
  router.Add("GET", "/api/v1/catalogue", [&deps](HttpRequest&) {
    Json items = Json::array();
    for (const auto& item : deps.catalogue.items()) {
      Json fields = Json::array();
      for (const auto& f : item.fields) {
        fields.push_back({{"code", f.code}, {"name", f.name}, {"required", f.required}});
      }
      items.push_back({{"code", item.code},
                       {"name", item.name},
                       {"category", item.category},
                       {"disclosure", DisclosureName(item.disclosure)},
                       {"fields", fields}});
    }
    return Ok({{"items", items}});
  });

  router.Add("GET", "/api/v1/records",
             Authed(deps.accounts, {Role::kAdmin, Role::kAuditor, Role::kOperator},
                    [&browse](HttpRequest& req, const Principal& p) {
                      RecordQuery q;
                      auto dep = DepartmentQuery(browse, req);
                      if (!dep.ok()) return ErrorResponse(dep.status());
                      q.department_id = *dep;
                      q.item_code = req.Query("item");
                      q.status = req.Query("status");
                      auto page = KeysetOf(req);
                      if (!page.ok()) return ErrorResponse(page.status());
                      q.before_id = page->before;
                      q.limit = page->limit;
                      auto rows = browse.Records(p, q);
                      if (!rows.ok()) return ErrorResponse(rows.status());
                      Json items = Json::array();
                      for (const auto& r : *rows) items.push_back(RecordRowJson(r));
                      Json next = rows->size() == static_cast<size_t>(q.limit)
                                      ? Json(rows->back().record.id)
                                      : Json(nullptr);
                      return Ok({{"items", items}, {"next_before", next}});
                    }));

  router.Add("GET", "/api/v1/batches",
             Authed(deps.accounts, {Role::kAdmin, Role::kAuditor, Role::kOperator},
                    [&browse](HttpRequest& req, const Principal& p) {
                      auto page = KeysetOf(req);
                      if (!page.ok()) return ErrorResponse(page.status());
                      const int lim = page->limit;
                      auto batches = browse.Batches(p, page->before, lim);
                      if (!batches.ok()) return ErrorResponse(batches.status());
                      auto departments = browse.Departments();
                      if (!departments.ok()) return ErrorResponse(departments.status());
                      Json items = Json::array();
                      for (const auto& b : *batches) {
                        Json dep = nullptr;
                        for (const auto& d : *departments) {
                          if (d.id == b.department_id) dep = DepartmentRefJson(d);
                        }
                        items.push_back({{"id", b.id},
                                         {"item", b.item_code},
                                         {"channel", b.channel},
                                         {"file_name", b.file_name},
                                         {"encoding", b.encoding},
                                         {"status", b.status},
                                         {"accepted", b.accepted},
                                         {"unchanged", b.unchanged},
                                         {"rejected", b.rejected},
                                         {"received_at", b.received_at},
                                         {"actor", b.actor},
                                         {"department", dep}});
                      }
                      Json next = batches->size() == static_cast<size_t>(lim)
                                      ? Json(batches->back().id)
                                      : Json(nullptr);
                      return Ok({{"items", items}, {"next_before", next}});
                    }));

  router.Add("GET", "/api/v1/lists/entries",
             Authed(deps.accounts, {Role::kAdmin, Role::kAuditor, Role::kOperator},
                    [&browse](HttpRequest& req, const Principal& p) {
                      EntryQuery q;
                      q.list_kind = req.Query("list_kind");
                      q.status = req.Query("status");
                      q.domain = req.Query("domain");
                      auto page = KeysetOf(req);
                      if (!page.ok()) return ErrorResponse(page.status());
                      q.before_id = page->before;
                      q.limit = page->limit;
                      auto rows = browse.Entries(p, q);
                      if (!rows.ok()) return ErrorResponse(rows.status());
                      Json items = Json::array();
                      for (const auto& r : *rows) {
                        Json e = ListEntryJson(r.entry);
                        e["subject"] = SubjectRefJson(r.subject);
                        items.push_back(std::move(e));
                      }
                      Json next = rows->size() == static_cast<size_t>(q.limit)
                                      ? Json(rows->back().entry.id)
                                      : Json(nullptr);
                      return Ok({{"items", items}, {"next_before", next}});
                    }));

  router.Add("GET", "/api/v1/stats/lists",
             Authed(deps.accounts, {Role::kAdmin, Role::kAuditor, Role::kOperator, Role::kOfficer},
                    [&browse](HttpRequest& req, const Principal&) {
                      auto months = IntQuery(req, "months", 24);
                      if (!months.ok()) return ErrorResponse(months.status());
                      auto m = browse.ListsOverTime(
                          static_cast<int>(std::clamp<int64_t>(*months, -1, 100000)));
                      if (!m.ok()) return ErrorResponse(m.status());
                      Json out = Json::array();
                      for (const auto& x : *m) {
                        out.push_back({{"month", x.month},
                                       {"decided", x.decided},
                                       {"exited", x.exited},
                                       {"active", x.active}});
                      }
                      return Ok({{"months", out}});
                    }));

  // --- 通知公告 ---
  // Public: the announcements shown now. Staff (admin, auditor) with ?all=true also see the
  // withdrawn ones, with who published them and why they were withdrawn.
  router.Add(
      "GET", "/api/v1/announcements",
      Limited(deps.limits.reads, deps.limits, deps.clock,
              MaybeAuthed(
                  deps.accounts, [&browse](HttpRequest& req, const std::optional<Principal>& p) {
                    const bool staff = p && (p->role == Role::kAdmin || p->role == Role::kAuditor);
                    const bool all = staff && req.Query("all") == "true";
                    auto limit = IntQuery(req, "limit", 10);
                    if (!limit.ok()) return ErrorResponse(limit.status());
                    auto list = browse.Announcements(
                        all, static_cast<int>(std::clamp<int64_t>(*limit, -1, 100000)));
                    if (!list.ok()) return ErrorResponse(list.status());
                    Json items = Json::array();
                    for (const auto& a : *list) items.push_back(AnnouncementJson(a, staff));
                    return Ok({{"items", items}});
                  })));
  router.Add("POST", "/api/v1/announcements",
             Authed(deps.accounts, {Role::kAdmin}, [&browse](HttpRequest& req, const Principal& p) {
               auto body = ParseObject(req);
               if (!body.ok()) return ErrorResponse(body.status());
               auto title = StringField(*body, "title", true);
               if (!title.ok()) return ErrorResponse(title.status());
               auto text = StringField(*body, "body", true);
               if (!text.ok()) return ErrorResponse(text.status());
               auto a = browse.Announce(p, *title, *text);
               if (!a.ok()) return ErrorResponse(a.status());
               return Ok(AnnouncementJson(*a, true), 201);
             }));
  router.Add("POST", "/api/v1/announcements/{id}/withdraw",
             Authed(deps.accounts, {Role::kAdmin}, [&browse](HttpRequest& req, const Principal& p) {
               auto id = PathId(req);
               if (!id.ok()) return ErrorResponse(id.status());
               auto body = ParseObject(req);
               if (!body.ok()) return ErrorResponse(body.status());
               auto reason = StringField(*body, "reason", true);
               if (!reason.ok()) return ErrorResponse(reason.status());
               auto a = browse.Withdraw(p, *id, *reason);
               if (!a.ok()) return ErrorResponse(a.status());
               return Ok(AnnouncementJson(*a, true));
             }));

  // --- Public ---
  router.Add(
      "GET", "/api/v1/public/records",
      Limited(deps.limits.reads, deps.limits, deps.clock, [&browse, &deps](HttpRequest& req) {
        auto paging = PagingOf(req);
        if (!paging.ok()) return ErrorResponse(paging.status());
        RecordQuery q;
        auto dep = DepartmentQuery(browse, req);
        if (!dep.ok()) return ErrorResponse(dep.status());
        q.department_id = *dep;
        q.item_code = req.Query("item");  // "" = 全部 (行政许可 and 行政处罚)
        for (const auto& [param, target] :
             {std::pair{"from", &q.decided_from}, std::pair{"to", &q.decided_to}}) {
          std::string v = req.Query(param);
          if (v.empty()) continue;
          auto d = Date::Parse(v);
          if (!d.ok())
            return ErrorResponse(InvalidArgument(std::string(param) + ": " + d.status().message()));
          *target = d->ToString();
        }
        auto page = browse.PublicRecords(q, paging->page, paging->size);
        if (!page.ok()) return ErrorResponse(page.status());
        Json items = Json::array();
        for (const auto& r : page->items) items.push_back(PublicRecordJson(r, deps.catalogue));
        return Ok(PageJson(*page, std::move(items)));
      }));

  router.Add(
      "GET", "/api/v1/public/lists",
      Limited(deps.limits.reads, deps.limits, deps.clock, [&browse, &deps](HttpRequest& req) {
        auto paging = PagingOf(req);
        if (!paging.ok()) return ErrorResponse(paging.status());
        auto page =
            browse.PublicLists(req.Query("kind"), req.Query("domain"), paging->page, paging->size);
        if (!page.ok()) return ErrorResponse(page.status());
        Json items = Json::array();
        for (const auto& r : page->items) items.push_back(PublicEntryJson(r, deps.measures));
        Json out = PageJson(*page, std::move(items));
        Json domains = Json::array();
        for (const auto& d : deps.measures.domains()) {
          domains.push_back({{"code", d.code}, {"name", d.name}});
        }
        out["domains"] = domains;
        return Ok(out);
      }));

  router.Add("GET", "/api/v1/public/stats",
             Limited(deps.limits.reads, deps.limits, deps.clock, [&browse, &deps](HttpRequest&) {
               auto c = browse.Counts();
               if (!c.ok()) return ErrorResponse(c.status());
               Json latest = Json::array();
               for (const auto& r : c->latest)
                 latest.push_back(PublicRecordJson(r, deps.catalogue));
               Json red = Json::array();
               for (const auto& r : c->red_list) red.push_back(PublicEntryJson(r, deps.measures));
               return Ok({{"subjects", c->subjects},
                          {"records", c->records},
                          {"red", c->red},
                          {"serious", c->serious},
                          {"latest", latest},
                          {"red_list", red}});
             }));

  router.Add("GET", "/api/v1/public/departments",
             Limited(deps.limits.reads, deps.limits, deps.clock, [&browse](HttpRequest&) {
               auto list = browse.Departments();
               if (!list.ok()) return ErrorResponse(list.status());
               Json items = Json::array();
               for (const auto& d : *list) items.push_back(DepartmentRefJson(d));
               return Ok({{"items", items}});
             }));
}

}  // namespace xinyong::http
