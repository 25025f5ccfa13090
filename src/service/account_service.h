// Use cases about accounts: bootstrap, log in and out, authenticate a request, manage
// departments, users and API keys. Every change appends an event.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "domain/account.h"
#include "service/context.h"
#include "service/login_throttle.h"

namespace xinyong {

struct LoginResult {
  std::string token;  // bearer token, shown once
  std::string expires_at;
  User user;
};

struct NewCredential {
  std::string secret;  // password or API key, shown once
  int64_t id = 0;
};

// permission_denied unless `p` has one of `roles`, naming what is needed.
Status RequireRole(const Principal& p, std::initializer_list<Role> roles);

// Thread-safe. Authentication answers from a small cache of recent sessions and keys (see
// Authenticate); everything else goes to the store.
class AccountService {
 public:
  AccountService(ServiceContext ctx, int session_hours)
      : ctx_(ctx), session_hours_(session_hours) {}

  // Creates the first platform admin with a random password. failed_precondition when any
  // user exists already.
  Result<NewCredential> Bootstrap(const std::string& username);
  bool HasUsers();

  // unauthenticated with one message for a wrong name or password (no user enumeration).
  // resource_exhausted, even with the right password, while the account or the client
  // `address` is locked after too many failures (LoginThrottle); locking one is an event.
  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& address = "");
  // Seconds before `username` may try again from `address` (Retry-After); 0: now.
  int LoginRetryAfterSeconds(const std::string& username, const std::string& address);
  Status Logout(const std::string& token);
  // A session token or an API key ("xy_..."). unauthenticated when unknown, expired or revoked.
  // A credential found in the store is remembered for kAuthCacheMillis, so that a client
  // sending many requests does not cost a read transaction each; a session's own expiry is
  // still checked on every request, and Logout forgets the session at once. A change made by
  // another process (none changes a session or key today) is seen within kAuthCacheMillis.
  Result<Principal> Authenticate(const std::string& bearer);
  static constexpr int64_t kAuthCacheMillis = 30'000;

  Result<Department> CreateDepartment(const Principal& p, const std::string& code,
                                      const std::string& name);
  Result<std::vector<Department>> ListDepartments(const Principal& p);
  // `password` empty: a random one is made and returned. Operators, officers and
  // institutions need a department (a bank is registered as one); admins, auditors and
  // subjects must not have one. A subject account speaks for `subject_id` (and only it does).
  Result<NewCredential> CreateUser(const Principal& p, const std::string& username,
                                   const std::string& display_name, Role role,
                                   const std::string& department_code, const std::string& password,
                                   int64_t subject_id = 0);
  Result<std::vector<User>> ListUsers(const Principal& p);

  // Withdrawing credentials (admin), each an event and effective at once: every session of
  // the user ends and nothing cached of it or the key is used again.
  Status DisableUser(const Principal& p, int64_t user_id, const std::string& reason);
  Status EnableUser(const Principal& p, int64_t user_id);
  // A new random password, shown once; the user's sessions end.
  Result<NewCredential> ResetPassword(const Principal& p, int64_t user_id);
  // The signed-in user's own password; `current` must be right and `chosen` pass the policy.
  // Every session of the user ends (sign in again).
  Status ChangePassword(const Principal& p, const std::string& current, const std::string& chosen);
  Result<std::vector<ApiKey>> ListApiKeys(const Principal& p);
  Status RevokeApiKey(const Principal& p, int64_t key_id, const std::string& reason);
  // Credentials withdrawn by another process (the command line) since the last call: the
  // cache is forgotten when there are any. `serve` calls it every second.
  Status FollowWithdrawals();
  // A key for a department system; the key is returned once and only its digest is kept.
  Result<NewCredential> CreateApiKey(const Principal& p, const std::string& department_code,
                                     Role role, const std::string& label);

 private:
  Result<Principal> AuthenticateInStore(const std::string& digest, bool api_key,
                                        std::string* session_expires_at);
  // After a credential is withdrawn: nothing cached is used again.
  void ForgetCachedCredentials();
  // Sets a user's password hash and active flag, ends their sessions, appends `event`.
  Status WithdrawUser(const Principal& p, int64_t user_id, const std::string& password_hash,
                      bool active, const std::string& event, const std::string& payload_json);

  struct Cached {
    Principal principal;
    std::string session_expires_at;  // "" for an API key
    int64_t until_ms = 0;            // forgotten after this (clock millis)
  };
  static constexpr size_t kAuthCacheLimit = 10'000;

  ServiceContext ctx_;
  int session_hours_;
  std::mutex cache_mu_;
  std::unordered_map<std::string, Cached> cache_;  // by SHA-256 of the bearer; guarded
  uint64_t logouts_ = 0;                           // guarded by cache_mu_
  LoginThrottle throttle_;
  std::mutex follow_mu_;
  int64_t followed_seq_ = -1;  // last event looked at by FollowWithdrawals; guarded
};

// The password policy for passwords people choose: at least 10 characters, at least three of
// lower-case letters, upper-case letters, digits and other characters, not the user name and
// not mostly one repeated character. invalid_argument saying which rule failed.
Status CheckPasswordPolicy(const std::string& password, const std::string& username);

}  // namespace xinyong
