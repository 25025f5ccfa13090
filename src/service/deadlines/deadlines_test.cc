// Deadlines counted through a year without its holiday notice: an objection filed on
// 2026-12-24 and a defence period noticed on 2026-12-28 reach into 2027, which has no notice;
// when a 2027 notice is added, a restart counts them again, each change is an event, and a
// date told to the subject is never brought forward.
#include "service/deadlines/deadlines.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "service/lists_fixture.h"
#include "service/objection_service.h"

namespace xinyong {
namespace {

namespace fs = std::filesystem;

int64_t CstMillis(int y, int m, int d, int hour) {
  return (Date::FromYmd(y, m, d)->days() * 86400 + (hour - 8) * 3600) * int64_t{1000};
}

class ProvisionalDeadlineTest : public ListsFixture {
 protected:
  void SetUp() override {
    ListsFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    objections_ = std::make_unique<ObjectionService>(*ctx_, LoadPolicy().rights.objections,
                                                     *intake_, *lists_);
    dir_ = fs::path(::testing::TempDir()) /
           ("xy_deadlines_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    for (const char* f : {"2024.yaml", "2025.yaml", "2026.yaml", "law.yaml"}) {
      fs::copy_file(fs::path(XY_SOURCE_DIR "/policy/calendar") / f, dir_ / f);
    }
  }
  void TearDown() override {
    fs::remove_all(dir_);
    ListsFixture::TearDown();
  }

  // The calendar with a 2027 notice: 元旦 from 1 January to `new_year_until`, and the given
  // make-up working days.
  WorkingCalendar WithNotice2027(const std::string& new_year_until,
                                 const std::string& makeup_days) {
    std::ofstream(dir_ / "2027.yaml")
        << "year: 2027\nsource: \"test notice for 2027\"\nholidays:\n"
        << "  - {name: 元旦, from: 2027-01-01, to: " << new_year_until << "}\n"
        << "makeup_workdays: " << makeup_days << "\n";
    auto c = WorkingCalendar::LoadDir(dir_);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? std::move(c).value() : WorkingCalendar();
  }

  Result<RecountReport> Recount(const WorkingCalendar& cal) {
    ServiceContext ctx{ts_->store(), clock_, *cipher_, LoadPolicy().divisions, cal};
    return DeadlineRecount(ctx).Run("system:test");
  }

  FiledObjection File(int64_t record) {
    ObjectionRequest r;
    r.target_kind = "record";
    r.target_id = record;
    r.filer_kind = "subject";
    r.filer_name = "南京某某科技有限公司";
    r.filer_contact = "025-12345678";
    r.reasons = "罚款金额有误";
    auto f = objections_->File(std::nullopt, r);
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    return f.ok() ? *f : FiledObjection{};
  }

  std::vector<Event> Recounted() {
    auto tx = ts_->store().Begin(TxMode::kRead);
    EventQuery q;
    q.type = "deadline.recounted";
    auto events = (*tx)->FindEvents(q);
    EXPECT_TRUE(events.ok());
    return events.ok() ? *events : std::vector<Event>{};
  }

  Objection Get(int64_t id) {
    auto v = objections_->Get(admin_, id);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? v->objection : Objection{};
  }

  std::unique_ptr<ObjectionService> objections_;
  fs::path dir_;
};

// issue: an objection filed on 2026-12-24 gets its deadlines (before the provisional
// calendar, its 20-working-day limit could not be counted and the filing was refused).
TEST_P(ProvisionalDeadlineTest, AnObjectionFiledBeforeTheNewYearGetsItsDeadlines) {
  const int64_t record = Penalty(2.5);
  ASSERT_GT(record, 0);
  clock_.Set(CstMillis(2026, 12, 24, 10));  // Thursday
  FiledObjection filed = File(record);
  ASSERT_GT(filed.objection.id, 0);
  EXPECT_EQ(filed.objection.accept_due, "2026-12-28");
  // 12-25, 28, 29, 30, 31 (5); 1 January 2027 is 元旦 by law; 4-8 (10), 11-15 (15), 18-22 (20).
  EXPECT_EQ(filed.objection.close_due, "2027-01-22");
  auto tx = ts_->store().Begin(TxMode::kRead);
  auto kept = (*tx)->ListProvisionalDeadlines();
  ASSERT_TRUE(kept.ok());
  ASSERT_EQ(kept->size(), 1u) << "only the 2027 date is provisional";
  EXPECT_EQ((*kept)[0].field, "close_due");
  EXPECT_EQ((*kept)[0].from_date, "2026-12-24");
  EXPECT_EQ((*kept)[0].working_days, 20);
  EXPECT_EQ(ProvisionalDates(LoadPolicy().calendar, {{"accept_due", filed.objection.accept_due},
                                                     {"close_due", filed.objection.close_due}}),
            std::vector<std::string>{"close_due"});
}

// The notice gives 元旦 two more days (1-4 January): the limit moves later, with an event
// naming the old and the new date and a step the filer sees; nothing is left provisional.
TEST_P(ProvisionalDeadlineTest, ANoticeThatMovesALimitLaterMovesIt) {
  const int64_t record = Penalty(2.5);
  clock_.Set(CstMillis(2026, 12, 24, 10));
  const int64_t id = File(record).objection.id;
  ASSERT_GT(id, 0);
  const WorkingCalendar cal = WithNotice2027("2027-01-04", "[]");
  auto report = Recount(cal);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->examined, 1);
  ASSERT_EQ(report->changed.size(), 1u);
  EXPECT_EQ(report->changed[0].old_due, "2027-01-22");
  EXPECT_EQ(report->changed[0].due, "2027-01-25");
  EXPECT_EQ(Get(id).close_due, "2027-01-25");
  auto events = Recounted();
  ASSERT_EQ(events.size(), 1u);
  const Json payload = Json::parse(events[0].payload);
  EXPECT_EQ(events[0].entity, "objection:" + std::to_string(id));
  EXPECT_EQ(payload["old"], "2027-01-22");
  EXPECT_EQ(payload["new"], "2027-01-25");
  EXPECT_EQ(payload["provisional"], false);
  auto v = objections_->Get(admin_, id);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->steps.back().step, "deadline_recounted");
  EXPECT_NE(v->steps.back().note.find("2027-01-25"), std::string::npos) << v->steps.back().note;
  {
    auto tx = ts_->store().Begin(TxMode::kRead);
    EXPECT_TRUE((*tx)->ListProvisionalDeadlines()->empty());
  }
  // A second start changes nothing.
  auto again = Recount(cal);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->examined, 0);
  EXPECT_EQ(Recounted().size(), 1u);
}

// The notice makes Saturday 9 January a working day: the limit would come a day earlier, but
// a date told is never brought forward; the event says why.
TEST_P(ProvisionalDeadlineTest, ANoticeThatWouldBringALimitForwardKeepsTheLaterDate) {
  const int64_t record = Penalty(2.5);
  clock_.Set(CstMillis(2026, 12, 24, 10));
  const int64_t id = File(record).objection.id;
  auto report = Recount(WithNotice2027("2027-01-03", "[{name: 元旦, date: 2027-01-09}]"));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->changed.size(), 1u);
  EXPECT_EQ(report->changed[0].official, "2027-01-21");
  EXPECT_EQ(report->changed[0].due, "2027-01-22");
  EXPECT_FALSE(report->changed[0].reason.empty());
  EXPECT_EQ(Get(id).close_due, "2027-01-22");
  auto events = Recounted();
  ASSERT_EQ(events.size(), 1u);
  const Json payload = Json::parse(events[0].payload);
  EXPECT_EQ(payload["calendar"], "2027-01-21");
  EXPECT_EQ(payload["new"], "2027-01-22");
  EXPECT_TRUE(payload.contains("reason"));
}

// A notice that agrees with the law confirms the date quietly.
TEST_P(ProvisionalDeadlineTest, ANoticeThatAgreesConfirmsTheDate) {
  const int64_t record = Penalty(2.5);
  clock_.Set(CstMillis(2026, 12, 24, 10));
  const int64_t id = File(record).objection.id;
  auto report = Recount(WithNotice2027("2027-01-01", "[]"));
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->confirmed, 1);
  EXPECT_TRUE(report->changed.empty());
  EXPECT_EQ(Get(id).close_due, "2027-01-22");
  EXPECT_TRUE(Recounted().empty());
}

// A defence period noticed on 2026-12-28 for 5 working days ends 2027-01-05 by the law; a
// notice with 4 January off gives the subject a day more. A case closed meanwhile is dropped.
TEST_P(ProvisionalDeadlineTest, ADefencePeriodGainsTheNoticesDayAndClosedCasesAreDropped) {
  clock_.Set(CstMillis(2026, 12, 28, 10));
  ProposeRequest r;
  r.subject_code = "91320100748204660Q";
  r.list_kind = "serious";
  r.domain = "market_regulation";
  r.basis = "《市场监督管理严重违法失信名单管理办法》第二条";
  r.facts = "提供虚假材料骗取公司变更登记";
  auto e = lists_->Propose(operator_, r);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  auto n = lists_->Notice(operator_, e->id, "宁市监信告〔2026〕9号", 5);
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(n->defence_until, "2027-01-05");
  // A second entry, dropped before the notice arrives: nothing to count any more.
  r.subject_code = "91230500MA1B3N1N2M";
  auto other = lists_->Propose(operator_, r);
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(lists_->Notice(operator_, other->id, "宁市监信告〔2026〕10号", 5).ok());
  ASSERT_TRUE(lists_->Drop(operator_, other->id, "经陈述申辩不予认定").ok());

  auto report = Recount(WithNotice2027("2027-01-04", "[]"));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->examined, 2);
  EXPECT_EQ(report->dropped, 1);
  ASSERT_EQ(report->changed.size(), 1u);
  EXPECT_EQ(report->changed[0].due, "2027-01-06");
  auto tx = ts_->store().Begin(TxMode::kRead);
  auto entry = (*tx)->GetListEntry(e->id);
  ASSERT_TRUE(entry.ok() && entry->has_value());
  EXPECT_EQ((*entry)->defence_until, "2027-01-06");
}

INSTANTIATE_TEST_SUITE_P(AllStores, ProvisionalDeadlineTest, XY_ALL_STORES);

}  // namespace
}  // namespace xinyong
