// 信息推送 through the real binary: an implementing department subscribes to list changes of
// its region with a webhook; the receiver refuses the first 5 deliveries and still gets every
// change exactly once, in order, signed; a restart sends nothing twice; the subscription's
// pull feed resumes from its cursor.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "blackbox/harness.h"

namespace xytest {
namespace {

using nlohmann::json;

std::string HmacHex(const std::string& key, const std::string& msg) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), mac, &len);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out += kHex[mac[i] >> 4];
    out += kHex[mac[i] & 15];
  }
  return out;
}

// Sets an environment variable for the servers this test starts; unsets it however the test ends.
struct ScopedEnv {
  ScopedEnv(const char* name, const char* value) : name_(name) { setenv(name, value, 1); }
  ~ScopedEnv() { unsetenv(name_); }
  const char* name_;
};

TEST(PushTest, AWebhookReceiverThatWasDownGetsEveryChangeOnceInOrder) {
  // Fast retries so the test does not wait minutes; the schedule is the same doubling.
  ScopedEnv retry("XINYONG_WEBHOOK_RETRY_BASE_MS", "20");
  ScopedEnv poll("XINYONG_WEBHOOK_POLL_MS", "50");
  TempDir dir;
  const std::string admin_password = InitAndGetAdminPassword(dir.path());
  auto server = std::make_unique<ServerProcess>(dir.path());
  ASSERT_TRUE(server->Start()) << server->output();
  auto call = [&](const std::string& method, const std::string& target, const json& body,
                  const std::string& token) {
    return Http(server->port(), method, target, body.is_null() ? "" : body.dump(),
                {{"Authorization", "Bearer " + token}});
  };
  auto login = [&](const std::string& user, const std::string& password) {
    auto r = Http(server->port(), "POST", "/api/v1/sessions",
                  json{{"username", user}, {"password", password}}.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body)["token"].get<std::string>();
  };
  const std::string admin = login("admin", admin_password);
  ASSERT_EQ(call("POST", "/api/v1/departments",
                 {{"code", "11320100MB1886843H"}, {"name", "南京市住房和城乡建设局"}}, admin)
                .status,
            201);
  for (const auto& [name, code] : {std::pair{"南京某某科技有限公司", "91320100748204660Q"},
                                   std::pair{"哈尔滨某某商贸有限公司", "91230500MA1B3N1N2M"}}) {
    ASSERT_EQ(
        call("POST", "/api/v1/subjects", {{"name", name}, {"identifiers", {code}}}, admin).status,
        201);
  }
  auto officer = call(
      "POST", "/api/v1/users",
      {{"username", "approver"}, {"role", "officer"}, {"department", "11320100MB1886843H"}}, admin);
  ASSERT_EQ(officer.status, 201) << officer.body;
  const std::string approver = login("approver", json::parse(officer.body)["password"]);

  WebhookReceiver receiver(5);
  auto created = call("POST", "/api/v1/subscriptions",
                      {{"name", "江苏省内名单变动"},
                       {"scope", "region"},
                       {"region", "32"},
                       {"webhook_url", receiver.url()}},
                      approver);
  ASSERT_EQ(created.status, 201) << created.body;
  const json sub = json::parse(created.body);
  const std::string secret = sub["secret"];
  ASSERT_EQ(secret.size(), 64u);
  const std::string sub_path = "/api/v1/subscriptions/" + std::to_string(sub["id"].get<int64_t>());

  // Three changes in 江苏 (one company listed, exited, listed again) and one elsewhere.
  auto red = [&](const std::string& code, const std::string& document) {
    auto p = call("POST", "/api/v1/lists/entries",
                  {{"subject", code},
                   {"list_kind", "red"},
                   {"domain", "tax"},
                   {"basis", "《纳税信用管理办法（试行）》第二十三条"},
                   {"department", "11320100MB1886843H"}},
                  admin);
    EXPECT_EQ(p.status, 201) << p.body;
    const std::string id = std::to_string(json::parse(p.body)["id"].get<int64_t>());
    auto d = call("POST", "/api/v1/lists/entries/" + id + "/decide",
                  {{"decision_document", document}}, admin);
    EXPECT_EQ(d.status, 200) << d.body;
    return id;
  };
  const std::string first = red("91320100748204660Q", "2025年度纳税信用A级纳税人名单");
  red("91230500MA1B3N1N2M", "2025年度纳税信用A级纳税人名单（黑龙江）");
  ASSERT_EQ(call("POST", "/api/v1/lists/entries/" + first + "/exit",
                 {{"reason", "纳税信用级别调整"}}, admin)
                .status,
            200);
  red("91320100748204660Q", "2026年度纳税信用A级纳税人名单");

  ASSERT_TRUE(receiver.WaitForTaken(3, 60000))
      << "taken " << receiver.taken().size() << " of 3 after " << receiver.requests()
      << " requests\n"
      << call("GET", sub_path, nullptr, approver).body << "\n"
      << server->output();
  const auto taken = receiver.taken();
  ASSERT_EQ(taken.size(), 3u);
  EXPECT_EQ(receiver.requests(), 8) << "5 refused, then each change once";
  std::vector<std::string> events;
  std::set<std::string> delivery_ids;
  int64_t last_seq = 0;
  for (const auto& t : taken) {
    events.push_back(t.headers.at("x-xinyong-event"));
    delivery_ids.insert(t.headers.at("x-xinyong-delivery"));
    EXPECT_EQ(t.headers.at("x-xinyong-signature"),
              "sha256=" + HmacHex(secret, t.headers.at("x-xinyong-timestamp") + "." + t.body));
    json body = json::parse(t.body);
    EXPECT_GT(body["seq"].get<int64_t>(), last_seq) << "in log order";
    last_seq = body["seq"];
    EXPECT_EQ(body["entry"]["subject"]["identifiers"][0], "91320100748204660Q");
  }
  EXPECT_EQ(events, (std::vector<std::string>{"list_entry.decided", "list_entry.exited",
                                              "list_entry.decided"}));
  EXPECT_EQ(delivery_ids.size(), 3u);
  // The receiver has answered the third delivery; the platform records it just after.
  json state;
  for (int i = 0; i < 200; ++i) {
    state = json::parse(call("GET", sub_path, nullptr, approver).body);
    if (state["delivery"]["delivered"] == 3) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(state["delivery"]["delivered"], 3) << state.dump();
  EXPECT_EQ(state["delivery"]["failed_attempts"], 0);

  // A restart resumes from the stored cursor: nothing is delivered twice.
  ASSERT_EQ(server->Terminate(), 0) << server->output();
  server = std::make_unique<ServerProcess>(dir.path());
  ASSERT_TRUE(server->Start()) << server->output();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // ten poll intervals
  EXPECT_EQ(receiver.requests(), 8);

  // The same changes through the pull feed, two at a time.
  auto page1 = json::parse(call("GET", sub_path + "/feed?limit=2", nullptr, approver).body);
  ASSERT_EQ(page1["items"].size(), 2u) << page1.dump();
  auto page2 = json::parse(
      call("GET",
           sub_path + "/feed?limit=2&cursor=" + std::to_string(page1["next_cursor"].get<int64_t>()),
           nullptr, approver)
          .body);
  ASSERT_EQ(page2["items"].size(), 1u) << page2.dump();
  EXPECT_EQ(page2["items"][0]["seq"], last_seq);
  EXPECT_EQ(json::parse(taken[2].body), page2["items"][0]) << "the webhook body is the feed item";
  auto page3 = json::parse(
      call("GET", sub_path + "/feed?cursor=" + std::to_string(page2["next_cursor"].get<int64_t>()),
           nullptr, approver)
          .body);
  EXPECT_TRUE(page3["items"].empty());
  EXPECT_EQ(server->Terminate(), 0);
}

}  // namespace
}  // namespace xytest
