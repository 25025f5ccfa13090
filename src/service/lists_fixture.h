// A test fixture for the services around lists, checks and subjects' rights, on every store:
// policy from the source tree, a manual clock (2026-03-02 10:00 CST, a Monday), one
// department (市场监督管理局) with an operator and an officer, and two companies.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/divisions.h"
#include "domain/catalogue.h"
#include "rules/measures.h"
#include "rules/record_rules.h"
#include "rules/rights_policy.h"
#include "service/account_service.h"
#include "service/check_service.h"
#include "service/intake_service.h"
#include "service/list_service.h"
#include "service/subject_service.h"
#include "store/store.h"
#include "store/testing/store_fixture.h"

namespace xinyong {

using Json = nlohmann::json;

struct FixturePolicy {
  DivisionTable divisions;
  WorkingCalendar calendar;
  MeasureList measures;
  Catalogue catalogue;
  RightsPolicy rights;
  ListValidity validity;
};

inline const FixturePolicy& LoadPolicy() {
  static const FixturePolicy* p = [] {
    auto* out = new FixturePolicy();
    out->divisions = *DivisionTable::LoadFile(XY_SOURCE_DIR "/policy/divisions/gbt2260.dat");
    out->calendar = *WorkingCalendar::LoadDir(XY_SOURCE_DIR "/policy/calendar");
    auto m = MeasureList::LoadDir(XY_SOURCE_DIR "/policy/measures");
    EXPECT_TRUE(m.ok()) << m.status().ToString();
    if (m.ok()) out->measures = std::move(m).value();
    auto c = Catalogue::LoadDir(XY_SOURCE_DIR "/policy/catalogue");
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    if (c.ok()) out->catalogue = std::move(c).value();
    auto r = RightsPolicy::LoadDir(XY_SOURCE_DIR "/policy/rights");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (r.ok()) out->rights = std::move(r).value();
    auto v = ListValidity::LoadDir(XY_SOURCE_DIR "/policy/lists");
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    if (v.ok()) out->validity = std::move(v).value();
    return out;
  }();
  return *p;
}

inline constexpr int64_t kDay = 86400000;

class ListsFixture : public testing::StoreFixture {
 protected:
  void SetUp() override {
    ASSERT_TRUE(CryptoInit().ok());
    StoreFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    const FixturePolicy& policy = LoadPolicy();
    cipher_ = std::make_unique<FieldCipher>(*FieldCipher::FromHexKey(std::string(64, '9')));
    ctx_ = std::make_unique<ServiceContext>(
        ServiceContext{ts_->store(), clock_, *cipher_, policy.divisions, policy.calendar});
    subjects_ = std::make_unique<SubjectService>(*ctx_);
    accounts_ = std::make_unique<AccountService>(*ctx_, 8);
    lists_ = std::make_unique<ListService>(*ctx_, *subjects_, policy.validity);
    checks_ = std::make_unique<CheckService>(*ctx_, policy.measures, policy.catalogue, *subjects_);
    validator_ = std::make_unique<RecordValidator>(policy.catalogue, policy.divisions);
    IntakeOptions intake_options;
    intake_options.list_validity = &policy.validity;
    intake_ = std::make_unique<IntakeService>(*ctx_, policy.catalogue, *validator_, *subjects_,
                                              intake_options);
    auto dep = accounts_->CreateDepartment(admin_, "11320100MB1886843H", "南京市市场监督管理局");
    ASSERT_TRUE(dep.ok());
    operator_ = {"user:clerk", Role::kOperator, 9, dep->id};
    officer_ = {"user:officer", Role::kOfficer, 10, dep->id};
    ASSERT_TRUE(
        subjects_->Register(admin_, {{}, "南京某某科技有限公司", {"91320100748204660Q"}, ""}).ok());
    ASSERT_TRUE(
        subjects_->Register(admin_, {{}, "哈尔滨某某商贸有限公司", {"91230500MA1B3N1N2M"}, ""})
            .ok());
  }

  Json Check(const std::string& code, const std::string& scenario) {
    auto a = checks_->Check(officer_, code, scenario);
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return a.ok() ? Json::parse(a->json) : Json::object();
  }

  // A serious-list entry for the first company, decided after notice and defence period, with
  // its legal representative bound.
  ListEntry ListFirstCompany() {
    ProposeRequest r;
    r.subject_code = "91320100748204660Q";
    r.list_kind = "serious";
    r.domain = "market_regulation";
    r.basis = "《市场监督管理严重违法失信名单管理办法》第二条";
    r.facts = "提供虚假材料骗取公司变更登记";
    r.responsible_persons = {{"张三", "11010519491231002X", "legal_representative"}};
    auto e = lists_->Propose(operator_, r);
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    auto n = lists_->Notice(operator_, e->id, "宁市监信告〔2026〕1号", 5);
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    clock_.Advance(10 * kDay);
    auto d = lists_->Decide(operator_, e->id, "宁市监信决〔2026〕1号", "", "2029-03-11");
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    return d.ok() ? *d : ListEntry{};
  }

  // A penalty of the first company, decided 2026-02-27, sent by the operator's department
  // (a new version when `document` was sent before); its record id.
  int64_t Penalty(double fine, const std::string& categories = "罚款",
                  const std::string& document = "宁市监罚〔2026〕11号") {
    Json rows = Json::array();
    rows.push_back({{"CF_XDR_MC", "南京某某科技有限公司"},
                    {"CF_XDR_LB", "法人及非法人组织"},
                    {"CF_XDR_SHXYM", "91320100748204660Q"},
                    {"CF_FRDB", "张三"},
                    {"CF_WSH", document},
                    {"CF_WFXW", "虚假宣传"},
                    {"CF_SY", "发布虚假广告"},
                    {"CF_YJ", "《中华人民共和国广告法》第五十五条"},
                    {"CF_CFLB", categories},
                    {"CF_NR", categories},
                    {"CF_JDRQ", "2026-02-27"},
                    {"CF_CFJG", "南京市市场监督管理局"},
                    {"CF_CFJGDM", "11320100MB1886843H"},
                    {"CF_SJLY", "南京市市场监督管理局"},
                    {"CF_SJLYDM", "11320100MB1886843H"}});
    if (fine > 0) rows[0]["CF_NR_FK"] = fine;
    if (categories.find("吊销") != std::string::npos)
      rows[0]["CF_NR_ZKDX"] = "食品经营许可证 JY13201000000001";
    auto s = intake_->ImportFile(operator_, {"", "CF", "api", ""}, rows.dump());
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    EXPECT_EQ(s->rejected, 0) << (s->errors.empty() ? "" : s->errors[0].message);
    auto tx = ts_->store().Begin(TxMode::kRead);
    auto rec = (*tx)->FindRecord(operator_.department_id, "CF", document);
    return rec.ok() && rec->has_value() ? (*rec)->id : 0;
  }

  // 2026-03-02 10:00 CST, a Monday.
  ManualClock clock_{1772416800000};
  std::unique_ptr<FieldCipher> cipher_;
  std::unique_ptr<ServiceContext> ctx_;
  std::unique_ptr<SubjectService> subjects_;
  std::unique_ptr<AccountService> accounts_;
  std::unique_ptr<ListService> lists_;
  std::unique_ptr<CheckService> checks_;
  std::unique_ptr<RecordValidator> validator_;
  std::unique_ptr<IntakeService> intake_;
  Principal admin_{"user:admin", Role::kAdmin, 1, 0};
  Principal operator_, officer_;
};

}  // namespace xinyong
