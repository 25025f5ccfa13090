// The rights policy file and the credit-repair conditions.
#include "rules/repair_rules.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace xinyong {
namespace {

RightsPolicy Default() {
  auto p = RightsPolicy::LoadDir(XY_SOURCE_DIR "/policy/rights");
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return p.ok() ? *p : RightsPolicy{};
}

TEST(RightsPolicy, DefaultsAreTheStrictestLocalLimits) {
  RightsPolicy p = Default();
  EXPECT_EQ(p.objections.accept_working_days, 2);
  EXPECT_EQ(p.objections.verify_working_days, 5);
  EXPECT_EQ(p.objections.total_working_days, 20);
  EXPECT_EQ(p.repair.false_materials_ban_years, 3);
  EXPECT_EQ(p.repair.required_evidence.size(), 3u);
}

TEST(RightsPolicy, ABrokenFileIsRefusedWithTheKey) {
  const auto dir = std::filesystem::temp_directory_path() / "xy-rights-test";
  std::filesystem::create_directories(dir);
  std::string text;
  {
    std::ifstream in(XY_SOURCE_DIR "/policy/rights/rights.yaml");
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto write = [&](const std::string& from, const std::string& to) {
    std::string t = text;
    t.replace(t.find(from), from.size(), to);
    std::ofstream(dir / "rights.yaml") << t;
    return RightsPolicy::LoadDir(dir).status();
  };
  Status s = write("verify_working_days: 5", "verify_working_days: five");
  EXPECT_NE(s.message().find("verify_working_days"), std::string::npos) << s.message();
  s = write("total_working_days: 20", "total_working_days: 4");
  EXPECT_NE(s.message().find("total_working_days"), std::string::npos) << s.message();
  s = write("review_working_days: 5", "review_days: 5");
  EXPECT_NE(s.message().find("review_days"), std::string::npos) << s.message();
  std::filesystem::remove_all(dir);
}

RepairFacts Penalty(const std::string& today) {
  RepairFacts f;
  f.today = today;
  f.target_kind = "record";
  f.target_active = true;
  f.categories = {"罚款"};
  f.no_early_stop = {"责令停产停业", "吊销许可证件"};
  f.decision_date = "2026-01-05";
  f.min_until = "2026-04-05";
  f.evidence = {{"obligations_fulfilled", true}, {"harm_removed", true}, {"commitment", true}};
  return f;
}

const RepairCondition* Find(const std::vector<RepairCondition>& v, const std::string& code) {
  for (const auto& c : v) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

TEST(RepairRules, AMinorPenaltyIsRepairableAfterItsMinimumPeriod) {
  const RightsPolicy p = Default();
  auto early = CheckRepair(p.repair, Penalty("2026-04-04"));
  EXPECT_FALSE(RepairEligible(early));
  const auto* min = Find(early, "minimum_period");
  ASSERT_NE(min, nullptr);
  EXPECT_FALSE(min->met);
  EXPECT_NE(min->message.find("2026-04-05"), std::string::npos) << min->message;
  EXPECT_TRUE(RepairEligible(CheckRepair(p.repair, Penalty("2026-04-05"))));
}

TEST(RepairRules, EachUnmetConditionIsNamed) {
  const RightsPolicy p = Default();
  RepairFacts f = Penalty("2026-06-01");
  f.categories = {"罚款", "吊销许可证件"};
  EXPECT_FALSE(Find(CheckRepair(p.repair, f), "not_early")->met);
  f = Penalty("2026-06-01");
  f.other_penalties = {{"2026-03-01", {"罚款"}}};
  auto repeat = CheckRepair(p.repair, f);
  EXPECT_FALSE(Find(repeat, "repeat")->met);
  EXPECT_NE(Find(repeat, "repeat")->message.find("2026-03-01"), std::string::npos);
  f.other_penalties = {{"2025-03-01", {"罚款"}}};  // before this one: not a repeat
  EXPECT_TRUE(Find(CheckRepair(p.repair, f), "repeat")->met);
  f = Penalty("2026-06-01");
  f.lists = {"serious"};
  EXPECT_FALSE(Find(CheckRepair(p.repair, f), "listed")->met);
  f = Penalty("2026-06-01");
  f.active_items = {"CF", "JY"};
  EXPECT_FALSE(Find(CheckRepair(p.repair, f), "blocking_record")->met);
  f = Penalty("2026-06-01");
  f.banned_until = "2028-01-01";
  EXPECT_FALSE(Find(CheckRepair(p.repair, f), "not_banned")->met);
  f = Penalty("2026-06-01");
  f.evidence.erase("commitment");
  EXPECT_FALSE(Find(CheckRepair(p.repair, f), "evidence.commitment")->met);
}

TEST(RepairRules, AListEntryExitsEarlyOnlyAfterTheMinimumMonths) {
  const RightsPolicy p = Default();
  RepairFacts f;
  f.target_kind = "list_entry";
  f.target_active = true;
  f.valid_from = "2025-03-31";
  f.evidence = {{"obligations_fulfilled", true}, {"harm_removed", true}, {"commitment", true}};
  f.today = "2026-03-30";
  EXPECT_FALSE(RepairEligible(CheckRepair(p.repair, f)));
  f.today = "2026-03-31";
  EXPECT_TRUE(RepairEligible(CheckRepair(p.repair, f)));
}

}  // namespace
}  // namespace xinyong
