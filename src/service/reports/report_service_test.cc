// Credit reports (信用报告) below HTTP, on every store: a clean company's 专项信用报告 says
// 未查询到相关违法违规记录; a penalised company's lists the penalty, then 已修复 after repair;
// a disputed record is marked 异议处理中; a report verifies by number and offline, turns
// revoked when a record in it is revoked, and only those who may ask for one get it.
#include "service/reports/report_service.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/crypto.h"
#include "service/commitments/commitment_service.h"
#include "service/lists_fixture.h"
#include "service/authorisation_service.h"
#include "service/repair_service.h"
#include "store/store.h"

namespace xinyong {
namespace {

constexpr const char* kFined = "91320100748204660Q";
constexpr const char* kClean = "91230500MA1B3N1N2M";

class ReportTest : public ListsFixture {
 protected:
  void SetUp() override {
    ListsFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto p = ReportsPolicy::LoadDir(XY_SOURCE_DIR "/policy/reports");
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    policy_ = *p;
    ASSERT_TRUE(policy_.CheckAgainst(LoadPolicy().catalogue).ok());
    auto c = CommitmentsPolicy::LoadDir(XY_SOURCE_DIR "/policy/commitments", 16 << 20);
    ASSERT_TRUE(c.ok());
    commitments_policy_ = *c;
    commitments_ = std::make_unique<CommitmentService>(*ctx_, commitments_policy_, *subjects_, *intake_);
    signer_ = std::make_unique<PlatformSigner>(*PlatformSigner::FromHexKey(std::string(64, '9')));
    reports_ = std::make_unique<ReportService>(*ctx_, policy_, LoadPolicy().catalogue, *subjects_,
                                               *signer_, *commitments_);
    auto fined = subjects_->Lookup(kFined);
    auto clean = subjects_->Lookup(kClean);
    ASSERT_TRUE(fined.ok() && clean.ok());
    fined_ = {"user:fined", Role::kSubject, 30, 0, fined->id};
    clean_ = {"user:clean", Role::kSubject, 31, 0, clean->id};
  }

  nlohmann::json Issue(const Principal& p, const ReportRequest& r, CreditReport* out = nullptr) {
    auto issued = reports_->Issue(p, r);
    EXPECT_TRUE(issued.ok()) << issued.status().ToString();
    if (!issued.ok()) return nlohmann::json::object();
    if (out) *out = *issued;
    return nlohmann::json::parse(issued->content);
  }

  static const nlohmann::json& Section(const nlohmann::json& content, const std::string& code) {
    for (const auto& s : content["sections"]) {
      if (s["code"] == code) return s;
    }
    static const nlohmann::json none;
    return none;
  }

  ReportsPolicy policy_;
  CommitmentsPolicy commitments_policy_;
  std::unique_ptr<CommitmentService> commitments_;
  std::unique_ptr<PlatformSigner> signer_;
  std::unique_ptr<ReportService> reports_;
  Principal fined_, clean_;
};

TEST_P(ReportTest, ACleanCompanysSpecialReportSaysNothingWasFound) {
  CreditReport r;
  const auto content = Issue(clean_, {"", "special", "政府采购", 3, {}}, &r);
  EXPECT_EQ(r.number, "XY20260302000001");
  EXPECT_EQ(content["subject"]["code"], kClean);
  EXPECT_EQ(content["period"]["from"], "2023-03-02");
  ASSERT_EQ(content["sections"].size(), 3u);
  for (const auto& s : content["sections"]) {
    EXPECT_TRUE(s["records"].empty());
    EXPECT_EQ(s["note"], "未查询到相关违法违规记录") << s.dump();
  }
  EXPECT_EQ(r.valid_until, "2026-03-31") << "30 days, the issue day counted";
  EXPECT_EQ(r.digest, Sha256Hex(r.content));
  EXPECT_TRUE(PlatformSigner::Verify(signer_->PublicKeyBase64(), r.content, r.signature));
  // Its own 查询记录 shows the issue.
  auto tx = ts_->store().Begin(TxMode::kRead);
  ASSERT_TRUE(tx.ok());
  auto log = (*tx)->QueryLogOfSubject(clean_.subject_id, 10);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ((*log)[0].what, "report:special");
  EXPECT_EQ((*log)[0].purpose, "政府采购");
  tx->reset();
  // Offline: the document verifies, a changed byte does not.
  const std::string doc = reports_->Document(r);
  EXPECT_TRUE(ReportService::VerifyDocument(doc, signer_->PublicKeyBase64()).ok());
  std::string bent = doc;
  bent.replace(bent.find(kClean), 18, "91230500MA1B3N1N2X");
  EXPECT_EQ(ReportService::VerifyDocument(bent, signer_->PublicKeyBase64()).message(),
            "digest: 报告内容与摘要不符，报告已被改动");
  auto other = PlatformSigner::FromHexKey(std::string(64, '7'));
  EXPECT_NE(ReportService::VerifyDocument(doc, other->PublicKeyBase64()).message().find("signature:"),
            std::string::npos);
}

TEST_P(ReportTest, APenaltyIsListedMarkedWhenDisputedAndShownRepairedAfterRepair) {
  const int64_t record = Penalty(2.5);
  auto content = Issue(fined_, {"", "special", "bidding", 1, {"市场监管"}});
  const auto& penalties = Section(content, "penalties");
  ASSERT_EQ(penalties["records"].size(), 1u) << content.dump();
  EXPECT_EQ(penalties["records"][0]["key"], "宁市监罚〔2026〕11号");
  EXPECT_EQ(penalties["records"][0]["state"], "在公示期");
  // Another field (税务) leaves the regulator's penalty out.
  content = Issue(fined_, {"", "special", "bidding", 1, {"tax"}});
  EXPECT_TRUE(Section(content, "penalties")["records"].empty());
  // Repaired: the record stays in the report as 已修复.
  RepairService repairs(*ctx_, LoadPolicy().rights.repair, LoadPolicy().catalogue, *lists_);
  clock_.Set(1779847200000);  // 2026-05-27 10:00 CST, the minimum period over
  auto filed = repairs.Apply(std::nullopt, {"record", record, "南京某某科技有限公司", "025-12345678",
                                            {{"obligations_fulfilled", true}, {"harm_removed", true}, {"commitment", true}},
                                            {"凭证.pdf"}});
  ASSERT_TRUE(filed.ok()) << filed.status().ToString();
  ASSERT_TRUE(repairs.Approve(admin_, filed->repair.id, "同意").ok());
  content = Issue(fined_, {"", "special", "bidding", 1, {}});
  ASSERT_EQ(Section(content, "penalties")["records"].size(), 1u);
  EXPECT_EQ(Section(content, "penalties")["records"][0]["state"], "已修复");
}

TEST_P(ReportTest, AReportTurnsRevokedWhenARecordInItIsRevokedAndExpiresAfterItsValidity) {
  const int64_t record = Penalty(2.5);
  CreditReport r;
  Issue(admin_, {kFined, "full", "行政审批", 3, {}}, &r);
  auto v = reports_->Verify(r.number);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->status, "valid");
  EXPECT_EQ(v->subject_name, "南京某某科技有限公司");
  ASSERT_TRUE(intake_->Revoke(operator_, record, "处罚决定被复议撤销").ok());
  v = reports_->Verify(r.number);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->status, "revoked");
  ASSERT_EQ(v->reasons.size(), 1u);
  CreditReport later;
  Issue(clean_, {"", "full", "other", 3, {}}, &later);
  clock_.Advance(30 * kDay);
  EXPECT_EQ(reports_->Verify(later.number)->status, "expired");
  EXPECT_EQ(reports_->Verify("XY20990101000001").status().code(), Code::kNotFound);
}

TEST_P(ReportTest, OnlyTheSubjectTheOfficeOrAnAuthorisedInstitutionGetsOne) {
  EXPECT_EQ(reports_->Issue(clean_, {kFined, "special", "bidding", 3, {}}).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(reports_->Issue(officer_, {kFined, "special", "bidding", 3, {}}).status().code(),
            Code::kPermissionDenied);
  auto bank = accounts_->CreateDepartment(admin_, "91340600MA2PBP2120", "某某银行南京分行");
  ASSERT_TRUE(bank.ok());
  const Principal banker{"user:banker", Role::kInstitution, 40, bank->id};
  EXPECT_EQ(reports_->Issue(banker, {kFined, "full", "financial_supervision", 3, {}}).status().code(),
            Code::kPermissionDenied);
  AuthorisationService auths(*ctx_, LoadPolicy().catalogue, *subjects_);
  auto granted = auths.Grant(fined_, {"", "91340600MA2PBP2120", "信易贷贷款审查", "", "2026-12-31"});
  ASSERT_TRUE(granted.ok()) << granted.status().ToString();
  CreditReport r;
  Issue(banker, {kFined, "full", "financial_supervision", 3, {}}, &r);
  EXPECT_EQ(r.channel, "institution");
  EXPECT_GT(r.authorisation_id, 0);
  EXPECT_TRUE(reports_->Get(banker, r.number).ok());
  EXPECT_TRUE(reports_->Get(fined_, r.number).ok());
  EXPECT_EQ(reports_->Get(clean_, r.number).status().code(), Code::kNotFound);
  auto mine = reports_->OfSubject(fined_, "", 0, 10);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->size(), 1u);
  EXPECT_NE(reports_->Issue(fined_, {"", "special", "bidding", 6, {}}).status().message().find("years"),
            std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(AllStores, ReportTest, XY_ALL_STORES);

}  // namespace
}  // namespace xinyong
