// Sessions, the current principal, departments, users, API keys.
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "http/handlers/views.h"
#include "service/account_service.h"

namespace xinyong::http {

void RegisterAccountRoutes(Router& router, ApiDeps& deps) {
  AccountService& accounts = deps.accounts;

  router.Add("POST", "/api/v1/sessions", [&accounts, &limits = deps.limits](HttpRequest& req) {
    auto body = ParseObject(req);
    if (!body.ok()) return ErrorResponse(body.status());
    auto username = StringField(*body, "username", true);
    if (!username.ok()) return ErrorResponse(username.status());
    auto password = StringField(*body, "password", true);
    if (!password.ok()) return ErrorResponse(password.status());
    const std::string client = ClientAddress(req, limits);
    auto login = accounts.Login(*username, *password, client);
    if (!login.ok()) {
      HttpResponse r = ErrorResponse(login.status());
      if (login.status().code() == Code::kResourceExhausted) {
        r.headers.emplace_back("Retry-After",
                               std::to_string(accounts.LoginRetryAfterSeconds(*username, client)));
      }
      return r;
    }
    HttpResponse r = Ok({{"token", login->token},
                         {"expires_at", login->expires_at},
                         {"user", UserJson(login->user)}},
                        201);
    // Behind the TLS-terminating proxy (trusted_proxy), the cookie is sent over TLS only.
    const bool tls = !limits.trusted_proxy.empty() && req.remote_address == limits.trusted_proxy &&
                     req.Header("x-forwarded-proto") == "https";
    r.headers.emplace_back("Set-Cookie", "xy_session=" + login->token +
                                             "; Path=/; HttpOnly; SameSite=Strict" +
                                             (tls ? "; Secure" : ""));
    return r;
  }, BodyFrom::kAnyone);

  router.Add("DELETE", "/api/v1/sessions/current", [&accounts](HttpRequest& req) {
    bool from_cookie = false;
    const std::string bearer = BearerOf(req, &from_cookie);
    if (from_cookie && !bearer.empty()) {
      if (Status csrf = CheckCookieRequest(req); !csrf.ok()) return ErrorResponse(csrf);
    }
    Status s = accounts.Logout(bearer);
    if (!s.ok()) return ErrorResponse(s);
    HttpResponse r;
    r.status = 204;
    r.headers.emplace_back("Set-Cookie", "xy_session=; Path=/; Max-Age=0");
    return r;
  });

  router.Add("GET", "/api/v1/me", Authed(accounts, {}, [](HttpRequest&, const Principal& p) {
               return Ok({{"actor", p.actor},
                          {"role", RoleName(p.role)},
                          {"user_id", p.user_id == 0 ? Json(nullptr) : Json(p.user_id)},
                          {"department_id",
                           p.department_id == 0 ? Json(nullptr) : Json(p.department_id)}});
             }));

  router.Add("GET", "/api/v1/departments",
             Authed(accounts, {}, [&accounts](HttpRequest&, const Principal& p) {
               auto list = accounts.ListDepartments(p);
               if (!list.ok()) return ErrorResponse(list.status());
               Json items = Json::array();
               for (const auto& d : *list) items.push_back(DepartmentJson(d));
               return Ok({{"items", items}});
             }));

  router.Add("POST", "/api/v1/departments",
             Authed(accounts, {Role::kAdmin}, [&accounts](HttpRequest& req, const Principal& p) {
               auto body = ParseObject(req);
               if (!body.ok()) return ErrorResponse(body.status());
               auto code = StringField(*body, "code", true);
               if (!code.ok()) return ErrorResponse(code.status());
               auto name = StringField(*body, "name", true);
               if (!name.ok()) return ErrorResponse(name.status());
               auto d = accounts.CreateDepartment(p, *code, *name);
               if (!d.ok()) return ErrorResponse(d.status());
               return Ok(DepartmentJson(*d), 201);
             }));

  router.Add("GET", "/api/v1/users",
             Authed(accounts, {Role::kAdmin, Role::kAuditor},
                    [&accounts](HttpRequest&, const Principal& p) {
                      auto list = accounts.ListUsers(p);
                      if (!list.ok()) return ErrorResponse(list.status());
                      Json items = Json::array();
                      for (const auto& u : *list) items.push_back(UserJson(u));
                      return Ok({{"items", items}});
                    }));

  router.Add(
      "POST", "/api/v1/users",
      Authed(accounts, {Role::kAdmin}, [&deps](HttpRequest& req, const Principal& p) {
        auto body = ParseObject(req);
        if (!body.ok()) return ErrorResponse(body.status());
        std::string fields[5];
        const char* names[5] = {"username", "display_name", "role", "department", "password"};
        for (int i = 0; i < 5; ++i) {
          auto v = StringField(*body, names[i], i == 0 || i == 2);
          if (!v.ok()) return ErrorResponse(v.status());
          fields[i] = *v;
        }
        auto role = RoleFromName(fields[2]);
        if (!role) {
          return ErrorResponse(InvalidArgument(
              "role: 应为 admin、operator、officer、auditor、institution 或 subject 之一"));
        }
        // A subject account names its subject by any of its codes.
        auto subject_code = StringField(*body, "subject", false);
        if (!subject_code.ok()) return ErrorResponse(subject_code.status());
        int64_t subject_id = 0;
        if (!subject_code->empty()) {
          auto subject = deps.subjects.Lookup(*subject_code);
          if (!subject.ok()) {
            return ErrorResponse(
                Status(subject.status().code(), "subject: " + subject.status().message()));
          }
          subject_id = subject->id;
        }
        auto cred = deps.accounts.CreateUser(p, fields[0], fields[1], *role, fields[3], fields[4],
                                             subject_id);
        if (!cred.ok()) return ErrorResponse(cred.status());
        Json out = {{"id", cred->id}, {"username", fields[0]}};
        if (!cred->secret.empty()) out["password"] = cred->secret;
        return Ok(out, 201);
      }));

  // --- Withdrawing credentials: each an event, effective at once ---
  auto user_step = [&](const char* path, auto call) {
    router.Add("POST", std::string("/api/v1/users/{id}/") + path,
               Authed(accounts, {Role::kAdmin}, [call](HttpRequest& req, const Principal& p) {
                 auto id = PathId(req);
                 if (!id.ok()) return ErrorResponse(id.status());
                 auto body = ParseOptionalObject(req);
                 if (!body.ok()) return ErrorResponse(body.status());
                 auto reason = StringField(*body, "reason", false);
                 if (!reason.ok()) return ErrorResponse(reason.status());
                 return call(p, *id, *reason);
               }));
  };
  user_step("disable", [&accounts](const Principal& p, int64_t id, const std::string& reason) {
    Status s = accounts.DisableUser(p, id, reason);
    return s.ok() ? Ok({{"id", id}, {"active", false}}) : ErrorResponse(s);
  });
  user_step("enable", [&accounts](const Principal& p, int64_t id, const std::string&) {
    Status s = accounts.EnableUser(p, id);
    return s.ok() ? Ok({{"id", id}, {"active", true}}) : ErrorResponse(s);
  });
  user_step("password", [&accounts](const Principal& p, int64_t id, const std::string&) {
    auto cred = accounts.ResetPassword(p, id);
    if (!cred.ok()) return ErrorResponse(cred.status());
    return Ok({{"id", id}, {"password", cred->secret}});
  });
  router.Add("POST", "/api/v1/me/password",
             Authed(accounts, {}, [&accounts](HttpRequest& req, const Principal& p) {
               auto body = ParseObject(req);
               if (!body.ok()) return ErrorResponse(body.status());
               auto current = StringField(*body, "current_password", true);
               if (!current.ok()) return ErrorResponse(current.status());
               auto chosen = StringField(*body, "new_password", true);
               if (!chosen.ok()) return ErrorResponse(chosen.status());
               Status s = accounts.ChangePassword(p, *current, *chosen);
               if (!s.ok()) return ErrorResponse(s);
               return Ok({{"changed", true}, {"message", "密码已修改，请重新登录"}});
             }));
  router.Add(
      "GET", "/api/v1/api-keys",
      Authed(accounts, {Role::kAdmin, Role::kAuditor},
             [&accounts](HttpRequest&, const Principal& p) {
               auto keys = accounts.ListApiKeys(p);
               if (!keys.ok()) return ErrorResponse(keys.status());
               Json items = Json::array();
               for (const auto& k : *keys) {
                 items.push_back(
                     {{"id", k.id},
                      {"prefix", k.prefix},
                      {"department_id", k.department_id},
                      {"role", RoleName(k.role)},
                      {"label", k.label},
                      {"created_at", k.created_at},
                      {"revoked_at", k.revoked_at.empty() ? Json(nullptr) : Json(k.revoked_at)}});
               }
               return Ok({{"items", items}});
             }));
  router.Add("DELETE", "/api/v1/api-keys/{id}",
             Authed(accounts, {Role::kAdmin}, [&accounts](HttpRequest& req, const Principal& p) {
               auto id = PathId(req);
               if (!id.ok()) return ErrorResponse(id.status());
               std::string reason = req.Query("reason");
               if (!req.body.empty()) {
                 auto body = ParseObject(req);
                 if (!body.ok()) return ErrorResponse(body.status());
                 auto r = StringField(*body, "reason", false);
                 if (!r.ok()) return ErrorResponse(r.status());
                 if (!r->empty()) reason = *r;
               }
               Status s = accounts.RevokeApiKey(p, *id, reason);
               if (!s.ok()) return ErrorResponse(s);
               return Ok({{"id", *id}, {"revoked", true}});
             }));

  router.Add("POST", "/api/v1/api-keys",
             Authed(accounts, {Role::kAdmin}, [&accounts](HttpRequest& req, const Principal& p) {
               auto body = ParseObject(req);
               if (!body.ok()) return ErrorResponse(body.status());
               auto dep = StringField(*body, "department", true);
               if (!dep.ok()) return ErrorResponse(dep.status());
               auto role_name = StringField(*body, "role", true);
               if (!role_name.ok()) return ErrorResponse(role_name.status());
               auto label = StringField(*body, "label", false);
               if (!label.ok()) return ErrorResponse(label.status());
               auto role = RoleFromName(*role_name);
               if (!role) return ErrorResponse(InvalidArgument("role: 应为 operator 或 officer"));
               auto cred = accounts.CreateApiKey(p, *dep, *role, *label);
               if (!cred.ok()) return ErrorResponse(cred.status());
               return Ok({{"id", cred->id}, {"key", cred->secret}}, 201);
             }));
}

}  // namespace xinyong::http
