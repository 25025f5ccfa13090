#include "store/testing/test_stores.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "core/clock.h"
#include "store/memory/memory_store.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace xinyong::testing {
namespace {

std::string RandomSuffix() {
  static std::mt19937_64 rng(std::random_device{}() ^ static_cast<uint64_t>(getpid()));
  static const char* kHex = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < 12; ++i) s.push_back(kHex[rng() % 16]);
  return s;
}

Status PgAdmin(const std::string& conninfo, const std::string& sql) {
  PGconn* c = PQconnectdb(conninfo.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::string m = PQerrorMessage(c);
    PQfinish(c);
    return Unavailable("cannot reach the test PostgreSQL (" + conninfo + "): " + m);
  }
  PGresult* r = PQexec(c, sql.c_str());
  bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  std::string m = PQerrorMessage(c);
  PQclear(r);
  PQfinish(c);
  return ok ? Status::Ok() : Internal(m);
}

}  // namespace

std::vector<std::string> StoreKinds() { return {"memory", "sqlite", "postgres"}; }

bool PostgresRequired() {
  const char* v = std::getenv("XINYONG_REQUIRE_PG");
  return v && std::string(v) == "1";
}

Result<std::unique_ptr<TestStore>> TestStore::Make(const std::string& kind) {
  auto t = std::unique_ptr<TestStore>(new TestStore());
  t->kind_ = kind;
  if (kind == "memory") {
    t->store_ = NewMemoryStore();
    return t;
  }
  if (kind == "sqlite") {
    t->dir_ = (std::filesystem::temp_directory_path() / ("xy-test-" + RandomSuffix())).string();
    std::filesystem::create_directories(t->dir_);
    t->location_ = t->dir_ + "/xinyong.db";
    XY_RETURN_IF_ERROR(t->Reopen());
    return t;
  }
  if (kind == "postgres") {
    const char* admin = std::getenv("XINYONG_TEST_PG");
    if (!admin || !*admin) {
      return FailedPrecondition("XINYONG_TEST_PG is not set: no PostgreSQL server to test");
    }
    t->pg_admin_ = admin;
    t->pg_db_ = "xy_test_" + RandomSuffix();
    XY_RETURN_IF_ERROR(PgAdmin(t->pg_admin_, "CREATE DATABASE " + t->pg_db_));
    t->location_ = t->pg_admin_ + " dbname=" + t->pg_db_;
    XY_RETURN_IF_ERROR(t->Reopen());
    return t;
  }
  return InvalidArgument("unknown store kind " + kind);
}

Status TestStore::Reopen() {
  store_.reset();
  SystemClock clock;
  if (kind_ == "sqlite") {
    XY_ASSIGN_OR_RETURN(store_, OpenSqliteStore(location_, clock.NowTimestamp()));
    return Status::Ok();
  }
  if (kind_ == "postgres") {
    XY_ASSIGN_OR_RETURN(store_, OpenPostgresStore(location_, clock.NowTimestamp()));
    return Status::Ok();
  }
  return FailedPrecondition("a memory store cannot be reopened");
}

TestStore::~TestStore() {
  store_.reset();
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  if (!pg_db_.empty()) (void)PgAdmin(pg_admin_, "DROP DATABASE IF EXISTS " + pg_db_ + " WITH (FORCE)");
}

}  // namespace xinyong::testing
