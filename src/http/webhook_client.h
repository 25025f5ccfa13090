// The webhook transport over HTTP and HTTPS (Boost.Beast, synchronous, one connection per
// delivery). HTTPS verifies the receiver's certificate against the system's trust store and
// its host name.
#pragma once

#include <chrono>
#include <memory>

#include "service/webhook_dispatcher.h"

namespace xinyong::http {

class BeastWebhookTransport final : public WebhookTransport {
 public:
  explicit BeastWebhookTransport(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  ~BeastWebhookTransport() override;
  Status Post(const WebhookPost& post) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace xinyong::http
