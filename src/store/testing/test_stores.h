// Test support: a fresh, empty store of each kind. PostgreSQL tests use the server named by
// XINYONG_TEST_PG (a libpq connection string); each store gets its own new database, dropped
// afterwards. Without XINYONG_TEST_PG the PostgreSQL cases are skipped, unless
// XINYONG_REQUIRE_PG=1, which makes them fail instead (make test and CI set it).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/store.h"

namespace xinyong::testing {

// "memory", "sqlite", "postgres".
std::vector<std::string> StoreKinds();

class TestStore {
 public:
  ~TestStore();
  Store& store() { return *store_; }
  std::unique_ptr<Store>& ptr() { return store_; }
  // For sqlite: the database file; for postgres: the connection string; else "".
  const std::string& location() const { return location_; }
  // Closes and reopens the same database (not for memory).
  Status Reopen();

  // Makes a store, or returns a Status whose message says why it cannot (skip or fail).
  static Result<std::unique_ptr<TestStore>> Make(const std::string& kind);

 private:
  std::string kind_;
  std::string location_;
  std::string dir_;
  std::string pg_admin_;
  std::string pg_db_;
  std::unique_ptr<Store> store_;
};

// True when the PostgreSQL cases must run (XINYONG_REQUIRE_PG=1).
bool PostgresRequired();

}  // namespace xinyong::testing
