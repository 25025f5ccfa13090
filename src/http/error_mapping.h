// The one place where a Status becomes an HTTP status and an error body.
//
// Every error response of the HTTP layer has the same JSON shape:
//   {"error":{"code":"invalid_argument","message":"what was wrong and how to fix it"}}
// `code` is a stable machine name: the domain code of core/status.h, or for errors the HTTP
// layer itself detects one of "method_not_allowed", "payload_too_large",
// "header_fields_too_large".
//
// Mapping of domain codes (HttpStatusFor):
//   invalid_argument 400, unauthenticated 401, permission_denied 403, not_found 404,
//   conflict 409, failed_precondition 422, unavailable 503, storage_failure 503, internal 500.
// failed_precondition is 422 (Unprocessable Content), not 409: the request is well formed and
// nothing concurrent won, but the thing it names is not in a state that allows it (e.g. a
// repair on a record whose display period has ended). Keeping it apart from conflict's 409
// also makes the HTTP status map back to one domain code (ErrorCodeForHttpStatus), which the
// metrics use as their `code` label; the one exception is 503, counted as unavailable whether
// the store was down or could not write.
//
// All functions are thread-safe; UnavailableResponse also logs.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "http/message.h"

namespace xinyong::http {

// HTTP status for a domain code. kOk gives 200.
int HttpStatusFor(Code code);

// Stable error code name for an HTTP status >= 400, the inverse of HttpStatusFor on domain
// codes: 404 -> "not_found", 422 -> "failed_precondition", 413 -> "payload_too_large", ...
// Statuses without a name give "http_<status>"; statuses below 400 give "".
std::string ErrorCodeForHttpStatus(int http_status);

// Error response for a non-OK Status: HttpStatusFor(status.code()) and the JSON error body.
// An OK status is a programmer error; it gives a 500 "internal" response saying so.
HttpResponse ErrorResponse(const Status& status);
// 503 for a store that cannot be read or written (PostgreSQL down, a full disk): a Chinese
// message saying nothing was saved, Retry-After: 5; the store's own message goes to the log.
// ErrorResponse(status) gives it for every unavailable and storage_failure status; the message
// says which (storage_failure: nothing was saved, the disk is full or failing).
HttpResponse UnavailableResponse(const Status& status);

// Error response with an explicit HTTP status and code name (for errors of the HTTP layer
// itself, e.g. 405 "method_not_allowed"). `message` may hold any bytes; invalid UTF-8 is
// replaced by U+FFFD in the body.
HttpResponse ErrorResponse(int http_status, std::string_view code, std::string_view message);

// Response with `status` whose body is `json_text`, already serialised JSON (not checked).
HttpResponse JsonResponse(int status, const std::string& json_text);

}  // namespace xinyong::http
