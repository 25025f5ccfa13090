// The cost of recording checks (应查必查: every check is recorded before its answer goes out),
// alone, without HTTP and without reading anything: the floor under the check's CPU time.
//
//   record_bench --subjects 100000 --checks 200000
//
// A SQLite store of the product's schema with N subjects; `--in-flight` checks outstanding at a
// time (as many as wrk's connections in bench/check.sh), queued by 4 producer threads into the
// server's CheckRecorder, which writes each batch waiting at that moment — the check rows, their
// per-subject index and their hash-chained "check.performed" events — in one transaction, as
// the server does. Reports checks per second and the process's CPU time per check, beside a
// baseline measured in the same run: the same number of rows, each about as long as a check row
// with its event, inserted with one prepared statement into a table with one index on a random
// key, in transactions of the recorder's average batch; and the same rows appended to a plain
// file, one write and one fdatasync per batch of that size — what recording would cost in an
// append-only log outside the SQL store, without its index or anything else.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "bench_util.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "domain/list_entry.h"
#include "service/check_recorder.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace {

using namespace xinyong;
using bench::Median;
using bench::Must;
using bench::TempDir;
using Clock = std::chrono::steady_clock;

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

struct Figures {
  double per_second = 0;
  double cpu_us = 0;  // process CPU time per row
  double average_batch = 0;
};

// N subjects straight into the schema the store made (their content does not matter here).
void AddSubjects(const std::string& path, int64_t n) {
  sqlite3* db = nullptr;
  Must(db, sqlite3_open(path.c_str(), &db), "open");
  Must(db, sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), "begin");
  sqlite3_stmt* st = nullptr;
  Must(db,
       sqlite3_prepare_v2(db,
                          "INSERT INTO subjects (id, kind, name, region, created_at, updated_at) "
                          "VALUES (?1, 'organization', ?2, '320102', '2026-01-01T00:00:00Z', "
                          "'2026-01-01T00:00:00Z')",
                          -1, &st, nullptr),
       "prepare");
  for (int64_t i = 1; i <= n; ++i) {
    const std::string name = "南京测试" + std::to_string(i) + "科技有限公司";
    sqlite3_bind_int64(st, 1, i);
    sqlite3_bind_text(st, 2, name.c_str(), -1, SQLITE_TRANSIENT);
    Must(db, sqlite3_step(st), "insert subject");
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  Must(db, sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), "commit");
  sqlite3_close(db);
}

Figures RecordChecks(int64_t subjects, int64_t checks, int in_flight, uint32_t seed) {
  const std::string dir = TempDir("xy-record-bench");
  const std::string path = dir + "/xinyong.db";
  SystemClock clock;
  {
    auto made = OpenSqliteStore(path, clock.NowTimestamp(), 2);
    if (!made.ok()) std::abort();
  }
  AddSubjects(path, subjects);
  auto store = std::move(OpenSqliteStore(path, clock.NowTimestamp(), 2)).value();
  Figures f;
  {
    CheckRecorder recorder(*store);
    std::mutex mu;
    std::condition_variable cv;
    int outstanding = 0;
    std::atomic<int64_t> next{0}, failed{0};
    const std::string at = clock.NowTimestamp();
    const auto start = Clock::now();
    const double cpu_start = CpuSeconds();
    std::vector<std::thread> producers;
    for (int t = 0; t < 4; ++t) {
      producers.emplace_back([&, t] {
        std::mt19937_64 rng(seed + t);
        std::uniform_int_distribution<int64_t> pick(1, subjects);
        for (;;) {
          const int64_t i = next.fetch_add(1);
          if (i >= checks) return;
          {
            std::unique_lock lock(mu);
            cv.wait(lock, [&] { return outstanding < in_flight; });
            ++outstanding;
          }
          const int64_t subject = pick(rng);
          const std::string sha = Sha256Hex("answer " + std::to_string(i));
          CheckRecord record{0, 1, "user:officer", subject, "GOV_PROCUREMENT", at, sha, 2};
          std::string payload = "{\"answer_sha256\":\"" + sha +
                                "\",\"department\":1,\"measures\":2,\"scenario\":"
                                "\"GOV_PROCUREMENT\",\"subject\":" +
                                std::to_string(subject) + "}";
          recorder.RecordAsync(std::move(record), std::move(payload), [&](Result<int64_t> id) {
            if (!id.ok()) failed.fetch_add(1);
            std::lock_guard lock(mu);
            --outstanding;
            cv.notify_one();
          });
        }
      });
    }
    for (auto& p : producers) p.join();
    recorder.Flush();
    const double secs = std::chrono::duration<double>(Clock::now() - start).count();
    f.per_second = static_cast<double>(checks) / secs;
    f.cpu_us = (CpuSeconds() - cpu_start) * 1e6 / static_cast<double>(checks);
    const auto stats = recorder.stats();
    f.average_batch = static_cast<double>(stats.recorded) /
                      static_cast<double>(std::max<int64_t>(1, stats.commits));
    if (failed.load() || stats.recorded != checks) {
      std::cerr << "not every check was recorded\n";
      std::abort();
    }
  }
  store.reset();
  std::filesystem::remove_all(dir);
  return f;
}

// The same number of rows of about the same length into one table with one index on a random
// key, `batch` rows a transaction, WAL and synchronous=FULL, one thread.
Figures PlainInsert(int64_t subjects, int64_t rows, int batch, uint32_t seed) {
  const std::string dir = TempDir("xy-record-bench");
  sqlite3* db = nullptr;
  Must(db, sqlite3_open((dir + "/plain.db").c_str(), &db), "open");
  Must(db,
       sqlite3_exec(db,
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                    "CREATE TABLE plain (id INTEGER PRIMARY KEY, subject_id BIGINT NOT NULL, "
                    "row TEXT NOT NULL);"
                    "CREATE INDEX plain_by_subject ON plain(subject_id);",
                    nullptr, nullptr, nullptr),
       "create");
  sqlite3_stmt* st = nullptr;
  Must(db,
       sqlite3_prepare_v2(db, "INSERT INTO plain (subject_id, row) VALUES (?1, ?2)", -1, &st,
                          nullptr),
       "prepare");
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int64_t> pick(1, subjects);
  const std::string body(420, 'x');  // a check row and its event are about this long
  const auto start = Clock::now();
  const double cpu_start = CpuSeconds();
  for (int64_t i = 0; i < rows; ++i) {
    if (i % batch == 0)
      Must(db, sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), "begin");
    sqlite3_bind_int64(st, 1, pick(rng));
    sqlite3_bind_text(st, 2, body.data(), static_cast<int>(body.size()), SQLITE_STATIC);
    Must(db, sqlite3_step(st), "insert");
    sqlite3_reset(st);
    if (i % batch == batch - 1 || i + 1 == rows)
      Must(db, sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), "commit");
  }
  Figures f;
  const double secs = std::chrono::duration<double>(Clock::now() - start).count();
  f.per_second = static_cast<double>(rows) / secs;
  f.cpu_us = (CpuSeconds() - cpu_start) * 1e6 / static_cast<double>(rows);
  f.average_batch = batch;
  sqlite3_finalize(st);
  sqlite3_close(db);
  std::filesystem::remove_all(dir);
  return f;
}

// The same rows appended to a file, `batch` rows a write followed by fdatasync, one thread.
Figures AppendToFile(int64_t rows, int batch) {
  const std::string dir = TempDir("xy-record-bench");
  const std::string path = dir + "/checks.log";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    std::perror(path.c_str());
    std::abort();
  }
  std::string line(419, 'x');  // as long as the plain insert's row, with its newline
  line += '\n';
  std::string buffer;
  const auto start = Clock::now();
  const double cpu_start = CpuSeconds();
  for (int64_t i = 0; i < rows; ++i) {
    buffer += line;
    if (i % batch == batch - 1 || i + 1 == rows) {
      if (::write(fd, buffer.data(), buffer.size()) != static_cast<ssize_t>(buffer.size()) ||
          ::fdatasync(fd) != 0) {
        std::perror("append");
        std::abort();
      }
      buffer.clear();
    }
  }
  Figures f;
  const double secs = std::chrono::duration<double>(Clock::now() - start).count();
  f.per_second = static_cast<double>(rows) / secs;
  f.cpu_us = (CpuSeconds() - cpu_start) * 1e6 / static_cast<double>(rows);
  f.average_batch = batch;
  ::close(fd);
  std::filesystem::remove_all(dir);
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Recording checks, alone, beside a plain insert"};
  int64_t subjects = 100000;
  int64_t checks = 200000;
  int in_flight = 64;
  int rounds = 3;
  app.add_option("--subjects", subjects, "Subjects in the store")->check(CLI::Range(1, 100000000));
  app.add_option("--checks", checks, "Checks recorded per round")->check(CLI::Range(1, 100000000));
  app.add_option("--in-flight", in_flight, "Checks outstanding at a time")
      ->check(CLI::Range(1, 4096));
  app.add_option("--rounds", rounds, "Alternating rounds")->check(CLI::Range(1, 100));
  CLI11_PARSE(app, argc, argv);
  if (!CryptoInit().ok()) return 2;
  std::printf("%lld subjects, %lld checks a round, %d in flight, %d rounds\n",
              static_cast<long long>(subjects), static_cast<long long>(checks), in_flight, rounds);
  std::vector<double> ours_rate, ours_cpu, plain_rate, plain_cpu, file_cpu;
  for (int r = 1; r <= rounds; ++r) {
    const Figures a = RecordChecks(subjects, checks, in_flight, 7u * r);
    const int batch = std::max(1, static_cast<int>(a.average_batch + 0.5));
    const Figures b = PlainInsert(subjects, checks, batch, 7u * r);
    const Figures c = AppendToFile(checks, batch);
    file_cpu.push_back(c.cpu_us);
    ours_rate.push_back(a.per_second);
    ours_cpu.push_back(a.cpu_us);
    plain_rate.push_back(b.per_second);
    plain_cpu.push_back(b.cpu_us);
    std::printf(
        "round %d: recorder %.0f checks/s, %.1f µs CPU/check (%.1f checks a commit); "
        "plain insert %.0f rows/s, %.1f µs CPU/row; appended to a file %.0f rows/s, %.1f µs "
        "CPU/row\n",
        r, a.per_second, a.cpu_us, a.average_batch, b.per_second, b.cpu_us, c.per_second, c.cpu_us);
    std::fflush(stdout);
  }
  std::printf(
      "median: recorder %.0f checks/s, %.1f µs CPU/check; plain insert %.0f rows/s, %.1f µs "
      "CPU/row; CPU ratio %.2f; appended to a file %.1f µs CPU/row\n",
      Median(ours_rate), Median(ours_cpu), Median(plain_rate), Median(plain_cpu),
      Median(ours_cpu) / Median(plain_cpu), Median(file_cpu));
  return 0;
}
