// Departments, users, API keys and sessions: who may do what.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace xinyong {

enum class Role {
  kAdmin,     // 平台管理员: the credit office
  kOperator,  // 部门数据报送员: submits and corrects its department's records
  kOfficer,   // 实施部门经办人: checks subjects during approvals, reports feedback
  kAuditor,   // 审计员: reads the event log and verifies it
  kInstitution,  // 金融机构、信用服务机构: queries subjects that authorised it (授权查询)
  kSubject,  // 信用主体: sees its own record, authorises queries, reads who queried it
};

// "admin", "operator", "officer", "auditor", "institution", "subject"
std::string_view RoleName(Role role);
std::optional<Role> RoleFromName(std::string_view name);

struct Department {
  int64_t id = 0;
  std::string code;  // the department's USCC (normalised)
  std::string name;
  std::string created_at;
};

struct User {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kOperator;
  int64_t department_id = 0;  // 0: none (platform admin, auditor, subject)
  std::string password_hash;  // argon2id
  bool active = true;
  std::string created_at;
  int64_t subject_id = 0;  // the subject a "subject" account speaks for
};

// A department system's credential. Only a SHA-256 digest of the key is stored; the key is
// shown once when made. `prefix` (the first characters) identifies it in logs and lists.
struct ApiKey {
  int64_t id = 0;
  std::string key_hash;
  std::string prefix;
  int64_t department_id = 0;
  Role role = Role::kOperator;
  std::string label;
  std::string created_at;
  std::string revoked_at;  // "" while valid
};

struct SessionRecord {
  std::string token_hash;  // SHA-256 of the bearer token
  int64_t user_id = 0;
  std::string created_at;
  std::string expires_at;
};

// Who is making a request, once authenticated.
struct Principal {
  std::string actor;  // "user:alice" or "apikey:xy_ab12cd34"; recorded in every event
  Role role = Role::kOperator;
  int64_t user_id = 0;
  int64_t department_id = 0;
  int64_t subject_id = 0;  // for Role::kSubject
};

}  // namespace xinyong
