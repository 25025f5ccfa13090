// One suite, three stores: memory, SQLite, PostgreSQL (see store/testing/test_stores.h).
#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "store/sqlite/sqlite_store.h"
#include "store/testing/store_fixture.h"

namespace xinyong {
namespace {

class StoreTest : public testing::StoreFixture {
 protected:
  std::unique_ptr<Transaction> Write() {
    auto tx = store().Begin(TxMode::kWrite);
    EXPECT_TRUE(tx.ok()) << tx.status().ToString();
    return std::move(tx).value();
  }
  std::unique_ptr<Transaction> Read() {
    auto tx = store().Begin(TxMode::kRead);
    EXPECT_TRUE(tx.ok()) << tx.status().ToString();
    return std::move(tx).value();
  }

  static SubjectDraft Company(const std::string& code, const std::string& name) {
    SubjectDraft d;
    d.kind = SubjectKind::kLegalPerson;
    d.name = name;
    d.region = code.substr(2, 6);
    d.identifiers = {{IdKind::kUscc, code, "", code}};
    d.at = "2026-01-05T01:00:00.000Z";
    return d;
  }
};

TEST_P(StoreTest, MigrationsApplied) {
  auto v = store().SchemaVersion();
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(*v, 19) << "subjects, intake, lists, subscriptions, rights, browsing, announcements, "
                       "check facts, provisional deadlines, checks of codes not on the platform, "
                       "rejected rows as sent, messages to filers, confirmations of legal bases, "
                       "tips, typical cases, indexes for the monitoring, commitments, credit reports, "
                       "evaluations";
}

TEST_P(StoreTest, TipsRoundTripPageByDepartmentAndKeepWhatWasFiled) {
  int64_t first = 0, second = 0;
  {
    auto tx = Write();
    Tip t;
    t.subject_sealed = "sealed-subject";
    t.facts_sealed = "sealed-facts";
    t.facts_sha256 = "ab";
    t.contact_sealed = "sealed-contact";
    t.attachments = 1;
    t.withheld = "[]";
    t.token_hash = "h1";
    t.route_due = "2026-12-10";
    t.total_due = "2027-01-20";
    t.submitted_at = t.updated_at = "2026-12-07T01:00:00.000Z";
    auto id = tx->Tips().InsertTip(t);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    first = *id;
    ASSERT_TRUE(tx->Tips()
                    .InsertTipAttachments({{first, 1, 3, "digest", "sealed-name", "sealed-bytes"}})
                    .ok());
    auto id2 = tx->Tips().InsertTip(t);
    ASSERT_TRUE(id2.ok());
    second = *id2;
    ASSERT_TRUE(tx->Commit().ok());
  }
  {
    auto tx = Write();
    auto t = tx->Tips().GetTip(first);
    ASSERT_TRUE(t.ok() && t->has_value());
    Tip changed = **t;
    changed.status = "routed";
    changed.department_id = 7;
    changed.transfers = 1;
    changed.extended = true;
    changed.withheld = "[1]";
    changed.answer_due = "2026-12-28";
    changed.facts_sealed = "an attempt to rewrite what was filed";
    changed.contact_sealed = "";
    ASSERT_TRUE(tx->Tips().UpdateTip(changed).ok());
    Tip missing = changed;
    missing.id = 999999;
    EXPECT_EQ(tx->Tips().UpdateTip(missing).code(), Code::kNotFound);
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto tx = Read();
  auto t = tx->Tips().GetTip(first);
  ASSERT_TRUE(t.ok() && t->has_value());
  EXPECT_EQ((*t)->status, "routed");
  EXPECT_EQ((*t)->department_id, 7);
  EXPECT_EQ((*t)->transfers, 1);
  EXPECT_TRUE((*t)->extended);
  EXPECT_EQ((*t)->withheld, "[1]");
  EXPECT_EQ((*t)->answer_due, "2026-12-28");
  EXPECT_EQ((*t)->facts_sealed, "sealed-facts");
  EXPECT_EQ((*t)->contact_sealed, "sealed-contact");
  EXPECT_EQ((*t)->subject_sealed, "sealed-subject");
  EXPECT_EQ((*t)->submitted_at, "2026-12-07T01:00:00.000Z");

  auto all = tx->Tips().FindTips({});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->at(0).id, second) << "newest first";
  TipQuery of_department;
  of_department.department_id = 7;
  auto routed = tx->Tips().FindTips(of_department);
  ASSERT_TRUE(routed.ok());
  ASSERT_EQ(routed->size(), 1u);
  EXPECT_EQ(routed->at(0).id, first);
  TipQuery page;
  page.before_id = second;
  page.limit = 5;
  auto older = tx->Tips().FindTips(page);
  ASSERT_TRUE(older.ok());
  ASSERT_EQ(older->size(), 1u);
  EXPECT_EQ(older->at(0).id, first);

  auto file = tx->Tips().GetTipAttachment(first, 1);
  ASSERT_TRUE(file.ok() && file->has_value());
  EXPECT_EQ((*file)->size, 3);
  EXPECT_EQ((*file)->content_sealed, "sealed-bytes");
  auto heads = tx->Tips().TipAttachmentHeads(first);
  ASSERT_TRUE(heads.ok());
  ASSERT_EQ(heads->size(), 1u);
  EXPECT_EQ(heads->at(0).name_sealed, "sealed-name");
  EXPECT_EQ(heads->at(0).content_sealed, "") << "the heads leave the content where it is";
  auto none = tx->Tips().GetTipAttachment(first, 2);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST_P(StoreTest, TypicalCasesRoundTripWithTheirLinks) {
  int64_t first = 0, second = 0;
  {
    auto tx = Write();
    TypicalCase c;
    c.kind = "dishonest";
    c.title = "某公司虚假宣传案";
    c.body = "案情";
    c.author = "user:writer";
    c.created_at = c.updated_at = "2026-12-07T01:00:00.000Z";
    auto id = tx->TypicalCases().InsertCase(c);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    first = *id;
    c.kind = "honest";
    auto id2 = tx->TypicalCases().InsertCase(c);
    ASSERT_TRUE(id2.ok());
    second = *id2;
    ASSERT_TRUE(tx->TypicalCases()
                    .PutCaseLinks(first, {{0, "record", 9}, {0, "subject", 3}, {0, "record", 4}})
                    .ok());
    ASSERT_TRUE(tx->TypicalCases().PutCaseLinks(first, {{0, "record", 4}, {0, "subject", 3}}).ok())
        << "links are replaced, not added";
    ASSERT_TRUE(tx->Commit().ok());
  }
  {
    auto tx = Write();
    auto c = tx->TypicalCases().GetCase(first);
    ASSERT_TRUE(c.ok() && c->has_value());
    TypicalCase changed = **c;
    changed.status = "published";
    changed.reviewer = "user:reviewer";
    changed.display_until = "2029-12-07";
    changed.author = "user:someone-else";
    ASSERT_TRUE(tx->TypicalCases().UpdateCase(changed).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto tx = Read();
  auto c = tx->TypicalCases().GetCase(first);
  ASSERT_TRUE(c.ok() && c->has_value());
  EXPECT_EQ((*c)->status, "published");
  EXPECT_EQ((*c)->reviewer, "user:reviewer");
  EXPECT_EQ((*c)->display_until, "2029-12-07");
  EXPECT_EQ((*c)->author, "user:writer") << "the author never changes";
  CaseQuery published;
  published.status = "published";
  auto found = tx->TypicalCases().FindCases(published);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->at(0).id, first);
  CaseQuery all;
  all.offset = 1;
  auto paged = tx->TypicalCases().FindCases(all);
  ASSERT_TRUE(paged.ok());
  ASSERT_EQ(paged->size(), 1u);
  EXPECT_EQ(paged->at(0).id, first) << "newest first, the first skipped";
  auto links = tx->TypicalCases().CaseLinks({first, second});
  ASSERT_TRUE(links.ok());
  ASSERT_EQ(links->size(), 2u);
  EXPECT_EQ(links->at(0).target_kind, "record");
  EXPECT_EQ(links->at(0).target_id, 4);
  EXPECT_EQ(links->at(1).target_kind, "subject");
  EXPECT_EQ(links->at(1).case_id, first);
}

TEST_P(StoreTest, ProvisionalDeadlinesArePutReplacedListedAndDeleted) {
  {
    auto tx = Write();
    ASSERT_TRUE(tx->PutProvisionalDeadline(
                      {"objection:2", "close_due", "2026-12-24", 20, "2027-01-25", "t1"})
                    .ok());
    ASSERT_TRUE(tx->PutProvisionalDeadline(
                      {"objection:2", "accept_due", "2026-12-24", 5, "2026-12-31", "t1"})
                    .ok());
    ASSERT_TRUE(tx->PutProvisionalDeadline(
                      {"list_entry:1", "defence_until", "2026-12-28", 5, "2027-01-05", "t1"})
                    .ok());
    // The same target and field again replaces it.
    ASSERT_TRUE(tx->PutProvisionalDeadline(
                      {"objection:2", "close_due", "2026-12-24", 20, "2027-01-26", "t2"})
                    .ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto tx = Write();
  auto all = tx->ListProvisionalDeadlines();
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].target, "list_entry:1");
  EXPECT_EQ((*all)[1].field, "accept_due");
  EXPECT_EQ((*all)[2].due, "2027-01-26");
  EXPECT_EQ((*all)[2].working_days, 20);
  EXPECT_EQ((*all)[2].computed_at, "t2");
  ASSERT_TRUE(tx->DeleteProvisionalDeadline("objection:2", "accept_due").ok());
  ASSERT_TRUE(tx->DeleteProvisionalDeadline("objection:9", "accept_due").ok());  // none: no error
  EXPECT_EQ(tx->ListProvisionalDeadlines()->size(), 2u);
}

TEST_P(StoreTest, SubjectRoundTripWithIdentifiersAndNameHistory) {
  auto tx = Write();
  auto id = tx->InsertSubject(Company("91320100748204660Q", "南京某某科技有限公司"));
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  ASSERT_TRUE(tx->AddIdentifier(
                    *id, {IdKind::kRegistrationNumber, "320100000012345", "", "320100000012345"})
                  .ok());
  ASSERT_TRUE(tx->RenameSubject(*id, "南京某某科技股份有限公司", "2026-03-01T00:00:00.000Z").ok());
  ASSERT_TRUE(tx->Commit().ok());

  auto rtx = Read();
  auto found = rtx->FindSubjectId(IdKind::kUscc, "91320100748204660Q");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(**found, *id);
  auto s = rtx->GetSubject(*id);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->name, "南京某某科技股份有限公司");
  EXPECT_EQ(s->region, "320100");
  ASSERT_EQ(s->identifiers.size(), 2u);
  ASSERT_EQ(s->names.size(), 2u);
  EXPECT_EQ(s->names[0].name, "南京某某科技有限公司");
  EXPECT_EQ(s->names[0].valid_to, "2026-03-01T00:00:00.000Z");
  EXPECT_EQ(s->names[1].valid_to, "");
  EXPECT_EQ(*rtx->CountSubjects(), 1);
  EXPECT_FALSE(rtx->FindSubjectId(IdKind::kUscc, "91230500MA1B3N1N2M")->has_value());
  EXPECT_EQ(rtx->GetSubject(*id + 1000).status().code(), Code::kNotFound);

  // Found by either identifier: the current name, both identifiers in order, no history.
  for (const auto& [kind, lookup] : {std::pair(IdKind::kUscc, "91320100748204660Q"),
                                     std::pair(IdKind::kRegistrationNumber, "320100000012345")}) {
    auto cur = rtx->FindSubjectCurrent(kind, lookup);
    ASSERT_TRUE(cur.ok()) << cur.status().ToString();
    ASSERT_TRUE(cur->has_value()) << lookup;
    EXPECT_EQ((*cur)->id, *id);
    EXPECT_EQ((*cur)->kind, SubjectKind::kLegalPerson);
    EXPECT_EQ((*cur)->name, "南京某某科技股份有限公司");
    EXPECT_EQ((*cur)->region, "320100");
    EXPECT_EQ((*cur)->created_at, s->created_at);
    EXPECT_EQ((*cur)->updated_at, s->updated_at);
    ASSERT_EQ((*cur)->identifiers.size(), 2u);
    for (size_t i = 0; i < 2; ++i) {
      EXPECT_EQ((*cur)->identifiers[i].kind, s->identifiers[i].kind);
      EXPECT_EQ((*cur)->identifiers[i].lookup, s->identifiers[i].lookup);
      EXPECT_EQ((*cur)->identifiers[i].display, s->identifiers[i].display);
    }
    EXPECT_TRUE((*cur)->names.empty());
  }
  auto none = rtx->FindSubjectCurrent(IdKind::kUscc, "91230500MA1B3N1N2M");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST_P(StoreTest, DuplicateIdentifierIsConflict) {
  {
    auto tx = Write();
    ASSERT_TRUE(tx->InsertSubject(Company("91320100748204660Q", "甲公司")).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto tx = Write();
  auto again = tx->InsertSubject(Company("91320100748204660Q", "乙公司"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), Code::kConflict);
}

TEST_P(StoreTest, UncommittedTransactionLeavesNoTrace) {
  {
    auto tx = Write();
    ASSERT_TRUE(tx->InsertSubject(Company("91320100748204660Q", "甲公司")).ok());
    ASSERT_TRUE(tx->AppendEvent({"system", "subject.created", "subject:1", "{}"}, "t").ok());
    // dropped without Commit
  }
  auto rtx = Read();
  EXPECT_EQ(*rtx->CountSubjects(), 0);
  EXPECT_EQ(rtx->GetEventHead()->seq, 0);
  EXPECT_TRUE(rtx->ReadEvents(0, 10)->empty());
}

// A writer that begins again right after each commit, as an import's chunks do: on its own
// thread, up to kCap transactions of one "test.chunk" event, each held open 5 ms, until it is
// stopped (at the latest when destroyed).
class BackToBackWriter {
 public:
  static constexpr int kCap = 400;  // its transactions, if nobody gets in between

  explicit BackToBackWriter(Store& store) : thread_([this, &store] { Run(store); }) {}
  ~BackToBackWriter() { Stop(); }
  BackToBackWriter(const BackToBackWriter&) = delete;
  BackToBackWriter& operator=(const BackToBackWriter&) = delete;

  // Returns once it has committed `n` transactions, or has failed.
  void WaitForCommits(int n) const {
    while (commits_.load() < n && !failed_.load()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  int commits() const { return commits_.load(); }
  void Stop() {
    done_ = true;
    if (thread_.joinable()) thread_.join();
  }

 private:
  void Run(Store& store) {
    for (int i = 0; i < kCap && !done_.load(); ++i) {
      auto tx = store.Begin(TxMode::kWrite);
      if (!tx.ok()) {
        ADD_FAILURE() << tx.status().ToString();
        failed_ = true;
        return;
      }
      EXPECT_TRUE(
          (*tx)
              ->AppendEvent({"user:import", "test.chunk", "x:1", "{}"}, "2026-01-05T01:00:00.000Z")
              .ok());
      std::this_thread::sleep_for(std::chrono::milliseconds(5));  // a chunk being written
      EXPECT_TRUE((*tx)->Commit().ok());
      ++commits_;
    }
  }

  std::atomic<bool> done_{false};
  std::atomic<bool> failed_{false};
  std::atomic<int> commits_{0};
  std::thread thread_;  // last: starts once the members above exist
};

// Appends one event of `type` in its own transaction.
void AppendOneEvent(Store& store, const std::string& type) {
  auto tx = store.Begin(TxMode::kWrite);
  ASSERT_TRUE(tx.ok()) << tx.status().ToString();
  ASSERT_TRUE(
      (*tx)->AppendEvent({"user:officer", type, "x:2", "{}"}, "2026-01-05T01:00:00.000Z").ok());
  ASSERT_TRUE((*tx)->Commit().ok());
}

// How many of the store's first 1,000 events are of `type` (-1 when they cannot be read).
int CountEventsOfType(Store& store, const std::string& type) {
  auto rtx = store.Begin(TxMode::kRead);
  if (!rtx.ok()) return -1;
  auto events = (*rtx)->ReadEvents(0, 1000);
  if (!events.ok()) return -1;
  int n = 0;
  for (const auto& e : *events) n += e.type == type;
  return n;
}

// A writer that begins again right after each commit (an import's chunks, the display
// scheduler catching up) must not keep another writer out until its busy timeout runs out:
// the other gets its turn after the transaction under way when it asked.
TEST_P(StoreTest, AWaitingWriterGetsItsTurnBetweenAnothersBackToBackTransactions) {
  BackToBackWriter busy(store());
  busy.WaitForCommits(3);
  AppendOneEvent(store(), "test.other");
  const int at = busy.commits();
  busy.Stop();
  EXPECT_LT(at, BackToBackWriter::kCap)
      << "the waiting writer got in only once the other had stopped";
  EXPECT_EQ(CountEventsOfType(store(), "test.other"), 1);
}

TEST_P(StoreTest, ReadTransactionCannotWrite) {
  auto rtx = Read();
  auto r = rtx->InsertSubject(Company("91320100748204660Q", "甲公司"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kFailedPrecondition);
}

TEST_P(StoreTest, EventsChainAndReadBack) {
  for (int i = 0; i < 3; ++i) {
    auto tx = Write();
    auto e = tx->AppendEvent(
        {"user:admin", "test.event", "x:" + std::to_string(i), "{\"i\":" + std::to_string(i) + "}"},
        "2026-01-05T01:00:00.000Z");
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    EXPECT_EQ(e->seq, i + 1);
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto rtx = Read();
  auto events = rtx->ReadEvents(0, 100);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 3u);
  ChainVerifier v;
  for (const auto& e : *events) EXPECT_TRUE(v.Add(e)) << v.reason();
  EXPECT_TRUE(v.Finish(*rtx->GetEventHead())) << v.reason();
  EXPECT_EQ((*events)[2].payload, "{\"i\":2}");
  EXPECT_EQ(rtx->ReadEvents(2, 100)->size(), 1u);
  EXPECT_EQ(rtx->ReadEvents(0, 2)->size(), 2u);
}

TEST_P(StoreTest, ConcurrentWritersKeepOneGapFreeChain) {
  constexpr int kThreads = 4, kPerThread = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto tx = store().Begin(TxMode::kWrite);
        if (!tx.ok() ||
            !(*tx)->AppendEvent({"t" + std::to_string(t), "test.event", "x", "{}"}, "t").ok() ||
            !(*tx)->Commit().ok()) {
          ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto rtx = Read();
  auto events = rtx->ReadEvents(0, 1000);
  ASSERT_EQ(events->size(), size_t{kThreads * kPerThread});
  ChainVerifier v;
  for (const auto& e : *events) ASSERT_TRUE(v.Add(e)) << v.reason();
  EXPECT_TRUE(v.Finish(*rtx->GetEventHead())) << v.reason();
}

TEST_P(StoreTest, AccountsRoundTrip) {
  auto tx = Write();
  auto dep = tx->InsertDepartment({0, "11320100MB1886843H", "市市场监督管理局", "t"});
  ASSERT_TRUE(dep.ok()) << dep.status().ToString();
  EXPECT_EQ(tx->InsertDepartment({0, "11320100MB1886843H", "重复", "t"}).status().code(),
            Code::kConflict);
  User u;
  u.username = "clerk";
  u.display_name = "王小明";
  u.role = Role::kOperator;
  u.department_id = *dep;
  u.password_hash = "$argon2id$x";
  u.created_at = "t";
  auto uid = tx->InsertUser(u);
  ASSERT_TRUE(uid.ok()) << uid.status().ToString();
  EXPECT_EQ(tx->InsertUser(u).status().code(), Code::kConflict);
  User admin = u;
  admin.username = "admin";
  admin.role = Role::kAdmin;
  admin.department_id = 0;
  ASSERT_TRUE(tx->InsertUser(admin).ok());
  ASSERT_TRUE(
      tx->InsertApiKey({0, "hash1", "xy_abcd", *dep, Role::kOperator, "sys", "t", ""}).ok());
  ASSERT_TRUE(tx->InsertSession({"tok", *uid, "t", "2099-01-01T00:00:00.000Z"}).ok());
  ASSERT_TRUE(tx->Commit().ok());

  auto rtx = Read();
  auto found = rtx->FindUserByName("clerk");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->display_name, "王小明");
  EXPECT_EQ((*found)->department_id, *dep);
  EXPECT_EQ((*rtx->FindUserByName("admin"))->department_id, 0);
  EXPECT_EQ((*rtx->FindDepartmentByCode("11320100MB1886843H"))->name, "市市场监督管理局");
  EXPECT_EQ((*rtx->FindApiKeyByHash("hash1"))->prefix, "xy_abcd");
  EXPECT_FALSE(rtx->FindApiKeyByHash("nope")->has_value());
  EXPECT_EQ((*rtx->FindSession("tok"))->user_id, *uid);
  EXPECT_EQ(rtx->ListUsers()->size(), 2u);
  EXPECT_EQ(rtx->ListDepartments()->size(), 1u);
}

TEST_P(StoreTest, RecordsVersionsBatchesAndStats) {
  auto tx = Write();
  auto dep = tx->InsertDepartment({0, "11320100MB1886843H", "市场监督管理局", "t"});
  ASSERT_TRUE(dep.ok()) << dep.status().ToString();
  auto subject = tx->InsertSubject(Company("91320100748204660Q", "甲公司"));
  ASSERT_TRUE(subject.ok());
  Batch b;
  b.department_id = *dep;
  b.item_code = "CF";
  b.channel = "cli";
  b.file_name = "cf.csv";
  b.file_sha256 = "abc";
  b.encoding = "gb18030";
  b.actor = "user:clerk";
  b.received_at = "2026-03-02T02:00:00.000Z";
  auto batch = tx->InsertBatch(b);
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();

  Record r;
  r.subject_id = *subject;
  r.item_code = "CF";
  r.department_id = *dep;
  r.source_key = "宁市监罚〔2026〕12号";
  r.decision_date = "2026-02-20";
  r.nature = Nature::kMinor;
  r.disclosure = Disclosure::kPublic;
  r.display = {true, "2026-02-20", "2027-02-19", "2026-05-19", "一般失信：最长1年"};
  r.received_at = r.updated_at = "2026-03-02T02:00:00.000Z";
  auto rid = tx->InsertRecord(r);
  ASSERT_TRUE(rid.ok()) << rid.status().ToString();
  EXPECT_EQ(tx->InsertRecord(r).status().code(), Code::kConflict);

  RecordVersion v;
  v.record_id = *rid;
  v.batch_id = *batch;
  v.row_number = 2;
  v.content_hash = "h1";
  v.fields = "{\"CF_WSH\":\"宁市监罚〔2026〕12号\"}";
  v.sealed = "{}";
  v.decision_date = "2026-02-20";
  v.received_at = r.received_at;
  v.working_days = 8;
  v.late = true;
  ASSERT_TRUE(tx->InsertRecordVersion(v).ok());
  v.version = 2;
  v.content_hash = "h2";
  v.working_days.reset();
  v.late = false;
  ASSERT_TRUE(tx->InsertRecordVersion(v).ok());
  EXPECT_FALSE(tx->InsertRecordVersion(v).ok()) << "a version is written once";

  r.id = *rid;
  r.current_version = 2;
  r.status = "revoked";
  r.revoked_at = "2026-03-03T00:00:00.000Z";
  r.revoke_reason = "决定被撤销";
  r.disputed_since = "2026-03-03T01:00:00.000Z";
  r.objection_ref = "objection:7";
  ASSERT_TRUE(tx->UpdateRecord(r).ok());
  ASSERT_TRUE(tx->InsertRejection({*batch, 3, "CF_FRDB", "required", "法定代表人必填", ""}).ok());
  ASSERT_TRUE(
      tx->InsertRejection({*batch, 4, "CF_NR_FK", "conditional_required", "罚款金额必填", ""}).ok());
  b.id = *batch;
  b.status = "done";
  b.accepted = 1;
  b.rejected = 2;
  ASSERT_TRUE(tx->UpdateBatch(b).ok());
  ASSERT_TRUE(tx->Commit().ok());

  auto rtx = Read();
  auto found = rtx->FindRecord(*dep, "CF", "宁市监罚〔2026〕12号");
  ASSERT_TRUE(found.ok() && found->has_value()) << found.status().ToString();
  EXPECT_EQ((*found)->status, "revoked");
  EXPECT_EQ((*found)->current_version, 2);
  EXPECT_EQ((*found)->display.until, "2027-02-19");
  EXPECT_EQ((*found)->nature, Nature::kMinor);
  EXPECT_EQ((*found)->revoke_reason, "决定被撤销");
  EXPECT_EQ((*found)->disputed_since, "2026-03-03T01:00:00.000Z");
  EXPECT_EQ((*found)->objection_ref, "objection:7");
  auto versions = rtx->ListRecordVersions(*rid);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].working_days, 8);
  EXPECT_FALSE((*versions)[1].working_days.has_value());
  EXPECT_EQ((*versions)[0].fields, v.fields);
  EXPECT_EQ(rtx->ListRecordsOfSubject(*subject)->size(), 1u);
  EXPECT_EQ(rtx->ListRejections(*batch)->size(), 2u);
  EXPECT_EQ((*rtx->GetBatch(*batch))->status, "done");
  auto stats = rtx->IntakeStats();
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  ASSERT_EQ(stats->size(), 1u);
  EXPECT_EQ((*stats)[0].accepted, 1);
  EXPECT_EQ((*stats)[0].rejected, 2);
  EXPECT_EQ((*stats)[0].late, 1);
  EXPECT_EQ((*stats)[0].rejected_by_code.at("required"), 1);
  EXPECT_EQ(*rtx->CountRecords(), 1);
}

TEST_P(StoreTest, ActiveRecordFactsAreTheCheckColumnsOfActiveRecordsNewestFirst) {
  auto tx = Write();
  auto dep = tx->InsertDepartment({0, "11320100MB1886843H", "市场监督管理局", "t"});
  auto subject = tx->InsertSubject(Company("91320100748204660Q", "甲公司"));
  auto other = tx->InsertSubject(Company("913201000000000001", "乙公司"));
  ASSERT_TRUE(dep.ok() && subject.ok() && other.ok()) << other.status().ToString();
  auto add = [&](int64_t subject_id, const std::string& key, const std::string& decided,
                 Nature nature) {
    Record r;
    r.subject_id = subject_id;
    r.item_code = "CF";
    r.department_id = *dep;
    r.source_key = key;
    r.decision_date = decided;
    r.nature = nature;
    r.received_at = r.updated_at = "2026-03-02T02:00:00.000Z";
    auto id = tx->InsertRecord(r);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    r.id = id.ok() ? *id : 0;
    return r;
  };
  Record older = add(*subject, "k1", "2025-01-10", Nature::kMinor);
  Record newer = add(*subject, "k2", "2026-02-20", Nature::kSerious);
  Record revoked = add(*subject, "k3", "2026-03-01", Nature::kSerious);
  add(*other, "k4", "2026-03-01", Nature::kSerious);
  revoked.status = "revoked";
  revoked.revoked_at = "2026-03-03T00:00:00.000Z";
  ASSERT_TRUE(tx->UpdateRecord(revoked).ok());
  newer.disputed_since = "2026-03-03T01:00:00.000Z";
  newer.objection_ref = "objection:7";
  ASSERT_TRUE(tx->UpdateRecord(newer).ok());
  ASSERT_TRUE(tx->Commit().ok());

  auto facts = Read()->ActiveRecordFacts(*subject);
  ASSERT_TRUE(facts.ok()) << facts.status().ToString();
  ASSERT_EQ(facts->size(), 2u) << "the revoked record and the other subject's are left out";
  EXPECT_EQ((*facts)[0].id, newer.id);
  EXPECT_EQ((*facts)[0].nature, Nature::kSerious);
  EXPECT_EQ((*facts)[0].decision_date, "2026-02-20");
  EXPECT_EQ((*facts)[0].disputed_since, "2026-03-03T01:00:00.000Z");
  EXPECT_EQ((*facts)[0].objection_ref, "objection:7");
  EXPECT_EQ((*facts)[1].id, older.id);
  EXPECT_EQ((*facts)[1].item_code, "CF");
  EXPECT_EQ((*facts)[1].nature, Nature::kMinor);
  EXPECT_EQ((*facts)[1].disputed_since, "");
  EXPECT_EQ((*facts)[1].department_id, *dep) << "the check names who decided";
  EXPECT_EQ((*facts)[1].source_key, "k1") << "the decision number, for most items";
}

TEST_P(StoreTest, MessagesWaitUntilDueAndLeaveTheQueueOnceSent) {
  Result<int64_t> a = 0, b = 0;
  {
    auto tx = Write();
    a = tx->InsertMessage({0, "objection.code", "objection:1", "sms", "to1", "text1",
                           "2026-12-07T01:00:00.000Z", "2026-12-07T01:00:00.000Z", 0, "", ""});
    b = tx->InsertMessage({0, "repair.code", "repair:2", "email", "to2", "text2",
                           "2026-12-07T01:00:00.000Z", "2026-12-07T02:00:00.000Z", 0, "", ""});
    ASSERT_TRUE(a.ok() && b.ok()) << a.status().ToString();
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto due = Read()->DueMessages("2026-12-07T01:30:00.000Z", 10);
  ASSERT_TRUE(due.ok()) << due.status().ToString();
  ASSERT_EQ(due->size(), 1u) << "the second waits for its time";
  OutboundMessage m = due->front();
  EXPECT_EQ(m.to_sealed, "to1");
  EXPECT_EQ(m.channel, "sms");
  m.attempts = 1;
  m.sent_at = "2026-12-07T01:31:00.000Z";
  {
    auto w = Write();
    ASSERT_TRUE(w->UpdateMessage(m).ok());
    ASSERT_TRUE(w->Commit().ok());
  }
  auto later = Read()->DueMessages("2026-12-07T03:00:00.000Z", 10);
  ASSERT_EQ(later->size(), 1u) << "a sent message leaves the queue";
  EXPECT_EQ(later->front().id, *b);
}

TEST_P(StoreTest, ChecksOfCodesNotOnThePlatformAndTheListOfADepartmentsChecks) {
  auto tx = Write();
  auto dep = tx->InsertDepartment({0, "11320100MB1886843H", "市场监督管理局", "t"});
  auto other = tx->InsertDepartment({0, "11320100MB1886844F", "税务局", "t"});
  auto company = tx->InsertSubject(Company("91320100748204660Q", "甲公司"));
  ASSERT_TRUE(dep.ok() && other.ok() && company.ok());
  CheckRecord unknown{0, *dep, "user:officer", 0, "honours", "t1", "h1", 0, "", ""};
  unknown.checked_code = "91320100MA1XXXXX0X";
  auto a = tx->InsertCheck(unknown);
  ASSERT_TRUE(a.ok()) << "a code not on the platform is recorded too: " << a.status().ToString();
  CheckRecord known{0, *dep, "user:officer", *company, "honours", "t2", "h2", 2, "", ""};
  known.measure_codes = "P2-09,I1-03";
  auto batch = tx->InsertChecks({known, {0, *other, "user:tax", *company, "tax", "t3", "h3", 0, "", ""}});
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  ASSERT_TRUE(tx->InsertCheckFeedback({(*batch)[0], "P2-09", true, "", "user:officer", "t4"}).ok());
  ASSERT_TRUE(tx->Commit().ok());

  auto rtx = Read();
  auto got = rtx->GetCheck(*a);
  ASSERT_TRUE(got.ok() && got->has_value()) << got.status().ToString();
  EXPECT_EQ((*got)->subject_id, 0);
  EXPECT_EQ((*got)->checked_code, "91320100MA1XXXXX0X");
  auto mine = rtx->ListChecks(*dep, 0, 10);
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  ASSERT_EQ(mine->size(), 2u) << "the other department's check is not listed";
  EXPECT_EQ((*mine)[0].id, (*batch)[0]) << "newest first";
  EXPECT_EQ((*mine)[0].measure_codes, "P2-09,I1-03");
  EXPECT_EQ((*mine)[1].id, *a);
  auto older = rtx->ListChecks(*dep, (*batch)[0], 10);
  ASSERT_EQ(older->size(), 1u) << "ids below `before` only";
  EXPECT_EQ(rtx->ListChecks(0, 0, 10)->size(), 3u);
  EXPECT_EQ(rtx->ListChecks(0, 0, 1)->size(), 1u);
  auto fb = rtx->FeedbackOfCheck((*batch)[0]);
  ASSERT_TRUE(fb.ok());
  ASSERT_EQ(fb->size(), 1u);
  EXPECT_EQ((*fb)[0].measure_code, "P2-09");
  EXPECT_TRUE((*fb)[0].applied);
  EXPECT_TRUE(rtx->FeedbackOfCheck(*a)->empty());
}

TEST_P(StoreTest, ManyRowsAtOnceAsIntakeWritesAChunk) {
  // 75 rows: statements of 64, 8 and single rows all take part.
  constexpr int kRows = 75;
  auto tx = Write();
  auto dep = tx->InsertDepartment({0, "11320100MB1886843H", "市场监督管理局", "t"});
  ASSERT_TRUE(dep.ok());
  auto first = tx->AppendEvent({"user:a", "test.before", "x:0", "{}"}, "2026-01-05T01:00:00.000Z");
  ASSERT_TRUE(first.ok());
  std::vector<std::string> codes, keys;
  std::vector<int64_t> subject_ids;
  for (int i = 0; i < kRows; ++i) {
    codes.push_back("9132010000000" + std::to_string(10000 + i));
    auto id = tx->InsertSubject(Company(codes.back(), "公司" + std::to_string(i)));
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    subject_ids.push_back(*id);
  }
  std::vector<std::string> asked = codes;
  asked.push_back("913201000000099999");  // unknown
  asked.push_back(codes[3]);              // twice
  auto found = tx->FindSubjectIds(IdKind::kUscc, asked);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  std::map<std::string, int64_t> owner(found->begin(), found->end());
  EXPECT_EQ(owner.size(), static_cast<size_t>(kRows));
  EXPECT_EQ(owner.at(codes[70]), subject_ids[70]);
  EXPECT_TRUE(tx->FindSubjectIds(IdKind::kCitizenId, {codes[0]})->empty());
  std::vector<int64_t> ids = subject_ids;
  ids.push_back(999999);
  auto heads = tx->SubjectHeads(ids);
  ASSERT_TRUE(heads.ok()) << heads.status().ToString();
  ASSERT_EQ(heads->size(), static_cast<size_t>(kRows));
  for (const auto& h : *heads) {
    if (h.id == subject_ids[42]) {
      EXPECT_EQ(h.name, "公司42");
    }
  }

  std::vector<Record> records;
  for (int i = 0; i < kRows; ++i) {
    Record r;
    r.subject_id = subject_ids[i];
    r.item_code = "CF";
    r.department_id = *dep;
    r.source_key = "宁市监罚〔2026〕" + std::to_string(i) + "号";
    r.decision_date = "2026-02-20";
    r.nature = Nature::kMinor;
    r.received_at = r.updated_at = "2026-03-02T02:00:00.000Z";
    records.push_back(r);
    keys.push_back(r.source_key);
  }
  auto record_ids = tx->InsertRecords(records);
  ASSERT_TRUE(record_ids.ok()) << record_ids.status().ToString();
  ASSERT_EQ(record_ids->size(), static_cast<size_t>(kRows));
  std::vector<RecordVersion> versions;
  std::vector<EventDraft> events;
  for (int i = 0; i < kRows; ++i) {
    RecordVersion v;
    v.record_id = (*record_ids)[i];
    v.row_number = i + 2;
    v.content_hash = "h" + std::to_string(i);
    v.fields = v.sealed = "{}";
    v.decision_date = "2026-02-20";
    v.received_at = "2026-03-02T02:00:00.000Z";
    if (i % 2 == 0) v.working_days = i;  // the odd ones stay NULL
    versions.push_back(v);
    events.push_back({"user:clerk", "record.created", "record:" + std::to_string(v.record_id),
                      "{\"i\":" + std::to_string(i) + "}"});
  }
  ASSERT_TRUE(tx->InsertRecordVersions(versions).ok());
  ASSERT_TRUE(tx->AppendEvents(events, "2026-03-02T02:00:00.000Z").ok());
  ASSERT_TRUE(
      tx->AppendEvent({"user:a", "test.after", "x:1", "{}"}, "2026-03-02T02:00:00.000Z").ok());
  ASSERT_TRUE(tx->Commit().ok());

  auto rtx = Read();
  keys.push_back("不存在");
  auto known = rtx->FindRecordsByKeys(*dep, "CF", keys);
  ASSERT_TRUE(known.ok()) << known.status().ToString();
  ASSERT_EQ(known->size(), static_cast<size_t>(kRows));
  for (const auto& k : *known) {
    const size_t i = static_cast<size_t>(
        std::find(record_ids->begin(), record_ids->end(), k.record.id) - record_ids->begin());
    ASSERT_LT(i, static_cast<size_t>(kRows)) << "ids come back in the order of the records";
    EXPECT_EQ(k.record.source_key, records[i].source_key);
    EXPECT_EQ(k.record.subject_id, subject_ids[i]);
    EXPECT_EQ(k.current_hash, "h" + std::to_string(i));
  }
  EXPECT_TRUE(rtx->FindRecordsByKeys(*dep, "XK", keys)->empty());
  auto stored = rtx->ListRecordVersions((*record_ids)[5]);
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_FALSE((*stored)[0].working_days.has_value());
  EXPECT_EQ(*(*rtx->ListRecordVersions((*record_ids)[6]))[0].working_days, 6);

  // One chain through the single and the grouped appends, in order.
  auto log = rtx->ReadEvents(0, 1000);
  ASSERT_EQ(log->size(), static_cast<size_t>(kRows + 2));
  ChainVerifier chain;
  for (const auto& e : *log) EXPECT_TRUE(chain.Add(e)) << chain.reason();
  EXPECT_TRUE(chain.Finish(*rtx->GetEventHead())) << chain.reason();
  EXPECT_EQ((*log)[1].payload, "{\"i\":0}");
  EXPECT_EQ((*log)[kRows].payload, "{\"i\":" + std::to_string(kRows - 1) + "}");
  EXPECT_EQ((*log)[kRows + 1].type, "test.after");

  // A key that exists already fails the whole call.
  tx.reset();  // one writer at a time: the memory store holds its lock until then
  auto again = Write();
  std::vector<Record> clash = {records[0]};
  clash[0].source_key = "新的";
  clash.push_back(records[10]);
  EXPECT_EQ(again->InsertRecords(clash).status().code(), Code::kConflict);
}

TEST_P(StoreTest, ManyChecksAtOnceAsTheRecorderWritesThem) {
  // 75 checks (groups of 64, 8 and 1), two of them alike in every column, each with its event
  // stamped with its own time.
  constexpr int kChecks = 75;
  auto tx = Write();
  auto dep = tx->InsertDepartment({0, "11320100MB1886843H", "市场监督管理局", "t"});
  ASSERT_TRUE(dep.ok());
  std::vector<int64_t> subjects;
  for (int i = 0; i < 3; ++i) {
    auto id = tx->InsertSubject(Company("9132010000000" + std::to_string(10000 + i), "公司"));
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    subjects.push_back(*id);
  }
  auto earlier = tx->InsertCheck({0, 0, "user:admin", subjects[0], "s", "t0", "h", 0, "", ""});
  ASSERT_TRUE(earlier.ok()) << earlier.status().ToString();
  std::vector<CheckRecord> checks;
  for (int i = 0; i < kChecks; ++i) {
    const std::string at = "2026-03-02T02:00:00." + std::to_string(100 + i) + "Z";
    checks.push_back({0, i % 4 == 0 ? 0 : *dep, "user:officer" + std::to_string(i % 5),
                      subjects[i % 3],
                      i % 2 ? "administrative_licensing" : "government_procurement", at,
                      "sha" + std::to_string(i), i % 3, "", ""});
  }
  checks[40] = checks[39];  // alike in every column
  auto ids = tx->InsertChecks(checks);
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  ASSERT_EQ(ids->size(), static_cast<size_t>(kChecks));
  std::vector<EventDraft> events;
  std::vector<std::string> ats;
  for (int i = 0; i < kChecks; ++i) {
    events.push_back(
        {checks[i].actor, "check.performed", "check:" + std::to_string((*ids)[i]), "{}"});
    ats.push_back(checks[i].at);
  }
  EXPECT_EQ(tx->AppendEvents(events, std::vector<std::string>(2, "t")).code(),
            Code::kInvalidArgument)
      << "one timestamp per event";
  ASSERT_TRUE(tx->AppendEvents(events, ats).ok());
  ASSERT_TRUE(tx->Commit().ok());

  auto rtx = Read();
  std::set<int64_t> distinct(ids->begin(), ids->end());
  EXPECT_EQ(distinct.size(), static_cast<size_t>(kChecks));
  EXPECT_EQ(distinct.count(*earlier), 0u);
  for (int i = 0; i < kChecks; ++i) {
    auto got = rtx->GetCheck((*ids)[i]);
    ASSERT_TRUE(got.ok() && got->has_value()) << i;
    const CheckRecord& c = **got;
    EXPECT_EQ(c.department_id, checks[i].department_id) << i;
    EXPECT_EQ(c.actor, checks[i].actor) << i;
    EXPECT_EQ(c.subject_id, checks[i].subject_id) << i;
    EXPECT_EQ(c.scenario, checks[i].scenario) << i;
    EXPECT_EQ(c.at, checks[i].at) << i;
    EXPECT_EQ(c.answer_sha256, checks[i].answer_sha256) << i;
    EXPECT_EQ(c.measures, checks[i].measures) << i;
  }
  auto log = rtx->ReadEvents(0, 1000);
  ASSERT_EQ(log->size(), static_cast<size_t>(kChecks));
  ChainVerifier chain;
  for (int i = 0; i < kChecks; ++i) {
    const Event& e = (*log)[i];
    EXPECT_TRUE(chain.Add(e)) << chain.reason();
    EXPECT_EQ(e.at, checks[i].at);
    EXPECT_EQ(e.entity, "check:" + std::to_string((*ids)[i]));
  }
  EXPECT_TRUE(chain.Finish(*rtx->GetEventHead())) << chain.reason();
}

TEST_P(StoreTest, AnImportRefreshesTheStatisticsOfTablesItGrew) {
  // Nothing stale in a new store: every store answers with no table.
  {
    auto tx = Write();
    auto none = tx->RefreshStaleStatistics();
    ASSERT_TRUE(none.ok()) << none.status().ToString();
    EXPECT_TRUE(none->empty());
  }
  // 1,500 records: more than 1,000 rows and a fifth of the table changed since the last
  // ANALYZE (there was none).
  {
    auto tx = Write();
    auto dep = tx->InsertDepartment({0, "11320100MB1886843H", "市场监督管理局", "t"});
    auto subject = tx->InsertSubject(Company("91320100748204660Q", "南京某某科技有限公司"));
    ASSERT_TRUE(dep.ok() && subject.ok());
    std::vector<Record> records;
    for (int i = 0; i < 1500; ++i) {
      Record r;
      r.subject_id = *subject;
      r.item_code = "CF";
      r.department_id = *dep;
      r.source_key = "k" + std::to_string(i);
      r.decision_date = "2026-02-20";
      r.received_at = r.updated_at = "2026-03-02T02:00:00.000Z";
      records.push_back(r);
    }
    ASSERT_TRUE(tx->InsertRecords(records).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  if (GetParam() != "postgres") {
    auto tx = Write();
    EXPECT_TRUE(tx->RefreshStaleStatistics()->empty()) << "only PostgreSQL analyses";
    return;
  }
  // PostgreSQL's counters reach pg_stat_user_tables shortly after the commit: ask until the
  // records table is named (up to 10 s), then until, analysed, it is no longer.
  std::vector<std::string> analysed;
  for (int i = 0; i < 100; ++i) {
    auto tx = Write();
    auto got = tx->RefreshStaleStatistics();
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ASSERT_TRUE(tx->Commit().ok());
    if (std::find(got->begin(), got->end(), "records") != got->end()) {
      analysed = *got;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_NE(std::find(analysed.begin(), analysed.end(), "records"), analysed.end())
      << "the records table was never found stale";
  bool fresh = false;
  for (int i = 0; i < 100 && !fresh; ++i) {
    auto tx = Write();
    auto got = tx->RefreshStaleStatistics();
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ASSERT_TRUE(tx->Commit().ok());
    fresh = std::find(got->begin(), got->end(), "records") == got->end();
    if (!fresh) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(fresh) << "the records table stayed stale after ANALYZE";
}

TEST_P(StoreTest, ListEntriesPersonsChecksAndFeedback) {
  auto tx = Write();
  auto dep = tx->InsertDepartment({0, "11320100MB1886843H", "市场监督管理局", "t"});
  auto company = tx->InsertSubject(Company("91320100748204660Q", "甲公司"));
  SubjectDraft person;
  person.kind = SubjectKind::kNaturalPerson;
  person.name = "张三";
  person.region = "110105";
  person.identifiers = {{IdKind::kCitizenId, "hash-of-id", "sealed", "110***********002X"}};
  person.at = "t";
  auto pid = tx->InsertSubject(person);
  ASSERT_TRUE(dep.ok() && company.ok() && pid.ok());
  ListEntry e;
  e.subject_id = *company;
  e.list_kind = "serious";
  e.domain = "market_regulation";
  e.department_id = *dep;
  e.basis = "《市场监督管理严重违法失信名单管理办法》第二条";
  e.facts = "提供虚假材料骗取登记";
  e.created_at = e.updated_at = "t";
  auto id = tx->InsertListEntry(e);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  e.id = *id;
  e.status = "decided";
  e.decision_document = "宁市监信〔2026〕1号";
  e.valid_from = "2026-03-01";
  e.valid_until = "2029-02-28";
  ASSERT_TRUE(tx->UpdateListEntry(e).ok());
  ASSERT_TRUE(tx->InsertResponsiblePerson({*id, *pid, "legal_representative"}).ok());
  ASSERT_TRUE(tx->InsertResponsiblePerson({*id, *pid, "legal_representative"}).ok())
      << "idempotent";
  auto check =
      tx->InsertCheck(
          {0, *dep, "user:officer", *company, "government_procurement", "t", "abc", 2, "", ""});
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  ASSERT_TRUE(tx->InsertCheckFeedback({*check, "P001", true, "已限制", "user:officer", "t"}).ok());
  EXPECT_EQ(tx->InsertCheckFeedback({*check, "P001", false, "x", "user:officer", "t"}).code(),
            Code::kConflict);
  ASSERT_TRUE(tx->Commit().ok());

  auto rtx = Read();
  auto got = rtx->GetListEntry(*id);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->status, "decided");
  EXPECT_EQ((*got)->valid_until, "2029-02-28");
  EXPECT_EQ((*got)->basis, e.basis);
  EXPECT_EQ(rtx->ListEntriesOfSubject(*company)->size(), 1u);
  auto bound = rtx->EntriesBindingPerson(*pid);
  ASSERT_EQ(bound->size(), 1u);
  EXPECT_EQ((*bound)[0].entry_id, *id);
  EXPECT_EQ(rtx->ResponsiblePersonsOfEntry(*id)->size(), 1u);
  EXPECT_EQ((*rtx->GetCheck(*check))->scenario, "government_procurement");
}

INSTANTIATE_TEST_SUITE_P(AllStores, StoreTest, XY_ALL_STORES);

// A fresh directory under the test's temporary directory, removed when it goes out of scope
// (also when an assertion returns early).
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name)
      : path_(std::filesystem::path(::testing::TempDir()) /
              (name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// SQLite's automatic checkpoint is replaced by a thread of the store: a WAL that passes 1,000
// pages must still be copied into the database file, or it would grow without end.
TEST(SqliteCheckpointTest, AWalPastAThousandPagesReachesTheDatabaseFile) {
  namespace fs = std::filesystem;
  const ScratchDir dir("xy-checkpoint");
  const fs::path db = dir.path() / "xinyong.db";
  {
    auto store = OpenSqliteStore(db.string(), "2026-01-05T01:00:00.000Z");
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    const auto start = fs::file_size(db);
    // About 6 MB of events, 100 to a transaction: the WAL passes 1,000 pages of 4 KiB.
    const std::string payload = "{\"pad\":\"" + std::string(2000, 'x') + "\"}";
    for (int t = 0; t < 30; ++t) {
      auto tx = (*store)->Begin(TxMode::kWrite);
      ASSERT_TRUE(tx.ok()) << tx.status().ToString();
      std::vector<EventDraft> drafts(100, EventDraft{"user:a", "test.pad", "x:1", payload});
      ASSERT_TRUE((*tx)->AppendEvents(drafts, "2026-01-05T01:00:00.000Z").ok());
      ASSERT_TRUE((*tx)->Commit().ok());
    }
    // The checkpoint runs on its own thread: give it up to 20 s on a busy machine.
    for (int i = 0; i < 200 && fs::file_size(db) < start + 4'000'000; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_GT(fs::file_size(db), start + 4'000'000)
        << "the events are still only in the WAL: no checkpoint ran";
    auto rtx = (*store)->Begin(TxMode::kRead);
    ASSERT_TRUE(rtx.ok());
    auto events = (*rtx)->ReadEvents(0, 10000);
    ASSERT_TRUE(events.ok());
    EXPECT_EQ(events->size(), 3000u);
  }
}

// Two stores on one database file, as a command-line import beside the server: SQLite's lock
// keeps no queue, so a writer of one store that begins again right after each commit would
// keep the other store's writer out until it stopped (ProcessTurns).
TEST(SqliteProcessTurnsTest, AWriterOfAnotherStoreGetsInBetweenBackToBackTransactions) {
  const ScratchDir dir("xy-process-turns");
  const std::string db = (dir.path() / "xinyong.db").string();
  auto importer = OpenSqliteStore(db, "2026-01-05T01:00:00.000Z");
  ASSERT_TRUE(importer.ok()) << importer.status().ToString();
  auto server = OpenSqliteStore(db, "2026-01-05T01:00:00.000Z");
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  EXPECT_TRUE(std::filesystem::exists(db + "-turns"));
  BackToBackWriter chunks(**importer);
  chunks.WaitForCommits(3);
  const int before = chunks.commits();
  AppendOneEvent(**server, "test.check");
  const int at = chunks.commits();
  // With SQLite's own busy handler the other writer got in only once the importer had
  // stopped (400 of 400). With turns it got in after 1 or 2 of the importer's transactions in
  // twelve runs here, and after 1 to 13 with the short polls alone (the importer not
  // yielding); the bound leaves room for a loaded machine rather than telling those apart.
  EXPECT_LE(at - before, 10) << "the other store's writer waited for " << at - before
                             << " of the importer's transactions";
  EXPECT_EQ(CountEventsOfType(**server, "test.check"), 1);
}

// SQLite keeps no memory statistics in the store's process: with them, every allocation of
// every connection takes one process-wide mutex (ConfigureSqliteOnce).
TEST(SqliteConfigTest, NoMemoryStatisticsAreKept) {
  const ScratchDir dir("xy-memstatus");
  {
    auto store = OpenSqliteStore((dir.path() / "xinyong.db").string(), "2026-01-05T01:00:00.000Z");
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto tx = (*store)->Begin(TxMode::kRead);
    ASSERT_TRUE(tx.ok()) << tx.status().ToString();
    ASSERT_TRUE((*tx)->CountSubjects().ok());
    // Connections are open and have allocated; with statistics on this would be megabytes.
    EXPECT_EQ(sqlite3_memory_used(), 0);
  }
}

}  // namespace
}  // namespace xinyong
