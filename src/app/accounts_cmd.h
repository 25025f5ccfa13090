// `xinyong user disable|enable|password` and `xinyong api-key list|revoke`: withdrawing
// credentials from the command line (the office's admin on the server), each an event.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace xinyong {

struct AccountsCommand {
  CLI::App* disable = nullptr;
  CLI::App* enable = nullptr;
  CLI::App* password = nullptr;
  CLI::App* keys = nullptr;
  CLI::App* revoke = nullptr;
  std::string data_dir;
  std::string username;
  std::string reason;
  int64_t key_id = 0;
};

void AddAccountsCommands(CLI::App& app, AccountsCommand& c);

// The exit code when one of these subcommands was given, nullopt otherwise.
std::optional<int> RunAccountsCommand(const AccountsCommand& c);

}  // namespace xinyong
