// 公共信用综合评价 below HTTP, on every store. Golden subjects: a clean company (B, 900.0), a
// penalised one (B, 851.0) repaired (887.8), and one on the serious list with an objection
// pending (D by the cap, 750.0): exact grades, explanations, history and report sections.
// Grades follow the event log (a record, a repair, a revocation, an objection), move on the day
// a fact leaves its window, are recomputed once under a new model; check answers carry them;
// the public sees the grade only; a 双随机 draw is reproducible from its seed.
#include "service/evaluation/evaluation_service.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "service/commitments/commitment_service.h"
#include "service/lists_fixture.h"
#include "service/objection_service.h"
#include "service/repair_service.h"
#include "service/reports/report_service.h"
#include "store/store.h"

namespace xinyong {
namespace {

constexpr const char* kFined = "91320100748204660Q";
constexpr const char* kClean = "91230500MA1B3N1N2M";
constexpr const char* kListed = "91320100MA1W8DKP92";

class EvaluationTest : public ListsFixture {
 protected:
  void SetUp() override {
    ListsFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto m = EvaluationModel::LoadDir(XY_SOURCE_DIR "/policy/evaluation");
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    model_ = *m;
    evaluations_ = std::make_unique<EvaluationService>(*ctx_, model_, LoadPolicy().catalogue,
                                                       *subjects_);
    checks_->UseEvaluation(evaluations_.get());
    ASSERT_TRUE(subjects_->Register(admin_, {{}, "南京某某建设工程有限公司", {kListed}, ""}).ok());
    auto fined = subjects_->Lookup(kFined);
    ASSERT_TRUE(fined.ok());
    fined_ = {"user:fined", Role::kSubject, 30, 0, fined->id};
    ASSERT_TRUE(Follow() >= 0);
  }

  int64_t Follow() {
    auto n = evaluations_->Follow();
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    return n.ok() ? *n : -1;
  }

  Json Explain(const std::string& code, const Principal* p) {
    auto e = evaluations_->Explain(p, code);
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    return e.ok() ? Json::parse(*e) : Json::object();
  }

  std::vector<EvaluationChange> History(const std::string& code) {
    auto h = evaluations_->History(admin_, code, 0, 50);
    EXPECT_TRUE(h.ok()) << h.status().ToString();
    return h.ok() ? *h : std::vector<EvaluationChange>{};
  }

  // The serious-list entry of kListed, decided after notice (valid to 2029-03-11), and an
  // objection against it accepted by the office: 异议处理中.
  int64_t ListAndDispute() {
    ProposeRequest r;
    r.subject_code = kListed;
    r.list_kind = "serious";
    r.domain = "market_regulation";
    r.basis = "《市场监督管理严重违法失信名单管理办法》第二条";
    r.facts = "提供虚假材料骗取建筑业企业资质";
    auto e = lists_->Propose(operator_, r);
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    EXPECT_TRUE(lists_->Notice(operator_, e->id, "宁市监信告〔2026〕7号", 5).ok());
    clock_.Advance(10 * kDay);
    auto d = lists_->Decide(operator_, e->id, "宁市监信决〔2026〕7号", "", "2029-03-11");
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    ObjectionService objections(*ctx_, LoadPolicy().rights.objections, *intake_, *lists_);
    ObjectionRequest o;
    o.target_kind = "list_entry";
    o.target_id = e->id;
    o.filer_kind = "subject";
    o.filer_name = "南京某某建设工程有限公司";
    o.filer_contact = "025-87654321";
    o.reasons = "资质材料真实，认定事实有误";
    auto filed = objections.File(admin_, o);
    EXPECT_TRUE(filed.ok()) << filed.status().ToString();
    EXPECT_TRUE(objections.Accept(admin_, filed->objection.id, "受理").ok());
    return e->id;
  }

  EvaluationModel model_;
  std::unique_ptr<EvaluationService> evaluations_;
  Principal fined_;
};

// The dimension and indicator scores of an explanation, as "D1=86 D1.1=80 …".
std::string Scores(const Json& e) {
  std::string out;
  for (const auto& d : e["dimensions"]) {
    out += d["code"].get<std::string>() + "=" + d["score"].dump() + " ";
    for (const auto& i : d["indicators"]) {
      out += i["code"].get<std::string>() + "=" + i["score"].dump() + " ";
    }
  }
  return out;
}

TEST_P(EvaluationTest, GoldenACleanCompanyIsBWithEveryIndicatorAtItsBase) {
  const Json e = Explain(kClean, &admin_);
  EXPECT_EQ(e["grade"], "B");
  EXPECT_EQ(e["label"], "基本诚信");
  EXPECT_EQ(e["score"], 900.0);
  EXPECT_EQ(e["max_score"], 1000);
  EXPECT_TRUE(e["cap"].is_null());
  EXPECT_TRUE(e["recompute_on"].is_null());
  EXPECT_EQ(e["subject"]["code"], kClean);
  EXPECT_EQ(e["model"]["version"], "2026.1");
  EXPECT_EQ(e["model"]["digest"], model_.digest);
  EXPECT_EQ(e["as_of"], "2026-03-02");
  EXPECT_EQ(Scores(e),
            "D1=100.0 D1.1=100 D1.2=100 D2=100.0 D2.1=100 D2.2=100 D3=100.0 D3.1=100 "
            "D4=60.0 D4.1=60 D4.2=60 D5=80.0 D5.1=80 ");
  for (const auto& d : e["dimensions"]) {
    for (const auto& i : d["indicators"]) EXPECT_TRUE(i["facts"].empty()) << i.dump();
  }
  EXPECT_EQ(e["supervision"]["inspection_ratio"], 0.05);
  EXPECT_EQ(e["supervision"]["green_channel"], false);
  EXPECT_EQ(e["supervision"]["tolerance"], true);
  // Nothing changed for it, so nothing was stored: the blank grade is the model's.
  EXPECT_TRUE(History(kClean).empty());
}

TEST_P(EvaluationTest, GoldenAPenaltyCostsFortyNinePointsAndFortyTwoBackOnceRepaired) {
  const int64_t record = Penalty(2.5);
  EXPECT_EQ(Follow(), 1);
  Json e = Explain(kFined, &admin_);
  EXPECT_EQ(e["grade"], "B");
  EXPECT_EQ(e["score"], 851.0);
  EXPECT_EQ(Scores(e),
            "D1=86.0 D1.1=80 D1.2=100 D2=100.0 D2.1=100 D2.2=100 D3=100.0 D3.1=100 "
            "D4=60.0 D4.1=60 D4.2=60 D5=80.0 D5.1=80 ");
  const Json fact = e["dimensions"][0]["indicators"][0]["facts"][0];
  EXPECT_EQ(fact, Json::parse(R"({"kind":"record","id":)" + std::to_string(record) +
                              R"(,"label":"行政处罚 宁市监罚〔2026〕11号","rule":"CF（一般失信），3年内",)"
                              R"("points":-20,"repaired":false,"disputed":false,)"
                              R"("counts_until":"2029-02-26"})"));
  EXPECT_EQ(e["recompute_on"], "2029-02-27");
  // The check answer carries the grade and what it means for supervision.
  const Json answer = Check(kFined, "government_procurement");
  EXPECT_EQ(answer["evaluation"]["grade"], "B");
  EXPECT_EQ(answer["evaluation"]["score"], 851.0);
  EXPECT_EQ(answer["evaluation"]["model"], model_.Id());
  EXPECT_EQ(answer["evaluation"]["supervision"]["inspection_ratio"], 0.05);

  RepairService repairs(*ctx_, LoadPolicy().rights.repair, LoadPolicy().catalogue, *lists_);
  clock_.Set(1779847200000);  // 2026-05-27 10:00 CST, the minimum period over
  auto filed = repairs.Apply(std::nullopt, {"record", record, "南京某某科技有限公司", "025-12345678",
                                            {{"obligations_fulfilled", true}, {"harm_removed", true}, {"commitment", true}},
                                            {"凭证.pdf"}});
  ASSERT_TRUE(filed.ok()) << filed.status().ToString();
  ASSERT_TRUE(repairs.Approve(admin_, filed->repair.id, "同意").ok());
  EXPECT_EQ(Follow(), 1);
  e = Explain(kFined, &fined_);  // its own account sees everything too
  EXPECT_EQ(e["score"], 887.8) << "887.75 rounded half up";
  EXPECT_EQ(e["grade"], "B");
  EXPECT_EQ(e["dimensions"][0]["score"], 96.5);
  EXPECT_EQ(e["dimensions"][0]["indicators"][0]["facts"][0]["points"], -5);
  EXPECT_EQ(e["dimensions"][0]["indicators"][0]["facts"][0]["repaired"], true);
  const auto history = History(kFined);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].reason, "record.repaired");
  EXPECT_EQ(history[0].score_tenths, 8878);
  EXPECT_EQ(history[0].previous_grade, "B");
  EXPECT_EQ(history[1].reason, "record.created");
  EXPECT_EQ(history[1].score_tenths, 8510);
  EXPECT_EQ(history[1].previous_grade, "");
  // Nothing new: nothing recomputed.
  EXPECT_EQ(Follow(), 0);
  // Three years after the decision the penalty no longer counts: recomputed that day.
  clock_.Set(1803866400000);  // 2027-03-01 10:00 CST: still counts
  EXPECT_EQ(Follow(), 0);
  clock_.Set(1866866400000);  // 2029-02-27 14:00 CST
  EXPECT_EQ(Follow(), 1);
  EXPECT_EQ(History(kFined)[0].reason, "window");
  EXPECT_EQ(Explain(kFined, &admin_)["score"], 900.0);
}

TEST_P(EvaluationTest, GoldenTheSeriousListCapsAtDWhileTheObjectionIsPending) {
  const int64_t entry = ListAndDispute();
  EXPECT_EQ(Follow(), 1);
  const Json e = Explain(kListed, &officer_);
  EXPECT_EQ(e["score"], 750.0);
  EXPECT_EQ(e["band_grade"], "B");
  EXPECT_EQ(e["grade"], "D");
  EXPECT_EQ(e["label"], "严重失信");
  EXPECT_EQ(e["cap"], Json::parse(R"({"grade":"D","reason":"列入严重失信主体名单的，评价等级为D",)"
                                  R"("fact":"严重失信主体名单 宁市监信决〔2026〕7号"})"));
  const Json fact = e["dimensions"][2]["indicators"][0]["facts"][0];
  EXPECT_EQ(fact["id"], entry);
  EXPECT_EQ(fact["points"], -100);
  EXPECT_EQ(fact["disputed"], true);
  EXPECT_EQ(fact["counts_until"], "2029-03-11");
  EXPECT_EQ(e["supervision"]["inspection_ratio"], 0.3);
  EXPECT_EQ(e["recompute_on"], "2029-03-12");
  const auto history = History(kListed);
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history[0].grade, "D");
  // The public sees the grade and nothing else.
  const Json pub = Explain(kListed, nullptr);
  EXPECT_EQ(pub["grade"], "D");
  EXPECT_EQ(pub["label"], "严重失信");
  EXPECT_FALSE(pub.contains("score"));
  EXPECT_FALSE(pub.contains("dimensions"));
  const Principal bank{"user:bank", Role::kInstitution, 40, 9};
  EXPECT_FALSE(Explain(kListed, &bank).contains("dimensions"));
  // The full 公共信用信息报告 shows the entry 异议处理中 and the grade.
  auto rp = ReportsPolicy::LoadDir(XY_SOURCE_DIR "/policy/reports");
  ASSERT_TRUE(rp.ok());
  auto cp = CommitmentsPolicy::LoadDir(XY_SOURCE_DIR "/policy/commitments", 16 << 20);
  ASSERT_TRUE(cp.ok());
  CommitmentService commitments(*ctx_, *cp, *subjects_, *intake_);
  auto signer = PlatformSigner::FromHexKey(std::string(64, '9'));
  ReportService reports(*ctx_, *rp, LoadPolicy().catalogue, *subjects_, *signer, commitments);
  reports.UseEvaluation(evaluations_.get());
  auto issued = reports.Issue(admin_, {kListed, "full", "行政审批", 3, {}});
  ASSERT_TRUE(issued.ok()) << issued.status().ToString();
  const Json content = Json::parse(issued->content);
  for (const auto& s : content["sections"]) {
    if (s["code"] == "serious_list") {
      ASSERT_EQ(s["lists"].size(), 1u);
      EXPECT_EQ(s["lists"][0]["state"], "异议处理中");
    } else if (s["code"] == "evaluation") {
      EXPECT_EQ(s["evaluation"]["grade"], "D");
      EXPECT_EQ(s["evaluation"]["label"], "严重失信");
      EXPECT_EQ(s["evaluation"]["score"], 750.0);
      EXPECT_TRUE(s["note"].is_null());
    } else {
      EXPECT_EQ(s["note"], "无") << s.dump();
    }
  }
}

TEST_P(EvaluationTest, ARevokedRecordNoLongerCountsAndANewModelRegradesEveryoneOnce) {
  const int64_t record = Penalty(2.5);
  EXPECT_EQ(Follow(), 1);
  ASSERT_TRUE(intake_->Revoke(operator_, record, "处罚决定被复议撤销").ok());
  EXPECT_EQ(Follow(), 1);
  EXPECT_EQ(Explain(kFined, &admin_)["score"], 900.0);
  EXPECT_EQ(History(kFined)[0].reason, "record.revoked");
  // A new model (here: a penalty costs 30) regrades, once, everyone with facts.
  EvaluationModel stricter = model_;
  stricter.digest = "0123456789abcdef";
  stricter.dimensions[0].indicators[0].rules[0].points = -30;
  Penalty(1, "罚款", "宁市监罚〔2026〕12号");
  EvaluationService next(*ctx_, stricter, LoadPolicy().catalogue, *subjects_);
  auto n = next.Follow();
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n, 1);
  auto e = next.Explain(&admin_, kFined);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(Json::parse(*e)["score"], 826.5);  // D1 = (70×70 + 3000)/100 = 79
  auto h = next.History(admin_, kFined, 0, 10);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ((*h)[0].reason, "model");
  EXPECT_EQ((*h)[0].model, stricter.Id());
  // The event that came before the new model was not lost: it is folded into the full pass.
  EXPECT_EQ(*next.Follow(), 0);
}

TEST_P(EvaluationTest, NaturalPersonsAreNotGradedAndThePublicLearnsNothingOfThem) {
  ListFirstCompany();  // binds 张三 as legal representative: a natural person on the platform
  auto person = evaluations_->Explain(&admin_, "11010519491231002X");
  EXPECT_EQ(person.status().code(), Code::kFailedPrecondition) << person.status().ToString();
  auto hidden = evaluations_->Explain(nullptr, "11010519491231002X");
  EXPECT_EQ(hidden.status().code(), Code::kNotFound) << hidden.status().ToString();
  // A model that publishes nothing: the public is refused, staff still see it.
  EvaluationModel closed = model_;
  closed.publicity = "none";
  EvaluationService quiet(*ctx_, closed, LoadPolicy().catalogue, *subjects_);
  EXPECT_EQ(quiet.Explain(nullptr, kClean).status().code(), Code::kPermissionDenied);
  EXPECT_TRUE(quiet.Explain(&officer_, kClean).ok());
  // History is for the subject itself and staff only.
  const Principal bank{"user:bank", Role::kInstitution, 40, 9};
  EXPECT_EQ(evaluations_->History(bank, kClean, 0, 10).status().code(), Code::kPermissionDenied);
  const Principal other{"user:other", Role::kSubject, 41, 0, fined_.subject_id};
  EXPECT_EQ(evaluations_->History(other, kClean, 0, 10).status().code(),
            Code::kPermissionDenied);
}

TEST_P(EvaluationTest, ADrawIsReproducibleFromItsSeedAndTakesEachGradesRatio) {
  ListAndDispute();  // kListed: D
  Penalty(2.5);      // kFined: B (851.0)
  EXPECT_EQ(Follow(), 2);
  auto draw = evaluations_->Sample(admin_, {"", "2026-抽查-1"});
  ASSERT_TRUE(draw.ok()) << draw.status().ToString();
  ASSERT_EQ(draw->grades.size(), 4u);
  EXPECT_EQ(draw->grades[1].grade, "B");
  EXPECT_EQ(draw->grades[1].population, 2);  // kFined and kClean (blank grade B)
  EXPECT_EQ(draw->grades[1].drawn, 1);       // 5 % of 2, rounded up
  EXPECT_EQ(draw->grades[3].population, 1);
  EXPECT_EQ(draw->grades[3].drawn, 1);
  ASSERT_EQ(draw->picks.size(), 2u);
  EXPECT_EQ(draw->picks[1].code, kListed);
  auto again = evaluations_->Sample(admin_, {"", "2026-抽查-1"});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->picks[0].code, draw->picks[0].code);
  EXPECT_EQ(again->population_digest, draw->population_digest);
  // Seeds pick differently: over a few seeds both B companies come up.
  std::set<std::string> seen;
  for (int i = 0; i < 12; ++i) {
    auto d = evaluations_->Sample(admin_, {"", "seed-" + std::to_string(i)});
    ASSERT_TRUE(d.ok());
    seen.insert(d->picks[0].code);
  }
  EXPECT_EQ(seen.size(), 2u);
  // An officer draws among its own department's subjects only (those it has records of).
  auto own = evaluations_->Sample(officer_, {"", "x"});
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  EXPECT_EQ(own->department, "南京市市场监督管理局");
  EXPECT_EQ(own->grades[1].population, 1);
  EXPECT_EQ(evaluations_->Sample(officer_, {"11320100MB0E50000D", "x"}).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(evaluations_->Sample(operator_, {"", "x"}).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(evaluations_->Sample(admin_, {"", " "}).status().code(), Code::kInvalidArgument);
  // Every draw is in the event log with its seed.
  auto tx = ts_->store().Begin(TxMode::kRead);
  EventQuery q;
  q.type = "evaluation.sample_drawn";
  q.limit = 100;
  auto events = (*tx)->FindEvents(q);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->size(), 15u);
  EXPECT_NE(events->front().payload.find("2026-抽查-1"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(AllStores, EvaluationTest, XY_ALL_STORES);

}  // namespace
}  // namespace xinyong
