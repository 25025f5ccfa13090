// Commitments (信用承诺) below HTTP, on every store: signed by the subject or at the counter,
// sent again unchanged, sent in a spreadsheet file with row errors, kept or broken — a breach
// becomes a record that changes the check answer — flagged when the material is overdue,
// shown to the public per 公开类型, and linked to credit repair.
#include "service/commitments/commitment_service.h"

#include <gtest/gtest.h>

#include "service/lists_fixture.h"
#include "service/monitoring/monitoring_service.h"
#include "service/repair_service.h"
#include "store/store.h"

namespace xinyong {
namespace {

constexpr const char* kCompany = "91320100748204660Q";

class CommitmentTest : public ListsFixture {
 protected:
  void SetUp() override {
    ListsFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto p = CommitmentsPolicy::LoadDir(XY_SOURCE_DIR "/policy/commitments", 16 * 1024 * 1024);
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    policy_ = *p;
    commitments_ = std::make_unique<CommitmentService>(*ctx_, policy_, *subjects_, *intake_);
    auto subject = subjects_->Lookup(kCompany);
    ASSERT_TRUE(subject.ok());
    company_ = {"user:company", Role::kSubject, 20, 0, subject->id};
    auto tax = accounts_->CreateDepartment(admin_, "11320100MB0E50000D", "南京市税务局");
    ASSERT_TRUE(tax.ok()) << tax.status().ToString();
    tax_ = {"user:tax", Role::kOperator, 21, tax->id};
  }

  CommitmentRequest AtCounter(const std::string& kind = "审批替代型") {
    CommitmentRequest r;
    r.kind = kind;
    r.subject_code = kCompany;
    r.subject_name = "南京某某科技有限公司";
    r.matter = "食品经营许可（告知承诺）";
    r.channel = "counter";
    r.scan = AttachmentInput{"承诺书.pdf", "JVBERi0xLjQK"};
    return r;
  }

  CommitmentView SignAtCounter(const std::string& kind = "审批替代型") {
    auto v = commitments_->Sign(officer_, AtCounter(kind));
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : CommitmentView{};
  }

  static bool HasMeasure(const Json& answer, const std::string& code) {
    for (const auto& m : answer["measures"]) {
      if (m["code"] == code) return true;
    }
    return false;
  }

  CommitmentsPolicy policy_;
  std::unique_ptr<CommitmentService> commitments_;
  Principal company_, tax_;
};

TEST_P(CommitmentTest, TheSubjectSignsItsOwnAndGetsACode) {
  CommitmentRequest r;
  r.kind = "fault_tolerant";
  r.department = "11320100MB1886843H";
  r.extra = "补正材料：场地租赁合同";
  auto v = commitments_->Sign(company_, r);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  const Commitment& c = v->commitment;
  EXPECT_EQ(c.code, "32010020260302000001") << "division of the department + date + serial";
  EXPECT_EQ(c.channel, "self");
  EXPECT_EQ(c.status, "in_force");
  EXPECT_EQ(c.matter, "容缺受理的行政审批事项") << "the kind's matter by default";
  EXPECT_NE(c.content.find("补正全部材料"), std::string::npos);
  EXPECT_NE(c.content.find("场地租赁合同"), std::string::npos);
  EXPECT_EQ(c.material_due, "2026-03-30") << "20 working days after Monday 2026-03-02";
  EXPECT_EQ(v->department_name, "南京市市场监督管理局");
  // A second one the same day takes the next serial.
  auto second = commitments_->Sign(company_, r);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->commitment.code, "32010020260302000002");
  // A subject signs only for itself, and must name the department.
  r.department.clear();
  EXPECT_EQ(commitments_->Sign(company_, r).status().message(),
            "department: 请写明受理单位（部门的统一社会信用代码）");
  // What it may see: its own, not another subject's.
  auto mine = commitments_->List(company_, {});
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->size(), 2u);
  EXPECT_EQ(commitments_->Get(tax_, c.code).status().code(), Code::kNotFound)
      << "another department does not see it";
  EXPECT_TRUE(commitments_->Get(operator_, c.code).ok());
}

TEST_P(CommitmentTest, ACounterEntryNeedsTheScanAndIsNotEnteredTwice) {
  CommitmentRequest r = AtCounter();
  r.scan.reset();
  EXPECT_EQ(commitments_->Sign(officer_, r).status().message(),
            "scan: 窗口录入的信用承诺须上传承诺人签章的承诺书扫描件");
  r = AtCounter();
  r.source_id = "SP-2026-001";
  auto v = commitments_->Sign(officer_, r);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  ASSERT_TRUE(v->scan.has_value());
  EXPECT_EQ(v->scan->name, "承诺书.pdf");
  auto scan = commitments_->Scan(operator_, v->commitment.code);
  ASSERT_TRUE(scan.ok());
  EXPECT_EQ(scan->second, "%PDF-1.4\n");
  // Sent again: the same commitment; with other content: refused, nothing changed.
  auto again = commitments_->Sign(officer_, r);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->commitment.code, v->commitment.code);
  r.matter = "另一个事项";
  auto changed = commitments_->Sign(officer_, r);
  EXPECT_EQ(changed.status().code(), Code::kConflict);
  EXPECT_NE(changed.status().message().find("承诺作出后不能修改"), std::string::npos);
  // Another department's clerk may not enter one for this department.
  r = AtCounter();
  r.department = "11320100MB1886843H";
  EXPECT_EQ(commitments_->Sign(tax_, r).status().code(), Code::kPermissionDenied);
  // Bad input names the field.
  r = AtCounter();
  r.subject_code = "91320100748204660A";
  EXPECT_NE(commitments_->Sign(officer_, r).status().message().find("subject.code:"),
            std::string::npos);
  r = AtCounter("担保型");
  EXPECT_NE(commitments_->Sign(officer_, r).status().message().find("kind: 承诺类型应为"),
            std::string::npos);
  r = AtCounter();
  r.made_on = "2026-03-03";
  EXPECT_EQ(commitments_->Sign(officer_, r).status().message(), "made_on: 作出日期不能晚于今天");
}

TEST_P(CommitmentTest, ABreachIsARecordThatChangesTheCheckAnswer) {
  EXPECT_FALSE(HasMeasure(Check(kCompany, "administrative_licensing"), "P2-03"));
  CommitmentView v = SignAtCounter();
  FulfilmentRequest f;
  f.result = "breached";
  f.performance = "partial";
  EXPECT_EQ(commitments_->Decide(officer_, v.commitment.code, f).status().message(),
            "unperformed: 请写明未履行的承诺内容");
  f.unperformed = "经营场所与承诺不符";
  f.liability_pursued = "撤销食品经营许可";
  f.basis = "《中华人民共和国食品安全法》第三十五条";
  f.note = "2026年3月2日现场核查发现";
  EXPECT_EQ(commitments_->Decide(tax_, v.commitment.code, f).status().code(), Code::kNotFound);
  auto d = commitments_->Decide(officer_, v.commitment.code, f);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->commitment.status, "breached");
  ASSERT_GT(d->commitment.record_id, 0);
  auto tx = ts_->store().Begin(TxMode::kRead);
  ASSERT_TRUE(tx.ok());
  auto rec = (*tx)->GetRecord(d->commitment.record_id);
  ASSERT_TRUE(rec.ok() && rec->has_value());
  EXPECT_EQ((*rec)->item_code, "CN");
  EXPECT_EQ((*rec)->source_key, v.commitment.code);
  EXPECT_EQ((*rec)->nature, Nature::kMinor);
  EXPECT_TRUE(PubliclyVisible(**rec, "2026-03-02"));
  tx->reset();
  const Json answer = Check(kCompany, "administrative_licensing");
  EXPECT_TRUE(HasMeasure(answer, "P2-03")) << answer.dump();
  // Decided once only.
  EXPECT_EQ(commitments_->Decide(officer_, v.commitment.code, f).status().code(),
            Code::kFailedPrecondition);
  // A kept one makes no record.
  CommitmentView kept = SignAtCounter("证明事项型");
  FulfilmentRequest ok;
  ok.result = "fulfilled";
  auto k = commitments_->Decide(operator_, kept.commitment.code, ok);
  ASSERT_TRUE(k.ok()) << k.status().ToString();
  EXPECT_EQ(k->commitment.status, "fulfilled");
  EXPECT_EQ(k->commitment.record_id, 0);
}

TEST_P(CommitmentTest, APersonsBreachIsARecordTheyAloneAndGovernmentSee) {
  CommitmentRequest r = AtCounter("证明事项型");
  r.subject_code = "11010519491231002X";
  r.subject_name = "张三";
  auto v = commitments_->Sign(officer_, r);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  FulfilmentRequest f{"breached", "none", "未提交居住证明", "终止办理", "告知承诺书", "", ""};
  auto d = commitments_->Decide(officer_, v->commitment.code, f);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  auto tx = ts_->store().Begin(TxMode::kRead);
  ASSERT_TRUE(tx.ok());
  auto rec = (*tx)->GetRecord(d->commitment.record_id);
  ASSERT_TRUE(rec.ok() && rec->has_value());
  EXPECT_EQ((*rec)->disclosure, Disclosure::kAuthorised) << "natural persons: 授权查询";
  EXPECT_FALSE(PubliclyVisible(**rec, "2026-03-02"));
}

TEST_P(CommitmentTest, AFileIsTakenRowByRowWithItsErrors) {
  const std::string csv =
      "承诺人名称,统一社会信用代码,承诺类型,承诺事由,作出日期,公开类型,原系统编号\n"
      "南京某某科技有限公司,91320100748204660Q,审批替代型,建筑工程施工许可,2026/2/27,可向社会公开,A-1\n"
      "南京某某科技有限公司,91320100748204660X,审批替代型,建筑工程施工许可,2026-02-27,,A-2\n"
      "哈尔滨某某商贸有限公司,91230500MA1B3N1N2M,容缺受理型,,2026年3月1日,,A-3\n"
      "南京新设有限公司,91320100MA1W8DKP92,担保型,,2026-02-27,,A-4\n"
      "南京新设有限公司,91320100MA1W8DKP92,主动型,,2026-02-27,,\n";
  auto s = commitments_->Import(operator_, "承诺.csv", csv);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->accepted, 2);
  EXPECT_EQ(s->rejected, 3);
  ASSERT_EQ(s->errors.size(), 3u);
  EXPECT_EQ(s->errors[0].row, 3);
  EXPECT_EQ(s->errors[0].field, "subject_code");
  EXPECT_EQ(s->errors[1].row, 5);
  EXPECT_EQ(s->errors[1].field, "kind");
  EXPECT_EQ(s->errors[2].row, 6);
  EXPECT_EQ(s->errors[2].field, "source_id") << s->errors[2].message;
  EXPECT_FALSE(subjects_->Lookup("91320100MA1W8DKP92").ok())
      << "a refused row registers no subject";
  // The same file again: the good rows unchanged.
  auto again = commitments_->Import(operator_, "承诺.csv", csv);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->accepted, 0);
  EXPECT_EQ(again->unchanged, 2);
  EXPECT_EQ(again->codes, s->codes);
  // A column the file may not have refuses the file.
  auto bad = commitments_->Import(operator_, "x.csv", "承诺人名称,颜色\n甲,红\n");
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("颜色"), std::string::npos);
  EXPECT_EQ(commitments_->Import(company_, "承诺.csv", csv).status().code(),
            Code::kPermissionDenied);
}

TEST_P(CommitmentTest, AnOverdueMaterialIsFlaggedToTheDepartmentOnce) {
  CommitmentView v = SignAtCounter("容缺受理型");
  EXPECT_EQ(v.commitment.material_due, "2026-03-30");
  auto none = commitments_->FlagOverdueMaterials();
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, 0);
  clock_.Advance(29 * kDay);  // 2026-03-31
  auto flagged = commitments_->FlagOverdueMaterials();
  ASSERT_TRUE(flagged.ok()) << flagged.status().ToString();
  EXPECT_EQ(*flagged, 1);
  EXPECT_EQ(*commitments_->FlagOverdueMaterials(), 0) << "flagged once";
  auto got = commitments_->Get(operator_, v.commitment.code);
  ASSERT_TRUE(got.ok());
  EXPECT_TRUE(got->material_overdue);
  EXPECT_EQ(got->commitment.status, "in_force") << "the platform flags; the department decides";
  auto tx = ts_->store().Begin(TxMode::kRead);
  auto notices = (*tx)->NoticesOfDepartment(operator_.department_id, true, 10);
  ASSERT_TRUE(notices.ok());
  ASSERT_EQ(notices->size(), 1u);
  EXPECT_EQ((*notices)[0].kind, "commitment.material_overdue");
}

TEST_P(CommitmentTest, ThePublicSeesPublishedCommitmentsOnly) {
  CommitmentView open = SignAtCounter();
  CommitmentRequest r = AtCounter();
  r.publicity = "不可公开";
  auto closed = commitments_->Sign(officer_, r);
  ASSERT_TRUE(closed.ok());
  CommitmentRequest person = AtCounter();
  person.subject_code = "11010519491231002X";
  person.subject_name = "张三";
  auto personal = commitments_->Sign(officer_, person);
  ASSERT_TRUE(personal.ok()) << personal.status().ToString();
  EXPECT_EQ(personal->subject_name, "张*");
  auto list = commitments_->PublicList({});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u) << "not the private one, not the person's";
  EXPECT_EQ(list->at(0).commitment.code, open.commitment.code);
  EXPECT_TRUE(list->at(0).commitment.signed_by.empty());
  EXPECT_FALSE(list->at(0).scan.has_value());
  EXPECT_EQ(commitments_->PublicGet(closed->commitment.code).status().code(), Code::kNotFound);
  EXPECT_EQ(commitments_->PublicGet(personal->commitment.code).status().code(), Code::kNotFound);
  // Withdrawn: off the public list, kept on record.
  ASSERT_TRUE(commitments_->Withdraw(officer_, open.commitment.code, "录入错误").ok());
  EXPECT_TRUE(commitments_->PublicList({})->empty());
  EXPECT_EQ(commitments_->Get(admin_, open.commitment.code)->commitment.status, "withdrawn");
}

TEST_P(CommitmentTest, ARepairCommitmentMeetsTheRepairCondition) {
  const FixturePolicy& policy = LoadPolicy();
  RepairService repairs(*ctx_, policy.rights.repair, policy.catalogue, *lists_);
  repairs.UseCommitments(commitments_.get());
  const int64_t record = Penalty(5);
  RepairRequest req;
  req.target_kind = "record";
  req.target_id = record;
  auto before = repairs.Eligibility(req);
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  const auto met = [](const std::vector<RepairCondition>& cs) {
    for (const auto& c : cs) {
      if (c.code == "evidence.commitment") return c.met;
    }
    return false;
  };
  EXPECT_FALSE(met(*before));
  CommitmentView v = SignAtCounter("信用修复型");
  auto after = repairs.Eligibility(req);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(met(*after));
  for (const auto& c : *after) {
    if (c.code == "evidence.commitment") {
      EXPECT_NE(c.message.find(v.commitment.code), std::string::npos) << c.message;
    }
  }
  req.commitment_code = SignAtCounter("审批替代型").commitment.code;
  EXPECT_NE(repairs.Eligibility(req).status().message().find("不是该主体有效的信用修复型承诺"),
            std::string::npos);
}

TEST_P(CommitmentTest, TheMonthsFiguresCountSignedKeptAndBroken) {
  CommitmentView a = SignAtCounter();
  CommitmentView b = SignAtCounter("证明事项型");
  SignAtCounter("容缺受理型");
  FulfilmentRequest kept;
  kept.result = "fulfilled";
  ASSERT_TRUE(commitments_->Decide(officer_, a.commitment.code, kept).ok());
  FulfilmentRequest broken{"breached", "none", "未提交证明", "终止办理", "告知承诺书", "", ""};
  ASSERT_TRUE(commitments_->Decide(officer_, b.commitment.code, broken).ok());
  auto policy = MonitoringPolicy::LoadDir(XY_SOURCE_DIR "/policy/monitoring");
  ASSERT_TRUE(policy.ok());
  MonitoringService monitoring(*ctx_, *policy);
  auto month = monitoring.Month(admin_, "2026-03", "");
  ASSERT_TRUE(month.ok()) << month.status().ToString();
  bool found = false;
  for (const auto& d : month->departments) {
    if (d.counts.department_id != operator_.department_id) continue;
    found = true;
    EXPECT_EQ(d.counts.commitments_signed, 3);
    EXPECT_EQ(d.counts.commitments_fulfilled, 1);
    EXPECT_EQ(d.counts.commitments_breached, 1);
  }
  EXPECT_TRUE(found);
}

INSTANTIATE_TEST_SUITE_P(AllStores, CommitmentTest, XY_ALL_STORES);

}  // namespace
}  // namespace xinyong
