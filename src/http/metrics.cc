#include "http/metrics.h"

#include <fmt/format.h>

#include <array>
#include <iterator>

#include "http/error_mapping.h"

namespace xinyong::http {
namespace {

constexpr std::array<double, 8> kBuckets = {0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5};
constexpr std::array<const char*, 8> kBucketLabels = {"0.001", "0.005", "0.01", "0.05",
                                                      "0.1",   "0.5",   "1",    "5"};

// A bounded method label: the standard methods as they are, anything else "OTHER".
std::string MethodLabel(std::string_view method) {
  static constexpr std::array<std::string_view, 9> kKnown = {
      "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT", "TRACE"};
  for (std::string_view known : kKnown) {
    if (method == known) return std::string(known);
  }
  return "OTHER";
}

// Escapes a label value: backslash, double quote and line feed.
std::string Escape(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

Metrics::Metrics()
    : start_(std::chrono::steady_clock::now()), start_wall_(std::chrono::system_clock::now()) {
  static_assert(kBuckets.size() == kBucketCount && kBucketLabels.size() == kBucketCount);
}

void Metrics::Observe(std::string_view route, std::string_view method, int status, double seconds) {
  std::string route_label(route.empty() ? std::string_view(kUnmatchedRoute) : route);
  std::string method_label = MethodLabel(method);
  if (seconds < 0) seconds = 0;
  size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;

  std::lock_guard<std::mutex> lock(mu_);
  ++requests_[{route_label, method_label, status}];
  Histogram& histogram = durations_[route_label];
  if (bucket < kBuckets.size()) ++histogram.buckets[bucket];
  ++histogram.count;
  histogram.sum += seconds;
  if (status >= 400) ++errors_[{route_label, ErrorCodeForHttpStatus(status)}];
}

std::string Metrics::Render() const {
  auto now = std::chrono::steady_clock::now();
  double uptime = std::chrono::duration<double>(now - start_).count();
  double start_time = std::chrono::duration<double>(start_wall_.time_since_epoch()).count();

  fmt::memory_buffer out;
  auto it = std::back_inserter(out);
  std::lock_guard<std::mutex> lock(mu_);

  fmt::format_to(it,
                 "# HELP xinyong_http_requests_total HTTP requests answered, by route pattern, "
                 "method and status.\n"
                 "# TYPE xinyong_http_requests_total counter\n");
  for (const auto& [key, count] : requests_) {
    const auto& [route, method, status] = key;
    fmt::format_to(it,
                   "xinyong_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                   Escape(route), method, status, count);
  }

  fmt::format_to(it,
                 "# HELP xinyong_http_request_duration_seconds Time from a request read in full "
                 "to its response ready, by route pattern.\n"
                 "# TYPE xinyong_http_request_duration_seconds histogram\n");
  for (const auto& [route, histogram] : durations_) {
    std::string label = Escape(route);
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += histogram.buckets[i];
      fmt::format_to(it,
                     "xinyong_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                     label, kBucketLabels[i], cumulative);
    }
    fmt::format_to(it,
                   "xinyong_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n"
                   "xinyong_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n"
                   "xinyong_http_request_duration_seconds_count{{route=\"{}\"}} {}\n",
                   label, histogram.count, label, histogram.sum, label, histogram.count);
  }

  fmt::format_to(it,
                 "# HELP xinyong_http_errors_total HTTP responses with status >= 400, by route "
                 "pattern and error code.\n"
                 "# TYPE xinyong_http_errors_total counter\n");
  for (const auto& [key, count] : errors_) {
    fmt::format_to(it, "xinyong_http_errors_total{{route=\"{}\",code=\"{}\"}} {}\n",
                   Escape(key.first), Escape(key.second), count);
  }

  fmt::format_to(it,
                 "# HELP xinyong_process_uptime_seconds Seconds since the process started "
                 "serving metrics.\n"
                 "# TYPE xinyong_process_uptime_seconds gauge\n"
                 "xinyong_process_uptime_seconds {:.3f}\n"
                 "# HELP xinyong_process_start_time_seconds Start time of the process since the "
                 "Unix epoch in seconds.\n"
                 "# TYPE xinyong_process_start_time_seconds gauge\n"
                 "xinyong_process_start_time_seconds {:.3f}\n",
                 uptime, start_time);
  return fmt::to_string(out);
}

}  // namespace xinyong::http
