// The working-day calendar from the command line, and a demonstration platform run with a
// shifted clock, as an operator and a trainer use them.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "blackbox/harness.h"

namespace xytest {
namespace {

using nlohmann::json;

json LastLine(const std::string& out) {
  const size_t start = out.rfind('{');
  return start == std::string::npos ? json() : json::parse(out.substr(start), nullptr, false);
}

TEST(CalendarCliTest, DayTellsWorkingHolidayMakeupAndProvisional) {
  auto spring = RunXinyong({"calendar", "day", "2027-02-08"});
  ASSERT_EQ(spring.exit_code, 0) << spring.out;
  EXPECT_EQ(LastLine(spring.out), json({{"date", "2027-02-08"},
                                        {"working", false},
                                        {"holiday", "春节"},
                                        {"makeup", false},
                                        {"provisional", true}}));
  auto makeup = RunXinyong({"calendar", "day", "2026-02-28"});
  ASSERT_EQ(makeup.exit_code, 0) << makeup.out;
  EXPECT_EQ(LastLine(makeup.out), json({{"date", "2026-02-28"},
                                        {"working", true},
                                        {"holiday", nullptr},
                                        {"makeup", true},
                                        {"provisional", false}}));
  // Key order as documented.
  EXPECT_EQ(makeup.out.find("{\"date\""), 0u) << makeup.out;
}

TEST(CalendarCliTest, AddCountsIntoAProvisionalYear) {
  auto r = RunXinyong({"calendar", "add", "--from", "2026-12-28", "--working-days", "10"});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(LastLine(r.out), json({{"from", "2026-12-28"},
                                   {"working_days", 10},
                                   {"date", "2027-01-12"},
                                   {"provisional", true}}));
  auto inside = RunXinyong({"calendar", "add", "--from", "2026-02-12", "--working-days", "7"});
  ASSERT_EQ(inside.exit_code, 0) << inside.out;
  EXPECT_EQ(LastLine(inside.out)["date"], "2026-02-28");
  EXPECT_EQ(LastLine(inside.out)["provisional"], false);
}

TEST(CalendarCliTest, DatesOutsideTheRangeAreRefusedClearly) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"calendar", "day", "1999-12-31"},
           {"calendar", "day", "2101-01-01"},
           {"calendar", "add", "--from", "2100-12-20", "--working-days", "30"}}) {
    auto r = RunXinyong(args);
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_NE(r.out.find("2000-2100"), std::string::npos) << r.out;
  }
  auto bad = RunXinyong({"calendar", "day", "2027-02-30"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.out.find("2027-02-30"), std::string::npos) << bad.out;
}

// A trainer walks a list decision past its defence period on a demonstration platform: the
// clock runs shifted, /readyz and the pages say so. A real platform refuses the flag.
TEST(ShiftedClockTest, OnlyADemonstrationPlatformRunsWithAShiftedClock) {
  TempDir real;
  auto init = RunXinyong({"init", "--data", real.path()});
  ASSERT_EQ(init.exit_code, 0) << init.out;
  auto refused = RunXinyong({"serve", "--data", real.path(), "--port", "0", "--clock", "+30d"});
  EXPECT_EQ(refused.exit_code, 2) << refused.out;
  EXPECT_NE(refused.out.find("only a demonstration platform"), std::string::npos) << refused.out;

  TempDir demo;
  auto made = RunXinyong({"demo", "--data", demo.path(), "--subjects", "20"});
  ASSERT_EQ(made.exit_code, 0) << made.out;
  auto malformed =
      RunXinyong({"serve", "--data", demo.path(), "--port", "0", "--clock", "next week"});
  EXPECT_EQ(malformed.exit_code, 2);
  EXPECT_NE(malformed.out.find("2027-01-15T10:00:00+08:00"), std::string::npos) << malformed.out;

  ServerProcess server(demo.path(), {"--clock", "2027-01-15T10:00:00+08:00"});
  ASSERT_TRUE(server.Start()) << server.output();
  auto ready = Http(server.port(), "GET", "/readyz");
  ASSERT_EQ(ready.status, 200) << ready.body;
  json r = json::parse(ready.body);
  EXPECT_EQ(r["clock"]["shifted"], true);
  EXPECT_EQ(r["clock"]["today"], "2027-01-15");
  EXPECT_EQ(r["clock"]["now"].get<std::string>().substr(0, 13), "2027-01-15T02");
  bool said = false;
  for (const auto& w : r["warnings"]) {
    said = said || w.get<std::string>().find("clock is shifted") != std::string::npos;
  }
  EXPECT_TRUE(said) << ready.body;
}

// /readyz warns that the coming year is provisional, not that deadlines will fail.
TEST(ShiftedClockTest, ReadyzSaysTheComingYearIsProvisional) {
  TempDir demo;
  auto made = RunXinyong({"demo", "--data", demo.path(), "--subjects", "20"});
  ASSERT_EQ(made.exit_code, 0) << made.out;
  ServerProcess server(demo.path(), {"--clock", "2026-12-24T10:00:00+08:00"});
  ASSERT_TRUE(server.Start()) << server.output();
  json r = json::parse(Http(server.port(), "GET", "/readyz").body);
  std::string all;
  for (const auto& w : r["warnings"]) all += w.get<std::string>() + "\n";
  EXPECT_NE(all.find("working days in 2027 are provisional"), std::string::npos) << all;
  EXPECT_EQ(all.find("refused"), std::string::npos) << all;
  EXPECT_EQ(r["calendar_provisional_from"], "2027-01-01");
}

// The whole path through the binary: an objection filed at the counter on 2026-12-24 gets
// its deadlines, the one in 2027 marked provisional; the 2027 notice is added (元旦 1-4
// January) and the platform restarted: the limit moves to the later date, with a step the
// filer sees and an event in the log; nothing is provisional any more.
TEST(ShiftedClockTest, ANoticeAddedLaterRecountsAnObjectionsLimit) {
  namespace fs = std::filesystem;
  TempDir demo;
  auto made = RunXinyong({"demo", "--data", demo.path(), "--subjects", "300"});
  ASSERT_EQ(made.exit_code, 0) << made.out;
  std::smatch m;
  const std::regex pw("Password[^:]*: ([A-Za-z0-9]+)");
  ASSERT_TRUE(std::regex_search(made.out, m, pw)) << made.out;
  const std::string password = m[1];

  std::string id;
  {
    ServerProcess server(demo.path(), {"--clock", "2026-12-24T10:00:00+08:00"});
    ASSERT_TRUE(server.Start()) << server.output();
    auto login = Http(server.port(), "POST", "/api/v1/sessions",
                      json({{"username", "admin"}, {"password", password}}).dump());
    ASSERT_EQ(login.status, 201) << login.body;
    const std::map<std::string, std::string> auth = {
        {"Authorization", "Bearer " + json::parse(login.body)["token"].get<std::string>()}};
    auto records = Http(server.port(), "GET", "/api/v1/records?limit=1", "", auth);
    ASSERT_EQ(records.status, 200) << records.body;
    const json rec = json::parse(records.body)["items"].at(0);
    auto filed = Http(server.port(), "POST", "/api/v1/objections",
                      json({{"target_kind", "record"},
                            {"target_id", rec["id"]},
                            {"filer_name", "到窗口提出异议的企业"},
                            {"filer_contact", "025-12345678"},
                            {"reasons", "处罚决定书文号有误"}})
                          .dump(),
                      auth);
    ASSERT_EQ(filed.status, 201) << filed.body;
    const json f = json::parse(filed.body);
    EXPECT_EQ(f["accept_due"], "2026-12-28");
    EXPECT_EQ(f["close_due"], "2027-01-22");
    EXPECT_EQ(f["provisional"], true);
    EXPECT_EQ(f["provisional_dates"], json({"close_due"}));
    id = std::to_string(f["id"].get<int64_t>());
    EXPECT_EQ(server.Terminate(), 0) << server.output();
  }

  // The notice arrives: a policy directory with 2027.yaml.
  TempDir policy;
  fs::copy(XY_SOURCE_DIR "/policy", policy.path(), fs::copy_options::recursive);
  std::ofstream(policy.path() + "/calendar/2027.yaml")
      << "year: 2027\nsource: \"test notice for 2027\"\nholidays:\n"
         "  - {name: 元旦, from: 2027-01-01, to: 2027-01-04}\nmakeup_workdays: []\n";
  ::setenv("XINYONG_POLICY_DIR", policy.path().c_str(), 1);
  ServerProcess server(demo.path(), {"--clock", "2026-12-24T11:00:00+08:00"});
  const bool started = server.Start();
  ::unsetenv("XINYONG_POLICY_DIR");
  ASSERT_TRUE(started) << server.output();
  EXPECT_NE(server.output().find("2027-01-22 -> 2027-01-25"), std::string::npos) << server.output();
  auto login = Http(server.port(), "POST", "/api/v1/sessions",
                    json({{"username", "admin"}, {"password", password}}).dump());
  const std::map<std::string, std::string> auth = {
      {"Authorization", "Bearer " + json::parse(login.body)["token"].get<std::string>()}};
  auto got = Http(server.port(), "GET", "/api/v1/objections/" + id, "", auth);
  ASSERT_EQ(got.status, 200) << got.body;
  const json o = json::parse(got.body);
  EXPECT_EQ(o["close_due"], "2027-01-25");
  EXPECT_EQ(o["provisional"], false);
  EXPECT_EQ(o["steps"].back()["step"], "deadline_recounted") << o.dump();
  auto events = Http(server.port(), "GET", "/api/v1/events?type=deadline.recounted", "", auth);
  ASSERT_EQ(events.status, 200) << events.body;
  EXPECT_NE(events.body.find("2027-01-25"), std::string::npos) << events.body;
}

}  // namespace
}  // namespace xytest
