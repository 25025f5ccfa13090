#include "app/calendar_cmd.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli.h"
#include "app/config.h"
#include "app/node.h"
#include "core/calendar.h"
#include "service/deadlines/deadlines.h"

namespace xinyong {
namespace {

using Json = nlohmann::ordered_json;

// The command line counts 2000-2100, as the calendar does.
Result<Date> ParseDay(const std::string& text, const char* what) {
  auto d = Date::Parse(text);
  if (!d.ok()) return InvalidArgument(std::string(what) + ": " + d.status().message());
  if (d->year() < HolidayLaw::kFirstYear || d->year() > HolidayLaw::kLastYear) {
    return InvalidArgument(std::string(what) + ": " + d->ToString() + " is outside " +
                           std::to_string(HolidayLaw::kFirstYear) + "-" +
                           std::to_string(HolidayLaw::kLastYear) +
                           ", the years the working-day calendar can count");
  }
  return d;
}

Json RecountJson(const RecountReport& r) {
  Json changed = Json::array();
  for (const auto& c : r.changed) {
    changed.push_back({{"target", c.target},
                       {"field", c.field},
                       {"old", c.old_due},
                       {"new", c.due},
                       {"calendar", c.official},
                       {"provisional", c.still_provisional},
                       {"reason", c.reason.empty() ? Json(nullptr) : Json(c.reason)}});
  }
  return {{"examined", r.examined},
          {"unchanged", r.unchanged},
          {"confirmed", r.confirmed},
          {"dropped", r.dropped},
          {"changed", changed}};
}

}  // namespace

void AddCalendarCommands(CLI::App& app, CalendarCommand& c) {
  auto* cal = app.add_subcommand("calendar", "The working-day calendar (工作日)");
  cal->require_subcommand(1);
  c.policy_dir = XY_DEFAULT_POLICY_DIR;
  c.day = cal->add_subcommand("day", "What the calendar says of one day (JSON)");
  c.day->add_option("date", c.date, "YYYY-MM-DD, 2000-2100")->required();
  c.day->add_option("--policy", c.policy_dir, "Policy directory");
  c.add = cal->add_subcommand("add", "The day N working days after a date (JSON)");
  c.add->add_option("--from", c.from, "YYYY-MM-DD; counting starts the day after")->required();
  c.add->add_option("--working-days", c.working_days, "How many working days (0..1000)")
      ->required()
      ->check(CLI::Range(0, 1000));
  c.add->add_option("--policy", c.policy_dir, "Policy directory");
  c.recount = cal->add_subcommand(
      "recount", "Count again the open deadlines counted provisionally (serve does this at start)");
  c.recount->add_option("--data", c.data_dir, "Data directory")->required();
}

std::optional<int> RunCalendarCommand(const CalendarCommand& c) {
  if (!c.day->parsed() && !c.add->parsed() && !c.recount->parsed()) return std::nullopt;
  if (c.recount->parsed()) {
    auto cfg = LoadConfig(c.data_dir, {});
    if (!cfg.ok()) return CliFail(cfg.status());
    auto node = OpenNode(*cfg);
    if (!node.ok()) return CliFail(node.status());
    auto report = DeadlineRecount(*(*node)->ctx).Run("system:calendar");
    if (!report.ok()) return CliFail(report.status());
    std::cout << RecountJson(*report).dump() << "\n";
    return 0;
  }
  auto calendar = WorkingCalendar::LoadDir(std::filesystem::path(c.policy_dir) / "calendar");
  if (!calendar.ok()) return CliFail(calendar.status());
  if (c.day->parsed()) {
    auto date = ParseDay(c.date, "date");
    if (!date.ok()) return CliFail(date.status());
    auto day = calendar->Day(*date);
    if (!day.ok()) return CliFail(day.status());
    std::cout << Json{{"date", day->date.ToString()},
                      {"working", day->working},
                      {"holiday", day->holiday.empty() ? Json(nullptr) : Json(day->holiday)},
                      {"makeup", day->makeup},
                      {"provisional", day->provisional}}
                     .dump()
              << "\n";
    return 0;
  }
  auto from = ParseDay(c.from, "--from");
  if (!from.ok()) return CliFail(from.status());
  auto due = calendar->DueAfter(*from, c.working_days);
  if (!due.ok()) return CliFail(due.status());
  std::cout << Json{{"from", from->ToString()},
                    {"working_days", c.working_days},
                    {"date", due->date.ToString()},
                    {"provisional", due->provisional}}
                   .dump()
            << "\n";
  return 0;
}

}  // namespace xinyong
