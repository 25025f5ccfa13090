// Helpers shared by the handler files: JSON bodies, authentication, roles.
// Only handler .cc files include this (it pulls in nlohmann/json).
#pragma once

#include <functional>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/status.h"
#include "domain/account.h"
#include "http/error_mapping.h"
#include "http/message.h"
#include "http/rate_limit.h"
#include "http/router.h"

namespace xinyong {
class AccountService;
class Clock;
}

namespace xinyong::http {

using Json = nlohmann::json;

// 200 (or `status`) with the JSON text of `body`.
HttpResponse Ok(const Json& body, int status = 200);

// A positive integer path parameter ({id}); invalid_argument naming it otherwise.
Result<int64_t> PathId(const HttpRequest& req, const char* name = "id");

// An integer query parameter; `fallback` when absent; invalid_argument naming it otherwise.
Result<int64_t> IntQuery(const HttpRequest& req, const std::string& name, int64_t fallback);

// The request body as a JSON object; invalid_argument saying where the JSON is broken.
Result<Json> ParseObject(const HttpRequest& req);

// A string field of `obj`: "" when absent; invalid_argument when present but not a string.
Result<std::string> StringField(const Json& obj, const char* name, bool required);

// The credential of a request: "Authorization: Bearer X", "X-API-Key: X", or the
// "xy_session" cookie. "" when there is none.
std::string BearerOf(const HttpRequest& req);

using AuthedHandler = std::function<HttpResponse(HttpRequest&, const Principal&)>;

// Wraps a handler: 401 without valid credentials; 403 unless the principal has one of
// `roles` (an empty list admits every authenticated principal).
Handler Authed(AccountService& accounts, std::initializer_list<Role> roles, AuthedHandler h);

// For endpoints open to the public that staff may also call: nullopt without a credential,
// the principal with a valid one, 401 with an invalid one.
using MaybeAuthedHandler =
    std::function<HttpResponse(HttpRequest&, const std::optional<Principal>&)>;
Handler MaybeAuthed(AccountService& accounts, MaybeAuthedHandler h);

// Wraps a public handler: 429 resource_exhausted with Retry-After once the client (its
// address, or X-Forwarded-For from the trusted proxy) is over `limiter`'s rate.
Handler Limited(RateLimiter& limiter, const PublicLimits& limits, const Clock& clock, Handler h);

}  // namespace xinyong::http
