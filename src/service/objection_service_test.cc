// Objections (异议) end to end below HTTP, on every store: one ending in correction (both
// versions kept; the measure suspended while it is verified and recomputed after), one refused,
// one whose source department misses its time limit, one against a list entry.
#include "service/objection_service.h"

#include <gtest/gtest.h>

#include <cctype>

#include "core/crypto.h"
#include "service/lists_fixture.h"
#include "service/messages/message_dispatcher.h"
#include "service/propagation.h"

namespace xinyong {
namespace {

using Json = nlohmann::json;

class ObjectionTest : public ListsFixture {
 protected:
  void SetUp() override {
    ListsFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    objections_ = std::make_unique<ObjectionService>(*ctx_, LoadPolicy().rights.objections,
                                                     *intake_, *lists_);
  }

  // Whether P2-09 (审慎评估 in 评优评先, triggered by a minor record within a year) applies and
  // is suspended: "absent", "applied" or "suspended".
  std::string P209() {
    Json a = Check("91320100748204660Q", "honours");
    for (const auto& m : a["measures"]) {
      if (m["code"] == "P2-09") return m["suspended"].get<bool>() ? "suspended" : "applied";
    }
    return "absent";
  }

  FiledObjection FilePublic(int64_t record) {
    ObjectionRequest r;
    r.target_kind = "record";
    r.target_id = record;
    r.filer_kind = "subject";
    r.filer_name = "南京某某科技有限公司";
    r.filer_contact = "025-12345678";
    r.reasons = "罚款金额有误，应为1.5万元";
    r.attachments = {{"缴款凭证.pdf", "JVBERi0xLjQK"}};
    auto f = objections_->File(std::nullopt, r);
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    return f.ok() ? *f : FiledObjection{};
  }

  std::vector<std::string> Steps(const ObjectionView& v) {
    std::vector<std::string> out;
    for (const auto& s : v.steps) out.push_back(s.step);
    return out;
  }

  std::unique_ptr<ObjectionService> objections_;
};

TEST_P(ObjectionTest, AnObjectionEndsInACorrection) {
  const int64_t record = Penalty(2.5);
  ASSERT_GT(record, 0);
  EXPECT_EQ(P209(), "applied");
  FiledObjection filed = FilePublic(record);
  const int64_t id = filed.objection.id;
  EXPECT_EQ(filed.objection.accept_due, "2026-03-04") << "2 working days after Monday 2026-03-02";
  EXPECT_EQ(objections_->Track(id, "wrong").status().code(), Code::kNotFound);
  EXPECT_EQ(P209(), "applied") << "not suspended before the office accepts";

  auto accepted = objections_->Accept(admin_, id, "");
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  EXPECT_EQ(accepted->objection.verify_due, "2026-03-09");
  EXPECT_EQ(P209(), "suspended") << "异议处理中: the measure triggered only by it is suspended";
  EXPECT_EQ(objections_->Decide(operator_, id, "corrected", "金额更正").status().code(),
            Code::kFailedPrecondition)
      << "no corrected version was sent yet";
  Principal stranger{"user:x", Role::kOperator, 99, operator_.department_id + 100};
  EXPECT_EQ(objections_->Decide(stranger, id, "kept", "x").status().code(),
            Code::kPermissionDenied);

  clock_.Advance(kDay);
  ASSERT_GT(Penalty(1.5), 0) << "the department sends the corrected row";
  auto decided =
      objections_->Decide(operator_, id, "corrected", "经核实，罚款金额为1.5万元，已更正");
  ASSERT_TRUE(decided.ok()) << decided.status().ToString();
  EXPECT_EQ(P209(), "applied") << "recomputed on the corrected record, no longer suspended";
  // The department that checked the company (P209 checks) is told of the correction.
  NoticeService notices(*ctx_);
  auto told = notices.List(officer_, true, 100);
  ASSERT_TRUE(told.ok()) << told.status().ToString();
  bool corrected = false;
  for (const auto& n : *told) corrected = corrected || n.kind == "record.corrected";
  EXPECT_TRUE(corrected);
  ASSERT_FALSE(told->empty());
  ASSERT_TRUE(notices.MarkRead(officer_, told->front().id).ok());
  EXPECT_EQ(notices.List(officer_, true, 100)->size(), told->size() - 1);
  auto history = intake_->History(operator_, record);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->versions.size(), 2u) << "old and new versions both kept";
  EXPECT_NE(history->versions[0].fields.find("2.5"), std::string::npos);
  EXPECT_NE(history->versions[1].fields.find("1.5"), std::string::npos);
  EXPECT_TRUE(history->record.disputed_since.empty());

  ASSERT_TRUE(objections_->Close(admin_, id, "").ok());
  auto tracked = objections_->Track(id, filed.token);
  ASSERT_TRUE(tracked.ok());
  EXPECT_EQ(tracked->objection.status, "closed");
  EXPECT_EQ(tracked->objection.decision, "corrected");
  EXPECT_EQ(Steps(*tracked),
            (std::vector<std::string>{"submitted", "accepted", "decided", "closed"}));
  for (const auto& s : tracked->steps)
    EXPECT_TRUE(s.actor.empty()) << "no clerk names for the filer";
  EXPECT_TRUE(tracked->overdue.empty());
}

// A transport that keeps what it was given, and fails while `down`.
class KeptPosts : public WebhookTransport {
 public:
  Status Post(const WebhookPost& post) override {
    if (down) return Unavailable("HTTP 503");
    posts.push_back(post);
    return Status::Ok();
  }
  bool down = false;
  std::vector<WebhookPost> posts;
};

TEST_P(ObjectionTest, ALostCodeGoesAgainToTheContactGivenAndNowhereElse) {
  const int64_t record = Penalty(2.0);
  ASSERT_GT(record, 0);
  FiledObjection filed = FilePublic(record);
  const int64_t id = filed.objection.id;
  // Short, readable, typed back in any case, with or without the dash.
  ASSERT_EQ(filed.token.size(), 9u) << filed.token;
  std::string typed = filed.token.substr(0, 4) + " " + filed.token.substr(5);
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_TRUE(objections_->Track(id, typed).ok()) << typed;

  // Another contact: nothing happens, the code stands.
  auto wrong = objections_->ResendCode(id, "13900000000");
  ASSERT_TRUE(wrong.ok());
  EXPECT_FALSE(*wrong);
  EXPECT_FALSE(*objections_->ResendCode(id + 100, "025-12345678")) << "no such case";
  EXPECT_TRUE(objections_->Track(id, filed.token).ok());

  // The contact given, written another way: a new code is queued for it; the old one is void.
  KeptPosts gateway;
  MessageDispatcher none(*ctx_, gateway, MessageGateway{});
  auto sent = objections_->ResendCode(id, "025 1234 5678");
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  EXPECT_TRUE(*sent);
  EXPECT_EQ(objections_->Track(id, filed.token).status().code(), Code::kNotFound);
  EXPECT_EQ(*none.RunOnce(), 0) << "without a gateway, messages wait";

  MessageGateway configured;
  configured.url = "https://sms.example.gov.cn/send";
  configured.secret = "s3cret";
  MessageDispatcher dispatcher(*ctx_, gateway, configured);
  gateway.down = true;
  EXPECT_EQ(*dispatcher.RunOnce(), 0);
  EXPECT_EQ(*dispatcher.RunOnce(), 0) << "a failed message waits for its retry";
  clock_.Advance(60 * 1000);
  gateway.down = false;
  ASSERT_EQ(*dispatcher.RunOnce(), 1);
  ASSERT_EQ(gateway.posts.size(), 1u);
  const WebhookPost& post = gateway.posts[0];
  EXPECT_EQ(post.url, configured.url);
  Json body = Json::parse(post.body);
  EXPECT_EQ(body["channel"], "sms");
  EXPECT_EQ(body["to"], "025-12345678") << "to the contact as given when filing";
  const std::string text = body["text"];
  const size_t at = text.find("新查询码为 ");
  ASSERT_NE(at, std::string::npos) << text;
  const std::string fresh = text.substr(at + std::string("新查询码为 ").size(), 9);
  EXPECT_TRUE(objections_->Track(id, fresh).ok()) << fresh;
  std::string stamp, signature;
  for (const auto& [k, v] : post.headers) {
    if (k == "X-Xinyong-Timestamp") stamp = v;
    if (k == "X-Xinyong-Signature") signature = v;
  }
  EXPECT_EQ(signature, "sha256=" + HmacSha256Hex("s3cret", stamp + "." + post.body));
  EXPECT_EQ(*dispatcher.RunOnce(), 0) << "sent once";

  // The track page tells the filer the code was sent again; the store keeps no code in clear.
  auto tracked = objections_->Track(id, fresh);
  EXPECT_EQ(Steps(*tracked).back(), "code_resent");
  auto tx = ts_->store().Begin(TxMode::kRead);
  EventQuery q;
  q.type = "objection.code_resent";
  auto events = (*tx)->FindEvents(q);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ(events->front().payload.find(fresh), std::string::npos);
}

TEST_P(ObjectionTest, ARefusedObjectionChangesNothing) {
  const int64_t record = Penalty(2.5);
  FiledObjection filed = FilePublic(record);
  ObjectionRequest again;
  again.target_kind = "record";
  again.target_id = record;
  again.filer_kind = "public";
  again.filer_name = "李四";
  again.filer_contact = "13800000000";
  again.reasons = "重复提出";
  EXPECT_EQ(objections_->File(std::nullopt, again).status().code(), Code::kConflict)
      << "one open objection per item";
  EXPECT_EQ(objections_->Refuse(admin_, filed.objection.id, "").status().code(),
            Code::kInvalidArgument);
  auto refused = objections_->Refuse(admin_, filed.objection.id, "异议理由与该信息无关");
  ASSERT_TRUE(refused.ok()) << refused.status().ToString();
  EXPECT_EQ(refused->objection.status, "refused");
  EXPECT_EQ(P209(), "applied");
  EXPECT_EQ(objections_->Accept(admin_, filed.objection.id, "").status().code(),
            Code::kFailedPrecondition);
  auto tracked = objections_->Track(filed.objection.id, filed.token);
  EXPECT_EQ(Steps(*tracked), (std::vector<std::string>{"submitted", "refused"}));
  EXPECT_TRUE(objections_->File(std::nullopt, again).ok()) << "a new objection after a refusal";
}

TEST_P(ObjectionTest, ALateDepartmentIsFlaggedToTheOffice) {
  const int64_t record = Penalty(2.5);
  FiledObjection filed = FilePublic(record);
  const int64_t id = filed.objection.id;
  ASSERT_TRUE(objections_->Accept(admin_, id, "").ok());
  auto open = objections_->List(admin_, "", true);
  ASSERT_TRUE(open.ok());
  EXPECT_TRUE(open->empty()) << "nothing late yet";
  clock_.Advance(8 * kDay);  // Tuesday 2026-03-10: past the verification limit of 2026-03-09
  auto late = objections_->List(admin_, "", true);
  ASSERT_EQ(late->size(), 1u);
  EXPECT_EQ((*late)[0].overdue, "verify");
  auto own = objections_->List(operator_, "accepted", false);
  ASSERT_EQ(own->size(), 1u) << "the source department sees its own cases";
  EXPECT_EQ(P209(), "suspended") << "still suspended while late";
  auto decided = objections_->Decide(operator_, id, "kept", "处罚事实清楚，维持");
  ASSERT_TRUE(decided.ok()) << decided.status().ToString();
  EXPECT_NE(decided->steps.back().note.find("超过时限"), std::string::npos)
      << decided->steps.back().note;
  EXPECT_EQ(P209(), "applied");
}

TEST_P(ObjectionTest, AnExtensionMovesTheLimitOnce) {
  const int64_t id = FilePublic(Penalty(2.5)).objection.id;
  ASSERT_TRUE(objections_->Accept(admin_, id, "").ok());
  EXPECT_EQ(objections_->ApproveExtension(admin_, id).status().code(), Code::kFailedPrecondition);
  ASSERT_TRUE(objections_->RequestExtension(operator_, id, "需调取原始卷宗").ok());
  auto approved = objections_->ApproveExtension(admin_, id);
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_EQ(approved->objection.verify_due, "2026-03-16") << "5 more working days after 2026-03-09";
  EXPECT_EQ(objections_->RequestExtension(operator_, id, "再次延期").status().code(),
            Code::kFailedPrecondition);
  clock_.Advance(8 * kDay);
  EXPECT_TRUE(objections_->List(admin_, "", true)->empty());
}

TEST_P(ObjectionTest, ThePublicObjectsOnlyToWhatIsPublic) {
  const int64_t warning_only = Penalty(0, "警告");  // not published by default
  ObjectionRequest r;
  r.target_kind = "record";
  r.target_id = warning_only;
  r.filer_kind = "subject";
  r.filer_name = "南京某某科技有限公司";
  r.filer_contact = "025-12345678";
  r.reasons = "警告不当";
  EXPECT_EQ(objections_->File(std::nullopt, r).status().code(), Code::kNotFound);
  auto at_counter = objections_->File(admin_, r);
  ASSERT_TRUE(at_counter.ok()) << at_counter.status().ToString();
  EXPECT_EQ(at_counter->objection.filer_kind, "office");
  r.attachments = {{"x", "not base64!"}};
  r.target_id = 999999;
  Status bad = objections_->File(admin_, r).status();
  EXPECT_NE(bad.message().find("attachments[0]"), std::string::npos) << bad.message();
}

TEST_P(ObjectionTest, AListEntryRevokedOnObjectionExits) {
  ListEntry e = ListFirstCompany();
  ObjectionRequest r;
  r.target_kind = "list_entry";
  r.target_id = e.id;
  r.filer_kind = "subject";
  r.filer_name = "南京某某科技有限公司";
  r.filer_contact = "025-12345678";
  r.reasons = "认定事实有误";
  auto filed = objections_->File(std::nullopt, r);
  ASSERT_TRUE(filed.ok()) << filed.status().ToString();
  ASSERT_TRUE(objections_->Accept(admin_, filed->objection.id, "").ok());
  Json during = Check("91320100748204660Q", "government_procurement");
  ASSERT_FALSE(during["measures"].empty());
  for (const auto& m : during["measures"]) {
    if (m["kind"] == "punishment") {
      EXPECT_TRUE(m["suspended"].get<bool>()) << m.dump();
    }
  }
  EXPECT_EQ(objections_->Decide(operator_, filed->objection.id, "corrected", "x").status().code(),
            Code::kInvalidArgument);
  ASSERT_TRUE(objections_->Decide(operator_, filed->objection.id, "revoked", "认定依据不足").ok());
  auto entry = lists_->Get(e.id);
  EXPECT_EQ(entry->status, "exited");
  EXPECT_NE(entry->exit_reason.find("认定依据不足"), std::string::npos);
  Json after = Check("91320100748204660Q", "government_procurement");
  EXPECT_TRUE(after["lists"].empty());
}

INSTANTIATE_TEST_SUITE_P(AllStores, ObjectionTest, XY_ALL_STORES);

}  // namespace
}  // namespace xinyong
