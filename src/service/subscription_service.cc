#include "service/subscription_service.h"

#include <algorithm>
#include <set>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/divisions.h"
#include "core/text.h"
#include "service/account_service.h"
#include "service/subject_service.h"
#include "store/store.h"

namespace xinyong {
namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Result<WebhookUrl> ParseWebhookUrl(const std::string& url) {
  WebhookUrl out;
  std::string_view rest = url;
  if (rest.rfind("https://", 0) == 0) {
    out.tls = true;
    rest.remove_prefix(8);
  } else if (rest.rfind("http://", 0) == 0) {
    rest.remove_prefix(7);
  } else {
    return InvalidArgument("webhook_url: 应以 http:// 或 https:// 开头");
  }
  const size_t slash = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, slash);
  out.target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (out.target[0] == '?') out.target = "/" + out.target;
  if (authority.find('@') != std::string_view::npos) {
    return InvalidArgument("webhook_url: 不接受含用户名或密码的地址，请用签名密钥验证来源");
  }
  const size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']') == std::string_view::npos) {
    out.port = std::string(authority.substr(colon + 1));
    authority = authority.substr(0, colon);
    if (!AllDigits(out.port) || out.port.size() > 5 || std::stoi(out.port) == 0 ||
        std::stoi(out.port) > 65535) {
      return InvalidArgument("webhook_url: 端口应为1到65535之间的整数");
    }
  } else {
    out.port = out.tls ? "443" : "80";
  }
  if (authority.empty()) return InvalidArgument("webhook_url: 缺少主机名");
  for (char c : authority) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '#') {
      return InvalidArgument("webhook_url: 主机名含非法字符");
    }
  }
  out.host = std::string(authority);
  return out;
}

Result<CreatedSubscription> SubscriptionService::Create(const Principal& p,
                                                        const SubscriptionRequest& req) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kOfficer, Role::kAdmin}));
  Subscription s;
  s.name = NormaliseName(req.name);
  if (s.name.empty()) return InvalidArgument("name: 请填写订阅名称");
  XY_RETURN_IF_ERROR(CheckChars("name", s.name, kNameChars));
  if (!IsSubscriptionScope(req.scope)) {
    return InvalidArgument("scope: 应为 all（全部主体）、region（行政区划）或 watch（关注名单）");
  }
  s.scope = req.scope;
  if (s.scope == "region") {
    const std::string& r = req.region;
    if (!AllDigits(r) || (r.size() != 2 && r.size() != 4 && r.size() != 6)) {
      return InvalidArgument("region: 应为2、4或6位行政区划代码前缀");
    }
    if (!ctx_.divisions.Find(r + std::string(6 - r.size(), '0'))) {
      return InvalidArgument("region: 未知的行政区划代码“" + r + "”");
    }
    s.region = r;
  } else if (!req.region.empty()) {
    return InvalidArgument("region: 只有 scope 为 region 时才填写");
  }
  if (s.scope == "watch" && req.subjects.empty()) {
    return InvalidArgument("subjects: 关注名单订阅至少要有一个主体");
  }
  if (s.scope != "watch" && !req.subjects.empty()) {
    return InvalidArgument("subjects: 只有 scope 为 watch 时才填写");
  }
  std::vector<int64_t> watched;
  for (size_t i = 0; i < req.subjects.size(); ++i) {
    auto subject = subjects_.Lookup(req.subjects[i]);
    if (!subject.ok()) {
      return Status(subject.status().code(),
                    "subjects[" + std::to_string(i) + "]: " + subject.status().message());
    }
    watched.push_back(subject->id);
  }
  CreatedSubscription out;
  if (!req.webhook_url.empty()) {
    XY_RETURN_IF_ERROR(ParseWebhookUrl(req.webhook_url).status());
    s.webhook_url = req.webhook_url;
    out.secret = RandomHex(32);
    s.secret_enc = ctx_.cipher.Encrypt(out.secret);
  }
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  s.department_id = p.department_id;
  if (!req.department_code.empty()) {
    if (p.role != Role::kAdmin) {
      return PermissionDenied("department_code: 只能为本部门订阅");
    }
    XY_ASSIGN_OR_RETURN(auto dep, tx->FindDepartmentByCode(req.department_code));
    if (!dep) return NotFound("department_code: 部门“" + req.department_code + "”不存在");
    s.department_id = dep->id;
  }
  if (s.department_id == 0) return InvalidArgument("department_code: 请指定订阅的部门");
  XY_ASSIGN_OR_RETURN(EventHead head, tx->GetEventHead());
  const std::string now = ctx_.clock.NowTimestamp();
  s.cursor = head.seq;
  s.created_at = s.updated_at = now;
  XY_ASSIGN_OR_RETURN(s.id, tx->InsertSubscription(s));
  for (int64_t subject : watched) XY_RETURN_IF_ERROR(tx->WatchSubject(s.id, subject, true));
  std::string payload = "{\"department\":" + std::to_string(s.department_id) + ",\"scope\":\"" +
                        s.scope + "\",\"region\":\"" + s.region +
                        "\",\"watched\":" + std::to_string(watched.size()) +
                        ",\"webhook\":" + (s.webhook_url.empty() ? "false" : "true") + "}";
  XY_RETURN_IF_ERROR(
      tx->AppendEvent(
            {p.actor, "subscription.created", "subscription:" + std::to_string(s.id), payload}, now)
          .status());
  XY_RETURN_IF_ERROR(tx->Commit());
  out.subscription = s;
  return out;
}

Result<Subscription> SubscriptionService::Owned(const Principal& p, int64_t id, bool write) {
  if (write) {
    XY_RETURN_IF_ERROR(RequireRole(p, {Role::kOfficer, Role::kAdmin}));
  } else {
    XY_RETURN_IF_ERROR(RequireRole(p, {Role::kOfficer, Role::kAdmin, Role::kAuditor}));
  }
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto s, tx->GetSubscription(id));
  // Another department's subscription reads as absent: its existence is not for others.
  const bool all = p.role == Role::kAdmin || p.role == Role::kAuditor;
  if (!s || (!all && s->department_id != p.department_id)) {
    return NotFound("subscription: 订阅" + std::to_string(id) + "不存在");
  }
  return *s;
}

Result<std::vector<Subscription>> SubscriptionService::List(const Principal& p) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kOfficer, Role::kAdmin, Role::kAuditor}));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto all, tx->ListSubscriptions());
  if (p.role == Role::kAdmin || p.role == Role::kAuditor) return all;
  std::vector<Subscription> own;
  for (auto& s : all) {
    if (s.department_id == p.department_id) own.push_back(std::move(s));
  }
  return own;
}

Result<Subscription> SubscriptionService::Get(const Principal& p, int64_t id) {
  return Owned(p, id, false);
}

Result<Subscription> SubscriptionService::Deactivate(const Principal& p, int64_t id) {
  XY_ASSIGN_OR_RETURN(Subscription s, Owned(p, id, true));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(auto current, tx->GetSubscription(id));
  if (!current) return NotFound("subscription: 订阅" + std::to_string(id) + "不存在");
  if (!current->active) return *current;
  const std::string now = ctx_.clock.NowTimestamp();
  current->active = false;
  current->updated_at = now;
  XY_RETURN_IF_ERROR(tx->UpdateSubscription(*current));
  XY_RETURN_IF_ERROR(
      tx->AppendEvent(
            {p.actor, "subscription.deactivated", "subscription:" + std::to_string(id), "{}"}, now)
          .status());
  XY_RETURN_IF_ERROR(tx->Commit());
  return *current;
}

Status SubscriptionService::Watch(const Principal& p, int64_t id,
                                  const std::vector<std::string>& codes, bool watch) {
  XY_ASSIGN_OR_RETURN(Subscription s, Owned(p, id, true));
  if (s.scope != "watch") return FailedPrecondition("scope: 只有关注名单订阅可以增删主体");
  if (codes.empty()) return InvalidArgument("subjects: 至少一个主体");
  std::vector<int64_t> ids;
  for (size_t i = 0; i < codes.size(); ++i) {
    auto subject = subjects_.Lookup(codes[i]);
    if (!subject.ok()) {
      return Status(subject.status().code(),
                    "subjects[" + std::to_string(i) + "]: " + subject.status().message());
    }
    ids.push_back(subject->id);
  }
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  for (int64_t subject : ids) XY_RETURN_IF_ERROR(tx->WatchSubject(id, subject, watch));
  std::string payload = std::string("{\"watch\":") + (watch ? "true" : "false") +
                        ",\"subjects\":" + std::to_string(ids.size()) + "}";
  XY_RETURN_IF_ERROR(tx->AppendEvent({p.actor, "subscription.watch_changed",
                                      "subscription:" + std::to_string(id), payload},
                                     ctx_.clock.NowTimestamp())
                         .status());
  return tx->Commit();
}

Result<std::vector<std::string>> SubscriptionService::Watched(const Principal& p, int64_t id) {
  XY_ASSIGN_OR_RETURN(Subscription s, Owned(p, id, false));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto ids, tx->WatchedSubjects(s.id));
  std::vector<std::string> out;
  for (int64_t subject_id : ids) {
    XY_ASSIGN_OR_RETURN(Subject subject, tx->GetSubject(subject_id));
    out.push_back(subject.identifiers.empty() ? std::to_string(subject_id)
                                              : subject.identifiers.front().display);
  }
  return out;
}

Result<ListService::FeedPage> SubscriptionService::Feed(const Principal& p, int64_t id,
                                                        int64_t cursor, int limit) {
  XY_ASSIGN_OR_RETURN(Subscription s, Owned(p, id, false));
  if (!s.active) return FailedPrecondition("subscription: 订阅" + std::to_string(id) + "已停用");
  return FeedOf(s, cursor, limit);
}

Result<std::vector<Subscription>> SubscriptionService::ActiveWebhooks() {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto all, tx->ListSubscriptions());
  std::vector<Subscription> out;
  for (auto& s : all) {
    if (s.active && !s.webhook_url.empty()) out.push_back(std::move(s));
  }
  return out;
}

Result<ListService::FeedPage> SubscriptionService::FeedOf(const Subscription& s, int64_t cursor,
                                                          int limit) {
  if (s.scope == "all") return lists_.FilteredFeed(cursor, limit, nullptr);
  if (s.scope == "region") {
    const std::string prefix = s.region;
    return lists_.FilteredFeed(cursor, limit, [prefix](const ListEntry&, const Subject& subject) {
      return subject.region.rfind(prefix, 0) == 0;
    });
  }
  std::set<int64_t> watched;
  {
    XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
    XY_ASSIGN_OR_RETURN(auto ids, tx->WatchedSubjects(s.id));
    watched.insert(ids.begin(), ids.end());
  }
  return lists_.FilteredFeed(cursor, limit, [&watched](const ListEntry& e, const Subject&) {
    return watched.count(e.subject_id) > 0;
  });
}

Result<std::string> SubscriptionService::SecretOf(const Subscription& s) const {
  if (s.secret_enc.empty()) return FailedPrecondition("subscription has no webhook secret");
  return ctx_.cipher.Decrypt(s.secret_enc);
}

}  // namespace xinyong
