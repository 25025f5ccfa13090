#include "service/check_service.h"

#include <deque>
#include <future>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/ids.h"
#include "domain/catalogue.h"
#include "domain/list_entry.h"
#include "rules/measures.h"
#include "service/account_service.h"
#include "service/check_answer.h"
#include "service/evaluation/evaluation_service.h"
#include "service/check_recorder.h"
#include "service/list_service.h"
#include "service/subject_service.h"
#include "store/store.h"

namespace xinyong {
namespace {

using Json = nlohmann::json;

int64_t ObjectionId(const std::string& ref) {
  // "objection:12" or "12"; other references carry no number.
  const size_t digits = ref.find_first_of("0123456789");
  if (digits == std::string::npos) return 0;
  try {
    return std::stoll(ref.substr(digits));
  } catch (const std::exception&) {
    return 0;
  }
}

ListMembership MembershipOf(const ListEntry& e) {
  return {e.id,
          e.list_kind,
          e.domain,
          e.basis,
          e.valid_from,
          e.valid_until,
          !e.disputed_since.empty(),
          ObjectionId(e.objection_ref)};
}

}  // namespace

CheckService::CheckService(ServiceContext ctx, const MeasureList& measures,
                           const Catalogue& catalogue, SubjectService& subjects,
                           const BasisBook* book)
    : ctx_(ctx),
      measures_(measures),
      catalogue_(catalogue),
      subjects_(subjects),
      writer_(std::make_unique<AnswerWriter>(measures, book)),
      recorder_(std::make_unique<CheckRecorder>(ctx.store)) {}

CheckService::~CheckService() = default;

// An answer computed and hashed, with the record of it still to be written.
struct CheckService::Prepared {
  std::string body;  // the answer without check_id and answer_sha256, as hashed
  std::string sha256;
  int64_t measures = 0;
  CheckRecord record;
  std::string event_payload;
};

Result<CheckService::Prepared> CheckService::Prepare(const Principal& p, const std::string& code,
                                                     const std::string& scenario) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kOfficer, Role::kAdmin}));
  const Scenario* sc = measures_.FindScenario(scenario);
  if (!sc) {
    std::string known;
    for (const auto& s : measures_.scenarios()) known += (known.empty() ? "" : "、") + s.code;
    return InvalidArgument("scenario: 未知的业务场景“" + scenario + "”，可选：" + known);
  }
  // The subject and its facts come from one read snapshot, so checks never wait for each
  // other or for intake while they gather; only the write of the check record and its event is
  // serialised, and that in group commits (CheckRecorder).
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  auto found = subjects_.LookupIn(*tx, code, /*with_name_history=*/false);
  const std::string now = ctx_.clock.NowTimestamp();
  if (!found.ok() && found.status().code() == Code::kNotFound) {
    tx.reset();
    return NotOnRecord(p, *sc, code, now);
  }
  XY_ASSIGN_OR_RETURN(SubjectView subject, std::move(found));
  const Date today = ctx_.clock.Today();
  const std::string today_text = today.ToString();

  AnswerParts answer;
  answer.checked_at = now;
  answer.scenario = sc;
  answer.subject_id = subject.id;
  answer.subject_kind = SubjectKindName(subject.kind);
  answer.subject_name = subject.name;
  for (const auto& i : subject.identifiers)
    answer.identifiers.emplace_back(IdKindName(i.kind), i.value);
  answer.today = today_text;

  SubjectFacts facts;
  XY_ASSIGN_OR_RETURN(auto entries, tx->ListEntriesOfSubject(subject.id));
  for (const auto& e : entries) {
    if (e.status != "decided") continue;
    facts.lists.push_back(MembershipOf(e));
    if (EffectiveStatus(e, today_text) == "decided" && e.valid_from <= today_text) {
      answer.lists.push_back(&e);
    }
  }
  XY_ASSIGN_OR_RETURN(auto records, tx->ActiveRecordFacts(subject.id));
  XY_RETURN_IF_ERROR(NameRecords(*tx, records, facts.records));
  answer.measures =
      ApplicableMeasures(measures_, facts, sc->code, today, false, &answer.withheld);
  std::optional<GradeSummary> grade;
  if (evaluation_ && subject.kind != SubjectKind::kNaturalPerson) {
    XY_ASSIGN_OR_RETURN(grade, evaluation_->GradeIn(*tx, subject.id, subject.kind));
    if (grade) answer.evaluation = &*grade;
  }
  int64_t count = static_cast<int64_t>(answer.measures.size());

  // A natural person bound to a listed organisation (法定代表人…) gets the measures that bind
  // responsible persons, with the organisation named.
  // Only natural persons answer for organisations: no query for the others.
  std::vector<ResponsiblePerson> bindings;
  if (subject.kind == SubjectKind::kNaturalPerson) {
    XY_ASSIGN_OR_RETURN(bindings, tx->EntriesBindingPerson(subject.id));
  }
  // The entries named under as_responsible_person; a deque keeps them where they are.
  std::deque<ListEntry> org_entries;
  for (const auto& b : bindings) {
    XY_ASSIGN_OR_RETURN(auto entry, tx->GetListEntry(b.entry_id));
    if (!entry || entry->status != "decided") continue;
    SubjectFacts org_facts;
    org_facts.lists.push_back(MembershipOf(*entry));
    auto bound = ApplicableMeasures(measures_, org_facts, sc->code, today, true);
    if (bound.empty()) continue;
    XY_ASSIGN_OR_RETURN(Subject org, tx->GetSubject(entry->subject_id));
    AnswerVia via;
    via.organisation_name = org.name;
    for (const auto& i : org.identifiers) via.organisation_identifiers.push_back(i.display);
    via.role = b.role;
    via.entry = &org_entries.emplace_back(std::move(*entry));
    count += static_cast<int64_t>(bound.size());
    via.measures = std::move(bound);
    answer.via.push_back(std::move(via));
  }

  tx.reset();
  Prepared out;
  out.body = writer_->Write(answer);
  out.sha256 = Sha256Hex(out.body);
  out.measures = count;
  // As nlohmann::json would write {subject, scenario, measures, answer_sha256, department}.
  out.event_payload = "{\"answer_sha256\":\"" + out.sha256 +
                      "\",\"department\":" + std::to_string(p.department_id) +
                      ",\"measures\":" + std::to_string(count) + ",\"scenario\":";
  AppendJsonString(out.event_payload, sc->code);
  out.event_payload += ",\"subject\":" + std::to_string(subject.id) + "}";
  out.record = {0, p.department_id, p.actor, subject.id, sc->code, now, out.sha256, count, "", ""};
  const auto add_codes = [&out](const std::vector<AppliedMeasure>& applied) {
    for (const auto& a : applied) {
      if (!a.suspended) AddNamedMeasure(out.record, a.measure->code);
    }
  };
  add_codes(answer.measures);
  for (const auto& v : answer.via) add_codes(v.measures);
  return out;
}

Result<CheckService::Prepared> CheckService::NotOnRecord(const Principal& p, const Scenario& sc,
                                                         const std::string& code,
                                                         const std::string& now) {
  const IdCheck id = CheckAnyId(code, ctx_.divisions, ctx_.clock.Today());
  if (!id.valid()) return InvalidArgument("code: 号码有误：" + id.error->message);
  // An identity number is kept masked: the platform holds no person by it.
  const std::string shown =
      *id.kind == IdKind::kCitizenId ? MaskIdNumber(id.normalised) : id.normalised;
  AnswerParts answer;
  answer.checked_at = now;
  answer.scenario = &sc;
  answer.identifiers.emplace_back(IdKindName(*id.kind), shown);
  answer.today = ctx_.clock.Today().ToString();
  answer.on_record = false;
  Prepared out;
  out.body = writer_->Write(answer);
  out.sha256 = Sha256Hex(out.body);
  out.event_payload = "{\"answer_sha256\":\"" + out.sha256 +
                      "\",\"department\":" + std::to_string(p.department_id) +
                      ",\"measures\":0,\"on_record\":false,\"scenario\":";
  AppendJsonString(out.event_payload, sc.code);
  out.event_payload += ",\"subject\":0}";
  out.record = {0, p.department_id, p.actor, 0, sc.code, now, out.sha256, 0, "", ""};
  out.record.checked_code = shown;
  return out;
}

Result<std::string> CheckService::DepartmentName(Transaction& tx, int64_t id) {
  {
    std::lock_guard lock(department_names_mu_);
    auto it = department_names_.find(id);
    if (it != department_names_.end()) return it->second;
  }
  XY_ASSIGN_OR_RETURN(auto d, tx.GetDepartment(id));
  if (!d) return std::string();
  std::lock_guard lock(department_names_mu_);
  department_names_.emplace(id, d->name);
  return d->name;
}

Status CheckService::NameRecords(Transaction& tx, const std::vector<RecordFactRow>& rows,
                                 std::vector<RecordFact>& out) {
  for (const auto& r : rows) {
    RecordFact f{r.id,      r.item_code, r.nature, r.decision_date, !r.disputed_since.empty(),
                 ObjectionId(r.objection_ref), "", "", "", ""};
    if (const CatalogueItem* item = catalogue_.Find(r.item_code)) {
      f.item_name = item->name;
      // The decision or case number, when the key starts with one; the key's other parts
      // (a person's name, a taxpayer number) are never shown.
      const FieldSpec* first =
          item->source_key.empty() ? nullptr : item->FindField(item->source_key.front());
      if (first && (first->name.find("文号") != std::string::npos ||
                    first->name.find("案号") != std::string::npos)) {
        f.document_label = first->name;
        f.document = std::string(ShownDocument(r.source_key));
      }
    }
    if (r.department_id != 0) {
      XY_ASSIGN_OR_RETURN(f.department, DepartmentName(tx, r.department_id));
    }
    out.push_back(std::move(f));
  }
  return Status::Ok();
}

void CheckService::CheckAsync(const Principal& p, const std::string& code,
                              const std::string& scenario, AnswerDone done) {
  auto prepared = Prepare(p, code, scenario);
  if (!prepared.ok()) return done(prepared.status());
  // The answer goes out only once its record and event are committed; concurrent checks
  // share that commit, and nobody waits on a thread meanwhile.
  auto ready = std::make_shared<Prepared>(std::move(*prepared));
  CheckRecord record = ready->record;
  std::string payload = std::move(ready->event_payload);
  recorder_->RecordAsync(std::move(record), std::move(payload),
                         [ready, done = std::move(done)](Result<int64_t> id) {
                           if (!id.ok()) return done(id.status());
                           CheckAnswer out;
                           out.check_id = *id;
                           out.sha256 = ready->sha256;
                           out.measures = ready->measures;
                           // The hashed text with the two members appended: taking them out again
                           // gives back exactly what was hashed.
                           out.json = std::move(ready->body);
                           out.json.pop_back();  // the closing brace of the object
                           out.json += ",\"check_id\":" + std::to_string(*id) +
                                       ",\"answer_sha256\":\"" + ready->sha256 + "\"}";
                           done(std::move(out));
                         });
}

Result<CheckAnswer> CheckService::Check(const Principal& p, const std::string& code,
                                        const std::string& scenario) {
  std::promise<Result<CheckAnswer>> outcome;
  auto answer = outcome.get_future();
  CheckAsync(p, code, scenario,
             [&outcome](Result<CheckAnswer> r) { outcome.set_value(std::move(r)); });
  return answer.get();
}

void CheckService::Flush() { recorder_->Flush(); }

CheckRecorder::Stats CheckService::RecorderStats() const { return recorder_->stats(); }

Status CheckService::Feedback(const Principal& p, int64_t check_id,
                              const std::vector<FeedbackItem>& items) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kOfficer, Role::kAdmin}));
  if (items.empty()) return InvalidArgument("items: 至少反馈一项措施的执行情况");
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(auto check, tx->GetCheck(check_id));
  if (!check) return NotFound("check: 核查" + std::to_string(check_id) + "不存在");
  if (p.role != Role::kAdmin && check->department_id != p.department_id) {
    return PermissionDenied("check: 只能反馈本部门的核查");
  }
  const std::string now = ctx_.clock.NowTimestamp();
  Json payload = Json::array();
  for (size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i];
    const std::string where = "items[" + std::to_string(i) + "]";
    if (!measures_.Find(item.measure)) {
      return InvalidArgument(where + ".measure: 措施清单中没有“" + item.measure + "”");
    }
    // Checks recorded before the answer's measures were kept ("*"): any measure.
    if (!NamesMeasure(*check, item.measure)) {
      return InvalidArgument(
          where + ".measure: 核查" + std::to_string(check_id) + "的结果中没有措施“" +
          item.measure + "”" +
          (check->measure_codes.empty() ? "，该次核查没有可反馈的措施"
                                        : "，可反馈：" + check->measure_codes));
    }
    if (!item.applied && item.reason.empty()) {
      return InvalidArgument(where + ".reason: 未执行措施时须说明理由");
    }
    XY_RETURN_IF_ERROR(
        tx->InsertCheckFeedback({check_id, item.measure, item.applied, item.reason, p.actor, now}));
    payload.push_back(
        {{"measure", item.measure}, {"applied", item.applied}, {"reason", item.reason}});
  }
  XY_RETURN_IF_ERROR(
      tx->AppendEvent(
            {p.actor, "check.feedback", "check:" + std::to_string(check_id), payload.dump()}, now)
          .status());
  return tx->Commit();
}

Result<CheckService::Listed> CheckService::Describe(Transaction& tx, CheckRecord c) {
  Listed out;
  if (c.subject_id != 0) {
    XY_ASSIGN_OR_RETURN(Subject s, tx.GetSubject(c.subject_id));
    out.subject_name = s.name;
  }
  XY_ASSIGN_OR_RETURN(out.feedback, tx.FeedbackOfCheck(c.id));
  out.check = std::move(c);
  return out;
}

Result<std::vector<CheckService::Listed>> CheckService::List(const Principal& p,
                                                             int64_t department_id,
                                                             int64_t before, int limit) {
  XY_RETURN_IF_ERROR(
      RequireRole(p, {Role::kAdmin, Role::kAuditor, Role::kOfficer, Role::kOperator}));
  if (p.role != Role::kAdmin && p.role != Role::kAuditor) {
    if (department_id != 0 && department_id != p.department_id) {
      return PermissionDenied("department: 只能查看本部门的核查");
    }
    department_id = p.department_id;
  }
  if (limit <= 0 || limit > 200) return InvalidArgument("limit: 每页 1 至 200 条");
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto checks, tx->ListChecks(department_id, before, limit));
  std::vector<Listed> out;
  out.reserve(checks.size());
  for (auto& c : checks) {
    XY_ASSIGN_OR_RETURN(Listed l, Describe(*tx, std::move(c)));
    out.push_back(std::move(l));
  }
  return out;
}

Result<CheckService::Listed> CheckService::Get(const Principal& p, int64_t check_id) {
  XY_RETURN_IF_ERROR(
      RequireRole(p, {Role::kAdmin, Role::kAuditor, Role::kOfficer, Role::kOperator}));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto check, tx->GetCheck(check_id));
  // Another department's check is answered as absent: its existence is not for others.
  if (!check || (p.role != Role::kAdmin && p.role != Role::kAuditor &&
                 check->department_id != p.department_id)) {
    return NotFound("check: 核查" + std::to_string(check_id) + "不存在");
  }
  return Describe(*tx, std::move(*check));
}

Result<std::vector<CheckStat>> CheckService::Stats(const Principal& p) {
  XY_RETURN_IF_ERROR(
      RequireRole(p, {Role::kAdmin, Role::kAuditor, Role::kOfficer, Role::kOperator}));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto all, tx->CheckStats());
  if (p.role == Role::kAdmin || p.role == Role::kAuditor) return all;
  std::vector<CheckStat> own;
  for (auto& st : all) {
    if (st.department_id == p.department_id) own.push_back(std::move(st));
  }
  return own;
}

Status CheckService::SetRecordDisputed(const Principal& p, int64_t record_id, bool disputed,
                                       const std::string& objection_ref) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin}));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(auto rec, tx->GetRecord(record_id));
  if (!rec) return NotFound("record: 记录" + std::to_string(record_id) + "不存在");
  const std::string now = ctx_.clock.NowTimestamp();
  if (disputed == !rec->disputed_since.empty()) return Status::Ok();  // already so
  rec->disputed_since = disputed ? now : "";
  rec->objection_ref = disputed ? objection_ref : "";
  rec->updated_at = now;
  XY_RETURN_IF_ERROR(tx->UpdateRecord(*rec));
  Json payload = {{"disputed", disputed}, {"objection", objection_ref}};
  XY_RETURN_IF_ERROR(tx->AppendEvent({p.actor, disputed ? "record.disputed" : "record.undisputed",
                                      "record:" + std::to_string(record_id), payload.dump()},
                                     now)
                         .status());
  return tx->Commit();
}

}  // namespace xinyong
