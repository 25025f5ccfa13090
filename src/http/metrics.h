// Request metrics of the HTTP layer, rendered in the Prometheus text exposition format
// (version 0.0.4) for GET /metrics:
//   xinyong_http_requests_total{route,method,status}      counter
//   xinyong_http_request_duration_seconds{route}          histogram, buckets
//                                                         .001 .005 .01 .05 .1 .5 1 5
//   xinyong_http_errors_total{route,code}                 counter, responses with status >= 400;
//                                                         code = ErrorCodeForHttpStatus(status)
//   xinyong_process_uptime_seconds                        gauge, since the Metrics was made
//   xinyong_process_start_time_seconds                    gauge, Unix time of that moment
//
// Label values stay bounded: `route` is a route pattern or "unmatched" (never a raw path),
// `method` is a standard method or "OTHER", `status` is a three-digit code.
//
// Thread-safety: all methods may be called concurrently (one internal mutex).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

namespace xinyong::http {

class Metrics {
 public:
  // Content-Type of Render()'s output.
  static constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";
  // Route label for requests that matched no route.
  static constexpr const char* kUnmatchedRoute = "unmatched";

  Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // Records one request answered with HTTP `status` after `seconds`. `route` is the route
  // pattern or kUnmatchedRoute; an empty route counts as kUnmatchedRoute.
  void Observe(std::string_view route, std::string_view method, int status, double seconds);

  // The whole exposition text.
  std::string Render() const;

 private:
  static constexpr size_t kBucketCount = 8;
  struct Histogram {
    uint64_t buckets[kBucketCount] = {};  // non-cumulative count per bucket (le bound)
    uint64_t count = 0;
    double sum = 0;
  };

  const std::chrono::steady_clock::time_point start_;
  const std::chrono::system_clock::time_point start_wall_;
  mutable std::mutex mu_;
  // (route, method, status) -> count. Guarded by mu_.
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  // route -> latency histogram. Guarded by mu_.
  std::map<std::string, Histogram> durations_;
  // (route, code) -> count. Guarded by mu_.
  std::map<std::pair<std::string, std::string>, uint64_t> errors_;
};

}  // namespace xinyong::http
