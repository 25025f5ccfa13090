// Intake throughput: importing N 行政处罚 rows from CSV, beside a plain insert of the same rows
// into one table with one index, measured in the same run.
//
//   intake_bench --rows 1000000 --rounds 3                    # SQLite
//   XINYONG_TEST_PG="host=... dbname=postgres" intake_bench --store postgres --rows 200000
//
// SQLite baseline: one prepared INSERT into a table with a unique index on the source key, in
// transactions of 500 rows (the chunk size of intake), WAL and synchronous=FULL as the store.
// PostgreSQL baseline: COPY FROM STDIN into the same table. Xinyong: the whole path — CSV
// parsing, catalogue validation (identifiers, dates, code lists, conditional fields), subject
// resolution, record + version + event with its hash chain — through IntakeService.
#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/calendar.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/divisions.h"
#include "core/ids.h"
#include "domain/catalogue.h"
#include "rules/record_rules.h"
#include "service/account_service.h"
#include "service/intake_service.h"
#include "service/subject_service.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace {

using namespace xinyong;
using Clock = std::chrono::steady_clock;

constexpr const char* kDept = "11320100MB1886843H";
constexpr const char* kHeader =
    "CF_XDR_MC,CF_XDR_LB,CF_XDR_SHXYM,CF_FRDB,CF_WSH,CF_WFXW,CF_SY,CF_YJ,CF_CFLB,CF_NR,"
    "CF_NR_FK,CF_JDRQ,CF_CFJG,CF_CFJGDM,CF_SJLY,CF_SJLYDM\n";

struct Rows {
  std::string csv;
  std::vector<std::pair<std::string, std::string>> keyed;  // (source key, line)
};

// N rows over N/20 companies, every one valid.
Rows MakeRows(int64_t n) {
  static const std::string kAlpha = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  Rows r;
  r.csv = kHeader;
  const int64_t companies = std::max<int64_t>(1, n / 20);
  std::vector<std::string> codes;
  for (int64_t c = 0; c < companies; ++c) {
    std::string org(8, '0');
    int64_t v = c + 1;
    for (int i = 7; i >= 0; --i) {
      org[i] = kAlpha[v % 31];
      v /= 31;
    }
    std::string body = "91320102" + org + OrganizationCodeCheckChar(org);
    codes.push_back(body + UsccCheckChar(body));
  }
  for (int64_t i = 0; i < n; ++i) {
    const std::string& code = codes[i % companies];
    const std::string key = "宁市监罚〔2026〕" + std::to_string(100000 + i) + "号";
    std::string line = "南京测试" + std::to_string(i % companies) + "科技有限公司,法人及非法人组织," +
                       code + ",张三," + key +
                       ",虚假宣传,在其网店发布虚假广告,《中华人民共和国反不正当竞争法》第二十条,罚款,"
                       "罚款人民币" + std::to_string(1 + i % 90) + "万元," +
                       std::to_string(1 + i % 90) + ",2026-02-20,南京市市场监督管理局," + kDept +
                       ",南京市市场监督管理局," + kDept + "\n";
    r.csv += line;
    r.keyed.emplace_back(key, std::move(line));
  }
  return r;
}

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

std::string TempDir() {
  auto p = std::filesystem::temp_directory_path() /
           ("xy-bench-" + std::to_string(getpid()) + "-" + std::to_string(Clock::now().time_since_epoch().count()));
  std::filesystem::create_directories(p);
  return p.string();
}

double PlainSqlite(const Rows& rows) {
  const std::string dir = TempDir();
  sqlite3* db = nullptr;
  sqlite3_open((dir + "/plain.db").c_str(), &db);
  sqlite3_exec(db,
               "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
               "CREATE TABLE plain (id INTEGER PRIMARY KEY, source_key TEXT NOT NULL, row TEXT NOT NULL);"
               "CREATE UNIQUE INDEX plain_key ON plain(source_key);",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO plain (source_key, row) VALUES (?1, ?2)", -1, &st, nullptr);
  const auto start = Clock::now();
  for (size_t i = 0; i < rows.keyed.size(); ++i) {
    if (i % 500 == 0) sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    sqlite3_bind_text(st, 1, rows.keyed[i].first.data(), static_cast<int>(rows.keyed[i].first.size()), SQLITE_STATIC);
    sqlite3_bind_text(st, 2, rows.keyed[i].second.data(), static_cast<int>(rows.keyed[i].second.size()), SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) std::cerr << "insert failed: " << sqlite3_errmsg(db) << "\n";
    sqlite3_reset(st);
    if (i % 500 == 499 || i + 1 == rows.keyed.size()) sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  }
  const double secs = Seconds(start);
  sqlite3_finalize(st);
  sqlite3_close(db);
  std::filesystem::remove_all(dir);
  return static_cast<double>(rows.keyed.size()) / secs;
}

double PlainPostgresCopy(const Rows& rows, const std::string& conninfo) {
  PGconn* c = PQconnectdb(conninfo.c_str());
  PQclear(PQexec(c, "DROP TABLE IF EXISTS xy_bench_plain"));
  PQclear(PQexec(c, "CREATE TABLE xy_bench_plain (id BIGSERIAL PRIMARY KEY, source_key TEXT NOT NULL, row TEXT NOT NULL);"
                    "CREATE UNIQUE INDEX xy_bench_plain_key ON xy_bench_plain(source_key)"));
  const auto start = Clock::now();
  PQclear(PQexec(c, "COPY xy_bench_plain (source_key, row) FROM STDIN"));
  std::string buf;
  for (const auto& [key, line] : rows.keyed) {
    buf += key;
    buf += '\t';
    buf.append(line.data(), line.size() - 1);  // without the newline
    buf += '\n';
    if (buf.size() > (1 << 20)) {
      PQputCopyData(c, buf.data(), static_cast<int>(buf.size()));
      buf.clear();
    }
  }
  PQputCopyData(c, buf.data(), static_cast<int>(buf.size()));
  PQputCopyEnd(c, nullptr);
  PGresult* r = PQgetResult(c);
  if (PQresultStatus(r) != PGRES_COMMAND_OK) std::cerr << "COPY failed: " << PQerrorMessage(c);
  PQclear(r);
  const double secs = Seconds(start);
  PQclear(PQexec(c, "DROP TABLE xy_bench_plain"));
  PQfinish(c);
  return static_cast<double>(rows.keyed.size()) / secs;
}

struct Policy {
  DivisionTable divisions;
  WorkingCalendar calendar;
  Catalogue catalogue;
};

double XinyongImport(const Rows& rows, const Policy& policy, const std::string& store_kind,
                     const std::string& conninfo, int sqlite_cache_mb) {
  SystemClock clock;
  std::unique_ptr<Store> store;
  std::string dir, pg_db;
  if (store_kind == "postgres") {
    pg_db = "xy_bench_" + std::to_string(getpid()) + "_" + std::to_string(Clock::now().time_since_epoch().count() % 100000);
    PGconn* c = PQconnectdb(conninfo.c_str());
    PQclear(PQexec(c, ("CREATE DATABASE " + pg_db).c_str()));
    PQfinish(c);
    store = std::move(OpenPostgresStore(conninfo + " dbname=" + pg_db, clock.NowTimestamp())).value();
  } else {
    dir = TempDir();
    store = std::move(OpenSqliteStore(dir + "/xinyong.db", clock.NowTimestamp(), sqlite_cache_mb))
                .value();
  }
  auto cipher = *FieldCipher::FromHexKey(std::string(64, '5'));
  ServiceContext ctx{*store, clock, cipher, policy.divisions, policy.calendar};
  SubjectService subjects(ctx);
  AccountService accounts(ctx, 8);
  RecordValidator validator(policy.catalogue, policy.divisions);
  IntakeService intake(ctx, policy.catalogue, validator, subjects);
  Principal admin{"bench", Role::kAdmin, 0, 0};
  if (!accounts.CreateDepartment(admin, kDept, "南京市市场监督管理局").ok()) std::abort();
  const auto start = Clock::now();
  auto summary = intake.ImportFile(admin, {kDept, "CF", "cli", "bench.csv"}, rows.csv);
  const double secs = Seconds(start);
  if (!summary.ok() || summary->accepted != static_cast<int64_t>(rows.keyed.size())) {
    std::cerr << "import did not accept every row: "
              << (summary.ok() ? std::to_string(summary->accepted) : summary.status().ToString())
              << "\n";
    std::abort();
  }
  store.reset();
  if (!dir.empty()) std::filesystem::remove_all(dir);
  if (!pg_db.empty()) {
    PGconn* c = PQconnectdb(conninfo.c_str());
    PQclear(PQexec(c, ("DROP DATABASE " + pg_db + " WITH (FORCE)").c_str()));
    PQfinish(c);
  }
  return static_cast<double>(rows.keyed.size()) / secs;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Intake throughput beside a plain insert"};
  int64_t n = 100000;
  int rounds = 3;
  std::string store = "sqlite";
  app.add_option("--rows", n, "Rows per import");
  app.add_option("--rounds", rounds, "Alternating rounds");
  app.add_option("--store", store, "sqlite or postgres")->check(CLI::IsMember({"sqlite", "postgres"}));
  int sqlite_cache_mb = 2;
  app.add_option("--sqlite-cache-mb", sqlite_cache_mb,
                 "SQLite page cache per connection, MiB (the server's sqlite_cache_mb)")
      ->check(CLI::Range(1, 65536));
  CLI11_PARSE(app, argc, argv);
  if (!CryptoInit().ok()) return 2;
  const char* pg = std::getenv("XINYONG_TEST_PG");
  if (store == "postgres" && (!pg || !*pg)) {
    std::cerr << "set XINYONG_TEST_PG (scripts/with-postgres.sh does)\n";
    return 2;
  }
  Policy policy{*DivisionTable::LoadFile(XY_SOURCE_DIR "/policy/divisions/gbt2260.dat"),
                *WorkingCalendar::LoadDir(XY_SOURCE_DIR "/policy/calendar"),
                *Catalogue::LoadDir(XY_SOURCE_DIR "/policy/catalogue")};
  const Rows rows = MakeRows(n);
  std::printf("%lld rows (%.1f MB CSV), store %s, %d rounds\n", static_cast<long long>(n),
              static_cast<double>(rows.csv.size()) / 1e6, store.c_str(), rounds);
  std::vector<double> plain, ours;
  for (int r = 1; r <= rounds; ++r) {
    const double a = store == "postgres" ? PlainPostgresCopy(rows, pg) : PlainSqlite(rows);
    const double b = XinyongImport(rows, policy, store, pg ? pg : "", sqlite_cache_mb);
    plain.push_back(a);
    ours.push_back(b);
    std::printf("round %d: baseline %s %.0f rows/s, xinyong import %.0f rows/s\n", r,
                store == "postgres" ? "COPY" : "plain insert", a, b);
    std::fflush(stdout);
  }
  std::printf("median: baseline %.0f rows/s, xinyong %.0f rows/s, ratio %.3f\n", Median(plain),
              Median(ours), Median(ours) / Median(plain));
  return 0;
}
