#include "service/account_service.h"

#include <cctype>
#include <map>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/ids.h"
#include "core/text.h"
#include "store/store.h"

namespace xinyong {
namespace {

constexpr const char* kApiKeyPrefix = "xy_";

Status ValidUsername(const std::string& u) {
  if (u.size() < 3 || u.size() > 64) return InvalidArgument("username: 用户名应为3到64个字符");
  for (char c : u) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) {
      return InvalidArgument("username: 用户名只能包含字母、数字、下划线、连字符和点");
    }
  }
  return Status::Ok();
}

}  // namespace

Status RequireRole(const Principal& p, std::initializer_list<Role> roles) {
  std::string names;
  for (Role r : roles) {
    if (p.role == r) return Status::Ok();
    names += (names.empty() ? "" : ", ") + std::string(RoleName(r));
  }
  return PermissionDenied("this action needs the role " + names + "; " + p.actor + " has " +
                          std::string(RoleName(p.role)));
}

bool AccountService::HasUsers() {
  auto tx = ctx_.store.Begin(TxMode::kRead);
  if (!tx.ok()) return false;
  auto users = (*tx)->ListUsers();
  return users.ok() && !users->empty();
}

Result<NewCredential> AccountService::Bootstrap(const std::string& username) {
  XY_RETURN_IF_ERROR(ValidUsername(username));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(auto users, tx->ListUsers());
  if (!users.empty()) {
    return FailedPrecondition("the platform is initialised already: it has " +
                              std::to_string(users.size()) + " user(s)");
  }
  NewCredential cred;
  cred.secret = RandomPassword(20);
  User u;
  u.username = username;
  u.display_name = "平台管理员";
  u.role = Role::kAdmin;
  XY_ASSIGN_OR_RETURN(u.password_hash, HashPassword(cred.secret));
  u.created_at = ctx_.clock.NowTimestamp();
  XY_ASSIGN_OR_RETURN(cred.id, tx->InsertUser(u));
  nlohmann::json payload = {{"username", username}, {"role", "admin"}};
  XY_RETURN_IF_ERROR(
      tx->AppendEvent({"system", "user.created", "user:" + std::to_string(cred.id), payload.dump()},
                      u.created_at)
          .status());
  XY_RETURN_IF_ERROR(tx->Commit());
  return cred;
}

int AccountService::LoginRetryAfterSeconds(const std::string& username,
                                           const std::string& address) {
  return throttle_.RetryAfterSeconds(username, address, ctx_.clock.NowMillis());
}

Result<LoginResult> AccountService::Login(const std::string& username, const std::string& password,
                                          const std::string& address) {
  if (const int wait = LoginRetryAfterSeconds(username, address); wait > 0) {
    return ResourceExhausted("login: 登录失败次数过多，请" + std::to_string(wait) + "秒后再试");
  }
  std::optional<User> user;
  {
    XY_ASSIGN_OR_RETURN(auto rtx, ctx_.store.Begin(TxMode::kRead));
    XY_ASSIGN_OR_RETURN(user, rtx->FindUserByName(username));
  }
  // Hash even for an unknown user so the answer takes the same time either way.
  static const std::string kDummy = *HashPassword("dummy-password-for-timing");
  const bool match = VerifyPassword(user ? user->password_hash : kDummy, password);
  if (!user || !match || !user->active) {
    if (throttle_.Failed(username, address, ctx_.clock.NowMillis())) {
      // The office sees it in the audit log (the console's 审计日志, type user.login_locked).
      XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
      nlohmann::json payload = {{"username", username.substr(0, 64)},
                                {"address", address},
                                {"known_user", user.has_value()}};
      XY_RETURN_IF_ERROR(
          tx->AppendEvent({"system:login", "user.login_locked",
                           user ? "user:" + std::to_string(user->id) : "login", payload.dump()},
                          ctx_.clock.NowTimestamp())
              .status());
      XY_RETURN_IF_ERROR(tx->Commit());
    }
    return Unauthenticated("用户名或密码错误");
  }
  throttle_.Succeeded(username);
  LoginResult out;
  out.token = RandomHex(32);
  out.user = *user;
  const int64_t now = ctx_.clock.NowMillis();
  out.expires_at = FormatTimestamp(now + int64_t{session_hours_} * 3600 * 1000);
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  const std::string at = FormatTimestamp(now);
  XY_RETURN_IF_ERROR(tx->InsertSession({Sha256Hex(out.token), user->id, at, out.expires_at}));
  XY_RETURN_IF_ERROR(tx->AppendEvent({"user:" + user->username, "session.created",
                                      "user:" + std::to_string(user->id), "{}"},
                                     at)
                         .status());
  XY_RETURN_IF_ERROR(tx->Commit());
  return out;
}

Status AccountService::Logout(const std::string& token) {
  XY_ASSIGN_OR_RETURN(Principal p, Authenticate(token));
  const std::string digest = Sha256Hex(token);
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_RETURN_IF_ERROR(tx->DeleteSession(digest));
  XY_RETURN_IF_ERROR(
      tx->AppendEvent({p.actor, "session.ended", "user:" + std::to_string(p.user_id), "{}"},
                      ctx_.clock.NowTimestamp())
          .status());
  XY_RETURN_IF_ERROR(tx->Commit());
  // After the commit; requests reading the store meanwhile see the count change and do not
  // cache what they read.
  std::lock_guard lock(cache_mu_);
  cache_.erase(digest);
  ++logouts_;
  return Status::Ok();
}

Result<Principal> AccountService::Authenticate(const std::string& bearer) {
  if (bearer.empty())
    return Unauthenticated("请先登录，或在Authorization头中提供会话令牌或API密钥");
  const std::string digest = Sha256Hex(bearer);
  const int64_t now_ms = ctx_.clock.NowMillis();
  uint64_t generation = 0;
  {
    std::lock_guard lock(cache_mu_);
    generation = logouts_;
    auto it = cache_.find(digest);
    if (it != cache_.end()) {
      if (it->second.until_ms <= now_ms) {
        cache_.erase(it);
      } else if (!it->second.session_expires_at.empty() &&
                 it->second.session_expires_at <= ctx_.clock.NowTimestamp()) {
        cache_.erase(it);
        return Unauthenticated("会话已过期，请重新登录");
      } else {
        return it->second.principal;
      }
    }
  }
  std::string expires_at;
  XY_ASSIGN_OR_RETURN(
      Principal p, AuthenticateInStore(digest, bearer.rfind(kApiKeyPrefix, 0) == 0, &expires_at));
  std::lock_guard lock(cache_mu_);
  // A logout that committed while the store was read may have ended this very session.
  if (logouts_ != generation) return p;
  if (cache_.size() >= kAuthCacheLimit) cache_.clear();  // crude, and rare: many live sessions
  cache_[digest] = {p, expires_at, now_ms + kAuthCacheMillis};
  return p;
}

Result<Principal> AccountService::AuthenticateInStore(const std::string& digest, bool api_key,
                                                      std::string* session_expires_at) {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  if (api_key) {
    XY_ASSIGN_OR_RETURN(auto key, tx->FindApiKeyByHash(digest));
    if (!key || !key->revoked_at.empty()) return Unauthenticated("API密钥无效或已吊销");
    return Principal{"apikey:" + key->prefix, key->role, 0, key->department_id};
  }
  XY_ASSIGN_OR_RETURN(auto session, tx->FindSession(digest));
  if (!session) return Unauthenticated("会话无效，请重新登录");
  if (session->expires_at <= ctx_.clock.NowTimestamp()) {
    return Unauthenticated("会话已过期，请重新登录");
  }
  XY_ASSIGN_OR_RETURN(auto user, tx->GetUser(session->user_id));
  if (!user || !user->active) return Unauthenticated("账号已停用");
  *session_expires_at = session->expires_at;
  return Principal{"user:" + user->username, user->role, user->id, user->department_id,
                   user->subject_id};
}

Result<Department> AccountService::CreateDepartment(const Principal& p, const std::string& code,
                                                    const std::string& name) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin}));
  IdCheck c = CheckUscc(code);
  if (!c.valid()) return InvalidArgument("code: 统一社会信用代码有误：" + c.error->message);
  Department d;
  d.code = c.normalised;
  d.name = NormaliseName(name);
  if (d.name.empty()) return InvalidArgument("name: 部门名称不能为空");
  d.created_at = ctx_.clock.NowTimestamp();
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(d.id, tx->InsertDepartment(d));
  nlohmann::json payload = {{"code", d.code}, {"name", d.name}};
  XY_RETURN_IF_ERROR(tx->AppendEvent({p.actor, "department.created",
                                      "department:" + std::to_string(d.id), payload.dump()},
                                     d.created_at)
                         .status());
  XY_RETURN_IF_ERROR(tx->Commit());
  return d;
}

Result<std::vector<Department>> AccountService::ListDepartments(const Principal&) {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  return tx->ListDepartments();
}

Result<NewCredential> AccountService::CreateUser(const Principal& p, const std::string& username,
                                                 const std::string& display_name, Role role,
                                                 const std::string& department_code,
                                                 const std::string& password, int64_t subject_id) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin}));
  XY_RETURN_IF_ERROR(ValidUsername(username));
  const bool needs_department =
      role == Role::kOperator || role == Role::kOfficer || role == Role::kInstitution;
  if (needs_department && department_code.empty()) {
    return InvalidArgument("department: 数据报送员、实施部门经办人和金融机构用户必须属于一个单位");
  }
  if (!needs_department && !department_code.empty()) {
    return InvalidArgument("department: 平台管理员、审计员和信用主体用户不属于部门");
  }
  if ((role == Role::kSubject) != (subject_id != 0)) {
    return InvalidArgument(role == Role::kSubject ? "subject: 信用主体用户须指明所代表的主体"
                                                  : "subject: 只有信用主体用户代表主体");
  }
  if (!password.empty()) XY_RETURN_IF_ERROR(CheckPasswordPolicy(password, username));
  NewCredential cred;
  cred.secret = password.empty() ? RandomPassword(16) : password;
  User u;
  u.username = username;
  u.display_name = NormaliseName(display_name.empty() ? username : display_name);
  u.role = role;
  u.subject_id = subject_id;
  XY_ASSIGN_OR_RETURN(u.password_hash, HashPassword(cred.secret));
  u.created_at = ctx_.clock.NowTimestamp();
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  if (needs_department) {
    XY_ASSIGN_OR_RETURN(auto dep, tx->FindDepartmentByCode(NormaliseCode(department_code)));
    if (!dep) return NotFound("department: 部门" + department_code + "不存在");
    u.department_id = dep->id;
  }
  XY_ASSIGN_OR_RETURN(cred.id, tx->InsertUser(u));
  nlohmann::json payload = {{"username", username},
                            {"role", RoleName(role)},
                            {"department_id", u.department_id},
                            {"subject_id", u.subject_id}};
  XY_RETURN_IF_ERROR(
      tx->AppendEvent({p.actor, "user.created", "user:" + std::to_string(cred.id), payload.dump()},
                      u.created_at)
          .status());
  XY_RETURN_IF_ERROR(tx->Commit());
  if (!password.empty()) cred.secret.clear();  // the caller chose it; do not echo it back
  return cred;
}

Result<std::vector<User>> AccountService::ListUsers(const Principal& p) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kAuditor}));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  return tx->ListUsers();
}

Result<NewCredential> AccountService::CreateApiKey(const Principal& p,
                                                   const std::string& department_code, Role role,
                                                   const std::string& label) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin}));
  if (role != Role::kOperator && role != Role::kOfficer && role != Role::kInstitution) {
    return InvalidArgument(
        "role: API密钥只能用于数据报送（operator）、核查（officer）或授权查询（institution）");
  }
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(auto dep, tx->FindDepartmentByCode(NormaliseCode(department_code)));
  if (!dep) return NotFound("department: 部门" + department_code + "不存在");
  NewCredential cred;
  cred.secret = kApiKeyPrefix + RandomHex(24);
  ApiKey k;
  k.key_hash = Sha256Hex(cred.secret);
  k.prefix = cred.secret.substr(0, 11);
  k.department_id = dep->id;
  k.role = role;
  k.label = NormaliseName(label);
  k.created_at = ctx_.clock.NowTimestamp();
  XY_ASSIGN_OR_RETURN(cred.id, tx->InsertApiKey(k));
  nlohmann::json payload = {{"prefix", k.prefix},
                            {"role", RoleName(role)},
                            {"department_id", dep->id},
                            {"label", k.label}};
  XY_RETURN_IF_ERROR(tx->AppendEvent({p.actor, "api_key.created",
                                      "api_key:" + std::to_string(cred.id), payload.dump()},
                                     k.created_at)
                         .status());
  XY_RETURN_IF_ERROR(tx->Commit());
  return cred;
}

Status CheckPasswordPolicy(const std::string& password, const std::string& username) {
  if (password.size() < 10) return InvalidArgument("password: 密码至少10个字符");
  if (password.size() > 256) return InvalidArgument("password: 密码至多256个字符");
  bool lower = false, upper = false, digit = false, other = false;
  std::map<char, size_t> counts;
  for (char c : password) {
    const auto u = static_cast<unsigned char>(c);
    lower = lower || std::islower(u);
    upper = upper || std::isupper(u);
    digit = digit || std::isdigit(u);
    other = other || !std::isalnum(u);
    ++counts[c];
  }
  if (lower + upper + digit + other < 3) {
    return InvalidArgument("password: 密码须包含小写字母、大写字母、数字和其他字符中的至少三类");
  }
  for (const auto& [c, n] : counts) {
    if (n * 2 > password.size()) return InvalidArgument("password: 密码不能主要由同一个字符组成");
  }
  std::string folded = password, name = username;
  for (auto* s : {&folded, &name}) {
    for (char& c : *s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (!name.empty() && folded.find(name) != std::string::npos) {
    return InvalidArgument("password: 密码不能包含用户名");
  }
  return Status::Ok();
}

void AccountService::ForgetCachedCredentials() {
  std::lock_guard lock(cache_mu_);
  cache_.clear();
  ++logouts_;  // a read that began before this does not cache what it read
}

Status AccountService::WithdrawUser(const Principal& p, int64_t user_id,
                                    const std::string& password_hash, bool active,
                                    const std::string& event, const std::string& payload_json) {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_RETURN_IF_ERROR(tx->UpdateUserCredentials(user_id, password_hash, active));
  XY_RETURN_IF_ERROR(tx->DeleteSessionsOfUser(user_id));
  XY_RETURN_IF_ERROR(
      tx->AppendEvent({p.actor, event, "user:" + std::to_string(user_id), payload_json},
                      ctx_.clock.NowTimestamp())
          .status());
  XY_RETURN_IF_ERROR(tx->Commit());
  ForgetCachedCredentials();
  return Status::Ok();
}

namespace {

Result<User> UserOr404(Store& store, int64_t user_id) {
  XY_ASSIGN_OR_RETURN(auto tx, store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto user, tx->GetUser(user_id));
  if (!user) return NotFound("user: 用户" + std::to_string(user_id) + "不存在");
  return *user;
}

}  // namespace

Status AccountService::DisableUser(const Principal& p, int64_t user_id, const std::string& reason) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin}));
  const std::string why = NormaliseText(reason);
  if (why.empty()) return InvalidArgument("reason: 请写明停用理由");
  if (why.size() > 1000) return InvalidArgument("reason: 不超过1000字节");
  if (p.user_id == user_id) return FailedPrecondition("user: 不能停用自己的账号");
  XY_ASSIGN_OR_RETURN(User u, UserOr404(ctx_.store, user_id));
  nlohmann::json payload = {{"username", u.username}, {"reason", why}};
  return WithdrawUser(p, user_id, u.password_hash, false, "user.disabled", payload.dump());
}

Status AccountService::EnableUser(const Principal& p, int64_t user_id) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin}));
  XY_ASSIGN_OR_RETURN(User u, UserOr404(ctx_.store, user_id));
  nlohmann::json payload = {{"username", u.username}};
  return WithdrawUser(p, user_id, u.password_hash, true, "user.enabled", payload.dump());
}

Result<NewCredential> AccountService::ResetPassword(const Principal& p, int64_t user_id) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin}));
  XY_ASSIGN_OR_RETURN(User u, UserOr404(ctx_.store, user_id));
  NewCredential cred;
  cred.id = user_id;
  cred.secret = RandomPassword(16);
  XY_ASSIGN_OR_RETURN(std::string hash, HashPassword(cred.secret));
  nlohmann::json payload = {{"username", u.username}};
  XY_RETURN_IF_ERROR(
      WithdrawUser(p, user_id, hash, u.active, "user.password_reset", payload.dump()));
  return cred;
}

Status AccountService::ChangePassword(const Principal& p, const std::string& current,
                                      const std::string& chosen) {
  if (p.user_id == 0) return PermissionDenied("password: API密钥没有密码");
  XY_ASSIGN_OR_RETURN(User u, UserOr404(ctx_.store, p.user_id));
  if (!VerifyPassword(u.password_hash, current)) {
    return PermissionDenied("current_password: 当前密码不正确");
  }
  XY_RETURN_IF_ERROR(CheckPasswordPolicy(chosen, u.username));
  XY_ASSIGN_OR_RETURN(std::string hash, HashPassword(chosen));
  nlohmann::json payload = {{"username", u.username}};
  return WithdrawUser(p, p.user_id, hash, u.active, "user.password_changed", payload.dump());
}

Result<std::vector<ApiKey>> AccountService::ListApiKeys(const Principal& p) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kAuditor}));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto keys, tx->ListApiKeys());
  for (auto& k : keys) k.key_hash.clear();  // never leaves the service
  return keys;
}

Status AccountService::RevokeApiKey(const Principal& p, int64_t key_id, const std::string& reason) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin}));
  const std::string why = NormaliseText(reason);
  if (why.empty()) return InvalidArgument("reason: 请写明吊销理由");
  if (why.size() > 1000) return InvalidArgument("reason: 不超过1000字节");
  const std::string now = ctx_.clock.NowTimestamp();
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_RETURN_IF_ERROR(tx->RevokeApiKey(key_id, now));
  nlohmann::json payload = {{"reason", why}};
  XY_RETURN_IF_ERROR(
      tx->AppendEvent(
            {p.actor, "api_key.revoked", "api_key:" + std::to_string(key_id), payload.dump()}, now)
          .status());
  XY_RETURN_IF_ERROR(tx->Commit());
  ForgetCachedCredentials();
  return Status::Ok();
}

Status AccountService::FollowWithdrawals() {
  std::lock_guard lock(follow_mu_);
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  if (followed_seq_ < 0) {
    XY_ASSIGN_OR_RETURN(EventHead head, tx->GetEventHead());
    followed_seq_ = head.seq;
    return Status::Ok();
  }
  EventQuery q;
  q.after_seq = followed_seq_;
  q.limit = 1000;
  q.types = {"user.disabled", "user.password_reset", "user.password_changed", "api_key.revoked"};
  XY_ASSIGN_OR_RETURN(auto events, tx->FindEvents(q));
  XY_ASSIGN_OR_RETURN(EventHead head, tx->GetEventHead());
  followed_seq_ = static_cast<int>(events.size()) < q.limit ? head.seq : events.back().seq;
  if (!events.empty()) ForgetCachedCredentials();
  return Status::Ok();
}

}  // namespace xinyong
