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
#include <functional>
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
  // Called once, on the writer thread, after the transaction holding the check has committed
  // (with the check's id) or failed (with its error; nothing of the check was written). It
  // must not block: it runs before the next batch is taken.
  using Done = std::function<void(Result<int64_t>)>;

  // `store` must outlive the recorder. `max_batch` (>= 1) caps the checks per transaction.
  explicit CheckRecorder(Store& store, size_t max_batch = kDefaultMaxBatch);
  // Records what is still queued (calling its callbacks), stops the writer thread and waits
  // until every Record call has returned.
  ~CheckRecorder();
  CheckRecorder(const CheckRecorder&) = delete;
  CheckRecorder& operator=(const CheckRecorder&) = delete;

  // Queues `check` (its id is ignored) and the event {check.actor, "check.performed",
  // "check:<id>", event_payload} stamped check.at, and returns at once; `done` tells the
  // outcome. Checks are written in the order they were queued. After destruction has begun,
  // `done` is called at once with unavailable.
  void RecordAsync(CheckRecord check, std::string event_payload, Done done);
  // As RecordAsync, blocking until the outcome is known.
  Result<int64_t> Record(const CheckRecord& check, std::string event_payload);
  // Returns once everything queued before the call has been written and its callback called
  // and destroyed (so nothing a callback captured is still held by the recorder).
  void Flush();

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
  struct Pending {
    CheckRecord check;
    std::string payload;
    Done done;
    int64_t id = 0;
  };

  void Run();
  // One transaction for the whole batch; sets each Pending's id (meaningful only when the
  // returned status is ok: the transaction committed) and moves its payload away.
  Status WriteBatch(std::vector<Pending>& batch);

  Store& store_;
  const size_t max_batch_;
  mutable std::mutex mu_;
  std::condition_variable work_cv_;  // the writer waits for work or the stop
  std::condition_variable idle_cv_;  // Flush waits for an empty queue and an idle writer
  std::deque<Pending> queue_;        // guarded by mu_
  bool writing_ = false;             // a batch is being written; guarded by mu_
  bool stopping_ = false;            // guarded by mu_
  Stats stats_;                      // guarded by mu_
  std::thread writer_;               // last: starts once the members above exist
};

}  // namespace xinyong
