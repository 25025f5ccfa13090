#include "http/handlers/api.h"

#include "http/router.h"

#include "http/handlers/routes.h"

namespace xinyong::http {

void RegisterRoutes(Router& router, ApiDeps& deps) {
  RegisterSystemRoutes(router, deps);
  RegisterAccountRoutes(router, deps);
  RegisterSubjectRoutes(router, deps);
  RegisterAuditRoutes(router, deps);
  RegisterRecordRoutes(router, deps);
  RegisterListRoutes(router, deps);
  RegisterMeasureRoutes(router, deps);
  RegisterSubscriptionRoutes(router, deps);
  RegisterRightsRoutes(router, deps);
  RegisterBrowseRoutes(router, deps);
  RegisterSearchRoutes(router, deps);
  RegisterTipRoutes(router, deps);
  RegisterCaseRoutes(router, deps);
  RegisterMonitoringRoutes(router, deps);
  RegisterCommitmentRoutes(router, deps);
  RegisterReportRoutes(router, deps);
  RegisterEvaluationRoutes(router, deps);
  // Bodies from the public: log-in, objections and repair applications. Every other body is
  // read only when the request carries a credential.
  // Bodies without a credential only to the routes added with BodyFrom::kAnyone.
  router.RequireCredentialForBodies();
}

}  // namespace xinyong::http
