#include "service/tips/tip_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/ids.h"
#include "core/text.h"
#include "service/account_service.h"
#include "service/deadlines/deadlines.h"
#include "service/messages/case_codes.h"
#include "service/subject_service.h"
#include "store/store.h"

namespace xinyong {
namespace {

using Json = nlohmann::json;

std::string Ref(int64_t id) { return "tip:" + std::to_string(id); }

bool Final(const Tip& t) {
  return t.status == "filed" || t.status == "declined" || t.status == "refused";
}

Status NotATip(int64_t id) { return NotFound("tip: 举报" + std::to_string(id) + "不存在"); }

std::vector<int> Withheld(const Tip& t) {
  std::vector<int> out;
  Json j = Json::parse(t.withheld.empty() ? "[]" : t.withheld, nullptr, false);
  if (j.is_array()) {
    for (const auto& n : j) {
      if (n.is_number_integer()) out.push_back(n.get<int>());
    }
  }
  return out;
}

Result<Department> DepartmentByCode(Transaction& tx, const std::string& code,
                                    const char* field) {
  const std::string c = NormaliseCode(code);
  if (c.empty()) return InvalidArgument(std::string(field) + ": 请选择承办部门");
  XY_ASSIGN_OR_RETURN(auto d, tx.FindDepartmentByCode(c));
  if (!d) return InvalidArgument(std::string(field) + ": 没有代码为“" + c + "”的部门");
  return *d;
}

// The written text of a step (reasons, notes): required or not, within the note limit.
Result<std::string> Note(const std::string& field, const std::string& text, bool required,
                         const char* missing) {
  std::string t = NormaliseText(text);
  XY_RETURN_IF_ERROR(CheckChars(field, t, kNoteChars));
  if (required && t.empty()) return InvalidArgument(field + ": " + missing);
  return t;
}

}  // namespace

Result<std::string> TipService::Open(const std::string& sealed) const {
  if (sealed.empty()) return std::string();
  return ctx_.cipher.Decrypt(sealed);
}

std::string TipService::Overdue(const Tip& t, const std::string& today) const {
  if (Final(t)) return "";
  if (t.status == "submitted" && !t.route_due.empty() && today > t.route_due) return "route";
  if (t.status == "routed" && !t.answer_due.empty() && today > t.answer_due) return "answer";
  if (!t.total_due.empty() && today > t.total_due) return "total";
  return "";
}

// Admins and auditors see every tip; operators only those routed to their department now.
bool TipService::Sees(const Principal& p, const Tip& t) const {
  if (p.role == Role::kAdmin || p.role == Role::kAuditor) return true;
  return p.role == Role::kOperator && t.status == "routed" && t.department_id != 0 &&
         t.department_id == p.department_id;
}

Result<FiledTip> TipService::File(const TipRequest& req) {
  const std::string subject = NormaliseName(req.subject);
  if (subject.empty()) return InvalidArgument("subject: 请填写被举报主体的名称或统一社会信用代码");
  XY_RETURN_IF_ERROR(CheckChars("subject", subject, kNameChars));
  const std::string facts = NormaliseText(req.facts);
  if (facts.empty()) return InvalidArgument("facts: 请写明举报的事实");
  XY_RETURN_IF_ERROR(CheckChars("facts", facts, kLongTextChars));
  TipContact c{NormaliseName(req.contact.name), NormaliseName(req.contact.phone),
               NormaliseName(req.contact.email)};
  XY_RETURN_IF_ERROR(CheckChars("contact.name", c.name, kNameChars));
  for (auto [field, value] : {std::pair{"contact.phone", &c.phone},
                              std::pair{"contact.email", &c.email}}) {
    XY_RETURN_IF_ERROR(CheckChars(field, *value, kContactChars));
    if (!value->empty()) XY_RETURN_IF_ERROR(CheckContact(field, *value));
  }
  if (!c.phone.empty() && c.phone.find('@') != std::string::npos) {
    return InvalidArgument("contact.phone: 请填写电话号码；电子邮箱请填在 contact.email");
  }
  if (!c.email.empty() && c.email.find('@') == std::string::npos) {
    return InvalidArgument("contact.email: 请填写电子邮箱；电话号码请填在 contact.phone");
  }
  XY_ASSIGN_OR_RETURN(auto files, CheckAttachments(req.attachments, policy_.attachments));

  Tip t;
  t.subject_sealed = ctx_.cipher.Encrypt(subject);
  t.facts_sealed = ctx_.cipher.Encrypt(facts);
  t.facts_sha256 = Sha256Hex(facts);
  if (!c.empty()) {
    t.contact_sealed =
        ctx_.cipher.Encrypt(Json{{"name", c.name}, {"phone", c.phone}, {"email", c.email}}.dump());
  }
  t.attachments = static_cast<int>(files.size());
  t.withheld = "[]";
  // A code the platform knows links the tip to its subject for the office; a name does not.
  if (auto known = subjects_.Lookup(subject); known.ok()) t.subject_id = known->id;

  const Date today = ctx_.clock.Today();
  XY_ASSIGN_OR_RETURN(DueDate route_due,
                      ctx_.calendar.DueAfter(today, policy_.limits.route_working_days));
  XY_ASSIGN_OR_RETURN(DueDate total_due,
                      ctx_.calendar.DueAfter(today, policy_.limits.total_working_days));
  t.route_due = route_due.date.ToString();
  t.total_due = total_due.date.ToString();
  const std::string now = ctx_.clock.NowTimestamp();
  t.submitted_at = t.updated_at = now;
  IssuedCode code = IssueCaseCode();
  t.token_hash = code.hash;

  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(t.id, tx->Tips().InsertTip(t));
  std::vector<TipAttachment> sealed;
  for (size_t i = 0; i < files.size(); ++i) {
    sealed.push_back({t.id, static_cast<int>(i + 1), static_cast<int64_t>(files[i].bytes.size()),
                      files[i].sha256, ctx_.cipher.Encrypt(files[i].name),
                      ctx_.cipher.Encrypt(files[i].bytes)});
  }
  XY_RETURN_IF_ERROR(tx->Tips().InsertTipAttachments(sealed));
  XY_RETURN_IF_ERROR(RememberDeadline(*tx, Ref(t.id), "route_due", today,
                                      policy_.limits.route_working_days, route_due, now));
  XY_RETURN_IF_ERROR(RememberDeadline(*tx, Ref(t.id), "total_due", today,
                                      policy_.limits.total_working_days, total_due, now));
  XY_RETURN_IF_ERROR(tx->AppendCaseStep({"tip", t.id, 0, now, "public", "submitted",
                                         "举报已提交，信用办将于" + t.route_due +
                                             "前转交主管部门办理"})
                         .status());
  // Events carry no text of the tip: a digest of the facts, counts and flags only.
  Json payload = {{"facts_sha256", t.facts_sha256},
                  {"attachments", t.attachments},
                  {"anonymous", c.empty()},
                  {"route_due", t.route_due}};
  XY_RETURN_IF_ERROR(
      tx->AppendEvent({"public", "tip.submitted", Ref(t.id), payload.dump()}, now).status());
  XY_RETURN_IF_ERROR(tx->Commit());
  return FiledTip{t, code.code};
}

Result<TipView> TipService::Staff(Transaction& tx, const Principal& p, const Tip& t,
                                  bool with_steps) {
  TipView v;
  v.tip = t;
  v.overdue = Overdue(t, ctx_.clock.Today().ToString());
  XY_ASSIGN_OR_RETURN(std::string subject, Open(t.subject_sealed));
  XY_ASSIGN_OR_RETURN(std::string facts, Open(t.facts_sealed));
  v.subject_text = MaskIdNumbersIn(subject);
  v.facts = MaskIdNumbersIn(facts);
  if (t.subject_id != 0) {
    XY_ASSIGN_OR_RETURN(auto row, tx.SubjectForIndex(t.subject_id));
    if (row) {
      const bool person = row->kind == SubjectKind::kNaturalPerson;
      v.subject_code = person ? MaskIdNumber(row->code) : row->code;
      v.subject_name = person ? MaskPersonName(row->name) : row->name;
    }
  }
  if (t.department_id != 0) {
    XY_ASSIGN_OR_RETURN(auto d, tx.GetDepartment(t.department_id));
    if (d) v.department_name = d->name;
  }
  const std::vector<int> withheld = Withheld(t);
  const bool department = p.role == Role::kOperator;
  XY_ASSIGN_OR_RETURN(auto heads, tx.Tips().TipAttachmentHeads(t.id));
  for (const auto& h : heads) {
    const bool held = std::find(withheld.begin(), withheld.end(), h.n) != withheld.end();
    if (department && held) continue;
    XY_ASSIGN_OR_RETURN(std::string name, Open(h.name_sealed));
    v.files.push_back({h.n, name, h.size, h.sha256, held});
  }
  if (with_steps) {
    XY_ASSIGN_OR_RETURN(v.steps, tx.ListCaseSteps("tip", t.id));
    // What concerns the tipster (a code sent again to the contact) is the office's alone.
    if (department) {
      std::erase_if(v.steps, [](const CaseStep& s) { return s.step == "code_resent"; });
    }
  }
  if (department) {
    // The office's file numbering and withholding say something about the tipster's files.
    v.tip.withheld = "[]";
  }
  return v;
}

template <typename F>
Result<TipView> TipService::Step(const Principal& p, int64_t id, const char* step, F&& change) {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(auto found, tx->Tips().GetTip(id));
  if (!found || !Sees(p, *found)) return NotATip(id);
  Tip t = *found;
  const std::string late = Overdue(t, ctx_.clock.Today().ToString());
  std::string name = step;
  std::string note;
  XY_RETURN_IF_ERROR(change(*tx, t, name, note));
  const std::string now = ctx_.clock.NowTimestamp();
  t.updated_at = now;
  XY_RETURN_IF_ERROR(tx->Tips().UpdateTip(t));
  if (!late.empty()) {
    note += std::string("（超过") +
            (late == "route" ? "转办" : late == "answer" ? "办理" : "全程") + "时限）";
  }
  XY_RETURN_IF_ERROR(tx->AppendCaseStep({"tip", id, 0, now, p.actor, name, note}).status());
  Json payload = {{"status", t.status},
                  {"department", t.department_id},
                  {"transfers", t.transfers},
                  {"late", late}};
  XY_RETURN_IF_ERROR(
      tx->AppendEvent({p.actor, "tip." + name, Ref(id), payload.dump()}, now).status());
  XY_ASSIGN_OR_RETURN(TipView v, Staff(*tx, p, t, true));
  XY_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<TipView> TipService::Route(const Principal& p, int64_t id,
                                  const std::string& department_code,
                                  const std::string& subject_code,
                                  const std::vector<int>& withhold, const std::string& note) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin}));
  XY_ASSIGN_OR_RETURN(std::string remark, Note("note", note, false, ""));
  int64_t subject_id = 0;
  if (!NormaliseCode(subject_code).empty()) {
    auto s = subjects_.Lookup(subject_code);
    if (!s.ok()) return InvalidArgument("subject: 平台上没有代码为“" + subject_code + "”的主体");
    subject_id = s->id;
  }
  XY_ASSIGN_OR_RETURN(DueDate answer, ctx_.calendar.DueAfter(
                                          ctx_.clock.Today(), policy_.limits.answer_working_days));
  return Step(p, id, "routed",
              [&](Transaction& tx, Tip& t, std::string&, std::string& out) -> Status {
                if (t.status != "submitted" && t.status != "routed") {
                  return FailedPrecondition("status: 只能转办待转办或办理中的举报，当前为" +
                                            t.status);
                }
                XY_ASSIGN_OR_RETURN(Department d, DepartmentByCode(tx, department_code,
                                                                   "department"));
                for (int n : withhold) {
                  if (n < 1 || n > t.attachments) {
                    return InvalidArgument("withhold_attachments: 该举报没有第" +
                                           std::to_string(n) + "个附件");
                  }
                }
                Json held = Json::array();
                for (int n : withhold) held.push_back(n);
                t.withheld = held.dump();
                if (subject_id != 0) t.subject_id = subject_id;
                t.status = "routed";
                t.department_id = d.id;
                t.routed_at = ctx_.clock.NowTimestamp();
                t.answer_due = answer.date.ToString();
                t.extension_requested_at.clear();
                t.extension_reason.clear();
                t.extended = false;
                XY_RETURN_IF_ERROR(RememberDeadline(tx, Ref(t.id), "answer_due",
                                                    ctx_.clock.Today(),
                                                    policy_.limits.answer_working_days, answer,
                                                    t.routed_at));
                out = "已转交" + d.name + "办理，应于" + t.answer_due + "前答复" +
                      (remark.empty() ? "" : "。" + remark);
                return Status::Ok();
              });
}

Result<TipView> TipService::Refuse(const Principal& p, int64_t id, const std::string& reason) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin}));
  XY_ASSIGN_OR_RETURN(std::string why, Note("reason", reason, true, "不予受理须说明理由"));
  return Step(p, id, "refused", [&](Transaction&, Tip& t, std::string&, std::string& out) {
    if (t.status != "submitted") {
      return FailedPrecondition("status: 只能对待转办的举报不予受理，当前为" + t.status);
    }
    t.status = "refused";
    t.refuse_reason = why;
    t.answered_at = ctx_.clock.NowTimestamp();
    out = "不予受理：" + why;
    return Status::Ok();
  });
}

Result<TipView> TipService::AnswerTip(const Principal& p, int64_t id, const Answer& a) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kOperator}));
  const bool filed = a.answer == "filed", declined = a.answer == "declined",
             transferred = a.answer == "transferred";
  if (!filed && !declined && !transferred) {
    return InvalidArgument(
        "answer: 应为 filed（立案）、declined（不予立案）或 transferred（移交）");
  }
  XY_ASSIGN_OR_RETURN(std::string note,
                      Note("note", a.note, !filed,
                           declined ? "不予立案须写明理由" : "移交须写明理由"));
  std::string reason;
  if (declined) {
    reason = policy_.DeclineReason(a.reason_code);
    if (reason.empty()) {
      std::string codes;
      for (const auto& [code, text] : policy_.decline_reasons) {
        codes += (codes.empty() ? "" : "、") + code + "（" + text + "）";
      }
      return InvalidArgument("reason_code: 应为 " + codes + " 之一");
    }
  }
  const std::string case_number = NormaliseName(a.case_number);
  XY_RETURN_IF_ERROR(CheckChars("case_number", case_number, kDocumentChars));
  XY_ASSIGN_OR_RETURN(DueDate fresh, ctx_.calendar.DueAfter(
                                         ctx_.clock.Today(), policy_.limits.answer_working_days));
  XY_ASSIGN_OR_RETURN(DueDate route, ctx_.calendar.DueAfter(ctx_.clock.Today(),
                                                            policy_.limits.route_working_days));
  return Step(p, id, "answered",
              [&](Transaction& tx, Tip& t, std::string& step, std::string& out) -> Status {
                if (t.status != "routed") {
                  return FailedPrecondition("status: 只能答复办理中的举报，当前为" + t.status);
                }
                const std::string now = ctx_.clock.NowTimestamp();
                if (filed || declined) {
                  t.status = t.answer = a.answer;
                  t.answer_note = note;
                  t.reason_code = declined ? a.reason_code : "";
                  t.case_number = filed ? case_number : "";
                  t.answered_at = now;
                  step = a.answer;
                  out = filed ? "主管部门已立案调查" + (note.empty() ? "" : "。" + note)
                              : "不予立案：" + reason + "。" + note;
                  return Status::Ok();
                }
                XY_ASSIGN_OR_RETURN(Department d, DepartmentByCode(tx, a.department_code,
                                                                   "department"));
                if (d.id == t.department_id) {
                  return InvalidArgument("department: 不能移交给本部门");
                }
                ++t.transfers;
                t.extension_requested_at.clear();
                t.extension_reason.clear();
                t.extended = false;
                if (t.transfers > policy_.limits.max_transfers) {
                  // Too many hands: the office decides where it goes.
                  t.status = "submitted";
                  t.department_id = 0;
                  t.answer_due.clear();
                  t.route_due = route.date.ToString();
                  XY_RETURN_IF_ERROR(RememberDeadline(tx, Ref(t.id), "route_due",
                                                      ctx_.clock.Today(),
                                                      policy_.limits.route_working_days, route,
                                                      now));
                  step = "returned_to_office";
                  out = "移交次数已达上限（" + std::to_string(policy_.limits.max_transfers) +
                        "次），退回信用办重新转办。移交理由：" + note;
                  return Status::Ok();
                }
                t.department_id = d.id;
                t.routed_at = now;
                t.answer_due = fresh.date.ToString();
                XY_RETURN_IF_ERROR(RememberDeadline(tx, Ref(t.id), "answer_due",
                                                    ctx_.clock.Today(),
                                                    policy_.limits.answer_working_days, fresh,
                                                    now));
                step = "transferred";
                out = "已移交" + d.name + "办理，应于" + t.answer_due + "前答复。移交理由：" +
                      note;
                return Status::Ok();
              });
}

Result<TipView> TipService::RequestExtension(const Principal& p, int64_t id,
                                             const std::string& reason) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kOperator}));
  XY_ASSIGN_OR_RETURN(std::string why, Note("reason", reason, true, "申请延期须说明理由"));
  return Step(p, id, "extension_requested",
              [&](Transaction&, Tip& t, std::string&, std::string& out) -> Status {
                if (t.status != "routed") {
                  return FailedPrecondition("status: 只有办理中的举报可以申请延期");
                }
                if (t.extended || !t.extension_requested_at.empty()) {
                  return FailedPrecondition("extension: 每件举报在每个承办部门只能延期一次");
                }
                t.extension_requested_at = ctx_.clock.NowTimestamp();
                t.extension_reason = why;
                out = "承办部门申请延长办理期限：" + why;
                return Status::Ok();
              });
}

Result<TipView> TipService::ApproveExtension(const Principal& p, int64_t id) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin}));
  return Step(p, id, "extension_approved",
              [&](Transaction& tx, Tip& t, std::string&, std::string& out) -> Status {
                if (t.status != "routed" || t.extension_requested_at.empty() || t.extended) {
                  return FailedPrecondition("extension: 没有待批准的延期申请");
                }
                auto from = Date::Parse(t.answer_due);
                if (!from.ok()) return Internal("tip " + std::to_string(t.id) + " has no answer_due");
                XY_ASSIGN_OR_RETURN(DueDate due, ctx_.calendar.DueAfter(
                                                     *from, policy_.limits.extension_working_days));
                t.answer_due = due.date.ToString();
                t.extended = true;
                XY_RETURN_IF_ERROR(RememberDeadline(tx, Ref(t.id), "answer_due", *from,
                                                    policy_.limits.extension_working_days, due,
                                                    ctx_.clock.NowTimestamp()));
                out = "信用办批准延期，办理期限延至" + t.answer_due;
                return Status::Ok();
              });
}

Result<TipView> TipService::Get(const Principal& p, int64_t id) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kAuditor, Role::kOperator}));
  TipView v;
  {
    XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
    XY_ASSIGN_OR_RETURN(auto t, tx->Tips().GetTip(id));
    if (!t || !Sees(p, *t)) return NotATip(id);
    XY_ASSIGN_OR_RETURN(v, Staff(*tx, p, *t, true));
  }
  if (p.role != Role::kAdmin) return v;
  v.tipster = TipContact{};
  if (v.tip.contact_sealed.empty()) return v;
  XY_ASSIGN_OR_RETURN(std::string opened, Open(v.tip.contact_sealed));
  Json c = Json::parse(opened, nullptr, false);
  if (!c.is_object()) return Internal("tip " + std::to_string(id) + ": the sealed contact is not JSON");
  v.tipster = TipContact{c.value("name", ""), c.value("phone", ""), c.value("email", "")};
  // Nobody reads a tipster's contact without it being on record.
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_RETURN_IF_ERROR(
      tx->AppendEvent({p.actor, "tip.contact_read", Ref(id), "{}"}, ctx_.clock.NowTimestamp())
          .status());
  XY_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<std::vector<TipView>> TipService::List(const Principal& p, const Query& q) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kAuditor, Role::kOperator}));
  TipQuery tq;
  tq.status = q.status;
  tq.before_id = q.before_id;
  tq.limit = std::clamp(q.limit, 1, 200);
  if (p.role == Role::kOperator) {
    if (!q.status.empty() && q.status != "routed") return std::vector<TipView>();
    tq.department_id = p.department_id;
    tq.status = "routed";
  }
  if (!NormaliseCode(q.subject_code).empty()) {
    auto s = subjects_.Lookup(q.subject_code);
    if (!s.ok()) return std::vector<TipView>();
    tq.subject_id = s->id;
  }
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  std::vector<TipView> out;
  // Overdue is computed, not stored: read on until the page is full or the tips run out.
  while (static_cast<int>(out.size()) < tq.limit) {
    XY_ASSIGN_OR_RETURN(auto tips, tx->Tips().FindTips(tq));
    for (const auto& t : tips) {
      if (static_cast<int>(out.size()) >= tq.limit) break;
      if (!Sees(p, t)) continue;
      XY_ASSIGN_OR_RETURN(TipView v, Staff(*tx, p, t, false));
      if (q.overdue_only && v.overdue.empty()) continue;
      out.push_back(std::move(v));
    }
    if (static_cast<int>(tips.size()) < tq.limit) break;
    tq.before_id = tips.back().id;
  }
  return out;
}

Result<TipService::AttachedFile> TipService::Attachment(const Principal& p, int64_t id, int n) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kAuditor, Role::kOperator}));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(auto t, tx->Tips().GetTip(id));
  if (!t || !Sees(p, *t)) return NotATip(id);
  const std::vector<int> withheld = Withheld(*t);
  const bool held = std::find(withheld.begin(), withheld.end(), n) != withheld.end();
  XY_ASSIGN_OR_RETURN(auto file, tx->Tips().GetTipAttachment(id, n));
  if (!file || (held && p.role == Role::kOperator)) {
    return NotFound("attachment: 举报" + std::to_string(id) + "没有第" + std::to_string(n) +
                    "个附件");
  }
  XY_ASSIGN_OR_RETURN(std::string name, Open(file->name_sealed));
  XY_ASSIGN_OR_RETURN(std::string bytes, Open(file->content_sealed));
  XY_RETURN_IF_ERROR(tx->AppendEvent({p.actor, "tip.attachment_read", Ref(id),
                                      Json{{"n", n}}.dump()},
                                     ctx_.clock.NowTimestamp())
                         .status());
  XY_RETURN_IF_ERROR(tx->Commit());
  return AttachedFile{std::move(name), std::move(bytes)};
}

Result<TipView> TipService::Track(int64_t id, const std::string& token) {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto t, tx->Tips().GetTip(id));
  if (!t || !CaseCodeMatches(token, t->token_hash)) {
    return NotFound("tip: 举报编号或查询码不正确");
  }
  TipView v;
  v.tip = *t;
  v.overdue = Overdue(*t, ctx_.clock.Today().ToString());
  if (t->department_id != 0) {
    XY_ASSIGN_OR_RETURN(auto d, tx->GetDepartment(t->department_id));
    if (d) v.department_name = d->name;
  }
  XY_ASSIGN_OR_RETURN(v.steps, tx->ListCaseSteps("tip", id));
  for (auto& s : v.steps) s.actor.clear();  // what happened, not which clerk
  return v;
}

Result<bool> TipService::ResendCode(int64_t id, const std::string& contact) {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(auto t, tx->Tips().GetTip(id));
  if (!t || t->contact_sealed.empty() || NormaliseName(contact).empty()) return false;
  XY_ASSIGN_OR_RETURN(std::string opened, Open(t->contact_sealed));
  Json c = Json::parse(opened, nullptr, false);
  if (!c.is_object()) return false;
  std::string to;
  for (const char* key : {"phone", "email"}) {
    const std::string given = c.value(key, "");
    if (!given.empty() && SameContact(contact, given)) to = given;
  }
  if (to.empty()) return false;
  Tip changed = *t;
  XY_RETURN_IF_ERROR(ReissueCaseCode(*tx, ctx_.cipher, "tip", "举报", id, to, changed.token_hash,
                                     ctx_.clock.NowTimestamp()));
  changed.updated_at = ctx_.clock.NowTimestamp();
  XY_RETURN_IF_ERROR(tx->Tips().UpdateTip(changed));
  XY_RETURN_IF_ERROR(tx->Commit());
  return true;
}

}  // namespace xinyong
