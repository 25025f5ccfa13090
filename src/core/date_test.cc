#include "core/date.h"

#include <gtest/gtest.h>

namespace xinyong {
namespace {

TEST(DateTest, EpochAndDefault) {
  Date d;
  EXPECT_EQ(d.days(), 0);
  EXPECT_EQ(d.ToString(), "1970-01-01");
  EXPECT_EQ(d.weekday(), 4);  // Thursday
}

TEST(DateTest, FromYmdRoundTrips) {
  auto d = Date::FromYmd(2024, 2, 29);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->year(), 2024);
  EXPECT_EQ(d->month(), 2);
  EXPECT_EQ(d->day(), 29);
  EXPECT_EQ(d->ToString(), "2024-02-29");
  EXPECT_EQ(Date::FromDays(d->days()), *d);
  EXPECT_EQ(Date::FromYmd(1969, 12, 31)->days(), -1);
  EXPECT_EQ(Date::FromYmd(2000, 1, 1)->days(), 10957);
}

TEST(DateTest, FromYmdRejectsDaysThatDoNotExist) {
  auto d = Date::FromYmd(2023, 2, 29);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), Code::kInvalidArgument);
  EXPECT_NE(d.status().message().find("只有28天"), std::string::npos) << d.status().message();
  EXPECT_FALSE(Date::FromYmd(1900, 2, 29).ok());
  EXPECT_TRUE(Date::FromYmd(2000, 2, 29).ok());
  EXPECT_FALSE(Date::FromYmd(2024, 13, 1).ok());
  EXPECT_FALSE(Date::FromYmd(2024, 0, 1).ok());
  EXPECT_FALSE(Date::FromYmd(2024, 4, 31).ok());
  EXPECT_FALSE(Date::FromYmd(2024, 4, 0).ok());
  EXPECT_FALSE(Date::FromYmd(0, 1, 1).ok());
  EXPECT_FALSE(Date::FromYmd(10000, 1, 1).ok());
}

TEST(DateTest, Parse) {
  EXPECT_EQ(Date::Parse("2024-02-04")->ToString(), "2024-02-04");
  EXPECT_EQ(Date::Parse("20240204")->ToString(), "2024-02-04");
  for (const char* bad : {"", "2024-2-4", "2024/02/04", "2024-02-04 ", "2024020", "abcdefgh",
                          "2024-0a-04", "+2024-02-04", "2024-02-30", "19490231"}) {
    auto r = Date::Parse(bad);
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  }
  auto r = Date::Parse("2023-02-29");
  EXPECT_NE(r.status().message().find("\"2023-02-29\""), std::string::npos);
  EXPECT_NE(Date::Parse("2024/02/04").status().message().find("YYYY-MM-DD"), std::string::npos);
}

TEST(DateTest, Weekday) {
  EXPECT_EQ(Date::Parse("2024-02-04")->weekday(), 7);  // Sunday
  EXPECT_TRUE(Date::Parse("2024-02-04")->IsWeekend());
  EXPECT_EQ(Date::Parse("2024-02-05")->weekday(), 1);  // Monday
  EXPECT_EQ(Date::Parse("2026-02-14")->weekday(), 6);  // Saturday
  EXPECT_FALSE(Date::Parse("2026-02-12")->IsWeekend());
  EXPECT_EQ(Date::Parse("1969-12-28")->weekday(), 7);
}

TEST(DateTest, ArithmeticAndOrder) {
  Date a = *Date::Parse("2024-12-31");
  EXPECT_EQ(a.AddDays(1).ToString(), "2025-01-01");
  EXPECT_EQ(a.AddDays(-366).ToString(), "2023-12-31");
  EXPECT_LT(a, a.AddDays(1));
  EXPECT_EQ(a, *Date::FromYmd(2024, 12, 31));
}

TEST(DateTest, FromUnixSecondsCst) {
  // 2026-11-27T02:25:40Z is 10:25 in Beijing, the same day.
  EXPECT_EQ(Date::FromUnixSecondsCst(1795746340).ToString(), "2026-11-27");
  // 2024-02-03T16:00:00Z is midnight 2024-02-04 in Beijing.
  EXPECT_EQ(Date::FromUnixSecondsCst(1706976000).ToString(), "2024-02-04");
  EXPECT_EQ(Date::FromUnixSecondsCst(1706975999).ToString(), "2024-02-03");
  EXPECT_EQ(Date::FromUnixSecondsCst(0).ToString(), "1970-01-01");
  EXPECT_EQ(Date::FromUnixSecondsCst(-8 * 3600 - 1).ToString(), "1969-12-31");
}

}  // namespace
}  // namespace xinyong
