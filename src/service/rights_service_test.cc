// Credit repair, display windows that end on time, and authorised queries, end to end below
// HTTP on every store, walked through weeks with the manual clock.
#include <gtest/gtest.h>

#include "service/authorisation_service.h"
#include "service/display_scheduler.h"
#include "service/lists_fixture.h"
#include "service/propagation.h"
#include "service/public_service.h"
#include "service/repair_service.h"

namespace xinyong {
namespace {

class RightsTest : public ListsFixture {
 protected:
  void SetUp() override {
    ListsFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    const FixturePolicy& policy = LoadPolicy();
    repairs_ =
        std::make_unique<RepairService>(*ctx_, policy.rights.repair, policy.catalogue, *lists_);
    public_ = std::make_unique<PublicService>(*ctx_, policy.catalogue, *subjects_);
    scheduler_ = std::make_unique<DisplayScheduler>(*ctx_, *lists_, std::chrono::seconds(60));
    auths_ = std::make_unique<AuthorisationService>(*ctx_, policy.catalogue, *subjects_);
  }

  // Record ids on the first company's public page now.
  std::vector<int64_t> PublicRecords() {
    auto page = public_->Subject("91320100748204660Q");
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::vector<int64_t> out;
    if (page.ok()) {
      for (const auto& r : page->records) out.push_back(r.record.id);
    }
    return out;
  }

  RepairRequest Request(int64_t record) {
    return {"record",
            record,
            "南京某某科技有限公司",
            "025-12345678",
            {{"obligations_fulfilled", true}, {"harm_removed", true}, {"commitment", true}},
            {"罚款缴纳凭证.pdf", "信用修复承诺书.pdf"}};
  }

  std::unique_ptr<RepairService> repairs_;
  std::unique_ptr<PublicService> public_;
  std::unique_ptr<DisplayScheduler> scheduler_;
  std::unique_ptr<AuthorisationService> auths_;
};

TEST_P(RightsTest, RepairBeforeTheMinimumIsRefusedWithThatReasonAndSucceedsAfter) {
  const int64_t record = Penalty(2.5);
  ASSERT_EQ(PublicRecords(), std::vector<int64_t>{record});
  auto early = repairs_->Apply(std::nullopt, Request(record));
  ASSERT_EQ(early.status().code(), Code::kFailedPrecondition);
  EXPECT_NE(early.status().message().find("minimum_period"), std::string::npos)
      << early.status().message();
  EXPECT_NE(early.status().message().find("2026-05-27"), std::string::npos)
      << "3 months after the decision of 2026-02-27: " << early.status().message();

  clock_.Set(1779847200000);  // 2026-05-27 10:00 CST
  auto conditions = repairs_->Eligibility(Request(record));
  ASSERT_TRUE(conditions.ok());
  EXPECT_TRUE(RepairEligible(*conditions));
  RepairRequest missing = Request(record);
  missing.evidence.erase("commitment");
  auto no_commitment = repairs_->Apply(std::nullopt, missing);
  EXPECT_NE(no_commitment.status().message().find("evidence.commitment"), std::string::npos);

  NoticeService notices(*ctx_);
  Check("91320100748204660Q", "honours");  // 2026-05-27: the officer's department checks it
  auto filed = repairs_->Apply(std::nullopt, Request(record));
  ASSERT_TRUE(filed.ok()) << filed.status().ToString();
  EXPECT_EQ(PublicRecords(), std::vector<int64_t>{record}) << "still shown while under review";
  auto approved = repairs_->Approve(admin_, filed->repair.id, "材料齐全");
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_TRUE(PublicRecords().empty()) << "gone from the public page the same instant";
  auto told = notices.List(officer_, true, 100);
  ASSERT_EQ(told->size(), 1u) << "the department that checked it is told, once";
  EXPECT_EQ((*told)[0].kind, "record.repaired");
  EXPECT_NE((*told)[0].message.find("南京某某科技有限公司"), std::string::npos);
  auto tracked = repairs_->Track(filed->repair.id, filed->token);
  ASSERT_TRUE(tracked.ok());
  EXPECT_EQ(tracked->repair.status, "approved");
  EXPECT_EQ(tracked->steps.size(), 2u);

  // False materials: back in view, and no new application for 3 years.
  auto revoked = repairs_->RevokeForFalseMaterials(admin_, filed->repair.id, "缴款凭证系伪造");
  ASSERT_TRUE(revoked.ok()) << revoked.status().ToString();
  EXPECT_EQ(PublicRecords(), std::vector<int64_t>{record});
  auto again = repairs_->Apply(std::nullopt, Request(record));
  EXPECT_NE(again.status().message().find("not_banned"), std::string::npos)
      << again.status().message();
}

TEST_P(RightsTest, ALicenceRevocationCannotBeRepairedEarly) {
  const int64_t record = Penalty(0, "吊销许可证件", "宁市监罚〔2026〕12号");
  clock_.Set(1811383200000);  // 2027-05-27: long after any minimum
  auto r = repairs_->Eligibility(Request(record));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  bool named = false;
  for (const auto& c : *r) {
    if (c.code == "not_early") {
      EXPECT_FALSE(c.met);
      named = c.message.find("吊销许可证件") != std::string::npos;
    }
  }
  EXPECT_TRUE(named);
}

TEST_P(RightsTest, DisplayWindowsEndOnTimeWhateverTheScheduler) {
  const int64_t record = Penalty(2.5);
  ListEntry e = ListFirstCompany();  // valid until 2029-03-11
  auto tx = ts_->store().Begin(TxMode::kRead);
  auto rec = (*tx)->GetRecord(record);
  const std::string until = (*rec)->display.until;
  tx->reset();
  ASSERT_FALSE(until.empty());
  // The last day shown, then the day after, without any scheduler pass.
  auto at = [&](const std::string& day) {
    auto d = Date::Parse(day);
    clock_.Set((d->days() * 86400 + 2 * 3600) * 1000);  // 10:00 CST
  };
  at(until);
  EXPECT_EQ(PublicRecords(), std::vector<int64_t>{record});
  at(Date::Parse(until)->AddDays(1).ToString());
  EXPECT_TRUE(PublicRecords().empty()) << "out of view the day after, before any scheduler pass";
  // The scheduler (down until now) catches up: the end is recorded once.
  auto pass = scheduler_->RunOnce(500);
  ASSERT_TRUE(pass.ok()) << pass.status().ToString();
  EXPECT_EQ(pass->records_ended, 1);
  EXPECT_EQ(scheduler_->RunOnce(500)->records_ended, 0);
  // A list entry past its validity exits, dated the day after its last valid day.
  at("2029-03-20");
  auto later = scheduler_->RunOnce(500);
  EXPECT_EQ(later->entries_expired, 1);
  auto entry = lists_->Get(e.id);
  EXPECT_EQ(entry->status, "exited");
  EXPECT_EQ(entry->exited_at, "2029-03-12");
  EXPECT_EQ(scheduler_->RunOnce(500)->entries_expired, 0);
}

TEST_P(RightsTest, ABankSeesAuthorisedDataOnlyWhileAuthorisedAndTheSubjectSeesEveryQuery) {
  Penalty(2.5);
  auto bank = accounts_->CreateDepartment(admin_, "91340600MA2PBP2120", "某某银行南京分行");
  ASSERT_TRUE(bank.ok()) << bank.status().ToString();
  Principal teller{"user:teller", Role::kInstitution, 20, bank->id};
  auto subject = subjects_->Lookup("91320100748204660Q");
  Principal company{"user:company", Role::kSubject, 21, 0, subject->id};

  auto none = auths_->Query(teller, "91320100748204660Q", "信易贷贷款审查");
  EXPECT_EQ(none.status().code(), Code::kPermissionDenied);
  GrantRequest g{"", bank->code, "信易贷贷款审查", "", "2026-03-31"};
  auto grant = auths_->Grant(company, g);
  ASSERT_TRUE(grant.ok()) << grant.status().ToString();
  GrantRequest too_long{"", bank->code, "x", "", "2027-06-01"};
  EXPECT_EQ(auths_->Grant(company, too_long).status().code(), Code::kInvalidArgument);

  auto ok = auths_->Query(teller, "91320100748204660Q", "信易贷贷款审查");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->authorisation_id, grant->id);
  EXPECT_FALSE(ok->records.empty());
  EXPECT_EQ(auths_->Query(teller, "91320100748204660Q", "营销").status().code(),
            Code::kPermissionDenied)
      << "purpose-bound";
  Principal other_bank{"user:x", Role::kInstitution, 22, bank->id + 1000};
  EXPECT_EQ(auths_->Query(other_bank, "91320100748204660Q", "信易贷贷款审查").status().code(),
            Code::kPermissionDenied);

  clock_.Advance(30 * kDay);  // 2026-04-01: expired
  auto expired = auths_->Query(teller, "91320100748204660Q", "信易贷贷款审查");
  EXPECT_EQ(expired.status().code(), Code::kPermissionDenied);
  EXPECT_NE(expired.status().message().find("过期"), std::string::npos);

  // A new grant, withdrawn: nothing from that instant.
  GrantRequest g2{"", bank->code, "信易贷贷款审查", "", "2026-06-30"};
  auto grant2 = auths_->Grant(company, g2);
  ASSERT_TRUE(grant2.ok());
  ASSERT_TRUE(auths_->Query(teller, "91320100748204660Q", "信易贷贷款审查").ok());
  ASSERT_TRUE(auths_->Withdraw(company, grant2->id).ok());
  EXPECT_EQ(auths_->Query(teller, "91320100748204660Q", "信易贷贷款审查").status().code(),
            Code::kPermissionDenied);

  clock_.Advance(60000);
  Check("91320100748204660Q", "honours");  // a department's check is in the log too
  auto log = auths_->QueryLog(company, "", 100);
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  int authorised = 0, checks = 0;
  for (const auto& l : *log) {
    if (l.kind == "authorised_query") {
      ++authorised;
      EXPECT_EQ(l.department_name, "某某银行南京分行");
      EXPECT_EQ(l.purpose, "信易贷贷款审查");
    }
    if (l.kind == "check") ++checks;
  }
  EXPECT_EQ(authorised, 2) << "every answered query";
  EXPECT_EQ(checks, 1);
  EXPECT_EQ((*log)[0].kind, "check") << "newest first";
  EXPECT_EQ(auths_->QueryLog(company, "91230500MA1B3N1N2M", 10).status().code(),
            Code::kPermissionDenied)
      << "a subject reads only its own log";
}

TEST_P(RightsTest, NaturalPersonsAreNotBrowsable) {
  ListFirstCompany();  // registers 张三 as a responsible person
  EXPECT_EQ(public_->Subject("11010519491231002X").status().code(), Code::kNotFound);
  auto page = public_->Subject("91320100748204660Q");
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->lists.size(), 1u);
  EXPECT_EQ(page->lists[0].list_kind, "serious");
}

INSTANTIATE_TEST_SUITE_P(AllStores, RightsTest, XY_ALL_STORES);

}  // namespace
}  // namespace xinyong
