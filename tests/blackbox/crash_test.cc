// kill -9 in the middle of writes loses no committed change and leaves no partial one.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "blackbox/harness.h"

namespace xytest {
namespace {

using nlohmann::json;

TEST(CrashTest, KillNineLosesNothingCommittedAndLeavesNothingHalfWritten) {
  TempDir dir;
  const std::string password = InitAndGetAdminPassword(dir.path());
  ServerProcess server(dir.path());
  ASSERT_TRUE(server.Start()) << server.output();
  auto login = Http(server.port(), "POST", "/api/v1/sessions",
                    json{{"username", "admin"}, {"password", password}}.dump());
  ASSERT_EQ(login.status, 201) << login.body;
  const std::string token = json::parse(login.body)["token"];

  std::mutex mu;
  std::set<std::string> acknowledged;  // answered 201: committed
  std::atomic<int> next{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&] {
      while (!stop) {
        const int n = next++;
        const std::string code = Uscc(n);
        auto r = Http(server.port(), "POST", "/api/v1/subjects",
                      json{{"name", "崩溃测试公司" + std::to_string(n)}, {"identifiers", {code}}}.dump(),
                      {{"Authorization", "Bearer " + token}});
        if (r.status == 201) {
          std::lock_guard lock(mu);
          acknowledged.insert(code);
        } else if (r.status == 0) {
          return;  // the server is gone
        }
      }
    });
  }
  // Let writes flow, then pull the plug while they are in flight.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    {
      std::lock_guard lock(mu);
      if (acknowledged.size() >= 60) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  server.Kill();
  stop = true;
  for (auto& w : writers) w.join();

  const std::string db = dir.path() + "/xinyong.db";
  // Every acknowledged subject is there.
  for (const auto& code : acknowledged) {
    EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM subject_identifiers WHERE lookup = '" + code + "'"), 1)
        << code << " was acknowledged but is missing";
  }
  // No partial change: every subject has its identifier, its name and its event, and no more.
  const int64_t subjects = Count(db, "SELECT COUNT(*) FROM subjects");
  EXPECT_GE(subjects, static_cast<int64_t>(acknowledged.size()));
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM subject_identifiers"), subjects);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM subject_names"), subjects);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM events WHERE type = 'subject.created'"), subjects);

  auto verify = RunXinyong({"audit", "verify", "--data", dir.path()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;

  // And the platform starts again on the same data.
  ServerProcess again(dir.path());
  ASSERT_TRUE(again.Start()) << again.output();
  EXPECT_EQ(Http(again.port(), "GET", "/readyz").status, 200);
  EXPECT_EQ(again.Terminate(), 0);
}

}  // namespace
}  // namespace xytest
