#include "http/router.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "core/text.h"

namespace xinyong::http {
namespace {

Handler Named(std::string name) {
  return [name](HttpRequest&) {
    HttpResponse response;
    response.body = name;
    return response;
  };
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add("GET", "/", Named("root"));
    router_.Add("GET", "/api/v1/subjects/{code}", Named("get subject"));
    router_.Add("PUT", "/api/v1/subjects/{code}", Named("put subject"));
    router_.Add("GET", "/api/v1/subjects/search", Named("search"));
    router_.Add("POST", "/api/v1/subjects/{code}/records/{record_id}", Named("add record"));
    router_.Add("DELETE", "/api/v1/lists/{list}", Named("delete list"));
  }

  std::string Run(const Handler* handler) {
    HttpRequest request;
    return (*handler)(request).body;
  }

  Router router_;
};

TEST_F(RouterTest, LiteralPathMatches) {
  RouteMatch match = router_.Match("GET", "/");
  ASSERT_EQ(match.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(match.route, "/");
  EXPECT_EQ(Run(match.handler), "root");
}

TEST_F(RouterTest, ParametersAreFilledAndDecoded) {
  RouteMatch match = router_.Match("POST", "/api/v1/subjects/91350100M000100Y43/records/r%2F7");
  ASSERT_EQ(match.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(match.route, "/api/v1/subjects/{code}/records/{record_id}");
  EXPECT_EQ(match.params.at("code"), "91350100M000100Y43");
  EXPECT_EQ(match.params.at("record_id"), "r/7");  // %2F stays inside the parameter
  EXPECT_EQ(Run(match.handler), "add record");
}

TEST_F(RouterTest, NonAsciiParameter) {
  RouteMatch match = router_.Match("GET", "/api/v1/subjects/%E4%B8%AD%E6%96%87");
  ASSERT_EQ(match.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(match.params.at("code"), "中文");
}

TEST_F(RouterTest, QueryIsIgnoredForMatching) {
  RouteMatch match = router_.Match("GET", "/api/v1/subjects/X1?fields=name&x=1");
  ASSERT_EQ(match.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(match.params.at("code"), "X1");
}

TEST_F(RouterTest, LiteralSegmentBeatsParameterWhateverTheOrder) {
  RouteMatch match = router_.Match("GET", "/api/v1/subjects/search");
  ASSERT_EQ(match.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(match.route, "/api/v1/subjects/search");
  EXPECT_TRUE(match.params.empty());
  EXPECT_EQ(Run(match.handler), "search");
}

TEST_F(RouterTest, UnknownPathIsNotFound) {
  for (const char* target :
       {"/nope", "/api/v1/subjects", "/api/v1/subjects/", "/api/v1/subjects/a/b",
        "/api/v1/subjects//records/1", "/api/v1/subjects/%zz"}) {
    RouteMatch match = router_.Match("GET", target);
    EXPECT_EQ(match.kind, RouteMatch::Kind::kNotFound) << target;
    EXPECT_EQ(match.route, "") << target;
    EXPECT_EQ(match.handler, nullptr) << target;
  }
}

TEST_F(RouterTest, KnownPathOtherMethodIsMethodNotAllowed) {
  RouteMatch match = router_.Match("DELETE", "/api/v1/subjects/X1");
  ASSERT_EQ(match.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_EQ(match.allow, "GET, HEAD, PUT");
  EXPECT_EQ(match.route, "/api/v1/subjects/{code}");

  match = router_.Match("GET", "/api/v1/lists/red");
  ASSERT_EQ(match.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_EQ(match.allow, "DELETE");
}

TEST_F(RouterTest, AllowListsEveryMethodWhosePatternMatchesThePath) {
  // "search" matches both the literal GET route and the PUT parameter route.
  RouteMatch match = router_.Match("POST", "/api/v1/subjects/search");
  ASSERT_EQ(match.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_EQ(match.allow, "GET, HEAD, PUT");
  EXPECT_EQ(match.route, "/api/v1/subjects/search");
}

TEST_F(RouterTest, HeadFallsBackToGet) {
  RouteMatch match = router_.Match("HEAD", "/api/v1/subjects/X1");
  ASSERT_EQ(match.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(Run(match.handler), "get subject");
}

TEST_F(RouterTest, DispatchFillsTheRequest) {
  HttpRequest request;
  request.method = "GET";
  request.target = "/api/v1/subjects/A%20B?q=%E4%B8%AD+x&empty&dup=1&dup=2";
  std::string seen;
  Router router;
  router.Add("GET", "/api/v1/subjects/{code}", [&](HttpRequest& r) {
    seen = r.route + "|" + r.path + "|" + r.params.at("code") + "|" + r.Query("q") + "|" +
           r.Query("empty", "fallback") + "|" + r.Query("dup") + "|" + r.Query("none", "fb");
    return HttpResponse{};
  });
  EXPECT_EQ(router.Dispatch(request).status, 200);
  EXPECT_EQ(seen, "/api/v1/subjects/{code}|/api/v1/subjects/A B|A B|中 x||1|fb");
}

TEST_F(RouterTest, DispatchAnswersMissesWithJsonErrors) {
  HttpRequest request;
  request.method = "GET";
  request.target = "/nope";
  HttpResponse response = router_.Dispatch(request);
  EXPECT_EQ(response.status, 404);
  EXPECT_NE(response.body.find(R"("code":"not_found")"), std::string::npos);

  request.method = "PATCH";
  request.target = "/api/v1/lists/red";
  response = router_.Dispatch(request);
  EXPECT_EQ(response.status, 405);
  EXPECT_NE(response.body.find(R"("code":"method_not_allowed")"), std::string::npos);
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0].first, "Allow");
  EXPECT_EQ(response.headers[0].second, "DELETE");

  request.method = "GET";
  request.target = "/a%zz";
  response = router_.Dispatch(request);
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(response.body.find(R"("code":"invalid_argument")"), std::string::npos);
}

TEST_F(RouterTest, FallbackTakesUnmatchedGetAndHeadOutsideApi) {
  router_.SetFallback(Named("static"));
  for (const char* target : {"/subjects/X1", "/console", "/assets/index-abc.js", "/a/b/c?x=1"}) {
    for (const char* method : {"GET", "HEAD"}) {
      RouteMatch match = router_.Match(method, target);
      ASSERT_EQ(match.kind, RouteMatch::Kind::kFound) << method << " " << target;
      EXPECT_EQ(Run(match.handler), "static");
      EXPECT_EQ(match.route, Router::kFallbackRoute);
    }
  }
  // Routes still win, and the fallback never answers other methods.
  EXPECT_EQ(Run(router_.Match("GET", "/").handler), "root");
  EXPECT_EQ(Run(router_.Match("GET", "/api/v1/subjects/X1").handler), "get subject");
  EXPECT_EQ(router_.Match("POST", "/console").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(router_.Match("PATCH", "/api/v1/lists/red").kind,
            RouteMatch::Kind::kMethodNotAllowed);
}

TEST_F(RouterTest, ApiMissesStayJson404WithAFallback) {
  router_.SetFallback(Named("static"));
  for (const char* target : {"/api", "/api/", "/api/v1/nope", "/%61pi/v1/nope"}) {
    EXPECT_EQ(router_.Match("GET", target).kind, RouteMatch::Kind::kNotFound) << target;
  }
  HttpRequest request;
  request.method = "GET";
  request.target = "/api/v9/unknown";
  HttpResponse response = router_.Dispatch(request);
  EXPECT_EQ(response.status, 404);
  EXPECT_NE(response.body.find(R"("code":"not_found")"), std::string::npos);
  request.target = "/subjects/X1";
  EXPECT_EQ(router_.Dispatch(request).body, "static");
}

TEST_F(RouterTest, MalformedPatternsAndDuplicatesAreRejected) {
  Router router;
  router.Add("GET", "/a/{id}", Named("a"));
  EXPECT_THROW(router.Add("GET", "/a/{other}", Named("dup")), std::invalid_argument);
  EXPECT_THROW(router.Add("GET", "a/b", Named("no slash")), std::invalid_argument);
  EXPECT_THROW(router.Add("GET", "/a/x{id}", Named("partial")), std::invalid_argument);
  EXPECT_THROW(router.Add("GET", "/a/{}", Named("empty name")), std::invalid_argument);
  EXPECT_THROW(router.Add("GET", "/b/{id}/{id}", Named("repeated")), std::invalid_argument);
  EXPECT_THROW(router.Add("GET", "/c", Handler()), std::invalid_argument);
  EXPECT_NO_THROW(router.Add("POST", "/a/{id}", Named("other method")));
}

TEST(PercentDecodeTest, DecodesEscapesAndOptionallyPlus) {
  EXPECT_EQ(PercentDecode("a%20b+c", false), "a b+c");
  EXPECT_EQ(PercentDecode("a%20b+c", true), "a b c");
  EXPECT_EQ(PercentDecode("%e4%B8%ad", false), "中");
  EXPECT_EQ(PercentDecode("", false), "");
  EXPECT_EQ(PercentDecode("%", false), std::nullopt);
  EXPECT_EQ(PercentDecode("%4", false), std::nullopt);
  EXPECT_EQ(PercentDecode("%4g", false), std::nullopt);
}

TEST(ParseTargetTest, RejectsTargetsThatAreNotPaths) {
  HttpRequest request;
  request.target = "http://example.com/";
  Status status = ParseTarget(request);
  EXPECT_EQ(status.code(), Code::kInvalidArgument);
  request.target = "/ok?bad=%G1";
  EXPECT_EQ(ParseTarget(request).code(), Code::kInvalidArgument);
}

// Found by the request fuzzer: the message quoted the client's bytes as they were, so a
// target in GBK made a message (and a log line) that was not UTF-8.
TEST(ParseTargetTest, QuotesTheClientsBytesAsValidUtf8) {
  HttpRequest request;
  for (const char* target : {"\xD6\xD0/api", "/a%zz\xFF", "/q?\xB9\xFA=%G1"}) {
    request.target = target;
    const Status status = ParseTarget(request);
    EXPECT_EQ(status.code(), Code::kInvalidArgument) << target;
    EXPECT_TRUE(IsValidUtf8(status.message())) << status.message();
    EXPECT_NE(status.message().find("\uFFFD"), std::string::npos) << status.message();
  }
  const HttpResponse missing =
      Router::NoRouteResponse(RouteMatch{}, "GET", "/\xD6\xD0");
  EXPECT_TRUE(IsValidUtf8(missing.body)) << missing.body;
}

TEST(RouterBodiesTest, OnlyRoutesOpenToAnyoneTakeABodyWithoutACredential) {
  Router router;
  const Handler ok = [](HttpRequest&) { return HttpResponse{}; };
  router.Add("GET", "/api/v1/objections", ok);
  router.Add("POST", "/api/v1/objections", ok, BodyFrom::kAnyone);
  router.Add("POST", "/api/v1/objections/{id}/accept", ok);
  const auto needs = [&router](const char* method, const char* path) {
    return router.NeedsCredentialForBody(router.Match(method, path));
  };
  EXPECT_FALSE(needs("POST", "/api/v1/objections")) << "off until asked for";
  router.RequireCredentialForBodies();
  EXPECT_FALSE(needs("POST", "/api/v1/objections"));
  EXPECT_TRUE(needs("GET", "/api/v1/objections"))
      << "the same pattern with another method is the staff's";
  EXPECT_TRUE(needs("POST", "/api/v1/objections/7/accept"));
  const auto routes = router.Routes();
  ASSERT_EQ(routes.size(), 3u);
  EXPECT_EQ(routes[1].method, "POST");
  EXPECT_EQ(routes[1].pattern, "/api/v1/objections");
  EXPECT_EQ(routes[1].body_from, BodyFrom::kAnyone);
  EXPECT_EQ(routes[2].body_from, BodyFrom::kCredential);
}

// The access log keeps no address of a route registered without it (the routes of tips), and
// only of those: the flag belongs to the route, not to a path prefix.
TEST(RouterLogTest, AnAddressIsLoggedUnlessTheRouteWasAddedWithoutIt) {
  Router router;
  const Handler ok = [](HttpRequest&) { return HttpResponse{}; };
  router.Add("POST", "/api/v1/tips", ok, BodyFrom::kAnyone, LogAddress::kNo);
  router.Add("GET", "/api/v1/tips/{id}/track", ok, BodyFrom::kCredential, LogAddress::kNo);
  router.Add("GET", "/api/v1/tipsters", ok);
  router.Add("POST", "/api/v1/objections", ok, BodyFrom::kAnyone);
  EXPECT_FALSE(router.LogsAddress("/api/v1/tips"));
  EXPECT_FALSE(router.LogsAddress(router.Match("GET", "/api/v1/tips/7/track").route));
  EXPECT_TRUE(router.LogsAddress("/api/v1/tipsters"));
  EXPECT_TRUE(router.LogsAddress("/api/v1/objections"));
  EXPECT_TRUE(router.LogsAddress("-")) << "an unmatched request";
  EXPECT_EQ(router.Routes()[0].log_address, LogAddress::kNo);
  EXPECT_EQ(router.Routes()[3].log_address, LogAddress::kYes);
}

}  // namespace
}  // namespace xinyong::http
