// Intake end to end below HTTP, on every store: validation, idempotency, versions,
// revocation, timeliness, statistics.
#include "service/intake_service.h"

#include <gtest/gtest.h>

#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/divisions.h"
#include "domain/catalogue.h"
#include "domain/event.h"
#include "service/account_service.h"
#include "service/demo.h"
#include "service/list_service.h"
#include "service/subject_service.h"
#include "store/store.h"
#include "store/testing/store_fixture.h"

namespace xinyong {
namespace {

struct Policy {
  DivisionTable divisions;
  WorkingCalendar calendar;
  Catalogue catalogue;
  ListValidity validity;
};

const Policy& LoadPolicy() {
  static const Policy* p = [] {
    auto* out = new Policy();
    auto d = DivisionTable::LoadFile(XY_SOURCE_DIR "/policy/divisions/gbt2260.dat");
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    out->divisions = std::move(d).value();
    auto c = WorkingCalendar::LoadDir(XY_SOURCE_DIR "/policy/calendar");
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    out->calendar = std::move(c).value();
    auto cat = Catalogue::LoadDir(XY_SOURCE_DIR "/policy/catalogue");
    EXPECT_TRUE(cat.ok()) << cat.status().ToString();
    out->catalogue = std::move(cat).value();
    auto v = ListValidity::LoadDir(XY_SOURCE_DIR "/policy/lists");
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    out->validity = std::move(v).value();
    return out;
  }();
  return *p;
}

constexpr const char* kHeader =
    "CF_XDR_MC,CF_XDR_LB,CF_XDR_SHXYM,CF_FRDB,CF_WSH,CF_WFXW,CF_SY,CF_YJ,CF_CFLB,CF_NR,"
    "CF_NR_FK,CF_JDRQ,CF_CFJG,CF_CFJGDM,CF_SJLY,CF_SJLYDM\n";

std::string Row(const std::string& name, const std::string& code, const std::string& rep,
                const std::string& wsh, const std::string& category, const std::string& fine,
                const std::string& date) {
  return name + ",法人及非法人组织," + code + "," + rep + "," + wsh +
         ",虚假宣传,在其网店发布虚假广告,《中华人民共和国广告法》第五十五条," + category +
         ",责令停止发布并处罚款," + fine + "," + date +
         ",南京市市场监督管理局,11320100MB1886843H,南京市市场监督管理局,11320100MB1886843H\n";
}

class IntakeTest : public testing::StoreFixture {
 protected:
  void SetUp() override {
    ASSERT_TRUE(CryptoInit().ok());
    StoreFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    const Policy& policy = LoadPolicy();
    cipher_ = std::make_unique<FieldCipher>(*FieldCipher::FromHexKey(std::string(64, '3')));
    ctx_ = std::make_unique<ServiceContext>(
        ServiceContext{ts_->store(), clock_, *cipher_, policy.divisions, policy.calendar});
    subjects_ = std::make_unique<SubjectService>(*ctx_);
    accounts_ = std::make_unique<AccountService>(*ctx_, 8);
    validator_ = std::make_unique<RecordValidator>(policy.catalogue, policy.divisions);
    intake_ = std::make_unique<IntakeService>(*ctx_, policy.catalogue, *validator_, *subjects_,
                                              IntakeOptions{2});
    auto dep = accounts_->CreateDepartment(admin_, "11320100MB1886843H", "南京市市场监督管理局");
    ASSERT_TRUE(dep.ok()) << dep.status().ToString();
    auto other = accounts_->CreateDepartment(admin_, "11320100MB0000019F", "南京市税务局");
    ASSERT_TRUE(other.ok()) << other.status().ToString();
    operator_ = {"user:clerk", Role::kOperator, 9, dep->id};
    other_operator_ = {"user:taxclerk", Role::kOperator, 10, other->id};
  }

  Result<IntakeSummary> Import(const std::string& csv, const Principal& p) {
    return intake_->ImportFile(p, {"", "CF", "upload", "cf.csv"}, csv);
  }

  int64_t Count(const std::function<Result<int64_t>(Transaction&)>& f) {
    auto tx = ts_->store().Begin(TxMode::kRead);
    return *f(**tx);
  }

  // 2026-03-02 10:00 CST, a Monday.
  ManualClock clock_{1772416800000};
  std::unique_ptr<FieldCipher> cipher_;
  std::unique_ptr<ServiceContext> ctx_;
  std::unique_ptr<SubjectService> subjects_;
  std::unique_ptr<AccountService> accounts_;
  std::unique_ptr<RecordValidator> validator_;
  std::unique_ptr<IntakeService> intake_;
  Principal admin_{"user:admin", Role::kAdmin, 1, 0};
  Principal operator_, other_operator_;
};

TEST_P(IntakeTest, BadRowsAreRejectedWithRowFieldAndReasonAndTheRestAccepted) {
  std::string csv = kHeader;
  csv += Row("南京某某科技有限公司", "91320100748204660Q", "张三", "宁市监罚〔2026〕1号", "罚款",
             "5", "2026-02-20");
  csv += Row("南京乙公司", "91320100748204660R", "李四", "宁市监罚〔2026〕2号", "罚款", "1",
             "2026-02-20");
  csv +=
      Row("南京丙公司", "91230500MA1B3N1N2M", "", "宁市监罚〔2026〕3号", "罚款", "1", "2026-02-20");
  csv += Row("南京丁公司", "91230500MA1B3N1N2M", "王五", "宁市监罚〔2026〕4号", "罚款", "",
             "2026-02-20");
  csv += Row("南京戊公司", "91230500MA1B3N1N2M", "王五", "宁市监罚〔2026〕5号", "罚款", "1",
             "2026-02-30");
  csv += Row("南京己公司", "91230500MA1B3N1N2M", "王五", "宁市监罚〔2026〕6号", "罚没", "1",
             "2026-02-20");
  csv += Row("哈尔滨某某商贸有限公司", "91230500MA1B3N1N2M", "赵六", "宁市监罚〔2026〕7号", "警告",
             "", "2026-02-26");
  auto s = Import(csv, operator_);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->accepted, 2);
  EXPECT_EQ(s->rejected, 5);
  std::map<int64_t, std::string> by_row;
  for (const auto& e : s->errors) by_row[e.row] += e.field + ":" + e.code + " ";
  EXPECT_NE(by_row[3].find("CF_XDR_SHXYM:invalid_identifier"), std::string::npos) << by_row[3];
  EXPECT_NE(by_row[4].find("CF_FRDB:"), std::string::npos) << by_row[4];
  EXPECT_NE(by_row[5].find("CF_NR_FK:conditional_required"), std::string::npos) << by_row[5];
  EXPECT_NE(by_row[6].find("CF_JDRQ:invalid_date"), std::string::npos) << by_row[6];
  EXPECT_NE(by_row[7].find("CF_CFLB:unknown_code"), std::string::npos) << by_row[7];
  EXPECT_EQ(by_row.count(2), 0u);
  EXPECT_EQ(by_row.count(8), 0u);
  for (const auto& e : s->errors) EXPECT_FALSE(e.message.empty());

  // The same file again changes nothing.
  const int64_t events_before = Count([](Transaction& t) -> Result<int64_t> {
    XY_ASSIGN_OR_RETURN(EventHead h, t.GetEventHead());
    return h.seq;
  });
  auto again = Import(csv, operator_);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->accepted, 0);
  EXPECT_EQ(again->unchanged, 2);
  EXPECT_EQ(again->rejected, 5);
  EXPECT_EQ(Count([](Transaction& t) { return t.CountRecords(); }), 2);
  const int64_t events_after = Count([](Transaction& t) -> Result<int64_t> {
    XY_ASSIGN_OR_RETURN(EventHead h, t.GetEventHead());
    return h.seq;
  });
  EXPECT_EQ(events_after, events_before + 2) << "only batch.received and batch.completed";
}

TEST_P(IntakeTest, ChangedRowIsANewVersionAndRevocationKeepsHistory) {
  std::string v1 = std::string(kHeader) + Row("南京某某科技有限公司", "91320100748204660Q", "张三",
                                              "宁市监罚〔2026〕1号", "罚款", "5", "2026-02-20");
  auto s1 = Import(v1, operator_);
  ASSERT_TRUE(s1.ok()) << s1.status().ToString();
  ASSERT_EQ(s1->accepted, 1) << (s1->errors.empty() ? "" : s1->errors[0].message);
  std::string v2 = std::string(kHeader) + Row("南京某某科技有限公司", "91320100748204660Q", "张三",
                                              "宁市监罚〔2026〕1号", "罚款", "3", "2026-02-20");
  auto s2 = Import(v2, operator_);
  ASSERT_TRUE(s2.ok());
  EXPECT_EQ(s2->accepted, 1);

  auto tx = ts_->store().Begin(TxMode::kRead);
  auto deps = (*tx)->ListDepartments();
  auto rec = (*tx)->FindRecord(operator_.department_id, "CF", "宁市监罚〔2026〕1号");
  ASSERT_TRUE(rec.ok() && rec->has_value());
  const int64_t id = (*rec)->id;
  tx->reset();

  auto h = intake_->History(operator_, id);
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  ASSERT_EQ(h->versions.size(), 2u);
  EXPECT_NE(h->versions[0].fields.find("\"5"), std::string::npos) << h->versions[0].fields;
  EXPECT_EQ(h->record.current_version, 2);
  // Decided 2026-02-20 (Fri), received 2026-03-02 (Mon): 6 working days, on time.
  ASSERT_TRUE(h->versions[1].working_days.has_value());
  EXPECT_EQ(*h->versions[1].working_days, 6);
  EXPECT_FALSE(h->versions[1].late);

  // Another department may not revoke it; its own department may, with a reason.
  EXPECT_EQ(intake_->Revoke(other_operator_, id, "x").status().code(), Code::kPermissionDenied);
  EXPECT_EQ(intake_->Revoke(operator_, id, " ").status().code(), Code::kInvalidArgument);
  auto revoked = intake_->Revoke(operator_, id, "行政复议决定撤销原处罚决定");
  ASSERT_TRUE(revoked.ok()) << revoked.status().ToString();
  EXPECT_EQ(revoked->status, "revoked");
  EXPECT_FALSE(revoked->display.published);
  EXPECT_EQ(intake_->Revoke(operator_, id, "again").status().code(), Code::kFailedPrecondition);
  auto after = intake_->History(operator_, id);
  EXPECT_EQ(after->versions.size(), 2u) << "nothing is deleted";
}

TEST_P(IntakeTest, OneChunkWithRepeatsCorrectionsRenamesAndBadRowsEndsAsRowByRow) {
  // One chunk for the whole file: the chunk's records and subjects are looked up together and
  // new records written together, yet the outcome must be what rows taken one by one give.
  IntakeService whole(*ctx_, LoadPolicy().catalogue, *validator_, *subjects_, IntakeOptions{100});
  const std::string a = "南京某某科技有限公司", code = "91320100748204660Q";
  const std::string renamed = "南京某某信息科技有限公司";
  std::string csv = kHeader;
  csv += Row(a, code, "张三", "宁市监罚〔2026〕1号", "罚款", "5", "2026-02-20");  // 2 new
  csv += Row(a, code, "张三", "宁市监罚〔2026〕1号", "罚款", "5", "2026-02-20");  // 3 same
  csv += Row(a, code, "张三", "宁市监罚〔2026〕1号", "罚款", "3", "2026-02-20");  // 4 changed
  csv += Row("南京丙公司", "91230500MA1B3N1N2M", "", "宁市监罚〔2026〕9号", "罚款", "1",
             "2026-02-20");  // 5 bad: no 法定代表人
  csv += Row(renamed, code, "张三", "宁市监罚〔2026〕2号", "罚款", "2", "2026-02-21");  // 6
  // 7: the record as reported now names the subject by its new name: new content.
  csv += Row(renamed, code, "张三", "宁市监罚〔2026〕1号", "罚款", "3", "2026-02-20");
  auto s = whole.ImportFile(operator_, {"", "CF", "upload", "cf.csv"}, csv);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->accepted, 4);   // rows 2, 4, 6, 7
  EXPECT_EQ(s->unchanged, 1);  // row 3
  EXPECT_EQ(s->rejected, 1);
  ASSERT_EQ(s->errors.size(), 1u);
  EXPECT_EQ(s->errors[0].row, 5);

  auto tx = ts_->store().Begin(TxMode::kRead);
  ASSERT_TRUE(tx.ok());
  EXPECT_EQ(*(*tx)->CountRecords(), 2);
  EXPECT_EQ(*(*tx)->CountSubjects(), 1);
  auto rec = (*tx)->FindRecord(operator_.department_id, "CF", "宁市监罚〔2026〕1号");
  ASSERT_TRUE(rec.ok() && rec->has_value());
  EXPECT_EQ((*rec)->current_version, 3);
  auto versions = (*tx)->ListRecordVersions((*rec)->id);
  ASSERT_EQ(versions->size(), 3u);
  EXPECT_EQ((*versions)[0].row_number, 2);
  EXPECT_EQ((*versions)[1].row_number, 4);
  EXPECT_EQ((*versions)[2].row_number, 7);
  auto subject = (*tx)->GetSubject((*rec)->subject_id);
  ASSERT_TRUE(subject.ok());
  // A department's rows do not rename the subject (only the credit office does): the record
  // keeps the name as reported, the subject its registered name.
  EXPECT_EQ(subject->name, a);
  // Events in row order: created (row 2), corrected (row 4), corrected (7); no rename.
  auto events = (*tx)->ReadEvents(0, 1000);
  std::vector<std::string> order;
  for (const auto& e : *events) {
    if (e.entity == "record:" + std::to_string((*rec)->id) || e.type == "subject.renamed") {
      order.push_back(e.type);
    }
  }
  EXPECT_EQ(order, (std::vector<std::string>{"record.created", "record.corrected",
                                             "record.corrected"}));
  // Record events are written by hand: each payload must be what nlohmann::json dumps for
  // it (it reads back and dumps to the same bytes), with the row's values.
  for (const auto& e : *events) {
    if (e.type.rfind("record.", 0) != 0) continue;
    const auto payload = nlohmann::json::parse(e.payload);
    EXPECT_EQ(payload.dump(), e.payload);
    EXPECT_EQ(payload.at("item"), "CF");
    EXPECT_EQ(payload.at("department"), "11320100MB1886843H");
    EXPECT_EQ(payload.at("subject"), (*rec)->subject_id);
    EXPECT_EQ(payload.at("content_hash").get<std::string>().size(), 64u);
    EXPECT_EQ(payload.size(), 8u);
  }
  ChainVerifier chain;
  for (const auto& e : *events) EXPECT_TRUE(chain.Add(e)) << chain.reason();
  EXPECT_TRUE(chain.Finish(*(*tx)->GetEventHead())) << chain.reason();
}

TEST_P(IntakeTest, LateRecordsAreCountedPerDepartment) {
  // Decided 2026-02-09 (Mon); 2026-02-15..23 is the Spring Festival holiday; received 03-02.
  std::string csv = std::string(kHeader) + Row("南京某某科技有限公司", "91320100748204660Q", "张三",
                                               "宁市监罚〔2026〕9号", "罚款", "5", "2026-02-09");
  auto s = Import(csv, operator_);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->accepted, 1) << (s->errors.empty() ? "" : s->errors[0].message);
  auto stats = intake_->Stats(admin_);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  bool found = false;
  for (const auto& st : *stats) {
    if (st.department.id == operator_.department_id) {
      found = true;
      EXPECT_EQ(st.stat.accepted, 1);
      EXPECT_EQ(st.stat.late, 1);
    }
  }
  EXPECT_TRUE(found);
}

TEST_P(IntakeTest, OperatorsSubmitOnlyForTheirOwnDepartment) {
  std::string csv = std::string(kHeader) + Row("南京某某科技有限公司", "91320100748204660Q", "张三",
                                               "宁市监罚〔2026〕1号", "罚款", "5", "2026-02-20");
  auto s = intake_->ImportFile(operator_, {"11320100MB0000019F", "CF", "upload", "cf.csv"}, csv);
  EXPECT_EQ(s.status().code(), Code::kPermissionDenied);
  auto unknown = intake_->ImportFile(operator_, {"", "NOPE", "upload", "cf.csv"}, csv);
  EXPECT_EQ(unknown.status().code(), Code::kNotFound);
}

TEST_P(IntakeTest, JsonRowsFromADepartmentSystem) {
  nlohmann::json rows = nlohmann::json::array();
  rows.push_back({{"CF_XDR_MC", "南京某某科技有限公司"},
                  {"CF_XDR_LB", "法人及非法人组织"},
                  {"CF_XDR_SHXYM", "91320100748204660Q"},
                  {"CF_FRDB", "张三"},
                  {"CF_WSH", "宁市监罚〔2026〕11号"},
                  {"CF_WFXW", "虚假宣传"},
                  {"CF_SY", "发布虚假广告"},
                  {"CF_YJ", "《中华人民共和国广告法》第五十五条"},
                  {"CF_CFLB", "罚款"},
                  {"CF_NR", "罚款"},
                  {"CF_NR_FK", 2.5},
                  {"CF_JDRQ", "2026-02-27"},
                  {"CF_CFJG", "南京市市场监督管理局"},
                  {"CF_CFJGDM", "11320100MB1886843H"},
                  {"CF_SJLY", "南京市市场监督管理局"},
                  {"CF_SJLYDM", "11320100MB1886843H"}});
  auto s = intake_->ImportFile(operator_, {"", "CF", "api", ""}, rows.dump());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->accepted, 1) << (s->errors.empty() ? "" : s->errors[0].message);
}

TEST_P(IntakeTest, SeriousRecordOfAKeyAttentionSubjectIsProposedForTheSeriousList) {
  ListService lists(*ctx_, *subjects_, LoadPolicy().validity);
  ASSERT_TRUE(
      subjects_->Register(admin_, {{}, "南京某某科技有限公司", {"91320100748204660Q"}, ""}).ok());
  ProposeRequest r;
  r.subject_code = "91320100748204660Q";
  r.list_kind = "key_attention";
  r.domain = "market_regulation";
  r.basis = "《市场监督管理严重违法失信名单管理办法》";
  r.facts = "一年内多次受到行政处罚";
  auto e = lists.Propose(operator_, r);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  ASSERT_TRUE(lists.Notice(operator_, e->id, "告知书", 5).ok());
  clock_.Advance(int64_t{10} * 86400000);
  ASSERT_TRUE(lists.Decide(operator_, e->id, "宁市监关注〔2026〕1号", "", "2027-03-11").ok());

  // A minor penalty changes nothing; a serious one (吊销许可证件) is proposed for the list.
  std::string minor =
      std::string(kHeader) + Row("南京某某科技有限公司", "91320100748204660Q", "张三",
                                 "宁市监罚〔2026〕21号", "罚款", "1", "2026-03-10");
  ASSERT_EQ(Import(minor, operator_)->accepted, 1);
  auto tx = ts_->store().Begin(TxMode::kRead);
  auto subject = (*tx)->FindSubjectId(IdKind::kUscc, "91320100748204660Q");
  EXPECT_EQ((*tx)->ListEntriesOfSubject(**subject)->size(), 1u);
  tx->reset();

  std::string serious =
      std::string(kHeader) +
      "南京某某科技有限公司,法人及非法人组织,91320100748204660Q,张三,宁市监罚〔2026〕22号,无证经营,"
      "擅自从事食品生产,《中华人民共和国食品安全法》第一百二十二条,罚款;吊销许可证件,吊销许可证,5,"
      "2026-03-10,南京市市场监督管理局,11320100MB1886843H,南京市市场监督管理局,"
      "11320100MB1886843H\n";
  auto s = Import(serious, operator_);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->rejected, 1) << "吊销许可证件 needs CF_NR_ZKDX";
  serious =
      std::string(kHeader, std::strlen(kHeader) - 1) + ",CF_NR_ZKDX\n" +
      "南京某某科技有限公司,法人及非法人组织,91320100748204660Q,张三,宁市监罚〔2026〕22号,无证经营,"
      "擅自从事食品生产,《中华人民共和国食品安全法》第一百二十二条,罚款;吊销许可证件,吊销许可证,5,"
      "2026-03-10,南京市市场监督管理局,11320100MB1886843H,南京市市场监督管理局,11320100MB1886843H,"
      "食品生产许可证SC123\n";
  s = Import(serious, operator_);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->accepted, 1) << (s->errors.empty() ? "" : s->errors[0].message);
  tx = ts_->store().Begin(TxMode::kRead);
  auto entries = (*tx)->ListEntriesOfSubject(**subject);
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[1].list_kind, "serious");
  EXPECT_EQ((*entries)[1].status, "proposed");
  EXPECT_EQ((*entries)[1].domain, "market_regulation");
  EXPECT_NE((*entries)[1].facts.find("宁市监罚〔2026〕22号"), std::string::npos);
}

TEST_P(IntakeTest, DemoRecordVolumeLandsExactlyAndIsDeterministic) {
  const Policy& policy = LoadPolicy();
  auto subjects = GenerateDemoSubjects(*subjects_, policy.divisions, 200, 5, 50, {});
  ASSERT_TRUE(subjects.ok()) << subjects.status().ToString();
  // The companies regenerate from the seed alone: those registered, in order.
  const auto companies = DemoCompanies(policy.divisions, 200, 5);
  ASSERT_EQ(companies.size(), subjects->companies.size());
  for (size_t i = 0; i < companies.size(); ++i) {
    EXPECT_EQ(companies[i].code, subjects->companies[i].code);
    EXPECT_EQ(companies[i].name, subjects->companies[i].name);
  }
  std::optional<Department> dep;
  {
    auto tx = ts_->store().Begin(TxMode::kRead);
    dep = *(*tx)->FindDepartmentByCode("11320100MB1886843H");
  }
  ASSERT_TRUE(dep.has_value());
  const int64_t before = Count([](Transaction& tx) { return tx.CountRecords(); });
  const Date today = clock_.Today();  // the generator moves the clock to each receipt day
  auto made = GenerateDemoRecordVolume(*intake_, clock_, policy.calendar, companies, *dep, *dep, 5,
                                       today, 150, {});
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ(made->penalties + made->licences, 150);
  EXPECT_GT(made->penalties, 0);
  EXPECT_GT(made->licences, made->penalties);
  EXPECT_EQ(Count([](Transaction& tx) { return tx.CountRecords(); }) - before, 150);
  // The same seed gives the same rows: sent again, nothing is new.
  auto again = GenerateDemoRecordVolume(*intake_, clock_, policy.calendar, companies, *dep, *dep, 5,
                                        today, 150, {});
  EXPECT_EQ(again.status().code(), Code::kInternal);
  EXPECT_EQ(Count([](Transaction& tx) { return tx.CountRecords(); }) - before, 150);
}

INSTANTIATE_TEST_SUITE_P(AllStores, IntakeTest, XY_ALL_STORES);

}  // namespace
}  // namespace xinyong
