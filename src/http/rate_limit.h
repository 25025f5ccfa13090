// Per-client token buckets for the public endpoints, so that the site answers people and not
// bulk copying: each client (its address) may make `per_minute` requests a minute on average,
// with up to `burst` at once.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace xinyong::http {

class RateLimiter {
 public:
  // per_minute 0: no limit.
  RateLimiter(int per_minute, int burst);
  RateLimiter(const RateLimiter&) = delete;
  RateLimiter& operator=(const RateLimiter&) = delete;

  // True when `key` may go ahead at `now_ms`; otherwise `retry_after_seconds` says when its
  // next request will be allowed. Thread-safe.
  bool Allow(std::string_view key, int64_t now_ms, int* retry_after_seconds);
  bool enabled() const { return per_ms_ > 0; }

 private:
  static constexpr int kShards = 16;
  static constexpr size_t kMaxKeysPerShard = 50000;
  struct Bucket {
    double tokens = 0;
    int64_t at_ms = 0;
  };
  struct Shard {
    std::mutex mu;
    std::unordered_map<std::string, Bucket> buckets;
  };
  double per_ms_;  // tokens added per millisecond
  double burst_;
  Shard shards_[kShards];
};

// What the public endpoints are limited by (config public_rate_per_minute, public_burst,
// filing_rate_per_minute, filing_burst, trusted_proxy).
struct PublicLimits {
  RateLimiter& reads;    // search, public pages, tracking
  RateLimiter& filings;  // objections, repair applications and checks
  // When the request comes from this address (a reverse proxy), the client is the last
  // address of X-Forwarded-For instead. "" = never.
  std::string trusted_proxy;
};

}  // namespace xinyong::http
