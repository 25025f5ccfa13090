#include "service/commitments/commitment_service.h"

#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/date.h"
#include "core/divisions.h"
#include "core/ids.h"
#include "core/text.h"
#include "rules/record_rules.h"
#include "service/account_service.h"
#include "service/subject_service.h"
#include "store/store.h"

namespace xinyong {
namespace {

using Json = nlohmann::json;

std::string Ref(const Commitment& c) { return "commitment:" + std::to_string(c.id); }

Status NotACommitment(const std::string& code) {
  return NotFound("commitment: 没有承诺编码为“" + code + "”的信用承诺");
}

bool Staff(const Principal& p) {
  return p.role == Role::kAdmin || p.role == Role::kOperator || p.role == Role::kOfficer;
}

// A date field: "" → `fallback`; else as departments write dates.
Result<std::string> DateField(const std::string& field, const std::string& text,
                              const std::string& fallback, bool long_term) {
  const std::string t = NormaliseName(text);
  if (t.empty()) return fallback;
  auto d = ParseDepartmentDate(t, long_term);
  if (!d.ok()) return InvalidArgument(field + ": " + std::string(d.status().message()));
  return d->ToString();
}

Result<std::string> TextField(const std::string& field, const std::string& text, size_t max,
                              bool required, const char* missing) {
  std::string t = NormaliseText(text);
  XY_RETURN_IF_ERROR(CheckChars(field, t, max));
  if (required && t.empty()) return InvalidArgument(field + ": " + missing);
  return t;
}

// The content that makes a commitment sent again "the same": what was signed.
bool SameSigned(const Commitment& a, const Commitment& b) {
  return a.subject_id == b.subject_id && a.kind == b.kind && a.matter == b.matter &&
         a.content == b.content && a.made_on == b.made_on && a.valid_until == b.valid_until &&
         a.publicity == b.publicity;
}

}  // namespace

bool CommitmentService::Sees(const Principal& p, const Commitment& c) const {
  switch (p.role) {
    case Role::kAdmin:
    case Role::kAuditor:
      return true;
    case Role::kOperator:
    case Role::kOfficer:
      return p.department_id != 0 && c.department_id == p.department_id;
    case Role::kSubject:
      return p.subject_id != 0 && c.subject_id == p.subject_id;
    default:
      return false;
  }
}

bool CommitmentService::Shown(const Commitment& c, SubjectKind kind) const {
  return c.publicity == "public" && c.status != "withdrawn" &&
         kind != SubjectKind::kNaturalPerson;
}

Result<std::string> CommitmentService::NextCode(Transaction& tx, const Department& d,
                                                const std::string& made_on) {
  // The division of the department's registration (USCC characters 3-8), else the
  // platform's first division on record.
  std::string division = d.code.size() == 18 ? d.code.substr(2, 6) : "";
  if (division.find_first_not_of("0123456789") != std::string::npos) division.clear();
  if (division.empty()) division = "000000";
  const std::string prefix = division + made_on.substr(0, 4) + made_on.substr(5, 2) +
                             made_on.substr(8, 2);
  XY_ASSIGN_OR_RETURN(std::string last, tx.Commitments().LastCommitmentCode(prefix));
  int64_t serial = 1;
  if (last.size() == 20) serial = std::stoll(last.substr(14)) + 1;
  if (serial > 999999) return ResourceExhausted("commitment: 当日承诺编码已用尽");
  std::string s = std::to_string(serial);
  return prefix + std::string(6 - s.size(), '0') + s;
}

Result<CommitmentService::Signed> CommitmentService::SignIn(Transaction& tx, const Principal& p,
                                                            const CommitmentRequest& req,
                                                            const std::string& now) {
  XY_RETURN_IF_ERROR(RequireRole(
      p, {Role::kAdmin, Role::kOperator, Role::kOfficer, Role::kSubject}));
  const CommitmentKind* kind = policy_.Kind(NormaliseName(req.kind));
  if (!kind) {
    std::string known;
    for (const auto& k : policy_.kinds) known += (known.empty() ? "" : "、") + k.name;
    return InvalidArgument("kind: 承诺类型应为" + known);
  }
  // The accepting department.
  std::optional<Department> dep;
  const std::string dep_code = NormaliseCode(req.department);
  if (!dep_code.empty()) {
    XY_ASSIGN_OR_RETURN(dep, tx.FindDepartmentByCode(dep_code));
    if (!dep) return InvalidArgument("department: 没有代码为“" + dep_code + "”的部门");
  } else if (p.department_id != 0) {
    XY_ASSIGN_OR_RETURN(dep, tx.GetDepartment(p.department_id));
  }
  if (!dep) return InvalidArgument("department: 请写明受理单位（部门的统一社会信用代码）");
  if ((p.role == Role::kOperator || p.role == Role::kOfficer) && dep->id != p.department_id) {
    return PermissionDenied("department: 只能录入本部门受理的信用承诺");
  }
  Commitment c;
  // The subject: a staff entry names it (registered, if new, only once the row is valid).
  SubjectInput subject_in;
  if (p.role == Role::kSubject) {
    if (p.subject_id == 0) return PermissionDenied("subject: 本账号未关联信用主体");
    c.subject_id = p.subject_id;
    c.channel = "self";
  } else {
    const std::string code = NormaliseCode(req.subject_code);
    if (code.empty()) return InvalidArgument("subject.code: 请填写承诺人的统一社会信用代码或居民身份证号");
    const bool uscc = CheckUscc(code).valid();
    if (!uscc && !CheckCitizenId(code, ctx_.divisions, ctx_.clock.Today()).valid()) {
      return InvalidArgument("subject.code: “" + code + "”不是有效的统一社会信用代码或居民身份证号");
    }
    XY_ASSIGN_OR_RETURN(subject_in.name, TextField("subject.name", req.subject_name, kNameChars,
                                                   true, "请填写承诺人名称"));
    subject_in.identifiers = {code};
    auto known = subjects_.LookupIn(tx, code, false);
    if (known.ok()) {
      c.subject_id = known->id;
    } else if (known.status().code() != Code::kNotFound) {
      return known.status();
    }
    c.channel = req.channel.empty() ? "api" : req.channel;
  }
  const std::string today = ctx_.clock.Today().ToString();
  c.kind = kind->code;
  XY_ASSIGN_OR_RETURN(c.matter, TextField("matter", req.matter, 500, false, ""));
  if (c.matter.empty()) c.matter = kind->matter;
  XY_ASSIGN_OR_RETURN(std::string extra, TextField("extra", req.extra, kNoteChars, false, ""));
  c.content = kind->text + (extra.empty() ? "" : "\n" + extra);
  c.liability = kind->liability;
  XY_ASSIGN_OR_RETURN(c.made_on, DateField("made_on", req.made_on, today, false));
  if (c.made_on > today) return InvalidArgument("made_on: 作出日期不能晚于今天");
  XY_ASSIGN_OR_RETURN(c.valid_until, DateField("valid_until", req.valid_until, "", true));
  if (c.valid_until == "2099-12-31") c.valid_until.clear();
  if (!c.valid_until.empty() && c.valid_until < c.made_on) {
    return InvalidArgument("valid_until: 有效期至不能早于作出日期");
  }
  c.publicity = NormaliseName(req.publicity);
  for (const auto& [code, name] : policy_.publicity) {
    if (c.publicity == name) c.publicity = code;
  }
  if (c.publicity.empty()) c.publicity = kind->publicity;
  if (policy_.PublicityName(c.publicity).empty()) {
    return InvalidArgument("publicity: 公开类型应为可向社会公开、特定范围内公开或不可公开");
  }
  c.department_id = dep->id;
  XY_ASSIGN_OR_RETURN(c.source_id, TextField("source_id", req.source_id, 64, false, ""));
  if (c.source_id.empty() && p.role != Role::kSubject && req.channel == "upload" &&
      NormaliseCode(req.code).empty()) {
    return InvalidArgument("source_id: 请填写原系统编号或承诺编码（重复报送时据此识别同一承诺）");
  }
  c.signed_by = p.actor;
  if (kind->verify == "material") {
    XY_ASSIGN_OR_RETURN(Date from, Date::Parse(c.made_on));
    XY_ASSIGN_OR_RETURN(DueDate due, ctx_.calendar.DueAfter(from, kind->material_working_days));
    c.material_due = due.date.ToString();
  }
  std::optional<CheckedAttachment> scan;
  if (req.scan) {
    AttachmentCaps caps{1, policy_.max_scan_bytes};
    XY_ASSIGN_OR_RETURN(auto files, CheckAttachments({*req.scan}, caps));
    scan = files.at(0);
  } else if (req.channel == "counter") {
    return InvalidArgument("scan: 窗口录入的信用承诺须上传承诺人签章的承诺书扫描件");
  }

  const std::string given = NormaliseCode(req.code);
  if (!given.empty()) {
    // A code the department's system assigned: division (6) + date (8) + serial (6).
    const bool digits = given.size() == 20 && given.find_first_not_of("0123456789") ==
                                                  std::string::npos;
    auto day = digits ? Date::Parse(given.substr(6, 4) + "-" + given.substr(10, 2) + "-" +
                                    given.substr(12, 2))
                      : Result<Date>(InvalidArgument("not digits"));
    if (!digits || !day.ok() || !ctx_.divisions.Find(given.substr(0, 6))) {
      return InvalidArgument("code: 承诺编码应为20位数字：行政区划代码6位、日期8位、流水号6位");
    }
  }
  // Sent before: the same commitment, unchanged; different content is refused.
  std::optional<Commitment> before;
  if (!given.empty()) {
    XY_ASSIGN_OR_RETURN(before, tx.Commitments().FindCommitmentByCode(given));
  } else if (!c.source_id.empty()) {
    XY_ASSIGN_OR_RETURN(before, tx.Commitments().FindCommitmentBySource(c.department_id,
                                                                       c.source_id));
  }
  if (before) {
    if (before->department_id != c.department_id || !SameSigned(*before, c)) {
      return Conflict((given.empty() ? "source_id: 原系统编号“" + c.source_id
                                     : "code: 承诺编码“" + given) +
                      "”已有内容不同的信用承诺（" + before->code + "）；承诺作出后不能修改");
    }
    return Signed{*before, true};
  }
  if (p.role != Role::kSubject) {
    XY_ASSIGN_OR_RETURN(auto reg, subjects_.RegisterIn(tx, p, subject_in, now));
    c.subject_id = reg.subject.id;
  }
  if (!given.empty()) {
    c.code = given;
  } else {
    XY_ASSIGN_OR_RETURN(c.code, NextCode(tx, *dep, c.made_on));
  }
  c.status = "in_force";
  c.created_at = c.updated_at = now;
  XY_ASSIGN_OR_RETURN(c.id, tx.Commitments().InsertCommitment(c));
  if (scan) {
    XY_RETURN_IF_ERROR(tx.Commitments().InsertCommitmentScan(
        {c.id, static_cast<int64_t>(scan->bytes.size()), scan->sha256,
         ctx_.cipher.Encrypt(scan->name), ctx_.cipher.Encrypt(scan->bytes)}));
  }
  Json payload = {{"code", c.code},         {"kind", c.kind},
                  {"subject_id", c.subject_id}, {"department_id", c.department_id},
                  {"publicity", c.publicity}, {"channel", c.channel},
                  {"material_due", c.material_due}};
  if (scan) payload["scan_sha256"] = scan->sha256;
  XY_RETURN_IF_ERROR(
      tx.AppendEvent({p.actor, "commitment.signed", Ref(c), payload.dump()}, now).status());
  return Signed{c, false};
}

Result<CommitmentView> CommitmentService::Sign(const Principal& p, CommitmentRequest req) {
  if (req.channel.empty()) req.channel = "api";
  const std::string now = ctx_.clock.NowTimestamp();
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(Signed s, SignIn(*tx, p, req, now));
  XY_ASSIGN_OR_RETURN(CommitmentView v, ViewIn(*tx, s.commitment, true));
  XY_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<CommitmentView> CommitmentService::ViewIn(Transaction& tx, const Commitment& c,
                                                 bool staff) {
  CommitmentView v;
  v.commitment = c;
  const CommitmentKind* k = policy_.Kind(c.kind);
  v.kind_name = k ? k->name : c.kind;
  v.publicity_name = policy_.PublicityName(c.publicity);
  XY_ASSIGN_OR_RETURN(auto d, tx.GetDepartment(c.department_id));
  if (d) {
    v.department_code = d->code;
    v.department_name = d->name;
  }
  XY_ASSIGN_OR_RETURN(auto row, tx.SubjectForIndex(c.subject_id));
  if (row) {
    const bool person = row->kind == SubjectKind::kNaturalPerson;
    v.subject_code = person ? MaskIdNumber(row->code) : row->code;
    v.subject_name = person ? MaskPersonName(row->name) : row->name;
    v.subject_kind = std::string(SubjectKindName(row->kind));
  }
  v.material_overdue = c.status == "in_force" && !c.material_due.empty() &&
                       c.material_due < ctx_.clock.Today().ToString();
  if (staff) {
    XY_ASSIGN_OR_RETURN(auto scan, tx.Commitments().GetCommitmentScan(c.id));
    if (scan) {
      XY_ASSIGN_OR_RETURN(std::string name, ctx_.cipher.Decrypt(scan->name_sealed));
      v.scan = CommitmentView::Scan{name, scan->size, scan->sha256};
    }
  } else {
    v.commitment.signed_by.clear();
    v.commitment.decided_by.clear();
    v.commitment.source_id.clear();
    v.commitment.outcome_note.clear();
  }
  return v;
}

Result<Commitment> CommitmentService::Acting(Transaction& tx, const Principal& p,
                                             const std::string& code) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kOperator, Role::kOfficer}));
  XY_ASSIGN_OR_RETURN(auto c, tx.Commitments().FindCommitmentByCode(NormaliseCode(code)));
  if (!c || !Sees(p, *c)) return NotACommitment(code);
  if (c->status != "in_force") {
    return FailedPrecondition("status: 该信用承诺已" +
                              std::string(c->status == "fulfilled"   ? "认定履约"
                                          : c->status == "breached" ? "认定违诺"
                                                                    : "撤回") +
                              "，不能再次处理");
  }
  return *c;
}

Result<int64_t> CommitmentService::BreachRecord(const Principal& p, const Commitment& c,
                                                const FulfilmentRequest& req) {
  Subject subject;
  std::optional<Department> dep;
  {
    XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
    XY_ASSIGN_OR_RETURN(subject, tx->GetSubject(c.subject_id));
    XY_ASSIGN_OR_RETURN(dep, tx->GetDepartment(c.department_id));
  }
  if (!dep) return Internal("commitment " + c.code + ": its department is gone");
  const bool person = subject.kind == SubjectKind::kNaturalPerson;
  const auto& f = policy_.breach_fields;
  Json row = Json::object();
  row[f.at("subject_name")] = subject.name;
  row[f.at("subject_category")] = person ? "自然人"
                                  : subject.kind == SubjectKind::kIndividualBusiness
                                      ? "个体工商户"
                                      : "法人及非法人组织";
  // The identifier the commitment was signed under: a person's number is opened from its seal.
  for (const StoredIdentifier& id : subject.identifiers) {
    if (person && id.kind == IdKind::kCitizenId && !id.sealed.empty()) {
      XY_ASSIGN_OR_RETURN(std::string number, ctx_.cipher.Decrypt(id.sealed));
      row[f.at("id_type")] = "01";
      row[f.at("id_number")] = number;
    } else if (!person && id.kind == IdKind::kUscc) {
      row[f.at("uscc")] = id.display;
    }
  }
  row[f.at("code")] = c.code;
  row[f.at("kind")] = c.kind;
  row[f.at("matter")] = c.matter;
  row[f.at("made_on")] = c.made_on;
  row[f.at("performance")] = req.performance;
  row[f.at("unperformed")] = req.unperformed;
  row[f.at("liability_pursued")] = req.liability_pursued;
  row[f.at("decided_on")] = req.decided_on;
  row[f.at("department_name")] = dep->name;
  row[f.at("department_code")] = dep->code;
  row[f.at("basis")] = req.basis;
  if (!req.note.empty()) row[f.at("note")] = req.note.substr(0, 1500);
  // The accepting department's record, submitted as its own: the commitment's rules (its
  // operators and officers decide) stand in for intake's (operators submit).
  Principal as_department{p.actor, Role::kOperator, p.user_id, c.department_id, 0};
  IntakeRequest ir{dep->code, policy_.breach_item, "commitment", ""};
  XY_ASSIGN_OR_RETURN(IntakeSummary s,
                      intake_.ImportFile(as_department, ir, Json::array({row}).dump()));
  if (s.rejected > 0) {
    std::string why;
    for (const auto& e : s.errors) why += (why.empty() ? "" : "；") + e.field + ": " + e.message;
    return InvalidArgument("违诺记录未通过校验：" + why);
  }
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto rec, tx->FindRecord(c.department_id, policy_.breach_item, c.code));
  if (!rec) return Internal("commitment " + c.code + ": the breach record was not kept");
  return rec->id;
}

Result<CommitmentView> CommitmentService::Decide(const Principal& p, const std::string& code,
                                                 const FulfilmentRequest& in) {
  FulfilmentRequest req = in;
  const std::string today = ctx_.clock.Today().ToString();
  Commitment c;
  {
    XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
    XY_ASSIGN_OR_RETURN(c, Acting(*tx, p, code));
  }
  XY_ASSIGN_OR_RETURN(req.note, TextField("note", req.note, kNoteChars, false, ""));
  XY_ASSIGN_OR_RETURN(req.decided_on, DateField("decided_on", req.decided_on, today, false));
  if (req.decided_on > today) return InvalidArgument("decided_on: 认定日期不能晚于今天");
  if (req.decided_on < c.made_on) return InvalidArgument("decided_on: 认定日期不能早于承诺作出日期");
  if (req.result == "breached") {
    if (req.performance != "partial" && req.performance != "none") {
      return InvalidArgument("performance: 违诺时履行状态应为 partial（部分履行）或 none（全部未履行）");
    }
    XY_ASSIGN_OR_RETURN(req.unperformed, TextField("unperformed", req.unperformed, 2000, true,
                                                   "请写明未履行的承诺内容"));
    XY_ASSIGN_OR_RETURN(req.liability_pursued,
                        TextField("liability_pursued", req.liability_pursued, 2000, true,
                                  "请写明违诺责任追究内容"));
    XY_ASSIGN_OR_RETURN(req.basis, TextField("basis", req.basis, 500, true, "请写明认定依据"));
  } else if (req.result == "fulfilled") {
    if (!req.performance.empty() || !req.unperformed.empty() || !req.liability_pursued.empty()) {
      return InvalidArgument("result: 认定履约时不填写履行状态、未履行内容和违诺责任");
    }
    req.basis = NormaliseText(req.basis);
  } else {
    return InvalidArgument("result: 应为 fulfilled（已履约）或 breached（违诺）");
  }
  if (req.result == "breached") {
    // Through intake first: the record is kept under the commitment's code, so a decision
    // interrupted after it and sent again finds the same record unchanged.
    XY_ASSIGN_OR_RETURN(c.record_id, BreachRecord(p, c, req));
  }
  const std::string now = ctx_.clock.NowTimestamp();
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(Commitment fresh, Acting(*tx, p, code));
  fresh.status = req.result;
  fresh.performance = req.result == "breached" ? req.performance : "full";
  fresh.unperformed = req.unperformed;
  fresh.liability_pursued = req.liability_pursued;
  fresh.basis = req.basis;
  fresh.outcome_note = req.note;
  fresh.decided_on = req.decided_on;
  fresh.decided_by = p.actor;
  fresh.record_id = c.record_id;
  fresh.updated_at = now;
  XY_RETURN_IF_ERROR(tx->Commitments().UpdateCommitment(fresh));
  Json payload = {{"code", fresh.code},
                  {"performance", fresh.performance},
                  {"decided_on", fresh.decided_on},
                  {"record_id", fresh.record_id}};
  XY_RETURN_IF_ERROR(tx->AppendEvent({p.actor, "commitment." + req.result, Ref(fresh),
                                      payload.dump()},
                                     now)
                         .status());
  XY_ASSIGN_OR_RETURN(CommitmentView v, ViewIn(*tx, fresh, true));
  XY_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<CommitmentView> CommitmentService::Withdraw(const Principal& p, const std::string& code,
                                                   const std::string& reason) {
  XY_ASSIGN_OR_RETURN(std::string why, TextField("reason", reason, kNoteChars, true,
                                                 "请写明撤回的理由"));
  const std::string now = ctx_.clock.NowTimestamp();
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(Commitment c, Acting(*tx, p, code));
  c.status = "withdrawn";
  c.outcome_note = why;
  c.decided_by = p.actor;
  c.updated_at = now;
  XY_RETURN_IF_ERROR(tx->Commitments().UpdateCommitment(c));
  XY_RETURN_IF_ERROR(tx->AppendEvent({p.actor, "commitment.withdrawn", Ref(c),
                                      Json{{"code", c.code}, {"reason_sha256", Sha256Hex(why)}}
                                          .dump()},
                                     now)
                         .status());
  XY_ASSIGN_OR_RETURN(CommitmentView v, ViewIn(*tx, c, true));
  XY_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<CommitmentView> CommitmentService::Get(const Principal& p, const std::string& code) {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto c, tx->Commitments().FindCommitmentByCode(NormaliseCode(code)));
  if (!c || !Sees(p, *c)) return NotACommitment(code);
  return ViewIn(*tx, *c, true);
}

Result<std::vector<CommitmentView>> CommitmentService::List(const Principal& p,
                                                            CommitmentQuery q) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kAuditor, Role::kOperator,
                                     Role::kOfficer, Role::kSubject}));
  if (p.role == Role::kOperator || p.role == Role::kOfficer) q.department_id = p.department_id;
  if (p.role == Role::kSubject) q.subject_id = p.subject_id;
  q.limit = std::clamp(q.limit, 1, 200);
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto found, tx->Commitments().FindCommitments(q));
  std::vector<CommitmentView> out;
  for (const auto& c : found) {
    if (!Sees(p, c)) continue;
    XY_ASSIGN_OR_RETURN(CommitmentView v, ViewIn(*tx, c, true));
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::pair<std::string, std::string>> CommitmentService::Scan(const Principal& p,
                                                                    const std::string& code) {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto c, tx->Commitments().FindCommitmentByCode(NormaliseCode(code)));
  if (!c || !Sees(p, *c)) return NotACommitment(code);
  XY_ASSIGN_OR_RETURN(auto scan, tx->Commitments().GetCommitmentScan(c->id));
  if (!scan) return NotFound("scan: 该信用承诺没有承诺书扫描件");
  XY_ASSIGN_OR_RETURN(std::string name, ctx_.cipher.Decrypt(scan->name_sealed));
  XY_ASSIGN_OR_RETURN(std::string bytes, ctx_.cipher.Decrypt(scan->content_sealed));
  return std::pair{name, bytes};
}

Result<std::vector<CommitmentView>> CommitmentService::PublicList(CommitmentQuery q) {
  q.publicity = "public";
  q.department_id = 0;
  q.status.clear();
  q.material_due_before.clear();
  const int want = std::clamp(q.limit, 1, 100);
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  std::vector<CommitmentView> out;
  // Withdrawn ones and natural persons' are skipped: read on until the page is full.
  while (static_cast<int>(out.size()) < want) {
    q.limit = want;
    XY_ASSIGN_OR_RETURN(auto found, tx->Commitments().FindCommitments(q));
    for (const auto& c : found) {
      XY_ASSIGN_OR_RETURN(auto row, tx->SubjectForIndex(c.subject_id));
      if (!row || !Shown(c, row->kind)) continue;
      XY_ASSIGN_OR_RETURN(CommitmentView v, ViewIn(*tx, c, false));
      out.push_back(std::move(v));
      if (static_cast<int>(out.size()) >= want) break;
    }
    if (static_cast<int>(found.size()) < q.limit) break;
    q.before_id = found.back().id;
  }
  return out;
}

Result<CommitmentView> CommitmentService::PublicGet(const std::string& code) {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto c, tx->Commitments().FindCommitmentByCode(NormaliseCode(code)));
  if (!c) return NotACommitment(code);
  XY_ASSIGN_OR_RETURN(auto row, tx->SubjectForIndex(c->subject_id));
  if (!row || !Shown(*c, row->kind)) return NotACommitment(code);
  return ViewIn(*tx, *c, false);
}

Result<int> CommitmentService::FlagOverdueMaterials() {
  const std::string today = ctx_.clock.Today().ToString();
  const std::string now = ctx_.clock.NowTimestamp();
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  CommitmentQuery q;
  q.material_due_before = today;
  q.limit = 500;
  XY_ASSIGN_OR_RETURN(auto due, tx->Commitments().FindCommitments(q));
  for (auto& c : due) {
    c.due_flagged_at = now;
    XY_RETURN_IF_ERROR(tx->Commitments().UpdateCommitment(c));
    XY_RETURN_IF_ERROR(
        tx->InsertNotice({0, c.department_id, c.subject_id, "commitment.material_overdue",
                          Ref(c),
                          "容缺受理承诺" + c.code + "的补正材料应于" + c.material_due +
                              "前提交，至今未认定履约，请核实后认定履约或违诺",
                          now, ""})
            .status());
    XY_RETURN_IF_ERROR(tx->AppendEvent({"system", "commitment.material_overdue", Ref(c),
                                        Json{{"code", c.code}, {"material_due", c.material_due}}
                                            .dump()},
                                       now)
                           .status());
  }
  if (due.empty()) return 0;
  XY_RETURN_IF_ERROR(tx->Commit());
  return static_cast<int>(due.size());
}

Result<std::optional<Commitment>> CommitmentService::RepairCommitmentIn(
    Transaction& tx, int64_t subject_id, const std::string& code) const {
  const CommitmentKind* repair = nullptr;
  for (const auto& k : policy_.kinds) {
    if (k.repair) repair = &k;
  }
  if (!repair) return std::optional<Commitment>();
  const auto usable = [&](const Commitment& c) {
    return c.subject_id == subject_id && c.kind == repair->code &&
           (c.status == "in_force" || c.status == "fulfilled");
  };
  if (!code.empty()) {
    XY_ASSIGN_OR_RETURN(auto c, tx.Commitments().FindCommitmentByCode(NormaliseCode(code)));
    if (!c || !usable(*c)) {
      return InvalidArgument("commitment_code: “" + code + "”不是该主体有效的" + repair->name +
                             "承诺");
    }
    return c;
  }
  CommitmentQuery q;
  q.subject_id = subject_id;
  q.kind = repair->code;
  q.limit = 20;
  XY_ASSIGN_OR_RETURN(auto found, tx.Commitments().FindCommitments(q));
  for (const auto& c : found) {
    if (usable(c)) return std::optional<Commitment>(c);
  }
  return std::optional<Commitment>();
}

}  // namespace xinyong
