// Issue 22, item 3: the HTTP shapes an attacker tries first, against the real binary. They held
// when probed; these tests keep them held. Slow clients are cut off at the read deadline without
// holding anything others need; request-smuggling shapes are refused and the connection closed;
// the static file server gives nothing outside its directory; oversized and deeply nested JSON,
// and text that is not UTF-8 (a GBK file pasted into a form), are refused with a Chinese message
// naming the problem, and the server goes on serving.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "blackbox/harness.h"

namespace xytest {
namespace {

using nlohmann::json;

bool HasChinese(const std::string& s) {
  for (unsigned char c : s) {
    if (c >= 0xE4 && c <= 0xE9) return true;  // lead bytes of the CJK Unified Ideographs
  }
  return false;
}

// The status lines in everything a connection answered.
std::vector<std::string> StatusLines(const std::string& replies) {
  std::vector<std::string> out;
  for (size_t at = 0; (at = replies.find("HTTP/1.1 ", at)) != std::string::npos; at += 9) {
    out.push_back(replies.substr(at, 12));
  }
  return out;
}

class HardeningTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitAndGetAdminPassword(dir_.path());
    // A short read deadline, so that the test waits seconds, not the default 30.
    std::ofstream(dir_.path() + "/xinyong.yaml", std::ios::app) << "read_timeout_seconds: 2\n";
    server_ = std::make_unique<ServerProcess>(dir_.path());
    ASSERT_TRUE(server_->Start()) << server_->output();
  }
  void TearDown() override { EXPECT_EQ(server_->Terminate(), 0) << server_->output(); }

  // One raw request on its own connection: every answer until the server closes it.
  std::string Raw(const std::string& request) {
    RawConnection c(server_->port());
    EXPECT_TRUE(c.Send(request));
    return c.ReadAll(3000);
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(HardeningTest, SlowClientsAreCutOffAtTheReadDeadlineAndHoldNothingOthersNeed) {
  // Six clients trickle a header one byte every half second; two send half a body and stop.
  const std::string header = "GET /api/v1/measures HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " +
                             std::string(40, 'a') + "\r\n\r\n";
  std::vector<std::unique_ptr<RawConnection>> trickling;
  for (int i = 0; i < 6; ++i) trickling.push_back(std::make_unique<RawConnection>(server_->port()));
  std::vector<std::unique_ptr<RawConnection>> unfinished;
  for (int i = 0; i < 2; ++i) {
    unfinished.push_back(std::make_unique<RawConnection>(server_->port()));
    ASSERT_TRUE(unfinished.back()->Send(DeclaredBody("POST", "/api/v1/objections", 1000) +
                                        "{\"reasons\":"));
  }
  std::vector<bool> cut(trickling.size(), false);
  int served = 0;
  for (size_t step = 0; step < 16; ++step) {  // 8 s of trickling: four read deadlines
    for (size_t i = 0; i < trickling.size(); ++i) {
      if (cut[i]) continue;
      const std::string reply = trickling[i]->Read(0);
      if (reply == "EOF" || !trickling[i]->Send(header.substr(step, 1))) cut[i] = true;
      EXPECT_EQ(reply.find("HTTP/1.1 200"), std::string::npos)
          << "a header trickled past the deadline was served";
    }
    // Meanwhile everyone else is served.
    served += Http(server_->port(), "GET", "/api/v1/measures").status == 200;
    usleep(500 * 1000);
  }
  for (size_t i = 0; i < trickling.size(); ++i) {
    EXPECT_TRUE(cut[i] || trickling[i]->Read(100) == "EOF")
        << "trickling client " << i << " still connected after four read deadlines";
  }
  for (auto& u : unfinished) {
    EXPECT_EQ(u->ReadAll(1000), "") << "a body never finished is dropped without an answer";
    EXPECT_EQ(u->Read(100), "EOF") << "and its connection closed";
  }
  EXPECT_EQ(served, 16) << "requests of others were held up by slow clients";
  EXPECT_EQ(Http(server_->port(), "GET", "/healthz").status, 200);
}

TEST_F(HardeningTest, RequestSmugglingShapesAreRefusedAndTheConnectionClosed) {
  const std::string smuggled = "GET /api/v1/measures HTTP/1.1\r\nHost: x\r\n\r\n";
  struct Shape {
    const char* name;
    std::string request;
    const char* status;
  };
  const std::string post = "POST /api/v1/repairs/eligibility HTTP/1.1\r\nHost: x\r\n"
                           "Content-Type: application/json\r\n";
  const std::vector<Shape> shapes = {
      {"Content-Length and Transfer-Encoding",
       post + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled,
       "HTTP/1.1 400"},
      {"two different Content-Length",
       post + "Content-Length: 2\r\nContent-Length: 44\r\n\r\n{}" + smuggled, "HTTP/1.1 400"},
      {"a signed Content-Length", post + "Content-Length: +2\r\n\r\n{}" + smuggled,
       "HTTP/1.1 400"},
      {"a space before the colon", post + "Content-Length : 2\r\n\r\n{}" + smuggled,
       "HTTP/1.1 400"},
      {"Transfer-Encoding folded onto the next line (obs-fold) beside Content-Length",
       post + "Content-Length: 2\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n" + smuggled,
       "HTTP/1.1 400"},
      {"Transfer-Encoding twice", post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: "
                                         "chunked\r\n\r\n0\r\n\r\n" + smuggled,
       "HTTP/1.1 400"},
      {"a coding other than chunked",
       post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n" + smuggled, "HTTP/1.1 501"},
      {"Transfer-Encoding: identity", post + "Transfer-Encoding: identity\r\n\r\n" + smuggled,
       "HTTP/1.1 501"},
  };
  for (const Shape& s : shapes) {
    SCOPED_TRACE(s.name);
    const std::string replies = Raw(s.request);
    const auto lines = StatusLines(replies);
    ASSERT_EQ(lines.size(), 1u) << "the request behind it was answered too: " << replies;
    EXPECT_EQ(lines[0], s.status) << replies;
    EXPECT_NE(replies.find("Connection: close"), std::string::npos) << replies;
    EXPECT_TRUE(HasChinese(replies)) << replies;
  }
  // An obs-fold elsewhere is read as one header whose value continues (RFC 9112 §5.2): one
  // request, one answer.
  const std::string folded =
      Raw("GET /api/v1/measures HTTP/1.1\r\nHost: x\r\nX-Note: a\r\n b\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusLines(folded), std::vector<std::string>{"HTTP/1.1 200"});
  EXPECT_EQ(Http(server_->port(), "GET", "/healthz").status, 200);
}

TEST_F(HardeningTest, TheStaticFileServerGivesNothingOutsideItsDirectory) {
  for (const char* target :
       {"/../xinyong.yaml", "/%2e%2e/xinyong.yaml", "/%2E%2E/%2E%2E/etc/passwd",
        "/assets/..%2f..%2fxinyong.yaml", "/assets/%252e%252e/%252e%252e/xinyong.yaml",
        "/assets/..%5c..%5cxinyong.yaml", "/assets/.%2e/.%2e/xinyong.yaml",
        "/assets/%c0%ae%c0%ae/xinyong.yaml", "/index.html%00.yaml", "/./xinyong.yaml"}) {
    SCOPED_TRACE(target);
    const std::string replies =
        Raw(std::string("GET ") + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const auto lines = StatusLines(replies);
    ASSERT_EQ(lines.size(), 1u) << replies;
    EXPECT_TRUE(lines[0] == "HTTP/1.1 400" || lines[0] == "HTTP/1.1 404" ||
                lines[0] == "HTTP/1.1 200")
        << replies;
    EXPECT_EQ(replies.find("secret_key"), std::string::npos) << "the configuration leaked";
    EXPECT_EQ(replies.find("root:"), std::string::npos) << "/etc/passwd leaked";
    if (lines[0] == "HTTP/1.1 400") {
      EXPECT_TRUE(HasChinese(replies)) << replies;
    }
  }
}

TEST_F(HardeningTest, OversizedAndDeeplyNestedJsonAreRefusedAndTheServerStaysUp) {
  const std::vector<std::pair<std::string, std::string>> bodies = {
      {"100,000 nested arrays", std::string(100000, '[') + std::string(100000, ']')},
      {"100,000 nested objects in a field",
       "{\"reasons\":" + [] {
         std::string s;
         for (int i = 0; i < 100000; ++i) s += "{\"a\":";
         return s + "1" + std::string(100000, '}');
       }() + "}"},
      {"an unterminated nesting", std::string(200000, '[')},
  };
  for (const auto& [name, body] : bodies) {
    SCOPED_TRACE(name);
    auto r = Http(server_->port(), "POST", "/api/v1/objections", body,
                  {{"Content-Type", "application/json"}});
    EXPECT_EQ(r.status, 400) << r.body.substr(0, 300);
    EXPECT_TRUE(HasChinese(r.body)) << r.body.substr(0, 300);
    EXPECT_EQ(Http(server_->port(), "GET", "/healthz").status, 200) << "the server went down";
  }
  // Larger than the body limit (16 MiB by default): 413 before it is read, in Chinese.
  RawConnection c(server_->port());
  ASSERT_TRUE(c.Send(DeclaredBody("POST", "/api/v1/objections", size_t{64} << 20)));
  const std::string answer = c.ReadAll(3000);
  EXPECT_EQ(answer.rfind("HTTP/1.1 413", 0), 0u) << answer;
  EXPECT_TRUE(HasChinese(answer)) << answer;
}

TEST_F(HardeningTest, TextThatIsNotUtf8IsRefusedInEveryPublicTextField) {
  // "异议" as GBK bytes, as a form filled from a GBK file sends it; and bytes no encoding has.
  for (const std::string& bad : {std::string("\xD2\xEC\xD2\xE9"), std::string("\xFF\xFE\x80")}) {
    const json base = {{"target_kind", "record"}, {"target_id", 1},
                       {"filer_kind", "public"},  {"filer_name", "张三"},
                       {"filer_contact", "13800000000"}, {"reasons", "信息有误"}};
    for (const char* field : {"filer_name", "filer_contact", "reasons"}) {
      SCOPED_TRACE(field);
      // Spliced into the JSON text as raw bytes (a JSON library would refuse to write them).
      std::string body = base.dump();
      const std::string quoted = "\"" + base[field].get<std::string>() + "\"";
      body.replace(body.find(quoted), quoted.size(), "\"" + bad + "\"");
      auto r = Http(server_->port(), "POST", "/api/v1/objections", body,
                    {{"Content-Type", "application/json"}});
      EXPECT_EQ(r.status, 400) << r.body;
      EXPECT_TRUE(HasChinese(r.body)) << r.body;
    }
    // In the query string of the public search and the public subject page.
    std::string escaped;
    for (unsigned char ch : bad) {
      static const char* hex = "0123456789ABCDEF";
      escaped += '%';
      escaped += hex[ch >> 4];
      escaped += hex[ch & 15];
    }
    for (const std::string& target :
         {"/api/v1/search?q=" + escaped, "/api/v1/public/subjects/" + escaped,
          "/api/v1/public/records?q=" + escaped}) {
      SCOPED_TRACE(target);
      auto r = Http(server_->port(), "GET", target);
      EXPECT_TRUE(r.status == 400 || r.status == 404) << r.status << " " << r.body;
      EXPECT_TRUE(HasChinese(r.body)) << r.body;
      EXPECT_TRUE(json::accept(r.body)) << "the answer is not valid JSON (UTF-8): " << r.body;
    }
  }
  EXPECT_EQ(Http(server_->port(), "GET", "/healthz").status, 200);
}

}  // namespace
}  // namespace xytest
