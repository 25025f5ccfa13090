// Turns for the write transactions of one process, in the order they asked.
//
// SQLite lets one writer in at a time and makes the others poll (its busy handler sleeps and
// tries again), so a thread that begins a write transaction again at once after each commit —
// an import's chunks, the display scheduler catching up after downtime, the check recorder
// under load — can keep every other writer out until their busy timeout runs out, and they
// fail with "database is locked" although each transaction is short. Taking a turn here
// first queues the process's writers fairly; SQLite's lock then only arbitrates between
// processes.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <set>
#include <utility>

namespace xinyong {

// Thread-safe.
class WriteGate {
 public:
  using Clock = std::chrono::steady_clock;

  // Waits for this caller's turn; false when `deadline` passed first (the turn is then given
  // up, and those behind it move on as if it had been taken and left at once).
  bool Enter(Clock::time_point deadline) {
    std::unique_lock lock(mu_);
    const uint64_t ticket = next_++;
    if (cv_.wait_until(lock, deadline, [&] { return serving_ == ticket; })) return true;
    abandoned_.insert(ticket);
    return false;
  }
  void Enter() {
    std::unique_lock lock(mu_);
    const uint64_t ticket = next_++;
    cv_.wait(lock, [&] { return serving_ == ticket; });
  }
  // Ends the current turn (called once per successful Enter).
  void Leave() {
    {
      std::lock_guard lock(mu_);
      ++serving_;
      while (abandoned_.erase(serving_) > 0) ++serving_;
    }
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  uint64_t next_ = 0;             // the next ticket handed out
  uint64_t serving_ = 0;          // the ticket whose turn it is
  std::set<uint64_t> abandoned_;  // tickets given up before their turn came
};

// A turn, waited for without limit, held until destroyed or released.
class WriteTurn {
 public:
  WriteTurn() = default;
  explicit WriteTurn(WriteGate& gate) : gate_(&gate) { gate.Enter(); }
  WriteTurn(WriteTurn&& other) noexcept : gate_(std::exchange(other.gate_, nullptr)) {}
  WriteTurn& operator=(WriteTurn&& other) noexcept {
    if (this != &other) {
      Release();
      gate_ = std::exchange(other.gate_, nullptr);
    }
    return *this;
  }
  WriteTurn(const WriteTurn&) = delete;
  WriteTurn& operator=(const WriteTurn&) = delete;
  ~WriteTurn() { Release(); }

  void Release() {
    if (gate_ != nullptr) {
      gate_->Leave();
      gate_ = nullptr;
    }
  }

 private:
  WriteGate* gate_ = nullptr;
};

}  // namespace xinyong
