#include "http/error_mapping.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

namespace xinyong::http {

int HttpStatusFor(Code code) {
  switch (code) {
    case Code::kOk:
      return 200;
    case Code::kInvalidArgument:
      return 400;
    case Code::kUnauthenticated:
      return 401;
    case Code::kPermissionDenied:
      return 403;
    case Code::kNotFound:
      return 404;
    case Code::kConflict:
      return 409;
    case Code::kFailedPrecondition:
      return 422;
    case Code::kUnavailable:
    case Code::kStorageFailure:
      return 503;
    case Code::kResourceExhausted:
      return 429;
    case Code::kInternal:
      return 500;
  }
  return 500;
}

std::string ErrorCodeForHttpStatus(int http_status) {
  switch (http_status) {
    case 400:
      return "invalid_argument";
    case 401:
      return "unauthenticated";
    case 403:
      return "permission_denied";
    case 404:
      return "not_found";
    case 405:
      return "method_not_allowed";
    case 409:
      return "conflict";
    case 413:
      return "payload_too_large";
    case 422:
      return "failed_precondition";
    case 429:
      return "resource_exhausted";
    case 431:
      return "header_fields_too_large";
    case 500:
      return "internal";
    case 503:
      return "unavailable";
    default:
      break;
  }
  if (http_status < 400) return "";
  return "http_" + std::to_string(http_status);
}

HttpResponse ErrorResponse(const Status& status) {
  if (status.ok()) {
    return ErrorResponse(500, CodeName(Code::kInternal),
                         "the server built an error response from a success status");
  }
  if (status.code() == Code::kUnavailable || status.code() == Code::kStorageFailure) {
    return UnavailableResponse(status);
  }
  return ErrorResponse(HttpStatusFor(status.code()), CodeName(status.code()), status.message());
}

HttpResponse UnavailableResponse(const Status& status) {
  // The store's own words (a lost PostgreSQL connection, a full disk) are for the log; the
  // caller is told, in Chinese, that nothing was saved and when to try again.
  spdlog::warn("answered 503: {}", status.message());
  const bool cannot_write = status.code() == Code::kStorageFailure;
  HttpResponse r = ErrorResponse(
      503, CodeName(status.code()),
      cannot_write ? "服务器暂时无法写入数据（存储空间不足或磁盘故障），本次提交未保存，请稍后重试"
                   : "服务暂时不可用（数据存储无法连接或正忙），本次请求未处理，请稍后重试");
  r.headers.emplace_back("Retry-After", "5");
  return r;
}

HttpResponse ErrorResponse(int http_status, std::string_view code, std::string_view message) {
  nlohmann::json body = {{"error", {{"code", code}, {"message", message}}}};
  // `replace`: a message quoting user input may hold invalid UTF-8; never throw here.
  return JsonResponse(http_status,
                      body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

HttpResponse JsonResponse(int status, const std::string& json_text) {
  HttpResponse response;
  response.status = status;
  response.body = json_text;
  return response;
}

}  // namespace xinyong::http
