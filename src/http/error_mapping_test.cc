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
