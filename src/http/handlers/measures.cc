// The measure list (措施清单) with each measure's legal basis as it stands, and the credit
// office's confirmation of a basis against the official text (措施依据核实).
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "rules/measures.h"
#include "service/measures/basis_book.h"
#include "service/measures/basis_service.h"

namespace xinyong::http {
namespace {

Json BasisJson(const Measure& m, const BasisBook& book) {
  const LegalBasis basis = book.Of(m);
  Json out = {{"document", basis.document},
              {"article", basis.article},
              {"confirmed", basis.confirmed},
              {"confirmation", nullptr}};
  if (auto c = book.ConfirmationOf(m.code)) {
    out["confirmation"] = {{"source", c->source},
                           {"note", c->note},
                           {"confirmed_by", c->confirmed_by},
                           {"confirmed_at", c->confirmed_at}};
  }
  return out;
}

Json MeasureJson(const Measure& m, const BasisBook& book) {
  return {{"code", m.code},
          {"name", m.name},
          {"kind", std::string(MeasureKindName(m.kind))},
          {"group", m.group},
          {"mandatory", m.mandatory},
          {"basis", BasisJson(m, book)},
          {"implementing_departments", m.departments},
          {"scenarios", m.scenarios},
          {"binds_responsible_persons", m.binds_responsible_persons}};
}

}  // namespace

void RegisterMeasureRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/api/v1/measures", [&deps](HttpRequest&) {
    Json items = Json::array();
    for (const auto& m : deps.measures.measures()) items.push_back(MeasureJson(m, deps.basis_book));
    Json scenarios = Json::array();
    for (const auto& s : deps.measures.scenarios()) {
      scenarios.push_back({{"code", s.code}, {"name", s.name}});
    }
    // 合作备忘录: which departments signed which measures.
    Json memoranda = Json::array();
    for (const auto& m : deps.measures.memoranda()) {
      memoranda.push_back({{"number", m.number},
                           {"name", m.name},
                           {"date", m.date.empty() ? Json(nullptr) : Json(m.date)},
                           {"kind", std::string(MeasureKindName(m.kind))},
                           {"initiators", m.initiators},
                           {"cosigners", m.cosigners},
                           {"measures", m.measures}});
    }
    return Ok({{"items", items}, {"scenarios", scenarios}, {"memoranda", memoranda}});
  });

  router.Add("POST", "/api/v1/measures/{code}/basis-confirmation",
             Authed(deps.accounts, {Role::kAdmin}, [&deps](HttpRequest& req, const Principal& p) {
               auto body = ParseObject(req);
               if (!body.ok()) return ErrorResponse(body.status());
               BasisConfirmationRequest r{TextOf(*body, "article"), TextOf(*body, "document"),
                                          TextOf(*body, "source"), TextOf(*body, "note")};
               const std::string code = req.params["code"];
               auto c = deps.measure_bases.Confirm(p, code, r);
               if (!c.ok()) return ErrorResponse(c.status());
               return Ok(MeasureJson(*deps.measures.Find(code), deps.basis_book));
             }));
}

}  // namespace xinyong::http
