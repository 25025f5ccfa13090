// Tips (举报) below HTTP, on every store: filed, routed, answered and followed by the tipster;
// the tipster's identity sealed at rest, kept out of events and out of every department's
// view; transfers, extensions, withheld files, late steps and a lost 查询码.
#include "service/tips/tip_service.h"

#include <gtest/gtest.h>

#include "service/lists_fixture.h"
#include "store/store.h"

namespace xinyong {
namespace {

constexpr const char* kName = "王举报";
constexpr const char* kPhone = "13912345678";
constexpr const char* kEmail = "whistle@example.cn";
constexpr const char* kFacts = "该公司在城东仓库无证生产食品，举报人身份证11010519491231002X";

class TipTest : public ListsFixture {
 protected:
  void SetUp() override {
    ListsFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto p = TipsPolicy::LoadDir(XY_SOURCE_DIR "/policy/tips", 16 * 1024 * 1024);
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    policy_ = *p;
    tips_ = std::make_unique<TipService>(*ctx_, policy_, *subjects_);
    auto tax = accounts_->CreateDepartment(admin_, "11320100MB0E50000D", "南京市税务局");
    ASSERT_TRUE(tax.ok()) << tax.status().ToString();
    tax_ = {"user:tax", Role::kOperator, 11, tax->id};
  }

  FiledTip FileOne(bool with_contact = true) {
    TipRequest r;
    r.subject = "91320100748204660Q";
    r.facts = kFacts;
    if (with_contact) r.contact = {kName, kPhone, kEmail};
    r.attachments = {{"现场照片.jpg", "/9j/4AAQ"}, {"举报人身份证复印件.pdf", "JVBERi0xLjQK"}};
    auto f = tips_->File(r);
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    return f.ok() ? *f : FiledTip{};
  }

  std::vector<std::string> Steps(const TipView& v) {
    std::vector<std::string> out;
    for (const auto& s : v.steps) out.push_back(s.step);
    return out;
  }

  TipsPolicy policy_;
  std::unique_ptr<TipService> tips_;
  Principal tax_;
};

TEST_P(TipTest, ATipIsFiledRoutedAnsweredAndFollowed) {
  FiledTip filed = FileOne();
  const int64_t id = filed.tip.id;
  ASSERT_GT(id, 0);
  EXPECT_EQ(filed.tip.route_due, "2026-03-05") << "3 working days after Monday 2026-03-02";
  EXPECT_EQ(tips_->Track(id, "WRONG-CODE").status().code(), Code::kNotFound);
  EXPECT_EQ(tips_->Track(id + 1000, filed.token).status().code(), Code::kNotFound);

  auto routed = tips_->Route(admin_, id, "11320100MB1886843H", "", {2}, "请核查仓库");
  ASSERT_TRUE(routed.ok()) << routed.status().ToString();
  EXPECT_EQ(routed->tip.status, "routed");
  EXPECT_EQ(routed->tip.answer_due, "2026-03-23") << "15 working days";
  EXPECT_EQ(routed->subject_name, "南京某某科技有限公司") << "linked by the code typed";

  auto seen = tips_->Get(operator_, id);
  ASSERT_TRUE(seen.ok()) << seen.status().ToString();
  EXPECT_FALSE(seen->tipster.has_value()) << "a department never gets the tipster";
  EXPECT_EQ(seen->facts.find("11010519491231002X"), std::string::npos) << "masked";
  EXPECT_NE(seen->facts.find("110***********002X"), std::string::npos);
  ASSERT_EQ(seen->files.size(), 1u) << "the withheld file is not shown to the department";
  EXPECT_EQ(seen->files[0].name, "现场照片.jpg");
  EXPECT_EQ(tips_->Attachment(operator_, id, 2).status().code(), Code::kNotFound);
  auto photo = tips_->Attachment(operator_, id, 1);
  ASSERT_TRUE(photo.ok()) << photo.status().ToString();
  EXPECT_EQ(photo->name, "现场照片.jpg");
  EXPECT_EQ(tips_->Get(tax_, id).status().code(), Code::kNotFound) << "another department";
  Principal auditor{"user:auditor", Role::kAuditor, 12, 0};
  auto audited = tips_->Get(auditor, id);
  ASSERT_TRUE(audited.ok());
  EXPECT_FALSE(audited->tipster.has_value());
  EXPECT_EQ(tips_->Get(officer_, id).status().code(), Code::kPermissionDenied);

  auto office = tips_->Get(admin_, id);
  ASSERT_TRUE(office.ok());
  ASSERT_TRUE(office->tipster.has_value());
  EXPECT_EQ(office->tipster->phone, kPhone);
  EXPECT_EQ(office->tipster->name, kName);
  ASSERT_EQ(office->files.size(), 2u);
  EXPECT_TRUE(office->files[1].withheld);

  EXPECT_EQ(tips_->AnswerTip(operator_, id, {"declined", "", "no_violation", "", ""})
                .status()
                .code(),
            Code::kInvalidArgument)
      << "不予立案 needs written reasons";
  EXPECT_EQ(tips_->AnswerTip(operator_, id, {"declined", "x", "made_up", "", ""}).status().code(),
            Code::kInvalidArgument);
  EXPECT_EQ(tips_->AnswerTip(tax_, id, {"filed", "", "", "", ""}).status().code(),
            Code::kNotFound);
  auto answered = tips_->AnswerTip(operator_, id, {"filed", "已派员核查", "", "", "宁市监立〔2026〕8号"});
  ASSERT_TRUE(answered.ok()) << answered.status().ToString();
  EXPECT_EQ(answered->tip.status, "filed");
  EXPECT_EQ(tips_->Get(operator_, id).status().code(), Code::kNotFound)
      << "the department sees the tips routed to it now, not its answered ones";

  auto tracked = tips_->Track(id, filed.token);
  ASSERT_TRUE(tracked.ok()) << tracked.status().ToString();
  EXPECT_EQ(tracked->tip.status, "filed");
  EXPECT_EQ(tracked->department_name, "南京市市场监督管理局");
  EXPECT_EQ(Steps(*tracked), (std::vector<std::string>{"submitted", "routed", "filed"}));
  for (const auto& s : tracked->steps) {
    EXPECT_TRUE(s.actor.empty()) << "no clerk named to the tipster";
    EXPECT_EQ(s.note.find("宁市监立"), std::string::npos) << "the case number stays inside";
  }
  EXPECT_TRUE(tracked->facts.empty());
  EXPECT_FALSE(tracked->tipster.has_value());
}

TEST_P(TipTest, WhatWasFiledIsSealedAtRestAndNoEventCarriesIt) {
  FiledTip filed = FileOne();
  ASSERT_TRUE(tips_->Route(admin_, filed.tip.id, "11320100MB1886843H", "", {}, "").ok());
  ASSERT_TRUE(tips_->Get(admin_, filed.tip.id).ok());
  auto tx = ts_->store().Begin(TxMode::kRead);
  ASSERT_TRUE(tx.ok());
  auto row = (*tx)->Tips().GetTip(filed.tip.id);
  ASSERT_TRUE(row.ok() && row->has_value());
  const Tip& t = **row;
  const std::string stored = t.subject_sealed + t.facts_sealed + t.contact_sealed + t.token_hash;
  for (const std::string secret :
       {std::string(kName), std::string(kPhone), std::string(kEmail), std::string("城东仓库"),
        std::string("91320100748204660Q"), filed.token}) {
    EXPECT_EQ(stored.find(secret), std::string::npos) << secret;
  }
  auto file = (*tx)->Tips().GetTipAttachment(filed.tip.id, 2);
  ASSERT_TRUE(file.ok() && file->has_value());
  EXPECT_EQ((*file)->name_sealed.find("身份证"), std::string::npos);
  auto events = (*tx)->ReadEvents(0, 100000);
  ASSERT_TRUE(events.ok());
  bool contact_read = false;
  for (const auto& e : *events) {
    const std::string all = e.type + e.actor + e.entity + e.payload;
    for (const char* secret : {kName, kPhone, kEmail, "城东仓库", "身份证"}) {
      EXPECT_EQ(all.find(secret), std::string::npos) << e.type << " carries " << secret;
    }
    contact_read = contact_read || e.type == "tip.contact_read";
  }
  EXPECT_TRUE(contact_read) << "the admin's reading of the contact is on record";
}

TEST_P(TipTest, TransfersPassTheTipOnUntilTheLimitThenBackToTheOffice) {
  FiledTip filed = FileOne(false);
  const int64_t id = filed.tip.id;
  ASSERT_TRUE(tips_->Route(admin_, id, "11320100MB1886843H", "", {}, "").ok());
  EXPECT_EQ(tips_->AnswerTip(operator_, id, {"transferred", "", "", "11320100MB0E50000D", ""})
                .status()
                .code(),
            Code::kInvalidArgument)
      << "a transfer says why";
  auto moved =
      tips_->AnswerTip(operator_, id, {"transferred", "涉嫌偷逃税款，属税务部门职责", "",
                                       "11320100MB0E50000D", ""});
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(moved->tip.department_id, tax_.department_id);
  EXPECT_EQ(tips_->Get(operator_, id).status().code(), Code::kNotFound)
      << "the first department loses sight of it";
  auto list = tips_->List(operator_, {});
  ASSERT_TRUE(list.ok());
  EXPECT_TRUE(list->empty());
  ASSERT_TRUE(tips_->List(tax_, {}).ok());
  EXPECT_EQ(tips_->List(tax_, {})->size(), 1u);
  ASSERT_TRUE(tips_->AnswerTip(tax_, id, {"transferred", "属市场监管职责", "",
                                          "11320100MB1886843H", ""})
                  .ok());
  auto back = tips_->AnswerTip(operator_, id, {"transferred", "仍认为属税务职责", "",
                                               "11320100MB0E50000D", ""});
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->tip.status, "submitted") << "a third transfer goes back to the office";
  EXPECT_EQ(back->tip.department_id, 0);
  EXPECT_EQ(Steps(*back).back(), "returned_to_office");
  EXPECT_EQ(tips_->List(tax_, {})->size(), 0u);
  ASSERT_TRUE(tips_->Route(admin_, id, "11320100MB0E50000D", "", {}, "由税务局办理").ok());
  auto declined = tips_->AnswerTip(tax_, id, {"declined", "经核查账簿无异常", "no_violation", "", ""});
  ASSERT_TRUE(declined.ok()) << declined.status().ToString();
  auto tracked = tips_->Track(id, filed.token);
  ASSERT_TRUE(tracked.ok());
  EXPECT_EQ(tracked->tip.status, "declined");
  EXPECT_NE(tracked->steps.back().note.find("经核查未发现违法失信行为"), std::string::npos)
      << tracked->steps.back().note;
}

TEST_P(TipTest, OneExtensionALateRouteIsFlaggedAndRefusalNeedsAReason) {
  FiledTip filed = FileOne();
  const int64_t id = filed.tip.id;
  clock_.Advance(5 * kDay);  // Saturday 2026-03-07: route_due 2026-03-05 has passed
  TipService::Query overdue;
  overdue.overdue_only = true;
  auto late = tips_->List(admin_, overdue);
  ASSERT_TRUE(late.ok());
  ASSERT_EQ(late->size(), 1u);
  EXPECT_EQ(late->front().overdue, "route");
  auto routed = tips_->Route(admin_, id, "11320100MB1886843H", "", {}, "");
  ASSERT_TRUE(routed.ok());
  EXPECT_NE(routed->steps.back().note.find("超过转办时限"), std::string::npos);
  ASSERT_TRUE(tips_->RequestExtension(operator_, id, "需现场检查").ok());
  EXPECT_EQ(tips_->RequestExtension(operator_, id, "再延").status().code(),
            Code::kFailedPrecondition);
  auto approved = tips_->ApproveExtension(admin_, id);
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_GT(approved->tip.answer_due, routed->tip.answer_due);
  EXPECT_EQ(tips_->ApproveExtension(admin_, id).status().code(), Code::kFailedPrecondition);

  FiledTip other = FileOne(false);
  EXPECT_EQ(tips_->Refuse(admin_, other.tip.id, " ").status().code(), Code::kInvalidArgument);
  ASSERT_TRUE(tips_->Refuse(admin_, other.tip.id, "所举报事项不属于信用信息").ok());
  EXPECT_EQ(tips_->Route(admin_, other.tip.id, "11320100MB1886843H", "", {}, "").status().code(),
            Code::kFailedPrecondition);
  EXPECT_EQ(tips_->Refuse(operator_, id, "x").status().code(), Code::kPermissionDenied);
}

TEST_P(TipTest, ALostCodeGoesOnlyToTheContactGiven) {
  FiledTip filed = FileOne();
  const int64_t id = filed.tip.id;
  auto wrong = tips_->ResendCode(id, "13900000000");
  ASSERT_TRUE(wrong.ok());
  EXPECT_FALSE(*wrong);
  EXPECT_TRUE(tips_->Track(id, filed.token).ok()) << "nothing changed";
  auto right = tips_->ResendCode(id, "+86 139-1234-5678");
  ASSERT_TRUE(right.ok());
  EXPECT_TRUE(*right);
  EXPECT_EQ(tips_->Track(id, filed.token).status().code(), Code::kNotFound)
      << "the old code no longer works";
  FiledTip anonymous = FileOne(false);
  EXPECT_FALSE(*tips_->ResendCode(anonymous.tip.id, kPhone));
  ASSERT_TRUE(tips_->Route(admin_, id, "11320100MB1886843H", "", {}, "").ok());
  auto seen = tips_->Get(operator_, id);
  ASSERT_TRUE(seen.ok());
  for (const auto& s : seen->steps) {
    EXPECT_NE(s.step, "code_resent") << "what concerns the tipster stays with the office";
  }
}

TEST_P(TipTest, BadFilingsAreRefusedNamingTheField) {
  TipRequest r;
  r.subject = "某公司";
  r.facts = "";
  EXPECT_NE(tips_->File(r).status().message().find("facts"), std::string::npos);
  r.facts = "无证经营";
  r.contact.phone = "not a phone";
  EXPECT_NE(tips_->File(r).status().message().find("contact.phone"), std::string::npos);
  r.contact.phone.clear();
  r.attachments.assign(6, {"a.jpg", "/9j/"});
  EXPECT_NE(tips_->File(r).status().message().find("至多5个附件"), std::string::npos);
  r.attachments = {{"a.jpg", "!!!"}};
  EXPECT_NE(tips_->File(r).status().message().find("attachments[0].content_base64"),
            std::string::npos);
  r.attachments.clear();
  auto ok = tips_->File(r);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->tip.subject_id, 0) << "a name is not linked to a platform subject";
}

INSTANTIATE_TEST_SUITE_P(AllStores, TipTest, XY_ALL_STORES);

}  // namespace
}  // namespace xinyong
