#include "service/check_recorder.h"

#include <algorithm>
#include <future>

#include "store/store.h"

namespace xinyong {

CheckRecorder::CheckRecorder(Store& store, size_t max_batch)
    : store_(store), max_batch_(std::max<size_t>(max_batch, 1)), writer_([this] { Run(); }) {}

CheckRecorder::~CheckRecorder() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_cv_.notify_one();
  writer_.join();
}

void CheckRecorder::RecordAsync(CheckRecord check, std::string event_payload, Done done) {
  {
    std::lock_guard lock(mu_);
    if (!stopping_) {
      queue_.push_back({std::move(check), std::move(event_payload), std::move(done), 0});
      // Only the first check of an idle queue needs to wake the writer; later ones are taken
      // by the batch it is about to form (or the next one, while it writes).
      if (queue_.size() == 1) work_cv_.notify_one();
      return;
    }
  }
  done(Unavailable("the check recorder is shutting down; retry the check"));
}

Result<int64_t> CheckRecorder::Record(const CheckRecord& check, std::string event_payload) {
  std::promise<Result<int64_t>> outcome;
  auto answer = outcome.get_future();
  RecordAsync(check, std::move(event_payload),
              [&outcome](Result<int64_t> r) { outcome.set_value(std::move(r)); });
  return answer.get();
}

void CheckRecorder::Flush() {
  std::unique_lock lock(mu_);
  idle_cv_.wait(lock, [this] { return queue_.empty() && !writing_; });
}

CheckRecorder::Stats CheckRecorder::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

size_t CheckRecorder::queued() const {
  std::lock_guard lock(mu_);
  return queue_.size();
}

void CheckRecorder::Run() {
  std::vector<Pending> batch;
  std::unique_lock lock(mu_);
  for (;;) {
    work_cv_.wait(lock, [this] { return !queue_.empty() || stopping_; });
    // On stop the queue is drained first: its callers are waiting for an answer.
    if (queue_.empty()) return;
    const size_t n = std::min(queue_.size(), max_batch_);
    batch.clear();
    for (size_t i = 0; i < n; ++i) {
      batch.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    writing_ = true;
    lock.unlock();
    // Checks arriving while this batch is written queue up for the next one: the longer a
    // commit takes, the more the next one carries.
    const Status s = WriteBatch(batch);
    lock.lock();
    if (s.ok()) {
      ++stats_.commits;
      stats_.recorded += static_cast<int64_t>(n);
      stats_.largest_batch = std::max(stats_.largest_batch, n);
    } else {
      ++stats_.failed;
    }
    lock.unlock();
    for (Pending& p : batch) {
      if (s.ok()) {
        p.done(p.id);
      } else {
        p.done(s);
      }
    }
    // The callbacks go now, not with the next batch: what they hold (an HTTP connection
    // waiting for its answer, say) must not outlive its owner, and Flush promises that.
    batch.clear();
    lock.lock();
    writing_ = false;
    if (queue_.empty()) idle_cv_.notify_all();
  }
}

Status CheckRecorder::WriteBatch(std::vector<Pending>& batch) {
  // The checks, then their events (each stamped with its check's time, in the checks' order),
  // go in multi-row statements. Any error returns before Commit, and destroying the
  // transaction rolls it back: a batch is written whole or not at all.
  std::vector<CheckRecord> checks;
  checks.reserve(batch.size());
  for (const Pending& p : batch) checks.push_back(p.check);
  XY_ASSIGN_OR_RETURN(auto tx, store_.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(const std::vector<int64_t> ids, tx->InsertChecks(checks));
  std::vector<EventDraft> events;
  std::vector<std::string> ats;
  events.reserve(batch.size());
  ats.reserve(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    Pending& p = batch[i];
    p.id = ids[i];
    events.push_back(
        {p.check.actor, "check.performed", "check:" + std::to_string(p.id), std::move(p.payload)});
    ats.push_back(p.check.at);
  }
  XY_RETURN_IF_ERROR(tx->AppendEvents(events, ats));
  return tx->Commit();
}

}  // namespace xinyong
