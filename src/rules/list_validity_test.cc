// 名单有效期: the default policy loads and fixes a period for every list kind; a decision without
// an end takes it, one beyond the maximum is refused naming the rule; broken files are refused.
#include "rules/list_validity.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace xinyong {
namespace {

namespace fs = std::filesystem;

const ListValidity& Default() {
  static const ListValidity* v = [] {
    auto loaded = ListValidity::LoadDir(fs::path(XY_SOURCE_DIR) / "policy" / "lists");
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return new ListValidity(loaded.ok() ? std::move(loaded).value() : ListValidity());
  }();
  return *v;
}

TEST(ListValidityTest, EveryListKindHasAPeriod) {
  for (const char* kind : {"red", "serious", "key_attention"}) {
    const ValidityPeriod* p = Default().Period(kind, "");
    ASSERT_NE(p, nullptr) << kind;
    EXPECT_GE(p->months, 1);
    EXPECT_LE(p->months, p->max_months);
    EXPECT_NE(Default().Period(kind, "no_such_domain"), nullptr) << "falls back to the default";
  }
  EXPECT_EQ(Default().Period("grey", ""), nullptr);
}

TEST(ListValidityTest, TheCourtsListRunsTwoYearsAndMayBeExtendedToFive) {
  const ValidityPeriod* p = Default().Period("serious", "court_enforcement");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->months, 24);
  EXPECT_EQ(p->max_months, 60);
  EXPECT_NE(p->source.find("失信被执行人"), std::string::npos) << p->source;
}

TEST(ListValidityTest, NoEndTakesThePeriodEndingOnTheCorrespondingDay) {
  auto end = Default().EndOf("serious", "market_regulation", "2026-12-07", "");
  ASSERT_TRUE(end.ok()) << end.status().ToString();
  EXPECT_EQ(*end, "2029-12-07");
  auto leap = Default().EndOf("serious", "court_enforcement", "2028-02-29", "");
  ASSERT_TRUE(leap.ok());
  EXPECT_EQ(*leap, "2030-02-28") << "no 29 February in 2030: the month's last day";
}

TEST(ListValidityTest, AnEndBeyondTheMaximumIsRefusedNamingTheRule) {
  auto ok = Default().EndOf("serious", "market_regulation", "2026-12-07", "2029-12-07");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(*ok, "2029-12-07");
  auto shorter = Default().EndOf("serious", "market_regulation", "2026-12-07", "2027-06-30");
  ASSERT_TRUE(shorter.ok());
  EXPECT_EQ(*shorter, "2027-06-30");
  auto beyond = Default().EndOf("serious", "market_regulation", "2026-12-07", "2029-12-08");
  ASSERT_EQ(beyond.status().code(), Code::kInvalidArgument);
  EXPECT_NE(beyond.status().message().find("valid_until"), std::string::npos);
  EXPECT_NE(beyond.status().message().find("2029-12-07"), std::string::npos)
      << beyond.status().message();
  auto before = Default().EndOf("serious", "market_regulation", "2026-12-07", "2026-12-06");
  EXPECT_EQ(before.status().code(), Code::kInvalidArgument);
  auto court = Default().EndOf("serious", "court_enforcement", "2026-12-07", "2031-12-07");
  EXPECT_TRUE(court.ok()) << "extended by three years: " << court.status().ToString();
  EXPECT_EQ(Default().EndOf("grey", "", "2026-12-07", "").status().code(),
            Code::kInvalidArgument);
}

Status LoadText(const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / ("xy-validity-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "validity.yaml") << text;
  Status s = ListValidity::LoadDir(dir).status();
  fs::remove_all(dir);
  return s;
}

TEST(ListValidityTest, BrokenFilesAreRefusedNamingWhere) {
  const std::string ok_rest =
      "  key_attention: {default: {months: 12, max_months: 24}}\n"
      "  red: {default: {months: 36, max_months: 36}}\n";
  EXPECT_TRUE(
      LoadText("version: 1\nlists:\n  serious: {default: {months: 36, max_months: 36}}\n" + ok_rest)
          .ok());
  Status above = LoadText(
      "version: 1\nlists:\n  serious: {default: {months: 48, max_months: 36}}\n" + ok_rest);
  EXPECT_NE(above.message().find("serious.default"), std::string::npos) << above.ToString();
  Status zero = LoadText(
      "version: 1\nlists:\n  serious: {default: {months: 0, max_months: 36}}\n" + ok_rest);
  EXPECT_NE(zero.message().find("months"), std::string::npos) << zero.ToString();
  Status kind = LoadText(
      "version: 1\nlists:\n  grey: {default: {months: 1, max_months: 2}}\n  serious: {default: "
      "{months: 36, max_months: 36}}\n" +
      ok_rest);
  EXPECT_NE(kind.message().find("grey"), std::string::npos) << kind.ToString();
  Status missing = LoadText("version: 1\nlists:\n" + ok_rest);
  EXPECT_NE(missing.message().find("serious"), std::string::npos) << missing.ToString();
  Status key = LoadText(
      "version: 1\nlists:\n  serious: {default: {months: 36, max_months: 36, years: 3}}\n" +
      ok_rest);
  EXPECT_NE(key.message().find("years"), std::string::npos) << key.ToString();
}

}  // namespace
}  // namespace xinyong
