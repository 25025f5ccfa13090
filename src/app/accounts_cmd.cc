#include "app/accounts_cmd.h"

#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli.h"
#include "app/config.h"
#include "app/node.h"
#include "store/store.h"

namespace xinyong {
namespace {

using Json = nlohmann::ordered_json;

Result<User> UserNamed(Node& node, const std::string& username) {
  XY_ASSIGN_OR_RETURN(auto tx, node.store->Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto user, tx->FindUserByName(username));
  if (!user) return NotFound("no user named " + username);
  return *user;
}

}  // namespace

void AddAccountsCommands(CLI::App& app, AccountsCommand& c) {
  auto* user = app.add_subcommand("user", "Withdraw or restore a user's access");
  user->require_subcommand(1);
  c.disable = user->add_subcommand("disable", "Disable a user: their sessions end at once");
  c.enable = user->add_subcommand("enable", "Enable a disabled user again");
  c.password = user->add_subcommand("password", "Give a user a new random password (printed)");
  for (auto* cmd : {c.disable, c.enable, c.password}) {
    cmd->add_option("--data", c.data_dir, "Data directory")->required();
    cmd->add_option("--username", c.username, "The user")->required();
  }
  c.disable->add_option("--reason", c.reason, "Why (kept in the event log)")->required();
  auto* key = app.add_subcommand("api-key", "Department systems' API keys");
  key->require_subcommand(1);
  c.keys = key->add_subcommand("list", "Every key: id, prefix, department, role, revoked_at");
  c.revoke = key->add_subcommand("revoke", "Revoke a key at once");
  for (auto* cmd : {c.keys, c.revoke}) {
    cmd->add_option("--data", c.data_dir, "Data directory")->required();
  }
  c.revoke->add_option("--id", c.key_id, "The key's id (api-key list)")->required();
  c.revoke->add_option("--reason", c.reason, "Why (kept in the event log)")->required();
}

std::optional<int> RunAccountsCommand(const AccountsCommand& c) {
  if (!c.disable->parsed() && !c.enable->parsed() && !c.password->parsed() && !c.keys->parsed() &&
      !c.revoke->parsed()) {
    return std::nullopt;
  }
  auto cfg = LoadConfig(c.data_dir, {});
  if (!cfg.ok()) return CliFail(cfg.status());
  auto opened = OpenNode(*cfg);
  if (!opened.ok()) return CliFail(opened.status());
  Node& node = **opened;
  const Principal p = CliPrincipal();
  if (c.keys->parsed()) {
    auto keys = node.accounts->ListApiKeys(p);
    if (!keys.ok()) return CliFail(keys.status());
    for (const auto& k : *keys) {
      std::cout << Json{{"id", k.id},
                        {"prefix", k.prefix},
                        {"department_id", k.department_id},
                        {"role", RoleName(k.role)},
                        {"label", k.label},
                        {"created_at", k.created_at},
                        {"revoked_at", k.revoked_at.empty() ? Json(nullptr) : Json(k.revoked_at)}}
                       .dump()
                << "\n";
    }
    return 0;
  }
  if (c.revoke->parsed()) {
    Status s = node.accounts->RevokeApiKey(p, c.key_id, c.reason);
    if (!s.ok()) return CliFail(s);
    std::cout << Json{{"id", c.key_id}, {"revoked", true}}.dump() << "\n";
    return 0;
  }
  auto user = UserNamed(node, c.username);
  if (!user.ok()) return CliFail(user.status());
  if (c.password->parsed()) {
    auto cred = node.accounts->ResetPassword(p, user->id);
    if (!cred.ok()) return CliFail(cred.status());
    std::cout << Json{{"username", user->username}, {"password", cred->secret}}.dump() << "\n";
    return 0;
  }
  Status s = c.disable->parsed() ? node.accounts->DisableUser(p, user->id, c.reason)
                                 : node.accounts->EnableUser(p, user->id);
  if (!s.ok()) return CliFail(s);
  std::cout << Json{{"username", user->username}, {"active", c.enable->parsed()}}.dump() << "\n";
  return 0;
}

}  // namespace xinyong
