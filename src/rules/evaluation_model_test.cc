// 公共信用综合评价: the shipped model loads and adds up; a model whose weights or bands do not
// add up is refused naming what; grades come out exactly, with each point explained.
#include "rules/evaluation_model.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "domain/catalogue.h"

namespace xinyong {
namespace {

namespace fs = std::filesystem;

const fs::path kDir = fs::path(XY_SOURCE_DIR) / "policy" / "evaluation";

Result<EvaluationModel> LoadChanged(const std::string& from, const std::string& to) {
  std::ifstream in(kDir / "model.yaml");
  std::string text(std::istreambuf_iterator<char>(in), {});
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  const fs::path dir = fs::temp_directory_path() / ("xy-ev-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "model.yaml") << text;
  auto out = EvaluationModel::LoadDir(dir);
  fs::remove_all(dir);
  return out;
}

EvaluationModel Shipped() {
  auto m = EvaluationModel::LoadDir(kDir);
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  return m.ok() ? *m : EvaluationModel{};
}

const Date kToday = *Date::Parse("2026-12-08");

TEST(EvaluationModelTest, TheShippedModelLoadsAndFitsTheCatalogue) {
  EvaluationModel m = Shipped();
  EXPECT_EQ(m.version, "2026.1");
  EXPECT_EQ(m.digest.size(), 16u);
  EXPECT_EQ(m.Id(), "2026.1+" + m.digest);
  ASSERT_EQ(m.dimensions.size(), 5u);
  ASSERT_EQ(m.bands.size(), 4u);
  EXPECT_EQ(m.bands.back().from, 0);
  EXPECT_EQ(m.publicity, "grade");
  EXPECT_FALSE(m.hold_disputed);
  EXPECT_DOUBLE_EQ(m.SupervisionOf("D")->inspection_ratio, 0.30);
  EXPECT_TRUE(m.SupervisionOf("A")->green_channel);
  auto c = Catalogue::LoadDir(fs::path(XY_SOURCE_DIR) / "policy" / "catalogue");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_TRUE(m.CheckAgainst(*c).ok());
  EvaluationModel wrong = m;
  wrong.dimensions[0].indicators[0].rules[0].items = {"ZZ"};
  EXPECT_EQ(wrong.CheckAgainst(*c).message(), "model.yaml: 指标D1.1：目录中没有信息项“ZZ”");
}

TEST(EvaluationModelTest, RefusesAModelThatDoesNotAddUp) {
  auto dims = LoadChanged("    weight: 35 ", "    weight: 30 ");
  ASSERT_FALSE(dims.ok());
  EXPECT_NE(dims.status().message().find("各维度权重之和为95，应为100"), std::string::npos)
      << dims.status().message();
  auto inds = LoadChanged("        weight: 70 ", "        weight: 60 ");
  ASSERT_FALSE(inds.ok());
  EXPECT_NE(inds.status().message().find("维度“行政管理”下各指标权重之和为90，应为100"),
            std::string::npos)
      << inds.status().message();
  auto gap = LoadChanged("label: 严重失信, from: 0}", "label: 严重失信, from: 100}");
  ASSERT_FALSE(gap.ok());
  EXPECT_NE(gap.status().message().find("最低等级应从0分起，0到99分没有等级"), std::string::npos)
      << gap.status().message();
  auto overlap = LoadChanged("label: 失信观察, from: 600}", "label: 失信观察, from: 800}");
  ASSERT_FALSE(overlap.ok());
  EXPECT_NE(overlap.status().message().find("等级C的起点800不低于上一等级的起点"),
            std::string::npos)
      << overlap.status().message();
  auto unsupervised = LoadChanged("  D: {inspection_ratio", "  E: {inspection_ratio");
  ASSERT_FALSE(unsupervised.ok());
  EXPECT_NE(unsupervised.status().message().find("bands 中没有等级E"), std::string::npos);
  auto both = LoadChanged("{lists: [serious], points: -100}",
                          "{lists: [serious], records: {items: [SX]}, points: -100}");
  ASSERT_FALSE(both.ok());
  EXPECT_NE(both.status().message().find("(line "), std::string::npos) << both.status().message();
  auto unknown = LoadChanged("{lists: [key_attention]", "{lists: [grey]");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("未知的名单“grey”"), std::string::npos);
}

EvaluationFacts::RecordFact Penalty(int64_t id, const std::string& date, bool repaired = false) {
  return {id, "CF", Nature::kMinor, date, repaired, false, "行政处罚 宁市监罚〔2026〕" +
                                                             std::to_string(id) + "号"};
}

TEST(EvaluationModelTest, ACleanSubjectScoresTheBasesAndIsB) {
  EvaluationModel m = Shipped();
  EvaluationResult r = Evaluate(m, {}, kToday);
  EXPECT_EQ(r.score_tenths, 9000);
  EXPECT_EQ(ScoreText(r.score_tenths), "900.0");
  EXPECT_EQ(r.grade, "B");
  EXPECT_EQ(r.label, "基本诚信");
  EXPECT_EQ(r.cap, nullptr);
  EXPECT_EQ(r.recompute_on, "");
  ASSERT_EQ(r.dimensions.size(), 5u);
  EXPECT_EQ(r.dimensions[3].hundredths, 6000);  // 表彰荣誉 60, 红名单 60
}

TEST(EvaluationModelTest, APenaltyCostsItsPointsForThreeYearsAndLessOnceRepaired) {
  EvaluationModel m = Shipped();
  EvaluationFacts f;
  f.records.push_back(Penalty(7, "2026-03-02"));
  EvaluationResult r = Evaluate(m, f, kToday);
  // D1 = (80×70 + 100×30)/100 = 86 → 35 × (86 − 100) / 100 × 10 = −49
  EXPECT_EQ(ScoreText(r.score_tenths), "851.0");
  EXPECT_EQ(r.grade, "B");
  ASSERT_EQ(r.dimensions[0].indicators[0].facts.size(), 1u);
  const auto& fact = r.dimensions[0].indicators[0].facts[0];
  EXPECT_EQ(fact.kind, "record");
  EXPECT_EQ(fact.id, 7);
  EXPECT_EQ(fact.points, -20);
  EXPECT_EQ(fact.rule, "CF（一般失信），3年内");
  EXPECT_EQ(fact.counts_until, "2029-03-01");
  EXPECT_EQ(r.recompute_on, "2029-03-02");

  f.records[0].repaired = true;
  r = Evaluate(m, f, kToday);
  EXPECT_EQ(ScoreText(r.score_tenths), "887.8");  // 887.75 rounded half up
  EXPECT_EQ(r.dimensions[0].indicators[0].facts[0].points, -5);
  EXPECT_TRUE(r.dimensions[0].indicators[0].facts[0].repaired);

  // The day it leaves its three years it no longer counts.
  r = Evaluate(m, f, *Date::Parse("2029-03-02"));
  EXPECT_EQ(ScoreText(r.score_tenths), "900.0");
  EXPECT_TRUE(r.dimensions[0].indicators[0].facts.empty());
}

TEST(EvaluationModelTest, TheSeriousListCapsTheGradeAtDWhateverTheScore) {
  EvaluationModel m = Shipped();
  EvaluationFacts f;
  f.entries.push_back({3, "serious", "2026-06-01", "2029-05-31", true, "严重失信主体名单 宁列〔2026〕3号"});
  EvaluationResult r = Evaluate(m, f, kToday);
  EXPECT_EQ(ScoreText(r.score_tenths), "750.0");
  EXPECT_EQ(r.band_grade, "B");
  EXPECT_EQ(r.grade, "D");
  EXPECT_EQ(r.label, "严重失信");
  ASSERT_NE(r.cap, nullptr);
  EXPECT_EQ(r.cap->reason, "列入严重失信主体名单的，评价等级为D");
  EXPECT_EQ(r.cap_fact, "严重失信主体名单 宁列〔2026〕3号");
  const auto& fact = r.dimensions[2].indicators[0].facts.at(0);
  EXPECT_TRUE(fact.disputed);
  EXPECT_EQ(fact.counts_until, "2029-05-31");
  EXPECT_EQ(r.recompute_on, "2029-06-01");
  // Held while disputed under a model that says so.
  m.hold_disputed = true;
  r = Evaluate(m, f, kToday);
  EXPECT_EQ(r.grade, "B");
  EXPECT_EQ(ScoreText(r.score_tenths), "900.0");
}

TEST(EvaluationModelTest, HonoursRaiseAndScoresStayWithinTheirIndicator) {
  EvaluationModel m = Shipped();
  EvaluationFacts f;
  f.records.push_back({1, "RY", Nature::kGood, "2026-01-10", false, false, "表彰荣誉"});
  EXPECT_EQ(Evaluate(m, f, kToday).grade, "A");  // 920.0
  EXPECT_EQ(ScoreText(Evaluate(m, f, kToday).score_tenths), "920.0");
  for (int i = 0; i < 10; ++i) f.records.push_back(Penalty(10 + i, "2026-05-0" + std::to_string(i % 9 + 1)));
  EvaluationResult r = Evaluate(m, f, kToday);
  EXPECT_EQ(r.dimensions[0].indicators[0].score, 0);  // clamped, not negative
  EXPECT_EQ(r.dimensions[0].indicators[0].facts.size(), 10u);
  // An entry decided for a later day counts from then, and the grade is recomputed that day.
  EvaluationFacts later;
  later.entries.push_back({4, "red", "2027-01-01", "", false, "红名单"});
  r = Evaluate(m, later, kToday);
  EXPECT_EQ(ScoreText(r.score_tenths), "900.0");
  EXPECT_EQ(r.recompute_on, "2027-01-01");
  EXPECT_EQ(ScoreText(Evaluate(m, later, *Date::Parse("2027-01-01")).score_tenths), "940.0");
}

TEST(EvaluationModelTest, CommitmentsKeptAndBroken) {
  EvaluationModel m = Shipped();
  EvaluationFacts f;
  f.commitments.push_back({1, "fulfilled", "2026-04-01", "信用承诺 1"});
  f.commitments.push_back({2, "in_force", "", "信用承诺 2"});
  f.records.push_back({9, "CN", Nature::kMinor, "2026-05-01", false, false, "信用承诺未履行"});
  EvaluationResult r = Evaluate(m, f, kToday);
  const auto& ind = r.dimensions[4].indicators[0];
  EXPECT_EQ(ind.score, 45);  // 80 + 5 − 40
  ASSERT_EQ(ind.facts.size(), 2u);
  EXPECT_EQ(ind.facts[0].kind, "commitment");
  EXPECT_EQ(ind.facts[1].kind, "record");
}

}  // namespace
}  // namespace xinyong
