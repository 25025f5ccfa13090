#include "domain/account.h"

namespace xinyong {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kOperator:
      return "operator";
    case Role::kOfficer:
      return "officer";
    case Role::kAuditor:
      return "auditor";
    case Role::kInstitution:
      return "institution";
    case Role::kSubject:
      return "subject";
  }
  return "operator";
}

std::optional<Role> RoleFromName(std::string_view name) {
  for (auto r : {Role::kAdmin, Role::kOperator, Role::kOfficer, Role::kAuditor, Role::kInstitution,
                 Role::kSubject}) {
    if (RoleName(r) == name) return r;
  }
  return std::nullopt;
}

}  // namespace xinyong
