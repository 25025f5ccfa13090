// Lists and their recognition workflow; the check and its feedback; the objection flag on
// records. (The measure list: measures.cc.)
#include <algorithm>
#include <memory>
#include <mutex>

#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "http/handlers/views.h"
#include "rules/measures.h"
#include "service/browse_service.h"
#include "service/check_service.h"
#include "service/list_service.h"

namespace xinyong::http {

HttpResponse FeedResponse(const Result<ListService::FeedPage>& page) {
  if (!page.ok()) return ErrorResponse(page.status());
  std::string body = "{\"items\":[";
  for (size_t i = 0; i < page->items.size(); ++i) {
    if (i > 0) body += ',';
    body += FeedItemJson(page->items[i]);
  }
  body += "],\"next_cursor\":" + std::to_string(page->next_cursor) + "}";
  return JsonResponse(200, std::move(body));
}

namespace {

HttpResponse EntryOr(const WorkingCalendar& cal, const Result<ListEntry>& r, int status = 200) {
  if (!r.ok()) return ErrorResponse(r.status());
  return Ok(ListEntryJson(*r, cal), status);
}

// Runs `f(body, id)` for a POST /api/v1/lists/entries/{id}/<step> route.
template <typename F>
Handler Step(AccountService& accounts, F f) {
  return Authed(accounts, {Role::kAdmin, Role::kOperator},
                [f](HttpRequest& req, const Principal& p) {
                  auto id = PathId(req);
                  if (!id.ok()) return ErrorResponse(id.status());
                  auto body = ParseObject(req);
                  if (!body.ok()) return ErrorResponse(body.status());
                  return f(p, *id, *body);
                });
}

}  // namespace

void RegisterListRoutes(Router& router, ApiDeps& deps) {
  ListService& lists = deps.lists;
  CheckService& checks = deps.checks;

  router.Add(
      "POST", "/api/v1/lists/entries",
      Authed(deps.accounts, {Role::kAdmin, Role::kOperator},
             [&lists, &cal = deps.calendar](HttpRequest& req, const Principal& p) {
               auto body = ParseObject(req);
               if (!body.ok()) return ErrorResponse(body.status());
               ProposeRequest r;
               for (auto [name, field] :
                    std::initializer_list<std::pair<const char*, std::string*>>{
                        {"subject", &r.subject_code},
                        {"list_kind", &r.list_kind},
                        {"domain", &r.domain},
                        {"basis", &r.basis},
                        {"facts", &r.facts},
                        {"department", &r.department_code}}) {
                 auto v = StringField(*body, name, false);
                 if (!v.ok()) return ErrorResponse(v.status());
                 *field = *v;
               }
               if (auto persons = body->find("responsible_persons");
                   persons != body->end() && persons->is_array()) {
                 for (size_t n = 0; n < persons->size(); ++n) {
                   const Json& person = (*persons)[n];
                   const std::string at = "responsible_persons[" + std::to_string(n) + "].";
                   if (!person.is_object()) {
                     return ErrorResponse(InvalidArgument("responsible_persons: 应为对象数组"));
                   }
                   ProposeRequest::Person x;
                   x.name = TextOf(person, "name", "", at + "name");
                   x.id_number = TextOf(person, "id_number", "", at + "id_number");
                   x.role = TextOf(person, "role", "legal_representative", at + "role");
                   r.responsible_persons.push_back(x);
                 }
               }
               return EntryOr(cal, lists.Propose(p, r), 201);
             }));

  // The entry with its subject's name and code (the console's entry page).
  router.Add("GET", "/api/v1/lists/entries/{id}",
             Authed(deps.accounts, {}, [&deps](HttpRequest& req, const Principal& p) {
               auto id = PathId(req);
               if (!id.ok()) return ErrorResponse(id.status());
               auto row = deps.browse.Entry(p, *id);
               if (!row.ok()) return ErrorResponse(row.status());
               Json out = ListEntryJson(row->entry, deps.calendar);
               out["subject"] = {{"name", row->subject.name}, {"code", row->subject.code}};
               return Ok(out);
             }));

  router.Add("POST", "/api/v1/lists/entries/{id}/notice",
             Step(deps.accounts,
                  [&lists, &cal = deps.calendar](const Principal& p, int64_t id, const Json& body) {
                    return EntryOr(
                        cal, lists.Notice(
                                 p, id, TextOf(body, "notice_document"),
                                 static_cast<int>(IntOf(body, "defence_working_days", 5, 1, 365))));
                  }));
  router.Add("POST", "/api/v1/lists/entries/{id}/decide",
             Step(deps.accounts,
                  [&lists, &cal = deps.calendar](const Principal& p, int64_t id, const Json& body) {
                    return EntryOr(
                        cal, lists.Decide(p, id, TextOf(body, "decision_document"),
                                          TextOf(body, "valid_from"), TextOf(body, "valid_until"),
                                          TextOf(body, "override_reason")));
                  }));
  router.Add("POST", "/api/v1/lists/entries/{id}/drop",
             Step(deps.accounts,
                  [&lists, &cal = deps.calendar](const Principal& p, int64_t id, const Json& body) {
                    return EntryOr(cal, lists.Drop(p, id, TextOf(body, "reason")));
                  }));
  router.Add("POST", "/api/v1/lists/entries/{id}/exit",
             Step(deps.accounts,
                  [&lists, &cal = deps.calendar](const Principal& p, int64_t id, const Json& body) {
                    return EntryOr(cal, lists.Exit(p, id, TextOf(body, "reason")));
                  }));

  router.Add("GET", "/api/v1/feed/lists",
             Authed(deps.accounts, {Role::kOfficer, Role::kAdmin, Role::kAuditor},
                    [&lists](HttpRequest& req, const Principal& p) {
                      auto cursor = IntQuery(req, "cursor", 0);
                      if (!cursor.ok()) return ErrorResponse(cursor.status());
                      auto limit = IntQuery(req, "limit", 100);
                      if (!limit.ok()) return ErrorResponse(limit.status());
                      return FeedResponse(lists.Feed(
                          p, *cursor, static_cast<int>(std::clamp<int64_t>(*limit, 0, 501))));
                    }));


  // The answer waits for the group commit of its check record without holding a worker
  // thread (HttpResponse::Deferred), so every waiting check can share one commit.
  router.Add("GET", "/api/v1/subjects/{code}/check",
             Authed(deps.accounts, {Role::kOfficer, Role::kAdmin},
                    [&checks](HttpRequest& req, const Principal& p) {
                      checks.CheckAsync(p, req.params["code"], req.Query("scenario"),
                                        [reply = req.reply_later](Result<CheckAnswer> a) {
                                          if (!a.ok()) return reply(ErrorResponse(a.status()));
                                          reply(JsonResponse(200, std::move(a->json)));
                                        });
                      return HttpResponse::Deferred();
                    }));

  // The batch form: one scenario, up to 100 subjects; each answer is its own recorded check,
  // and all of them go to the recorder at once (one or a few commits for the batch).
  router.Add(
      "POST", "/api/v1/checks",
      Authed(deps.accounts, {Role::kOfficer, Role::kAdmin},
             [&checks, &measures = deps.measures](HttpRequest& req, const Principal& p) {
               auto body = ParseObject(req);
               if (!body.ok()) return ErrorResponse(body.status());
               auto scenario = StringField(*body, "scenario", true);
               if (!scenario.ok()) return ErrorResponse(scenario.status());
               if (!measures.FindScenario(*scenario)) {
                 return ErrorResponse(InvalidArgument("scenario: 未知的业务场景“" + *scenario +
                                                      "”，见 GET /api/v1/measures"));
               }
               auto codes = body->find("subjects");
               if (codes == body->end() || !codes->is_array() || codes->empty() ||
                   codes->size() > 100) {
                 return ErrorResponse(InvalidArgument("subjects: 应为1到100个主体代码的数组"));
               }
               for (size_t i = 0; i < codes->size(); ++i) {
                 if (!(*codes)[i].is_string()) {
                   return ErrorResponse(
                       InvalidArgument("subjects[" + std::to_string(i) + "]: 应为字符串"));
                 }
               }
               // Collects the answers in order; the last one to arrive sends the reply.
               struct Gather {
                 std::mutex mu;
                 std::vector<std::string> parts;
                 size_t remaining = 0;
                 Status failure;
               };
               auto g = std::make_shared<Gather>();
               g->parts.resize(codes->size());
               g->remaining = codes->size();
               const Reply reply = req.reply_later;
               const std::string head =
                   "{\"scenario\":" + Json(*scenario).dump() + ",\"results\":[";
               for (size_t i = 0; i < codes->size(); ++i) {
                 const Json c = (*codes)[i];
                 checks.CheckAsync(
                     p, c.get<std::string>(), *scenario,
                     [g, i, c, reply, head](Result<CheckAnswer> answer) {
                       std::unique_lock lock(g->mu);
                       if (answer.ok()) {
                         // Answers are spliced in as they were hashed and recorded.
                         g->parts[i] =
                             "{\"subject\":" + c.dump() + ",\"answer\":" + answer->json + "}";
                       } else if (answer.status().code() == Code::kNotFound ||
                                  answer.status().code() == Code::kInvalidArgument) {
                         Json err = {{"subject", c},
                                     {"error",
                                      {{"code", std::string(CodeName(answer.status().code()))},
                                       {"message", answer.status().message()}}}};
                         g->parts[i] = err.dump();
                       } else if (g->failure.ok()) {
                         g->failure = answer.status();
                       }
                       if (--g->remaining > 0) return;
                       lock.unlock();
                       if (!g->failure.ok()) return reply(ErrorResponse(g->failure));
                       std::string out = head;
                       for (size_t k = 0; k < g->parts.size(); ++k) {
                         if (k) out += ",";
                         out += g->parts[k];
                       }
                       reply(JsonResponse(200, out + "]}"));
                     });
               }
               return HttpResponse::Deferred();
             }));

  router.Add("POST", "/api/v1/checks/{id}/feedback",
             Authed(deps.accounts, {Role::kOfficer, Role::kAdmin},
                    [&checks](HttpRequest& req, const Principal& p) {
                      auto id = PathId(req);
                      if (!id.ok()) return ErrorResponse(id.status());
                      auto body = ParseObject(req);
                      if (!body.ok()) return ErrorResponse(body.status());
                      std::vector<FeedbackItem> items;
                      auto list = body->find("items");
                      if (list == body->end() || !list->is_array()) {
                        return ErrorResponse(InvalidArgument("items: 应为数组"));
                      }
                      for (size_t n = 0; n < list->size(); ++n) {
                        const Json& i = (*list)[n];
                        if (!i.is_object())
                          return ErrorResponse(InvalidArgument("items: 应为对象数组"));
                        const std::string at = "items[" + std::to_string(n) + "].";
                        items.push_back({TextOf(i, "measure", "", at + "measure"),
                                         BoolOf(i, "applied", false, at + "applied"),
                                         TextOf(i, "reason", "", at + "reason")});
                      }
                      Status s = checks.Feedback(p, *id, items);
                      if (!s.ok()) return ErrorResponse(s);
                      return Ok({{"check_id", *id}, {"recorded", items.size()}}, 201);
                    }));

  // 我的核查: a department's checks, to come back to and report the measures not yet reported.
  const auto listed = [](const CheckService::Listed& l) {
    const CheckRecord& c = l.check;
    // Empty for a check recorded before the codes were kept ("*": feedback takes any measure).
    Json measures = NamedMeasures(c);
    Json feedback = Json::array();
    for (const auto& f : l.feedback) {
      feedback.push_back({{"measure", f.measure_code},
                          {"applied", f.applied},
                          {"reason", f.reason},
                          {"actor", f.actor},
                          {"at", f.at}});
    }
    return Json{{"id", c.id},
                {"department_id", c.department_id == 0 ? Json(nullptr) : Json(c.department_id)},
                {"actor", c.actor},
                {"subject_id", c.subject_id == 0 ? Json(nullptr) : Json(c.subject_id)},
                {"subject_name", l.subject_name},
                {"on_record", c.subject_id != 0},
                {"checked_code", c.checked_code},
                {"scenario", c.scenario},
                {"at", c.at},
                {"answer_sha256", c.answer_sha256},
                {"measures", measures},
                {"feedback", feedback}};
  };
  router.Add("GET", "/api/v1/checks",
             Authed(deps.accounts, {Role::kOfficer, Role::kOperator, Role::kAdmin, Role::kAuditor},
                    [&checks, listed](HttpRequest& req, const Principal& p) {
                      auto department = IntQuery(req, "department_id", 0);
                      auto before = IntQuery(req, "before", 0);
                      auto limit = IntQuery(req, "limit", 50);
                      for (const auto* r : {&department, &before, &limit}) {
                        if (!r->ok()) return ErrorResponse(r->status());
                      }
                      auto list = checks.List(p, *department, *before, static_cast<int>(*limit));
                      if (!list.ok()) return ErrorResponse(list.status());
                      Json items = Json::array();
                      for (const auto& l : *list) items.push_back(listed(l));
                      return Ok({{"items", items}});
                    }));
  router.Add("GET", "/api/v1/checks/{id}",
             Authed(deps.accounts, {Role::kOfficer, Role::kOperator, Role::kAdmin, Role::kAuditor},
                    [&checks, listed](HttpRequest& req, const Principal& p) {
                      auto id = PathId(req);
                      if (!id.ok()) return ErrorResponse(id.status());
                      auto got = checks.Get(p, *id);
                      if (!got.ok()) return ErrorResponse(got.status());
                      return Ok(listed(*got));
                    }));

  router.Add(
      "GET", "/api/v1/stats/checks",
      Authed(deps.accounts, {}, [&checks](HttpRequest&, const Principal& p) {
        auto stats = checks.Stats(p);
        if (!stats.ok()) return ErrorResponse(stats.status());
        Json items = Json::array();
        for (const auto& st : *stats) {
          items.push_back(
              {{"department_id", st.department_id == 0 ? Json(nullptr) : Json(st.department_id)},
               {"scenario", st.scenario},
               {"checks", st.checks},
               {"measures", st.measures},
               {"feedback", st.feedback},
               {"applied", st.applied},
               {"feedback_rate", st.measures == 0 ? 0.0
                                                  : static_cast<double>(st.feedback) /
                                                        static_cast<double>(st.measures)}});
        }
        return Ok({{"items", items}});
      }));

  router.Add("POST", "/api/v1/records/{id}/dispute",
             Authed(deps.accounts, {Role::kAdmin}, [&checks](HttpRequest& req, const Principal& p) {
               auto id = PathId(req);
               if (!id.ok()) return ErrorResponse(id.status());
               auto body = ParseObject(req);
               if (!body.ok()) return ErrorResponse(body.status());
               Status s = checks.SetRecordDisputed(p, *id, BoolOf(*body, "disputed", true),
                                                   TextOf(*body, "objection"));
               if (!s.ok()) return ErrorResponse(s);
               return Ok({{"record_id", *id}, {"disputed", BoolOf(*body, "disputed", true)}});
             }));
}

}  // namespace xinyong::http
