#include "http/rate_limit.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace xinyong::http {

RateLimiter::RateLimiter(int per_minute, int burst)
    : per_ms_(per_minute > 0 ? per_minute / 60000.0 : 0), burst_(std::max(1, burst)) {}

bool RateLimiter::Allow(std::string_view key, int64_t now_ms, int* retry_after_seconds) {
  if (per_ms_ <= 0) return true;
  Shard& shard = shards_[std::hash<std::string_view>{}(key) % kShards];
  std::lock_guard lock(shard.mu);
  if (shard.buckets.size() >= kMaxKeysPerShard) {
    // Forget clients whose bucket has refilled: they are back to a full burst anyway.
    const double full_after_ms = burst_ / per_ms_;
    std::erase_if(shard.buckets, [&](const auto& kv) {
      return static_cast<double>(now_ms - kv.second.at_ms) >= full_after_ms;
    });
  }
  auto [it, fresh] = shard.buckets.try_emplace(std::string(key), Bucket{burst_, now_ms});
  Bucket& b = it->second;
  if (!fresh && now_ms > b.at_ms) {
    b.tokens = std::min(burst_, b.tokens + static_cast<double>(now_ms - b.at_ms) * per_ms_);
    b.at_ms = now_ms;
  }
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return true;
  }
  if (retry_after_seconds) {
    *retry_after_seconds =
        std::max(1, static_cast<int>(std::ceil((1.0 - b.tokens) / per_ms_ / 1000.0)));
  }
  return false;
}

}  // namespace xinyong::http
