// Subscriptions (信息推送) of implementing departments to list changes: all subjects, a region
// (division code prefix) or a watch list. Each has a filtered pull feed with a resumable
// cursor and, when it names a webhook URL, signed deliveries (see webhook_dispatcher.h).
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "domain/account.h"
#include "domain/subscription.h"
#include "service/context.h"
#include "service/list_service.h"

namespace xinyong {

class SubjectService;

struct SubscriptionRequest {
  std::string name;
  std::string scope = "all";          // all, region, watch
  std::string region;                 // 2, 4 or 6 digits of a known division, for scope region
  std::vector<std::string> subjects;  // codes of known subjects, for scope watch
  std::string webhook_url;            // http:// or https://; "" = pull feed only
  std::string department_code;        // admins only: subscribe for this department
};

struct CreatedSubscription {
  Subscription subscription;
  std::string secret;  // the webhook signing secret, shown once ("" without a webhook)
};

// Thread-safe. Officers subscribe for their own department; admins for any; auditors read.
class SubscriptionService {
 public:
  SubscriptionService(ServiceContext ctx, ListService& lists, SubjectService& subjects)
      : ctx_(ctx), lists_(lists), subjects_(subjects) {}

  // A new subscription starts at the head of the log: it is told about changes from now on
  // (the department reads the past from GET /api/v1/feed/lists).
  Result<CreatedSubscription> Create(const Principal& p, const SubscriptionRequest& req);
  Result<std::vector<Subscription>> List(const Principal& p);
  Result<Subscription> Get(const Principal& p, int64_t id);
  // Stops deliveries and the feed; the subscription stays for the record.
  Result<Subscription> Deactivate(const Principal& p, int64_t id);
  // Adds (watch) or removes subjects of a watch-list subscription.
  Status Watch(const Principal& p, int64_t id, const std::vector<std::string>& codes, bool watch);
  // The public codes of the watched subjects.
  Result<std::vector<std::string>> Watched(const Principal& p, int64_t id);

  // The subscription's own pull feed: the list feed narrowed to its scope.
  Result<ListService::FeedPage> Feed(const Principal& p, int64_t id, int64_t cursor, int limit);

  // For the webhook dispatcher (no principal: it acts for the platform).
  Result<std::vector<Subscription>> ActiveWebhooks();
  Result<ListService::FeedPage> FeedOf(const Subscription& s, int64_t cursor, int limit);
  // The signing secret of a subscription.
  Result<std::string> SecretOf(const Subscription& s) const;

 private:
  Result<Subscription> Owned(const Principal& p, int64_t id, bool write);

  ServiceContext ctx_;
  ListService& lists_;
  SubjectService& subjects_;
};

// Checks a webhook URL: http or https, a host, an optional numeric port, an optional path.
struct WebhookUrl {
  bool tls = false;
  std::string host;
  std::string port;    // "80"/"443" when absent
  std::string target;  // path and query, "/" when absent
};
Result<WebhookUrl> ParseWebhookUrl(const std::string& url);

}  // namespace xinyong
