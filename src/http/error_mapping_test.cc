#include "http/error_mapping.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace xinyong::http {
namespace {

TEST(ErrorMappingTest, EachDomainCodeHasItsHttpStatus) {
  EXPECT_EQ(HttpStatusFor(Code::kOk), 200);
  EXPECT_EQ(HttpStatusFor(Code::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(Code::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(Code::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(Code::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(Code::kConflict), 409);
  EXPECT_EQ(HttpStatusFor(Code::kFailedPrecondition), 422);
  EXPECT_EQ(HttpStatusFor(Code::kUnavailable), 503);
  EXPECT_EQ(HttpStatusFor(Code::kStorageFailure), 503);
  EXPECT_EQ(HttpStatusFor(Code::kInternal), 500);
}

TEST(ErrorMappingTest, HttpStatusMapsBackToTheDomainCode) {
  for (Code code :
       {Code::kInvalidArgument, Code::kUnauthenticated, Code::kPermissionDenied, Code::kNotFound,
        Code::kConflict, Code::kFailedPrecondition, Code::kUnavailable, Code::kInternal}) {
    EXPECT_EQ(ErrorCodeForHttpStatus(HttpStatusFor(code)), CodeName(code));
  }
  EXPECT_EQ(ErrorCodeForHttpStatus(405), "method_not_allowed");
  EXPECT_EQ(ErrorCodeForHttpStatus(413), "payload_too_large");
  EXPECT_EQ(ErrorCodeForHttpStatus(431), "header_fields_too_large");
  EXPECT_EQ(ErrorCodeForHttpStatus(418), "http_418");
  EXPECT_EQ(ErrorCodeForHttpStatus(200), "");
}

TEST(ErrorMappingTest, ErrorResponseFromStatusHasCodeAndMessage) {
  HttpResponse response =
      ErrorResponse(InvalidArgument("field \"code\": 17 characters, expected 18"));
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.content_type, "application/json; charset=utf-8");
  nlohmann::json body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body,
            nlohmann::json::parse(R"({"error":{"code":"invalid_argument",)"
                                  R"("message":"field \"code\": 17 characters, expected 18"}})"));
}

TEST(ErrorMappingTest, FailedPreconditionIs422) {
  HttpResponse response = ErrorResponse(FailedPrecondition("display period has ended"));
  EXPECT_EQ(response.status, 422);
  EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["code"], "failed_precondition");
}

// The disk full or failing and the store down are both 503 with Retry-After; the caller is told
// which (nothing was saved, or nothing was done) by the code, not by the store's English words.
TEST(ErrorMappingTest, StorageFailureAndUnavailableAre503WithRetryAfter) {
  const HttpResponse full = ErrorResponse(StorageFailure("database or disk is full"));
  const HttpResponse down = ErrorResponse(Unavailable("postgres connection lost: cannot write"));
  for (const HttpResponse* r : {&full, &down}) {
    EXPECT_EQ(r->status, 503);
    ASSERT_EQ(r->headers.size(), 1u);
    EXPECT_EQ(r->headers[0].first, "Retry-After");
  }
  const auto full_body = nlohmann::json::parse(full.body)["error"];
  const auto down_body = nlohmann::json::parse(down.body)["error"];
  EXPECT_EQ(full_body["code"], "storage_failure");
  EXPECT_EQ(down_body["code"], "unavailable");
  EXPECT_NE(full_body["message"].get<std::string>().find("无法写入"), std::string::npos);
  EXPECT_NE(down_body["message"].get<std::string>().find("暂时不可用"), std::string::npos)
      << "the words \"cannot write\" in the store's message no longer decide";
  EXPECT_EQ(full_body["message"].get<std::string>().find("disk"), std::string::npos);
}

TEST(ErrorMappingTest, ErrorResponseWithExplicitStatus) {
  HttpResponse response = ErrorResponse(405, "method_not_allowed", "use GET");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.body, R"({"error":{"code":"method_not_allowed","message":"use GET"}})");
}

TEST(ErrorMappingTest, InvalidUtf8InMessageDoesNotThrow) {
  HttpResponse response = ErrorResponse(NotFound("no subject \xff\xfe"));
  EXPECT_EQ(response.status, 404);
  nlohmann::json body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["error"]["message"], "no subject \xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(ErrorMappingTest, OkStatusIsAnInternalError) {
  HttpResponse response = ErrorResponse(Status::Ok());
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["code"], "internal");
}

TEST(ErrorMappingTest, JsonResponseKeepsTextAndStatus) {
  HttpResponse response = JsonResponse(201, R"({"id":7})");
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.body, R"({"id":7})");
  EXPECT_EQ(response.content_type, "application/json; charset=utf-8");
}

}  // namespace
}  // namespace xinyong::http
