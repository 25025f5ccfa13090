// Per-resource route registration, one function per handler file; RegisterRoutes calls each.
#pragma once

#include "http/handlers/api.h"

#include <nlohmann/json.hpp>
#include <functional>
#include <string>

#include "http/message.h"
#include "http/router.h"
#include "service/list_service.h"

namespace xinyong::http {

void RegisterSystemRoutes(Router& router, ApiDeps& deps);        // system.cc
void RegisterAccountRoutes(Router& router, ApiDeps& deps);       // accounts.cc
void RegisterSubjectRoutes(Router& router, ApiDeps& deps);       // subjects.cc
void RegisterAuditRoutes(Router& router, ApiDeps& deps);         // audit.cc
void RegisterRecordRoutes(Router& router, ApiDeps& deps);        // records.cc
void RegisterListRoutes(Router& router, ApiDeps& deps);          // lists.cc
void RegisterMeasureRoutes(Router& router, ApiDeps& deps);       // measures.cc
void RegisterSubscriptionRoutes(Router& router, ApiDeps& deps);  // subscriptions.cc
void RegisterRightsRoutes(Router& router, ApiDeps& deps);        // rights.cc
void RegisterBrowseRoutes(Router& router, ApiDeps& deps);        // browse.cc
void RegisterSearchRoutes(Router& router, ApiDeps& deps);        // search.cc
void RegisterTipRoutes(Router& router, ApiDeps& deps);           // tips.cc
void RegisterCaseRoutes(Router& router, ApiDeps& deps);          // cases.cc
void RegisterMonitoringRoutes(Router& router, ApiDeps& deps);    // monitoring.cc
void RegisterCommitmentRoutes(Router& router, ApiDeps& deps);    // commitments.cc
void RegisterReportRoutes(Router& router, ApiDeps& deps);        // reports.cc
void RegisterEvaluationRoutes(Router& router, ApiDeps& deps);    // evaluations.cc

// POST …/{id}/resend-code of a case a member of the public follows with a 查询码 (objections,
// repairs, tips): `resend` sends a new code when the contact is the one given; the answer is
// the same either way (rights.cc).
Handler ResendCodeRoute(ApiDeps& deps,
                        std::function<Result<bool>(int64_t, const std::string&)> resend);

// The published commitments of one subject, for its public page (commitments.cc).
Result<nlohmann::json> PublicCommitmentsOf(CommitmentService& commitments, int64_t subject_id);

// {"items":[…],"next_cursor":N}; the items are the webhook bodies, verbatim (lists.cc).
HttpResponse FeedResponse(const Result<ListService::FeedPage>& page);

}  // namespace xinyong::http
