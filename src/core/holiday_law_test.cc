// The provisional calendar against the published notices: every statutory rest day (and each
// weekend substitute) the law gives for 2024-2026 is a day off in that year's notice.
#include "core/holiday_law.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/calendar.h"
#include "core/sky.h"

namespace xinyong {
namespace {

namespace fs = std::filesystem;

const char* const kPolicyDir = XY_SOURCE_DIR "/policy/calendar";

Date D(const char* text) { return *Date::Parse(text); }

const HolidayLaw& Law() {
  static const HolidayLaw* law = [] {
    auto l = HolidayLaw::LoadFile(fs::path(kPolicyDir) / "law.yaml");
    EXPECT_TRUE(l.ok()) << l.status().ToString();
    return new HolidayLaw(l.ok() ? std::move(l).value() : HolidayLaw());
  }();
  return *law;
}

TEST(SkyTest, ChineseNewYearAndFestivals) {
  // 正月初一 of the years around now, as the notices and the almanac give them.
  EXPECT_EQ(ChineseDate(2024, 1, 1)->ToString(), "2024-02-10");
  EXPECT_EQ(ChineseDate(2025, 1, 1)->ToString(), "2025-01-29");
  EXPECT_EQ(ChineseDate(2026, 1, 1)->ToString(), "2026-02-17");
  // The new moon is at 23:56 Beijing time on 6 February 2027: 春节 is the 6th (ICU alone says
  // the 7th).
  EXPECT_EQ(ChineseDate(2027, 1, 1)->ToString(), "2027-02-06");
  EXPECT_EQ(ChineseDate(2028, 1, 1)->ToString(), "2028-01-26");
  EXPECT_EQ(ChineseDate(2026, 5, 5)->ToString(), "2026-06-19");   // 端午节
  EXPECT_EQ(ChineseDate(2025, 8, 15)->ToString(), "2025-10-06");  // 中秋节
  EXPECT_EQ(ChineseDate(2024, 8, 15)->ToString(), "2024-09-17");
  EXPECT_FALSE(ChineseDate(1800, 1, 1).ok());
  EXPECT_FALSE(ChineseDate(2026, 13, 1).ok());
}

TEST(SkyTest, Qingming) {
  EXPECT_EQ(SolarTermDay(2024, 15)->ToString(), "2024-04-04");  // 15:02 Beijing time
  EXPECT_EQ(SolarTermDay(2025, 15)->ToString(), "2025-04-04");  // 20:48
  EXPECT_EQ(SolarTermDay(2026, 15)->ToString(), "2026-04-05");  // 02:40
  EXPECT_EQ(SolarTermDay(2027, 15)->ToString(), "2027-04-05");
  EXPECT_EQ(SolarTermDay(2024, 270)->ToString(), "2024-12-21");  // 冬至
  EXPECT_FALSE(SolarTermDay(2024, 360).ok());
}

// The published notices (policy/calendar/2024-2026.yaml) against the law: each statutory day
// and substitute of the law lies in one of the notice's holiday stretches.
TEST(HolidayLawTest, ReproducesEveryStatutoryDayOfThePublishedNotices) {
  auto notices = WorkingCalendar::LoadDir(kPolicyDir);
  ASSERT_TRUE(notices.ok()) << notices.status().ToString();
  for (int year : {2024, 2025, 2026}) {
    ASSERT_TRUE(notices->CoversYear(year));
    auto law = Law().Year(year);
    ASSERT_TRUE(law.ok()) << law.status().ToString();
    EXPECT_EQ(law->statutory.size(), year < 2025 ? 11u : 13u) << year;
    for (const auto* days : {&law->statutory, &law->substitute}) {
      for (const auto& [date, name] : *days) {
        auto day = notices->Day(date);
        ASSERT_TRUE(day.ok());
        EXPECT_FALSE(day->working)
            << year << ": " << name << " " << date.ToString() << " is a working day in the notice";
        EXPECT_NE(day->holiday.find(name), std::string::npos)
            << date.ToString() << ": law says " << name << ", notice says " << day->holiday;
      }
    }
  }
}

TEST(HolidayLawTest, VersionsAndSubstitutes) {
  // 2024 (2013 version): 春节 is 初一 to 初三, 10 Feb (Sat) to 12 Feb; the weekend days take
  // 13 and 14 Feb.
  auto y2024 = Law().Year(2024);
  ASSERT_TRUE(y2024.ok());
  EXPECT_EQ(y2024->statutory.count(D("2024-02-09")), 0u);  // 除夕 was not a statutory day
  EXPECT_EQ(y2024->substitute.at(D("2024-02-13")), "春节");
  EXPECT_EQ(y2024->substitute.at(D("2024-02-14")), "春节");
  EXPECT_NE(y2024->source.find("644"), std::string::npos);
  // 2027 (2024 version): 除夕 5 Feb (Fri), 初一 to 初三 6-8 Feb; Sat and Sun take 9 and 10 Feb.
  auto y2027 = Law().Year(2027);
  ASSERT_TRUE(y2027.ok());
  for (const char* d : {"2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08",
                        "2027-04-05", "2027-05-01", "2027-05-02", "2027-06-09", "2027-09-15",
                        "2027-10-01", "2027-10-02", "2027-10-03"}) {
    EXPECT_EQ(y2027->statutory.count(D(d)), 1u) << d;
  }
  // 02-06, 02-07, 05-01, 05-02, 10-02 and 10-03 fall on a weekend.
  EXPECT_EQ(y2027->substitute.size(), 6u);
  EXPECT_EQ(y2027->substitute.at(D("2027-02-09")), "春节");
  EXPECT_EQ(y2027->substitute.at(D("2027-02-10")), "春节");
  EXPECT_NE(y2027->source.find("795"), std::string::npos);
  EXPECT_FALSE(Law().Year(1999).ok());
  EXPECT_FALSE(Law().Year(2101).ok());
}

// Every year 2000-2100 can be computed, each with its statutory days inside the year.
TEST(HolidayLawTest, EveryYearOfTheRangeComputes) {
  for (int year = HolidayLaw::kFirstYear; year <= HolidayLaw::kLastYear; ++year) {
    auto y = Law().Year(year);
    ASSERT_TRUE(y.ok()) << year << ": " << y.status().ToString();
    EXPECT_GE(y->statutory.size(), 9u) << year;
    for (const auto& [d, name] : y->substitute) EXPECT_FALSE(d.IsWeekend()) << d.ToString();
  }
}

class HolidayLawLoadTest : public ::testing::Test {
 protected:
  void SetUp() override { path_ = fs::path(::testing::TempDir()) / "xy_law.yaml"; }
  void TearDown() override { fs::remove(path_); }
  std::string LoadError(const std::string& text) {
    std::ofstream(path_, std::ios::binary) << text;
    auto l = HolidayLaw::LoadFile(path_);
    return l.ok() ? "" : l.status().message();
  }
  fs::path path_;
};

TEST_F(HolidayLawLoadTest, RefusesBrokenRulesWithTheReason) {
  const std::string head =
      "versions:\n  - in_force: 2025-01-01\n    source: x\n    weekend_substitute: true\n"
      "    holidays:\n";
  struct Case {
    std::string text, expect;
  };
  const std::vector<Case> cases = {
      {head + "      - {name: 元旦, gregorian: {month: 1, day: 1}, days: 1}\n", ""},
      {head + "      - {name: 元旦, gregorian: {month: 2, day: 30}, days: 1}\n", "没有30日"},
      {head + "      - {name: 元旦, days: 1}\n", "exactly one of"},
      {head + "      - {name: 元旦, gregorian: {month: 1, day: 1}, solar_term: 15, days: 1}\n",
       "exactly one of"},
      {head + "      - {name: 清明节, solar_term: 17, days: 1}\n", "multiple of 15"},
      {head + "      - {name: 春节, lunar: {month: 1, day: 1}, days: 9}\n", "\"days\" is 9"},
      {head + "      - {name: 元旦, gregorian: {month: 1, day: 1}, offset: 1, days: 1}\n",
       "only for a \"lunar\""},
      {head + "      - {name: 元旦, gregorian: {month: 1}, days: 1}\n", "\"day\" is missing"},
      {"versions: []\n", "non-empty list"},
      {"versions:\n  - {in_force: 2025-01-01, source: x, weekend_substitute: maybe, holidays: "
       "[{name: a, gregorian: {month: 1, day: 1}, days: 1}]}\n",
       "true or false"},
      {"versions:\n"
       "  - {in_force: 2025-01-01, source: x, weekend_substitute: true, holidays: "
       "[{name: a, gregorian: {month: 1, day: 1}, days: 1}]}\n"
       "  - {in_force: 2014-01-01, source: y, weekend_substitute: true, holidays: "
       "[{name: a, gregorian: {month: 1, day: 1}, days: 1}]}\n",
       "oldest first"},
  };
  for (const auto& c : cases) {
    const std::string err = LoadError(c.text);
    if (c.expect.empty()) {
      EXPECT_EQ(err, "") << c.text;
    } else {
      EXPECT_NE(err.find(c.expect), std::string::npos) << c.text << "\ngave: " << err;
      EXPECT_EQ(err.rfind("xy_law.yaml", 0), 0u) << err;
    }
  }
}

}  // namespace
}  // namespace xinyong
