#include "http/router.h"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <utility>

#include "core/text.h"
#include "http/error_mapping.h"

namespace xinyong::http {
namespace {

// Splits "/a/b" into {"a", "b"}; "/" gives {}; "/a/" gives {"a", ""}. `path` starts with '/'.
std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.size() <= 1) return out;
  path.remove_prefix(1);
  while (true) {
    size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

std::string_view PathOf(std::string_view target) { return target.substr(0, target.find('?')); }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// True when route `a` is more specific than `b` (literal beats parameter at the first
// position where they differ). Both have the same number of segments.
template <typename Segments>
bool MoreSpecific(const Segments& a, const Segments& b) {
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].is_param != b[i].is_param) return !a[i].is_param;
  }
  return false;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler, BodyFrom body_from,
                 LogAddress log_address) {
  if (method.empty()) throw std::invalid_argument("route " + pattern + ": empty method");
  if (pattern.empty() || pattern[0] != '/') {
    throw std::invalid_argument("route pattern \"" + pattern + "\" must start with '/'");
  }
  if (!handler) throw std::invalid_argument("route " + method + " " + pattern + ": no handler");
  Route route{std::move(method), std::move(pattern), {}, std::move(handler), body_from,
              log_address};
  std::set<std::string> names;
  for (std::string_view part : SplitPath(route.pattern)) {
    Segment segment;
    bool has_brace = part.find_first_of("{}") != std::string_view::npos;
    if (part.size() >= 2 && part.front() == '{' && part.back() == '}') {
      segment.is_param = true;
      segment.text = std::string(part.substr(1, part.size() - 2));
      if (segment.text.empty() || segment.text.find_first_of("{}") != std::string::npos) {
        throw std::invalid_argument("route pattern \"" + route.pattern +
                                    "\": malformed parameter \"" + std::string(part) + "\"");
      }
      if (!names.insert(segment.text).second) {
        throw std::invalid_argument("route pattern \"" + route.pattern + "\": parameter {" +
                                    segment.text + "} appears twice");
      }
    } else if (has_brace) {
      throw std::invalid_argument("route pattern \"" + route.pattern +
                                  "\": a parameter must be a whole segment, e.g. /a/{id}");
    } else {
      segment.text = std::string(part);
    }
    route.segments.push_back(std::move(segment));
  }
  for (const Route& other : routes_) {
    if (other.method != route.method || other.segments.size() != route.segments.size()) {
      continue;
    }
    bool same = true;
    for (size_t i = 0; i < route.segments.size() && same; ++i) {
      const Segment& a = route.segments[i];
      const Segment& b = other.segments[i];
      same = a.is_param == b.is_param && (a.is_param || a.text == b.text);
    }
    if (same) {
      throw std::invalid_argument("route " + route.method + " " + route.pattern + " duplicates " +
                                  other.method + " " + other.pattern);
    }
  }
  routes_.push_back(std::move(route));
}

void Router::SetFallback(Handler handler) { fallback_ = std::move(handler); }

RouteMatch Router::Match(std::string_view method, std::string_view target) const {
  RouteMatch result;
  std::vector<std::string> segments;
  for (std::string_view raw : SplitPath(PathOf(target))) {
    std::optional<std::string> decoded = PercentDecode(raw, /*plus_as_space=*/false);
    if (!decoded) return result;
    segments.push_back(std::move(*decoded));
  }

  const Route* best_exact = nullptr;  // route with this method
  const Route* best_get = nullptr;    // GET route, the fallback for HEAD
  const Route* best_any = nullptr;    // any method, for the 405 route label
  std::set<std::string> allowed;
  for (const Route& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    bool matches = true;
    for (size_t i = 0; i < segments.size() && matches; ++i) {
      const Segment& s = route.segments[i];
      matches = s.is_param ? !segments[i].empty() : s.text == segments[i];
    }
    if (!matches) continue;
    auto better = [&](const Route* current) {
      return current == nullptr || MoreSpecific(route.segments, current->segments);
    };
    allowed.insert(route.method);
    if (route.method == "GET") allowed.insert("HEAD");
    if (better(best_any)) best_any = &route;
    if (route.method == method && better(best_exact)) best_exact = &route;
    if (route.method == "GET" && better(best_get)) best_get = &route;
  }

  const Route* chosen =
      best_exact != nullptr ? best_exact : (method == "HEAD" ? best_get : nullptr);
  if (chosen != nullptr) {
    result.kind = RouteMatch::Kind::kFound;
    result.handler = &chosen->handler;
    result.route = chosen->pattern;
    result.body_from = chosen->body_from;
    for (size_t i = 0; i < segments.size(); ++i) {
      if (chosen->segments[i].is_param) {
        result.params[chosen->segments[i].text] = std::move(segments[i]);
      }
    }
    return result;
  }
  if (best_any == nullptr && fallback_ && (method == "GET" || method == "HEAD") &&
      (segments.empty() || segments[0] != "api")) {
    result.kind = RouteMatch::Kind::kFound;
    result.handler = &fallback_;
    result.route = std::string(kFallbackRoute);
    return result;
  }
  if (best_any != nullptr) {
    result.kind = RouteMatch::Kind::kMethodNotAllowed;
    result.route = best_any->pattern;
    for (const std::string& m : allowed) {
      if (!result.allow.empty()) result.allow += ", ";
      result.allow += m;
    }
  }
  return result;
}

HttpResponse Router::Dispatch(HttpRequest& request) const {
  if (Status status = ParseTarget(request); !status.ok()) return ErrorResponse(status);
  RouteMatch match = Match(request.method, request.target);
  if (match.kind != RouteMatch::Kind::kFound) {
    return NoRouteResponse(match, request.method, request.path);
  }
  request.params = std::move(match.params);
  request.route = std::move(match.route);
  return (*match.handler)(request);
}

HttpResponse Router::NoRouteResponse(const RouteMatch& match, std::string_view method,
                                     std::string_view path) {
  if (match.kind == RouteMatch::Kind::kMethodNotAllowed) {
    HttpResponse response = ErrorResponse(405, "method_not_allowed",
                                          "接口 " + ReplaceInvalidUtf8(path) + " 不接受 " +
                                              std::string(method) + " 请求，可用：" + match.allow);
    response.headers.emplace_back("Allow", match.allow);
    return response;
  }
  return ErrorResponse(404, CodeName(Code::kNotFound),
                       "没有此接口：" + ReplaceInvalidUtf8(path) + "（接口清单见 /api/v1）");
}

std::optional<std::string> PercentDecode(std::string_view in, bool plus_as_space) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return std::nullopt;
      int hi = HexValue(in[i + 1]);
      int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_as_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Status ParseTarget(HttpRequest& request) {
  std::string_view target = request.target;
  if (target.empty() || target[0] != '/') {
    return InvalidArgument("请求目标“" + ReplaceInvalidUtf8(request.target) +
                           "”不是路径，应形如 /api/v1/...");
  }
  size_t question = target.find('?');
  std::optional<std::string> path = PercentDecode(target.substr(0, question), false);
  if (!path) {
    return InvalidArgument("路径“" + ReplaceInvalidUtf8(request.target) +
                           "”中的百分号编码有误（“%”本身应写作 %25）");
  }
  if (!IsValidUtf8(*path)) {
    return InvalidArgument("路径不是有效的UTF-8文本（可能是GBK等编码），请以UTF-8编码发送");
  }
  request.path = std::move(*path);
  request.query.clear();
  if (question == std::string_view::npos) return Status::Ok();
  std::string_view rest = target.substr(question + 1);
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::optional<std::string> name = PercentDecode(pair.substr(0, eq), true);
    std::optional<std::string> value = PercentDecode(
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
    if (!name || !value) {
      return InvalidArgument("查询参数“" + ReplaceInvalidUtf8(pair) +
                             "”中的百分号编码有误（“%”本身应写作 %25）");
    }
    if (!IsValidUtf8(*name) || !IsValidUtf8(*value)) {
      return InvalidArgument("查询参数" + (IsValidUtf8(*name) ? "“" + *name + "”" : std::string()) +
                             "不是有效的UTF-8文本（可能是GBK等编码），请以UTF-8编码发送");
    }
    request.query.try_emplace(std::move(*name), std::move(*value));
  }
  return Status::Ok();
}

void Router::RequireCredentialForBodies() { credential_for_bodies_ = true; }

bool Router::NeedsCredentialForBody(const RouteMatch& match) const {
  return credential_for_bodies_ && match.body_from != BodyFrom::kAnyone;
}

std::vector<Router::RouteInfo> Router::Routes() const {
  std::vector<RouteInfo> out;
  out.reserve(routes_.size());
  for (const Route& r : routes_) out.push_back({r.method, r.pattern, r.body_from, r.log_address});
  return out;
}

bool Router::LogsAddress(std::string_view pattern) const {
  for (const Route& r : routes_) {
    if (r.pattern == pattern && r.log_address == LogAddress::kNo) return false;
  }
  return true;
}

}  // namespace xinyong::http
