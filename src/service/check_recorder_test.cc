// Group commit of check records, on every store: concurrent callers get distinct ids and a
// sound event chain, checks waiting together share one transaction (in queue order, capped),
// and a failed transaction fails every check in it, writes none of them, and leaves the
// recorder working.
#include "service/check_recorder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "domain/event.h"
#include "store/store.h"
#include "store/testing/forwarding_store.h"
#include "store/testing/store_fixture.h"

namespace xinyong {
namespace {

// Holds write transactions at Begin while the gate is closed (so that checks pile up in the
// recorder's queue), fails the commit with a chosen number, and fails InsertCheck (and
// InsertChecks) for the actor "user:poison".
class GatedStore : public testing::ForwardingStore {
 public:
  using ForwardingStore::ForwardingStore;

  Result<std::unique_ptr<Transaction>> Begin(TxMode mode) override {
    if (mode == TxMode::kWrite) {
      std::unique_lock lock(mu_);
      ++held_;
      cv_.notify_all();
      cv_.wait(lock, [this] { return open_; });
      --held_;
    }
    XY_ASSIGN_OR_RETURN(auto tx, in_.Begin(mode));
    return std::unique_ptr<Transaction>(std::make_unique<Tx>(std::move(tx), this));
  }

  void Close() {
    std::lock_guard lock(mu_);
    open_ = false;
  }
  void Open() {
    std::lock_guard lock(mu_);
    open_ = true;
    cv_.notify_all();
  }
  // Returns once a write transaction waits at the closed gate.
  void AwaitHeld() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [this] { return held_ > 0; });
  }
  // The n-th commit (counting from 1) fails without committing.
  void FailCommit(int n) { fail_commit_ = n; }

 private:
  class Tx : public testing::ForwardingTransaction {
   public:
    Tx(std::unique_ptr<Transaction> in, GatedStore* store)
        : ForwardingTransaction(std::move(in)), store_(store) {}
    Result<int64_t> InsertCheck(const CheckRecord& c) override {
      if (c.actor == "user:poison") return Internal("poisoned check");
      return in_->InsertCheck(c);
    }
    Result<std::vector<int64_t>> InsertChecks(const std::vector<CheckRecord>& checks) override {
      // As the store would: the checks before the poisoned one are written, then it fails.
      std::vector<int64_t> ids;
      for (const auto& c : checks) {
        XY_ASSIGN_OR_RETURN(int64_t id, InsertCheck(c));
        ids.push_back(id);
      }
      return ids;
    }
    Status Commit() override {
      // Not passed on: the wrapped transaction is destroyed uncommitted, which rolls it back.
      if (++store_->commits_ == store_->fail_commit_) return Unavailable("injected commit failure");
      return in_->Commit();
    }

   private:
    GatedStore* store_;
  };

  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = true;
  int held_ = 0;
  std::atomic<int> commits_{0};
  std::atomic<int> fail_commit_{0};
};

class CheckRecorderTest : public testing::StoreFixture {
 protected:
  void SetUp() override {
    StoreFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto tx = store().Begin(TxMode::kWrite);
    ASSERT_TRUE(tx.ok()) << tx.status().ToString();
    SubjectDraft d;
    d.name = "南京某某科技有限公司";
    d.region = "320100";
    d.identifiers = {{IdKind::kUscc, "91320100748204660Q", "", "91320100748204660Q"}};
    d.at = "2026-01-05T01:00:00.000Z";
    auto id = (*tx)->InsertSubject(d);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    subject_ = *id;
    ASSERT_TRUE((*tx)->Commit().ok());
  }

  CheckRecord Draft(const std::string& actor, int n) const {
    return {0,
            7,
            actor,
            subject_,
            "administrative_licensing",
            "2026-03-01T08:00:00." + std::to_string(100 + n % 900) + "Z",
            std::string(64, 'a'),
            n,
            "",
            ""};
  }
  static std::string Payload(int n) { return "{\"n\":" + std::to_string(n) + "}"; }

  // Waits (without a time limit: ctest's timeout catches a hang) until `n` checks are queued.
  static void AwaitQueued(const CheckRecorder& r, size_t n) {
    while (r.queued() < n) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

  // Every event in order, verified as a chain against the recorded head.
  std::vector<Event> VerifiedEvents() {
    auto tx = store().Begin(TxMode::kRead);
    EXPECT_TRUE(tx.ok()) << tx.status().ToString();
    if (!tx.ok()) return {};
    auto events = (*tx)->ReadEvents(0, 1000000);
    auto head = (*tx)->GetEventHead();
    EXPECT_TRUE(events.ok() && head.ok());
    if (!events.ok() || !head.ok()) return {};
    ChainVerifier v;
    for (const auto& e : *events) v.Add(e);
    v.Finish(*head);
    EXPECT_TRUE(v.ok()) << v.reason();
    return *events;
  }

  int64_t CheckCount() {
    auto tx = store().Begin(TxMode::kRead);
    EXPECT_TRUE(tx.ok());
    if (!tx.ok()) return -1;
    auto stats = (*tx)->CheckStats();
    EXPECT_TRUE(stats.ok()) << stats.status().ToString();
    int64_t n = 0;
    if (stats.ok()) {
      for (const auto& s : *stats) n += s.checks;
    }
    return n;
  }

  int64_t subject_ = 0;
};

TEST_P(CheckRecorderTest, ConcurrentChecksGetDistinctIdsRowsEventsAndASoundChain) {
  constexpr int kThreads = 8;
  constexpr int kEach = 40;
  std::vector<std::vector<int64_t>> ids(kThreads);
  CheckRecorder::Stats stats;
  {
    CheckRecorder recorder(store());
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kEach; ++i) {
          const int n = t * kEach + i;
          auto id = recorder.Record(Draft("user:t" + std::to_string(t), n), Payload(n));
          ASSERT_TRUE(id.ok()) << id.status().ToString();
          ids[t].push_back(*id);
        }
      });
    }
    for (auto& th : threads) th.join();
    stats = recorder.stats();
  }
  EXPECT_EQ(stats.recorded, kThreads * kEach);
  EXPECT_EQ(stats.failed, 0);
  EXPECT_LE(stats.commits, kThreads * kEach);

  std::map<int64_t, int> by_id;  // check id -> n
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kEach; ++i) by_id[ids[t][i]] = t * kEach + i;
  }
  EXPECT_EQ(by_id.size(), static_cast<size_t>(kThreads * kEach)) << "ids are not distinct";

  auto tx = store().Begin(TxMode::kRead);
  ASSERT_TRUE(tx.ok());
  for (const auto& [id, n] : by_id) {
    auto c = (*tx)->GetCheck(id);
    ASSERT_TRUE(c.ok() && c->has_value()) << "check " << id;
    EXPECT_EQ((*c)->actor, "user:t" + std::to_string(n / kEach));
    EXPECT_EQ((*c)->measures, n);
    EXPECT_EQ((*c)->subject_id, subject_);
  }
  std::set<int64_t> seen;
  for (const auto& e : VerifiedEvents()) {
    if (e.type != "check.performed") continue;
    const int64_t id = std::stoll(e.entity.substr(e.entity.find(':') + 1));
    ASSERT_TRUE(by_id.count(id)) << e.entity;
    EXPECT_EQ(e.payload, Payload(by_id[id]));
    EXPECT_EQ(e.actor, "user:t" + std::to_string(by_id[id] / kEach));
    EXPECT_EQ(e.at, Draft("", by_id[id]).at);
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), by_id.size());
}

TEST_P(CheckRecorderTest, ChecksWaitingTogetherShareOneCommitInQueueOrder) {
  GatedStore gated(store());
  constexpr int kWaiting = 20;
  std::vector<Result<int64_t>> got(kWaiting + 1, Internal("not run"));
  CheckRecorder recorder(gated);
  gated.Close();
  std::vector<std::thread> threads;
  threads.emplace_back([&] { got[0] = recorder.Record(Draft("user:first", 0), Payload(0)); });
  gated.AwaitHeld();  // the first check's transaction waits at the gate
  for (int i = 1; i <= kWaiting; ++i) {
    threads.emplace_back([&, i] { got[i] = recorder.Record(Draft("user:q", i), Payload(i)); });
    AwaitQueued(recorder, static_cast<size_t>(i));  // one at a time: the queue order is known
  }
  gated.Open();
  for (auto& th : threads) th.join();

  for (int i = 0; i <= kWaiting; ++i) ASSERT_TRUE(got[i].ok()) << got[i].status().ToString();
  for (int i = 2; i <= kWaiting; ++i) EXPECT_LT(*got[i - 1], *got[i]) << "written out of order";
  const auto stats = recorder.stats();
  EXPECT_EQ(stats.commits, 2);
  EXPECT_EQ(stats.largest_batch, static_cast<size_t>(kWaiting));
  EXPECT_EQ(stats.recorded, kWaiting + 1);

  // The events follow the queue too, each naming its check.
  std::vector<std::string> entities;
  for (const auto& e : VerifiedEvents()) {
    if (e.type == "check.performed") entities.push_back(e.entity);
  }
  ASSERT_EQ(entities.size(), static_cast<size_t>(kWaiting + 1));
  for (int i = 0; i <= kWaiting; ++i) EXPECT_EQ(entities[i], "check:" + std::to_string(*got[i]));
}

TEST_P(CheckRecorderTest, ABatchHoldsAtMostMaxBatchChecks) {
  GatedStore gated(store());
  constexpr int kWaiting = 20;
  std::atomic<int> ok{0};
  CheckRecorder recorder(gated, 8);
  gated.Close();
  std::vector<std::thread> threads;
  threads.emplace_back([&] { ok += recorder.Record(Draft("user:first", 0), Payload(0)).ok(); });
  gated.AwaitHeld();
  for (int i = 1; i <= kWaiting; ++i) {
    threads.emplace_back([&, i] { ok += recorder.Record(Draft("user:q", i), Payload(i)).ok(); });
  }
  AwaitQueued(recorder, kWaiting);
  gated.Open();
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok, kWaiting + 1);
  const auto stats = recorder.stats();
  EXPECT_EQ(stats.commits, 4);  // 1, then 8 + 8 + 4
  EXPECT_EQ(stats.largest_batch, 8u);
  EXPECT_EQ(CheckCount(), kWaiting + 1);
}

TEST_P(CheckRecorderTest, AFailedCommitFailsEveryCheckInItAndLaterBatchesWork) {
  GatedStore gated(store());
  std::vector<Result<int64_t>> got(4, Internal("not run"));
  CheckRecorder recorder(gated);
  gated.FailCommit(2);  // the batch after the first
  gated.Close();
  std::vector<std::thread> threads;
  threads.emplace_back([&] { got[0] = recorder.Record(Draft("user:a", 0), Payload(0)); });
  gated.AwaitHeld();
  for (int i = 1; i <= 3; ++i) {
    threads.emplace_back([&, i] { got[i] = recorder.Record(Draft("user:b", i), Payload(i)); });
  }
  AwaitQueued(recorder, 3);
  gated.Open();
  for (auto& th : threads) th.join();

  ASSERT_TRUE(got[0].ok()) << got[0].status().ToString();
  for (int i = 1; i <= 3; ++i) {
    ASSERT_FALSE(got[i].ok());
    EXPECT_EQ(got[i].status().code(), Code::kUnavailable);
    EXPECT_EQ(got[i].status().message(), "injected commit failure");
  }
  auto later = recorder.Record(Draft("user:c", 4), Payload(4));
  ASSERT_TRUE(later.ok()) << later.status().ToString();

  const auto stats = recorder.stats();
  EXPECT_EQ(stats.commits, 2);
  EXPECT_EQ(stats.failed, 1);
  EXPECT_EQ(CheckCount(), 2);
  std::vector<std::string> entities;
  for (const auto& e : VerifiedEvents()) {
    if (e.type == "check.performed") entities.push_back(e.entity);
  }
  EXPECT_EQ(entities, (std::vector<std::string>{"check:" + std::to_string(*got[0]),
                                                "check:" + std::to_string(*later)}));
}

TEST_P(CheckRecorderTest, OneFailingCheckRollsBackTheChecksWrittenBeforeItInItsBatch) {
  GatedStore gated(store());
  std::vector<Result<int64_t>> got(4, Internal("not run"));
  const std::vector<std::string> actors = {"user:a", "user:b", "user:poison", "user:d"};
  CheckRecorder recorder(gated);
  gated.Close();
  std::vector<std::thread> threads;
  threads.emplace_back([&] { got[0] = recorder.Record(Draft(actors[0], 0), Payload(0)); });
  gated.AwaitHeld();
  for (int i = 1; i <= 3; ++i) {
    threads.emplace_back([&, i] { got[i] = recorder.Record(Draft(actors[i], i), Payload(i)); });
    AwaitQueued(recorder, static_cast<size_t>(i));  // b is written before the poisoned one
  }
  gated.Open();
  for (auto& th : threads) th.join();

  ASSERT_TRUE(got[0].ok());
  for (int i = 1; i <= 3; ++i) {
    ASSERT_FALSE(got[i].ok()) << actors[i];
    EXPECT_EQ(got[i].status().message(), "poisoned check");
  }
  EXPECT_EQ(CheckCount(), 1);
  int performed = 0;
  for (const auto& e : VerifiedEvents()) performed += e.type == "check.performed";
  EXPECT_EQ(performed, 1);
  EXPECT_TRUE(recorder.Record(Draft("user:e", 5), Payload(5)).ok());
}

TEST_P(CheckRecorderTest, AsyncChecksReturnAtOnceAndHearAfterTheCommit) {
  GatedStore gated(store());
  CheckRecorder recorder(gated);
  gated.Close();
  std::mutex mu;
  std::vector<Result<int64_t>> got;
  // What a callback holds (a server's connection, say) is let go once Flush returns.
  auto held = std::make_shared<int>(0);
  auto done = [&, held](Result<int64_t> r) {
    std::lock_guard lock(mu);
    got.push_back(std::move(r));
  };
  recorder.RecordAsync(Draft("user:a", 0), Payload(0), done);
  gated.AwaitHeld();
  // The caller is not held while the writer is: four more queue from this one thread.
  for (int i = 1; i <= 4; ++i) recorder.RecordAsync(Draft("user:b", i), Payload(i), done);
  {
    std::lock_guard lock(mu);
    EXPECT_TRUE(got.empty());
  }
  EXPECT_EQ(recorder.queued(), 4u);
  gated.Open();
  recorder.Flush();
  EXPECT_EQ(held.use_count(), 2) << "only `held` and `done` itself";
  ASSERT_EQ(got.size(), 5u);
  for (size_t i = 0; i < got.size(); ++i) {
    ASSERT_TRUE(got[i].ok()) << got[i].status().ToString();
    if (i > 0) {
      EXPECT_GT(*got[i], *got[i - 1]);
    }
  }
  const auto stats = recorder.stats();
  EXPECT_EQ(stats.commits, 2);
  EXPECT_EQ(stats.largest_batch, 4u);
  EXPECT_EQ(CheckCount(), 5);
}

TEST_P(CheckRecorderTest, DestructionWritesWhatIsQueued) {
  GatedStore gated(store());
  std::vector<Result<int64_t>> got(3, Internal("not run"));
  auto recorder = std::make_unique<CheckRecorder>(gated);
  gated.Close();
  std::vector<std::thread> threads;
  threads.emplace_back([&] { got[0] = recorder->Record(Draft("user:a", 0), Payload(0)); });
  gated.AwaitHeld();
  for (int i = 1; i <= 2; ++i) {
    threads.emplace_back([&, i] { got[i] = recorder->Record(Draft("user:b", i), Payload(i)); });
  }
  AwaitQueued(*recorder, 2);
  // The destructor runs while the writer is held; whether it has begun when the gate opens or
  // not, every queued check must be written before it returns.
  std::thread destroy([&] { recorder.reset(); });
  gated.Open();
  destroy.join();
  for (auto& th : threads) th.join();
  for (const auto& r : got) EXPECT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(CheckCount(), 3);
}

INSTANTIATE_TEST_SUITE_P(AllStores, CheckRecorderTest, XY_ALL_STORES);

}  // namespace
}  // namespace xinyong
