#include "service/evaluation/evaluation_service.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/text.h"
#include "domain/catalogue.h"
#include "domain/list_entry.h"
#include "service/account_service.h"
#include "service/subject_service.h"
#include "store/store.h"

namespace xinyong {
namespace {

using Json = nlohmann::json;

// The events after which a subject's grade may differ.
const std::vector<std::string> kFollowed = {
    "record.created",       "record.corrected",       "record.revoked",
    "record.repaired",      "record.repair_revoked",  "record.disputed",
    "record.undisputed",    "list_entry.decided",     "list_entry.exited",
    "list_entry.disputed",  "list_entry.undisputed",  "list_entry.validity_set",
    "commitment.fulfilled", "commitment.breached",    "commitment.withdrawn"};

double Points(int64_t tenths) { return static_cast<double>(tenths) / 10.0; }

Json RuleJson(const EvaluationRule& r) {
  Json j = {{"describe", r.Describe()}, {"points", r.points}};
  switch (r.kind) {
    case EvaluationRule::Kind::kRecords: {
      Json natures = Json::array();
      for (Nature n : r.natures) natures.push_back(std::string(NatureName(n)));
      j["records"] = {{"items", r.items}, {"natures", natures}};
      if (r.repaired_points) j["repaired_points"] = *r.repaired_points;
      break;
    }
    case EvaluationRule::Kind::kLists:
      j["lists"] = r.lists;
      break;
    case EvaluationRule::Kind::kCommitments:
      j["commitments"] = r.commitment_status;
      break;
  }
  if (r.within_years > 0) j["within_years"] = r.within_years;
  return j;
}

Json SupervisionJson(const Supervision* s) {
  if (!s) return nullptr;
  return {{"inspection_ratio", s->inspection_ratio},
          {"green_channel", s->green_channel},
          {"tolerance", s->tolerance},
          {"note", s->note}};
}

// The explanation stored and answered (without the subject and computed_at, which are added
// when read: an unchanged grade is then recognised by its text).
Json ExplanationJson(const EvaluationModel& m, const EvaluationResult& r, const std::string& day) {
  Json dims = Json::array();
  for (const auto& d : r.dimensions) {
    Json inds = Json::array();
    for (const auto& i : d.indicators) {
      Json facts = Json::array();
      for (const auto& f : i.facts) {
        facts.push_back({{"kind", f.kind},
                         {"id", f.id},
                         {"label", f.label},
                         {"rule", f.rule},
                         {"points", f.points},
                         {"repaired", f.repaired},
                         {"disputed", f.disputed},
                         {"counts_until", f.counts_until}});
      }
      inds.push_back({{"code", i.indicator->code},
                      {"name", i.indicator->name},
                      {"weight", i.indicator->weight},
                      {"base", i.indicator->base},
                      {"score", i.score},
                      {"facts", facts}});
    }
    dims.push_back({{"code", d.dimension->code},
                    {"name", d.dimension->name},
                    {"weight", d.dimension->weight},
                    {"score", static_cast<double>(d.hundredths) / 100.0},
                    {"indicators", inds}});
  }
  Json cap = nullptr;
  if (r.cap) cap = {{"grade", r.cap->grade}, {"reason", r.cap->reason}, {"fact", r.cap_fact}};
  return {{"model", {{"version", m.version}, {"digest", m.digest}, {"name", m.name}}},
          {"as_of", day},
          {"score", Points(r.score_tenths)},
          {"max_score", m.max_score},
          {"grade", r.grade},
          {"label", r.label},
          {"band_grade", r.band_grade},
          {"cap", cap},
          {"dimensions", dims},
          {"supervision", SupervisionJson(m.SupervisionOf(r.grade))},
          {"recompute_on", r.recompute_on.empty() ? Json(nullptr) : Json(r.recompute_on)}};
}

// "subject:12" → 12, or 0.
int64_t IdOf(const std::string& entity) {
  const auto colon = entity.find(':');
  if (colon == std::string::npos) return 0;
  int64_t id = 0;
  const char* first = entity.data() + colon + 1;
  const char* last = entity.data() + entity.size();
  return std::from_chars(first, last, id).ptr == last ? id : 0;
}

}  // namespace

struct EvaluationService::Computed {
  EvaluationResult result;
  Evaluation row;
};

EvaluationService::EvaluationService(ServiceContext ctx, const EvaluationModel& model,
                                     const Catalogue& catalogue, SubjectService& subjects)
    : ctx_(ctx), model_(model), catalogue_(catalogue), subjects_(subjects) {}

std::string EvaluationService::ModelJson() const {
  Json dims = Json::array();
  for (const auto& d : model_.dimensions) {
    Json inds = Json::array();
    for (const auto& i : d.indicators) {
      Json rules = Json::array();
      for (const auto& r : i.rules) rules.push_back(RuleJson(r));
      inds.push_back({{"code", i.code},
                      {"name", i.name},
                      {"weight", i.weight},
                      {"base", i.base},
                      {"rules", rules}});
    }
    dims.push_back({{"code", d.code}, {"name", d.name}, {"weight", d.weight}, {"indicators", inds}});
  }
  Json bands = Json::array();
  for (const auto& b : model_.bands) {
    bands.push_back({{"grade", b.grade},
                     {"label", b.label},
                     {"from", b.from},
                     {"supervision", SupervisionJson(model_.SupervisionOf(b.grade))}});
  }
  Json caps = Json::array();
  for (const auto& c : model_.caps) {
    caps.push_back({{"lists", c.lists}, {"grade", c.grade}, {"reason", c.reason}});
  }
  return Json{{"version", model_.version},
              {"digest", model_.digest},
              {"name", model_.name},
              {"source", model_.source},
              {"max_score", model_.max_score},
              {"publicity", model_.publicity},
              {"while_disputed", model_.hold_disputed ? "hold" : "count"},
              {"dimensions", dims},
              {"caps", caps},
              {"bands", bands}}
      .dump();
}

Result<EvaluationFacts> EvaluationService::Gather(Transaction& tx, int64_t subject_id) {
  EvaluationFacts f;
  XY_ASSIGN_OR_RETURN(auto repairs, tx.RepairsOfSubject(subject_id));
  std::set<int64_t> repaired;
  for (const auto& r : repairs) {
    if (r.status == "approved" && r.target_kind == "record") repaired.insert(r.target_id);
  }
  XY_ASSIGN_OR_RETURN(auto records, tx.ListRecordsOfSubject(subject_id));
  for (const auto& r : records) {
    if (r.status != "active") continue;
    std::string label = r.item_code;
    if (const CatalogueItem* item = catalogue_.Find(r.item_code)) {
      label = item->name;
      // The decision or case number when the key starts with one; never a person's name.
      const FieldSpec* first =
          item->source_key.empty() ? nullptr : item->FindField(item->source_key.front());
      if (first && (first->name.find("文号") != std::string::npos ||
                    first->name.find("案号") != std::string::npos)) {
        label += " " + std::string(ShownDocument(r.source_key));
      }
    }
    f.records.push_back({r.id, r.item_code, r.nature, r.decision_date, repaired.count(r.id) > 0,
                         !r.disputed_since.empty(), label});
  }
  XY_ASSIGN_OR_RETURN(auto entries, tx.ListEntriesOfSubject(subject_id));
  for (const auto& e : entries) {
    if (e.status != "decided") continue;
    std::string label(ListKindLabel(e.list_kind));
    if (!e.decision_document.empty()) label += " " + std::string(ShownDocument(e.decision_document));
    f.entries.push_back(
        {e.id, e.list_kind, e.valid_from, e.valid_until, !e.disputed_since.empty(), label});
  }
  CommitmentQuery q;
  q.subject_id = subject_id;
  q.limit = 1000;
  XY_ASSIGN_OR_RETURN(auto commitments, tx.Commitments().FindCommitments(q));
  for (const auto& c : commitments) {
    f.commitments.push_back({c.id, c.status, c.decided_on, "信用承诺 " + c.code});
  }
  return f;
}

Result<EvaluationService::Computed> EvaluationService::Compute(Transaction& tx,
                                                               int64_t subject_id) {
  XY_ASSIGN_OR_RETURN(EvaluationFacts facts, Gather(tx, subject_id));
  const Date today = ctx_.clock.Today();
  Computed c;
  c.result = Evaluate(model_, facts, today);
  c.row = {subject_id,
           model_.Id(),
           c.result.score_tenths,
           c.result.grade,
           ExplanationJson(model_, c.result, today.ToString()).dump(),
           ctx_.clock.NowTimestamp(),
           c.result.recompute_on};
  return c;
}

Result<std::vector<EvaluationService::Pending>> EvaluationService::ComputeAll(
    Transaction& tx, const std::vector<std::pair<int64_t, std::string>>& subjects) {
  std::vector<Pending> out;
  out.reserve(subjects.size());
  for (const auto& [id, reason] : subjects) {
    XY_ASSIGN_OR_RETURN(auto row, tx.SubjectForIndex(id));
    if (!row || row->kind == SubjectKind::kNaturalPerson) continue;
    XY_ASSIGN_OR_RETURN(Computed c, Compute(tx, id));
    out.push_back({std::move(c.row), reason});
  }
  return out;
}

Status EvaluationService::Store(Transaction& tx, const Pending& p) {
  const Evaluation& row = p.row;
  XY_ASSIGN_OR_RETURN(auto before, tx.Evaluations().GetEvaluation(row.subject_id));
  if (before && before->model == row.model && before->explanation == row.explanation &&
      before->recompute_on == row.recompute_on) {
    return Status::Ok();  // the same grade from the same facts
  }
  XY_RETURN_IF_ERROR(tx.Evaluations().PutEvaluation(row));
  if (!before || before->model != row.model || before->score_tenths != row.score_tenths ||
      before->grade != row.grade) {
    XY_RETURN_IF_ERROR(tx.Evaluations().AddEvaluationChange(
        {0, row.subject_id, row.model, row.score_tenths, row.grade, before ? before->grade : "",
         row.computed_at, p.reason}));
  }
  return Status::Ok();
}

Result<int64_t> EvaluationService::SubjectOfEntity(Transaction& tx, const std::string& entity) {
  const int64_t id = IdOf(entity);
  if (id == 0) return int64_t{0};
  if (entity.rfind("record:", 0) == 0) {
    XY_ASSIGN_OR_RETURN(auto r, tx.GetRecord(id));
    return r ? r->subject_id : 0;
  }
  if (entity.rfind("list_entry:", 0) == 0) {
    XY_ASSIGN_OR_RETURN(auto e, tx.GetListEntry(id));
    return e ? e->subject_id : 0;
  }
  if (entity.rfind("commitment:", 0) == 0) {
    XY_ASSIGN_OR_RETURN(auto c, tx.Commitments().GetCommitment(id));
    return c ? c->subject_id : 0;
  }
  return int64_t{0};
}

Result<int64_t> EvaluationService::FullPass(int max_subjects) {
  // Grades are computed in a read snapshot; the write transaction only stores them, so intake
  // and checks wait for the store's writer as briefly as possible.
  std::vector<int64_t> ids;
  std::vector<Pending> computed;
  {
    XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
    if (full_pass_head_ < 0) {
      XY_ASSIGN_OR_RETURN(EventHead head, tx->GetEventHead());
      full_pass_head_ = head.seq;
      full_pass_after_ = 0;
    }
    XY_ASSIGN_OR_RETURN(ids, tx->Evaluations().SubjectsWithFacts(full_pass_after_, max_subjects));
    for (int64_t id : ids) {  // organisations only, by the query
      XY_ASSIGN_OR_RETURN(Computed c, Compute(*tx, id));
      computed.push_back({std::move(c.row), "model"});
    }
  }
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  for (const Pending& p : computed) XY_RETURN_IF_ERROR(Store(*tx, p));
  const bool done = static_cast<int>(ids.size()) < max_subjects;
  if (done) {
    XY_RETURN_IF_ERROR(tx->Evaluations().SetEvaluationCursor({full_pass_head_, model_.Id()}));
  }
  XY_RETURN_IF_ERROR(tx->Commit());
  if (done) {
    full_pass_head_ = -1;
  } else {
    full_pass_after_ = ids.back();
  }
  return static_cast<int64_t>(ids.size());
}

Result<int64_t> EvaluationService::Follow(int max_subjects) {
  std::lock_guard lock(follow_mu_);
  EvaluationCursor cursor;
  std::vector<Pending> computed;
  int64_t seq = 0;
  {
    XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
    XY_ASSIGN_OR_RETURN(cursor, tx->Evaluations().GetEvaluationCursor());
    if (cursor.model != model_.Id()) {
      tx.reset();
      return FullPass(max_subjects);
    }
    seq = cursor.seq;
    std::set<int64_t> seen;
    std::vector<std::pair<int64_t, std::string>> subjects;  // each once, with what moved it
    EventQuery q;
    q.after_seq = cursor.seq;
    q.limit = 5000;
    q.types = kFollowed;
    XY_ASSIGN_OR_RETURN(auto events, tx->FindEvents(q));
    for (const auto& e : events) {
      XY_ASSIGN_OR_RETURN(int64_t subject, SubjectOfEntity(*tx, e.entity));
      if (subject != 0 && seen.insert(subject).second) subjects.emplace_back(subject, e.type);
      seq = e.seq;
      if (static_cast<int>(seen.size()) >= max_subjects) break;
    }
    if (events.size() < static_cast<size_t>(q.limit) &&
        static_cast<int>(seen.size()) < max_subjects) {
      // Nothing followed beyond these: the cursor may move to the head.
      XY_ASSIGN_OR_RETURN(EventHead head, tx->GetEventHead());
      seq = std::max(seq, head.seq);
    }
    XY_ASSIGN_OR_RETURN(auto due, tx->Evaluations().EvaluationsDue(ctx_.clock.Today().ToString(),
                                                                    max_subjects));
    for (int64_t id : due) {
      if (seen.insert(id).second) subjects.emplace_back(id, "window");
    }
    if (subjects.empty() && seq == cursor.seq) return int64_t{0};
    // A change after this snapshot has an event after `seq`: the next round takes it.
    XY_ASSIGN_OR_RETURN(computed, ComputeAll(*tx, subjects));
  }
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  // Another node may have followed meanwhile: then it did this work.
  XY_ASSIGN_OR_RETURN(EvaluationCursor now, tx->Evaluations().GetEvaluationCursor());
  if (now.seq != cursor.seq || now.model != cursor.model) return int64_t{0};
  for (const Pending& p : computed) XY_RETURN_IF_ERROR(Store(*tx, p));
  XY_RETURN_IF_ERROR(tx->Evaluations().SetEvaluationCursor({seq, model_.Id()}));
  XY_RETURN_IF_ERROR(tx->Commit());
  return static_cast<int64_t>(computed.size());
}

const std::string& EvaluationService::BlankGrade() {
  std::lock_guard lock(blank_mu_);
  const Date today = ctx_.clock.Today();
  if (blank_day_ != today.ToString()) {
    blank_grade_ = Evaluate(model_, {}, today).grade;
    blank_day_ = today.ToString();
  }
  return blank_grade_;
}

Result<std::optional<GradeSummary>> EvaluationService::GradeIn(Transaction& tx,
                                                               int64_t subject_id,
                                                               SubjectKind kind) {
  if (kind == SubjectKind::kNaturalPerson) return std::optional<GradeSummary>();
  XY_ASSIGN_OR_RETURN(auto stored, tx.Evaluations().GetEvaluation(subject_id));
  GradeSummary g;
  if (stored && stored->model == model_.Id()) {
    g.grade = stored->grade;
    g.score_tenths = stored->score_tenths;
    g.computed_at = stored->computed_at;
  } else {
    XY_ASSIGN_OR_RETURN(Computed c, Compute(tx, subject_id));
    g.grade = c.row.grade;
    g.score_tenths = c.row.score_tenths;
    g.computed_at = c.row.computed_at;
  }
  g.model = model_.Id();
  if (const GradeBand* b = model_.Band(g.grade)) g.label = b->label;
  g.supervision = model_.SupervisionOf(g.grade);
  return std::optional<GradeSummary>(g);
}

bool EvaluationService::SeesAll(const Principal* p, int64_t subject_id) const {
  if (!p) return false;
  switch (p->role) {
    case Role::kAdmin:
    case Role::kAuditor:
    case Role::kOperator:
    case Role::kOfficer:
      return true;
    case Role::kSubject:
      return p->subject_id != 0 && p->subject_id == subject_id;
    default:
      return false;
  }
}

Result<std::string> EvaluationService::Explained(Transaction& tx, int64_t subject_id, bool full) {
  XY_ASSIGN_OR_RETURN(auto row, tx.SubjectForIndex(subject_id));
  if (!row) return NotFound("subject: 信用主体不存在");
  XY_ASSIGN_OR_RETURN(auto stored, tx.Evaluations().GetEvaluation(subject_id));
  Json out;
  std::string computed_at;
  if (stored && stored->model == model_.Id()) {
    out = Json::parse(stored->explanation, nullptr, false);
    computed_at = stored->computed_at;
  } else {
    XY_ASSIGN_OR_RETURN(Computed c, Compute(tx, subject_id));
    out = Json::parse(c.row.explanation, nullptr, false);
    computed_at = c.row.computed_at;
  }
  if (!out.is_object()) return Internal("evaluation of subject " + std::to_string(subject_id) +
                                        ": stored explanation is not JSON");
  Json subject = {{"code", row->code},
                  {"name", row->name},
                  {"kind", std::string(SubjectKindName(row->kind))}};
  if (!full) {
    return Json{{"subject", subject},
                {"grade", out["grade"]},
                {"label", out["label"]},
                {"model", {{"version", model_.version}, {"name", model_.name}}},
                {"as_of", out["as_of"]}}
        .dump();
  }
  out["subject"] = subject;
  out["computed_at"] = computed_at;
  return out.dump();
}

Result<std::string> EvaluationService::Explain(const Principal* p, const std::string& code) {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  auto found = subjects_.LookupIn(*tx, code, false);
  if (!found.ok()) return found.status();
  const bool full = SeesAll(p, found->id);
  if (found->kind == SubjectKind::kNaturalPerson) {
    // The public learns nothing of a person, not even that the number is known.
    if (!full) return NotFound("subject: 平台没有该号码的信用主体");
    return FailedPrecondition("subject: 自然人不参与公共信用综合评价");
  }
  if (!full && model_.publicity != "grade") {
    return PermissionDenied("evaluation: 公共信用综合评价结果不向社会公开，请登录后查看本主体的评价");
  }
  return Explained(*tx, found->id, full);
}

Result<std::string> EvaluationService::ExplainNow(const std::string& code) {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(SubjectView found, subjects_.LookupIn(*tx, code, false));
  if (found.kind == SubjectKind::kNaturalPerson) {
    return FailedPrecondition("subject: 自然人不参与公共信用综合评价");
  }
  XY_ASSIGN_OR_RETURN(auto row, tx->SubjectForIndex(found.id));
  XY_ASSIGN_OR_RETURN(Computed c, Compute(*tx, found.id));
  Json out = Json::parse(c.row.explanation);
  out["computed_at"] = c.row.computed_at;
  out["subject"] = {{"code", row ? row->code : ""},
                    {"name", found.name},
                    {"kind", std::string(SubjectKindName(found.kind))}};
  return out.dump();
}

Result<std::vector<EvaluationChange>> EvaluationService::History(const Principal& p,
                                                                 const std::string& code,
                                                                 int64_t before_id, int limit) {
  if (limit < 1 || limit > 200) return InvalidArgument("limit: 应在1到200之间");
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  auto found = subjects_.LookupIn(*tx, code, false);
  if (!found.ok()) return found.status();
  if (!SeesAll(&p, found->id)) {
    return PermissionDenied("evaluation: 只有本主体和政府部门可以查看评价历史");
  }
  return tx->Evaluations().EvaluationHistory(found->id, before_id, limit);
}

Result<SampleDraw> EvaluationService::Sample(const Principal& p, const SampleRequest& req) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kOfficer, Role::kAdmin}));
  const std::string seed = NormaliseText(req.seed);
  if (seed.empty() || seed.size() > 64) {
    return InvalidArgument("seed: 请填写随机种子（1到64个字符），同一种子和名录抽出的结果相同");
  }
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  int64_t department_id = 0;
  SampleDraw draw;
  draw.seed = seed;
  if (p.role == Role::kOfficer) {
    department_id = p.department_id;
    XY_ASSIGN_OR_RETURN(auto d, tx->GetDepartment(department_id));
    if (!d) return PermissionDenied("department: 账号未关联部门");
    if (!req.department_code.empty() && req.department_code != d->code) {
      return PermissionDenied("department: 只能为本部门抽取检查对象");
    }
    draw.department = d->name;
  } else if (!req.department_code.empty()) {
    XY_ASSIGN_OR_RETURN(auto d, tx->FindDepartmentByCode(req.department_code));
    if (!d) return NotFound("department: 没有代码为“" + req.department_code + "”的部门");
    department_id = d->id;
    draw.department = d->name;
  }
  XY_ASSIGN_OR_RETURN(auto population, tx->Evaluations().SamplePopulation(department_id));
  std::string listing;
  std::map<std::string, std::vector<std::pair<std::string, int64_t>>> by_grade;
  for (auto& [id, grade] : population) {
    if (grade.empty() || !model_.Band(grade)) grade = BlankGrade();
    listing += std::to_string(id) + ":" + grade + "\n";
    by_grade[grade].emplace_back(Sha256Hex(seed + ":" + std::to_string(id)), id);
  }
  draw.population_digest = Sha256Hex(listing);
  Json picked = Json::array();
  for (const auto& band : model_.bands) {
    auto& members = by_grade[band.grade];
    SampleDraw::PerGrade g;
    g.grade = band.grade;
    g.population = static_cast<int64_t>(members.size());
    const Supervision* s = model_.SupervisionOf(band.grade);
    g.ratio = s ? s->inspection_ratio : 0;
    g.drawn = static_cast<int64_t>(std::ceil(g.ratio * static_cast<double>(g.population) - 1e-9));
    std::sort(members.begin(), members.end());
    for (int64_t i = 0; i < g.drawn; ++i) {
      const int64_t id = members[i].second;
      XY_ASSIGN_OR_RETURN(auto row, tx->SubjectForIndex(id));
      draw.picks.push_back({id, row ? row->code : "", row ? row->name : "", band.grade});
      picked.push_back(id);
    }
    draw.grades.push_back(g);
  }
  XY_RETURN_IF_ERROR(tx->AppendEvent({p.actor, "evaluation.sample_drawn",
                                      "department:" + std::to_string(department_id),
                                      Json{{"seed", seed},
                                           {"population", population.size()},
                                           {"population_digest", draw.population_digest},
                                           {"model", model_.Id()},
                                           {"subjects", picked}}
                                          .dump()},
                                     ctx_.clock.NowTimestamp())
                         .status());
  XY_RETURN_IF_ERROR(tx->Commit());
  return draw;
}

}  // namespace xinyong
