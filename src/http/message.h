// Plain HTTP request and response types that handlers see. No Boost.Beast type appears
// here, so handlers and services compile without Beast's heavy headers.
#pragma once

#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace xinyong::http {

struct HttpResponse;

// Sends the response to a request whose handler returned HttpResponse::Deferred(). Callable
// from any thread; the first call answers, later calls are ignored (and logged).
using Reply = std::function<void(HttpResponse)>;

// Thrown by a handler's input helpers for a request field of the wrong type or range: the
// server answers 400 invalid_argument with the message (which names the field).
class BadRequest : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct HttpRequest {
  std::string method;                          // "GET", "POST", ...
  std::string target;                          // raw target, e.g. "/api/v1/ids/check?code=91..."
  std::string path;                            // percent-decoded path without the query
  std::map<std::string, std::string> query;    // percent-decoded query parameters
  std::map<std::string, std::string> params;   // path parameters from the route pattern
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string remote_address;
  std::string route;  // the matched route pattern, e.g. "/api/v1/subjects/{code}"
  // Set by the server. A handler that cannot answer before it returns (it waits for a group
  // commit, say) keeps a copy, returns HttpResponse::Deferred() and calls it later, once.
  // Until then the connection waits and no worker thread is held.
  Reply reply_later;

  // Header value or "" when absent. `name` must be lower-case.
  const std::string& Header(const std::string& name) const;
  // Query parameter or `fallback`.
  std::string Query(const std::string& name, const std::string& fallback = "") const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
  std::string body;
  // Set only by Deferred(): the handler answers later through HttpRequest::reply_later.
  bool deferred = false;

  static HttpResponse Deferred() {
    HttpResponse r;
    r.deferred = true;
    return r;
  }
};

}  // namespace xinyong::http
