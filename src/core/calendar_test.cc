#include "core/calendar.h"

#include <gtest/gtest.h>

#include <fstream>
#include <initializer_list>
#include <string>
#include <vector>

namespace xinyong {
namespace {

namespace fs = std::filesystem;

const char* const kPolicyDir = XY_SOURCE_DIR "/policy/calendar";

Date D(const char* text) { return *Date::Parse(text); }

class CalendarTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto c = WorkingCalendar::LoadDir(kPolicyDir);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    cal_ = new WorkingCalendar(std::move(c).value());
  }
  static void TearDownTestSuite() {
    delete cal_;
    cal_ = nullptr;
  }
  static bool Working(const char* date) {
    auto r = cal_->IsWorkingDay(D(date));
    EXPECT_TRUE(r.ok()) << date << ": " << r.status().ToString();
    return r.ok() && *r;
  }
  static WorkingCalendar* cal_;
};
WorkingCalendar* CalendarTest::cal_ = nullptr;

TEST_F(CalendarTest, ShipsTheYearsOfTheNotices) {
  EXPECT_EQ(cal_->Years(), (std::vector<int>{2024, 2025, 2026}));
  EXPECT_TRUE(cal_->CoversYear(2025));
  EXPECT_FALSE(cal_->CoversYear(2023));
}

TEST_F(CalendarTest, HolidaysAndMakeUpDays) {
  EXPECT_TRUE(Working("2024-02-04"));   // Sunday, make-up day for 春节
  EXPECT_FALSE(Working("2024-02-12"));  // Monday in 春节
  EXPECT_TRUE(Working("2024-02-09"));   // 除夕 2024 only "encouraged" as a day off
  EXPECT_FALSE(Working("2024-02-10"));
  EXPECT_TRUE(Working("2024-02-18"));   // Sunday, make-up day
  EXPECT_FALSE(Working("2024-03-02"));  // an ordinary Saturday
  EXPECT_TRUE(Working("2024-03-04"));   // an ordinary Monday
  EXPECT_FALSE(Working("2024-06-10"));  // 端午节
  EXPECT_TRUE(Working("2024-09-14"));   // Saturday, make-up day for 中秋节
  EXPECT_FALSE(Working("2025-10-08"));  // 国庆节、中秋节 2025, 8 days
  EXPECT_TRUE(Working("2025-10-11"));
  EXPECT_FALSE(Working("2026-01-02"));
  EXPECT_TRUE(Working("2026-01-04"));   // Sunday, make-up day for 元旦
  EXPECT_FALSE(Working("2026-02-23"));  // Monday, last day of 春节
  EXPECT_TRUE(Working("2026-02-28"));   // Saturday, make-up day
  EXPECT_TRUE(Working("2026-09-20"));
  EXPECT_FALSE(Working("2026-10-07"));
}

TEST_F(CalendarTest, WorkingDaysPerYearMatchTheStatutoryHolidays) {
  // Days off beyond weekends = statutory holidays: 11 until 2024, 13 from 2025
  // (全国年节及纪念日放假办法, revised 2024). 2024 has 104 weekend days, 2025 and 2026 104.
  EXPECT_EQ(*cal_->WorkingDaysBetween(D("2023-12-31"), D("2024-12-31")), 366 - 104 - 11);
  EXPECT_EQ(*cal_->WorkingDaysBetween(D("2024-12-31"), D("2025-12-31")), 365 - 104 - 13);
  EXPECT_EQ(*cal_->WorkingDaysBetween(D("2025-12-31"), D("2026-12-31")), 365 - 104 - 13);
}

TEST_F(CalendarTest, AddWorkingDaysAcrossSpringFestival2026) {
  // From Thursday 2026-02-12: 02-13 (Fri), 02-14 (Sat, make-up), holiday 02-15..23,
  // 02-24, 25, 26, 27, 02-28 (Sat, make-up) is the 7th.
  auto r = cal_->AddWorkingDays(D("2026-02-12"), 7);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->ToString(), "2026-02-28");
  EXPECT_EQ(cal_->AddWorkingDays(D("2026-02-12"), 2)->ToString(), "2026-02-14");
  EXPECT_EQ(cal_->AddWorkingDays(D("2026-02-12"), 3)->ToString(), "2026-02-24");
  EXPECT_EQ(cal_->AddWorkingDays(D("2026-02-12"), 0)->ToString(), "2026-02-12");
  EXPECT_EQ(cal_->AddWorkingDays(D("2026-02-15"), 1)->ToString(), "2026-02-24");
  EXPECT_EQ(cal_->AddWorkingDays(D("2025-09-30"), 1)->ToString(), "2025-10-09");
  // Across a year end that both years cover.
  EXPECT_EQ(cal_->AddWorkingDays(D("2025-12-31"), 1)->ToString(), "2026-01-04");
}

TEST_F(CalendarTest, WorkingDaysBetween) {
  EXPECT_EQ(*cal_->WorkingDaysBetween(D("2026-02-12"), D("2026-02-28")), 7);
  EXPECT_EQ(*cal_->WorkingDaysBetween(D("2026-02-28"), D("2026-02-12")), -7);
  EXPECT_EQ(*cal_->WorkingDaysBetween(D("2026-02-12"), D("2026-02-12")), 0);
  EXPECT_EQ(*cal_->WorkingDaysBetween(D("2026-02-14"), D("2026-02-23")), 0);
  for (int n : {0, 1, 5, 20, 60}) {
    Date end = *cal_->AddWorkingDays(D("2024-01-05"), n);
    EXPECT_EQ(*cal_->WorkingDaysBetween(D("2024-01-05"), end), n);
  }
}

TEST_F(CalendarTest, WorkingDaysBetweenAgreesWithCountingDayByDay) {
  // Every pair of days in a grid over the three years (and the day before them), against
  // IsWorkingDay one day at a time.
  const Date first = D("2023-12-31"), last = D("2026-12-31");
  for (Date from = first; from <= last; from = from.AddDays(37)) {
    int walked = 0;
    for (Date to = from; to <= last; to = to.AddDays(1)) {
      if (to != from && *cal_->IsWorkingDay(to)) ++walked;
      // (from == to asks for from's year, which 2023 is not.)
      if (to == from || ((to.days() - from.days()) % 11 != 0 && to != last)) continue;
      ASSERT_EQ(*cal_->WorkingDaysBetween(from, to), walked)
          << from.ToString() << ".." << to.ToString();
      ASSERT_EQ(*cal_->WorkingDaysBetween(to, from), -walked);
    }
  }
}

// A calendar of the given years without holidays or make-up days (weekends only), for tests
// about which years it holds.
Result<WorkingCalendar> PlainYears(std::initializer_list<int> years) {
  std::vector<CalendarYear> out;
  for (int year : years) {
    CalendarYear y;
    y.year = year;
    y.source = "test";
    out.push_back(std::move(y));
  }
  return WorkingCalendar::FromYears(std::move(out));
}

TEST(CalendarGapTest, AYearNotHeldBetweenTwoHeldOnesIsRefusedNotCountedAsNone) {
  auto cal = PlainYears({2024, 2026});
  ASSERT_TRUE(cal.ok()) << cal.status().ToString();
  auto across = cal->WorkingDaysBetween(D("2024-12-01"), D("2026-01-10"));
  ASSERT_FALSE(across.ok());
  EXPECT_NE(across.status().message().find("2025"), std::string::npos);
  // Inside one held year: weekdays only (no holidays given). 2026-01-05 is a Monday.
  EXPECT_EQ(*cal->WorkingDaysBetween(D("2026-01-04"), D("2026-01-11")), 5);
  EXPECT_EQ(*cal->WorkingDaysBetween(D("2025-12-31"), D("2026-01-02")), 2);
  EXPECT_EQ(*cal->WorkingDaysBetween(D("2024-12-30"), D("2024-12-31")), 1);
}

// Without the law file, a year with no notice is refused, never guessed.
TEST(CalendarWithoutLawTest, YearsWithoutANoticeAreRefused) {
  auto loaded = PlainYears({2024, 2025, 2026});
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const WorkingCalendar& cal = *loaded;
  auto before = cal.IsWorkingDay(D("2023-12-29"));
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.status().code(), Code::kFailedPrecondition);
  EXPECT_NE(before.status().message().find("2023"), std::string::npos);
  EXPECT_EQ(cal.IsWorkingDay(D("2027-01-04")).status().code(), Code::kFailedPrecondition);

  auto over = cal.AddWorkingDays(D("2026-12-29"), 5);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().code(), Code::kFailedPrecondition);
  EXPECT_NE(over.status().message().find("2027"), std::string::npos) << over.status().message();
  EXPECT_TRUE(cal.AddWorkingDays(D("2026-12-29"), 2).ok());  // 12-31 stays in 2026

  EXPECT_EQ(cal.AddWorkingDays(D("2023-12-29"), 0).status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(cal.AddWorkingDays(D("2023-12-29"), 1).status().code(),
            Code::kFailedPrecondition);  // 2023-12-30 would have to be looked at
  // Only the days looked at count: from 2023-12-31 the next day is in 2024.
  EXPECT_EQ(cal.AddWorkingDays(D("2023-12-31"), 1)->ToString(), "2024-01-01");
  EXPECT_EQ(*cal.WorkingDaysBetween(D("2023-12-31"), D("2024-01-02")), 2);
  EXPECT_EQ(cal.WorkingDaysBetween(D("2023-12-30"), D("2024-01-02")).status().code(),
            Code::kFailedPrecondition);
  EXPECT_EQ(cal.WorkingDaysBetween(D("2023-12-01"), D("2024-01-10")).status().code(),
            Code::kFailedPrecondition);
  EXPECT_EQ(cal.WorkingDaysBetween(D("2027-01-10"), D("2026-12-01")).status().code(),
            Code::kFailedPrecondition);
  EXPECT_EQ(cal.AddWorkingDays(D("2026-02-12"), -1).status().code(), Code::kInvalidArgument);
  EXPECT_FALSE(cal.IsProvisionalYear(2027));
}

// With the law (as shipped), a year without a notice is counted provisionally and says so;
// outside 2000-2100 nothing is counted.
TEST_F(CalendarTest, YearsWithoutANoticeAreProvisional) {
  EXPECT_TRUE(cal_->IsProvisionalYear(2027));
  EXPECT_TRUE(cal_->IsProvisionalYear(2023));
  EXPECT_FALSE(cal_->IsProvisionalYear(2026));
  EXPECT_FALSE(cal_->IsProvisionalYear(2101));

  // issue: 10 working days from 2026-12-28 (Monday): 12-29, 30, 31, 2027-01-01 is 元旦, then
  // 01-04 .. 01-08 and 01-11 .. 01-12 -> 2027-01-12.
  auto due = cal_->DueAfter(D("2026-12-28"), 10);
  ASSERT_TRUE(due.ok()) << due.status().ToString();
  EXPECT_EQ(due->date.ToString(), "2027-01-12");
  EXPECT_TRUE(due->provisional);
  auto inside = cal_->DueAfter(D("2026-12-01"), 10);
  ASSERT_TRUE(inside.ok());
  EXPECT_FALSE(inside->provisional);
  EXPECT_TRUE(cal_->Provisional(D("2026-12-28"), D("2027-01-12")));
  EXPECT_FALSE(cal_->Provisional(D("2026-12-01"), D("2026-12-31")));
  EXPECT_TRUE(cal_->Provisional(D("2026-12-31"), D("2026-12-31")) == false);

  auto spring = cal_->Day(D("2027-02-08"));  // 正月初三 of 2027 (初一 is 02-06)
  ASSERT_TRUE(spring.ok()) << spring.status().ToString();
  EXPECT_FALSE(spring->working);
  EXPECT_EQ(spring->holiday, "春节");
  EXPECT_TRUE(spring->provisional);
  auto makeup = cal_->Day(D("2026-02-28"));
  ASSERT_TRUE(makeup.ok());
  EXPECT_TRUE(makeup->working);
  EXPECT_TRUE(makeup->makeup);
  EXPECT_FALSE(makeup->provisional);

  // A year's working days in a provisional year: weekends and the 13 statutory days, plus a
  // substitute for each of those on a weekend, none of which is a make-up day.
  auto n = cal_->WorkingDaysBetween(D("2026-12-31"), D("2027-12-31"));
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n, 365 - 104 - 13);

  for (const char* outside : {"1999-12-31", "2101-01-03"}) {
    auto r = cal_->IsWorkingDay(D(outside));
    ASSERT_FALSE(r.ok()) << outside;
    EXPECT_EQ(r.status().code(), Code::kFailedPrecondition);
    EXPECT_NE(r.status().message().find("2000-2100"), std::string::npos) << r.status().message();
  }
  EXPECT_TRUE(cal_->IsWorkingDay(D("2100-12-31")).ok());
  EXPECT_TRUE(cal_->IsWorkingDay(D("2000-01-01")).ok());
}

// Counting through provisional years agrees with counting day by day, over 2026-2029.
TEST_F(CalendarTest, ProvisionalCountsAgreeWithCountingDayByDay) {
  const Date first = D("2026-06-30"), last = D("2029-12-31");
  for (Date from = first; from <= last; from = from.AddDays(53)) {
    int walked = 0;
    for (Date to = from; to <= last; to = to.AddDays(1)) {
      if (to != from && *cal_->IsWorkingDay(to)) ++walked;
      if ((to.days() - from.days()) % 13 != 0) continue;
      ASSERT_EQ(*cal_->WorkingDaysBetween(from, to), walked)
          << from.ToString() << ".." << to.ToString();
      if (walked > 0) {
        // The first working day reaching that count is `to` or before it.
        Date due = *cal_->AddWorkingDays(from, walked);
        ASSERT_LE(due, to);
        ASSERT_EQ(*cal_->WorkingDaysBetween(from, due), walked);
      }
    }
  }
}

// ---- loading -------------------------------------------------------------------------------

class CalendarLoadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("xy_calendar_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  // Writes one file into an empty directory and returns the load error ("" when it loads).
  std::string LoadError(const std::string& name, const std::string& text) {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    Write(name, text);
    auto c = WorkingCalendar::LoadDir(dir_);
    if (c.ok()) return "";
    EXPECT_EQ(c.status().code(), Code::kInvalidArgument) << c.status().message();
    return c.status().message();
  }

  fs::path dir_;
};

const char* const kGood =
    "year: 2030\n"
    "source: \"test notice\"\n"
    "holidays:\n"
    "  - {name: 元旦, from: 2030-01-01, to: 2030-01-01}\n"
    "  - {name: 春节, from: 2030-02-02, to: 2030-02-09}\n"
    "makeup_workdays:\n"
    "  - {name: 春节, date: 2030-01-26}\n";

TEST_F(CalendarLoadTest, LoadsAGoodFileAndIgnoresOtherFiles) {
  Write("2030.yaml", kGood);
  Write("README.md", "not a calendar");
  auto c = WorkingCalendar::LoadDir(dir_);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->Years(), std::vector<int>{2030});
  EXPECT_TRUE(*c->IsWorkingDay(D("2030-01-26")));   // Saturday make-up day
  EXPECT_FALSE(*c->IsWorkingDay(D("2030-02-04")));  // Monday in 春节
}

TEST_F(CalendarLoadTest, BrokenFilesAreRefusedWithTheReason) {
  struct Case {
    std::string file, text, expect;
  };
  const std::string head = "year: 2030\nsource: \"test\"\n";
  const std::vector<Case> cases = {
      {"2031.yaml", kGood, "named for 2031"},
      {"2030.yaml", std::string(kGood) + "extra: 1\n", "unknown key \"extra\""},
      {"2030.yaml",
       head + "holidays:\n  - {name: 元旦, from: 2030-01-01, to: 2030-01-01, "
              "days: 1}\nmakeup_workdays: []\n",
       "holidays[1]"},
      {"2030.yaml",
       head + "holidays:\n  - {name: 元旦, from: 2030-01-01, to: 2030-01-01, "
              "days: 1}\nmakeup_workdays: []\n",
       "unknown key \"days\""},
      {"2030.yaml", head + "holidays: []\nmakeup_workdays:\n  - {name: 春节, date: 2030-01-28}\n",
       "2030-01-28 (春节) is not a Saturday or Sunday"},
      {"2030.yaml",
       head + "holidays:\n  - {name: 春节, from: 2030-02-02, to: 2030-02-09}\n"
              "makeup_workdays:\n  - {name: 春节, date: 2030-02-02}\n",
       "also listed as a holiday"},
      {"2030.yaml",
       head + "holidays:\n  - {name: 元旦, from: 2029-12-31, to: 2030-01-01}\n"
              "makeup_workdays: []\n",
       "outside 2030"},
      {"2030.yaml", head + "holidays: []\nmakeup_workdays:\n  - {name: 元旦, date: 2031-01-04}\n",
       "outside 2030"},
      {"2030.yaml",
       head + "holidays:\n  - {name: 春节, from: 2030-02-30, to: 2030-03-02}\n"
              "makeup_workdays: []\n",
       "\"2030-02-30\"不是有效日期"},
      {"2030.yaml",
       head + "holidays:\n  - {name: 春节, from: 2030-02-09, to: 2030-02-02}\n"
              "makeup_workdays: []\n",
       "to 2030-02-02 is before from 2030-02-09"},
      {"2030.yaml",
       head + "holidays:\n  - {name: 春节, from: 2030-2-2, to: 2030-02-09}\n"
              "makeup_workdays: []\n",
       "YYYY-MM-DD"},
      {"2030.yaml",
       head + "holidays:\n  - {name: 春节, from: 2030-02-02, to: 2030-12-09}\n"
              "makeup_workdays: []\n",
       "longer than"},
      {"2030.yaml",
       head + "holidays:\n  - {name: 春节, from: 2030-02-02, to: 2030-02-09}\n"
              "  - {name: 情人节, from: 2030-02-09, to: 2030-02-14}\n"
              "makeup_workdays: []\n",
       "2030-02-09 is already a holiday (春节)"},
      {"2030.yaml",
       head + "holidays:\n  - {from: 2030-02-02, to: 2030-02-09}\n"
              "makeup_workdays: []\n",
       "\"name\" is missing"},
      {"2030.yaml", head + "holidays: []\n", "\"makeup_workdays\" is missing"},
      {"2030.yaml", "year: 2030\nholidays: []\nmakeup_workdays: []\n", "\"source\" is missing"},
      {"2030.yaml", head + "holidays: {}\nmakeup_workdays: []\n", "\"holidays\" must be a list"},
      {"2030.yaml", head + "holidays: [\nmakeup_workdays: []\n", "not valid YAML"},
      {"2030.yaml", "year: twenty\nsource: x\nholidays: []\nmakeup_workdays: []\n", "4-digit year"},
      {"2030.yaml", "- just\n- a list\n", "expected a mapping"},
      {"2030.yaml", head + "holidays: []\nmakeup_workdays: []\nyear: 2030\n", "appears twice"},
      {"holidays.yaml", kGood, "must be named <year>.yaml"},
  };
  for (const auto& c : cases) {
    const std::string err = LoadError(c.file, c.text);
    EXPECT_NE(err.find(c.expect), std::string::npos)
        << "file " << c.file << ":\n"
        << c.text << "\ngave: " << err << "\nexpected: " << c.expect;
    if (c.file == "2030.yaml" && !err.empty()) {
      EXPECT_EQ(err.rfind("2030.yaml", 0), 0u) << "the message names the file: " << err;
    }
  }
}

TEST_F(CalendarLoadTest, ErrorsNameTheLine) {
  const std::string err =
      LoadError("2030.yaml",
                "year: 2030\nsource: x\nholidays: []\nmakeup_workdays:\n"
                "  - {name: 春节, date: 2030-01-28}\n  - {name: 春节, date: 2030-01-28}\n");
  EXPECT_NE(err.find("makeup_workdays[2]"), std::string::npos) << err;
  EXPECT_NE(err.find("line 6"), std::string::npos) << err;
}

TEST_F(CalendarLoadTest, MissingOrEmptyDirectory) {
  EXPECT_EQ(WorkingCalendar::LoadDir(dir_ / "nope").status().code(), Code::kNotFound);
  auto empty = WorkingCalendar::LoadDir(dir_);
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("no <year>.yaml file and no law.yaml"),
            std::string::npos);
}

TEST(CalendarFromYearsTest, ValidatesLikeTheLoader) {
  CalendarYear y;
  y.year = 2030;
  y.source = "test";
  y.holidays[D("2030-01-01")] = "元旦";
  y.makeup_workdays[D("2030-01-26")] = "春节";
  auto ok = WorkingCalendar::FromYears({y});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_FALSE(*ok->IsWorkingDay(D("2030-01-01")));

  CalendarYear weekday_makeup = y;
  weekday_makeup.makeup_workdays[D("2030-01-28")] = "春节";
  EXPECT_EQ(WorkingCalendar::FromYears({weekday_makeup}).status().code(), Code::kInvalidArgument);
  CalendarYear no_source = y;
  no_source.source.clear();
  EXPECT_FALSE(WorkingCalendar::FromYears({no_source}).ok());
  EXPECT_FALSE(WorkingCalendar::FromYears({y, y}).ok());  // the same year twice
  CalendarYear stray = y;
  stray.holidays[D("2031-01-01")] = "元旦";
  EXPECT_FALSE(WorkingCalendar::FromYears({stray}).ok());
}

// Operators are told in time that next year's notice is missing: the calendar's last day
// within `days` of today, or past, gives a warning naming the file to add.
TEST(CalendarEndingTest, WarnsWithinTheHorizonAndNamesTheMissingYear) {
  auto cal = PlainYears({2025, 2026});
  ASSERT_TRUE(cal.ok()) << cal.status().ToString();
  ASSERT_TRUE(cal->LastDay().has_value());
  EXPECT_EQ(cal->LastDay()->ToString(), "2026-12-31");
  EXPECT_EQ(cal->EndingWarning(D("2026-11-01"), 60), "");  // 60 days on is 2026-12-31
  const std::string soon = cal->EndingWarning(D("2026-11-02"), 60);
  EXPECT_NE(soon.find("ends on 2026-12-31"), std::string::npos) << soon;
  EXPECT_NE(soon.find("policy/calendar/2027.yaml"), std::string::npos) << soon;
  const std::string past = cal->EndingWarning(D("2027-01-04"), 60);
  EXPECT_NE(past.find("ended on 2026-12-31"), std::string::npos) << past;
  EXPECT_NE(past.find("2027.yaml"), std::string::npos) << past;

  auto none = PlainYears({});
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_FALSE(none->LastDay().has_value());
  EXPECT_NE(none->EndingWarning(D("2026-11-02"), 60).find("holds no year"), std::string::npos);
}

// With the law, the warning says the coming year is provisional until its notice is added,
// not that deadlines will fail.
TEST_F(CalendarTest, WarningSaysTheComingYearIsProvisional) {
  EXPECT_EQ(cal_->EndingWarning(D("2026-11-01"), 60), "");
  for (const char* today : {"2026-12-07", "2027-03-01"}) {
    const std::string w = cal_->EndingWarning(D(today), 60);
    EXPECT_NE(w.find("working days in 2027 are provisional"), std::string::npos) << w;
    EXPECT_NE(w.find("policy/calendar/2027.yaml"), std::string::npos) << w;
    EXPECT_EQ(w.find("refused"), std::string::npos) << w;
  }
}

}  // namespace
}  // namespace xinyong
