#include "service/reports/report_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/date.h"
#include "core/text.h"
#include "domain/catalogue.h"
#include "service/account_service.h"
#include "service/commitments/commitment_service.h"
#include "service/evaluation/evaluation_service.h"
#include "service/public_service.h"
#include "service/subject_service.h"
#include "store/store.h"

namespace xinyong {
namespace {

using Json = nlohmann::json;

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

Status NotAReport(const std::string& number) {
  return NotFound("report: 没有编号为“" + number + "”的信用报告");
}

// What a section says of one record, from the public view of it.
Json RecordEntry(const RecordView& v, const std::string& state) {
  Json fields = Json::parse(v.fields, nullptr, false);
  return {{"record_id", v.record.id},
          {"item", v.record.item_code},
          {"item_name", v.item_name},
          {"key", v.record.source_key},
          {"decision_date", v.record.decision_date},
          {"state", state},
          {"fields", fields.is_object() ? fields : Json::object()}};
}

}  // namespace

bool ReportService::Sees(const Principal& p, const CreditReport& r) const {
  switch (p.role) {
    case Role::kAdmin:
    case Role::kAuditor:
      return true;
    case Role::kSubject:
      return p.subject_id != 0 && r.subject_id == p.subject_id;
    case Role::kInstitution:
      return r.requested_by == p.actor;
    default:
      return false;
  }
}

Result<int64_t> ReportService::SubjectOf(Transaction& tx, const Principal& p,
                                         const std::string& code, int64_t* authorisation_id) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kSubject, Role::kAdmin, Role::kInstitution}));
  int64_t subject_id = 0;
  if (p.role == Role::kSubject) {
    if (p.subject_id == 0) return PermissionDenied("subject: 本账号未关联信用主体");
    if (!code.empty()) {
      auto view = subjects_.LookupIn(tx, code, false);
      if (!view.ok() || view->id != p.subject_id) {
        return PermissionDenied("subject: 只能申请本主体的信用报告");
      }
    }
    subject_id = p.subject_id;
  } else {
    if (NormaliseCode(code).empty()) return InvalidArgument("subject: 请填写信用主体的统一社会信用代码");
    XY_ASSIGN_OR_RETURN(SubjectView view, subjects_.LookupIn(tx, code, false));
    subject_id = view.id;
  }
  XY_ASSIGN_OR_RETURN(auto row, tx.SubjectForIndex(subject_id));
  if (!row) return NotFound("subject: 信用主体不存在");
  if (row->kind == SubjectKind::kNaturalPerson) {
    return InvalidArgument("subject: 平台出具法人和非法人组织的信用报告；自然人请到信用办窗口办理");
  }
  if (p.role == Role::kInstitution) {
    const std::string today = ctx_.clock.Today().ToString();
    XY_ASSIGN_OR_RETURN(auto grants, tx.AuthorisationsOfSubject(subject_id));
    for (const auto& g : grants) {
      if (g.grantee_department_id == p.department_id && g.withdrawn_at.empty() &&
          g.valid_from <= today && today <= g.valid_until) {
        *authorisation_id = g.id;
      }
    }
    if (*authorisation_id == 0) {
      return PermissionDenied("authorisation: 该主体没有授权本机构查询，不能出具其信用报告");
    }
  }
  return subject_id;
}

Result<std::string> ReportService::NextNumber(Transaction& tx, const std::string& day) {
  const std::string prefix = "XY" + day.substr(0, 4) + day.substr(5, 2) + day.substr(8, 2);
  XY_ASSIGN_OR_RETURN(std::string last, tx.Reports().LastReportNumber(prefix));
  int64_t serial = last.size() == prefix.size() + 6 ? std::stoll(last.substr(prefix.size())) + 1 : 1;
  std::string s = std::to_string(serial);
  return prefix + std::string(6 - std::min<size_t>(6, s.size()), '0') + s;
}

Result<CreditReport> ReportService::Issue(const Principal& p, const ReportRequest& req) {
  const ReportKind* kind = policy_.Kind(NormaliseName(req.kind));
  if (!kind) return InvalidArgument("kind: 报告种类应为 special（专项信用报告）或 full（公共信用信息报告）");
  const std::string purpose = policy_.PurposeCode(NormaliseName(req.purpose));
  if (purpose.empty()) return InvalidArgument("purpose: 请从用途列表中选择报告用途");
  std::vector<const ReportField*> fields;
  int years = 0;
  if (kind->chooses_period) {
    years = req.years;
    if (years < 1 || years > policy_.max_years) {
      return InvalidArgument("years: 报告期间应为1到" + std::to_string(policy_.max_years) + "年");
    }
    for (const auto& f : req.fields) {
      const ReportField* field = policy_.Field(NormaliseName(f));
      if (!field) return InvalidArgument("fields: 未知的领域“" + f + "”");
      fields.push_back(field);
    }
  } else if (!req.fields.empty()) {
    return InvalidArgument("fields: " + kind->name + "不按领域出具");
  }
  const Date today = ctx_.clock.Today();
  const std::string day = today.ToString();
  const std::string from = years > 0 ? today.AddMonths(-12 * years).ToString() : "";
  const std::string now = ctx_.clock.NowTimestamp();

  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  int64_t authorisation_id = 0;
  XY_ASSIGN_OR_RETURN(int64_t subject_id, SubjectOf(*tx, p, req.subject_code, &authorisation_id));
  XY_ASSIGN_OR_RETURN(Subject subject, tx->GetSubject(subject_id));
  XY_ASSIGN_OR_RETURN(auto index, tx->SubjectForIndex(subject_id));

  // What the public site shows today, and what was repaired (its display stopped by repair).
  XY_ASSIGN_OR_RETURN(auto records, tx->ListRecordsOfSubject(subject_id));
  XY_ASSIGN_OR_RETURN(auto repairs, tx->RepairsOfSubject(subject_id));
  std::set<int64_t> repaired;
  for (const auto& r : repairs) {
    if (r.status == "approved" && r.target_kind == "record") repaired.insert(r.target_id);
  }
  XY_ASSIGN_OR_RETURN(auto departments, tx->ListDepartments());
  const auto in_fields = [&](int64_t department_id) {
    if (fields.empty()) return true;
    std::string name;
    for (const auto& d : departments) {
      if (d.id == department_id) name = d.name;
    }
    for (const ReportField* f : fields) {
      for (const auto& part : f->departments) {
        if (name.find(part) != std::string::npos) return true;
      }
    }
    return false;
  };
  XY_ASSIGN_OR_RETURN(auto entries, tx->ListEntriesOfSubject(subject_id));
  Json sections = Json::array();
  Json record_ids = Json::array();
  for (const ReportSection& s : kind->sections) {
    Json items = Json::array();
    for (const Record& r : records) {
      if (!Contains(s.items, r.item_code)) continue;
      if (!from.empty() && r.decision_date < from) continue;
      if (!in_fields(r.department_id)) continue;
      std::string state;
      if (PubliclyVisible(r, day)) {
        state = r.disputed_since.empty() ? "在公示期" : "异议处理中";
      } else if (r.status == "active" && repaired.count(r.id)) {
        state = "已修复";
      } else {
        continue;
      }
      XY_ASSIGN_OR_RETURN(RecordView v, ViewOfRecord(*tx, catalogue_, r));
      items.push_back(RecordEntry(v, state));
      record_ids.push_back(r.id);
    }
    Json lists = Json::array();
    for (const ListEntry& e : entries) {
      if (!Contains(s.lists, e.list_kind) || !PubliclyListed(e, day)) continue;
      if (!fields.empty() &&
          std::none_of(fields.begin(), fields.end(),
                       [&](const ReportField* f) { return Contains(f->domains, e.domain); })) {
        continue;
      }
      lists.push_back({{"entry_id", e.id},
                       {"list_kind", e.list_kind},
                       {"domain", e.domain},
                       {"basis", e.basis},
                       {"decision_document", e.decision_document},
                       {"valid_from", e.valid_from},
                       {"valid_until", e.valid_until},
                       {"state", e.disputed_since.empty() ? "在列" : "异议处理中"}});
    }
    Json commitments = Json::array();
    if (s.commitments) {
      CommitmentQuery q;
      q.subject_id = subject_id;
      q.limit = 100;
      XY_ASSIGN_OR_RETURN(auto published, commitments_.PublicList(q));
      for (const auto& c : published) {
        commitments.push_back({{"code", c.commitment.code},
                               {"kind_name", c.kind_name},
                               {"matter", c.commitment.matter},
                               {"made_on", c.commitment.made_on},
                               {"status", c.commitment.status},
                               {"department", c.department_name}});
      }
    }
    Json evaluation = nullptr;
    if (s.evaluation && evaluation_) {
      XY_ASSIGN_OR_RETURN(auto grade, evaluation_->GradeIn(*tx, subject_id, subject.kind));
      if (grade) {
        evaluation = {{"grade", grade->grade},
                      {"label", grade->label},
                      {"score", static_cast<double>(grade->score_tenths) / 10.0},
                      {"model", grade->model},
                      {"computed_at", grade->computed_at}};
      }
    }
    const bool empty =
        items.empty() && lists.empty() && commitments.empty() && evaluation.is_null();
    Json section = {{"code", s.code}, {"name", s.name}, {"records", items}, {"lists", lists}};
    if (s.commitments) section["commitments"] = commitments;
    if (s.evaluation) section["evaluation"] = evaluation;
    section["note"] = empty ? Json(kind->empty) : Json(nullptr);
    sections.push_back(section);
  }
  Json field_names = Json::array();
  for (const ReportField* f : fields) field_names.push_back(f->name);
  CreditReport r;
  XY_ASSIGN_OR_RETURN(r.number, NextNumber(*tx, day));
  r.subject_id = subject_id;
  r.kind = kind->code;
  r.purpose = purpose;
  r.requested_by = p.actor;
  r.channel = p.role == Role::kSubject ? "self" : p.role == Role::kAdmin ? "counter" : "institution";
  r.authorisation_id = authorisation_id;
  r.issued_at = now;
  r.valid_until = today.AddDays(policy_.validity_days - 1).ToString();
  r.key_id = signer_.KeyId();
  Json content = {{"number", r.number},
                  {"kind", kind->code},
                  {"title", kind->title},
                  {"purpose", {{"code", purpose}, {"name", policy_.PurposeName(purpose)}}},
                  {"subject",
                   {{"name", subject.name},
                    {"code", index ? index->code : ""},
                    {"kind", std::string(SubjectKindName(subject.kind))}}},
                  {"issued_at", now},
                  {"cutoff", now},
                  {"valid_until", r.valid_until},
                  {"period", years > 0 ? Json{{"from", from}, {"to", day}, {"years", years}}
                                       : Json(nullptr)},
                  {"fields", field_names},
                  {"sections", sections},
                  {"key_id", r.key_id},
                  {"verify", "/api/v1/reports/" + r.number + "/verify"}};
  r.content = content.dump();  // keys sorted, no spaces: the canonical form signed
  r.digest = Sha256Hex(r.content);
  r.signature = signer_.SignBase64(r.content);
  r.record_ids = record_ids.dump();
  XY_ASSIGN_OR_RETURN(r.id, tx->Reports().InsertReport(r));
  XY_RETURN_IF_ERROR(tx->InsertQueryLog({0, subject_id, p.department_id, p.actor,
                                         policy_.PurposeName(purpose), authorisation_id, now,
                                         "report:" + kind->code})
                         .status());
  XY_RETURN_IF_ERROR(tx->AppendEvent({p.actor, "report.issued", "report:" + r.number,
                                      Json{{"number", r.number},
                                           {"kind", r.kind},
                                           {"subject_id", subject_id},
                                           {"digest", r.digest}}
                                          .dump()},
                                     now)
                         .status());
  XY_RETURN_IF_ERROR(tx->Commit());
  return r;
}

Result<CreditReport> ReportService::Get(const Principal& p, const std::string& number) {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto r, tx->Reports().FindReport(NormaliseCode(number)));
  if (!r || !Sees(p, *r)) return NotAReport(number);
  return *r;
}

Result<std::vector<CreditReport>> ReportService::OfSubject(const Principal& p,
                                                           const std::string& subject_code,
                                                           int64_t before_id, int limit) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kSubject, Role::kAdmin, Role::kAuditor}));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  int64_t subject_id = p.subject_id;
  if (p.role != Role::kSubject) {
    if (NormaliseCode(subject_code).empty()) return InvalidArgument("subject: 请填写信用主体的代码");
    XY_ASSIGN_OR_RETURN(SubjectView view, subjects_.LookupIn(*tx, subject_code, false));
    subject_id = view.id;
  }
  return tx->Reports().ReportsOfSubject(subject_id, before_id, std::clamp(limit, 1, 100));
}

Result<ReportVerdict> ReportService::Verify(const std::string& number) {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto r, tx->Reports().FindReport(NormaliseCode(number)));
  if (!r) return NotAReport(number);
  ReportVerdict v;
  v.report = *r;
  const Json content = Json::parse(r->content, nullptr, false);
  if (content.is_object()) {
    v.subject_name = content["subject"].value("name", "");
    v.kind_name = content.value("title", "");
  }
  const Json ids = Json::parse(r->record_ids, nullptr, false);
  if (ids.is_array()) {
    for (const auto& id : ids) {
      XY_ASSIGN_OR_RETURN(auto rec, tx->GetRecord(id.get<int64_t>()));
      if (rec && rec->status == "revoked") {
        v.reasons.push_back("报告所列记录" + std::to_string(rec->id) + "已于" +
                            rec->revoked_at.substr(0, 10) + "撤销");
      }
    }
  }
  const std::string today = ctx_.clock.Today().ToString();
  v.status = !v.reasons.empty() ? "revoked" : today > r->valid_until ? "expired" : "valid";
  return v;
}

std::string ReportService::Document(const CreditReport& r) const {
  Json content = Json::parse(r.content, nullptr, false);
  return Json{{"content", content},
              {"digest", r.digest},
              {"signature", r.signature},
              {"key_id", r.key_id},
              {"public_key", signer_.PublicKeyBase64()},
              {"algorithm", "Ed25519"}}
      .dump();
}

Status ReportService::VerifyDocument(const std::string& document,
                                     const std::string& public_key_base64) {
  const Json d = Json::parse(document, nullptr, false);
  if (!d.is_object() || !d.contains("content") || !d["content"].is_object() ||
      !d.value("signature", Json()).is_string()) {
    return InvalidArgument("document: 不是平台出具的信用报告文件（缺少 content 或 signature）");
  }
  const std::string canonical = d["content"].dump();
  if (d.value("digest", "") != Sha256Hex(canonical)) {
    return InvalidArgument("digest: 报告内容与摘要不符，报告已被改动");
  }
  if (!PlatformSigner::Verify(public_key_base64, canonical, d["signature"].get<std::string>())) {
    return InvalidArgument("signature: 签名不能用该公钥验证（报告被改动，或不是该平台出具）");
  }
  return Status::Ok();
}

}  // namespace xinyong
