// The narrow database interface the shared SQL store is written against. Implemented by
// src/store/sqlite and src/store/postgres; nothing outside src/store uses it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/status.h"

namespace xinyong::sql {

using Param = std::variant<std::nullptr_t, int64_t, std::string>;
// Every column comes back as text (or NULL), the same on both databases.
using Row = std::vector<std::optional<std::string>>;

// One open connection. Not thread-safe: used by one transaction at a time.
class Connection {
 public:
  virtual ~Connection() = default;
  // One statement with $1..$N placeholders. A unique-key violation is `conflict`, a lost or
  // busy database `unavailable`, anything else `internal` with the database's message.
  virtual Result<std::vector<Row>> Query(const std::string& sql,
                                         const std::vector<Param>& params) = 0;
  // Several statements without parameters (migrations, BEGIN/COMMIT).
  virtual Status Exec(const std::string& sql) = 0;
  // Opens a write transaction with `begin_statement` (the dialect's begin_write). A database
  // that shares its write lock with other processes may first give them their turn.
  virtual Status BeginWrite(const std::string& begin_statement) { return Exec(begin_statement); }
  // True once the connection failed in a way that makes it unusable.
  virtual bool broken() const = 0;
};

// What differs between the databases, as data.
struct Dialect {
  std::string name;         // "sqlite" / "postgres"
  std::string begin_read;   // statement opening a read-only transaction
  std::string begin_write;  // statement opening a write transaction
  std::string id_column;    // "INTEGER PRIMARY KEY" / "BIGSERIAL PRIMARY KEY"
  // Extra statement run first in a write transaction that appends events, to serialise
  // writers on the log head ("" when begin_write already does, as SQLite's IMMEDIATE).
  std::string lock_head;
  // Statement taking the migration lock inside a write transaction ("" for none).
  std::string migration_lock;
  // Query giving the names of the tables whose statistics are stale ("" for none); each is
  // then analysed (`ANALYZE name`). See Transaction::RefreshStaleStatistics.
  std::string stale_tables;
  // When above 0, the process's write transactions take turns in the order they begin
  // (WriteGate), each waiting at most this many milliseconds for its turn: SQLite makes waiting
  // writers poll, and one that begins again right after each commit would keep the others out.
  // 0: none (PostgreSQL queues the transactions waiting for a lock itself).
  int writer_turn_ms = 0;
};

using Connector = std::function<Result<std::unique_ptr<Connection>>()>;

}  // namespace xinyong::sql
