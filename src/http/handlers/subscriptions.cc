// Subscriptions of implementing departments to list changes (信息推送): create, read,
// deactivate, the watch list, and each subscription's own pull feed.
#include <algorithm>

#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "http/handlers/views.h"
#include "service/subscription_service.h"

namespace xinyong::http {
namespace {

// An array of strings; "" members and other types are errors naming the member.
Result<std::vector<std::string>> StringArray(const Json& obj, const char* name) {
  std::vector<std::string> out;
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return out;
  if (!it->is_array()) return InvalidArgument(std::string(name) + ": 应为字符串数组");
  for (size_t i = 0; i < it->size(); ++i) {
    const Json& v = (*it)[i];
    if (!v.is_string() || v.get<std::string>().empty()) {
      return InvalidArgument(std::string(name) + "[" + std::to_string(i) + "]: 应为非空字符串");
    }
    out.push_back(v.get<std::string>());
  }
  return out;
}

}  // namespace

void RegisterSubscriptionRoutes(Router& router, ApiDeps& deps) {
  SubscriptionService& subs = deps.subscriptions;
  router.Add(
      "POST", "/api/v1/subscriptions",
      Authed(deps.accounts, {Role::kOfficer, Role::kAdmin},
             [&subs](HttpRequest& req, const Principal& p) {
               auto body = ParseObject(req);
               if (!body.ok()) return ErrorResponse(body.status());
               SubscriptionRequest r;
               for (auto [field, target] :
                    {std::pair{"name", &r.name}, std::pair{"scope", &r.scope},
                     std::pair{"region", &r.region}, std::pair{"webhook_url", &r.webhook_url},
                     std::pair{"department_code", &r.department_code}}) {
                 auto v = StringField(*body, field, false);
                 if (!v.ok()) return ErrorResponse(v.status());
                 if (!v->empty()) *target = *v;
               }
               auto subjects = StringArray(*body, "subjects");
               if (!subjects.ok()) return ErrorResponse(subjects.status());
               r.subjects = *subjects;
               auto created = subs.Create(p, r);
               if (!created.ok()) return ErrorResponse(created.status());
               Json out = SubscriptionJson(created->subscription);
               // Shown once: the receiver needs it to verify X-Xinyong-Signature.
               out["secret"] = created->secret.empty() ? Json(nullptr) : Json(created->secret);
               return Ok(out, 201);
             }));
  router.Add("GET", "/api/v1/subscriptions",
             Authed(deps.accounts, {Role::kOfficer, Role::kAdmin, Role::kAuditor},
                    [&subs](HttpRequest&, const Principal& p) {
                      auto all = subs.List(p);
                      if (!all.ok()) return ErrorResponse(all.status());
                      Json items = Json::array();
                      for (const auto& s : *all) items.push_back(SubscriptionJson(s));
                      return Ok({{"items", items}});
                    }));
  router.Add("GET", "/api/v1/subscriptions/{id}",
             Authed(deps.accounts, {Role::kOfficer, Role::kAdmin, Role::kAuditor},
                    [&subs](HttpRequest& req, const Principal& p) {
                      auto id = PathId(req);
                      if (!id.ok()) return ErrorResponse(id.status());
                      auto s = subs.Get(p, *id);
                      if (!s.ok()) return ErrorResponse(s.status());
                      return Ok(SubscriptionJson(*s));
                    }));
  router.Add("DELETE", "/api/v1/subscriptions/{id}",
             Authed(deps.accounts, {Role::kOfficer, Role::kAdmin},
                    [&subs](HttpRequest& req, const Principal& p) {
                      auto id = PathId(req);
                      if (!id.ok()) return ErrorResponse(id.status());
                      auto s = subs.Deactivate(p, *id);
                      if (!s.ok()) return ErrorResponse(s.status());
                      return Ok(SubscriptionJson(*s));
                    }));
  router.Add("GET", "/api/v1/subscriptions/{id}/watch",
             Authed(deps.accounts, {Role::kOfficer, Role::kAdmin, Role::kAuditor},
                    [&subs](HttpRequest& req, const Principal& p) {
                      auto id = PathId(req);
                      if (!id.ok()) return ErrorResponse(id.status());
                      auto codes = subs.Watched(p, *id);
                      if (!codes.ok()) return ErrorResponse(codes.status());
                      return Ok({{"subjects", *codes}});
                    }));
  // {"add":[codes],"remove":[codes]}
  router.Add("POST", "/api/v1/subscriptions/{id}/watch",
             Authed(deps.accounts, {Role::kOfficer, Role::kAdmin},
                    [&subs](HttpRequest& req, const Principal& p) {
                      auto id = PathId(req);
                      if (!id.ok()) return ErrorResponse(id.status());
                      auto body = ParseObject(req);
                      if (!body.ok()) return ErrorResponse(body.status());
                      auto add = StringArray(*body, "add");
                      if (!add.ok()) return ErrorResponse(add.status());
                      auto remove = StringArray(*body, "remove");
                      if (!remove.ok()) return ErrorResponse(remove.status());
                      if (add->empty() && remove->empty()) {
                        return ErrorResponse(InvalidArgument("add, remove: 至少填写一项"));
                      }
                      if (!add->empty()) {
                        Status st = subs.Watch(p, *id, *add, true);
                        if (!st.ok()) return ErrorResponse(st);
                      }
                      if (!remove->empty()) {
                        Status st = subs.Watch(p, *id, *remove, false);
                        if (!st.ok()) return ErrorResponse(st);
                      }
                      auto codes = subs.Watched(p, *id);
                      if (!codes.ok()) return ErrorResponse(codes.status());
                      return Ok({{"subjects", *codes}});
                    }));
  router.Add("GET", "/api/v1/subscriptions/{id}/feed",
             Authed(deps.accounts, {Role::kOfficer, Role::kAdmin, Role::kAuditor},
                    [&subs](HttpRequest& req, const Principal& p) {
                      auto id = PathId(req);
                      if (!id.ok()) return ErrorResponse(id.status());
                      auto cursor = IntQuery(req, "cursor", 0);
                      if (!cursor.ok()) return ErrorResponse(cursor.status());
                      auto limit = IntQuery(req, "limit", 100);
                      if (!limit.ok()) return ErrorResponse(limit.status());
                      return FeedResponse(subs.Feed(
                          p, *id, *cursor, static_cast<int>(std::clamp<int64_t>(*limit, 0, 501))));
                    }));
}

}  // namespace xinyong::http
