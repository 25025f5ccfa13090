// Subscriptions (信息推送): an implementing department asks to be told when a list entry is
// decided or exits — for every subject, for the subjects of a region, or for a watch list.
// It reads the changes from a pull feed with a resumable cursor, and optionally receives each
// one by a signed webhook that is retried until the receiver takes it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace xinyong {

// "all", "region" or "watch".
bool IsSubscriptionScope(std::string_view scope);

struct Subscription {
  int64_t id = 0;
  int64_t department_id = 0;
  std::string name;
  std::string scope = "all";  // all, region, watch
  std::string region;         // division code prefix (2, 4 or 6 digits) when scope = region
  std::string webhook_url;    // "" = pull feed only
  std::string secret_enc;     // the webhook signing secret, encrypted at rest
  bool active = true;
  // Webhook delivery state. `cursor` is the event sequence number up to which every matching
  // change has been delivered (the receiver answered 2xx); it never moves past an undelivered
  // change, so nothing is lost while the receiver is down.
  int64_t cursor = 0;
  int64_t delivered = 0;        // deliveries acknowledged
  int64_t attempts = 0;         // failed attempts at the change after `cursor`
  std::string next_attempt_at;  // "" = now
  std::string last_error;
  std::string created_at;
  std::string updated_at;
};

}  // namespace xinyong
