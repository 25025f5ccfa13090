// Typical cases (典型案例) below HTTP, on every store: drafted, submitted and approved by
// another admin; shown to the public only while what they link to is public; refused when
// they would show what is not public or name a person; withdrawn and superseded on record.
#include "service/cases/case_service.h"

#include <gtest/gtest.h>

#include "service/lists_fixture.h"

namespace xinyong {
namespace {

class CaseTest : public ListsFixture {
 protected:
  void SetUp() override {
    ListsFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    cases_ = std::make_unique<CaseService>(*ctx_, LoadPolicy().catalogue, *subjects_,
                                           CasePolicy{36}, LoadPolicy().rights.red_list);
  }

  CaseInput Dishonest(int64_t record) {
    CaseInput in;
    in.kind = "dishonest";
    in.title = "南京某某科技有限公司发布虚假广告案";
    in.body = "该公司在网络平台发布虚假广告，被依法处以罚款。";
    in.subjects = {"91320100748204660Q"};
    in.records = {record};
    return in;
  }

  int64_t Published(const CaseInput& in) {
    auto d = cases_->Draft(admin_, in);
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    if (!d.ok()) return 0;
    auto s = cases_->Submit(admin_, d->c.id);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    auto a = cases_->Approve(reviewer_, d->c.id, "", "");
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return d->c.id;
  }

  std::unique_ptr<CaseService> cases_;
  Principal reviewer_{"user:reviewer", Role::kAdmin, 2, 0};
};

TEST_P(CaseTest, ACaseIsApprovedByAnotherAdminAndShownWhileItsRecordIsPublic) {
  const int64_t record = Penalty(2.5);
  ASSERT_GT(record, 0);
  auto drafted = cases_->Draft(admin_, Dishonest(record));
  ASSERT_TRUE(drafted.ok()) << drafted.status().ToString();
  const int64_t id = drafted->c.id;
  EXPECT_EQ(cases_->PublicGet(id).status().code(), Code::kNotFound) << "a draft is not public";
  EXPECT_EQ(cases_->Submit(reviewer_, id).status().code(), Code::kPermissionDenied)
      << "only the author submits";
  ASSERT_TRUE(cases_->Submit(admin_, id).ok());
  EXPECT_EQ(cases_->Approve(admin_, id, "", "").status().code(), Code::kFailedPrecondition)
      << "four eyes: the author cannot approve";
  EXPECT_EQ(cases_->Approve(reviewer_, id, "", "2099-01-01").status().code(),
            Code::kInvalidArgument)
      << "beyond the longest display period";
  auto approved = cases_->Approve(reviewer_, id, "事实清楚", "");
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_EQ(approved->c.status, "published");
  EXPECT_EQ(approved->c.display_until, "2029-03-02") << "36 months from Monday 2026-03-02";
  ASSERT_TRUE(approved->preview.has_value());

  auto shown = cases_->PublicGet(id);
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  ASSERT_EQ(shown->subjects.size(), 1u);
  EXPECT_EQ(shown->subjects[0].code, "91320100748204660Q");
  ASSERT_EQ(shown->records.size(), 1u);
  auto listed = cases_->PublicList("dishonest", 0, 20);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 1u);
  EXPECT_TRUE(cases_->PublicList("honest", 0, 20)->empty());
  auto listed_by_office = cases_->List(admin_, "published", "", 0, 50);
  ASSERT_TRUE(listed_by_office.ok());
  ASSERT_EQ(listed_by_office->size(), 1u);
  EXPECT_TRUE(listed_by_office->at(0).preview.has_value()) << "the office's list says it is shown";

  // The record is revoked: the case has nothing public to show and leaves the site that day.
  ASSERT_TRUE(intake_->Revoke(operator_, record, "复议撤销").ok());
  EXPECT_EQ(cases_->PublicGet(id).status().code(), Code::kNotFound);
  EXPECT_TRUE(cases_->PublicList("", 0, 20)->empty());
  auto office = cases_->Get(admin_, id);
  ASSERT_TRUE(office.ok());
  EXPECT_EQ(office->c.status, "published");
  EXPECT_FALSE(office->preview.has_value());
}

TEST_P(CaseTest, WithdrawalAndSupersessionKeepTheCaseOnRecord) {
  const int64_t record = Penalty(2.5);
  const int64_t first = Published(Dishonest(record));
  ASSERT_GT(first, 0);
  CaseInput corrected = Dishonest(record);
  corrected.title = "南京某某科技有限公司发布虚假广告案（更正）";
  corrected.supersedes = first;
  const int64_t second = Published(corrected);
  ASSERT_GT(second, 0);
  auto old = cases_->Get(admin_, first);
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->c.status, "withdrawn");
  EXPECT_NE(old->c.withdraw_reason.find(std::to_string(second)), std::string::npos);
  EXPECT_EQ(cases_->PublicGet(first).status().code(), Code::kNotFound);
  EXPECT_TRUE(cases_->PublicGet(second).ok());

  EXPECT_EQ(cases_->Withdraw(admin_, second, " ").status().code(), Code::kInvalidArgument);
  ASSERT_TRUE(cases_->Withdraw(admin_, second, "情况发生变化").ok());
  EXPECT_EQ(cases_->PublicGet(second).status().code(), Code::kNotFound);
  auto all = cases_->List(admin_, "", "", 0, 50);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 2u) << "withdrawn cases stay on record";
  Principal auditor{"user:auditor", Role::kAuditor, 3, 0};
  EXPECT_TRUE(cases_->List(auditor, "withdrawn", "", 0, 50).ok());
  EXPECT_EQ(cases_->Draft(auditor, Dishonest(record)).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(cases_->List(operator_, "", "", 0, 50).status().code(), Code::kPermissionDenied);
}

TEST_P(CaseTest, WhatIsNotPublicOrNamesAPersonIsRefusedNamingTheRule) {
  const int64_t record = Penalty(2.5);
  CaseInput none = Dishonest(record);
  none.subjects.clear();
  EXPECT_NE(cases_->Draft(admin_, none).status().message().find("subjects"), std::string::npos);
  CaseInput unknown = Dishonest(record);
  unknown.records = {999999};
  EXPECT_NE(cases_->Draft(admin_, unknown).status().message().find("records[0]"),
            std::string::npos);

  CaseInput id_number = Dishonest(record);
  id_number.body = "法定代表人张三（身份证11010519491231002X）指使员工发布虚假广告。";
  auto d = cases_->Draft(admin_, id_number);
  ASSERT_TRUE(d.ok());
  auto refused = cases_->Submit(admin_, d->c.id);
  EXPECT_EQ(refused.status().code(), Code::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("body: 第"), std::string::npos)
      << refused.status().ToString();
  EXPECT_NE(refused.status().message().find("居民身份证号"), std::string::npos);

  // A record of a company the case does not link.
  CaseInput other = Dishonest(record);
  other.subjects = {"91230500MA1B3N1N2M"};
  auto o = cases_->Draft(admin_, other);
  ASSERT_TRUE(o.ok());
  auto unlinked = cases_->Submit(admin_, o->c.id);
  EXPECT_NE(unlinked.status().message().find("没有关联"), std::string::npos)
      << unlinked.status().ToString();

  // 守信 for a company with a dishonesty record of this year.
  CaseInput honest = Dishonest(record);
  honest.kind = "honest";
  honest.records.clear();
  auto h = cases_->Draft(admin_, honest);
  ASSERT_TRUE(h.ok());
  auto not_honest = cases_->Submit(admin_, h->c.id);
  EXPECT_NE(not_honest.status().message().find("守信案例须引用"), std::string::npos);
  EXPECT_NE(not_honest.status().message().find("失信记录"), std::string::npos);

  // A natural person appears masked; the full name in the text is refused.
  auto person = subjects_->Register(admin_, {SubjectKind::kNaturalPerson, "欧阳明", {"11010519491231002X"}, ""});
  ASSERT_TRUE(person.ok()) << person.status().ToString();
  CaseInput named = Dishonest(record);
  named.subjects = {"91320100748204660Q", "11010519491231002X"};
  named.body = "欧阳明作为法定代表人，指使员工发布虚假广告。";
  auto n = cases_->Draft(admin_, named);
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  auto full_name = cases_->Submit(admin_, n->c.id);
  EXPECT_NE(full_name.status().message().find("请写作欧**"), std::string::npos)
      << full_name.status().ToString();
  named.body = "欧阳某作为法定代表人，指使员工发布虚假广告。";
  ASSERT_TRUE(cases_->Edit(admin_, n->c.id, named).ok());
  EXPECT_EQ(cases_->Edit(reviewer_, n->c.id, named).status().code(), Code::kPermissionDenied);
  ASSERT_TRUE(cases_->Submit(admin_, n->c.id).ok());
  ASSERT_TRUE(cases_->Approve(reviewer_, n->c.id, "", "").ok());
  auto shown = cases_->PublicGet(n->c.id);
  ASSERT_TRUE(shown.ok());
  bool masked = false;
  for (const auto& s : shown->subjects) {
    EXPECT_NE(s.name, "欧阳明");
    if (s.person) {
      masked = true;
      EXPECT_EQ(s.name, "欧**");
      EXPECT_TRUE(s.code.empty());
    }
  }
  EXPECT_TRUE(masked);
}

INSTANTIATE_TEST_SUITE_P(AllStores, CaseTest, XY_ALL_STORES);

}  // namespace
}  // namespace xinyong
