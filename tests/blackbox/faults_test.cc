// Faults under load (issue 22, items 2 and 4). The load generator is two department systems
// sending records and an officer checking; it counts what was sent and what acknowledged.
//
// Backups: a backup taken while intake and checks run is a consistent platform of its own. Restored into another data directory (SQLite: `xinyong backup`; PostgreSQL: the
// documented pg_dump/pg_restore route) it verifies (`audit verify`), starts and serves; every
// count in it agrees with its event log (no change half in the copy), lies between what was
// acknowledged when the backup began and what had been sent when it ended, and nothing
// acknowledged before the backup began is missing from it.
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "blackbox/harness.h"
#include "blackbox/rows.h"

namespace xytest {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const char* const kDep = "11320100MB1886843H";

json Penalty(int n) {
  return PenaltyRow({.name = "备份测试公司" + std::to_string(n),
                     .uscc = Uscc(n),
                     .document = "宁市监罚〔2026〕" + std::to_string(10000 + n) + "号",
                     .decided = ChinaDay(-3),
                     .department = kDep});
}

// Intake and checks against a running server, counting what was sent and what acknowledged.
class Load {
 public:
  // `first`: the serial of the first company sent (loads after one another send new ones).
  Load(int port, std::string clerk, std::string officer, int first = 1)
      : port_(port), clerk_(std::move(clerk)), officer_(std::move(officer)), next_(first) {}
  ~Load() { Stop(); }

  void Start() {
    for (int t = 0; t < 2; ++t) {
      threads_.emplace_back([this] {
        while (!stop_) {
          const int first = next_.fetch_add(10);
          json rows = json::array();
          for (int i = 0; i < 10; ++i) rows.push_back(Penalty(first + i));
          rows_sent_ += 10;
          auto r = Http(port_, "POST", "/api/v1/records?item=CF", rows.dump(),
                        {{"Authorization", "Bearer " + clerk_}, {"Content-Type", "application/json"}});
          if (r.status == 200) rows_acked_ += json::parse(r.body)["accepted"].get<int>();
          Count(r);
          if (r.status == 0) return;
        }
      });
    }
    threads_.emplace_back([this] {
      while (!stop_) {
        ++checks_sent_;
        auto r = Http(port_, "GET", "/api/v1/subjects/" + Uscc(1) + "/check?scenario=bidding", "",
                      {{"Authorization", "Bearer " + officer_}});
        if (r.status == 200) ++checks_acked_;
        Count(r);
        if (r.status == 0) return;
      }
    });
  }
  void Stop() {
    stop_ = true;
    for (auto& t : threads_) t.join();
    threads_.clear();
  }
  void WaitForRows(int n) {
    for (int i = 0; i < 600 && rows_acked_ < n; ++i) usleep(50 * 1000);
  }
  int rows_sent() const { return rows_sent_; }
  int rows_acked() const { return rows_acked_; }
  int checks_sent() const { return checks_sent_; }
  int checks_acked() const { return checks_acked_; }
  int unavailable() const { return unavailable_; }        // 503 with Retry-After, in Chinese
  int storage_failures() const { return storage_failures_; }  // of those, "nothing was saved"
  int other_failures() const { return other_failures_; }  // any other 5xx, or a 503 without
  std::string last_failure() const {
    std::lock_guard lock(mu_);
    return last_failure_;
  }

 private:
  void Count(const HttpReply& r) {
    if (r.status < 500) return;
    const bool told = r.status == 503 && r.headers.count("retry-after") &&
                      r.body.find("稍后重试") != std::string::npos;
    ++(told ? unavailable_ : other_failures_);
    if (told && r.body.find("\"storage_failure\"") != std::string::npos) ++storage_failures_;
    if (!told) {
      std::lock_guard lock(mu_);
      last_failure_ = std::to_string(r.status) + " " + r.body;
    }
  }

  int port_;
  std::string clerk_, officer_;
  std::atomic<bool> stop_{false};
  std::atomic<int> next_, rows_sent_{0}, rows_acked_{0}, checks_sent_{0}, checks_acked_{0};
  std::atomic<int> unavailable_{0}, storage_failures_{0}, other_failures_{0};
  mutable std::mutex mu_;
  std::string last_failure_;
  std::vector<std::thread> threads_;
};

// A platform with a department, its operator and an officer, serving; their tokens.
struct Platform {
  std::string clerk, officer, admin;
};

Platform SetUpPlatform(int port, const std::string& admin_password) {
  Platform p;
  auto call = [&](const std::string& method, const std::string& target, const json& body,
                  const std::string& token) {
    std::map<std::string, std::string> h = {{"Content-Type", "application/json"}};
    if (!token.empty()) h["Authorization"] = "Bearer " + token;
    return Http(port, method, target, body.is_null() ? "" : body.dump(), h);
  };
  auto login = [&](const std::string& user, const std::string& password) {
    auto r = call("POST", "/api/v1/sessions", {{"username", user}, {"password", password}}, "");
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? json::parse(r.body)["token"].get<std::string>() : "";
  };
  p.admin = login("admin", admin_password);
  EXPECT_EQ(call("POST", "/api/v1/departments", {{"code", kDep}, {"name", "南京市市场监督管理局"}},
                 p.admin)
                .status,
            201);
  for (auto [name, role] : {std::pair{"clerk", "operator"}, std::pair{"officer", "officer"}}) {
    auto u = call("POST", "/api/v1/users",
                  {{"username", name}, {"role", role}, {"department", kDep}}, p.admin);
    EXPECT_EQ(u.status, 201) << u.body;
    (std::string(role) == "operator" ? p.clerk : p.officer) =
        login(name, json::parse(u.body).value("password", ""));
  }
  return p;
}

// Rows accepted into records, as the platform's intake statistics count them.
int64_t AcceptedRows(int port, const std::string& admin) {
  auto r = Http(port, "GET", "/api/v1/stats/intake", "", {{"Authorization", "Bearer " + admin}});
  EXPECT_EQ(r.status, 200) << r.body;
  if (r.status != 200) return -1;
  int64_t accepted = 0;
  const json stats = json::parse(r.body);
  for (const auto& row : stats["items"]) accepted += row.value("accepted", 0);
  return accepted;
}

TEST(BackupTest, ASqliteBackupTakenUnderLoadIsAConsistentPlatformOfItsOwn) {
  TempDir dir;
  const std::string password = InitAndGetAdminPassword(dir.path());
  ServerProcess server(dir.path());
  ASSERT_TRUE(server.Start()) << server.output();
  const Platform p = SetUpPlatform(server.port(), password);
  Load load(server.port(), p.clerk, p.officer);
  load.Start();
  load.WaitForRows(200);
  const int rows_before = load.rows_acked(), checks_before = load.checks_acked();
  const std::string copy = dir.path() + "/copy.db";
  auto backup = RunXinyong({"backup", "--data", dir.path(), copy});
  const int rows_sent = load.rows_sent(), checks_sent = load.checks_sent();
  ASSERT_EQ(backup.exit_code, 0) << backup.out;
  load.WaitForRows(rows_before + 100);  // the load goes on after the backup
  load.Stop();
  EXPECT_EQ(server.Terminate(), 0) << server.output();
  ASSERT_GT(rows_before, 0);
  ASSERT_GT(checks_before, 0);

  // Restored on "another machine": a data directory with the configuration and the copy.
  TempDir other;
  fs::copy_file(dir.path() + "/xinyong.yaml", other.path() + "/xinyong.yaml");
  fs::copy_file(copy, other.path() + "/xinyong.db");
  auto verify = RunXinyong({"audit", "verify", "--data", other.path()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;

  const std::string db = other.path() + "/xinyong.db";
  const int64_t records = Count(db, "SELECT COUNT(*) FROM records");
  const int64_t checks = Count(db, "SELECT COUNT(*) FROM checks");
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM events WHERE type = 'record.created'"), records)
      << "a record without its event, or an event without its record";
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM events WHERE type = 'check.performed'"), checks);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM record_versions"), records) << "one version each";
  EXPECT_GE(records, rows_before) << "acknowledged before the backup began, missing from it";
  EXPECT_LE(records, rows_sent) << "more than had been sent when it ended";
  EXPECT_GE(checks, checks_before);
  EXPECT_LE(checks, checks_sent);
  EXPECT_LT(records, load.rows_acked()) << "the load went on after the backup";

  // The copy starts and serves what it holds.
  ServerProcess restored(other.path());
  ASSERT_TRUE(restored.Start()) << restored.output();
  // Sessions are in the copy too: the office's token from before works on the restored platform.
  EXPECT_EQ(AcceptedRows(restored.port(), p.admin), records);
  EXPECT_EQ(restored.Terminate(), 0);
}

// The PostgreSQL route of docs/operations.md: pg_dump -Fc while the platform serves,
// pg_restore into a new database, a data directory pointing at it.
TEST(BackupTest, APgDumpTakenUnderLoadRestoresToAConsistentPlatform) {
  const char* base = std::getenv("XINYONG_TEST_PG");
  if (!base || !*base) {
    if (std::getenv("XINYONG_REQUIRE_PG")) FAIL() << "XINYONG_TEST_PG is not set";
    GTEST_SKIP() << "no PostgreSQL (run under scripts/with-postgres.sh)";
  }
  const std::string bin = [] {
    for (const char* v : {"15", "16", "17"}) {
      const std::string d = std::string("/usr/lib/postgresql/") + v + "/bin";
      if (fs::exists(d + "/pg_dump")) return d;
    }
    return std::string("/usr/bin");
  }();
  const std::string suffix = std::to_string(getpid());
  const std::string source_db = "xy_backup_src_" + suffix, target_db = "xy_backup_dst_" + suffix;
  auto sh = [](const std::string& cmd) { return std::system(cmd.c_str()); };
  const std::string conn = std::string(base);
  ASSERT_EQ(sh(bin + "/psql -q '" + conn + "' -c 'CREATE DATABASE " + source_db + "' >/dev/null"), 0);
  ASSERT_EQ(sh(bin + "/psql -q '" + conn + "' -c 'CREATE DATABASE " + target_db + "' >/dev/null"), 0);
  const std::string source_url = conn + " dbname=" + source_db;
  const std::string target_url = conn + " dbname=" + target_db;

  TempDir dir;
  const std::string password =
      InitAndGetAdminPassword(dir.path(), {"--store", "postgres", "--postgres-url", source_url});
  ServerProcess server(dir.path());
  ASSERT_TRUE(server.Start()) << server.output();
  const Platform p = SetUpPlatform(server.port(), password);
  Load load(server.port(), p.clerk, p.officer);
  load.Start();
  load.WaitForRows(200);
  const int rows_before = load.rows_acked(), checks_before = load.checks_acked();
  const std::string dump = dir.path() + "/xinyong.dump";
  ASSERT_EQ(sh(bin + "/pg_dump -Fc -f '" + dump + "' '" + source_url + "'"), 0);
  const int rows_sent = load.rows_sent(), checks_sent = load.checks_sent();
  load.Stop();
  EXPECT_EQ(server.Terminate(), 0) << server.output();
  ASSERT_EQ(sh(bin + "/pg_restore --no-owner -d '" + target_url + "' '" + dump + "'"), 0);

  TempDir other;
  {
    std::ifstream in(dir.path() + "/xinyong.yaml");
    std::ofstream out(other.path() + "/xinyong.yaml");
    for (std::string line; std::getline(in, line);) {
      out << (line.rfind("postgres_url:", 0) == 0 ? "postgres_url: \"" + target_url + "\"" : line)
          << "\n";
    }
  }
  auto verify = RunXinyong({"audit", "verify", "--data", other.path()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
  ServerProcess restored(other.path());
  ASSERT_TRUE(restored.Start()) << restored.output();
  const int64_t records = AcceptedRows(restored.port(), p.admin);
  EXPECT_GE(records, rows_before);
  EXPECT_LE(records, rows_sent);
  auto events = Http(restored.port(), "GET", "/api/v1/audit/verify", "",
                     {{"Authorization", "Bearer " + p.admin}});
  EXPECT_EQ(events.status, 200) << events.body;
  auto stats = Http(restored.port(), "GET", "/api/v1/stats/checks", "",
                    {{"Authorization", "Bearer " + p.admin}});
  ASSERT_EQ(stats.status, 200) << stats.body;
  int64_t checks = 0;
  const json by_scenario = json::parse(stats.body);
  for (const auto& row : by_scenario["items"]) checks += row.value("checks", 0);
  EXPECT_GE(checks, checks_before) << stats.body;
  EXPECT_LE(checks, checks_sent) << stats.body;
  EXPECT_EQ(restored.Terminate(), 0);
  sh(bin + "/psql -q '" + conn + "' -c 'DROP DATABASE " + source_db + "' >/dev/null 2>&1");
  sh(bin + "/psql -q '" + conn + "' -c 'DROP DATABASE " + target_db + "' >/dev/null 2>&1");
}


// A private PostgreSQL cluster the test may stop and start (the suite's shared one must not be).
class PrivatePostgres {
 public:
  PrivatePostgres() {
    for (const char* v : {"15", "16", "17"}) {
      const std::string d = std::string("/usr/lib/postgresql/") + v + "/bin";
      if (fs::exists(d + "/initdb")) bin_ = d;
    }
    if (bin_.empty()) return;
    as_ = getuid() == 0 ? "runuser -u postgres -- " : "";
    if (getuid() == 0) sh("chown postgres '" + dir_.path() + "'");
    port_ = 20000 + getpid() % 20000;
    ok_ = sh(as_ + bin_ + "/initdb -D '" + dir_.path() + "/data' -A trust -U postgres -E UTF8 " +
             "--locale=C.UTF-8 >/dev/null 2>&1") == 0 &&
          Start();
  }
  ~PrivatePostgres() {
    if (ok_) sh(as_ + bin_ + "/pg_ctl -D '" + dir_.path() + "/data' -m immediate stop >/dev/null 2>&1");
  }
  bool ok() const { return ok_; }
  std::string url() const {
    return "host=127.0.0.1 port=" + std::to_string(port_) + " user=postgres dbname=postgres";
  }
  bool Start() {
    return sh(as_ + bin_ + "/pg_ctl -D '" + dir_.path() + "/data' -l '" + dir_.path() +
              "/server.log' -w -o \"-p " + std::to_string(port_) + " -k " + dir_.path() +
              " -c listen_addresses=127.0.0.1\" start >/dev/null 2>&1") == 0;
  }
  bool Stop() {
    return sh(as_ + bin_ + "/pg_ctl -D '" + dir_.path() + "/data' -m fast -w stop >/dev/null 2>&1") == 0;
  }

 private:
  static int sh(const std::string& cmd) { return std::system(cmd.c_str()); }
  TempDir dir_;
  std::string bin_, as_;
  int port_ = 0;
  bool ok_ = false;
};

// Issue 22, item 2: PostgreSQL stopped and started under load. While it is down the callers
// get 503 with Retry-After and a Chinese message (never a 500); no acknowledged write is lost;
// the service resumes by itself when the database returns.
TEST(FaultTest, PostgresStoppedAndStartedUnderLoad) {
  PrivatePostgres pg;
  if (!pg.ok()) {
    if (std::getenv("XINYONG_REQUIRE_PG")) FAIL() << "could not start a private PostgreSQL";
    GTEST_SKIP() << "no PostgreSQL server binaries";
  }
  TempDir dir;
  const std::string password =
      InitAndGetAdminPassword(dir.path(), {"--store", "postgres", "--postgres-url", pg.url()});
  ServerProcess server(dir.path());
  ASSERT_TRUE(server.Start()) << server.output();
  const Platform p = SetUpPlatform(server.port(), password);
  Load load(server.port(), p.clerk, p.officer);
  load.Start();
  load.WaitForRows(100);
  ASSERT_TRUE(pg.Stop());
  // While it is down: a department's upload is told to come back.
  auto down = Http(server.port(), "POST", "/api/v1/records?item=CF",
                   json::array({Penalty(900000)}).dump(),
                   {{"Authorization", "Bearer " + p.clerk}, {"Content-Type", "application/json"}});
  EXPECT_EQ(down.status, 503) << down.body;
  EXPECT_EQ(down.headers.count("retry-after"), 1u);
  EXPECT_NE(down.body.find("稍后重试"), std::string::npos) << down.body;
  EXPECT_EQ(down.body.find("postgres"), std::string::npos) << "internals for the log only";
  sleep(2);
  const int acked_while_down = load.rows_acked();
  ASSERT_TRUE(pg.Start());
  load.WaitForRows(acked_while_down + 100);
  EXPECT_GE(load.rows_acked(), acked_while_down + 100) << "the service did not resume by itself";
  load.Stop();
  EXPECT_GT(load.unavailable(), 0) << "the load never saw the database down";
  EXPECT_EQ(load.other_failures(), 0) << load.last_failure();
  EXPECT_EQ(Http(server.port(), "GET", "/readyz").status, 200);
  const int64_t records = AcceptedRows(server.port(), p.admin);
  EXPECT_GE(records, load.rows_acked()) << "an acknowledged row was lost";
  EXPECT_LE(records, load.rows_sent());
  EXPECT_EQ(server.Terminate(), 0);
  auto verify = RunXinyong({"audit", "verify", "--data", dir.path()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
}

// Issue 22, item 2: the disk fills during intake and a check burst (SQLite on a small file
// system). Callers are told in Chinese that nothing was saved (503, Retry-After), nothing is
// half-written, and the server takes writes again by itself once there is space.
TEST(FaultTest, TheDiskFillsUnderLoadAndTheServerRecoversWhenSpaceReturns) {
  TempDir mount;
  if (std::system(("mount -t tmpfs -o size=24m tmpfs '" + mount.path() + "' 2>/dev/null").c_str()) !=
      0) {
    GTEST_SKIP() << "cannot mount a small file system here (needs root)";
  }
  struct Unmount {
    std::string path;
    ~Unmount() { std::system(("umount -l '" + path + "' 2>/dev/null").c_str()); }
  } unmount{mount.path()};
  const std::string data = mount.path() + "/data";
  const std::string password = InitAndGetAdminPassword(data);
  ServerProcess server(data);
  ASSERT_TRUE(server.Start()) << server.output();
  const Platform p = SetUpPlatform(server.port(), password);
  // Take the space left but a little, so that the load fills it.
  const std::string filler = mount.path() + "/filler";
  {
    const auto left = fs::space(mount.path()).available;
    std::ofstream out(filler, std::ios::binary);
    const std::string block(1 << 20, 'x');
    for (uintmax_t n = 0; n + (3u << 20) < left; n += block.size()) out << block;
  }
  Load load(server.port(), p.clerk, p.officer);
  load.Start();
  for (int i = 0; i < 600 && load.unavailable() == 0; ++i) usleep(50 * 1000);
  const int acked_when_full = load.rows_acked();
  EXPECT_GT(load.unavailable(), 0) << "the disk never filled";
  EXPECT_GT(load.storage_failures(), 0) << "a full disk must be told as storage_failure";
  fs::remove(filler);  // space returns
  load.WaitForRows(acked_when_full + 100);
  load.Stop();
  EXPECT_GE(load.rows_acked(), acked_when_full + 100) << "writes did not resume";
  EXPECT_EQ(load.other_failures(), 0) << load.last_failure();
  EXPECT_EQ(server.Terminate(), 0) << server.output();
  const std::string db = data + "/xinyong.db";
  const int64_t records = Count(db, "SELECT COUNT(*) FROM records");
  EXPECT_GE(records, load.rows_acked()) << "an acknowledged row was lost";
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM events WHERE type = 'record.created'"), records);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM record_versions"), records);
  auto verify = RunXinyong({"audit", "verify", "--data", data});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
}


// Issue 22, item 2: kill -9 of the server under mixed load, again and again. After each restart
// every acknowledged record and check is there, nothing is half-written, the log verifies.
TEST(FaultTest, TheServerKilledUnderLoadKeepsEveryAcknowledgedAnswer) {
  TempDir dir;
  const std::string password = InitAndGetAdminPassword(dir.path());
  Platform p;  // made on the first start; sessions survive restarts, so the tokens go on
  int rows_acked = 0, checks_acked = 0, rows_sent = 0, checks_sent = 0;
  std::mt19937 random(static_cast<unsigned>(time(nullptr)));
  const int loops = FaultLoops();
  for (int loop = 0; loop < loops; ++loop) {
    SCOPED_TRACE("kill " + std::to_string(loop + 1) + " of " + std::to_string(loops));
    ServerProcess server(dir.path());
    ASSERT_TRUE(server.Start()) << server.output();
    if (loop == 0) p = SetUpPlatform(server.port(), password);
    Load load(server.port(), p.clerk, p.officer, /*first=*/1 + loop * 20000);
    load.Start();
    load.WaitForRows(40);
    usleep(std::uniform_int_distribution<int>(0, 300)(random) * 1000);
    server.Kill();
    load.Stop();
    rows_acked += load.rows_acked();
    rows_sent += load.rows_sent();
    checks_acked += load.checks_acked();
    checks_sent += load.checks_sent();
    EXPECT_EQ(load.other_failures(), 0) << load.last_failure();
    const std::string db = dir.path() + "/xinyong.db";
    const int64_t records = Count(db, "SELECT COUNT(*) FROM records");
    const int64_t checks = Count(db, "SELECT COUNT(*) FROM checks");
    EXPECT_GE(records, rows_acked) << "an acknowledged record was lost";
    EXPECT_LE(records, rows_sent);
    EXPECT_GE(checks, checks_acked) << "an acknowledged check was lost";
    EXPECT_LE(checks, checks_sent);
    EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM events WHERE type = 'record.created'"), records);
    EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM record_versions"), records);
    EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM events WHERE type = 'check.performed'"), checks);
  }
  auto verify = RunXinyong({"audit", "verify", "--data", dir.path()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
  ServerProcess again(dir.path());
  ASSERT_TRUE(again.Start()) << again.output();
  EXPECT_EQ(AcceptedRows(again.port(), p.admin), Count(dir.path() + "/xinyong.db",
                                                      "SELECT COUNT(*) FROM records"));
  EXPECT_EQ(again.Terminate(), 0);
}

}  // namespace
}  // namespace xytest
