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
  RegisterSubscriptionRoutes(router, deps);
  RegisterRightsRoutes(router, deps);
  RegisterBrowseRoutes(router, deps);
  RegisterSearchRoutes(router, deps);
  // Bodies from the public: log-in, objections and repair applications. Every other body is
  // read only when the request carries a credential.
  router.RequireCredentialForBodies({"/api/v1/sessions", "/api/v1/objections",
                                     "/api/v1/repairs/eligibility", "/api/v1/repairs",
                                     "/api/v1/objections/{id}/resend-code",
                                     "/api/v1/repairs/{id}/resend-code"});
}

}  // namespace xinyong::http
