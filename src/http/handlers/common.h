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

// As ParseObject, with an empty body read as {} (steps whose fields are all optional).
Result<Json> ParseOptionalObject(const HttpRequest& req);

// A string field of `obj`: "" when absent; invalid_argument when present but not a string.
Result<std::string> StringField(const Json& obj, const char* name, bool required);

// Typed fields of a JSON object from a request. Absent or null: the fallback. Of the wrong
// type, or a number outside [min, max]: BadRequest naming the field (a 400).
// `label` names the field in the error when it is not `name` itself (items[2].reason).
std::string TextOf(const Json& obj, const std::string& name, const std::string& fallback = "",
                   const std::string& label = "");
int64_t IntOf(const Json& obj, const std::string& name, int64_t fallback, int64_t min,
              int64_t max);
bool BoolOf(const Json& obj, const std::string& name, bool fallback,
            const std::string& label = "");
// `obj` itself must be an object; `where` names it in the error.
const Json& ObjectAt(const Json& obj, const std::string& where);

// The credential of a request: "Authorization: Bearer X", "X-API-Key: X", or the
// "xy_session" cookie. "" when there is none. `from_cookie` says whether it was the cookie.
std::string BearerOf(const HttpRequest& req, bool* from_cookie = nullptr);

// A state-changing request (not GET, HEAD or OPTIONS) that a browser sends with the session
// cookie must come from the platform's own pages (CSRF): its Origin must be the platform's own
// (the Host it was sent to), Sec-Fetch-Site, when sent, "same-origin", and its content type not
// one a cross-site form can send (form-urlencoded, multipart, text/plain). permission_denied
// saying which, otherwise. Requests with an Authorization or X-API-Key header are not affected.
Status CheckCookieRequest(const HttpRequest& req);

using AuthedHandler = std::function<HttpResponse(HttpRequest&, const Principal&)>;

// Wraps a handler: 401 without valid credentials; 403 unless the principal has one of
// `roles` (an empty list admits every authenticated principal).
Handler Authed(AccountService& accounts, std::initializer_list<Role> roles, AuthedHandler h);

// For endpoints open to the public that staff may also call: nullopt without a credential,
// the principal with a valid one, 401 with an invalid one.
using MaybeAuthedHandler =
    std::function<HttpResponse(HttpRequest&, const std::optional<Principal>&)>;
Handler MaybeAuthed(AccountService& accounts, MaybeAuthedHandler h);

// The client's address: the connection's, or the last X-Forwarded-For entry when the
// connection is the trusted proxy's.
std::string ClientAddress(const HttpRequest& req, const PublicLimits& limits);

// Wraps a public handler: 429 resource_exhausted with Retry-After once the client (its
// address, or X-Forwarded-For from the trusted proxy) is over `limiter`'s rate.
Handler Limited(RateLimiter& limiter, const PublicLimits& limits, const Clock& clock, Handler h);

// Content-Disposition for a download whose name may be Chinese (RFC 6266, RFC 5987), with
// `ascii_fallback` as the plain filename for clients that know no other.
std::string AttachmentDisposition(const std::string& name, const std::string& ascii_fallback = "");

}  // namespace xinyong::http
