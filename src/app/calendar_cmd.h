// `xinyong calendar day|add|recount`: the working-day calendar from the command line.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace xinyong {

struct CalendarCommand {
  CLI::App* day = nullptr;
  CLI::App* add = nullptr;
  CLI::App* recount = nullptr;
  std::string policy_dir;
  std::string date;
  std::string from;
  int working_days = 0;
  std::string data_dir;
};

// Adds the subcommands to `app`; `c` receives their options.
void AddCalendarCommands(CLI::App& app, CalendarCommand& c);

// The exit code when a calendar subcommand was given, nullopt otherwise.
std::optional<int> RunCalendarCommand(const CalendarCommand& c);

}  // namespace xinyong
