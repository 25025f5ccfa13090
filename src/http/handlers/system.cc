// GET /healthz (liveness), GET /readyz (the store answers), GET /metrics (Prometheus),
// GET / (a plain start page until the web front ends arrive).
#include "core/calendar.h"
#include "core/clock.h"
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "http/metrics.h"
#include "service/account_service.h"
#include "store/store.h"

namespace xinyong {
extern const char kOpenApiJson[];  // openapi_json.cc, generated
}  // namespace xinyong

namespace xinyong::http {

void RegisterSystemRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/healthz", [](HttpRequest&) { return Ok(Json{{"status", "ok"}}); });

  router.Add("GET", "/readyz", [&deps](HttpRequest&) {
    auto tx = deps.store.Begin(TxMode::kRead);
    if (!tx.ok()) return ErrorResponse(tx.status());
    auto head = (*tx)->GetEventHead();
    if (!head.ok()) return ErrorResponse(head.status());
    auto schema = deps.store.SchemaVersion();
    // Ready all the same when the calendar ends soon; the warning is for the operator.
    const auto last_day = deps.calendar.LastDay();
    Json warnings = Json::array();
    if (const std::string w = deps.calendar.EndingWarning(deps.clock.Today(), kCalendarWarningDays);
        !w.empty()) {
      warnings.push_back(w);
    }
    // A demonstration platform may run with a shifted clock: said here and on every page.
    const int64_t shift = deps.clock.ShiftMillis();
    if (shift != 0) {
      warnings.push_back("the clock is shifted by " + std::to_string(shift / 1000) +
                         " s (demonstration platform): every date and deadline uses " +
                         deps.clock.NowTimestamp());
    }
    return Ok(Json{{"status", "ready"},
                   {"clock",
                    {{"now", deps.clock.NowTimestamp()},
                     {"today", deps.clock.Today().ToString()},
                     {"shifted", shift != 0},
                     {"shift_seconds", shift / 1000}}},
                   {"calendar_provisional_from",
                    last_day ? Json(last_day->AddDays(1).ToString()) : Json(nullptr)},
                   {"store", std::string(deps.store.Kind())},
                   {"schema_version", schema.ok() ? *schema : 0},
                   {"events", head->seq},
                   {"version", deps.version},
                   {"calendar_until", last_day ? Json(last_day->ToString()) : Json(nullptr)},
                   {"warnings", warnings}});
  });

  // Per-route counts (failed log-ins among them) are for the operators: a client on this
  // machine, the scraper with the metrics token, or an admin or auditor.
  // The API contract: OpenAPI 3.1, every route with its roles and the schema of its answers
  // (docs/openapi.json, compiled in; scripts/openapi.py keeps it and checks it).
  router.Add("GET", "/api/v1/openapi.json", [](HttpRequest&) {
    HttpResponse r;
    r.body = kOpenApiJson;
    r.headers.emplace_back("Cache-Control", "public, max-age=300");
    return r;
  });

  router.Add("GET", "/metrics", [&deps](HttpRequest& req) {
    const std::string client = ClientAddress(req, deps.limits);
    const bool loopback = client.rfind("127.", 0) == 0 || client == "::1";
    const std::string bearer = BearerOf(req);
    bool allowed = loopback || (!deps.metrics_token.empty() && bearer == deps.metrics_token);
    if (!allowed && !bearer.empty()) {
      auto p = deps.accounts.Authenticate(bearer);
      allowed = p.ok() && (p->role == Role::kAdmin || p->role == Role::kAuditor);
    }
    if (!allowed) {
      return ErrorResponse(PermissionDenied(
          "metrics: 仅限本机、持监控令牌（metrics_token）的采集端或平台管理员、审计员读取"));
    }
    HttpResponse r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = deps.metrics.Render();
    return r;
  });
}

}  // namespace xinyong::http
