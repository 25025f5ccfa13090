#include "http/handlers/api.h"

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
}

}  // namespace xinyong::http
