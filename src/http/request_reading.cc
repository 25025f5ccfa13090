#include "http/request_reading.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>

#include "core/status.h"
#include "core/text.h"
#include "http/error_mapping.h"

namespace xinyong::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;

std::string LowerCase(std::string_view in) {
  std::string out(in);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// "chunked", in any case, with optional whitespace around it: the one transfer coding served.
bool OnlyChunked(std::string_view value) {
  const auto first = value.find_first_not_of(" \t");
  if (first == std::string_view::npos) return false;
  const auto last = value.find_last_not_of(" \t");
  return LowerCase(value.substr(first, last - first + 1)) == "chunked";
}

}  // namespace

void ApplyLimits(RequestParser& parser, const ServerOptions& options) {
  parser.header_limit(static_cast<uint32_t>(
      std::min<std::size_t>(options.header_limit, std::numeric_limits<uint32_t>::max())));
  parser.body_limit(static_cast<uint64_t>(options.body_limit));
}

std::optional<HttpResponse> RefuseTransferCoding(const BeastRequest& header) {
  auto te = header.find(bhttp::field::transfer_encoding);
  if (te == header.end() || OnlyChunked(ToStd(te->value()))) return std::nullopt;
  return ErrorResponse(501, "not_implemented",
                       "不支持的传输编码（Transfer-Encoding: " + ReplaceInvalidUtf8(ToStd(te->value())) +
                           "），只接受 chunked");
}

bool HasCredential(const BeastRequest& header) {
  if (header.find(bhttp::field::authorization) != header.end()) return true;
  if (header.find("x-api-key") != header.end()) return true;
  auto cookie = header.find(bhttp::field::cookie);
  return cookie != header.end() &&
         ToStd(cookie->value()).find("xy_session=") != std::string_view::npos;
}

namespace {

HttpResponse HeaderTooLarge(const ServerOptions& options) {
  return ErrorResponse(431, "header_fields_too_large",
                       fmt::format("请求行和请求头超过{}字节的上限", options.header_limit));
}

}  // namespace

std::optional<HttpResponse> HeaderOverLimit(std::size_t header_bytes, const ServerOptions& options) {
  if (header_bytes <= options.header_limit) return std::nullopt;
  return HeaderTooLarge(options);
}

HttpResponse CredentialRequired() {
  HttpResponse refused = ErrorResponse(401, CodeName(Code::kUnauthenticated),
                                       "请先登录，或在Authorization头中提供会话令牌或API密钥");
  refused.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"xinyong\"");
  return refused;
}

std::optional<HttpResponse> ReadErrorResponse(beast::error_code ec, const ServerOptions& options) {
  if (ec == bhttp::error::body_limit) {
    return ErrorResponse(413, "payload_too_large",
                         fmt::format("请求体超过{}字节的上限，请分批发送", options.body_limit));
  }
  if (ec == bhttp::error::header_limit) return HeaderTooLarge(options);
  const bool parse_error =
      ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
      ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
  if (parse_error) {
    return ErrorResponse(400, CodeName(Code::kInvalidArgument),
                         "HTTP请求格式有误（" + ec.message() + "）");
  }
  return std::nullopt;
}

HttpRequest ToHttpRequest(BeastRequest&& message, std::string remote_address) {
  HttpRequest request;
  request.method = std::string(ToStd(message.method_string()));
  request.target = std::string(ToStd(message.target()));
  for (const auto& field : message) {
    std::string name = LowerCase(ToStd(field.name_string()));
    auto [it, inserted] = request.headers.try_emplace(name, std::string(ToStd(field.value())));
    if (!inserted) {
      it->second += ", ";
      it->second += ToStd(field.value());
    }
  }
  request.body = std::move(message.body());
  request.remote_address = std::move(remote_address);
  return request;
}

std::string PathOnly(std::string_view target) {
  return std::string(target.substr(0, target.find('?')));
}

}  // namespace xinyong::http
