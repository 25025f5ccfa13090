// Group commit of check records. Every check (应查必查) must be durable before its answer is
// sent, and on SQLite each commit is an fsync under the one-writer lock: recording each check in
// its own transaction makes concurrent checks queue behind the log. The recorder instead lets
// one writer thread take every check waiting at that moment and write them, with their
// "check.performed" events, in one transaction, so one commit serves many checks.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/status.h"
#include "domain/list_entry.h"

namespace xinyong {

class Store;

// Thread-safe. Owns one writer thread from construction until destruction.
class CheckRecorder {
 public:
  static constexpr size_t kDefaultMaxBatch = 512;

  // `store` must outlive the recorder. `max_batch` (>= 1) caps the checks per transaction.
  explicit CheckRecorder(Store& store, size_t max_batch = kDefaultMaxBatch);
  // Records what is still queued, stops the writer thread and waits until every Record call
  // has returned. No Record call may begin once destruction has begun.
  ~CheckRecorder();
  CheckRecorder(const CheckRecorder&) = delete;
  CheckRecorder& operator=(const CheckRecorder&) = delete;

  // Inserts `check` (its id is ignored) and appends the event {check.actor, "check.performed",
  // "check:<id>", event_payload} stamped check.at, then blocks until the transaction holding
  // them has committed. Returns the check's id, or the error of that transaction, in which
  // case nothing of it was written. Checks are written in the order they were queued.
  Result<int64_t> Record(const CheckRecord& check, std::string event_payload);

  struct Stats {
    int64_t commits = 0;       // transactions committed
    int64_t failed = 0;        // transactions that failed (rolled back)
    int64_t recorded = 0;      // checks in committed transactions
    size_t largest_batch = 0;  // most checks in one committed transaction
  };
  Stats stats() const;
  // Checks queued and not yet taken by the writer.
  size_t queued() const;

 private:
  // Lives on the stack of the Record call that waits for it.
  struct Pending {
    const CheckRecord* check = nullptr;
    std::string payload;
    bool done = false;  // guarded by mu_; once set, the writer no longer touches it
    int64_t id = 0;
    Status status;
  };

  void Run();
  // One transaction for the whole batch; sets each Pending's id, meaningful only when the
  // returned status is ok (the transaction committed).
  Status WriteBatch(const std::vector<Pending*>& batch);

  Store& store_;
  const size_t max_batch_;
  mutable std::mutex mu_;
  std::condition_variable work_cv_;  // the writer waits for work or the stop
  std::condition_variable done_cv_;  // callers wait for their batch
  std::deque<Pending*> queue_;       // guarded by mu_
  bool stopping_ = false;            // guarded by mu_
  int waiters_ = 0;                  // Record calls not yet returned; guarded by mu_
  Stats stats_;                      // guarded by mu_
  std::thread writer_;               // last: starts once the members above exist
};

}  // namespace xinyong
