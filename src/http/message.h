// Plain HTTP request and response types that handlers see. No Boost.Beast type appears
// here, so handlers and services compile without Beast's heavy headers.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace xinyong::http {

struct HttpRequest {
  std::string method;   // "GET", "POST", ...
  std::string target;   // raw target, e.g. "/api/v1/ids/check?code=91..."
  std::string path;     // percent-decoded path without the query
  std::map<std::string, std::string> query;   // percent-decoded query parameters
  std::map<std::string, std::string> params;  // path parameters from the route pattern
  std::map<std::string, std::string> headers; // names lower-cased
  std::string body;
  std::string remote_address;
  std::string route;    // the matched route pattern, e.g. "/api/v1/subjects/{code}"

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
};

}  // namespace xinyong::http
