#include "store/postgres/postgres_store.h"

#include <libpq-fe.h>

#include <cstring>
#include <unordered_map>

#include "store/sql/sql_store.h"

namespace xinyong {
namespace {

class PgConnection final : public sql::Connection {
 public:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  ~PgConnection() override { PQfinish(conn_); }

  Result<std::vector<sql::Row>> Query(const std::string& text,
                                      const std::vector<sql::Param>& params) override {
    std::vector<std::string> values(params.size());
    std::vector<const char*> ptrs(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      if (const auto* v = std::get_if<int64_t>(&params[i])) {
        values[i] = std::to_string(*v);
        ptrs[i] = values[i].c_str();
      } else if (const auto* s = std::get_if<std::string>(&params[i])) {
        ptrs[i] = s->c_str();
      }
    }
    // Statements are prepared once per connection (parse and plan once): the same few
    // statements run for every row of an import.
    auto it = prepared_.find(text);
    if (it == prepared_.end()) {
      std::string name = "xy" + std::to_string(prepared_.size() + 1);
      PGresult* prep =
          PQprepare(conn_, name.c_str(), text.c_str(), static_cast<int>(params.size()), nullptr);
      struct ClearPrep {
        PGresult* r;
        ~ClearPrep() { PQclear(r); }
      } clear_prep{prep};
      if (PQresultStatus(prep) != PGRES_COMMAND_OK) return Error(prep, text);
      it = prepared_.emplace(text, std::move(name)).first;
    }
    PGresult* res = PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(params.size()),
                                   ptrs.data(), nullptr, nullptr, 0);
    struct Clear {
      PGresult* r;
      ~Clear() { PQclear(r); }
    } clear{res};
    const auto st = PQresultStatus(res);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) return Error(res, text);
    std::vector<sql::Row> rows;
    const int n = PQntuples(res), m = PQnfields(res);
    rows.reserve(n);
    for (int r = 0; r < n; ++r) {
      sql::Row row(m);
      for (int c = 0; c < m; ++c) {
        if (!PQgetisnull(res, r, c)) {
          row[c] = std::string(PQgetvalue(res, r, c), PQgetlength(res, r, c));
        }
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  Status Exec(const std::string& text) override {
    PGresult* res = PQexec(conn_, text.c_str());
    struct Clear {
      PGresult* r;
      ~Clear() { PQclear(r); }
    } clear{res};
    const auto st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return Error(res, text);
    return Status::Ok();
  }

  bool broken() const override {
    return PQstatus(conn_) != CONNECTION_OK || PQtransactionStatus(conn_) != PQTRANS_IDLE;
  }

 private:
  Status Error(PGresult* res, const std::string& text) {
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    std::string msg = PQerrorMessage(conn_);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    msg += " (in: " + text.substr(0, 80) + ")";
    if (PQstatus(conn_) != CONNECTION_OK) return Unavailable("postgres connection lost: " + msg);
    if (state && std::strcmp(state, "23505") == 0) return Conflict(msg);
    if (state && (std::strcmp(state, "40001") == 0 || std::strcmp(state, "40P01") == 0)) {
      return Unavailable("postgres: concurrent update, retry: " + msg);
    }
    // disk_full and io_error: nothing could be written. The rest of classes 53 and 58 (too
    // many connections, out of memory, a missing file) is a server that may answer later.
    if (state && (std::strcmp(state, "53100") == 0 || std::strcmp(state, "58030") == 0)) {
      return StorageFailure("postgres cannot write: " + msg);
    }
    if (state && (std::strncmp(state, "53", 2) == 0 || std::strncmp(state, "58", 2) == 0)) {
      return Unavailable("postgres: " + msg);
    }
    return Internal("postgres: " + msg);
  }

  PGconn* conn_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> statement name
};

Result<std::unique_ptr<sql::Connection>> Connect(const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn);
    PQfinish(conn);
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    return Unavailable("cannot connect to PostgreSQL: " + msg);
  }
  auto c = std::make_unique<PgConnection>(conn);
  XY_RETURN_IF_ERROR(c->Exec("SET client_min_messages = warning; SET TIME ZONE 'UTC'"));
  return std::unique_ptr<sql::Connection>(std::move(c));
}

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& conninfo, std::string now) {
  sql::Dialect d;
  d.name = "postgres";
  d.begin_read = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
  d.begin_write = "BEGIN ISOLATION LEVEL READ COMMITTED";
  d.id_column = "BIGSERIAL PRIMARY KEY";
  d.lock_head = "SELECT seq FROM event_head WHERE id = 1 FOR UPDATE";
  // Plans are only as good as the statistics: a table grown by an import since its last
  // ANALYZE is still estimated at its old size, and the chunk lookups (`source_key IN (...)`)
  // then filter every record of the department and item instead of seeking each key. Stale:
  // more than 1,000 rows and a fifth of the table changed. (Planning every statement of an
  // import for its values instead, `plan_cache_mode = force_custom_plan`, re-planned each
  // 64-row INSERT too and made the import 1.4 times slower; with current statistics the
  // cached plans seek.)
  d.stale_tables =
      "SELECT relname FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname "
      "IN ('records', 'record_versions', 'subjects', 'subject_identifiers') AND "
      "n_mod_since_analyze > 1000 + n_live_tup / 5 ORDER BY relname";
  d.migration_lock = "SELECT pg_advisory_xact_lock(71407140)";
  XY_ASSIGN_OR_RETURN(auto store, sql::SqlStore::Open(
                                      d, [conninfo] { return Connect(conninfo); }, std::move(now)));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace xinyong
