// 跟踪问效 below HTTP, on every store: a late intake row, a check with measures whose feedback
// is overdue and a tip answered after its limit show in the month's figures and the score;
// departments see their own figures only; the table exports to .xlsx.
#include "service/monitoring/monitoring_service.h"

#include <gtest/gtest.h>

#include "service/lists_fixture.h"
#include "service/tips/tip_service.h"

namespace xinyong {
namespace {

class MonitoringTest : public ListsFixture {
 protected:
  void SetUp() override {
    ListsFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto p = MonitoringPolicy::LoadDir(XY_SOURCE_DIR "/policy/monitoring");
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    monitoring_ = std::make_unique<MonitoringService>(*ctx_, *p);
  }

  // A penalty sent today, decided on `decided`, as the operator's department sends it.
  void SendPenalty(const std::string& document, const std::string& decided) {
    Json row = {{"CF_XDR_MC", "南京某某科技有限公司"}, {"CF_XDR_LB", "法人及非法人组织"},
                {"CF_XDR_SHXYM", "91320100748204660Q"}, {"CF_FRDB", "张三"},
                {"CF_WSH", document}, {"CF_WFXW", "虚假宣传"}, {"CF_SY", "发布虚假广告"},
                {"CF_YJ", "《中华人民共和国广告法》第五十五条"}, {"CF_CFLB", "罚款"},
                {"CF_NR", "罚款"}, {"CF_NR_FK", 1.0}, {"CF_JDRQ", decided},
                {"CF_CFJG", "南京市市场监督管理局"}, {"CF_CFJGDM", "11320100MB1886843H"},
                {"CF_SJLY", "南京市市场监督管理局"}, {"CF_SJLYDM", "11320100MB1886843H"}};
    auto s = intake_->ImportFile(operator_, {"", "CF", "api", ""}, Json::array({row}).dump());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    ASSERT_EQ(s->rejected, 0);
  }

  const DepartmentFigures* Of(const MonthReport& r, int64_t department) {
    for (const auto& d : r.departments) {
      if (d.counts.department_id == department) return &d;
    }
    return nullptr;
  }

  std::unique_ptr<MonitoringService> monitoring_;
};

TEST_P(MonitoringTest, ALateRowAnOverdueFeedbackAndALateTipShowInTheMonth) {
  SendPenalty("宁市监罚〔2026〕31号", "2026-02-27");  // 1 working day: on time
  SendPenalty("宁市监罚〔2026〕32号", "2026-01-05");  // weeks: late
  Json answer = Check("91320100748204660Q", "honours");
  ASSERT_FALSE(answer["measures"].empty()) << "the check finds measures: " << answer.dump();
  TipsPolicy tips_policy;
  tips_policy.decline_reasons = {{"no_violation", "经核查未发现违法失信行为"}};
  TipService tips(*ctx_, tips_policy, *subjects_);
  auto filed = tips.File({"91320100748204660Q", "无证经营", {}, {}});
  ASSERT_TRUE(filed.ok()) << filed.status().ToString();
  auto routed = tips.Route(admin_, filed->tip.id, "11320100MB1886843H", "", {}, "");
  ASSERT_TRUE(routed.ok()) << routed.status().ToString();
  clock_.Advance(23 * kDay);  // 2026-03-25, past the tip's answer_due 2026-03-23
  ASSERT_TRUE(tips.AnswerTip(operator_, filed->tip.id, {"filed", "", "", "", ""}).ok());

  auto r = monitoring_->Month(admin_, "2026-03", "");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->tips_filed, 1);
  const DepartmentFigures* d = Of(*r, operator_.department_id);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->counts.rows_received, 2);
  EXPECT_EQ(d->counts.rows_accepted, 2);
  EXPECT_EQ(d->counts.versions_late, 1);
  EXPECT_EQ(d->counts.shuanggongshi, 2);
  EXPECT_EQ(d->counts.shuanggongshi_with_uscc, 2);
  EXPECT_DOUBLE_EQ(d->intake_on_time, 0.5);
  EXPECT_DOUBLE_EQ(d->intake_accepted, 1.0);
  EXPECT_EQ(d->tips_answered, 1);
  EXPECT_EQ(d->tips_late, 1);
  // The check was made by the officer of the same department.
  EXPECT_EQ(d->counts.checks, 1);
  EXPECT_EQ(d->counts.checks_by_scenario.at("honours"), 1);
  EXPECT_EQ(d->counts.checks_with_measures, 1);
  EXPECT_EQ(d->counts.feedback_overdue, 1) << "no 执行反馈 after 5 working days";
  EXPECT_DOUBLE_EQ(d->feedback_on_time, 0.0);
  // 100 × (0.5 × 30 + 1 × 20 + 0 × 30 + 0 × 20) / 100
  EXPECT_NEAR(d->score, 35.0, 1e-9);
  EXPECT_EQ(d->rank, 1);
  // Summed per county or city: the division in the department's code (320100, 南京市).
  ASSERT_EQ(r->regions.size(), 1u);
  EXPECT_EQ(r->regions[0].code, "320100");
  EXPECT_NE(r->regions[0].name.find("南京市"), std::string::npos) << r->regions[0].name;
  EXPECT_EQ(r->regions[0].counts.rows_received, 2);
  EXPECT_NEAR(r->regions[0].score, 35.0, 1e-9);

  // 31号 (decided 2026-02-27) follows 32号 (2026-01-05) within 12 months: a warning naming both.
  auto warnings = monitoring_->Warnings(admin_, "2026-03");
  ASSERT_TRUE(warnings.ok()) << warnings.status().ToString();
  ASSERT_EQ(warnings->size(), 1u);
  EXPECT_EQ(warnings->at(0).rule, "repeat_penalty");
  EXPECT_NE(warnings->at(0).record.what.find("31号"), std::string::npos) << warnings->at(0).record.what;
  EXPECT_NE(warnings->at(0).cause.what.find("32号"), std::string::npos) << warnings->at(0).cause.what;
  EXPECT_EQ(warnings->at(0).subject_code, "91320100748204660Q");
  EXPECT_EQ(monitoring_->Warnings(operator_, "2026-03").status().code(), Code::kPermissionDenied);

  auto february = monitoring_->Month(admin_, "2026-02", "");
  ASSERT_TRUE(february.ok());
  const DepartmentFigures* none = Of(*february, operator_.department_id);
  ASSERT_NE(none, nullptr) << "every department is listed, with nothing to count";
  EXPECT_EQ(none->counts.rows_received, 0);
  EXPECT_LT(none->score, 0);
  EXPECT_EQ(none->rank, 0);
}

TEST_P(MonitoringTest, DepartmentsSeeTheirOwnFiguresAndBadMonthsAreRefused) {
  SendPenalty("宁市监罚〔2026〕33号", "2026-02-27");
  auto other = accounts_->CreateDepartment(admin_, "11320100MB0E50000D", "南京市税务局");
  ASSERT_TRUE(other.ok());
  auto all = monitoring_->Month(admin_, "2026-03", "");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->departments.size(), 2u);
  auto own = monitoring_->Month(operator_, "2026-03", "11320100MB0E50000D");
  ASSERT_TRUE(own.ok());
  ASSERT_EQ(own->departments.size(), 1u) << "an operator's own department, whatever it asks";
  EXPECT_EQ(own->departments[0].counts.department_id, operator_.department_id);
  auto one = monitoring_->Month(admin_, "2026-03", "11320100MB0E50000D");
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->departments.size(), 1u);
  EXPECT_EQ(one->departments[0].name, "南京市税务局");
  for (const char* bad : {"2026-13", "2026", "", "2026-04"}) {
    EXPECT_EQ(monitoring_->Month(admin_, bad, "").status().code(), Code::kInvalidArgument) << bad;
  }
  Principal subject{"user:company", Role::kSubject, 7, 0, 1};
  EXPECT_EQ(monitoring_->Month(subject, "2026-03", "").status().code(), Code::kPermissionDenied);
  auto xlsx = monitoring_->Export(admin_, "2026-03");
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().ToString();
  EXPECT_EQ(xlsx->substr(0, 2), "PK") << "a zip: an .xlsx workbook";
}

TEST_P(MonitoringTest, ANewDishonestyRecordOfAKeyAttentionSubjectIsAWarning) {
  ProposeRequest r;
  r.subject_code = "91320100748204660Q";
  r.list_kind = "key_attention";
  r.domain = "market_regulation";
  r.basis = "《市场监督管理严重违法失信名单管理办法》第十条";
  r.facts = "多次虚假宣传";
  auto e = lists_->Propose(operator_, r);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  ASSERT_TRUE(lists_->Notice(operator_, e->id, "宁市监信告〔2026〕9号", 5).ok());
  clock_.Advance(10 * kDay);  // 2026-03-12
  auto d = lists_->Decide(operator_, e->id, "宁市监信决〔2026〕9号", "", "");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  SendPenalty("宁市监罚〔2026〕41号", "2026-03-10");
  auto warnings = monitoring_->Warnings(admin_, "2026-03");
  ASSERT_TRUE(warnings.ok()) << warnings.status().ToString();
  ASSERT_EQ(warnings->size(), 1u);
  EXPECT_EQ(warnings->at(0).rule, "key_attention_record");
  EXPECT_EQ(warnings->at(0).cause.kind, "list_entry");
  EXPECT_EQ(warnings->at(0).cause.id, e->id);
  EXPECT_NE(warnings->at(0).rule_label.find("重点关注"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(AllStores, MonitoringTest, XY_ALL_STORES);

}  // namespace
}  // namespace xinyong
