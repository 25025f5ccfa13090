#include "http/static_files.h"

#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "http/error_mapping.h"

namespace xinyong::http {
namespace {

constexpr std::string_view kAssetsPrefix = "/assets/";
constexpr std::string_view kLongCache = "public, max-age=31536000, immutable";
constexpr std::string_view kNoCache = "no-cache";
// Everything the pages load comes from this origin; nothing from outside.
constexpr std::string_view kPagePolicy =
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'";

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string Lower(std::string_view in) {
  std::string out(in);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The path's segments, or nullopt for a path that could leave the root: a "." or ".."
// segment (the router decodes %2e%2e and %2f before this), a backslash or a NUL.
std::optional<std::vector<std::string>> SafeSegments(std::string_view path) {
  std::vector<std::string> out;
  if (path.find('\\') != std::string_view::npos || path.find('\0') != std::string_view::npos) {
    return std::nullopt;
  }
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    std::string_view part = path.substr(start, slash == std::string_view::npos ? path.npos : slash - start);
    if (part == "." || part == "..") return std::nullopt;
    if (!part.empty()) out.emplace_back(part);
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

std::optional<std::string> ReadFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream body;
  body << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(body).str();
}

HttpResponse FileResponse(std::string body, std::string_view name, std::string_view cache) {
  HttpResponse r;
  r.content_type = std::string(StaticFiles::ContentType(name));
  r.body = std::move(body);
  r.headers.emplace_back("Cache-Control", std::string(cache));
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (EndsWith(Lower(name), ".html")) {
    r.headers.emplace_back("Content-Security-Policy", std::string(kPagePolicy));
    r.headers.emplace_back("Referrer-Policy", "same-origin");
  }
  return r;
}

HttpResponse NotBuiltResponse() {
  HttpResponse r;
  r.content_type = "text/html; charset=utf-8";
  r.headers.emplace_back("Cache-Control", std::string(kNoCache));
  r.body = R"HTML(<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>网页前端尚未构建</title></head>
<body><h1>网页前端尚未构建</h1>
<p>平台接口运行正常，但网页前端（web/dist）还没有构建。请在源代码目录运行 <code>make web</code>
（或 <code>make run</code>），或在配置中用 <code>web_dir</code> 指向已构建的目录。</p>
<p>接口说明见 docs/api.md；健康检查：<a href="/healthz">/healthz</a>。</p>
</body></html>
)HTML";
  return r;
}

}  // namespace

StaticFiles::StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}

bool StaticFiles::Built() const {
  std::error_code ec;
  return std::filesystem::is_regular_file(root_ / "index.html", ec);
}

std::string_view StaticFiles::ContentType(std::string_view file_name) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".wasm", "application/wasm"},
  };
  const std::string lower = Lower(file_name);
  for (const auto& [ext, type] : kTypes) {
    if (EndsWith(lower, ext)) return type;
  }
  return "application/octet-stream";
}

HttpResponse StaticFiles::Serve(const HttpRequest& request) const {
  const std::string_view path = request.path;
  // The raw target too: no file of the front end has an escaped '.', '/', '\\' or NUL in its
  // name, so such a target is refused whether or not decoding made it a traversal.
  std::string_view raw = request.target;
  raw = raw.substr(0, raw.find('?'));
  const std::string raw_lower = Lower(raw);
  auto segments = SafeSegments(path);
  // Encoded twice (%252e%252e) the decoded path still holds escapes: refused as well.
  const std::string path_lower = Lower(path);
  bool encoded = false;
  for (std::string_view escape : {"%2e", "%2f", "%5c", "%00"}) {
    encoded = encoded || raw_lower.find(escape) != std::string::npos ||
              path_lower.find(escape) != std::string::npos;
  }
  if (!segments || encoded) {
    return ErrorResponse(400, "invalid_argument",
                         "路径“" + std::string(raw) + "”不予受理：不得含有“.”或“..”路径段及其编码");
  }
  if (!Built()) return NotBuiltResponse();

  std::filesystem::path file = root_;
  for (const std::string& s : *segments) file /= s;
  std::error_code ec;
  if (!segments->empty() && std::filesystem::is_regular_file(file, ec)) {
    // Belt and braces: a symbolic link inside the root must not lead out of it.
    auto root = std::filesystem::weakly_canonical(root_, ec);
    auto real = std::filesystem::weakly_canonical(file, ec);
    auto rel = real.lexically_relative(root);
    if (!ec && !rel.empty() && *rel.begin() != "..") {
      if (auto body = ReadFile(real)) {
        const bool hashed = path.substr(0, kAssetsPrefix.size()) == kAssetsPrefix;
        return FileResponse(std::move(*body), file.filename().string(), hashed ? kLongCache : kNoCache);
      }
    }
  }
  if (path.substr(0, kAssetsPrefix.size()) == kAssetsPrefix) {
    // A missing build asset is a 404, not the page: the browser would run HTML as a script.
    return ErrorResponse(404, "not_found", "no file at " + std::string(path));
  }
  auto index = ReadFile(root_ / "index.html");
  if (!index) return NotBuiltResponse();
  return FileResponse(std::move(*index), "index.html", kNoCache);
}

}  // namespace xinyong::http
