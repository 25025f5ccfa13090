// The public credit evaluation (公共信用综合评价): the model as published, a subject's grade
// explained (in full to the subject and to government staff; the grade alone to others when
// the model allows), its history, and a department's 双随机 draw weighted by grade
// (service/evaluation/evaluation_service.h).
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "service/account_service.h"
#include "service/evaluation/evaluation_service.h"

namespace xinyong::http {

void RegisterEvaluationRoutes(Router& router, ApiDeps& deps) {
  EvaluationService& evaluations = deps.evaluations;

  // Anyone may read how grades are made: the indicators, weights, bands and supervision.
  router.Add("GET", "/api/v1/evaluation-model",
             Limited(deps.limits.reads, deps.limits, deps.clock, [&evaluations](HttpRequest&) {
               return JsonResponse(200, evaluations.ModelJson());
             }));

  router.Add("GET", "/api/v1/subjects/{code}/evaluation",
             Limited(deps.limits.reads, deps.limits, deps.clock,
                     MaybeAuthed(deps.accounts, [&evaluations](HttpRequest& req,
                                                               const std::optional<Principal>& p) {
                       auto e = evaluations.Explain(p ? &*p : nullptr, req.params["code"]);
                       if (!e.ok()) return ErrorResponse(e.status());
                       return JsonResponse(200, *e);
                     })));

  router.Add("GET", "/api/v1/subjects/{code}/evaluation/history",
             Authed(deps.accounts,
                    {Role::kSubject, Role::kOperator, Role::kOfficer, Role::kAdmin, Role::kAuditor},
                    [&evaluations](HttpRequest& req, const Principal& p) {
                      auto before = IntQuery(req, "before", 0);
                      if (!before.ok()) return ErrorResponse(before.status());
                      auto limit = IntQuery(req, "limit", 50);
                      if (!limit.ok()) return ErrorResponse(limit.status());
                      auto list = evaluations.History(p, req.params["code"], *before,
                                                      static_cast<int>(*limit));
                      if (!list.ok()) return ErrorResponse(list.status());
                      Json items = Json::array();
                      for (const auto& c : *list) {
                        items.push_back({{"id", c.id},
                                         {"grade", c.grade},
                                         {"previous_grade", c.previous_grade},
                                         {"score", static_cast<double>(c.score_tenths) / 10.0},
                                         {"model", c.model},
                                         {"computed_at", c.computed_at},
                                         {"reason", c.reason}});
                      }
                      return Ok({{"items", items}});
                    }));

  // 双随机: which subjects a department inspects, drawn per grade at the model's ratios.
  router.Add("POST", "/api/v1/evaluations/sample",
             Authed(deps.accounts, {Role::kOfficer, Role::kAdmin},
                    [&evaluations](HttpRequest& req, const Principal& p) {
                      auto body = ParseObject(req);
                      if (!body.ok()) return ErrorResponse(body.status());
                      SampleRequest r;
                      auto dept = StringField(*body, "department", false);
                      if (!dept.ok()) return ErrorResponse(dept.status());
                      auto seed = StringField(*body, "seed", true);
                      if (!seed.ok()) return ErrorResponse(seed.status());
                      r.department_code = *dept;
                      r.seed = *seed;
                      auto draw = evaluations.Sample(p, r);
                      if (!draw.ok()) return ErrorResponse(draw.status());
                      Json grades = Json::array();
                      for (const auto& g : draw->grades) {
                        grades.push_back({{"grade", g.grade},
                                          {"population", g.population},
                                          {"ratio", g.ratio},
                                          {"drawn", g.drawn}});
                      }
                      Json picks = Json::array();
                      for (const auto& s : draw->picks) {
                        picks.push_back({{"code", s.code}, {"name", s.name}, {"grade", s.grade}});
                      }
                      return Ok({{"seed", draw->seed},
                                 {"department", draw->department},
                                 {"population_digest", draw->population_digest},
                                 {"grades", grades},
                                 {"subjects", picks}});
                    }));
}

}  // namespace xinyong::http
