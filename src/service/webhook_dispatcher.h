// Webhook delivery (信息推送) for subscriptions that name a URL. Each subscription's changes go
// out one at a time in log order; the next is sent only after the receiver answered 2xx to
// the previous one, and the delivery cursor is committed after every 2xx. A failure (no
// answer, timeout, non-2xx) is retried with exponential backoff, without end: a receiver that
// is down for a day gets everything, in order, when it is back.
//
// Every delivery is an HTTP POST of the feed item (FeedItemJson) with
//   X-Xinyong-Event:     list_entry.decided | list_entry.exited
//   X-Xinyong-Delivery:  <subscription id>-<event seq>   (stable across retries)
//   X-Xinyong-Timestamp: Unix seconds of this attempt
//   X-Xinyong-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>
// Receivers verify the signature and drop a delivery id they have seen (a crash between their
// 2xx and our commit sends that delivery once more).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/periodic.h"
#include "core/status.h"
#include "service/context.h"

namespace xinyong {

class SubscriptionService;

struct WebhookPost {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// A POST of `body` (JSON) signed as the platform signs what it pushes: X-Xinyong-Delivery,
// X-Xinyong-Timestamp (`unix_seconds`) and X-Xinyong-Signature (sha256= hex HMAC-SHA256 under
// `secret` of "timestamp.body"). Webhooks and messages to filers both go out so.
WebhookPost SignedPost(std::string url, std::string body, const std::string& delivery,
                       const std::string& secret, int64_t unix_seconds);

// Sends one POST; ok only on a 2xx answer. The error message says what happened
// ("HTTP 503", "connect: connection refused", "timeout"). Thread-compatible.
class WebhookTransport {
 public:
  virtual ~WebhookTransport() = default;
  virtual Status Post(const WebhookPost& post) = 0;
};

struct WebhookOptions {
  std::chrono::milliseconds poll{1000};        // how often to look for new changes
  std::chrono::milliseconds retry_base{1000};  // first retry delay; doubles per failure
  std::chrono::milliseconds retry_max{std::chrono::minutes(15)};  // backoff cap
  int page = 100;  // changes read per subscription per pass
};

class WebhookDispatcher {
 public:
  WebhookDispatcher(ServiceContext ctx, SubscriptionService& subscriptions,
                    WebhookTransport& transport, WebhookOptions options)
      : ctx_(ctx),
        subs_(subscriptions),
        transport_(transport),
        options_(options),
        task_(options.poll, [this] {
          auto n = RunOnce();  // errors: retried on the next pass
          return n.ok() && *n > 0;
        }) {}
  WebhookDispatcher(const WebhookDispatcher&) = delete;
  WebhookDispatcher& operator=(const WebhookDispatcher&) = delete;

  // One pass over every active webhook subscription whose backoff has passed; returns how
  // many deliveries were acknowledged. Not to be called while the thread runs.
  Result<int> RunOnce();

  // Runs passes on a background thread every `poll` until Stop().
  void Start() { task_.Start(); }
  void Stop() { task_.Stop(); }

 private:
  Result<int> Deliver(int64_t subscription_id);

  ServiceContext ctx_;
  SubscriptionService& subs_;
  WebhookTransport& transport_;
  WebhookOptions options_;
  // When a failing subscription may be tried again (in memory: after a restart every
  // subscription is tried at once, which is what a restart should do).
  std::map<int64_t, std::chrono::steady_clock::time_point> not_before_;
  PeriodicTask task_;  // last: stopped (joined) before the members it uses are destroyed
};

}  // namespace xinyong
