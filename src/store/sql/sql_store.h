// The Store for SQL databases, written once against sql::Connection and a Dialect.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "store/sql/sql_connection.h"
#include "store/store.h"
#include "store/write_gate.h"

namespace xinyong::sql {

// Thread-safe. Keeps a pool of idle connections; opens more on demand.
class SqlStore : public Store {
 public:
  // Connects once and applies pending migrations (under the dialect's migration lock).
  // failed_precondition when the database's schema is newer than this program knows.
  static Result<std::unique_ptr<SqlStore>> Open(Dialect dialect, Connector connect,
                                                std::string now_timestamp);
  ~SqlStore() override;

  Result<std::unique_ptr<Transaction>> Begin(TxMode mode) override;
  Status Backup(const std::string& out_path) override;
  std::string_view Kind() const override { return dialect_.name; }
  Result<int> SchemaVersion() override;

  // Sets what Backup does (the SQLite backend installs VACUUM INTO).
  void SetBackupFunction(std::function<Status(Connection&, const std::string&)> fn) {
    backup_ = std::move(fn);
  }

  // Called by transactions when they finish.
  void Release(std::unique_ptr<Connection> conn);

 private:
  SqlStore(Dialect dialect, Connector connect);
  Result<std::unique_ptr<Connection>> Acquire();
  Status Migrate(const std::string& now);

  Dialect dialect_;
  Connector connect_;
  std::function<Status(Connection&, const std::string&)> backup_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mu_
  WriteGate writers_;  // turns of the write transactions, when the dialect asks for them
};

// The schema, in order. Each step's SQL uses {{id}} for the dialect's id column.
struct Migration {
  int version;
  const char* name;
  const char* sql;
  // When set, run on SQLite instead of `sql` (for what SQLite's ALTER TABLE cannot do).
  const char* sqlite_sql = nullptr;
};
const std::vector<Migration>& Migrations();

}  // namespace xinyong::sql
