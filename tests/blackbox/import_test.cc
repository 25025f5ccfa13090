// `xinyong import` as a department's clerk uses it: a GBK CSV exported from Excel, with bad
// rows; the same file again; an import killed halfway and run again.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <iconv.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <random>
#include <set>

#include "blackbox/harness.h"

namespace xytest {
namespace {

using nlohmann::json;

constexpr const char* kDept = "11320100MB1886843H";

std::string ToGbk(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size(), out_left = out.size();
  char* o = out.data();
  size_t rc = iconv(cd, &in, &in_left, &o, &out_left);
  iconv_close(cd);
  EXPECT_NE(rc, static_cast<size_t>(-1));
  out.resize(out.size() - out_left);
  return out;
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// Chinese column names, as a clerk's spreadsheet has them.
constexpr const char* kHeader =
    "行政相对人名称,行政相对人类别,统一社会信用代码,法定代表人,决定书文号,违法行为类型,违法事实,"
    "处罚依据,处罚类别,处罚内容,罚款金额(万元),处罚决定日期,处罚机关,处罚机关代码,数据来源单位,"
    "数据来源单位代码\r\n";

std::string Row(const std::string& name, const std::string& code, const std::string& rep,
                const std::string& wsh, const std::string& category, const std::string& fine,
                const std::string& date) {
  return name + ",法人及非法人组织," + code + "," + rep + "," + wsh +
         ",虚假宣传,\"在其网店发布虚假广告，误导消费者\",《中华人民共和国广告法》第五十五条," +
         category + ",罚款," + fine + "," + date + ",南京市市场监督管理局," + kDept +
         ",南京市市场监督管理局," + kDept + "\r\n";
}

class ImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitAndGetAdminPassword(dir_.path());
    auto r = RunXinyong({"department", "add", "--data", dir_.path(), "--code", kDept, "--name",
                         "南京市市场监督管理局"});
    ASSERT_EQ(r.exit_code, 0) << r.out;
  }
  CommandResult Import(const std::string& file) {
    return RunXinyong({"import", "--data", dir_.path(), "--department", kDept, "--item", "CF", file});
  }
  // A GBK CSV of `rows` fines of two companies, documents numbered from `first`.
  std::string FinesFile(const std::string& name, int rows, int first) {
    std::string csv = kHeader;
    const std::vector<std::string> companies = {"91320100748204660Q", "91230500MA1B3N1N2M"};
    for (int i = 0; i < rows; ++i) {
      csv += Row(i % 2 ? "哈尔滨某某商贸有限公司" : "南京某某科技有限公司", companies[i % 2],
                 "张三", "宁市监罚〔2026〕" + std::to_string(first + i) + "号", "罚款",
                 std::to_string(1 + i % 50), "2026-02-20");
    }
    const std::string file = dir_.path() + "/" + name;
    WriteFile(file, ToGbk(csv));
    return file;
  }
  // `xinyong import` of `file` into dir_, started in the background with its output dropped.
  pid_t StartImport(const std::string& file) {
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
      int devnull = open("/dev/null", O_WRONLY);
      dup2(devnull, 1);
      dup2(devnull, 2);
      execl(XY_BINARY, XY_BINARY, "import", "--data", dir_.path().c_str(), "--department", kDept,
            "--item", "CF", file.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    return pid;
  }
  // Kills it with SIGKILL; whether it had finished before.
  static bool Kill(pid_t pid) {
    if (pid <= 0) return false;  // kill(-1) would signal every process
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status);
  }
  // A fresh data directory with the department, and `file` imported into it once, to the end;
  // `micros`, if given, gets how long the import took.
  static CommandResult CleanImport(const TempDir& clean, const std::string& file,
                                   int64_t* micros = nullptr) {
    InitAndGetAdminPassword(clean.path());
    auto r = RunXinyong({"department", "add", "--data", clean.path(), "--code", kDept, "--name",
                         "南京市市场监督管理局"});
    if (r.exit_code != 0) return r;
    const auto t0 = std::chrono::steady_clock::now();
    r = RunXinyong({"import", "--data", clean.path(), "--department", kDept, "--item", "CF", file});
    if (micros) {
      *micros = std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::steady_clock::now() - t0)
                    .count();
    }
    return r;
  }
  TempDir dir_;
};

TEST_F(ImportTest, GbkCsvWithBadRowsThenTheSameFileAgain) {
  std::string csv = kHeader;
  csv += Row("南京某某科技有限公司", "91320100748204660Q", "张三", "宁市监罚〔2026〕1号", "罚款", "5", "2026-02-20");
  csv += Row("南京乙公司", "91320100748204660R", "李四", "宁市监罚〔2026〕2号", "罚款", "1", "2026-02-20");
  csv += Row("南京丙公司", "91230500MA1B3N1N2M", "", "宁市监罚〔2026〕3号", "罚款", "1", "2026-02-20");
  csv += Row("南京丁公司", "91230500MA1B3N1N2M", "王五", "宁市监罚〔2026〕4号", "罚款", "", "2026-02-20");
  csv += Row("南京戊公司", "91230500MA1B3N1N2M", "王五", "宁市监罚〔2026〕5号", "罚款", "1", "2026-02-30");
  csv += Row("南京己公司", "91230500MA1B3N1N2M", "王五", "宁市监罚〔2026〕6号", "罚没", "1", "2026-02-20");
  csv += Row("哈尔滨某某商贸有限公司", "91230500MA1B3N1N2M", "赵六", "宁市监罚〔2026〕7号", "罚款", "0.5", "2026-02-26");
  const std::string file = dir_.path() + "/处罚.csv";
  WriteFile(file, ToGbk(csv));

  auto r = Import(file);
  EXPECT_EQ(r.exit_code, 1) << "rows were rejected: " << r.out;
  json s = json::parse(r.out.substr(r.out.find('{')));
  EXPECT_EQ(s["encoding"], "gb18030");
  EXPECT_EQ(s["accepted"], 2);
  EXPECT_EQ(s["rejected"], 5);
  std::map<int, std::set<std::string>> fields;
  for (const auto& e : s["errors"]) {
    fields[e["row"].get<int>()].insert(e["field"].get<std::string>() + ":" + e["code"].get<std::string>());
    EXPECT_FALSE(e["message"].get<std::string>().empty());
  }
  EXPECT_EQ(fields.size(), 5u);
  EXPECT_TRUE(fields[3].count("CF_XDR_SHXYM:invalid_identifier")) << s["errors"];
  EXPECT_TRUE(fields[4].count("CF_FRDB:conditional_required") || fields[4].count("CF_FRDB:required")) << s["errors"];
  EXPECT_TRUE(fields[5].count("CF_NR_FK:conditional_required")) << s["errors"];
  EXPECT_TRUE(fields[6].count("CF_JDRQ:invalid_date")) << s["errors"];
  EXPECT_TRUE(fields[7].count("CF_CFLB:unknown_code")) << s["errors"];

  auto again = Import(file);
  json s2 = json::parse(again.out.substr(again.out.find('{')));
  EXPECT_EQ(s2["accepted"], 0);
  EXPECT_EQ(s2["unchanged"], 2);
  EXPECT_EQ(s2["rejected"], 5);
  auto verify = RunXinyong({"audit", "verify", "--data", dir_.path()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
}

// (source_key, version, fields) of every record version, from a data directory.
std::set<std::string> Snapshot(const std::string& data_dir) {
  std::set<std::string> out;
  sqlite3* db = nullptr;
  sqlite3_open((data_dir + "/xinyong.db").c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT r.source_key, v.version, v.fields, r.status, r.current_version "
                     "FROM records r JOIN record_versions v ON v.record_id = r.id",
                     -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::string row;
    for (int c = 0; c < 5; ++c) {
      const unsigned char* t = sqlite3_column_text(st, c);
      row += std::string(t ? reinterpret_cast<const char*>(t) : "") + "|";
    }
    out.insert(row);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

int64_t CountRecords(const std::string& data_dir) {
  sqlite3* db = nullptr;
  sqlite3_open((data_dir + "/xinyong.db").c_str(), &db);
  sqlite3_stmt* st = nullptr;
  int64_t n = -1;
  if (sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM records", -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    n = sqlite3_column_int64(st, 0);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

TEST_F(ImportTest, KilledHalfwayThenRunAgainEqualsOneCleanRun) {
  constexpr int kRows = 6000;
  const std::string file = FinesFile("big.csv", kRows, 1000);

  // Start the import and kill -9 it once some rows are committed.
  const pid_t pid = StartImport(file);
  int64_t seen = 0;
  for (int i = 0; i < 6000 && seen < 500; ++i) {
    usleep(5000);
    seen = CountRecords(dir_.path());
  }
  Kill(pid);
  const int64_t at_kill = CountRecords(dir_.path());
  EXPECT_GT(at_kill, 0) << "the import should have committed some rows before the kill";
  EXPECT_LT(at_kill, kRows) << "the kill should land before the end (make kRows larger)";

  auto rerun = Import(file);
  EXPECT_EQ(rerun.exit_code, 0) << rerun.out;
  EXPECT_EQ(CountRecords(dir_.path()), kRows);

  TempDir clean;
  auto once = CleanImport(clean, file);
  EXPECT_EQ(once.exit_code, 0) << once.out;
  EXPECT_EQ(Snapshot(dir_.path()), Snapshot(clean.path()));
  auto verify = RunXinyong({"audit", "verify", "--data", dir_.path()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
}


// Issue 22, item 2: `xinyong import` killed with SIGKILL at a random moment, XY_FAULT_LOOPS times
// on one file, then run once to the end: the same records and versions as one clean import,
// one record.created event each and no other record event, and the log verifies.
TEST_F(ImportTest, KilledAtRandomMomentsThenRunOnceEqualsOneCleanRun) {
  constexpr int kRows = 2000;
  const std::string file = FinesFile("loop.csv", kRows, 5000);

  TempDir clean;
  int64_t took = 0;
  auto once = CleanImport(clean, file, &took);
  ASSERT_EQ(once.exit_code, 0) << once.out;

  std::mt19937 random(static_cast<unsigned>(time(nullptr)));
  int finished_before_kill = 0;
  const int loops = FaultLoops();
  for (int loop = 0; loop < loops; ++loop) {
    const pid_t pid = StartImport(file);
    usleep(static_cast<useconds_t>(std::uniform_int_distribution<int64_t>(0, took)(random)));
    finished_before_kill += Kill(pid);
  }
  auto rerun = Import(file);
  EXPECT_EQ(rerun.exit_code, 0) << rerun.out;
  EXPECT_EQ(Snapshot(dir_.path()), Snapshot(clean.path()))
      << loops << " kills (" << finished_before_kill << " came after the import ended)";
  const std::string db = dir_.path() + "/xinyong.db";
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM events WHERE type = 'record.created'"), kRows);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM events WHERE type LIKE 'record.%' AND type <> "
                      "'record.created'"),
            0)
      << "a row taken twice";
  auto verify = RunXinyong({"audit", "verify", "--data", dir_.path()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
}

}  // namespace
}  // namespace xytest
