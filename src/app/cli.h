// What the command-line subcommands share: the error line and exit code, and who acts.
#pragma once

#include <cstdlib>
#include <iostream>
#include <string>

#include "core/status.h"
#include "domain/account.h"

namespace xinyong {

// Exit code 2: the command could not run (bad input, config, store down).
inline int CliFail(const Status& s) {
  std::cerr << "xinyong: " << s.ToString() << "\n";
  return 2;
}

// The office's admin at the server's console: "cli:<user>".
inline Principal CliPrincipal() {
  const char* user = std::getenv("USER");
  return Principal{"cli:" + std::string(user && *user ? user : "unknown"), Role::kAdmin, 0, 0};
}

}  // namespace xinyong
