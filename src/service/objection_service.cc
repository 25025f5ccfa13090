#include "service/objection_service.h"

#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/text.h"
#include "service/account_service.h"
#include "service/attachments.h"
#include "service/deadlines/deadlines.h"
#include "service/intake_service.h"
#include "service/list_service.h"
#include "service/propagation.h"
#include "service/messages/case_codes.h"
#include "store/store.h"

namespace xinyong {
namespace {

using Json = nlohmann::json;

std::string Ref(int64_t id) { return "objection:" + std::to_string(id); }

}  // namespace

Result<DueDate> ObjectionService::DueAfter(int working_days) const {
  return ctx_.calendar.DueAfter(ctx_.clock.Today(), working_days);
}

std::string ObjectionService::Overdue(const Objection& o, const std::string& today) const {
  if (o.status == "closed" || o.status == "refused") return "";
  if (o.status == "submitted" && today > o.accept_due) return "accept";
  if (o.status == "accepted" && today > o.verify_due) return "verify";
  if (!o.close_due.empty() && today > o.close_due) return "total";
  return "";
}

Result<FiledObjection> ObjectionService::File(const std::optional<Principal>& staff,
                                              const ObjectionRequest& req) {
  if (staff) XY_RETURN_IF_ERROR(RequireRole(*staff, {Role::kAdmin}));
  Objection o;
  if (req.target_kind != kTargetRecord && req.target_kind != kTargetListEntry) {
    return InvalidArgument("target_kind: 应为 record（信用记录）或 list_entry（名单）");
  }
  o.target_kind = req.target_kind;
  o.target_id = req.target_id;
  o.filer_kind = staff ? "office" : req.filer_kind;
  if (!staff && o.filer_kind != "subject" && o.filer_kind != "public") {
    return InvalidArgument("filer_kind: 应为 subject（信用主体本人）或 public（社会公众）");
  }
  o.filer_name = NormaliseName(req.filer_name);
  if (o.filer_name.empty()) return InvalidArgument("filer_name: 请填写异议人姓名或名称");
  XY_RETURN_IF_ERROR(CheckChars("filer_name", o.filer_name, kNameChars));
  o.filer_contact = NormaliseName(req.filer_contact);
  XY_RETURN_IF_ERROR(CheckChars("filer_contact", o.filer_contact, kContactChars));
  XY_RETURN_IF_ERROR(CheckContact("filer_contact", o.filer_contact));
  if (o.filer_contact.empty())
    return InvalidArgument("filer_contact: 请填写联系电话或电子邮箱，以便告知处理进度");
  o.reasons = NormaliseText(req.reasons);
  if (o.reasons.empty()) return InvalidArgument("reasons: 请写明异议的事实和理由");
  if (o.reasons.size() > 8000) return InvalidArgument("reasons: 不超过8000字节");
  std::vector<AttachmentInput> inputs;
  for (const auto& a : req.attachments) inputs.push_back({a.name, a.content_base64});
  XY_ASSIGN_OR_RETURN(auto files, CheckAttachments(inputs, AttachmentCaps{}));
  Json attachments = Json::array();
  for (size_t i = 0; i < files.size(); ++i) {
    attachments.push_back({{"name", files[i].name},
                           {"sha256", files[i].sha256},
                           {"size", files[i].bytes.size()},
                           {"content_base64", req.attachments[i].content_base64}});
  }
  o.attachments = attachments.dump();

  const std::string today = ctx_.clock.Today().ToString();
  const std::string now = ctx_.clock.NowTimestamp();
  XY_ASSIGN_OR_RETURN(DueDate accept_due, DueAfter(limits_.accept_working_days));
  XY_ASSIGN_OR_RETURN(DueDate close_due, DueAfter(limits_.total_working_days));
  o.accept_due = accept_due.date.ToString();
  o.close_due = close_due.date.ToString();
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  if (o.target_kind == kTargetRecord) {
    XY_ASSIGN_OR_RETURN(auto rec, tx->GetRecord(o.target_id));
    // The public cannot learn that a non-public record exists: same answer as a missing one.
    if (!rec || (!staff && !PubliclyVisible(*rec, today))) {
      return NotFound("target_id: 没有可以提出异议的公示记录" + std::to_string(o.target_id));
    }
    if (rec->status != "active") return FailedPrecondition("target_id: 该记录已撤销");
    o.subject_id = rec->subject_id;
    o.department_id = rec->department_id;
  } else {
    XY_ASSIGN_OR_RETURN(auto entry, tx->GetListEntry(o.target_id));
    if (!entry || (!staff && !PubliclyListed(*entry, today))) {
      return NotFound("target_id: 没有可以提出异议的名单条目" + std::to_string(o.target_id));
    }
    if (entry->status != "decided" && entry->status != "noticed" && entry->status != "proposed") {
      return FailedPrecondition("target_id: 该名单条目已" + entry->status);
    }
    o.subject_id = entry->subject_id;
    o.department_id = entry->department_id;
  }
  XY_ASSIGN_OR_RETURN(auto others, tx->ObjectionsOfTarget(o.target_kind, o.target_id));
  for (const auto& other : others) {
    if (other.status == "submitted" || other.status == "accepted") {
      return Conflict("target_id: 该信息已有异议正在处理（异议" + std::to_string(other.id) +
                      "），可用其查询码查看进度");
    }
  }
  FiledObjection out;
  IssuedCode code = IssueCaseCode();
  out.token = code.code;
  o.token_hash = code.hash;
  o.submitted_at = o.updated_at = now;
  XY_ASSIGN_OR_RETURN(o.id, tx->InsertObjection(o));
  XY_RETURN_IF_ERROR(RememberDeadline(*tx, Ref(o.id), "accept_due", ctx_.clock.Today(),
                                      limits_.accept_working_days, accept_due, now));
  XY_RETURN_IF_ERROR(RememberDeadline(*tx, Ref(o.id), "close_due", ctx_.clock.Today(),
                                      limits_.total_working_days, close_due, now));
  const std::string actor = staff ? staff->actor : "public:" + o.filer_kind;
  XY_RETURN_IF_ERROR(
      tx->AppendCaseStep({"objection", o.id, 0, now, actor, "submitted",
                          "异议已提交，信用办将于" + o.accept_due + "前决定是否受理"})
          .status());
  Json payload = {{"target_kind", o.target_kind},
                  {"target_id", o.target_id},
                  {"subject", o.subject_id},
                  {"filer_kind", o.filer_kind},
                  {"attachments", attachments.size()}};
  XY_RETURN_IF_ERROR(
      tx->AppendEvent({actor, "objection.submitted", Ref(o.id), payload.dump()}, now).status());
  XY_RETURN_IF_ERROR(tx->Commit());
  out.objection = o;
  return out;
}

Result<ObjectionView> ObjectionService::Step(
    const Principal& p, int64_t id, const char* step,
    const std::function<Status(Transaction&, Objection&, std::string&)>& f) {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(auto found, tx->GetObjection(id));
  if (!found) return NotFound("objection: 异议" + std::to_string(id) + "不存在");
  Objection o = *found;
  const std::string today = ctx_.clock.Today().ToString();
  const std::string late = Overdue(o, today);
  std::string note;
  XY_RETURN_IF_ERROR(f(*tx, o, note));
  const std::string now = ctx_.clock.NowTimestamp();
  o.updated_at = now;
  XY_RETURN_IF_ERROR(tx->UpdateObjection(o));
  if (!late.empty()) note += "（超过时限：" + late + "）";
  XY_RETURN_IF_ERROR(tx->AppendCaseStep({"objection", id, 0, now, p.actor, step, note}).status());
  Json payload = {{"status", o.status}, {"note", note}, {"late", late}};
  XY_RETURN_IF_ERROR(
      tx->AppendEvent({p.actor, std::string("objection.") + step, Ref(id), payload.dump()}, now)
          .status());
  XY_ASSIGN_OR_RETURN(auto steps, tx->ListCaseSteps("objection", id));
  XY_RETURN_IF_ERROR(tx->Commit());
  return ObjectionView{o, steps, Overdue(o, today)};
}

Result<ObjectionView> ObjectionService::Accept(const Principal& p, int64_t id,
                                               const std::string& note) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin}));
  XY_ASSIGN_OR_RETURN(DueDate verify, DueAfter(limits_.verify_working_days));
  const std::string verify_due = verify.date.ToString();
  return Step(p, id, "accepted", [&](Transaction& tx, Objection& o, std::string& out) -> Status {
    if (o.status != "submitted")
      return FailedPrecondition("status: 只能受理“已提交”的异议，当前为" + o.status);
    const std::string now = ctx_.clock.NowTimestamp();
    // 异议处理中 from now on, wherever the item is shown or checked.
    if (o.target_kind == kTargetRecord) {
      XY_ASSIGN_OR_RETURN(auto rec, tx.GetRecord(o.target_id));
      if (!rec) return NotFound("record: 记录不存在");
      o.target_version = rec->current_version;
      rec->disputed_since = now;
      rec->objection_ref = Ref(o.id);
      rec->updated_at = now;
      XY_RETURN_IF_ERROR(tx.UpdateRecord(*rec));
      Json payload = {{"disputed", true}, {"objection", Ref(o.id)}};
      XY_RETURN_IF_ERROR(tx.AppendEvent({p.actor, "record.disputed",
                                         "record:" + std::to_string(rec->id), payload.dump()},
                                        now)
                             .status());
    } else {
      XY_ASSIGN_OR_RETURN(auto entry, tx.GetListEntry(o.target_id));
      if (!entry) return NotFound("list entry: 名单条目不存在");
      entry->disputed_since = now;
      entry->objection_ref = Ref(o.id);
      entry->updated_at = now;
      XY_RETURN_IF_ERROR(tx.UpdateListEntry(*entry));
      XY_RETURN_IF_ERROR(
          tx.AppendEvent({p.actor, "list_entry.disputed", "list_entry:" + std::to_string(entry->id),
                          ListEntryEventPayload(*entry)},
                         now)
              .status());
    }
    o.status = "accepted";
    o.accepted_at = now;
    o.verify_due = verify_due;
    XY_RETURN_IF_ERROR(RememberDeadline(tx, Ref(o.id), "verify_due", ctx_.clock.Today(),
                                        limits_.verify_working_days, verify, now));
    out = "异议已受理，该信息标注“异议处理中”，已转来源部门于" + verify_due + "前核实" +
          (NormaliseText(note).empty() ? "" : "。" + NormaliseText(note));
    return Status::Ok();
  });
}

Result<ObjectionView> ObjectionService::Refuse(const Principal& p, int64_t id,
                                               const std::string& reason) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin}));
  const std::string why = NormaliseText(reason);
  XY_RETURN_IF_ERROR(CheckChars("reason", why, kNoteChars));
  if (why.empty()) return InvalidArgument("reason: 不予受理须说明理由");
  return Step(p, id, "refused", [&](Transaction&, Objection& o, std::string& out) -> Status {
    if (o.status != "submitted")
      return FailedPrecondition("status: 只能对“已提交”的异议不予受理，当前为" + o.status);
    o.status = "refused";
    o.refuse_reason = why;
    o.closed_at = ctx_.clock.NowTimestamp();
    out = "不予受理：" + why;
    return Status::Ok();
  });
}

Result<ObjectionView> ObjectionService::RequestExtension(const Principal& p, int64_t id,
                                                         const std::string& reason) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kOperator}));
  const std::string why = NormaliseText(reason);
  XY_RETURN_IF_ERROR(CheckChars("reason", why, kNoteChars));
  if (why.empty()) return InvalidArgument("reason: 申请延期须说明理由");
  return Step(p, id, "extension_requested",
              [&](Transaction&, Objection& o, std::string& out) -> Status {
                if (p.role != Role::kAdmin && o.department_id != p.department_id) {
                  return PermissionDenied("objection: 只有来源部门可以申请延期");
                }
                if (o.status != "accepted")
                  return FailedPrecondition("status: 只有核实中的异议可以申请延期");
                if (o.extended || !o.extension_requested_at.empty()) {
                  return FailedPrecondition("extension: 每件异议只能延期一次");
                }
                o.extension_requested_at = ctx_.clock.NowTimestamp();
                o.extension_reason = why;
                out = "来源部门申请延长核实期限：" + why;
                return Status::Ok();
              });
}

Result<ObjectionView> ObjectionService::ApproveExtension(const Principal& p, int64_t id) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin}));
  return Step(p, id, "extension_approved",
              [&](Transaction& tx, Objection& o, std::string& out) -> Status {
                if (o.status != "accepted" || o.extension_requested_at.empty() || o.extended) {
                  return FailedPrecondition("extension: 没有待批准的延期申请");
                }
                auto from = Date::Parse(o.verify_due);
                if (!from.ok())
                  return Internal("objection " + std::to_string(o.id) + " has no verify_due");
                XY_ASSIGN_OR_RETURN(DueDate due,
                                    ctx_.calendar.DueAfter(*from, limits_.extension_working_days));
                o.verify_due = due.date.ToString();
                o.extended = true;
                // The extension replaces what verify_due was counted from.
                XY_RETURN_IF_ERROR(RememberDeadline(tx, Ref(o.id), "verify_due", *from,
                                                    limits_.extension_working_days, due,
                                                    ctx_.clock.NowTimestamp()));
                out = "信用办批准延期，核实期限延至" + o.verify_due;
                return Status::Ok();
              });
}

Result<ObjectionView> ObjectionService::Decide(const Principal& p, int64_t id,
                                               const std::string& decision,
                                               const std::string& note) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kOperator}));
  if (decision != "corrected" && decision != "revoked" && decision != "kept") {
    return InvalidArgument("decision: 应为 corrected（已更正）、revoked（已撤销）或 kept（维持）");
  }
  const std::string why = NormaliseText(note);
  XY_RETURN_IF_ERROR(CheckChars("note", why, kNoteChars));
  if (why.empty()) return InvalidArgument("note: 请写明核实情况和理由");
  return Step(p, id, "decided", [&](Transaction& tx, Objection& o, std::string& out) -> Status {
    if (p.role != Role::kAdmin && o.department_id != p.department_id) {
      return PermissionDenied("objection: 只有来源部门可以作出核实决定");
    }
    if (o.status != "accepted")
      return FailedPrecondition("status: 只有核实中的异议可以作出决定，当前为" + o.status);
    const std::string now = ctx_.clock.NowTimestamp();
    if (o.target_kind == kTargetRecord) {
      XY_ASSIGN_OR_RETURN(auto rec, tx.GetRecord(o.target_id));
      if (!rec) return NotFound("record: 记录不存在");
      if (decision == "corrected" && rec->current_version <= o.target_version) {
        return FailedPrecondition(
            "decision: 请先报送更正后的记录（同一来源编号的新版本），再作出“已更正”决定");
      }
      rec->disputed_since.clear();
      rec->objection_ref.clear();
      rec->updated_at = now;
      if (decision == "revoked") {
        XY_RETURN_IF_ERROR(intake_.RevokeIn(tx, p.actor, *rec, "异议核实后撤销：" + why));
      } else {
        XY_RETURN_IF_ERROR(tx.UpdateRecord(*rec));
      }
      if (decision == "corrected") {
        XY_RETURN_IF_ERROR(NotifyRecentCheckers(tx, ctx_.clock, rec->subject_id, "record.corrected",
                                                "record:" + std::to_string(rec->id),
                                                "记录（" + rec->source_key + "）经异议核实已更正")
                               .status());
      }
      Json payload = {{"disputed", false}, {"objection", Ref(o.id)}, {"decision", decision}};
      XY_RETURN_IF_ERROR(tx.AppendEvent({p.actor, "record.undisputed",
                                         "record:" + std::to_string(rec->id), payload.dump()},
                                        now)
                             .status());
    } else {
      if (decision == "corrected") {
        return InvalidArgument(
            "decision: 名单条目不能“更正”，请选择 revoked（移出）或 kept（维持）");
      }
      XY_ASSIGN_OR_RETURN(auto entry, tx.GetListEntry(o.target_id));
      if (!entry) return NotFound("list entry: 名单条目不存在");
      entry->disputed_since.clear();
      entry->objection_ref.clear();
      if (decision == "revoked" && entry->status == "decided") {
        XY_RETURN_IF_ERROR(lists_.ExitIn(tx, p.actor, *entry, "异议核实后移出：" + why));
      } else {
        entry->updated_at = now;
        XY_RETURN_IF_ERROR(tx.UpdateListEntry(*entry));
        XY_RETURN_IF_ERROR(tx.AppendEvent({p.actor, "list_entry.undisputed",
                                           "list_entry:" + std::to_string(entry->id),
                                           ListEntryEventPayload(*entry)},
                                          now)
                               .status());
      }
    }
    o.status = "decided";
    o.decision = decision;
    o.decision_note = why;
    o.decided_at = now;
    const char* label = decision == "corrected" ? "已更正"
                        : decision == "revoked" ? "已撤销"
                                                : "维持原信息";
    out = std::string("来源部门核实决定：") + label + "。" + why;
    return Status::Ok();
  });
}

Result<ObjectionView> ObjectionService::Close(const Principal& p, int64_t id,
                                              const std::string& note) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin}));
  return Step(p, id, "closed", [&](Transaction&, Objection& o, std::string& out) -> Status {
    if (o.status != "decided")
      return FailedPrecondition("status: 只有已作出核实决定的异议可以办结");
    o.status = "closed";
    o.closed_at = ctx_.clock.NowTimestamp();
    out = "异议办结" + (NormaliseText(note).empty() ? std::string() : "：" + NormaliseText(note));
    return Status::Ok();
  });
}

Result<ObjectionView> ObjectionService::Get(const Principal& p, int64_t id) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kAuditor, Role::kOperator}));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto o, tx->GetObjection(id));
  if (!o || (p.role == Role::kOperator && o->department_id != p.department_id)) {
    return NotFound("objection: 异议" + std::to_string(id) + "不存在");
  }
  XY_ASSIGN_OR_RETURN(auto steps, tx->ListCaseSteps("objection", id));
  return ObjectionView{*o, steps, Overdue(*o, ctx_.clock.Today().ToString())};
}

Result<std::vector<ObjectionView>> ObjectionService::List(const Principal& p,
                                                          const std::string& status,
                                                          bool overdue_only) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kAuditor, Role::kOperator}));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto all, tx->ListObjections(status));
  const std::string today = ctx_.clock.Today().ToString();
  std::vector<ObjectionView> out;
  for (auto& o : all) {
    if (p.role == Role::kOperator && o.department_id != p.department_id) continue;
    std::string late = Overdue(o, today);
    if (overdue_only && late.empty()) continue;
    out.push_back({std::move(o), {}, std::move(late)});
  }
  return out;
}

Result<ObjectionService::AttachedFile> ObjectionService::Attachment(const Principal& p, int64_t id,
                                                                    int index) {
  XY_ASSIGN_OR_RETURN(ObjectionView v, Get(p, id));
  Json stored = Json::parse(v.objection.attachments, nullptr, false);
  if (!stored.is_array() || index < 0 || static_cast<size_t>(index) >= stored.size()) {
    return NotFound("attachment: 异议" + std::to_string(id) + "没有第" + std::to_string(index + 1) +
                    "个附件");
  }
  const Json& a = stored[static_cast<size_t>(index)];
  XY_ASSIGN_OR_RETURN(std::string bytes, Base64Decode(a.value("content_base64", "")));
  return AttachedFile{a.value("name", "attachment"), std::move(bytes)};
}

Result<ObjectionView> ObjectionService::Track(int64_t id, const std::string& token) {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto o, tx->GetObjection(id));
  // A wrong token and a missing case answer alike.
  if (!o || !CaseCodeMatches(token, o->token_hash)) {
    return NotFound("objection: 异议编号或查询码不正确");
  }
  XY_ASSIGN_OR_RETURN(auto steps, tx->ListCaseSteps("objection", id));
  for (auto& s : steps) s.actor.clear();  // the filer sees what happened, not which clerk
  return ObjectionView{*o, steps, Overdue(*o, ctx_.clock.Today().ToString())};
}

Result<bool> ObjectionService::ResendCode(int64_t id, const std::string& contact) {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(auto o, tx->GetObjection(id));
  if (!o || !SameContact(contact, o->filer_contact)) return false;
  XY_RETURN_IF_ERROR(ReissueCaseCode(*tx, ctx_.cipher, "objection", "异议", id,
                                     o->filer_contact, o->token_hash,
                                     ctx_.clock.NowTimestamp()));
  XY_RETURN_IF_ERROR(tx->UpdateObjection(*o));
  XY_RETURN_IF_ERROR(tx->Commit());
  return true;
}

}  // namespace xinyong
