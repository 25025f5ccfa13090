// Slows password guessing: failed log-ins are counted per account and per client address;
// past a limit the account (or the address) must wait, even with the right password.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace xinyong {

struct LoginLimits {
  int account_failures = 5;              // failures of one account within the window
  int address_failures = 20;             // failures from one address within the window
  int64_t window_ms = 15 * 60 * 1000;    // failures older than this are forgotten
  int64_t first_lock_ms = 60 * 1000;     // an account's first wait; doubles each time
  int64_t max_lock_ms = 15 * 60 * 1000;  // the longest wait (also an address's wait)
};

// Thread-safe.
class LoginThrottle {
 public:
  explicit LoginThrottle(LoginLimits limits = {}) : limits_(limits) {}

  // Seconds until `username` may try again from `address`; 0 when it may try now.
  int RetryAfterSeconds(const std::string& username, const std::string& address, int64_t now_ms);
  // Counts a failure. True when this failure locked the account or the address.
  bool Failed(const std::string& username, const std::string& address, int64_t now_ms);
  // A successful log-in clears the account's count (not the address's).
  void Succeeded(const std::string& username);

 private:
  struct Entry {
    int failures = 0;
    int64_t window_start = 0;
    int64_t locked_until = 0;
    int locks = 0;  // consecutive locks of an account: each doubles the wait
  };
  // Counts a failure on `e`; true when it locks.
  bool Count(Entry& e, int limit, int64_t lock_ms, int64_t now_ms);
  void Prune(int64_t now_ms);

  LoginLimits limits_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> accounts_;   // guarded
  std::unordered_map<std::string, Entry> addresses_;  // guarded
};

}  // namespace xinyong
