// Sends the queued messages to filers (a 查询码 sent again) through the office's SMS or e-mail
// gateway: an HTTP POST per message to the configured URL, signed as webhooks are,
//   {"id": 7, "channel": "sms"|"email", "to": "13912345678", "text": "…", "purpose": "objection.code"}
//   X-Xinyong-Delivery:  message-<id>   (stable across retries: the gateway drops repeats)
//   X-Xinyong-Timestamp: Unix seconds of this attempt
//   X-Xinyong-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>
// A message is marked sent after a 2xx; a failure is tried again later, the wait doubling up
// to an hour. Without a gateway configured, messages wait in the queue (and `serve` says so).
#pragma once

#include <chrono>
#include <string>

#include "core/periodic.h"
#include "core/status.h"
#include "service/context.h"
#include "service/webhook_dispatcher.h"

namespace xinyong {

struct MessageGateway {
  std::string url;     // "" = none: nothing is sent
  std::string secret;  // HMAC key shared with the gateway
  std::chrono::milliseconds poll{2000};
  std::chrono::seconds retry_base{30};
  std::chrono::seconds retry_max{3600};
};

class MessageDispatcher {
 public:
  MessageDispatcher(ServiceContext ctx, WebhookTransport& transport, MessageGateway gateway)
      : ctx_(ctx),
        transport_(transport),
        gateway_(std::move(gateway)),
        task_(gateway_.poll, [this] {
          auto n = RunOnce();  // errors: retried on the next pass
          return n.ok() && *n > 0;
        }) {}
  MessageDispatcher(const MessageDispatcher&) = delete;
  MessageDispatcher& operator=(const MessageDispatcher&) = delete;

  // Sends the messages that are due; how many the gateway took. Not to be called while the
  // thread runs.
  Result<int> RunOnce();
  void Start() { task_.Start(); }
  void Stop() { task_.Stop(); }

 private:
  ServiceContext ctx_;
  WebhookTransport& transport_;
  MessageGateway gateway_;
  PeriodicTask task_;  // last: stopped before the members it uses are destroyed
};

}  // namespace xinyong
