#include "store/sqlite/sqlite_store.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>

#include "store/sql/sql_store.h"

namespace xinyong {
namespace {

// How long a writer waits for another: for SQLite's lock (another process) and for its turn
// among this process's writers.
constexpr int kBusyTimeoutMs = 10000;

// `$12` placeholders become SQLite's `?12`, so one SQL text serves both databases.
std::string Placeholders(const std::string& sql) {
  std::string out = sql;
  for (size_t i = 0; i + 1 < out.size(); ++i) {
    if (out[i] == '$' && out[i + 1] >= '0' && out[i + 1] <= '9') out[i] = '?';
  }
  return out;
}

// WAL checkpoints off the writers' path. SQLite's automatic checkpoint runs inside the commit
// that lets the WAL pass 1,000 pages, on the committing thread: an intake chunk or a batch of
// check records then waits while pages are copied into the database file and synced. Instead
// each connection's WAL hook wakes this thread, which runs a PASSIVE checkpoint on its own
// connection (it never waits for readers or writers, and never blocks them). Should that
// connection fail to open, the hook checkpoints in the commit as SQLite would.
class Checkpointer {
 public:
  static constexpr int kWalPages = 1000;  // SQLite's own autocheckpoint threshold

  explicit Checkpointer(std::string path) : path_(std::move(path)), thread_([this] { Run(); }) {}
  ~Checkpointer() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Registered with sqlite3_wal_hook on every connection; called after each commit, with the
  // write lock released.
  static int OnCommit(void* self, sqlite3* db, const char* schema, int wal_pages) {
    auto* c = static_cast<Checkpointer*>(self);
    if (wal_pages < kWalPages) return SQLITE_OK;
    if (c->broken_.load()) {
      sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
      return SQLITE_OK;
    }
    {
      std::lock_guard lock(c->mu_);
      c->due_ = true;
    }
    c->cv_.notify_one();
    return SQLITE_OK;
  }

 private:
  void Run() {
    sqlite3* db = nullptr;
    std::unique_lock lock(mu_);
    for (;;) {
      cv_.wait(lock, [this] { return due_ || stop_; });
      if (stop_) break;
      due_ = false;
      lock.unlock();
      // synchronous=FULL as the store's connections: the database file is synced before the
      // WAL may be reused. A connection learns that the database is in WAL mode when it first
      // reads it; until then its checkpoints do nothing.
      if (!db && (sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                                  nullptr) != SQLITE_OK ||
                  sqlite3_exec(db, "PRAGMA synchronous=FULL; SELECT count(*) FROM sqlite_schema",
                               nullptr, nullptr, nullptr) != SQLITE_OK)) {
        sqlite3_close_v2(db);
        db = nullptr;
        broken_.store(true);  // the commits checkpoint for themselves from now on
        return;
      }
      // Errors (a full disk, say) are left to the writers, whose commits report them; the
      // next commit past the threshold asks again.
      sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
      lock.lock();
    }
    lock.unlock();
    sqlite3_close_v2(db);
  }

  const std::string path_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool due_ = false;   // guarded by mu_
  bool stop_ = false;  // guarded by mu_
  std::atomic<bool> broken_{false};
  std::thread thread_;  // last: starts once the members above exist
};

// Turns between processes. SQLite's write lock keeps no queue: a writer that finds another
// process writing polls (its busy handler) and gets in only if a poll falls between that
// process's commit and its next BEGIN. A command-line import, which begins its next chunk right
// after each commit, so kept the server's writers out: beside an import of 200,000 rows the
// server's checks, whose records wait for a write, took up to 1.8 s each, and a long import
// could make them fail after the busy timeout. So a waiting writer announces itself in a small
// file beside the database, `<database>-turns`, which every store opening the database maps
// (as SQLite maps its `-shm`), and a writer about to begin first lets a fresh announcement of
// another store go ahead. Within one process, WriteGate keeps the order; these turns are between
// stores, and so between processes. Best effort: a store that cannot map the file writes as
// before, and an announcement nobody renews (its writer got in, gave up or died) goes stale
// within kFreshUs.
class ProcessTurns {
 public:
  // An announcement renewed within this long is fresh: the busy handler renews it every kPoll
  // while its writer waits.
  static constexpr uint32_t kFreshUs = 2000;
  static constexpr auto kPoll = std::chrono::microseconds(250);
  // A writer yields at most this long before it begins anyway.
  static constexpr auto kMaxYield = std::chrono::milliseconds(50);

  // nullptr when the file cannot be opened or mapped (a read-only directory, say), or is not
  // a plain file of its own.
  static std::shared_ptr<ProcessTurns> Open(const std::string& db_path) {
    const std::string path = db_path + "-turns";
    // O_NOFOLLOW and a plain file with one link, as SQLite opens its -shm: a command run as
    // root must not write through a link someone put there.
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) return nullptr;
    struct Closer {
      int fd;
      ~Closer() { ::close(fd); }  // a mapping outlives its descriptor
    } closer{fd};
    struct stat file {};
    if (::fstat(fd, &file) != 0 || !S_ISREG(file.st_mode) || file.st_nlink != 1) return nullptr;
    // As SQLite does for its -wal and -shm files: the file gets the database's owner and
    // permissions, so that a command run as root beside a server run as its own user does not
    // leave a file that the server cannot open. Should that fail, the file stays as created:
    // this store still takes turns, and a store that cannot open the file writes without them.
    struct stat db {};
    if (::stat(db_path.c_str(), &db) == 0) {
      if (::geteuid() == 0 && ::fchown(fd, db.st_uid, db.st_gid) != 0) {
      }
      if (::fchmod(fd, db.st_mode & 0666) != 0) {
      }
    }
    if (file.st_size < static_cast<off_t>(kSize) && ::ftruncate(fd, kSize) != 0) return nullptr;
    void* map = ::mmap(nullptr, kSize, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (map == MAP_FAILED) return nullptr;
    return std::shared_ptr<ProcessTurns>(new ProcessTurns(map));
  }
  ~ProcessTurns() { ::munmap(map_, kSize); }
  ProcessTurns(const ProcessTurns&) = delete;
  ProcessTurns& operator=(const ProcessTurns&) = delete;

  // A writer of this store is waiting for the lock.
  void Announce() { Slot().store(Value(id_, NowUs()), std::memory_order_release); }
  // A writer of this store got the lock or gave up: its announcement, if still there, goes.
  void Withdraw() {
    auto slot = Slot();
    uint64_t v = slot.load(std::memory_order_acquire);
    while ((v >> 32) == id_ && !slot.compare_exchange_weak(v, 0, std::memory_order_acq_rel)) {
    }
  }
  // Before a writer of this store begins: while another store's writer announces that it is
  // waiting, let it go first (at most kMaxYield).
  void Yield() const {
    const auto give_up = std::chrono::steady_clock::now() + kMaxYield;
    while (OtherWaiting() && std::chrono::steady_clock::now() < give_up) {
      std::this_thread::sleep_for(kPoll / 2);
    }
  }

 private:
  static constexpr size_t kSize = 4096;
  using Word = std::atomic_ref<uint64_t>;
  static_assert(Word::is_always_lock_free, "turns are shared between processes");

  explicit ProcessTurns(void* map) : map_(map), id_(NewId()) {}

  // The first 8 bytes of the file (page-aligned): the announcer's id (high half; 0 for none)
  // and when it last announced (low half, steady-clock microseconds, CLOCK_MONOTONIC, which
  // the processes of one machine share).
  Word Slot() const { return Word(*static_cast<uint64_t*>(map_)); }
  static uint32_t NowUs() {
    return static_cast<uint32_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                     std::chrono::steady_clock::now().time_since_epoch())
                                     .count());
  }
  static uint64_t Value(uint32_t id, uint32_t us) { return (uint64_t{id} << 32) | us; }
  static uint32_t NewId() {
    uint32_t id = 0;
    try {
      std::random_device rd;
      id = rd();
    } catch (const std::exception&) {
      // No entropy source: the process id and the time make an id unlikely to be shared.
      id = static_cast<uint32_t>(::getpid()) * 2654435761u ^ NowUs();
    }
    return id != 0 ? id : 1;
  }
  bool OtherWaiting() const {
    const uint64_t v = Slot().load(std::memory_order_acquire);
    const auto id = static_cast<uint32_t>(v >> 32);
    // Unsigned subtraction: right across the 32-bit wrap of the microsecond count.
    return id != 0 && id != id_ && NowUs() - static_cast<uint32_t>(v) < kFreshUs;
  }

  void* map_;
  const uint32_t id_;  // this store's, never 0
};

class SqliteConnection final : public sql::Connection {
 public:
  SqliteConnection(sqlite3* db, std::shared_ptr<Checkpointer> checkpointer,
                   std::shared_ptr<ProcessTurns> turns)
      : db_(db), checkpointer_(std::move(checkpointer)), turns_(std::move(turns)) {
    sqlite3_busy_handler(db_, &SqliteConnection::OnBusy, this);
  }
  ~SqliteConnection() override {
    for (auto& [text, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  Status BeginWrite(const std::string& begin_statement) override {
    if (!turns_) return Exec(begin_statement);
    turns_->Yield();
    beginning_write_ = true;
    Status begun = Exec(begin_statement);
    beginning_write_ = false;
    turns_->Withdraw();
    return begun;
  }

  Result<std::vector<sql::Row>> Query(const std::string& text,
                                      const std::vector<sql::Param>& params) override {
    // Prepared statements are cached per connection: the same few statements run all day.
    sqlite3_stmt* stmt = nullptr;
    int rc = SQLITE_OK;
    if (auto it = cache_.find(text); it != cache_.end()) {
      stmt = it->second;
    } else {
      const std::string q = Placeholders(text);
      rc = sqlite3_prepare_v2(db_, q.c_str(), static_cast<int>(q.size()), &stmt, nullptr);
      if (rc != SQLITE_OK) return Error(rc, text);
      cache_.emplace(text, stmt);
    }
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset{stmt};
    for (size_t i = 0; i < params.size(); ++i) {
      const int idx = static_cast<int>(i) + 1;
      if (std::holds_alternative<std::nullptr_t>(params[i])) {
        rc = sqlite3_bind_null(stmt, idx);
      } else if (const auto* v = std::get_if<int64_t>(&params[i])) {
        rc = sqlite3_bind_int64(stmt, idx, *v);
      } else {
        const auto& s = std::get<std::string>(params[i]);
        rc = sqlite3_bind_text(stmt, idx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
      }
      if (rc != SQLITE_OK) return Error(rc, text);
    }
    std::vector<sql::Row> rows;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      const int n = sqlite3_column_count(stmt);
      sql::Row row(n);
      for (int c = 0; c < n; ++c) {
        if (sqlite3_column_type(stmt, c) == SQLITE_NULL) continue;
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        row[c] = std::string(p, sqlite3_column_bytes(stmt, c));
      }
      rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) return Error(rc, text);
    return rows;
  }

  Status Exec(const std::string& text) override {
    // BEGIN, COMMIT and ROLLBACK run for every transaction, several per request: a single
    // statement goes through the statement cache instead of being parsed each time. Scripts
    // (migrations, pragmas) go to sqlite3_exec.
    if (text.find(';') == std::string::npos) return Query(text, {}).status();
    char* err = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    if (err) sqlite3_free(err);
    if (rc != SQLITE_OK) return Error(rc, text);
    return Status::Ok();
  }

  bool broken() const override { return false; }
  sqlite3* db() { return db_; }

 private:
  // SQLite's busy handler: wait for another process's lock in short polls, announcing the
  // wait, for at most kBusyTimeoutMs (SQLite's own handler sleeps up to 100 ms between tries).
  static int OnBusy(void* self, int count) {
    auto* c = static_cast<SqliteConnection*>(self);
    const auto now = std::chrono::steady_clock::now();
    if (count == 0) c->busy_since_ = now;
    if (now - c->busy_since_ >= std::chrono::milliseconds(kBusyTimeoutMs)) return 0;
    if (c->beginning_write_) c->turns_->Announce();  // only writers waiting to begin
    std::this_thread::sleep_for(ProcessTurns::kPoll);
    return 1;
  }

  Status Error(int rc, const std::string& text) {
    std::string msg = std::string(sqlite3_errmsg(db_)) + " (in: " + text.substr(0, 80) + ")";
    const int ext = sqlite3_extended_errcode(db_);
    if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) {
      return Conflict(msg);
    }
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
      return Unavailable("the database is busy: " + msg);
    }
    if ((rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR) {
      return StorageFailure("the database cannot write: " + msg);
    }
    return Internal("sqlite: " + msg);
  }

  sqlite3* db_;
  // The target of db_'s WAL hook: released only after the destructor's body closed db_.
  std::shared_ptr<Checkpointer> checkpointer_;
  std::shared_ptr<ProcessTurns> turns_;  // shared by the store's connections; may be null
  bool beginning_write_ = false;         // inside BeginWrite, with turns_
  std::chrono::steady_clock::time_point busy_since_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

Result<std::unique_ptr<sql::Connection>> Connect(const std::string& path, int cache_mb,
                                                 const std::shared_ptr<Checkpointer>& checkpointer,
                                                 const std::shared_ptr<ProcessTurns>& turns) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Unavailable("cannot open the SQLite database " + path + ": " + msg);
  }
  auto conn = std::make_unique<SqliteConnection>(db, checkpointer, turns);
  // WAL: readers never block the writer. synchronous=FULL: a committed transaction survives
  // a crash of the process or of the machine. (mmap_size was tried for the check's reads:
  // it cost more CPU per request than the preads it saved.)
  XY_RETURN_IF_ERROR(
      conn->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                 "PRAGMA foreign_keys=ON; PRAGMA cache_size=-" +
                 std::to_string(std::max(1, cache_mb) * 1024) + ";"));
  // Replaces SQLite's automatic checkpoint (the same hook slot).
  sqlite3_wal_hook(db, &Checkpointer::OnCommit, checkpointer.get());
  return std::unique_ptr<sql::Connection>(std::move(conn));
}

// Before SQLite's first use in the process: no memory statistics. With them on (SQLite's
// default), every allocation SQLite makes takes one process-wide mutex to count it, and the
// check's worker threads and the writer queue on that mutex (about 8% of a check's CPU time
// in a profile). Xinyong never reads those statistics. A no-op when SQLite was already set up
// by someone else in the process.
void ConfigureSqliteOnce() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, std::string now,
                                               int cache_mb) {
  ConfigureSqliteOnce();
  sql::Dialect d;
  d.name = "sqlite";
  d.begin_read = "BEGIN DEFERRED";
  d.begin_write = "BEGIN IMMEDIATE";
  d.id_column = "INTEGER PRIMARY KEY";
  d.writer_turn_ms = kBusyTimeoutMs;
  auto checkpointer = std::make_shared<Checkpointer>(path);
  auto turns = ProcessTurns::Open(path);
  XY_ASSIGN_OR_RETURN(auto store, sql::SqlStore::Open(
                                      d,
                                      [path, cache_mb, checkpointer, turns] {
                                        return Connect(path, cache_mb, checkpointer, turns);
                                      },
                                      std::move(now)));
  store->SetBackupFunction([](sql::Connection& c, const std::string& out) -> Status {
    if (std::filesystem::exists(out)) {
      return FailedPrecondition("the backup target " + out + " exists already");
    }
    // VACUUM INTO writes a consistent, compacted copy from one read snapshot; writers go on.
    auto r = c.Query("VACUUM INTO $1", {out});
    return r.status();
  });
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace xinyong
