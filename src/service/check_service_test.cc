// Lists and the check end to end below HTTP, on every store: recognition with notice and
// defence period, the check of a listed company and of its legal representative, a red-list
// incentive, expiry, feedback.
#include "service/check_service.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/crypto.h"
#include "service/lists_fixture.h"
#include "service/measures/basis_book.h"
#include "service/measures/basis_service.h"
#include "service/subscription_service.h"
#include "service/webhook_dispatcher.h"

namespace xinyong {
namespace {

using Json = nlohmann::json;

class CheckTest : public ListsFixture {};

TEST_P(CheckTest, RecognitionNeedsBasisNoticeAndTheDefencePeriod) {
  ProposeRequest r;
  r.subject_code = "91320100748204660Q";
  r.list_kind = "serious";
  r.domain = "market_regulation";
  r.facts = "提供虚假材料";
  EXPECT_EQ(lists_->Propose(operator_, r).status().code(), Code::kInvalidArgument) << "no basis";
  r.basis = "《市场监督管理严重违法失信名单管理办法》第二条";
  auto e = lists_->Propose(operator_, r);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(lists_->Decide(operator_, e->id, "决定", "", "").status().code(),
            Code::kFailedPrecondition)
      << "a serious entry needs a notice first";
  auto n = lists_->Notice(operator_, e->id, "告知书", 5);
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(n->defence_until, "2026-03-09") << "5 working days after Monday 2026-03-02";
  auto early = lists_->Decide(operator_, e->id, "决定", "", "");
  EXPECT_EQ(early.status().code(), Code::kFailedPrecondition);
  EXPECT_NE(early.status().message().find("2026-03-09"), std::string::npos);
  clock_.Advance(8 * kDay);
  auto d = lists_->Decide(operator_, e->id, "宁市监信决〔2026〕1号", "", "2029-03-09");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->status, "decided");
  EXPECT_EQ(d->valid_from, "2026-03-10");
  auto x = lists_->Exit(operator_, e->id, "信用修复");
  ASSERT_TRUE(x.ok());
  EXPECT_EQ(x->status, "exited");
}

TEST_P(CheckTest, EveryDecidedEntryEndsByThePolicyOfItsListAndDomain) {
  ProposeRequest r;
  r.subject_code = "91320100748204660Q";
  r.list_kind = "serious";
  r.domain = "market_regulation";
  r.basis = "《市场监督管理严重违法失信名单管理办法》第二条";
  r.facts = "提供虚假材料";
  auto e = lists_->Propose(operator_, r);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  ASSERT_TRUE(lists_->Notice(operator_, e->id, "告知书", 5).ok());
  clock_.Advance(8 * kDay);
  auto beyond = lists_->Decide(operator_, e->id, "宁市监信决〔2026〕2号", "", "2031-01-01");
  EXPECT_EQ(beyond.status().code(), Code::kInvalidArgument) << "beyond the three years";
  EXPECT_NE(beyond.status().message().find("36个月"), std::string::npos)
      << beyond.status().message();
  auto d = lists_->Decide(operator_, e->id, "宁市监信决〔2026〕2号", "", "");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->valid_from, "2026-03-10");
  EXPECT_EQ(d->valid_until, "2029-03-10") << "no end given: the policy's three years";

  // An entry decided open-ended before the policy (old data) is given its end, once, with an
  // event naming the rule.
  ListEntry old = *d;
  old.id = 0;
  old.domain = "court_enforcement";
  old.valid_from = "2025-01-15";
  old.valid_until = "";
  {
    auto tx = ts_->store().Begin(TxMode::kWrite);
    ASSERT_TRUE(tx.ok());
    auto id = (*tx)->InsertListEntry(old);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    old.id = *id;
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  auto ended = lists_->EndOpenEntries();
  ASSERT_TRUE(ended.ok()) << ended.status().ToString();
  EXPECT_EQ(*ended, 1);
  auto got = lists_->Get(old.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->valid_until, "2027-01-15") << "the courts' two years";
  auto again = lists_->EndOpenEntries();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0) << "idempotent";
  auto rtx = ts_->store().Begin(TxMode::kRead);
  ASSERT_TRUE(rtx.ok());
  auto events = (*rtx)->ReadEvents(0, 100000);
  ASSERT_TRUE(events.ok());
  int set = 0;
  for (const auto& ev : *events) {
    if (ev.type != "list_entry.validity_set") continue;
    ++set;
    EXPECT_EQ(ev.entity, "list_entry:" + std::to_string(old.id));
    EXPECT_NE(ev.payload.find("失信被执行人"), std::string::npos) << ev.payload;
  }
  EXPECT_EQ(set, 1);
}

// Issue 22, item 8: a basis nobody checked shows the document only and reads unconfirmed in
// the answer; an admin confirms it against the official text (an event), and the next answer,
// on this node and on another one that follows the store, shows the article.
TEST_P(CheckTest, AnAdminConfirmsAMeasuresBasisAndAnswersShowIt) {
  const FixturePolicy& policy = LoadPolicy();
  BasisBook book;
  MeasureBasisService bases(*ctx_, policy.measures, book);
  CheckService checks(*ctx_, policy.measures, policy.catalogue, *subjects_, &book);
  ListFirstCompany();
  auto basis_of = [&](const std::string& code) {
    auto a = checks.Check(officer_, "91320100748204660Q", "fiscal_funds");
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    const Json answer = Json::parse(a->json);
    for (const auto& m : answer["measures"]) {
      if (m["code"] == code) return m["basis"];
    }
    ADD_FAILURE() << code << " not in the answer: " << a->json;
    return Json();
  };
  Json before = basis_of("P1-04");
  EXPECT_EQ(before["confirmed"], false) << before.dump();
  EXPECT_EQ(before["article"], "") << "no article nobody checked";
  EXPECT_NE(before["document"].get<std::string>().find("国发〔2016〕33号"), std::string::npos);

  BasisConfirmationRequest r{"（十）", "", "", ""};
  EXPECT_EQ(bases.Confirm(operator_, "P1-04", r).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(bases.Confirm(admin_, "P1-04", r).status().code(), Code::kInvalidArgument)
      << "where the text was read is required";
  r.source = "中国政府网 www.gov.cn 国发〔2016〕33号全文";
  EXPECT_EQ(bases.Confirm(admin_, "X-99", r).status().code(), Code::kNotFound);
  auto c = bases.Confirm(admin_, "P1-04", r);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  Json after = basis_of("P1-04");
  EXPECT_EQ(after["confirmed"], true) << after.dump();
  EXPECT_EQ(after["article"], "（十）");
  EXPECT_EQ(after["document"], before["document"]);

  // Another node on the same store.
  BasisBook other_book;
  MeasureBasisService other(*ctx_, policy.measures, other_book);
  EXPECT_FALSE(other_book.Of(*policy.measures.Find("P1-04")).confirmed);
  ASSERT_TRUE(other.Follow().ok());
  EXPECT_EQ(other_book.Of(*policy.measures.Find("P1-04")).article, "（十）");

  auto rtx = ts_->store().Begin(TxMode::kRead);
  ASSERT_TRUE(rtx.ok());
  auto events = (*rtx)->ReadEvents(0, 100000);
  ASSERT_TRUE(events.ok());
  int confirmed = 0;
  for (const auto& ev : *events) {
    if (ev.type != "measure.basis_confirmed") continue;
    ++confirmed;
    EXPECT_EQ(ev.entity, "measure:P1-04");
    EXPECT_NE(ev.payload.find("www.gov.cn"), std::string::npos) << ev.payload;
  }
  EXPECT_EQ(confirmed, 1);
}

TEST_P(CheckTest, ListedCompanyAndItsLegalRepresentativeInProcurement) {
  ListFirstCompany();
  Json company = Check("91320100748204660Q", "government_procurement");
  ASSERT_EQ(company["lists"].size(), 1u) << company.dump();
  EXPECT_EQ(company["lists"][0]["list_kind"], "serious");
  ASSERT_FALSE(company["measures"].empty()) << company.dump();
  bool procurement = false;
  for (const auto& m : company["measures"]) {
    EXPECT_FALSE(m["basis"]["document"].get<std::string>().empty()) << m.dump();
    if (m["kind"] == "punishment" &&
        m["name"].get<std::string>().find("政府采购") != std::string::npos) {
      procurement = true;
      EXPECT_EQ(m["triggers"][0]["kind"], "list_entry");
      EXPECT_FALSE(m["suspended"].get<bool>());
    }
  }
  EXPECT_TRUE(procurement) << company.dump();
  EXPECT_GT(company["check_id"].get<int64_t>(), 0);

  Json person = Check("11010519491231002X", "government_procurement");
  EXPECT_EQ(person["subject"]["name"], "张*");
  ASSERT_EQ(person["as_responsible_person"].size(), 1u) << person.dump();
  EXPECT_EQ(person["as_responsible_person"][0]["organisation"]["name"], "南京某某科技有限公司");
  EXPECT_EQ(person["as_responsible_person"][0]["role"], "legal_representative");
  EXPECT_FALSE(person["as_responsible_person"][0]["measures"].empty());

  // The answer and the check's event payload are written by hand: each is what
  // nlohmann::json dumps for it (members in key order), and the event names the answer's hash.
  auto a = checks_->Check(officer_, "11010519491231002X", "government_procurement");
  ASSERT_TRUE(a.ok());
  // check_id and answer_sha256 come last, appended to the hashed text.
  const std::string suffix =
      ",\"check_id\":" + std::to_string(a->check_id) + ",\"answer_sha256\":\"" + a->sha256 + "\"}";
  ASSERT_GT(a->json.size(), suffix.size());
  EXPECT_EQ(a->json.substr(a->json.size() - suffix.size()), suffix);
  const std::string body = a->json.substr(0, a->json.size() - suffix.size()) + "}";
  const Json answer = Json::parse(body);
  EXPECT_EQ(answer.dump(), body);
  EXPECT_EQ(Sha256Hex(body), a->sha256);
  auto tx = ts_->store().Begin(TxMode::kRead);
  ASSERT_TRUE(tx.ok());
  auto events = (*tx)->ReadEvents(0, 10000);
  ASSERT_TRUE(events.ok());
  int performed = 0;
  for (const auto& e : *events) {
    if (e.type != "check.performed") continue;
    ++performed;
    const Json payload = Json::parse(e.payload);
    EXPECT_EQ(payload.dump(), e.payload);
    EXPECT_EQ(payload.at("scenario"), "government_procurement");
    EXPECT_EQ(payload.at("department"), officer_.department_id);
    if (e.entity == "check:" + std::to_string(a->check_id)) {
      EXPECT_EQ(payload.at("answer_sha256"), a->sha256);
      EXPECT_EQ(payload.at("measures"), a->measures);
      EXPECT_EQ(payload.at("subject"), answer["subject"]["id"]);
    }
  }
  EXPECT_EQ(performed, 3);
  tx->reset();

  // Past its validity the entry triggers nothing.
  clock_.Set(1772416800000 + 4 * 366 * kDay);
  Json later = Check("91320100748204660Q", "government_procurement");
  EXPECT_TRUE(later["lists"].empty()) << later.dump();
  for (const auto& m : later["measures"]) EXPECT_NE(m["kind"], "punishment") << m.dump();
}

TEST_P(CheckTest, RedListGetsTheGreenChannelInLicensing) {
  ProposeRequest r;
  r.subject_code = "91230500MA1B3N1N2M";
  r.list_kind = "red";
  r.domain = "tax";
  r.basis = "《纳税信用管理办法（试行）》第二十九条";
  auto e = lists_->Propose(operator_, r);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  ASSERT_TRUE(lists_->Decide(operator_, e->id, "纳税信用A级名单", "", "2026-12-31").ok());
  Json a = Check("91230500MA1B3N1N2M", "administrative_licensing");
  bool green = false;
  for (const auto& m : a["measures"]) {
    if (m["kind"] == "incentive" && m["name"].get<std::string>().find("容缺") != std::string::npos)
      green = true;
  }
  EXPECT_TRUE(green) << a.dump();
}

// issue 16, item 11: a company fined three days before is not recognised for a red list
// (the decision names the penalty); the office may decide all the same with a written reason,
// kept in the event log; an operator may not.
TEST_P(CheckTest, ARedListEntryIsRefusedWhileTheSubjectHasARecentPenalty) {
  ASSERT_GT(Penalty(2.5), 0);  // decided 2026-02-27, the clock at 2026-03-02
  ProposeRequest r;
  r.subject_code = "91320100748204660Q";
  r.list_kind = "red";
  r.domain = "tax";
  r.basis = "《纳税信用管理办法（试行）》第二十九条";
  auto e = lists_->Propose(operator_, r);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  auto refused = lists_->Decide(operator_, e->id, "纳税信用A级名单", "", "2026-12-31");
  ASSERT_EQ(refused.status().code(), Code::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("宁市监罚〔2026〕11号"), std::string::npos)
      << refused.status().message();
  EXPECT_EQ(
      lists_->Decide(operator_, e->id, "纳税信用A级名单", "", "2026-12-31", "理由").status().code(),
      Code::kPermissionDenied);
  auto decided = lists_->Decide(admin_, e->id, "纳税信用A级名单", "", "2026-12-31",
                                "处罚已于认定前履行完毕，经信用办会商");
  ASSERT_TRUE(decided.ok()) << decided.status().ToString();
  auto tx = ts_->store().Begin(TxMode::kRead);
  EventQuery q;
  q.type = "list_entry.red_override";
  auto events = (*tx)->FindEvents(q);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_NE(events->front().payload.find("经信用办会商"), std::string::npos);
}

TEST_P(CheckTest, HonoursNameTheFineByItsNumberAndLeaveTheIncentiveOutWithTheReason) {
  ASSERT_GT(Penalty(0.5), 0);  // 一般失信, decided 2026-02-27
  ProposeRequest r;
  r.subject_code = "91320100748204660Q";
  r.list_kind = "red";
  r.domain = "market_regulation";
  r.basis = "《南京市诚信典型认定办法》第五条";
  auto e = lists_->Propose(operator_, r);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  ASSERT_TRUE(lists_->Decide(admin_, e->id, "宁信用〔2026〕3号", "", "2027-12-31", "会商").ok());

  auto a = checks_->Check(officer_, "91320100748204660Q", "honours");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  Json answer = Json::parse(a->json);
  ASSERT_EQ(answer["measures"].size(), 1u) << answer.dump();
  EXPECT_EQ(answer["measures"][0]["code"], "P2-09");
  const std::string why = answer["measures"][0]["triggers"][0]["description"];
  EXPECT_NE(why.find("宁市监罚〔2026〕11号"), std::string::npos) << why;
  EXPECT_NE(why.find("南京市市场监督管理局"), std::string::npos) << why;
  EXPECT_EQ(why.find("记录 "), std::string::npos) << why;
  ASSERT_EQ(answer["withheld"].size(), 1u) << answer.dump();
  EXPECT_EQ(answer["withheld"][0]["code"], "I1-03");
  EXPECT_NE(answer["withheld"][0]["note"].get<std::string>().find("不予适用"), std::string::npos);
  EXPECT_EQ(answer["withheld"][0]["withheld_by"][0]["description"], why);

  // Feedback only on what the answer named; the withheld incentive is not among it.
  EXPECT_EQ(checks_->Feedback(officer_, a->check_id, {{"I1-03", true, ""}}).code(),
            Code::kInvalidArgument);
  auto listed = checks_->List(officer_, 0, 0, 10);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().check.measure_codes, "P2-09");
  EXPECT_EQ(listed->front().subject_name, "南京某某科技有限公司");
  const Principal stranger{"user:tax", Role::kOfficer, 77, 999};
  EXPECT_EQ(checks_->Get(stranger, a->check_id).status().code(), Code::kNotFound)
      << "another department's check is not shown to it";
  EXPECT_TRUE(checks_->List(stranger, 0, 0, 10)->empty());
  EXPECT_EQ(checks_->List(stranger, officer_.department_id, 0, 10).status().code(),
            Code::kPermissionDenied);
}

TEST_P(CheckTest, AValidCodeNotOnThePlatformIsAnsweredAndRecorded) {
  auto a = checks_->Check(officer_, "91320105MA1Q2W3E4A", "government_procurement");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  Json answer = Json::parse(a->json);
  EXPECT_EQ(answer["subject"]["on_record"], false);
  EXPECT_TRUE(answer["measures"].empty());
  auto got = checks_->Get(officer_, a->check_id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->check.subject_id, 0);
  EXPECT_EQ(got->check.checked_code, "91320105MA1Q2W3E4A");
  EXPECT_EQ(checks_->Feedback(officer_, a->check_id, {{"P1-01", true, ""}}).code(),
            Code::kInvalidArgument)
      << "no measure was named: nothing to report";
  // A person's number is kept masked.
  auto person = checks_->Check(officer_, "11010519491231002X", "government_procurement");
  ASSERT_TRUE(person.ok()) << person.status().ToString();
  EXPECT_EQ(person->json.find("11010519491231002X"), std::string::npos) << person->json;
  EXPECT_EQ(checks_->Get(officer_, person->check_id)->check.checked_code.find("19491231"),
            std::string::npos);
  EXPECT_EQ(checks_->Check(officer_, "91320105MA1Q2W3E4B", "government_procurement")
                .status()
                .code(),
            Code::kInvalidArgument)
      << "an invalid code is an error, not an answer";
}

TEST_P(CheckTest, FeedbackOncePerMeasure) {
  ListFirstCompany();
  auto a = checks_->Check(officer_, "91320100748204660Q", "government_procurement");
  ASSERT_TRUE(a.ok());
  Json answer = Json::parse(a->json);
  ASSERT_FALSE(answer["measures"].empty());
  const std::string code = answer["measures"][0]["code"];
  EXPECT_TRUE(checks_->Feedback(officer_, a->check_id, {{code, true, ""}}).ok());
  EXPECT_EQ(checks_->Feedback(officer_, a->check_id, {{code, false, "重复"}}).code(),
            Code::kConflict);
  EXPECT_EQ(checks_->Feedback(officer_, a->check_id, {{"NOPE", true, ""}}).code(),
            Code::kInvalidArgument);
  auto stats = checks_->Stats(officer_);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  ASSERT_EQ(stats->size(), 1u);
  EXPECT_EQ((*stats)[0].scenario, "government_procurement");
  EXPECT_EQ((*stats)[0].checks, 1);
  EXPECT_EQ((*stats)[0].measures, static_cast<int64_t>(answer["measures"].size()));
  EXPECT_EQ((*stats)[0].feedback, 1);
  EXPECT_EQ((*stats)[0].applied, 1);
  EXPECT_EQ(
      checks_->Check(operator_, "91320100748204660Q", "government_procurement").status().code(),
      Code::kPermissionDenied)
      << "operators submit; officers check";
  EXPECT_EQ(checks_->Check(officer_, "91320100748204660Q", "no_such").status().code(),
            Code::kInvalidArgument);
}

TEST_P(CheckTest, PullFeedResumesFromItsCursor) {
  Principal reader{"user:officer", Role::kOfficer, 10, officer_.department_id};
  auto empty = lists_->Feed(reader, 0, 10);
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_TRUE(empty->items.empty());
  ListEntry e = ListFirstCompany();
  auto first = lists_->Feed(reader, 0, 10);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->items.size(), 1u);
  EXPECT_EQ(first->items[0].type, "list_entry.decided");
  EXPECT_EQ(first->items[0].entry.id, e.id);
  EXPECT_EQ(first->items[0].subject_name, "南京某某科技有限公司");
  // Nothing new: the cursor returns nothing and stays put.
  auto none = lists_->Feed(reader, first->next_cursor, 10);
  EXPECT_TRUE(none->items.empty());
  EXPECT_GE(none->next_cursor, first->next_cursor);
  ASSERT_TRUE(lists_->Exit(operator_, e.id, "信用修复").ok());
  auto next = lists_->Feed(reader, first->next_cursor, 10);
  ASSERT_EQ(next->items.size(), 1u);
  EXPECT_EQ(next->items[0].type, "list_entry.exited");
  EXPECT_EQ(next->items[0].entry.exit_reason, "信用修复");
  // Read page by page from the start: the same two changes, once each, in order.
  auto p1 = lists_->Feed(reader, 0, 1);
  auto p2 = lists_->Feed(reader, p1->next_cursor, 1);
  ASSERT_EQ(p1->items.size(), 1u);
  ASSERT_EQ(p2->items.size(), 1u);
  EXPECT_LT(p1->items[0].seq, p2->items[0].seq);
  EXPECT_EQ(lists_->Feed(operator_, 0, 10).status().code(), Code::kPermissionDenied);
}

TEST_P(CheckTest, CourtListArrivesThroughIntakeAndLeavesWithRevocation) {
  auto catalogue = Catalogue::LoadDir(XY_SOURCE_DIR "/policy/catalogue");
  ASSERT_TRUE(catalogue.ok()) << catalogue.status().ToString();
  RecordValidator validator(*catalogue, LoadPolicy().divisions);
  IntakeService intake(*ctx_, *catalogue, validator, *subjects_);
  auto court = accounts_->CreateDepartment(admin_, "11320100MB0000019F", "南京市中级人民法院");
  ASSERT_TRUE(court.ok()) << court.status().ToString();
  Principal clerk{"user:court", Role::kOperator, 11, court->id};
  Json rows = Json::array();
  rows.push_back({{"SX_BZXR_MC", "哈尔滨某某商贸有限公司"},
                  {"SX_BZXR_LB", "法人及非法人组织"},
                  {"SX_BZXR_SHXYM", "91230500MA1B3N1N2M"},
                  {"SX_BZXR_ZJLX", "99"},
                  {"SX_FRDB", "王五"},
                  {"SX_AH", "（2025）苏01执123号"},
                  {"SX_ZXFY", "南京市中级人民法院"},
                  {"SX_LARQ", "2025-06-01"},
                  {"SX_YW", "支付货款人民币50万元"},
                  {"SX_LXQK", "全部未履行"},
                  {"SX_SXQX", "有履行能力而拒不履行生效法律文书确定义务"},
                  {"SX_FBRQ", "2026-02-27"},
                  {"SX_SJLY", "南京市中级人民法院"}});
  auto s = intake.ImportFile(clerk, {"", "SX", "api", ""}, rows.dump());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->accepted, 1) << (s->errors.empty()
                                    ? ""
                                    : s->errors[0].field + " " + s->errors[0].message);

  Json a = Check("91230500MA1B3N1N2M", "government_procurement");
  ASSERT_EQ(a["lists"].size(), 1u) << a.dump();
  EXPECT_EQ(a["lists"][0]["domain"], "court_enforcement");
  EXPECT_FALSE(a["measures"].empty());
  Principal reader{"user:officer", Role::kOfficer, 10, officer_.department_id};
  auto feed = lists_->Feed(reader, 0, 10);
  ASSERT_EQ(feed->items.size(), 1u);
  EXPECT_EQ(feed->items[0].type, "list_entry.decided");

  auto tx = ts_->store().Begin(TxMode::kRead);
  auto rec = (*tx)->FindRecord(
      court->id, "SX",
      (*tx)
          ->ListRecordsOfSubject(**(*tx)->FindSubjectId(IdKind::kUscc, "91230500MA1B3N1N2M"))
          .value()[0]
          .source_key);
  ASSERT_TRUE(rec.ok() && rec->has_value());
  tx->reset();
  ASSERT_TRUE(intake.Revoke(clerk, (*rec)->id, "执行完毕，法院决定删除失信信息").ok());
  Json after = Check("91230500MA1B3N1N2M", "government_procurement");
  EXPECT_TRUE(after["lists"].empty()) << after.dump();
  auto feed2 = lists_->Feed(reader, feed->next_cursor, 10);
  ASSERT_EQ(feed2->items.size(), 1u);
  EXPECT_EQ(feed2->items[0].type, "list_entry.exited");
}

INSTANTIATE_TEST_SUITE_P(AllStores, CheckTest, XY_ALL_STORES);

// Subscriptions (信息推送) share the set-up: a department, two companies in 江苏 (3201…) and
// 黑龙江 (2305…), and a way to list the first one.
class SubscriptionTest : public CheckTest {
 protected:
  void SetUp() override {
    CheckTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    subs_ = std::make_unique<SubscriptionService>(*ctx_, *lists_, *subjects_);
  }

  int64_t Subscribe(const std::string& scope, const std::string& region,
                    std::vector<std::string> watch, const std::string& url = "") {
    SubscriptionRequest r;
    r.name = "订阅-" + scope + region;
    r.scope = scope;
    r.region = region;
    r.subjects = std::move(watch);
    r.webhook_url = url;
    auto c = subs_->Create(officer_, r);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    if (!c.ok()) return 0;
    EXPECT_EQ(c->secret.empty(), url.empty());
    last_secret_ = c->secret;
    return c->subscription.id;
  }

  std::vector<std::string> FeedTypes(int64_t id, int64_t cursor = 0) {
    auto page = subs_->Feed(officer_, id, cursor, 100);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::vector<std::string> out;
    if (page.ok()) {
      for (const auto& i : page->items) out.push_back(i.type);
    }
    return out;
  }

  std::unique_ptr<SubscriptionService> subs_;
  std::string last_secret_;
};

TEST_P(SubscriptionTest, EachScopeSeesOnlyItsSubjects) {
  const int64_t all = Subscribe("all", "", {});
  const int64_t jiangsu = Subscribe("region", "32", {});
  const int64_t nanjing = Subscribe("region", "3201", {});
  const int64_t heilongjiang = Subscribe("region", "23", {});
  const int64_t watch_other = Subscribe("watch", "", {"91230500MA1B3N1N2M"});
  const int64_t watch_first = Subscribe("watch", "", {"91320100748204660Q"});
  ListEntry e = ListFirstCompany();
  ASSERT_TRUE(lists_->Exit(operator_, e.id, "信用修复").ok());
  const std::vector<std::string> both = {"list_entry.decided", "list_entry.exited"};
  EXPECT_EQ(FeedTypes(all), both);
  EXPECT_EQ(FeedTypes(jiangsu), both);
  EXPECT_EQ(FeedTypes(nanjing), both);
  EXPECT_TRUE(FeedTypes(heilongjiang).empty());
  EXPECT_TRUE(FeedTypes(watch_other).empty());
  EXPECT_EQ(FeedTypes(watch_first), both);

  // The cursor resumes exactly after what was read, and moves over what did not match.
  auto first = subs_->Feed(officer_, all, 0, 1);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->items.size(), 1u);
  EXPECT_EQ(FeedTypes(all, first->next_cursor), std::vector<std::string>{"list_entry.exited"});
  auto none = subs_->Feed(officer_, heilongjiang, 0, 100);
  ASSERT_TRUE(none.ok());
  auto head = ts_->store().Begin(TxMode::kRead).value()->GetEventHead();
  EXPECT_EQ(none->next_cursor, head->seq);

  // A watch list can change: watching the first company later shows what happens from then.
  ASSERT_TRUE(subs_->Watch(officer_, watch_other, {"91320100748204660Q"}, true).ok());
  EXPECT_EQ(FeedTypes(watch_other), both);
  EXPECT_EQ(subs_->Watched(officer_, watch_other)->size(), 2u);
  ASSERT_TRUE(subs_->Watch(officer_, watch_other, {"91230500MA1B3N1N2M"}, false).ok());
  EXPECT_EQ(*subs_->Watched(officer_, watch_other), std::vector<std::string>{"91320100748204660Q"});
  EXPECT_EQ(subs_->Watch(officer_, all, {"91320100748204660Q"}, true).code(),
            Code::kFailedPrecondition);
}

TEST_P(SubscriptionTest, BadRequestsSayWhatAndWhere) {
  auto create = [&](const std::string& scope, const std::string& region,
                    std::vector<std::string> watch, const std::string& url) {
    SubscriptionRequest r;
    r.name = "n";
    r.scope = scope;
    r.region = region;
    r.subjects = std::move(watch);
    r.webhook_url = url;
    return subs_->Create(officer_, r).status();
  };
  auto field_of = [](const Status& s) { return s.message().substr(0, s.message().find(':')); };
  EXPECT_EQ(field_of(create("everyone", "", {}, "")), "scope");
  EXPECT_EQ(field_of(create("region", "3", {}, "")), "region");
  EXPECT_EQ(field_of(create("region", "99", {}, "")), "region") << "no such province";
  EXPECT_EQ(field_of(create("all", "32", {}, "")), "region");
  EXPECT_EQ(field_of(create("watch", "", {}, "")), "subjects");
  Status unknown = create("watch", "", {"91320100748204660Q", "91110000802100433B"}, "");
  EXPECT_EQ(unknown.code(), Code::kNotFound);
  EXPECT_EQ(field_of(unknown), "subjects[1]");
  EXPECT_EQ(field_of(create("all", "", {}, "ftp://x/")), "webhook_url");
  EXPECT_EQ(field_of(create("all", "", {}, "http://:80/")), "webhook_url");
  EXPECT_EQ(field_of(create("all", "", {}, "http://h:99999/")), "webhook_url");
  EXPECT_EQ(create("all", "", {}, "https://receiver.example.gov.cn:8443/hook?x=1").code(),
            Code::kOk);

  SubscriptionRequest r;
  r.name = "n";
  EXPECT_EQ(subs_->Create(operator_, r).status().code(), Code::kPermissionDenied);
  const int64_t id = Subscribe("all", "", {});
  Principal other{"user:other", Role::kOfficer, 11, officer_.department_id + 1000};
  EXPECT_EQ(subs_->Get(other, id).status().code(), Code::kNotFound)
      << "another department's subscription is not visible";
  EXPECT_TRUE(subs_->List(other)->empty());
  ASSERT_TRUE(subs_->Deactivate(officer_, id).ok());
  EXPECT_EQ(subs_->Feed(officer_, id, 0, 10).status().code(), Code::kFailedPrecondition);
}

// A transport that refuses the first `failures` posts, then records every post it takes.
class FlakyTransport final : public WebhookTransport {
 public:
  explicit FlakyTransport(int failures) : failures_(failures) {}
  Status Post(const WebhookPost& post) override {
    ++calls;
    if (failures_ > 0) {
      --failures_;
      return Unavailable("HTTP 503");
    }
    taken.push_back(post);
    return Status::Ok();
  }
  int calls = 0;
  std::vector<WebhookPost> taken;

 private:
  int failures_;
};

std::string Header(const WebhookPost& p, const std::string& name) {
  for (const auto& [k, v] : p.headers) {
    if (k == name) return v;
  }
  return "";
}

TEST_P(SubscriptionTest, WebhookRetriesUntilTheReceiverTakesEveryChangeOnceInOrder) {
  const int64_t id = Subscribe("region", "32", {}, "http://127.0.0.1:9/hook");
  ListEntry e = ListFirstCompany();
  ASSERT_TRUE(lists_->Exit(operator_, e.id, "信用修复").ok());
  FlakyTransport transport(5);
  WebhookOptions opts;
  opts.retry_base = std::chrono::milliseconds(0);  // retry at every pass
  {
    WebhookDispatcher d(*ctx_, *subs_, transport, opts);
    int passes = 0;
    while (transport.taken.size() < 2 && passes < 20) {
      ASSERT_TRUE(d.RunOnce().ok());
      ++passes;
    }
    EXPECT_EQ(passes, 6) << "5 refused passes, then both changes in one pass";
    auto s = subs_->Get(officer_, id);
    EXPECT_EQ(s->delivered, 2);
    EXPECT_EQ(s->attempts, 0);
    EXPECT_TRUE(s->last_error.empty());
  }
  ASSERT_EQ(transport.taken.size(), 2u);
  EXPECT_EQ(transport.calls, 7);
  EXPECT_EQ(Header(transport.taken[0], "X-Xinyong-Event"), "list_entry.decided");
  EXPECT_EQ(Header(transport.taken[1], "X-Xinyong-Event"), "list_entry.exited");
  for (const auto& post : transport.taken) {
    const std::string ts = Header(post, "X-Xinyong-Timestamp");
    EXPECT_EQ(Header(post, "X-Xinyong-Signature"),
              "sha256=" + HmacSha256Hex(last_secret_, ts + "." + post.body));
    Json body = Json::parse(post.body);
    EXPECT_EQ(body["entry"]["id"], e.id);
    EXPECT_EQ(Header(post, "X-Xinyong-Delivery"),
              std::to_string(id) + "-" + std::to_string(body["seq"].get<int64_t>()));
  }
  // A restarted dispatcher resumes from the stored cursor: nothing is sent twice.
  WebhookDispatcher again(*ctx_, *subs_, transport, opts);
  EXPECT_EQ(*again.RunOnce(), 0);
  EXPECT_EQ(transport.taken.size(), 2u);
}

TEST_P(SubscriptionTest, AFailedDeliveryIsRecordedAndBacksOff) {
  const int64_t id = Subscribe("all", "", {}, "http://127.0.0.1:9/hook");
  ListFirstCompany();
  FlakyTransport transport(1000);
  WebhookOptions opts;
  opts.retry_base = std::chrono::hours(1);
  WebhookDispatcher d(*ctx_, *subs_, transport, opts);
  EXPECT_EQ(*d.RunOnce(), 0);
  EXPECT_EQ(*d.RunOnce(), 0);
  EXPECT_EQ(transport.calls, 1) << "the second pass waits for the backoff";
  auto s = subs_->Get(officer_, id);
  EXPECT_EQ(s->attempts, 1);
  EXPECT_EQ(s->last_error, "HTTP 503");
  EXPECT_FALSE(s->next_attempt_at.empty());
  EXPECT_EQ(s->delivered, 0);
}

INSTANTIATE_TEST_SUITE_P(AllStores, SubscriptionTest, XY_ALL_STORES);

}  // namespace
}  // namespace xinyong
