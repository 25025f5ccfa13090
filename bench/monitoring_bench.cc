// The monthly monitoring page (跟踪问效) at a province's scale. A SQLite store of the current
// schema is filled with SUBJECTS subjects (nine in ten with a 统一社会信用代码), RECORDS 双公示
// records with one version each, spread evenly over 24 months and 20 departments (one in 17
// received late), the batches that brought them (one a department a day), and CHECKS checks over
// the same months (one in ten finding measures, a quarter of those with 执行反馈). Then the
// figures of one month are computed through the store (MonitoringTables::Month: every
// aggregate the page shows) ROUNDS times, beside a baseline measured in the same run on the
// same file: one COUNT(*) of that month's record versions over their time index, the least any
// per-month figure costs. The page itself adds the departments' names and the shares: nothing
// that depends on the volume.
//
//   monitoring_bench --subjects 1000000 --records 5000000 --checks 1000000 --rounds 5
//
// The rows are written with INSERT … SELECT from a counter (no intake: this measures reading).
#include <sqlite3.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "bench_util.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace {

using xinyong::bench::Median;
using xinyong::bench::Must;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

void Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::cerr << "fill: " << (err ? err : "?") << "\n  in: " << sql.substr(0, 200) << "\n";
    std::exit(1);
  }
}

// A day d (0 = 2025-01-01) as the timestamp of 10:00 China time, in SQL.
std::string DayTs(const std::string& d) {
  return "strftime('%Y-%m-%dT%H:%M:%S.000Z', '2025-01-01', '+' || (" + d +
         ") || ' days', '+2 hours')";
}

void Fill(const std::string& path, int64_t subjects, int64_t records, int64_t checks) {
  sqlite3* db = nullptr;
  Must(db, sqlite3_open(path.c_str(), &db), "open");
  Exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; BEGIN");
  const auto counter = [](int64_t n) {
    return "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
           std::to_string(n) + ") ";
  };
  const std::string s = std::to_string(subjects);
  Exec(db, "INSERT INTO departments (id, code, name, created_at) " + counter(20) +
               "SELECT i, printf('1132010000000%04dX', i), '部门' || i, '2025-01-01T00:00:00.000Z' "
               "FROM n");
  Exec(db, "INSERT INTO subjects (id, kind, name, region, created_at, updated_at) " +
               counter(subjects) +
               "SELECT i, 'legal_person', '企业' || i, '320102', '2025-01-01T00:00:00.000Z', "
               "'2025-01-01T00:00:00.000Z' FROM n");
  Exec(db, "INSERT INTO subject_identifiers (subject_id, kind, lookup, sealed, display) " +
               counter(subjects) +
               "SELECT i, CASE WHEN i % 10 = 0 THEN 'registration' ELSE 'uscc' END, "
               "printf('%018d', i), '', printf('%018d', i) FROM n");
  // Batches: department (1..20) × day (0..729), id = day × 20 + department.
  Exec(db, "INSERT INTO batches (id, department_id, item_code, channel, file_name, file_sha256, "
           "encoding, actor, received_at, status, accepted, unchanged, rejected) " +
               counter(730 * 20) +
               "SELECT i, (i - 1) % 20 + 1, 'CF', 'api', '', '', 'utf-8', 'bench', " +
               DayTs("(i - 1) / 20") + ", 'done', " + std::to_string(records / 730 / 20) +
               ", 0, 0 FROM n");
  // Record i: department 1 + i % 20, received on day (i - 1) × 730 / RECORDS (ids grow with
  // time, as intake writes them), subject spread over all.
  const std::string rday = "((i - 1) * 730 / " + std::to_string(records) + ")";
  const std::string cday = "((i - 1) * 730 / " + std::to_string(checks) + ")";
  Exec(db, "INSERT INTO records (id, subject_id, item_code, department_id, source_key, "
           "current_version, status, decision_date, nature, disclosure, display_published, "
           "display_from, display_until, display_min_until, display_reason, received_at, "
           "updated_at, revoked_at, revoke_reason) " +
               counter(records) + "SELECT i, 1 + (i * 7919) % " + s +
               ", CASE WHEN i % 2 = 0 THEN 'CF' ELSE 'XK' END, 1 + i % 20, 'K' || i, 1, "
               "'active', substr(" + DayTs(rday) + ", 1, 10), CASE WHEN i % 2 = 0 THEN "
               "'minor' ELSE 'neutral' END, 'public', 1, '', '', '', '', " + DayTs(rday) +
               ", " + DayTs(rday) + ", '', '' FROM n");
  Exec(db, "INSERT INTO record_versions (record_id, version, batch_id, row_number, content_hash, "
           "fields, sealed, legal_basis, decision_date, received_at, working_days, late) " +
               counter(records) + "SELECT i, 1, " + rday + " * 20 + 1 + i % 20, i, 'h', '{}', '', "
               "'', substr(" + DayTs(rday) + ", 1, 10), " + DayTs(rday) +
               ", 3, CASE WHEN i % 17 = 0 THEN 1 ELSE 0 END FROM n");
  Exec(db, "INSERT INTO checks (id, department_id, actor, subject_id, scenario, at, "
           "answer_sha256, measures, checked_code, measure_codes) " +
               counter(checks) + "SELECT i, 1 + i % 20, 'user:bench', 1 + (i * 104729) % " + s +
               ", CASE i % 4 WHEN 0 THEN 'government_procurement' WHEN 1 THEN "
               "'bidding' WHEN 2 THEN 'honours' ELSE 'licensing' END, " + DayTs(cday) +
               ", 'x', CASE WHEN i % 10 = 0 THEN 2 ELSE 0 END, '', CASE WHEN i % 10 = 0 THEN "
               "'P1-01,P2-09' ELSE '' END FROM n");
  Exec(db, "INSERT INTO check_feedback (check_id, measure_code, applied, reason, actor, at) "
           "SELECT id, 'P1-01', 1, '', 'user:bench', at FROM checks WHERE id % 40 = 0");
  Exec(db, "COMMIT; ANALYZE; PRAGMA wal_checkpoint(TRUNCATE)");
  sqlite3_close(db);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"The monthly monitoring (跟踪问效) at scale, beside a COUNT(*) of the month"};
  int64_t subjects = 1000000, records = 5000000, checks = 1000000;
  int rounds = 5;
  std::string month = "2026-06";
  app.add_option("--subjects", subjects);
  app.add_option("--records", records);
  app.add_option("--checks", checks);
  app.add_option("--rounds", rounds);
  app.add_option("--month", month, "YYYY-MM, within 2025-01 … 2026-12");
  bool keep = false;
  app.add_flag("--keep", keep, "Keep the database (its path is printed) to look into plans");
  CLI11_PARSE(app, argc, argv);

  const std::string dir = xinyong::bench::TempDir("xy-monitoring-bench");
  const std::string path = dir + "/xinyong.db";
  {
    auto store = xinyong::OpenSqliteStore(path, "2025-01-01T00:00:00.000Z");
    if (!store.ok()) {
      std::cerr << store.status().ToString() << "\n";
      return 1;
    }
  }
  auto t = Clock::now();
  Fill(path, subjects, records, checks);
  std::cout << "filled " << subjects << " subjects, " << records << " records, " << checks
            << " checks in " << Seconds(t) << " s (" << std::filesystem::file_size(path) / 1048576
            << " MiB)\n";

  // China's month as UTC instants: the first day at 00:00 +08:00 is the day before at 16:00Z.
  xinyong::MonthRange r;
  r.month = month;
  const int y = std::stoi(month.substr(0, 4)), m = std::stoi(month.substr(5, 2));
  const auto before = [](int yy, int mm) {
    // The last day of the month before (yy, mm), 16:00Z.
    int py = mm == 1 ? yy - 1 : yy, pm = mm == 1 ? 12 : mm - 1;
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int d = kDays[pm - 1] + (pm == 2 && py % 4 == 0 ? 1 : 0);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT16:00:00.000Z", py, pm, d);
    return std::string(buf);
  };
  r.from = before(y, m);
  r.to = before(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1);
  r.feedback_cutoff = r.to;

  auto store = xinyong::OpenSqliteStore(path, "2027-01-01T00:00:00.000Z");
  if (!store.ok()) return 1;
  sqlite3* db = nullptr;
  Must(db, sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), "open baseline");
  sqlite3_stmt* count = nullptr;
  Must(db, sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM record_versions WHERE received_at >= ?1 "
                                  "AND received_at < ?2", -1, &count, nullptr), "prepare");
  std::vector<double> page, baseline;
  int64_t versions = 0, month_checks = 0;
  for (int i = 0; i < rounds; ++i) {
    t = Clock::now();
    sqlite3_bind_text(count, 1, r.from.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(count, 2, r.to.c_str(), -1, SQLITE_TRANSIENT);
    Must(db, sqlite3_step(count), "count");
    versions = sqlite3_column_int64(count, 0);
    sqlite3_reset(count);
    baseline.push_back(Seconds(t));

    t = Clock::now();
    auto tx = (*store)->Begin(xinyong::TxMode::kRead);
    auto figures = (*tx)->Monitoring().Month(r);
    if (!figures.ok()) {
      std::cerr << figures.status().ToString() << "\n";
      return 1;
    }
    page.push_back(Seconds(t));
    month_checks = 0;
    for (const auto& d : figures->departments) month_checks += d.checks;
  }
  sqlite3_finalize(count);
  sqlite3_close(db);
  std::cout << "month " << month << ": " << versions << " record versions, " << month_checks
            << " checks\n"
            << "monitoring page (MonitoringTables::Month), median of " << rounds << ": "
            << Median(page) * 1000 << " ms\n"
            << "baseline COUNT(*) of the month's versions, median of " << rounds << ": "
            << Median(baseline) * 1000 << " ms\n"
            << "ratio page / baseline: " << Median(page) / Median(baseline) << "\n";
  if (keep) {
    std::cout << "kept: " << path << "\n";
  } else {
    std::filesystem::remove_all(dir);
  }
  return 0;
}
