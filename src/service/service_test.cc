// Use cases against every store kind (memory, SQLite, PostgreSQL).
#include <gtest/gtest.h>

#include "core/calendar.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/divisions.h"
#include "core/ids.h"
#include "service/account_service.h"
#include "service/audit_service.h"
#include "service/demo.h"
#include "service/subject_service.h"
#include "store/store.h"
#include "store/testing/store_fixture.h"

namespace xinyong {
namespace {

const DivisionTable& Divisions() {
  static const DivisionTable* t = [] {
    auto r = DivisionTable::LoadFile(XY_SOURCE_DIR "/policy/divisions/gbt2260.dat");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return new DivisionTable(std::move(r).value());
  }();
  return *t;
}

class ServiceTest : public testing::StoreFixture {
 protected:
  void SetUp() override {
    ASSERT_TRUE(CryptoInit().ok());
    StoreFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    cipher_ = std::make_unique<FieldCipher>(*FieldCipher::FromHexKey(std::string(64, '7')));
    ctx_ = std::make_unique<ServiceContext>(
        ServiceContext{ts_->store(), clock_, *cipher_, Divisions(), calendar_});
    subjects_ = std::make_unique<SubjectService>(*ctx_);
    accounts_ = std::make_unique<AccountService>(*ctx_, 8);
    audit_ = std::make_unique<AuditService>(*ctx_);
  }

  std::vector<Event> AllEvents() {
    auto tx = ts_->store().Begin(TxMode::kRead);
    return *(*tx)->ReadEvents(0, 10000);
  }

  // 2026-03-02 10:00 CST
  ManualClock clock_{1772416800000};
  WorkingCalendar calendar_;
  std::unique_ptr<FieldCipher> cipher_;
  std::unique_ptr<ServiceContext> ctx_;
  std::unique_ptr<SubjectService> subjects_;
  std::unique_ptr<AccountService> accounts_;
  std::unique_ptr<AuditService> audit_;
  Principal admin_{"user:admin", Role::kAdmin, 1, 0};
};

TEST_P(ServiceTest, RegisterResolvesByIdentifierAndKeepsNameHistory) {
  auto first =
      subjects_->Register(admin_, {{}, "南京某某科技有限公司", {"91320100748204660Q"}, ""});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(first->created);
  EXPECT_EQ(first->subject.kind, SubjectKind::kLegalPerson);
  EXPECT_EQ(first->subject.region, "320100");

  // Same code typed with full-width digits and a lower-case letter; new name.
  clock_.Advance(86400000);
  auto again = subjects_->Register(
      admin_, {{}, "南京某某科技股份有限公司", {"９１３２０１００７４８２０４６６０q"}, ""});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_FALSE(again->created);
  EXPECT_TRUE(again->renamed);
  EXPECT_EQ(again->subject.id, first->subject.id);
  ASSERT_EQ(again->subject.names.size(), 2u);
  EXPECT_EQ(again->subject.names[0].name, "南京某某科技有限公司");

  // Unchanged: nothing new, no event.
  const size_t events_before = AllEvents().size();
  auto same =
      subjects_->Register(admin_, {{}, "南京某某科技股份有限公司", {"91320100748204660Q"}, ""});
  ASSERT_TRUE(same.ok());
  EXPECT_FALSE(same->created || same->renamed);
  EXPECT_EQ(AllEvents().size(), events_before);

  auto looked = subjects_->Lookup("91320100748204660Q");
  ASSERT_TRUE(looked.ok());
  EXPECT_EQ(looked->name, "南京某某科技股份有限公司");
}

TEST_P(ServiceTest, NaturalPersonNumberIsNeverStoredInClear) {
  auto r = subjects_->Register(admin_, {{}, "张三", {"11010519491231002X"}, ""});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->subject.kind, SubjectKind::kNaturalPerson);
  EXPECT_EQ(r->subject.name, "张*");
  ASSERT_EQ(r->subject.identifiers.size(), 1u);
  EXPECT_EQ(r->subject.identifiers[0].value.find("19491231"), std::string::npos);
  EXPECT_TRUE(r->subject.names.empty());

  auto tx = ts_->store().Begin(TxMode::kRead);
  auto s = (*tx)->GetSubject(r->subject.id);
  ASSERT_TRUE(s.ok());
  for (const auto& id : s->identifiers) {
    EXPECT_EQ(id.lookup.find("11010519491231002X"), std::string::npos);
    EXPECT_EQ(id.sealed.find("11010519491231002X"), std::string::npos);
    EXPECT_EQ(*cipher_->Decrypt(id.sealed), "11010519491231002X");
  }
  for (const auto& e : AllEvents()) {
    EXPECT_EQ(e.payload.find("11010519491231002X"), std::string::npos) << e.payload;
    EXPECT_EQ(e.payload.find("张三"), std::string::npos) << e.payload;
  }
  // Found again by the number, typed in lower case.
  auto found = subjects_->Lookup("11010519491231002x");
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(found->id, r->subject.id);
}

TEST_P(ServiceTest, InvalidIdentifierNamesFieldAndReasonInChinese) {
  auto r =
      subjects_->Register(admin_, {{}, "某公司", {"91320100748204660Q", "91320100748204660R"}, ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("identifiers[1]"), std::string::npos) << r.status().message();
  // The reason, not the rule's code (issue 16, item 7).
  EXPECT_EQ(r.status().message().find("check_character"), std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("校验码"), std::string::npos) << r.status().message();
  EXPECT_TRUE(AllEvents().empty());
}

TEST_P(ServiceTest, IdentifiersOfTwoSubjectsAreAConflict) {
  const std::string body = "32010000001234";
  const std::string reg_no = body + RegistrationNumberCheckDigit(body);
  ASSERT_TRUE(subjects_->Register(admin_, {{}, "甲公司", {"91320100748204660Q"}, ""}).ok());
  auto b = subjects_->Register(admin_, {{}, "乙公司", {reg_no}, "320100"});
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  auto r = subjects_->Register(admin_, {{}, "甲公司", {"91320100748204660Q", reg_no}, ""});
  EXPECT_EQ(r.status().code(), Code::kConflict) << r.status().ToString();
  // Two USCCs for one subject are refused before the store is asked.
  auto two =
      subjects_->Register(admin_, {{}, "甲公司", {"91320100748204660Q", "91230500MA1B3N1N2M"}, ""});
  EXPECT_EQ(two.status().code(), Code::kInvalidArgument);
}

TEST_P(ServiceTest, RegisterManyIsAllOrNothing) {
  std::vector<SubjectInput> batch = {{{}, "甲公司", {"91320100748204660Q"}, ""},
                                     {{}, "乙公司", {"91230500MA1B3N1N2M"}, ""},
                                     {{}, "", {"11320100MB1886843H"}, ""}};
  auto r = subjects_->RegisterMany(admin_, batch);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("row 3"), std::string::npos) << r.status().message();
  auto tx = ts_->store().Begin(TxMode::kRead);
  EXPECT_EQ(*(*tx)->CountSubjects(), 0);
}

TEST_P(ServiceTest, EveryChangeIsAnEventAndTheChainVerifies) {
  ASSERT_TRUE(subjects_->Register(admin_, {{}, "甲公司", {"91320100748204660Q"}, ""}).ok());
  ASSERT_TRUE(subjects_->Register(admin_, {{}, "甲股份公司", {"91320100748204660Q"}, ""}).ok());
  auto events = AllEvents();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].type, "subject.created");
  EXPECT_EQ(events[1].type, "subject.renamed");
  EXPECT_EQ(events[1].actor, "user:admin");
  auto report = audit_->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->reason;
  EXPECT_EQ(report->count, 2);
}

TEST_P(ServiceTest, AccountsLoginRolesAndExpiry) {
  auto boot = accounts_->Bootstrap("admin");
  ASSERT_TRUE(boot.ok()) << boot.status().ToString();
  EXPECT_EQ(accounts_->Bootstrap("admin2").status().code(), Code::kFailedPrecondition);

  EXPECT_EQ(accounts_->Login("admin", "wrong").status().code(), Code::kUnauthenticated);
  EXPECT_EQ(accounts_->Login("nobody", "wrong").status().message(),
            accounts_->Login("admin", "wrong").status().message());
  auto login = accounts_->Login("admin", boot->secret);
  ASSERT_TRUE(login.ok()) << login.status().ToString();
  auto p = accounts_->Authenticate(login->token);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->role, Role::kAdmin);

  auto dep = accounts_->CreateDepartment(*p, "11320100MB1886843H", "市场监督管理局");
  ASSERT_TRUE(dep.ok()) << dep.status().ToString();
  auto op = accounts_->CreateUser(*p, "clerk", "报送员", Role::kOperator, dep->code, "");
  ASSERT_TRUE(op.ok()) << op.status().ToString();
  auto op_login = accounts_->Login("clerk", op->secret);
  ASSERT_TRUE(op_login.ok());
  auto op_p = accounts_->Authenticate(op_login->token);
  ASSERT_TRUE(op_p.ok());
  EXPECT_EQ(op_p->department_id, dep->id);
  // An operator may not create departments.
  EXPECT_EQ(accounts_->CreateDepartment(*op_p, "91320100748204660Q", "x").status().code(),
            Code::kPermissionDenied);

  auto key = accounts_->CreateApiKey(*p, dep->code, Role::kOperator, "市场监管业务系统");
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  auto key_p = accounts_->Authenticate(key->secret);
  ASSERT_TRUE(key_p.ok()) << key_p.status().ToString();
  EXPECT_EQ(key_p->department_id, dep->id);
  EXPECT_EQ(accounts_->Authenticate(key->secret + "0").status().code(), Code::kUnauthenticated);

  // A logout ends the session at once, although it was just authenticated (and remembered).
  ASSERT_TRUE(accounts_->Authenticate(op_login->token).ok());
  ASSERT_TRUE(accounts_->Logout(op_login->token).ok());
  EXPECT_EQ(accounts_->Authenticate(op_login->token).status().code(), Code::kUnauthenticated);

  // Sessions expire, also those authenticated a moment ago.
  ASSERT_TRUE(accounts_->Authenticate(login->token).ok());
  clock_.Advance(int64_t{9} * 3600 * 1000);
  EXPECT_EQ(accounts_->Authenticate(login->token).status().code(), Code::kUnauthenticated);

  auto report = audit_->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->reason;
}

TEST_P(ServiceTest, DemoDataIsDeterministicAndValid) {
  auto summary = GenerateDemoSubjects(*subjects_, Divisions(), 300, 42, 100, {});
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->subjects, 300);
  auto tx = ts_->store().Begin(TxMode::kRead);
  EXPECT_EQ(*(*tx)->CountSubjects(), 300);

  DemoSubjectGenerator a(Divisions(), 42), b(Divisions(), 42), c(Divisions(), 43);
  int differ = 0;
  for (int i = 0; i < 50; ++i) {
    auto x = a.Next(), y = b.Next(), z = c.Next();
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.identifiers, y.identifiers);
    differ += x.identifiers != z.identifiers;
  }
  EXPECT_GT(differ, 40);
}

INSTANTIATE_TEST_SUITE_P(AllStores, ServiceTest, XY_ALL_STORES);

}  // namespace
}  // namespace xinyong
