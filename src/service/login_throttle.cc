#include "service/login_throttle.h"

#include <algorithm>

namespace xinyong {
namespace {

constexpr size_t kMaxEntries = 100'000;

int Seconds(int64_t ms) { return static_cast<int>((ms + 999) / 1000); }

}  // namespace

int LoginThrottle::RetryAfterSeconds(const std::string& username, const std::string& address,
                                     int64_t now_ms) {
  std::lock_guard lock(mu_);
  int64_t until = 0;
  if (auto it = accounts_.find(username); it != accounts_.end()) {
    until = std::max(until, it->second.locked_until);
  }
  if (auto it = addresses_.find(address); it != addresses_.end()) {
    until = std::max(until, it->second.locked_until);
  }
  return until > now_ms ? Seconds(until - now_ms) : 0;
}

bool LoginThrottle::Count(Entry& e, int limit, int64_t lock_ms, int64_t now_ms) {
  if (now_ms - e.window_start > limits_.window_ms) {
    e.failures = 0;
    e.window_start = now_ms;
  }
  if (++e.failures < limit) return false;
  e.failures = 0;
  e.window_start = now_ms;
  e.locked_until = now_ms + lock_ms;
  return true;
}

bool LoginThrottle::Failed(const std::string& username, const std::string& address,
                           int64_t now_ms) {
  std::lock_guard lock(mu_);
  Prune(now_ms);
  Entry& account = accounts_[username];
  const int64_t wait =
      std::min(limits_.max_lock_ms, limits_.first_lock_ms << std::min(account.locks, 20));
  bool locked = Count(account, limits_.account_failures, wait, now_ms);
  if (locked) ++account.locks;
  locked =
      Count(addresses_[address], limits_.address_failures, limits_.max_lock_ms, now_ms) || locked;
  return locked;
}

void LoginThrottle::Succeeded(const std::string& username) {
  std::lock_guard lock(mu_);
  accounts_.erase(username);
}

void LoginThrottle::Prune(int64_t now_ms) {
  for (auto* map : {&accounts_, &addresses_}) {
    if (map->size() < kMaxEntries) continue;
    for (auto it = map->begin(); it != map->end();) {
      const bool idle =
          it->second.locked_until <= now_ms && now_ms - it->second.window_start > limits_.window_ms;
      it = idle ? map->erase(it) : std::next(it);
    }
    if (map->size() >= kMaxEntries) map->clear();  // a flood of names: forget, do not grow
  }
}

}  // namespace xinyong
