#include "service/webhook_dispatcher.h"

#include <algorithm>

#include "core/clock.h"
#include "core/crypto.h"
#include "service/list_service.h"
#include "service/subscription_service.h"
#include "store/store.h"

namespace xinyong {

WebhookPost SignedPost(std::string url, std::string body, const std::string& delivery,
                       const std::string& secret, int64_t unix_seconds) {
  WebhookPost post;
  post.url = std::move(url);
  post.body = std::move(body);
  const std::string ts = std::to_string(unix_seconds);
  post.headers = {{"Content-Type", "application/json; charset=utf-8"},
                  {"X-Xinyong-Delivery", delivery},
                  {"X-Xinyong-Timestamp", ts},
                  {"X-Xinyong-Signature", "sha256=" + HmacSha256Hex(secret, ts + "." + post.body)}};
  return post;
}

Result<int> WebhookDispatcher::RunOnce() {
  XY_ASSIGN_OR_RETURN(auto subs, subs_.ActiveWebhooks());
  int delivered = 0;
  Status first_error;
  const auto now = std::chrono::steady_clock::now();
  for (const auto& s : subs) {
    auto wait = not_before_.find(s.id);
    if (wait != not_before_.end() && wait->second > now) continue;
    auto n = Deliver(s.id);
    if (n.ok()) {
      delivered += *n;
    } else if (first_error.ok()) {
      first_error = n.status();  // a store error; other subscriptions still get their turn
    }
  }
  if (!first_error.ok() && delivered == 0) return first_error;
  return delivered;
}

Result<int> WebhookDispatcher::Deliver(int64_t subscription_id) {
  Subscription s;
  {
    XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
    XY_ASSIGN_OR_RETURN(auto found, tx->GetSubscription(subscription_id));
    if (!found || !found->active || found->webhook_url.empty()) return 0;
    s = *found;
  }
  XY_ASSIGN_OR_RETURN(std::string secret, subs_.SecretOf(s));
  XY_ASSIGN_OR_RETURN(auto page, subs_.FeedOf(s, s.cursor, options_.page));

  // Saves the delivery state; only the delivery columns change, so an officer's change made
  // meanwhile (deactivation) is kept.
  auto save = [&](int64_t cursor, int64_t delivered, int64_t attempts, const std::string& next,
                  const std::string& error) -> Status {
    XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
    XY_ASSIGN_OR_RETURN(auto current, tx->GetSubscription(s.id));
    if (!current) return NotFound("subscription " + std::to_string(s.id) + " vanished");
    current->cursor = cursor;
    current->delivered += delivered;
    current->attempts = attempts;
    current->next_attempt_at = next;
    current->last_error = error;
    current->updated_at = ctx_.clock.NowTimestamp();
    XY_RETURN_IF_ERROR(tx->UpdateSubscription(*current));
    return tx->Commit();
  };

  int sent = 0;
  for (const auto& item : page.items) {
    WebhookPost post =
        SignedPost(s.webhook_url, FeedItemJson(item),
                   std::to_string(s.id) + "-" + std::to_string(item.seq), secret,
                   ctx_.clock.NowMillis() / 1000);
    post.headers.emplace_back("X-Xinyong-Event", item.type);
    Status st = transport_.Post(post);
    if (!st.ok()) {
      const int64_t attempts = s.attempts + 1;
      // retry_base * 2^(attempts-1), capped.
      auto delay = options_.retry_base;
      for (int64_t i = 1; i < attempts && delay < options_.retry_max; ++i) delay *= 2;
      delay = std::min(delay, options_.retry_max);
      not_before_[s.id] = std::chrono::steady_clock::now() + delay;
      const std::string next = FormatTimestamp(ctx_.clock.NowMillis() + delay.count());
      XY_RETURN_IF_ERROR(save(s.cursor, 0, attempts, next, st.message()));
      return sent;
    }
    not_before_.erase(s.id);
    s.cursor = item.seq;
    s.attempts = 0;
    XY_RETURN_IF_ERROR(save(s.cursor, 1, 0, "", ""));
    ++sent;
  }
  // Everything up to the end of the page was delivered or did not match: move over it.
  if (page.next_cursor > s.cursor) {
    s.cursor = page.next_cursor;
    XY_RETURN_IF_ERROR(save(s.cursor, 0, 0, "", ""));
  }
  return sent;
}

}  // namespace xinyong
