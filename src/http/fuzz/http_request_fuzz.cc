// libFuzzer: arbitrary bytes as what one client sends on one connection.
//
// The bytes go through the server's own steps (request_reading.h, ParseTarget, the Router
// with the real route table, read from docs/openapi.json): Beast's parser with the server's
// limits, the transfer codings served, the early answers before a body is read (no route, no
// credential), then the target, the query and the route's parameters; pipelined requests are
// read one after the other while the connection stays open. Socket I/O is left out: the
// bytes are handed to the parser as a session's reads would, in slices.
//
// A finding (abort) is:
//  - an answer the server writes itself that is not a JSON error object in valid UTF-8, or
//    has a status outside those it documents;
//  - a request whose header names are not lower-cased or whose header text holds CR, LF or
//    NUL; a body longer than the limit, or not the length its Content-Length declares;
//  - a target accepted by ParseTarget whose path or query is not valid UTF-8, or a route
//    parameter that is empty or not valid UTF-8;
//  - reading the same bytes in other slices giving other requests: how the network cuts a
//    stream must never change where one request ends and the next begins (smuggling). (Which
//    error ends the connection may differ: see LLVMFuzzerTestOneInput.)
#include <algorithm>
#include <boost/beast/http.hpp>
#include <cctype>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <string_view>

#include "core/text.h"
#include "http/error_mapping.h"
#include "http/request_reading.h"
#include "http/router.h"
#include "http/server.h"

namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using xinyong::IsValidUtf8;
using namespace xinyong::http;

// The route table of the served API, from its OpenAPI document (api_contract_test keeps the
// document and the router's table equal). Handlers are never run here.
const Router& Routes() {
  static const Router* router = [] {
    std::ifstream in(XY_OPENAPI_JSON);
    if (!in) {
      fprintf(stderr, "http_request_fuzz: cannot read %s\n", XY_OPENAPI_JSON);
      std::abort();
    }
    const auto doc = nlohmann::json::parse(in);
    auto* r = new Router;
    const Handler none = [](HttpRequest&) { return HttpResponse{}; };
    for (const auto& [path, item] : doc.at("paths").items()) {
      for (const auto& [method, op] : item.items()) {
        std::string upper;
        for (char c : method) upper.push_back(static_cast<char>(std::toupper(c)));
        if (upper == "HEAD") continue;  // answered by the GET route
        const bool anyone = op.value("x-body-without-credential", false);
        r->Add(upper, path, none, anyone ? BodyFrom::kAnyone : BodyFrom::kCredential);
      }
    }
    r->SetFallback(none);
    r->RequireCredentialForBodies();
    return r;
  }();
  return *router;
}

ServerOptions Options() {
  ServerOptions options;
  options.body_limit = 4096;  // small, so that the fuzzer reaches 413 within -max_len
  options.header_limit = 2048;
  return options;
}

void Check(bool ok) {
  if (!ok) std::abort();
}

bool Clean(std::string_view text) {
  return text.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

// An answer the server writes itself: a JSON error object in valid UTF-8.
void CheckAnswer(const HttpResponse& answer, std::string& transcript) {
  static const std::set<int> kStatuses = {400, 401, 404, 405, 413, 431, 501};
  Check(kStatuses.count(answer.status) == 1);
  const auto body = nlohmann::json::parse(answer.body, nullptr, /*allow_exceptions=*/false);
  Check(body.is_object() && body.contains("error"));
  const auto& message = body["error"].at("message");
  Check(message.is_string() && IsValidUtf8(message.get_ref<const std::string&>()));
  for (const auto& [name, value] : answer.headers) Check(Clean(name) && Clean(value));
  transcript += "answer " + std::to_string(answer.status) + "\n";
}

// A request read in full: what handlers would see of it.
void CheckRequest(HttpRequest& request, const ServerOptions& options, std::string& transcript) {
  for (const auto& [name, value] : request.headers) {
    Check(Clean(name) && Clean(value));
    for (char c : name) Check(!(c >= 'A' && c <= 'Z'));
  }
  Check(request.body.size() <= options.body_limit);
  const auto length = request.headers.find("content-length");
  if (length != request.headers.end() && request.headers.count("transfer-encoding") == 0) {
    // 1*DIGIT, leading zeros allowed. Beast takes a list ("5,5", "5 , 5") or a repeated field
    // only when every value is the same (RFC 9110 §8.6 allows that); ToHttpRequest joins
    // repeated fields with ", ".
    std::string_view text = length->second;
    while (!text.empty()) {
      std::string_view one = text.substr(0, text.find(','));
      text.remove_prefix(std::min(text.size(), one.size() + 1));
      while (!one.empty() && (one.front() == ' ' || one.front() == '\t')) one.remove_prefix(1);
      while (!one.empty() && (one.back() == ' ' || one.back() == '\t')) one.remove_suffix(1);
      uint64_t declared = 0;
      const auto [end, error] = std::from_chars(one.data(), one.data() + one.size(), declared);
      Check(error == std::errc() && end == one.data() + one.size());
      Check(declared == request.body.size());
    }
  }
  transcript += "request " + request.method + " " + request.target + " " +
                std::to_string(request.body.size()) + "\n";
  if (xinyong::Status status = ParseTarget(request); !status.ok()) {
    Check(IsValidUtf8(status.message()));
    return CheckAnswer(ErrorResponse(status), transcript);
  }
  Check(!request.path.empty() && request.path[0] == '/' && IsValidUtf8(request.path));
  for (const auto& [name, value] : request.query) Check(IsValidUtf8(name) && IsValidUtf8(value));
  RouteMatch match = Routes().Match(request.method, request.target);
  if (match.kind != RouteMatch::Kind::kFound) {
    return CheckAnswer(Router::NoRouteResponse(match, request.method, request.path), transcript);
  }
  for (const auto& [name, value] : match.params) Check(!value.empty() && IsValidUtf8(value));
  transcript += "route " + match.route + "\n";
}

// Hands the connection's bytes to the parser as reads of `slice` bytes would.
class Connection {
 public:
  Connection(std::string_view bytes, size_t slice) : bytes_(bytes), slice_(slice) {}

  // Feeds the parser until `done(parser)`; returns the error that ended the read, if any.
  // `consumed`, if given, gets the bytes the parser took.
  template <typename Done>
  beast::error_code Feed(RequestParser& parser, Done done, size_t* consumed = nullptr) {
    const size_t start = used_;
    const beast::error_code ec = FeedUntil(parser, done);
    if (consumed) *consumed = used_ - start;
    return ec;
  }

  bool Drained() const { return used_ == bytes_.size(); }

 private:
  template <typename Done>
  beast::error_code FeedUntil(RequestParser& parser, Done done) {
    beast::error_code ec;
    while (!done(parser)) {
      const std::string_view available = bytes_.substr(used_, received_ - used_);
      const size_t n = parser.put(net::buffer(available.data(), available.size()), ec);
      used_ += n;
      if (ec == bhttp::error::need_more || (!ec && n == 0)) {
        ec = {};
        if (received_ == bytes_.size()) {  // the client has sent everything and closed
          parser.put_eof(ec);
          return ec ? ec : beast::error_code(bhttp::error::partial_message);
        }
        received_ = std::min(bytes_.size(), received_ + slice_);
        continue;
      }
      if (ec) return ec;
    }
    return ec;
  }

  std::string_view bytes_;
  size_t slice_;
  size_t used_ = 0;
  size_t received_ = 0;
};

// What the server does with `bytes` on one connection: the requests it reads in full (with
// the answer or route of each), then how the connection ends.
struct Transcript {
  std::string requests;
  std::string end;
};

Transcript Read(std::string_view bytes, size_t slice) {
  const ServerOptions options = Options();
  Connection connection(bytes, slice);
  Transcript out;
  for (int requests = 0; requests < 64 && !connection.Drained(); ++requests) {
    RequestParser parser;
    ApplyLimits(parser, options);
    size_t header_bytes = 0;
    beast::error_code ec = connection.Feed(
        parser, [](const RequestParser& p) { return p.is_header_done(); }, &header_bytes);
    if (!ec) {
      if (auto over = HeaderOverLimit(header_bytes, options)) {
        CheckAnswer(*over, out.end);
        break;
      }
      if (auto refused = RefuseTransferCoding(parser.get())) {
        CheckAnswer(*refused, out.end);
        break;
      }
      if (!parser.is_done()) {
        const std::string path = PathOnly(std::string_view(parser.get().target().data(),
                                                            parser.get().target().size()));
        const std::string method(parser.get().method_string());
        RouteMatch match = Routes().Match(method, path);
        if (match.kind != RouteMatch::Kind::kFound) {
          CheckAnswer(Router::NoRouteResponse(match, method, path), out.end);
          break;
        }
        if (Routes().NeedsCredentialForBody(match) && !HasCredential(parser.get())) {
          CheckAnswer(CredentialRequired(), out.end);
          break;
        }
        parser.eager(true);
        ec = connection.Feed(parser, [](const RequestParser& p) { return p.is_done(); });
      }
    }
    if (ec) {
      if (auto answer = ReadErrorResponse(ec, options)) CheckAnswer(*answer, out.end);
      out.end += "closed\n";
      break;
    }
    const bool keep_alive = parser.get().keep_alive();
    HttpRequest request = ToHttpRequest(parser.release(), "fuzz");
    CheckRequest(request, options, out.requests);
    if (!keep_alive) break;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the size of the reads to compare with one read of everything.
  const size_t slice = 1 + data[0] % 97;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  const Transcript whole = Read(bytes, bytes.size() + 1);
  const Transcript sliced = Read(bytes, slice);
  // How a connection ends may depend on the reads: Beast checks the request line as soon as it
  // has it and the rest once the header is complete, so a malformed request may be answered
  // 400, 431 or not at all (the client closed first). Every one of those ends closes the
  // connection; what must not differ is the requests read before it.
  if (whole.requests != sliced.requests) {
    fprintf(stderr, "read at once:\n%s%s\nread in slices of %zu bytes:\n%s%s\n",
            whole.requests.c_str(), whole.end.c_str(), slice, sliced.requests.c_str(),
            sliced.end.c_str());
    std::abort();
  }
  return 0;
}
