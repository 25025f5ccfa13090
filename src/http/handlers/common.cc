#include "http/handlers/common.h"

#include <cctype>
#include <vector>

#include "core/clock.h"
#include "service/account_service.h"

namespace xinyong::http {

HttpResponse Ok(const Json& body, int status) {
  return JsonResponse(status, body.dump(-1, ' ', false, Json::error_handler_t::replace));
}

Result<int64_t> PathId(const HttpRequest& req, const char* name) {
  auto it = req.params.find(name);
  if (it != req.params.end()) {
    try {
      size_t used = 0;
      long long n = std::stoll(it->second, &used);
      if (used == it->second.size() && n > 0) return static_cast<int64_t>(n);
    } catch (const std::exception&) {
    }
  }
  return InvalidArgument(std::string(name) + ": 应为正整数");
}

Result<int64_t> IntQuery(const HttpRequest& req, const std::string& name, int64_t fallback) {
  const std::string v = req.Query(name);
  if (v.empty()) return fallback;
  try {
    size_t used = 0;
    long long n = std::stoll(v, &used);
    if (used == v.size()) return static_cast<int64_t>(n);
  } catch (const std::exception&) {
  }
  return InvalidArgument(name + ": \"" + v + "\" 不是整数");
}

Result<Json> ParseObject(const HttpRequest& req) {
  Json j;
  try {
    j = Json::parse(req.body);
  } catch (const Json::parse_error& e) {
    return InvalidArgument("body: 请求体不是有效的JSON（第" + std::to_string(e.byte) +
                           "字节附近）");
  }
  if (!j.is_object()) return InvalidArgument("body: 请求体应为JSON对象");
  return j;
}

Result<Json> ParseOptionalObject(const HttpRequest& req) {
  if (req.body.empty()) return Json::object();
  return ParseObject(req);
}

Result<std::string> StringField(const Json& obj, const char* name, bool required) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) {
    if (required) return InvalidArgument(std::string(name) + ": 必填");
    return std::string();
  }
  if (!it->is_string()) return InvalidArgument(std::string(name) + ": 应为字符串");
  return it->get<std::string>();
}

std::string TextOf(const Json& obj, const std::string& name, const std::string& fallback,
                   const std::string& label) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return fallback;
  if (!it->is_string()) throw BadRequest((label.empty() ? name : label) + ": 应为字符串");
  return it->get<std::string>();
}

int64_t IntOf(const Json& obj, const std::string& name, int64_t fallback, int64_t min,
              int64_t max) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return fallback;
  const std::string range =
      "应为" + std::to_string(min) + "到" + std::to_string(max) + "之间的整数";
  if (!it->is_number_integer()) throw BadRequest(name + ": " + range);
  if (it->is_number_unsigned() && it->get<uint64_t>() > static_cast<uint64_t>(max)) {
    throw BadRequest(name + ": " + range);
  }
  const int64_t v = it->get<int64_t>();
  if (v < min || v > max) throw BadRequest(name + ": " + range);
  return v;
}

bool BoolOf(const Json& obj, const std::string& name, bool fallback, const std::string& label) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return fallback;
  if (!it->is_boolean()) throw BadRequest((label.empty() ? name : label) + ": 应为 true 或 false");
  return it->get<bool>();
}

const Json& ObjectAt(const Json& obj, const std::string& where) {
  if (!obj.is_object()) throw BadRequest(where + ": 应为JSON对象");
  return obj;
}

std::string BearerOf(const HttpRequest& req, bool* from_cookie) {
  if (from_cookie) *from_cookie = false;
  const std::string& auth = req.Header("authorization");
  if (auth.rfind("Bearer ", 0) == 0) return auth.substr(7);
  const std::string& key = req.Header("x-api-key");
  if (!key.empty()) return key;
  if (from_cookie) *from_cookie = true;
  const std::string& cookie = req.Header("cookie");
  const std::string name = "xy_session=";
  for (size_t pos = 0; pos < cookie.size();) {
    size_t end = cookie.find(';', pos);
    if (end == std::string::npos) end = cookie.size();
    size_t start = cookie.find_first_not_of(' ', pos);
    if (start < end && cookie.compare(start, name.size(), name) == 0) {
      return cookie.substr(start + name.size(), end - start - name.size());
    }
    pos = end + 1;
  }
  return "";
}

namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

Status CheckCookieRequest(const HttpRequest& req) {
  if (req.method == "GET" || req.method == "HEAD" || req.method == "OPTIONS") return Status::Ok();
  const std::string refused = "csrf: 跨站请求被拒绝（";
  const std::string site = Lower(req.Header("sec-fetch-site"));
  if (!site.empty() && site != "same-origin") {
    return PermissionDenied(refused + "Sec-Fetch-Site: " + site + "）");
  }
  // The origin's host and port must be the Host the request was sent to.
  const std::string origin = Lower(req.Header("origin"));
  const size_t scheme_end = origin.find("://");
  const std::string origin_host =
      scheme_end == std::string::npos ? "" : origin.substr(scheme_end + 3);
  if (origin_host.empty() || origin_host != Lower(req.Header("host"))) {
    return PermissionDenied(refused + "Origin: " + (origin.empty() ? "无" : origin) +
                            "）：以会话Cookie发起的修改请求须来自本平台页面");
  }
  const std::string type = Lower(req.Header("content-type"));
  for (const char* simple :
       {"application/x-www-form-urlencoded", "multipart/form-data", "text/plain"}) {
    if (type.rfind(simple, 0) == 0) {
      return PermissionDenied(refused + "Content-Type: " + type + "）");
    }
  }
  return Status::Ok();
}

std::string ClientAddress(const HttpRequest& req, const PublicLimits& limits) {
  std::string client = req.remote_address;
  if (!limits.trusted_proxy.empty() && client == limits.trusted_proxy) {
    // The proxy appends the address it saw: the last entry is the one to trust.
    const std::string& fwd = req.Header("x-forwarded-for");
    size_t comma = fwd.rfind(',');
    std::string last = fwd.substr(comma == std::string::npos ? 0 : comma + 1);
    last.erase(0, last.find_first_not_of(' '));
    if (!last.empty()) client = last;
  }
  return client;
}

Handler Limited(RateLimiter& limiter, const PublicLimits& limits, const Clock& clock, Handler h) {
  return [&limiter, &limits, &clock, h = std::move(h)](HttpRequest& req) -> HttpResponse {
    const std::string client = ClientAddress(req, limits);
    int retry_after = 0;
    if (!limiter.Allow(client, clock.NowMillis(), &retry_after)) {
      HttpResponse r = ErrorResponse(429, "resource_exhausted",
                                     "查询过于频繁，请" + std::to_string(retry_after) + "秒后再试");
      r.headers.emplace_back("Retry-After", std::to_string(retry_after));
      return r;
    }
    return h(req);
  };
}

Handler MaybeAuthed(AccountService& accounts, MaybeAuthedHandler h) {
  return [&accounts, h = std::move(h)](HttpRequest& req) -> HttpResponse {
    bool from_cookie = false;
    const std::string bearer = BearerOf(req, &from_cookie);
    if (bearer.empty()) return h(req, std::nullopt);
    if (from_cookie) {
      if (Status s = CheckCookieRequest(req); !s.ok()) return ErrorResponse(s);
    }
    auto principal = accounts.Authenticate(bearer);
    if (!principal.ok()) return ErrorResponse(principal.status());
    return h(req, *principal);
  };
}

Handler Authed(AccountService& accounts, std::initializer_list<Role> roles, AuthedHandler h) {
  std::vector<Role> allowed(roles);
  return [&accounts, allowed, h = std::move(h)](HttpRequest& req) -> HttpResponse {
    bool from_cookie = false;
    const std::string bearer = BearerOf(req, &from_cookie);
    if (from_cookie && !bearer.empty()) {
      if (Status s = CheckCookieRequest(req); !s.ok()) return ErrorResponse(s);
    }
    auto principal = accounts.Authenticate(bearer);
    if (!principal.ok()) {
      HttpResponse r = ErrorResponse(principal.status());
      r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"xinyong\"");
      return r;
    }
    if (!allowed.empty()) {
      bool ok = false;
      std::string names;
      for (Role role : allowed) {
        ok = ok || principal->role == role;
        names += (names.empty() ? "" : ", ") + std::string(RoleName(role));
      }
      if (!ok) {
        return ErrorResponse(PermissionDenied("this endpoint needs the role " + names + "; " +
                                              principal->actor + " has " +
                                              std::string(RoleName(principal->role))));
      }
    }
    return h(req, *principal);
  };
}

std::string AttachmentDisposition(const std::string& name, const std::string& ascii_fallback) {
  std::string encoded;
  static const char* kHex = "0123456789ABCDEF";
  for (unsigned char c : name) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  std::string out = "attachment; ";
  if (!ascii_fallback.empty()) out += "filename=\"" + ascii_fallback + "\"; ";
  return out + "filename*=UTF-8''" + encoded;
}

}  // namespace xinyong::http
