#include "service/demo_cases.h"

#include <algorithm>
#include <optional>
#include <string>

#include "domain/subject.h"
#include "service/intake_service.h"
#include "service/list_service.h"
#include "service/objection_service.h"
#include "service/repair_service.h"
#include "service/tips/tip_service.h"
#include "service/cases/case_service.h"
#include "service/commitments/commitment_service.h"
#include "store/store.h"

namespace xinyong {
namespace {

constexpr int kRed = 3;
constexpr int kSerious = 2;

// 10:00 in China on `day`.
int64_t MillisOf(Date day) { return (day.days() * 86400 + 2 * 3600) * int64_t{1000}; }

struct Company {
  const DemoCompany* company;
  std::vector<Record> penalties;  // active 行政处罚, oldest decision first
};

// Enough candidates for the cases (some are passed over: a record not on the public page, a
// repair not yet allowed), so that the demonstration does not read every company's records.
constexpr size_t kEnoughClean = 10;
constexpr size_t kEnoughFined = 40;

// The first companies with and without an active penalty, in the order given.
Result<std::pair<std::vector<Company>, std::vector<Company>>> Sort(
    Store& store, const std::vector<DemoCompany>& companies) {
  std::vector<Company> fined, clean;
  XY_ASSIGN_OR_RETURN(auto tx, store.Begin(TxMode::kRead));
  for (const DemoCompany& c : companies) {
    if (clean.size() >= kEnoughClean && fined.size() >= kEnoughFined) break;
    XY_ASSIGN_OR_RETURN(auto id, tx->FindSubjectId(IdKind::kUscc, c.code));
    if (!id) continue;
    XY_ASSIGN_OR_RETURN(auto records, tx->ListRecordsOfSubject(*id));
    Company one{&c, {}};
    for (Record& r : records) {
      if (r.item_code == "CF" && r.status == "active") one.penalties.push_back(std::move(r));
    }
    std::sort(one.penalties.begin(), one.penalties.end(),
              [](const Record& a, const Record& b) { return a.decision_date < b.decision_date; });
    (one.penalties.empty() ? clean : fined).push_back(std::move(one));
  }
  return std::pair{std::move(fined), std::move(clean)};
}

// 纳税信用A级: proposed and decided by the tax department 60 days ago.
Result<int> RedEntries(ListService& lists, ManualClock& clock, Date today, const Principal& admin,
                       const Department& tax, const std::vector<Company>& clean) {
  clock.Set(MillisOf(today.AddDays(-60)));
  int made = 0;
  for (const Company& c : clean) {
    if (made == kRed) break;
    ProposeRequest req;
    req.subject_code = c.company->code;
    req.list_kind = "red";
    req.domain = "tax";
    req.basis = "《纳税信用管理办法（试行）》（国家税务总局公告2014年第40号）";
    req.facts = "上一年度纳税信用评价为A级";
    req.department_code = tax.code;
    XY_ASSIGN_OR_RETURN(ListEntry entry, lists.Propose(admin, req));
    auto decided = lists.Decide(admin, entry.id, tax.name + "关于公布纳税信用A级纳税人名单的公告",
                                "", "");
    if (decided.ok()) {
      ++made;
    } else if (decided.status().code() == Code::kFailedPrecondition) {
      XY_RETURN_IF_ERROR(lists.Drop(admin, entry.id, "演示数据：不符合认定条件").status());
    } else {
      return decided.status();
    }
  }
  return made;
}

// 严重违法失信名单 of the market regulator: proposed and noticed 45 days ago, decided 20 days ago
// after the defence period.
Result<int> SeriousEntries(ListService& lists, ManualClock& clock, Date today,
                           const Principal& admin, const Department& market,
                           const std::vector<Company>& fined) {
  int made = 0;
  for (const Company& c : fined) {
    if (made == kSerious) break;
    clock.Set(MillisOf(today.AddDays(-45)));
    ProposeRequest req;
    req.subject_code = c.company->code;
    req.list_kind = "serious";
    req.domain = "market_regulation";
    req.basis = "《市场监督管理严重违法失信名单管理办法》（国家市场监督管理总局令第44号）";
    req.facts = "因违法行为受到较重行政处罚（" + c.penalties.back().source_key +
                "），情节严重，社会影响恶劣";
    req.department_code = market.code;
    XY_ASSIGN_OR_RETURN(ListEntry entry, lists.Propose(admin, req));
    const std::string number = std::to_string(100 + made);
    XY_RETURN_IF_ERROR(
        lists.Notice(admin, entry.id, "玄市监列严告〔" + std::to_string(today.year()) + "〕" +
                                          number + "号", 5)
            .status());
    clock.Set(MillisOf(today.AddDays(-20)));
    XY_RETURN_IF_ERROR(lists
                           .Decide(admin, entry.id,
                                   "玄市监列严〔" + std::to_string(today.year()) + "〕" + number +
                                       "号",
                                   "", "")
                           .status());
    ++made;
  }
  return made;
}

// A company objects to a penalty on the public page (filed 3 days ago); the office accepted it.
Result<int> ObjectionInProgress(ObjectionService& objections, ManualClock& clock, Date today,
                                const Principal& admin, const std::vector<Company>& fined) {
  for (size_t i = kSerious; i < fined.size(); ++i) {
    for (auto r = fined[i].penalties.rbegin(); r != fined[i].penalties.rend(); ++r) {
      clock.Set(MillisOf(today.AddDays(-3)));
      ObjectionRequest req;
      req.target_kind = "record";
      req.target_id = r->id;
      req.filer_kind = "subject";
      req.filer_name = fined[i].company->name;
      req.filer_contact = "025-84600000";
      req.reasons = "公示的罚款金额与行政处罚决定书载明的金额不一致，请予更正";
      auto filed = objections.File(std::nullopt, req);
      if (!filed.ok()) {
        // Not on the public page (withheld, or its display ended): another one.
        if (filed.status().code() == Code::kNotFound) continue;
        return filed.status();
      }
      clock.Set(MillisOf(today.AddDays(-2)));
      XY_RETURN_IF_ERROR(
          objections.Accept(admin, filed->objection.id, "材料齐全，予以受理").status());
      return 1;
    }
  }
  return 0;
}

// A company with a penalty that may be repaired applied 10 days ago; the office approved it.
// (Companies from the end of the list: those at the front are on a list or objecting.)
Result<int> RepairedRecord(RepairService& repairs, const RepairPolicy& policy,
                           CommitmentService& commitments, const Department& market,
                           ManualClock& clock, Date today, const Principal& admin,
                           const std::vector<Company>& fined) {
  clock.Set(MillisOf(today.AddDays(-10)));
  for (size_t i = fined.size(); i-- > kSerious + 1;) {
    for (const Record& r : fined[i].penalties) {
      RepairRequest req;
      req.target_kind = "record";
      req.target_id = r.id;
      req.applicant_name = fined[i].company->name;
      req.applicant_contact = "025-84600001";
      for (const auto& [key, _] : policy.required_evidence) req.evidence[key] = true;
      req.materials = {"罚款缴纳凭证.pdf", "信用修复承诺书.pdf"};
      auto conditions = repairs.Eligibility(req);
      if (!conditions.ok() && conditions.status().code() == Code::kNotFound) continue;
      if (!conditions.ok()) return conditions.status();
      if (!std::all_of(conditions->begin(), conditions->end(),
                       [](const RepairCondition& c) { return c.met; })) {
        continue;
      }
      // The 信用修复型 commitment, signed at the counter: the application links it.
      CommitmentRequest pledge;
      pledge.kind = "credit_repair";
      pledge.subject_code = fined[i].company->code;
      pledge.subject_name = fined[i].company->name;
      pledge.department = market.code;
      pledge.channel = "counter";
      pledge.scan = AttachmentInput{"信用修复承诺书.pdf", "JVBERi0xLjQKJURlbW8K"};
      XY_ASSIGN_OR_RETURN(CommitmentView signed_pledge, commitments.Sign(admin, pledge));
      req.commitment_code = signed_pledge.commitment.code;
      XY_ASSIGN_OR_RETURN(FiledRepair filed, repairs.Apply(std::nullopt, req));
      clock.Set(MillisOf(today.AddDays(-7)));
      XY_RETURN_IF_ERROR(
          repairs.Approve(admin, filed.repair.id, "已履行处罚决定，承诺书齐全").status());
      return 1;
    }
  }
  return 0;
}

// Tips the console shows: one filed yesterday, awaiting routing (anonymous); one routed to the
// market regulator 5 days ago; one the regulator filed (立案) after routing. About companies
// with a penalty, by their code, as a member of the public would type it.
Result<int> Tips(TipService& tips, ManualClock& clock, Date today, const Principal& admin,
                 const Department& market, const std::vector<Company>& fined) {
  const Principal regulator{"system:demo-market", Role::kOperator, 0, market.id};
  const char* facts[] = {
      "该公司门店长期使用过期原料加工食品，附近居民多次反映。",
      "该公司在招投标中提供虚假业绩材料，涉嫌串通投标。",
      "该公司拖欠多名员工工资超过三个月，拒不支付。",
  };
  int made = 0;
  for (int k = 0; k < 3 && static_cast<size_t>(k) < fined.size(); ++k) {
    const DemoCompany& c = *fined[fined.size() - 1 - static_cast<size_t>(k)].company;
    const int filed_days_ago = k == 0 ? 1 : k == 1 ? 6 : 14;
    clock.Set(MillisOf(today.AddDays(-filed_days_ago)));
    TipRequest req;
    req.subject = c.code;
    req.facts = facts[k];
    if (k != 0) req.contact = {"张先生", "13800000000", ""};
    XY_ASSIGN_OR_RETURN(FiledTip filed, tips.File(req));
    ++made;
    if (k == 0) continue;
    clock.Set(MillisOf(today.AddDays(-filed_days_ago + 1)));
    XY_RETURN_IF_ERROR(
        tips.Route(admin, filed.tip.id, market.code, "", {}, "请依职责核查").status());
    if (k == 2) {
      clock.Set(MillisOf(today.AddDays(-filed_days_ago + 5)));
      XY_RETURN_IF_ERROR(tips.AnswerTip(regulator, filed.tip.id,
                                        {"filed", "已派员现场检查并立案调查", "", "",
                                         "玄市监立〔" + std::to_string(today.year()) + "〕12号"})
                             .status());
    }
  }
  return made;
}

// Commitments the market regulator accepted: one kept (审批替代型, checked on site), one in
// force and published (主动型), one 容缺受理型 whose material is overdue, and one broken
// (证明事项型) — its 违诺 record goes through intake like any record.
Result<int> Commitments(CommitmentService& commitments, ManualClock& clock, Date today,
                        const Department& market, const std::vector<Company>& clean,
                        const std::vector<Company>& fined) {
  const Principal officer{"system:demo-market", Role::kOfficer, 0, market.id};
  struct Plan {
    const Company* company;
    const char* kind;
    const char* matter;
    int signed_days_ago;
    const char* outcome;  // "", "fulfilled", "breached"
  };
  std::vector<Plan> plans;
  if (clean.size() > 0) plans.push_back({&clean[0], "approval_substitute", "食品经营许可（告知承诺）", 40, "fulfilled"});
  if (clean.size() > 1) plans.push_back({&clean[1], "voluntary", "主动公开信用承诺", 20, ""});
  if (clean.size() > 2) plans.push_back({&clean[2], "fault_tolerant", "公共场所卫生许可（容缺受理）", 45, ""});
  if (fined.size() > kSerious + 5) {
    plans.push_back({&fined[kSerious + 2], "certification", "不动产登记证明事项告知承诺", 30, "breached"});
  }
  int made = 0;
  for (const Plan& plan : plans) {
    clock.Set(MillisOf(today.AddDays(-plan.signed_days_ago)));
    CommitmentRequest r;
    r.kind = plan.kind;
    r.subject_code = plan.company->company->code;
    r.subject_name = plan.company->company->name;
    r.matter = plan.matter;
    r.channel = "counter";
    r.scan = AttachmentInput{"告知承诺书.pdf", "JVBERi0xLjQKJURlbW8K"};
    XY_ASSIGN_OR_RETURN(CommitmentView v, commitments.Sign(officer, r));
    ++made;
    if (std::string(plan.outcome).empty()) continue;
    clock.Set(MillisOf(today.AddDays(-5)));
    FulfilmentRequest f;
    f.result = plan.outcome;
    if (f.result == "breached") {
      f.performance = "none";
      f.unperformed = "承诺提交的不动产权属证明与登记机构记载不符";
      f.liability_pursued = "终止办理并撤销已作出的决定";
      f.basis = "《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》";
    }
    f.note = "现场核查";
    XY_RETURN_IF_ERROR(commitments.Decide(officer, v.commitment.code, f).status());
  }
  return made;
}

// A 失信 typical case about the first company on the serious list, citing its penalty, written
// by the office 3 days ago and approved by a second admin the next day.
Result<int> TypicalCaseOf(CaseService& cases, ManualClock& clock, Date today,
                          const Principal& admin, const std::vector<Company>& fined) {
  const Principal reviewer{"system:demo-reviewer", Role::kAdmin, 0, 0};
  for (size_t i = 0; i < fined.size() && i < kSerious; ++i) {
    for (auto r = fined[i].penalties.rbegin(); r != fined[i].penalties.rend(); ++r) {
      clock.Set(MillisOf(today.AddDays(-3)));
      CaseInput in;
      in.kind = "dishonest";
      in.title = fined[i].company->name + "屡次违法被列入严重失信主体名单案";
      in.body = "该公司多次因违法经营受到行政处罚，经告知和陈述申辩后被依法列入严重失信主体名单，"
                "在政府采购、招标投标等领域依法受到限制。";
      in.subjects = {fined[i].company->code};
      in.records = {r->id};
      XY_ASSIGN_OR_RETURN(CaseView drafted, cases.Draft(admin, in));
      auto submitted = cases.Submit(admin, drafted.c.id);
      if (!submitted.ok()) {
        // The penalty is not public (withheld, or its display ended): withdraw, try another.
        if (submitted.status().code() != Code::kFailedPrecondition) return submitted.status();
        XY_RETURN_IF_ERROR(cases.Withdraw(admin, drafted.c.id, "引用的处罚未在公示期内").status());
        continue;
      }
      clock.Set(MillisOf(today.AddDays(-2)));
      XY_RETURN_IF_ERROR(cases.Approve(reviewer, drafted.c.id, "事实清楚，同意发布", "").status());
      return 1;
    }
  }
  return 0;
}

}  // namespace

Result<DemoCasesSummary> GenerateDemoCases(ServiceContext ctx, ManualClock& clock,
                                           SubjectService& subjects, IntakeService& intake,
                                           const Catalogue& catalogue, const ListValidity& validity,
                                           const RightsPolicy& rights, const TipsPolicy& tips_policy,
                                           const CommitmentsPolicy& commitments_policy,
                                           const std::vector<DemoCompany>& companies,
                                           const DemoCaseDepartments& departments, Date today) {
  DemoCasesSummary out;
  if (!departments.market || !departments.tax) return out;
  const Principal admin{"system:demo", Role::kAdmin, 0, 0};
  ListService lists(ctx, subjects, validity, rights.red_list);
  ObjectionService objections(ctx, rights.objections, intake, lists);
  RepairService repairs(ctx, rights.repair, catalogue, lists);
  CommitmentService commitments(ctx, commitments_policy, subjects, intake);
  repairs.UseCommitments(&commitments);
  XY_ASSIGN_OR_RETURN(auto sorted, Sort(ctx.store, companies));
  const auto& [fined, clean] = sorted;
  XY_ASSIGN_OR_RETURN(out.red, RedEntries(lists, clock, today, admin, *departments.tax, clean));
  XY_ASSIGN_OR_RETURN(out.serious,
                      SeriousEntries(lists, clock, today, admin, *departments.market, fined));
  XY_ASSIGN_OR_RETURN(out.objections, ObjectionInProgress(objections, clock, today, admin, fined));
  XY_ASSIGN_OR_RETURN(out.repairs,
                      RepairedRecord(repairs, rights.repair, commitments, *departments.market,
                                     clock, today, admin, fined));
  XY_ASSIGN_OR_RETURN(out.commitments, Commitments(commitments, clock, today, *departments.market,
                                                   clean, fined));
  out.commitments += out.repairs;  // each repair signed its 信用修复型 commitment
  TipService tips(ctx, tips_policy, subjects);
  XY_ASSIGN_OR_RETURN(out.tips, Tips(tips, clock, today, admin, *departments.market, fined));
  CaseService cases(ctx, catalogue, subjects, tips_policy.cases, rights.red_list);
  XY_ASSIGN_OR_RETURN(out.cases, TypicalCaseOf(cases, clock, today, admin, fined));
  clock.Set(MillisOf(today));
  return out;
}

}  // namespace xinyong
