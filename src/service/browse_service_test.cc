// Browsing on every store: the console's tables are scoped by role, the public tables show
// only what is public that day (never a natural person) and cap their paging.
#include "service/browse_service.h"

#include "service/audit_service.h"
#include "service/lists_fixture.h"

namespace xinyong {
namespace {

class BrowseTest : public ListsFixture {
 protected:
  void SetUp() override {
    ListsFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    browse_ = std::make_unique<BrowseService>(*ctx_, LoadPolicy().catalogue);
  }

  // A 行政处罚 of a natural person (published for organisations only on the public pages).
  void PersonPenalty() {
    Json rows = Json::array();
    rows.push_back({{"CF_XDR_MC", "李四"},
                    {"CF_XDR_LB", "自然人"},
                    {"CF_XDR_ZJLX", "身份证"},
                    {"CF_XDR_ZJHM", "11010519491231002X"},
                    {"CF_WSH", "宁市监罚〔2026〕12号"},
                    {"CF_WFXW", "无照经营"},
                    {"CF_SY", "无照经营"},
                    {"CF_YJ", "《无证无照经营查处办法》第十三条"},
                    {"CF_CFLB", "罚款"},
                    {"CF_NR", "罚款"},
                    {"CF_NR_FK", 1.5},
                    {"CF_JDRQ", "2026-02-26"},
                    {"CF_CFJG", "南京市市场监督管理局"},
                    {"CF_CFJGDM", "11320100MB1886843H"},
                    {"CF_SJLY", "南京市市场监督管理局"},
                    {"CF_SJLYDM", "11320100MB1886843H"}});
    auto s = intake_->ImportFile(operator_, {"", "CF", "api", ""}, rows.dump());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    ASSERT_EQ(s->accepted, 1) << (s->errors.empty() ? "" : s->errors[0].message);
  }

  RecordQuery Cf() {
    RecordQuery q;
    q.item_code = "CF";
    return q;
  }

  std::unique_ptr<BrowseService> browse_;
};

TEST_P(BrowseTest, PublicRecordsShowOnlyWhatIsPublicNowAndNoPerson) {
  int64_t id = Penalty(2.5);
  ASSERT_GT(id, 0);
  PersonPenalty();
  auto page = browse_->PublicRecords(Cf(), 1, 20);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->total, 1) << "the person's penalty is not browsable";
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].record.id, id);
  EXPECT_EQ(page->items[0].subject.name, "南京某某科技有限公司");
  EXPECT_EQ(page->items[0].subject.code, "91320100748204660Q");
  EXPECT_EQ(page->items[0].department.name, "南京市市场监督管理局");
  EXPECT_FALSE(page->capped);

  // By department and date.
  RecordQuery q = Cf();
  q.decided_from = "2026-02-28";
  EXPECT_EQ(browse_->PublicRecords(q, 1, 20)->total, 0);
  q.decided_from = "2026-02-27";
  q.decided_to = "2026-02-27";
  EXPECT_EQ(browse_->PublicRecords(q, 1, 20)->total, 1);
  q.department_id = operator_.department_id + 1000;
  EXPECT_EQ(browse_->PublicRecords(q, 1, 20)->total, 0);

  // A 一般 penalty is shown at most a year: 400 days later it is gone from the public table.
  clock_.Advance(400 * kDay);
  EXPECT_EQ(browse_->PublicRecords(Cf(), 1, 20)->total, 0);
  // The console still lists it, with the person's record.
  auto rows = browse_->Records(admin_, Cf());
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  // Newest first: the person's penalty, with the name masked like the number.
  EXPECT_EQ((*rows)[0].subject.name, "李*");
  EXPECT_EQ((*rows)[0].subject.code.find("19491231"), std::string::npos);
}

TEST_P(BrowseTest, PublicPagingIsCapped) {
  ASSERT_GT(Penalty(2.5), 0);
  EXPECT_EQ(browse_->PublicRecords(Cf(), 1, BrowseService::kMaxPageSize + 1).status().code(),
            Code::kInvalidArgument);
  EXPECT_EQ(browse_->PublicRecords(Cf(), 0, 20).status().code(), Code::kInvalidArgument);
  int beyond = BrowseService::kMaxPublicRows / 20 + 1;
  auto deep = browse_->PublicRecords(Cf(), beyond, 20);
  EXPECT_EQ(deep.status().code(), Code::kInvalidArgument);
  EXPECT_NE(deep.status().message().find("请缩小查询范围"), std::string::npos);
  EXPECT_TRUE(browse_->PublicRecords(Cf(), beyond - 1, 20).ok());
  // No item is 全部: 行政许可 and 行政处罚 together (issue 16, item 2); another item is refused.
  RecordQuery all;
  auto both = browse_->PublicRecords(all, 1, 20);
  ASSERT_TRUE(both.ok()) << both.status().ToString();
  EXPECT_EQ(both->total, 1);
  RecordQuery other;
  other.item_code = "JY";
  EXPECT_EQ(browse_->PublicRecords(other, 1, 20).status().code(), Code::kInvalidArgument);
}

TEST_P(BrowseTest, ConsoleRecordsAreScopedToTheOperatorsDepartment) {
  ASSERT_GT(Penalty(2.5), 0);
  ASSERT_GT(Penalty(3.0, "罚款", "宁市监罚〔2026〕13号"), 0);
  auto dep = accounts_->CreateDepartment(admin_, "11320100MB1886851C", "南京市税务局");
  ASSERT_TRUE(dep.ok()) << dep.status().ToString();
  Principal other{"user:tax", Role::kOperator, 11, dep->id};
  EXPECT_TRUE(browse_->Records(other, Cf())->empty());
  RecordQuery q = Cf();
  q.department_id = operator_.department_id;
  EXPECT_TRUE(browse_->Records(other, q)->empty())
      << "an operator cannot ask for another department";
  EXPECT_EQ(browse_->Records(operator_, Cf())->size(), 2u);
  // Newest first, paged by id.
  q.limit = 1;
  auto first = browse_->Records(operator_, q);
  ASSERT_EQ(first->size(), 1u);
  q.before_id = (*first)[0].record.id;
  auto second = browse_->Records(operator_, q);
  ASSERT_EQ(second->size(), 1u);
  EXPECT_LT((*second)[0].record.id, (*first)[0].record.id);
  EXPECT_EQ(browse_->Records(officer_, Cf()).status().code(), Code::kPermissionDenied);
  // Counting stops at the cap the public tables ask for.
  {
    auto tx = ts_->store().Begin(TxMode::kRead);
    ASSERT_TRUE(tx.ok());
    RecordQuery all = Cf();
    EXPECT_EQ(*(*tx)->CountRecordsWhere(all), 2);
    all.count_cap = 1;
    EXPECT_EQ(*(*tx)->CountRecordsWhere(all), 1);
  }
  auto batches = browse_->Batches(operator_, 0, 10);
  ASSERT_TRUE(batches.ok());
  EXPECT_EQ(batches->size(), 2u);
  EXPECT_TRUE(browse_->Batches(other, 0, 10)->empty());
}

TEST_P(BrowseTest, EntriesPublicListsAndListsOverTime) {
  ListEntry e = ListFirstCompany();
  ASSERT_GT(e.id, 0);
  EntryQuery q;
  auto entries = browse_->Entries(admin_, q);
  ASSERT_TRUE(entries.ok()) << entries.status().ToString();
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].entry.status, "decided");
  EXPECT_EQ((*entries)[0].subject.code, "91320100748204660Q");
  q.status = "proposed";
  EXPECT_TRUE(browse_->Entries(admin_, q)->empty());

  auto serious = browse_->PublicLists("serious", "", 1, 20);
  ASSERT_TRUE(serious.ok()) << serious.status().ToString();
  EXPECT_EQ(serious->total, 1);
  EXPECT_EQ(browse_->PublicLists("serious", "tax", 1, 20)->total, 0);
  EXPECT_EQ(browse_->PublicLists("key_attention", "", 1, 20).status().code(),
            Code::kInvalidArgument)
      << "重点关注名单 is not public";

  auto months = browse_->ListsOverTime(3);
  ASSERT_TRUE(months.ok()) << months.status().ToString();
  ASSERT_EQ(months->size(), 3u);
  EXPECT_EQ(months->back().month, clock_.Today().ToString().substr(0, 7));
  int64_t decided = 0;
  for (const auto& m : *months) decided += m.decided.at("serious");
  EXPECT_EQ(decided, 1);
  EXPECT_EQ(months->back().active.at("serious"), 1);

  auto counts = browse_->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->serious, 1);
  EXPECT_EQ(counts->subjects, 3) << "two companies and the bound legal representative";

  // Exit: no longer public, counted as exited in this month.
  ASSERT_TRUE(lists_->Exit(operator_, e.id, "信用修复").ok());
  EXPECT_EQ(browse_->PublicLists("serious", "", 1, 20)->total, 0);
  months = browse_->ListsOverTime(3);
  EXPECT_EQ(months->back().exited.at("serious"), 1);
  EXPECT_EQ(months->back().active.at("serious"), 0);
}

TEST_P(BrowseTest, EventsFilteredByTypeActorAndChinaDate) {
  AuditService audit(*ctx_);
  auto all = audit.Find(admin_, 0, 1000, "", "", "", "");
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  auto created = audit.Find(admin_, 0, 1000, "subject.created", "", "", "");
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created->size(), 2u);
  for (const auto& e : *created) EXPECT_EQ(e.type, "subject.created");
  // The fixture's clock is 2026-03-02 10:00 in China (02:00 UTC).
  EXPECT_EQ(audit.Find(admin_, 0, 1000, "", "", "2026-03-02", "2026-03-02")->size(), all->size());
  EXPECT_TRUE(audit.Find(admin_, 0, 1000, "", "", "2026-03-03", "")->empty());
  EXPECT_TRUE(audit.Find(admin_, 0, 1000, "", "", "", "2026-03-01")->empty());
  EXPECT_TRUE(audit.Find(admin_, 0, 1000, "", "user:nobody", "", "")->empty());
  EXPECT_EQ(audit.Find(admin_, 0, 10, "", "", "2026-03-04", "2026-03-03").status().code(),
            Code::kInvalidArgument);
  EXPECT_EQ(audit.Find(operator_, 0, 10, "", "", "", "").status().code(), Code::kPermissionDenied);
}

TEST_P(BrowseTest, AnnouncementsArePublishedAndWithdrawnByTheOffice) {
  EXPECT_EQ(browse_->Announce(operator_, "标题", "正文").status().code(), Code::kPermissionDenied);
  EXPECT_EQ(browse_->Announce(admin_, " ", "正文").status().code(), Code::kInvalidArgument);
  auto first = browse_->Announce(admin_, "关于开展信用修复集中服务的通知", "即日起……（详见附件）");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->body, "即日起……（详见附件）") << "Chinese punctuation kept as written";
  auto second = browse_->Announce(admin_, "2026年第三批红名单公示", "名单见红名单栏目。");
  ASSERT_TRUE(second.ok());
  auto shown = browse_->Announcements(false, 10);
  ASSERT_TRUE(shown.ok());
  ASSERT_EQ(shown->size(), 2u);
  EXPECT_EQ((*shown)[0].id, second->id) << "newest first";

  ASSERT_TRUE(browse_->Withdraw(admin_, first->id, "内容有误").ok());
  EXPECT_EQ(browse_->Withdraw(admin_, first->id, "再次").status().code(),
            Code::kFailedPrecondition);
  EXPECT_EQ(browse_->Withdraw(admin_, second->id, "").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(browse_->Withdraw(admin_, 9999, "无").status().code(), Code::kNotFound);
  EXPECT_EQ(browse_->Announcements(false, 10)->size(), 1u);
  auto all = browse_->Announcements(true, 10);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[1].withdraw_reason, "内容有误");
  AuditService audit(*ctx_);
  EXPECT_EQ(audit.Find(admin_, 0, 100, "announcement.published", "", "", "")->size(), 2u);
  EXPECT_EQ(audit.Find(admin_, 0, 100, "announcement.withdrawn", "", "", "")->size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(AllStores, BrowseTest, XY_ALL_STORES);

}  // namespace
}  // namespace xinyong
