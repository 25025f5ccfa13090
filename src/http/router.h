// The one route table of the HTTP layer, and request-target parsing.
//
// Routes are added at start-up, before the server runs; afterwards the Router is read-only.
// Thread-safety: Add() is not thread-safe; once all routes are added, Match() and Dispatch()
// may be called concurrently from any number of threads (they only read).
//
// A pattern is a path of '/'-separated segments; a segment "{name}" is a parameter that
// matches any one non-empty segment and fills request.params["name"]:
//   router.Add("GET", "/api/v1/subjects/{code}", handler);
// Matching is exact: no prefix match, and "/a/" does not match "/a". The target's path is
// split on '/' before percent-decoding, so "%2F" stays inside one parameter. When several
// patterns match, the one with a literal segment at the first position where they differ
// wins ("/subjects/search" beats "/subjects/{code}"), whatever the order of Add().
// A HEAD request with no HEAD route is routed to the GET route of the same path.
// An optional fallback (SetFallback) takes the GET and HEAD requests that no pattern matches,
// except under /api: the static files of the web front ends. /api misses stay JSON 404s.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "http/message.h"

namespace xinyong::http {

// A handler parses the request, calls a service and serialises the answer. It runs on a
// worker thread and may block. An exception it throws becomes a logged 500 response.
using Handler = std::function<HttpResponse(HttpRequest&)>;

// Who may send a body to a route (see RequireCredentialForBodies): its callers with a
// credential, or anyone (log-in, and what the public files: objections, repair applications).
enum class BodyFrom { kCredential, kAnyone };

// Whether the access log may write the client's address for a route: not for routes whose
// callers must stay unknown even to whoever reads the server's logs (a tipster, 举报).
enum class LogAddress { kYes, kNo };

// Outcome of looking a request up in the route table.
struct RouteMatch {
  enum class Kind {
    kFound,             // handler is set
    kNotFound,          // no pattern matches the path: 404
    kMethodNotAllowed,  // a pattern matches the path, but not with this method: 405
  };
  Kind kind = Kind::kNotFound;
  // kFound: the route's handler; points into the Router and lives as long as it.
  const Handler* handler = nullptr;
  // kFound: the matched pattern. kMethodNotAllowed: the most specific pattern matching the
  // path. kNotFound: "". Bounded by the route table, so usable as a metrics label.
  std::string route;
  // kFound: percent-decoded path parameters by name.
  std::map<std::string, std::string> params;
  // kMethodNotAllowed: value for the Allow header, e.g. "GET, HEAD, POST".
  std::string allow;
  // kFound: who may send the route a body.
  BodyFrom body_from = BodyFrom::kCredential;
};

class Router {
 public:
  // Adds a route. `method` is an upper-case HTTP method ("GET"); `pattern` starts with '/'.
  // Throws std::invalid_argument for a malformed pattern ("{x}" not a whole segment, a
  // parameter name repeated) or a route that duplicates an earlier one (same method and the
  // same pattern up to parameter names): both are programmer errors found at start-up.
  void Add(std::string method, std::string pattern, Handler handler,
           BodyFrom body_from = BodyFrom::kCredential, LogAddress log_address = LogAddress::kYes);

  // The routes in the order they were added: method, pattern, and who may send a body. For
  // tests that must cover every route.
  struct RouteInfo {
    std::string method;
    std::string pattern;
    BodyFrom body_from = BodyFrom::kCredential;
    LogAddress log_address = LogAddress::kYes;
  };
  std::vector<RouteInfo> Routes() const;

  // Whether the access log may write the address of a request to the route `pattern` (a
  // RouteMatch::route): false when a route of that pattern was added with LogAddress::kNo.
  bool LogsAddress(std::string_view pattern) const;

  // Sets the handler of GET and HEAD requests whose path matches no pattern (with any
  // method) and does not start with the segment "api". Its route label is kFallbackRoute.
  void SetFallback(Handler handler);
  static constexpr std::string_view kFallbackRoute = "/{static}";

  // Looks up `method` and the path of `target` (the query, if any, is ignored). A path with
  // malformed percent-encoding matches nothing.
  RouteMatch Match(std::string_view method, std::string_view target) const;

  // Routes `request` (its method and target) and runs the handler after filling
  // request.path, request.query, request.params and request.route. Gives the 400 response
  // for a malformed target and the 404/405 responses for a miss. Exceptions from the handler
  // propagate. The server does the same steps, but runs the handler on its worker pool.
  HttpResponse Dispatch(HttpRequest& request) const;

  // After this, a request with a body to any route not added with BodyFrom::kAnyone must carry
  // a credential (Authorization, X-API-Key or the session cookie): without one, the server
  // answers 401 before reading the body. Off by default.
  void RequireCredentialForBodies();
  // Whether a body sent without a credential to the route `match` found is refused unread.
  bool NeedsCredentialForBody(const RouteMatch& match) const;

  // The JSON 404 or 405 response (405 with the Allow header) for a match that is not kFound.
  static HttpResponse NoRouteResponse(const RouteMatch& match, std::string_view method,
                                      std::string_view path);

 private:
  struct Segment {
    bool is_param = false;
    std::string text;  // literal text, or the parameter name
  };
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<Segment> segments;
    Handler handler;
    BodyFrom body_from = BodyFrom::kCredential;
    LogAddress log_address = LogAddress::kYes;
  };

  std::vector<Route> routes_;
  Handler fallback_;
  bool credential_for_bodies_ = false;
};

// Percent-decodes `in`. With `plus_as_space` (query strings), '+' becomes ' '. Returns
// nullopt for a malformed escape ("%zz", a trailing "%4").
std::optional<std::string> PercentDecode(std::string_view in, bool plus_as_space);

// Fills request.path (percent-decoded) and request.query (percent-decoded, '+' as space; a
// repeated name keeps its first value; "a" without '=' gives "") from request.target.
// Returns invalid_argument for a target that is not a path starting with '/' or that has a
// malformed escape.
Status ParseTarget(HttpRequest& request);

}  // namespace xinyong::http
