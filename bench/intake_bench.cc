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
//
// With --floor, each round also measures the writes alone: every row the import wrote
// (subjects, identifiers, names, the batch, records, versions, events) read back and inserted
// again, in the same order, into a fresh store of the same schema, with prepared INSERTs of the
// stored values, one transaction per 500 records as the import. No parsing, validation, lookup,
// hashing or encryption; checkpoints are left until after the clock stops. It is an upper bound
// on what any import writing those rows into that schema can reach on this machine. On
// PostgreSQL the same rows are copied out of the import's database and written with COPY FROM
// STDIN, table by table in one transaction, into a fresh database of the same schema (foreign
// keys and indexes as in the store): the fastest way PostgreSQL takes rows.
#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "bench_util.h"
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
using bench::Median;
using bench::Must;
using bench::TempDir;
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
    std::string line =
        "南京测试" + std::to_string(i % companies) + "科技有限公司,法人及非法人组织," + code +
        ",张三," + key +
        ",虚假宣传,在其网店发布虚假广告,《中华人民共和国反不正当竞争法》第二十条,罚款,"
        "罚款人民币" +
        std::to_string(1 + i % 90) + "万元," + std::to_string(1 + i % 90) +
        ",2026-02-20,南京市市场监督管理局," + kDept + ",南京市市场监督管理局," + kDept + "\n";
    r.csv += line;
    r.keyed.emplace_back(key, std::move(line));
  }
  return r;
}

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

double PlainSqlite(const Rows& rows) {
  const std::string dir = TempDir("xy-bench");
  sqlite3* db = nullptr;
  sqlite3_open((dir + "/plain.db").c_str(), &db);
  sqlite3_exec(
      db,
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
      "CREATE TABLE plain (id INTEGER PRIMARY KEY, source_key TEXT NOT NULL, row TEXT NOT NULL);"
      "CREATE UNIQUE INDEX plain_key ON plain(source_key);",
      nullptr, nullptr, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO plain (source_key, row) VALUES (?1, ?2)", -1, &st, nullptr);
  const auto start = Clock::now();
  for (size_t i = 0; i < rows.keyed.size(); ++i) {
    if (i % 500 == 0) sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    sqlite3_bind_text(st, 1, rows.keyed[i].first.data(),
                      static_cast<int>(rows.keyed[i].first.size()), SQLITE_STATIC);
    sqlite3_bind_text(st, 2, rows.keyed[i].second.data(),
                      static_cast<int>(rows.keyed[i].second.size()), SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
      std::cerr << "insert failed: " << sqlite3_errmsg(db) << "\n";
    sqlite3_reset(st);
    if (i % 500 == 499 || i + 1 == rows.keyed.size())
      sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
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
  PQclear(PQexec(c,
                 "CREATE TABLE xy_bench_plain (id BIGSERIAL PRIMARY KEY, source_key TEXT NOT NULL, "
                 "row TEXT NOT NULL);"
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

// A table's rows as SQLite values, in rowid order.
struct TableRows {
  std::string name;
  int columns = 0;
  std::vector<std::vector<sqlite3_value*>> rows;
  ~TableRows() {
    for (auto& row : rows)
      for (sqlite3_value* v : row) sqlite3_value_free(v);
  }
};

std::unique_ptr<TableRows> ReadTable(sqlite3* db, const std::string& table,
                                     const std::string& where) {
  auto t = std::make_unique<TableRows>();
  t->name = table;
  sqlite3_stmt* st = nullptr;
  Must(db,
       sqlite3_prepare_v2(db, ("SELECT * FROM " + table + where + " ORDER BY rowid").c_str(), -1,
                          &st, nullptr),
       "read back");
  t->columns = sqlite3_column_count(st);
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::vector<sqlite3_value*> row;
    for (int c = 0; c < t->columns; ++c)
      row.push_back(sqlite3_value_dup(sqlite3_column_value(st, c)));
    t->rows.push_back(std::move(row));
  }
  sqlite3_finalize(st);
  return t;
}

// The --floor replay (see the top of the file); returns records per second.
// `drop`: indexes or tables dropped from the fresh schema before the replay (tables are then
// not written), to tell what each costs.
// `cache_mb`: SQLite's page cache, as the import had.
double ReplayWrites(const std::string& imported_db, const std::vector<std::string>& drop,
                    int cache_mb) {
  sqlite3* src = nullptr;
  Must(src, sqlite3_open_v2(imported_db.c_str(), &src, SQLITE_OPEN_READONLY, nullptr),
       "open import");
  // The department is set up untimed; everything else is replayed under the clock, with the
  // few events of the department's creation among the import's.
  auto departments = ReadTable(src, "departments", "");
  auto batches = ReadTable(src, "batches", "");
  auto subjects = ReadTable(src, "subjects", "");
  auto identifiers = ReadTable(src, "subject_identifiers", "");
  auto names = ReadTable(src, "subject_names", "");
  auto records = ReadTable(src, "records", "");
  auto versions = ReadTable(src, "record_versions", "");
  auto events = ReadTable(src, "events", "");
  sqlite3_close(src);

  const std::string dir = TempDir("xy-bench");
  const std::string path = dir + "/floor.db";
  {
    SystemClock clock;
    auto fresh = OpenSqliteStore(path, clock.NowTimestamp(), 2);  // the schema, migrated
    if (!fresh.ok()) std::abort();
  }
  sqlite3* db = nullptr;
  Must(db, sqlite3_open(path.c_str(), &db), "open floor");
  const std::string setup =
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
      "PRAGMA cache_size=-" +
      std::to_string(cache_mb * 1024) + "; PRAGMA wal_autocheckpoint=0; DELETE FROM events;";
  Must(db, sqlite3_exec(db, setup.c_str(), nullptr, nullptr, nullptr), "pragmas");
  std::vector<std::string> dropped_tables;
  for (const std::string& name : drop) {
    const bool table = name == "events" || name == "record_versions";
    if (table) dropped_tables.push_back(name);
    Must(db,
         sqlite3_exec(db, ((table ? "DROP TABLE " : "DROP INDEX ") + name).c_str(), nullptr,
                      nullptr, nullptr),
         "drop");
  }
  const auto skip = [&](const std::string& table) {
    return std::find(dropped_tables.begin(), dropped_tables.end(), table) != dropped_tables.end();
  };
  if (skip("events")) events->rows.clear();
  if (skip("record_versions")) versions->rows.clear();
  auto insert_stmt = [&](const TableRows& t) {
    if (skip(t.name)) return static_cast<sqlite3_stmt*>(nullptr);
    std::string sql = "INSERT INTO " + t.name + " VALUES (";
    for (int c = 0; c < t.columns; ++c) sql += c ? ",?" : "?";
    sql += ")";
    sqlite3_stmt* st = nullptr;
    Must(db, sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), "prepare");
    return st;
  };
  auto insert = [&](sqlite3_stmt* st, const std::vector<sqlite3_value*>& row) {
    for (size_t c = 0; c < row.size(); ++c) sqlite3_bind_value(st, static_cast<int>(c + 1), row[c]);
    Must(db, sqlite3_step(st), "insert");
    sqlite3_reset(st);
  };
  sqlite3_stmt* st_departments = insert_stmt(*departments);
  for (const auto& row : departments->rows) insert(st_departments, row);
  sqlite3_finalize(st_departments);
  sqlite3_stmt* st_batch = insert_stmt(*batches);
  sqlite3_stmt* st_subject = insert_stmt(*subjects);
  sqlite3_stmt* st_ident = insert_stmt(*identifiers);
  sqlite3_stmt* st_name = insert_stmt(*names);
  sqlite3_stmt* st_record = insert_stmt(*records);
  sqlite3_stmt* st_version = insert_stmt(*versions);
  sqlite3_stmt* st_event = insert_stmt(*events);
  sqlite3_stmt* st_head = nullptr;
  Must(db,
       sqlite3_prepare_v2(db, "UPDATE event_head SET seq = ?1, hash = ?2 WHERE id = 1", -1,
                          &st_head, nullptr),
       "prepare head");

  // Rows of a table that belong before a given subject id or record id: subjects, identifiers
  // and names by their subject_id column, versions by their record_id (the first column of
  // each), so every foreign key is met when its row goes in.
  const auto id_of = [](const std::vector<sqlite3_value*>& row, int col) {
    return sqlite3_value_int64(row[col]);
  };
  const int subj_col_ident = 0, subj_col_name = 1, subj_col_record = 1;
  size_t s = 0, si = 0, sn = 0, v = 0, e = 0;
  const size_t chunks = (records->rows.size() + 499) / 500;
  const auto start = Clock::now();
  for (size_t k = 0; k < chunks; ++k) {
    Must(db, sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), "begin");
    if (k == 0)
      for (const auto& row : batches->rows) insert(st_batch, row);
    const size_t r_end = std::min(records->rows.size(), (k + 1) * 500);
    for (size_t r = k * 500; r < r_end; ++r) {
      const int64_t subject = id_of(records->rows[r], subj_col_record);
      for (; s < subjects->rows.size() && id_of(subjects->rows[s], 0) <= subject; ++s)
        insert(st_subject, subjects->rows[s]);
      for (;
           si < identifiers->rows.size() && id_of(identifiers->rows[si], subj_col_ident) <= subject;
           ++si)
        insert(st_ident, identifiers->rows[si]);
      for (; sn < names->rows.size() && id_of(names->rows[sn], subj_col_name) <= subject; ++sn)
        insert(st_name, names->rows[sn]);
      insert(st_record, records->rows[r]);
    }
    const int64_t last_record = id_of(records->rows[r_end - 1], 0);
    for (; v < versions->rows.size() && id_of(versions->rows[v], 0) <= last_record; ++v)
      insert(st_version, versions->rows[v]);
    const size_t e_end =
        k + 1 == chunks ? events->rows.size() : events->rows.size() * (k + 1) / chunks;
    for (; e < e_end; ++e) insert(st_event, events->rows[e]);
    if (e > 0 && !skip("events")) {
      sqlite3_bind_value(st_head, 1, events->rows[e - 1][0]);
      sqlite3_bind_value(st_head, 2, events->rows[e - 1][events->columns - 1]);
      Must(db, sqlite3_step(st_head), "head");
      sqlite3_reset(st_head);
    }
    Must(db, sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), "commit");
  }
  const double secs = Seconds(start);
  if (s != subjects->rows.size() || v != versions->rows.size()) {
    std::cerr << "floor replay left rows out\n";
    std::abort();
  }
  for (sqlite3_stmt* st :
       {st_batch, st_subject, st_ident, st_name, st_record, st_version, st_event, st_head})
    sqlite3_finalize(st);
  sqlite3_close(db);
  std::filesystem::remove_all(dir);
  return static_cast<double>(records->rows.size()) / secs;
}

PGconn* ConnectPg(const std::string& conninfo) {
  PGconn* c = PQconnectdb(conninfo.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::cerr << "cannot connect: " << PQerrorMessage(c);
    std::abort();
  }
  return c;
}

void PgMust(PGconn* c, PGresult* r, ExecStatusType want, const char* what) {
  if (PQresultStatus(r) != want) {
    std::cerr << what << ": " << PQerrorMessage(c);
    std::abort();
  }
  PQclear(r);
}

// The --floor replay on PostgreSQL: returns records per second.
double ReplayWritesPg(const std::string& conninfo, const std::string& imported_db) {
  static const char* kTables[] = {"batches",       "subjects", "subject_identifiers",
                                  "subject_names", "records",  "record_versions",
                                  "events"};
  PGconn* src = ConnectPg(conninfo + " dbname=" + imported_db);
  std::vector<std::string> data;
  std::string departments;
  auto copy_out = [&](const std::string& table) {
    PgMust(src, PQexec(src, ("COPY " + table + " TO STDOUT").c_str()), PGRES_COPY_OUT, "copy out");
    std::string out;
    char* buf = nullptr;
    int n;
    while ((n = PQgetCopyData(src, &buf, 0)) > 0) {
      out.append(buf, static_cast<size_t>(n));
      PQfreemem(buf);
    }
    PgMust(src, PQgetResult(src), PGRES_COMMAND_OK, "copy out end");
    return out;
  };
  departments = copy_out("departments");
  for (const char* t : kTables) data.push_back(copy_out(t));
  PGresult* count = PQexec(src, "SELECT COUNT(*) FROM records");
  const double records = std::stod(PQgetvalue(count, 0, 0));
  PQclear(count);
  PQfinish(src);

  const std::string floor_db = imported_db + "_floor";
  PGconn* admin = ConnectPg(conninfo);
  PgMust(admin, PQexec(admin, ("CREATE DATABASE " + floor_db).c_str()), PGRES_COMMAND_OK, "create");
  {
    SystemClock clock;
    auto fresh =
        OpenPostgresStore(conninfo + " dbname=" + floor_db, clock.NowTimestamp());  // the schema
    if (!fresh.ok()) std::abort();
  }
  PGconn* c = ConnectPg(conninfo + " dbname=" + floor_db);
  auto copy_in = [&](const std::string& table, const std::string& rows) {
    PgMust(c, PQexec(c, ("COPY " + table + " FROM STDIN").c_str()), PGRES_COPY_IN, "copy in");
    if (PQputCopyData(c, rows.data(), static_cast<int>(rows.size())) != 1 ||
        PQputCopyEnd(c, nullptr) != 1) {
      std::cerr << "copy in: " << PQerrorMessage(c);
      std::abort();
    }
    PgMust(c, PQgetResult(c), PGRES_COMMAND_OK, table.c_str());
  };
  PgMust(c, PQexec(c, "DELETE FROM events"), PGRES_COMMAND_OK, "clear events");
  copy_in("departments", departments);
  const auto start = Clock::now();
  PgMust(c, PQexec(c, "BEGIN"), PGRES_COMMAND_OK, "begin");
  for (size_t i = 0; i < data.size(); ++i) copy_in(kTables[i], data[i]);
  PgMust(c, PQexec(c, "COMMIT"), PGRES_COMMAND_OK, "commit");
  const double secs = Seconds(start);
  PQfinish(c);
  PgMust(admin, PQexec(admin, ("DROP DATABASE " + floor_db + " WITH (FORCE)").c_str()),
         PGRES_COMMAND_OK, "drop");
  PQfinish(admin);
  return records / secs;
}

double XinyongImport(const Rows& rows, const Policy& policy, const std::string& store_kind,
                     const std::string& conninfo, int sqlite_cache_mb, double* floor,
                     const std::vector<std::string>& floor_drop) {
  SystemClock clock;
  std::unique_ptr<Store> store;
  std::string dir, pg_db;
  if (store_kind == "postgres") {
    pg_db = "xy_bench_" + std::to_string(getpid()) + "_" +
            std::to_string(Clock::now().time_since_epoch().count() % 100000);
    PGconn* c = PQconnectdb(conninfo.c_str());
    PQclear(PQexec(c, ("CREATE DATABASE " + pg_db).c_str()));
    PQfinish(c);
    store =
        std::move(OpenPostgresStore(conninfo + " dbname=" + pg_db, clock.NowTimestamp())).value();
  } else {
    dir = TempDir("xy-bench");
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
  if (floor)
    *floor = pg_db.empty() ? ReplayWrites(dir + "/xinyong.db", floor_drop, sqlite_cache_mb)
                           : ReplayWritesPg(conninfo, pg_db);
  if (!dir.empty()) std::filesystem::remove_all(dir);
  if (!pg_db.empty()) {
    PGconn* c = PQconnectdb(conninfo.c_str());
    PQclear(PQexec(c, ("DROP DATABASE " + pg_db + " WITH (FORCE)").c_str()));
    PQfinish(c);
  }
  return static_cast<double>(rows.keyed.size()) / secs;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Intake throughput beside a plain insert"};
  int64_t n = 100000;
  int rounds = 3;
  std::string store = "sqlite";
  app.add_option("--rows", n, "Rows per import");
  app.add_option("--rounds", rounds, "Alternating rounds");
  app.add_option("--store", store, "sqlite or postgres")
      ->check(CLI::IsMember({"sqlite", "postgres"}));
  int sqlite_cache_mb = 2;
  app.add_option("--sqlite-cache-mb", sqlite_cache_mb,
                 "SQLite page cache per connection, MiB (the server's sqlite_cache_mb)")
      ->check(CLI::Range(1, 65536));
  bool floor = false;
  app.add_flag("--floor", floor,
               "Also write the rows each import wrote again, alone: plain INSERTs on SQLite, COPY "
               "on PostgreSQL (the writes' upper bound)");
  std::vector<std::string> floor_drop;
  app.add_option("--floor-drop", floor_drop,
                 "With --floor: indexes (or the tables events, record_versions) to drop before "
                 "the replay, to tell what each costs")
      ->delimiter(',');
  std::string write_csv;
  app.add_option(
      "--write-csv", write_csv,
      "Only write the generated CSV to this file (for trying `xinyong import`) and exit");
  CLI11_PARSE(app, argc, argv);
  if (!floor_drop.empty()) floor = true;
  if (!floor_drop.empty() && store != "sqlite") {
    std::cerr << "--floor-drop is for SQLite\n";
    return 2;
  }
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
  if (!write_csv.empty()) {
    std::FILE* f = std::fopen(write_csv.c_str(), "wb");
    if (!f || std::fwrite(rows.csv.data(), 1, rows.csv.size(), f) != rows.csv.size() ||
        std::fclose(f) != 0) {
      std::perror(write_csv.c_str());
      return 1;
    }
    std::printf("%lld rows written to %s (department %s, item CF)\n", static_cast<long long>(n),
                write_csv.c_str(), kDept);
    return 0;
  }
  std::printf("%lld rows (%.1f MB CSV), store %s, %d rounds\n", static_cast<long long>(n),
              static_cast<double>(rows.csv.size()) / 1e6, store.c_str(), rounds);
  std::vector<double> plain, ours, floors;
  for (int r = 1; r <= rounds; ++r) {
    const double a = store == "postgres" ? PlainPostgresCopy(rows, pg) : PlainSqlite(rows);
    double f = 0;
    const double b = XinyongImport(rows, policy, store, pg ? pg : "", sqlite_cache_mb,
                                   floor ? &f : nullptr, floor_drop);
    plain.push_back(a);
    ours.push_back(b);
    std::printf("round %d: baseline %s %.0f rows/s, xinyong import %.0f rows/s", r,
                store == "postgres" ? "COPY" : "plain insert", a, b);
    if (floor) {
      floors.push_back(f);
      std::printf(", its writes replayed %.0f rows/s", f);
    }
    std::printf("\n");
    std::fflush(stdout);
  }
  std::printf("median: baseline %.0f rows/s, xinyong %.0f rows/s, ratio %.3f\n", Median(plain),
              Median(ours), Median(ours) / Median(plain));
  if (floor)
    std::printf(
        "floor: the writes alone %.0f rows/s, ratio %.3f to the baseline; the import reaches %.2f "
        "of them\n",
        Median(floors), Median(floors) / Median(plain), Median(ours) / Median(floors));
  return 0;
}
