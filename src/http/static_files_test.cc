#include "http/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "http/router.h"

namespace xinyong::http {
namespace {

std::string HeaderOf(const HttpResponse& r, const std::string& name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return "";
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = std::filesystem::temp_directory_path() /
            ("xy-static-" + std::to_string(std::random_device{}()));
    root_ = base_ / "dist";
    std::filesystem::create_directories(root_ / "assets");
    Write(root_ / "index.html", "<!doctype html><title>index</title>");
    Write(root_ / "assets" / "index-abc123.js", "console.log(1)");
    Write(root_ / "assets" / "index-abc123.css", "body{}");
    Write(root_ / "robots.txt", "User-agent: *");
    Write(base_ / "secret.txt", "outside the root");
  }
  void TearDown() override { std::filesystem::remove_all(base_); }

  static void Write(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
  }

  // Routes like the server: the API's routes, then the files as the fallback.
  HttpResponse Get(const std::string& target, const std::string& method = "GET") {
    Router router;
    router.Add("GET", "/healthz", [](HttpRequest&) {
      HttpResponse r;
      r.body = "ok";
      return r;
    });
    StaticFiles files(root_);
    router.SetFallback([&files](HttpRequest& r) { return files.Serve(r); });
    HttpRequest request;
    request.method = method;
    request.target = target;
    return router.Dispatch(request);
  }

  std::filesystem::path base_;
  std::filesystem::path root_;
};

TEST_F(StaticFilesTest, ServesFilesWithTypeAndCaching) {
  HttpResponse js = Get("/assets/index-abc123.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "console.log(1)");
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(HeaderOf(js, "Cache-Control"), "public, max-age=31536000, immutable");

  HttpResponse css = Get("/assets/index-abc123.css");
  EXPECT_EQ(css.content_type, "text/css; charset=utf-8");

  HttpResponse txt = Get("/robots.txt");
  EXPECT_EQ(txt.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(HeaderOf(txt, "Cache-Control"), "no-cache");

  HttpResponse index = Get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<!doctype html><title>index</title>");
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(HeaderOf(index, "Cache-Control"), "no-cache");
  EXPECT_NE(HeaderOf(index, "Content-Security-Policy").find("default-src 'self'"), std::string::npos);
}

TEST_F(StaticFilesTest, UnknownPagesServeIndexSoTheFrontEndRoutes) {
  for (const char* target : {"/subjects/91320100748204660Q", "/console", "/objections/track?id=1&token=x",
                             "/index.html"}) {
    HttpResponse r = Get(target);
    EXPECT_EQ(r.status, 200) << target;
    EXPECT_EQ(r.body, "<!doctype html><title>index</title>") << target;
    EXPECT_EQ(HeaderOf(r, "Cache-Control"), "no-cache") << target;
  }
  // A missing build asset is not answered with the page.
  HttpResponse missing = Get("/assets/index-gone.js");
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find(R"("code":"not_found")"), std::string::npos);
}

TEST_F(StaticFilesTest, HeadIsServedAndRoutesStillWin) {
  EXPECT_EQ(Get("/assets/index-abc123.js", "HEAD").status, 200);
  EXPECT_EQ(Get("/healthz").body, "ok");
  HttpResponse api = Get("/api/v1/unknown");
  EXPECT_EQ(api.status, 404);
  EXPECT_NE(api.body.find(R"("code":"not_found")"), std::string::npos);
  EXPECT_EQ(Get("/console", "POST").status, 404);
}

TEST_F(StaticFilesTest, TraversalIsRefusedInEveryEncoding) {
  for (const char* target :
       {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
        "/.%2e/secret.txt", "/assets/..%2fsecret.txt", "/assets/..%2F..%2Fsecret.txt",
        "/%252e%252e/secret.txt", "/..%5csecret.txt", "/./index.html", "/a%00b"}) {
    HttpResponse r = Get(target);
    EXPECT_EQ(r.status, 400) << target << " " << r.body;
    EXPECT_EQ(r.body.find("outside the root"), std::string::npos) << target;
  }
}

TEST_F(StaticFilesTest, WithoutABuildPagesSayToRunMakeWeb) {
  std::filesystem::remove(root_ / "index.html");
  StaticFiles files(root_);
  EXPECT_FALSE(files.Built());
  HttpResponse r = Get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("网页前端尚未构建"), std::string::npos);
  EXPECT_NE(r.body.find("make web"), std::string::npos);

  StaticFiles nowhere(base_ / "no-such-dir");
  HttpRequest request;
  request.method = "GET";
  request.target = request.path = "/";
  EXPECT_NE(nowhere.Serve(request).body.find("make web"), std::string::npos);
}

TEST(StaticFilesTypes, ContentTypeByExtension) {
  EXPECT_EQ(StaticFiles::ContentType("a.SVG"), "image/svg+xml");
  EXPECT_EQ(StaticFiles::ContentType("f.woff2"), "font/woff2");
  EXPECT_EQ(StaticFiles::ContentType("x.png"), "image/png");
  EXPECT_EQ(StaticFiles::ContentType("noext"), "application/octet-stream");
}

}  // namespace
}  // namespace xinyong::http
