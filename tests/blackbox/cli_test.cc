// The command line as an operator uses it: id check, init, audit verify, backup.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "blackbox/harness.h"

namespace xytest {
namespace {

using nlohmann::json;

std::vector<json> JsonLines(const std::string& out) {
  std::vector<json> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) lines.push_back(json::parse(line));
  }
  return lines;
}

void Sql(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  std::string msg = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << msg;
}

TEST(CliTest, IdCheckPrintsOneJsonLinePerCodeAndExitsOnValidity) {
  auto ok = RunXinyong({"id", "check", "91320100748204660Q", "９１２３０５００ＭＡ１Ｂ３Ｎ１Ｎ２ｍ",
                        "11010519491231002X"});
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
  auto lines = JsonLines(ok.out);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1]["normalised"], "91230500MA1B3N1N2M");
  EXPECT_EQ(lines[1]["kind"], "uscc");
  EXPECT_EQ(lines[2]["kind"], "citizen_id");
  for (const auto& l : lines) {
    EXPECT_TRUE(l["valid"].get<bool>());
    EXPECT_TRUE(l["error"].is_null());
  }

  auto bad = RunXinyong({"id", "check", "91320100748204660Q", "91320100748204660R"});
  EXPECT_EQ(bad.exit_code, 1);
  lines = JsonLines(bad.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_FALSE(lines[1]["valid"].get<bool>());
  EXPECT_EQ(lines[1]["error"]["rule"], "check_character");
  EXPECT_EQ(lines[1]["error"]["position"], 18);
}

TEST(CliTest, InitTwiceIsRefused) {
  TempDir dir;
  InitAndGetAdminPassword(dir.path());
  auto again = RunXinyong({"init", "--data", dir.path()});
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.out.find("initialised already"), std::string::npos) << again.out;
}

// Issue 20 ("make run shows every capability a visitor can look for"): the demonstration has
// red and serious list entries in force on the public site, an objection being handled and a
// repaired record, all made through the services (so the audit log verifies).
TEST(DemoTest, AVisitorFindsListsAnObjectionAndARepair) {
  TempDir dir;
  auto made = RunXinyong({"demo", "--data", dir.path(), "--subjects", "1000"});
  ASSERT_EQ(made.exit_code, 0) << made.out;
  EXPECT_NE(made.out.find("Cases: 3 red and 2 serious list entries in force, 1 objection in "
                          "progress, 1 repaired record, 3 tips, 1 typical case, 5 commitments."),
            std::string::npos)
      << made.out;
  const std::string db = dir.path() + "/xinyong.db";
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM objections WHERE status = 'accepted'"), 1);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM repairs WHERE status = 'approved'"), 1);
  // The repair links the 信用修复型 commitment signed for it; a broken commitment is a record.
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM repairs WHERE evidence LIKE '%commitment_code%'"), 1);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM commitments WHERE status = 'breached' AND "
                      "record_id > 0"), 1);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM records WHERE item_code = 'CN'"), 1);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM records WHERE disputed_since <> ''"), 1);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM tips"), 3);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM tips WHERE status = 'routed'"), 1);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM tips WHERE status = 'filed'"), 1);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM typical_cases WHERE status = 'published'"), 1);
  auto verify = RunXinyong({"audit", "verify", "--data", dir.path()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;

  ServerProcess server(dir.path());
  ASSERT_TRUE(server.Start()) << server.output();
  for (const auto& [kind, count] : {std::pair{"red", 3u}, {"serious", 2u}}) {
    auto listed = Http(server.port(), "GET", std::string("/api/v1/public/lists?kind=") + kind);
    ASSERT_EQ(listed.status, 200) << listed.body;
    const json items = json::parse(listed.body)["items"];
    EXPECT_EQ(items.size(), count) << kind << ": " << listed.body;
  }
  auto cases = Http(server.port(), "GET", "/api/v1/public/cases");
  ASSERT_EQ(cases.status, 200) << cases.body;
  EXPECT_EQ(json::parse(cases.body)["items"].size(), 1u) << cases.body;
  EXPECT_EQ(server.Terminate(), 0) << server.output();
}

class AuditVerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = RunXinyong({"demo", "--data", dir_.path(), "--subjects", "50", "--seed", "7"});
    ASSERT_EQ(r.exit_code, 0) << r.out;
    db_ = dir_.path() + "/xinyong.db";
  }
  CommandResult Verify() { return RunXinyong({"audit", "verify", "--data", dir_.path()}); }
  int64_t EventCount() {
    sqlite3* db = nullptr;
    sqlite3_open(db_.c_str(), &db);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM events", -1, &st, nullptr);
    int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
  }
  TempDir dir_;
  std::string db_;
};

TEST_F(AuditVerifyTest, CleanStoreVerifies) {
  auto r = Verify();
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out.rfind("ok ", 0), 0u) << r.out;
  // 1 admin + 5 departments + 3 users + 50 subjects, then the demonstration records.
  const int64_t n = EventCount();
  EXPECT_GE(n, 59);
  EXPECT_NE(r.out.find("ok " + std::to_string(n) + " events"), std::string::npos) << r.out;
}

TEST_F(AuditVerifyTest, EditedEventIsNamed) {
  Sql(db_, "UPDATE events SET payload = replace(payload, 'region', 'regiom') WHERE seq = 20");
  auto r = Verify();
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("event 20 was altered"), std::string::npos) << r.out;
}

TEST_F(AuditVerifyTest, DeletedEventIsNamed) {
  Sql(db_, "DELETE FROM events WHERE seq = 33");
  auto r = Verify();
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("event 33 is missing"), std::string::npos) << r.out;
}

TEST_F(AuditVerifyTest, DeletedLastEventIsNamed) {
  const std::string last = std::to_string(EventCount());
  Sql(db_, "DELETE FROM events WHERE seq = " + last);
  auto r = Verify();
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("event " + last + " is missing"), std::string::npos) << r.out;
}

TEST_F(AuditVerifyTest, InsertedEventIsNamed) {
  // Shift events 40.. up by one and insert a forged event 40 with a self-consistent hash.
  Sql(db_, "UPDATE events SET seq = seq + 1000 WHERE seq >= 40;"
           "UPDATE events SET seq = seq - 999 WHERE seq >= 1040;"
           "INSERT INTO events SELECT 40, at, actor, type, entity, payload, prev_hash, hash "
           "FROM events WHERE seq = 39;"
           "UPDATE event_head SET seq = seq + 1;");
  auto r = Verify();
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("FAILED at event 40"), std::string::npos) << r.out;
}

TEST_F(AuditVerifyTest, BackupIsAConsistentStore) {
  const std::string out = dir_.path() + "/copy/xinyong.db";
  std::filesystem::create_directories(dir_.path() + "/copy");
  auto r = RunXinyong({"backup", "--data", dir_.path(), out});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  std::filesystem::copy_file(dir_.path() + "/xinyong.yaml", dir_.path() + "/copy/xinyong.yaml");
  auto v = RunXinyong({"audit", "verify", "--data", dir_.path() + "/copy"});
  EXPECT_EQ(v.exit_code, 0) << v.out;
  EXPECT_NE(v.out.find("ok " + std::to_string(EventCount()) + " events"), std::string::npos)
      << v.out;
  auto again = RunXinyong({"backup", "--data", dir_.path(), out});
  EXPECT_NE(again.exit_code, 0) << "a backup never overwrites a file";
}

}  // namespace
}  // namespace xytest
