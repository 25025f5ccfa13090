// A background thread that runs a pass every interval until stopped, and runs passes back to
// back while a pass says there is more to do (a backlog after downtime drains at once).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace xinyong {

class PeriodicTask {
 public:
  // `pass` returns true when it left work for an immediate next pass.
  PeriodicTask(std::chrono::milliseconds every, std::function<bool()> pass)
      : every_(every), pass_(std::move(pass)) {}
  ~PeriodicTask() { Stop(); }
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  void Start() {
    std::lock_guard<std::mutex> lock(mu_);
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] {
      while (!stopping_.load()) {
        while (!stopping_.load() && pass_()) {
        }
        std::unique_lock<std::mutex> wait(mu_);
        cv_.wait_for(wait, every_, [this] { return stopping_.load(); });
      }
    });
  }

  // Waits for a running pass to finish. Safe to call more than once.
  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::chrono::milliseconds every_;
  std::function<bool()> pass_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace xinyong
