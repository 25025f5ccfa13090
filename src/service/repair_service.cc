#include "service/repair_service.h"

#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/text.h"
#include "domain/catalogue.h"
#include "service/account_service.h"
#include "service/commitments/commitment_service.h"
#include "service/deadlines/deadlines.h"
#include "service/list_service.h"
#include "service/propagation.h"
#include "service/messages/case_codes.h"
#include "store/store.h"

namespace xinyong {
namespace {

using Json = nlohmann::json;

std::string Ref(int64_t id) { return "repair:" + std::to_string(id); }

std::vector<std::string> SplitSemicolons(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(';', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The categories (处罚类别) of a record's current version, by the item's display rule.
Result<std::vector<std::string>> CategoriesOf(Transaction& tx, const Record& r,
                                              const CatalogueItem* item) {
  if (!item || item->display.category_field.empty()) return std::vector<std::string>();
  XY_ASSIGN_OR_RETURN(auto versions, tx.ListRecordVersions(r.id));
  if (versions.empty()) return std::vector<std::string>();
  Json fields = Json::parse(versions.back().fields, nullptr, false);
  if (!fields.is_object())
    return Internal("record " + std::to_string(r.id) + " has malformed fields");
  auto it = fields.find(item->display.category_field);
  if (it == fields.end() || !it->is_string()) return std::vector<std::string>();
  return SplitSemicolons(it->get<std::string>());
}

Json ConditionsJson(const std::vector<RepairCondition>& conditions) {
  Json out = Json::array();
  for (const auto& c : conditions) {
    out.push_back({{"code", c.code}, {"met", c.met}, {"message", c.message}});
  }
  return out;
}

std::vector<RepairCondition> ConditionsFrom(const std::string& text) {
  std::vector<RepairCondition> out;
  Json j = Json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& c : j) {
    out.push_back({c.value("code", ""), c.value("met", false), c.value("message", "")});
  }
  return out;
}

std::string Unmet(const std::vector<RepairCondition>& conditions) {
  std::string out;
  for (const auto& c : conditions) {
    if (!c.met) out += (out.empty() ? "" : "；") + c.code + "：" + c.message;
  }
  return out;
}

}  // namespace

Result<std::vector<RepairCondition>> RepairService::Conditions(Transaction& tx,
                                                               const RepairRequest& req,
                                                               bool public_only,
                                                               int64_t* subject_id,
                                                               std::string* linked_commitment) {
  const std::string today = ctx_.clock.Today().ToString();
  RepairFacts f;
  f.today = today;
  f.target_kind = req.target_kind;
  f.evidence = req.evidence;
  int64_t exclude_entry = 0;
  if (req.target_kind == kTargetRecord) {
    XY_ASSIGN_OR_RETURN(auto rec, tx.GetRecord(req.target_id));
    if (!rec || (public_only && !PubliclyVisible(*rec, today))) {
      return NotFound("target_id: 没有可以申请信用修复的公示记录" + std::to_string(req.target_id));
    }
    const CatalogueItem* item = catalogue_.Find(rec->item_code);
    if (!item || item->display.kind != DisplayRule::Kind::kPenalty) {
      return InvalidArgument("target_id: 只有行政处罚信息可以申请提前停止公示");
    }
    *subject_id = rec->subject_id;
    f.target_active = PubliclyVisible(*rec, today);
    XY_ASSIGN_OR_RETURN(f.categories, CategoriesOf(tx, *rec, item));
    f.no_early_stop = item->display.no_early_stop;
    f.min_until = rec->display.min_until;
    f.decision_date = rec->decision_date;
  } else if (req.target_kind == kTargetListEntry) {
    XY_ASSIGN_OR_RETURN(auto entry, tx.GetListEntry(req.target_id));
    if (!entry || (public_only && !PubliclyListed(*entry, today))) {
      return NotFound("target_id: 没有可以申请信用修复的名单条目" + std::to_string(req.target_id));
    }
    if (entry->list_kind == "red") return InvalidArgument("target_id: 红名单无需信用修复");
    *subject_id = entry->subject_id;
    exclude_entry = entry->id;
    f.target_active = entry->status == "decided" && EffectiveStatus(*entry, today) == "decided";
    f.valid_from = entry->valid_from;
  } else {
    return InvalidArgument("target_kind: 应为 record（行政处罚记录）或 list_entry（名单）");
  }
  std::string linked;
  if (commitments_) {
    XY_ASSIGN_OR_RETURN(auto c,
                        commitments_->RepairCommitmentIn(tx, *subject_id, req.commitment_code));
    if (c) {
      f.evidence["commitment"] = true;
      linked = c->code;
    }
  } else if (!req.commitment_code.empty()) {
    return InvalidArgument("commitment_code: 本平台未启用信用承诺");
  }
  if (linked_commitment) *linked_commitment = linked;
  XY_ASSIGN_OR_RETURN(auto records, tx.ListRecordsOfSubject(*subject_id));
  for (const auto& r : records) {
    if (r.status != "active") continue;
    f.active_items.push_back(r.item_code);
    if (r.id == req.target_id && req.target_kind == kTargetRecord) continue;
    const CatalogueItem* item = catalogue_.Find(r.item_code);
    if (item && item->display.kind == DisplayRule::Kind::kPenalty) {
      XY_ASSIGN_OR_RETURN(auto cats, CategoriesOf(tx, r, item));
      f.other_penalties.push_back({r.decision_date, cats});
    }
  }
  XY_ASSIGN_OR_RETURN(auto entries, tx.ListEntriesOfSubject(*subject_id));
  for (const auto& e : entries) {
    if (e.id != exclude_entry && EffectiveStatus(e, today) == "decided" && e.valid_from <= today) {
      f.lists.push_back(e.list_kind);
    }
  }
  XY_ASSIGN_OR_RETURN(auto repairs, tx.RepairsOfSubject(*subject_id));
  for (const auto& r : repairs) {
    if (r.status != "revoked" || r.revoked_at.size() < 10) continue;
    auto d = Date::Parse(r.revoked_at.substr(0, 10));
    if (!d.ok()) continue;
    const std::string until = d->AddMonths(12 * policy_.false_materials_ban_years).ToString();
    if (until > f.banned_until) f.banned_until = until;
  }
  auto out = CheckRepair(policy_, f);
  for (auto& c : out) {
    if (c.code == "evidence.commitment" && !linked.empty()) c.message += "（承诺编码" + linked + "）";
  }
  return out;
}

Result<std::vector<RepairCondition>> RepairService::Eligibility(const RepairRequest& req) {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  int64_t subject = 0;
  return Conditions(*tx, req, true, &subject);
}

Result<FiledRepair> RepairService::Apply(const std::optional<Principal>& staff,
                                         const RepairRequest& req) {
  if (staff) XY_RETURN_IF_ERROR(RequireRole(*staff, {Role::kAdmin}));
  Repair r;
  r.applicant_name = NormaliseName(req.applicant_name);
  XY_RETURN_IF_ERROR(CheckChars("applicant_name", r.applicant_name, kNameChars));
  if (r.applicant_name.empty()) return InvalidArgument("applicant_name: 请填写申请人名称");
  r.applicant_contact = NormaliseName(req.applicant_contact);
  XY_RETURN_IF_ERROR(CheckChars("applicant_contact", r.applicant_contact, kContactChars));
  XY_RETURN_IF_ERROR(CheckContact("applicant_contact", r.applicant_contact));
  if (r.applicant_contact.empty())
    return InvalidArgument("applicant_contact: 请填写联系电话或电子邮箱");
  XY_ASSIGN_OR_RETURN(DueDate review_due,
                      ctx_.calendar.DueAfter(ctx_.clock.Today(), policy_.review_working_days));
  r.review_due = review_due.date.ToString();
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  FiledRepair out;
  std::string commitment;
  XY_ASSIGN_OR_RETURN(out.conditions,
                      Conditions(*tx, req, !staff, &r.subject_id, &commitment));
  if (!RepairEligible(out.conditions)) {
    return FailedPrecondition("repair: 不符合信用修复条件——" + Unmet(out.conditions));
  }
  XY_ASSIGN_OR_RETURN(auto open, tx->RepairsOfSubject(r.subject_id));
  for (const auto& other : open) {
    if (other.target_kind == req.target_kind && other.target_id == req.target_id &&
        other.status == "submitted") {
      return Conflict("target_id: 该信息已有信用修复申请正在审核（申请" + std::to_string(other.id) +
                      "）");
    }
  }
  Json evidence = Json::object();
  for (const auto& [k, v] : req.evidence) evidence[k] = v;
  evidence["materials"] = req.materials;
  if (!commitment.empty()) evidence["commitment_code"] = commitment;
  r.target_kind = req.target_kind;
  r.target_id = req.target_id;
  r.evidence = evidence.dump();
  r.conditions = ConditionsJson(out.conditions).dump();
  IssuedCode code = IssueCaseCode();
  out.token = code.code;
  r.token_hash = code.hash;
  const std::string now = ctx_.clock.NowTimestamp();
  r.submitted_at = r.updated_at = now;
  XY_ASSIGN_OR_RETURN(r.id, tx->InsertRepair(r));
  XY_RETURN_IF_ERROR(RememberDeadline(*tx, Ref(r.id), "review_due", ctx_.clock.Today(),
                                      policy_.review_working_days, review_due, now));
  const std::string actor = staff ? staff->actor : "public:subject";
  XY_RETURN_IF_ERROR(
      tx->AppendCaseStep({"repair", r.id, 0, now, actor, "submitted",
                          "信用修复申请已受理，信用办将于" + r.review_due + "前审核"})
          .status());
  Json payload = {
      {"target_kind", r.target_kind}, {"target_id", r.target_id}, {"subject", r.subject_id}};
  XY_RETURN_IF_ERROR(
      tx->AppendEvent({actor, "repair.submitted", Ref(r.id), payload.dump()}, now).status());
  XY_RETURN_IF_ERROR(tx->Commit());
  out.repair = r;
  return out;
}

Result<RepairView> RepairService::Step(
    const Principal& p, int64_t id, const char* step,
    const std::function<Status(Transaction&, Repair&, std::string&)>& f) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin}));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(auto found, tx->GetRepair(id));
  if (!found) return NotFound("repair: 信用修复申请" + std::to_string(id) + "不存在");
  Repair r = *found;
  std::string note;
  XY_RETURN_IF_ERROR(f(*tx, r, note));
  const std::string now = ctx_.clock.NowTimestamp();
  r.updated_at = now;
  XY_RETURN_IF_ERROR(tx->UpdateRepair(r));
  XY_RETURN_IF_ERROR(tx->AppendCaseStep({"repair", id, 0, now, p.actor, step, note}).status());
  Json payload = {{"status", r.status}, {"note", note}};
  XY_RETURN_IF_ERROR(
      tx->AppendEvent({p.actor, std::string("repair.") + step, Ref(id), payload.dump()}, now)
          .status());
  XY_ASSIGN_OR_RETURN(auto steps, tx->ListCaseSteps("repair", id));
  XY_RETURN_IF_ERROR(tx->Commit());
  return RepairView{r, steps, ConditionsFrom(r.conditions)};
}

Result<RepairView> RepairService::Approve(const Principal& p, int64_t id, const std::string& note) {
  return Step(p, id, "approved", [&](Transaction& tx, Repair& r, std::string& out) -> Status {
    if (r.status != "submitted")
      return FailedPrecondition("status: 只能审核“已提交”的申请，当前为" + r.status);
    RepairRequest again{r.target_kind, r.target_id, r.applicant_name, r.applicant_contact, {}, {}};
    Json evidence = Json::parse(r.evidence, nullptr, false);
    if (evidence.is_object()) {
      for (const auto& [k, v] : evidence.items()) {
        if (v.is_boolean()) again.evidence[k] = v.get<bool>();
      }
    }
    int64_t subject = 0;
    XY_ASSIGN_OR_RETURN(auto conditions, Conditions(tx, again, false, &subject));
    r.conditions = ConditionsJson(conditions).dump();
    if (!RepairEligible(conditions)) {
      return FailedPrecondition("repair: 审核时已不符合条件——" + Unmet(conditions));
    }
    const std::string now = ctx_.clock.NowTimestamp();
    const Date today = ctx_.clock.Today();
    if (r.target_kind == kTargetRecord) {
      XY_ASSIGN_OR_RETURN(auto rec, tx.GetRecord(r.target_id));
      if (!rec) return NotFound("record: 记录不存在");
      // Out of public view from this instant: the window now ended yesterday.
      r.restore_until = rec->display.until;
      rec->display.until = today.AddDays(-1).ToString();
      rec->display.reason += "；信用修复，" + today.ToString() + "起停止公示";
      rec->display_ended_at = now;
      rec->updated_at = now;
      XY_RETURN_IF_ERROR(tx.UpdateRecord(*rec));
      Json payload = {{"repair", Ref(r.id)}, {"display_until", rec->display.until}};
      XY_RETURN_IF_ERROR(tx.AppendEvent({p.actor, "record.repaired",
                                         "record:" + std::to_string(rec->id), payload.dump()},
                                        now)
                             .status());
      XY_RETURN_IF_ERROR(NotifyRecentCheckers(tx, ctx_.clock, rec->subject_id, "record.repaired",
                                              "record:" + std::to_string(rec->id),
                                              "记录（" + rec->source_key + "）已信用修复，停止公示")
                             .status());
    } else {
      XY_ASSIGN_OR_RETURN(auto entry, tx.GetListEntry(r.target_id));
      if (!entry) return NotFound("list entry: 名单条目不存在");
      XY_RETURN_IF_ERROR(lists_.ExitIn(tx, p.actor, *entry, "信用修复（" + Ref(r.id) + "）"));
    }
    r.status = "approved";
    r.decided_at = now;
    r.decision_note = NormaliseText(note);
    XY_RETURN_IF_ERROR(CheckChars("note", r.decision_note, kNoteChars));
    out = r.target_kind == kTargetRecord ? "信用修复通过，该处罚信息即日起停止公示"
                                         : "信用修复通过，已移出名单";
    return Status::Ok();
  });
}

Result<RepairView> RepairService::Refuse(const Principal& p, int64_t id,
                                         const std::string& reason) {
  const std::string why = NormaliseText(reason);
  XY_RETURN_IF_ERROR(CheckChars("reason", why, kNoteChars));
  if (why.empty()) return InvalidArgument("reason: 不予修复须说明理由");
  return Step(p, id, "refused", [&](Transaction&, Repair& r, std::string& out) -> Status {
    if (r.status != "submitted")
      return FailedPrecondition("status: 只能审核“已提交”的申请，当前为" + r.status);
    r.status = "refused";
    r.decided_at = ctx_.clock.NowTimestamp();
    r.decision_note = why;
    out = "不予修复：" + why;
    return Status::Ok();
  });
}

Result<RepairView> RepairService::RevokeForFalseMaterials(const Principal& p, int64_t id,
                                                          const std::string& reason) {
  const std::string why = NormaliseText(reason);
  XY_RETURN_IF_ERROR(CheckChars("reason", why, kNoteChars));
  if (why.empty()) return InvalidArgument("reason: 须写明虚假材料的情况");
  return Step(p, id, "revoked", [&](Transaction& tx, Repair& r, std::string& out) -> Status {
    if (r.status != "approved") return FailedPrecondition("status: 只能撤销已通过的信用修复");
    const std::string now = ctx_.clock.NowTimestamp();
    if (r.target_kind == kTargetRecord) {
      XY_ASSIGN_OR_RETURN(auto rec, tx.GetRecord(r.target_id));
      if (!rec) return NotFound("record: 记录不存在");
      rec->display.until = r.restore_until;
      rec->display.reason += "；信用修复因提供虚假材料被撤销，恢复公示";
      rec->display_ended_at.clear();
      rec->updated_at = now;
      XY_RETURN_IF_ERROR(tx.UpdateRecord(*rec));
      Json payload = {{"repair", Ref(r.id)}, {"display_until", rec->display.until}};
      XY_RETURN_IF_ERROR(tx.AppendEvent({p.actor, "record.repair_revoked",
                                         "record:" + std::to_string(rec->id), payload.dump()},
                                        now)
                             .status());
      XY_RETURN_IF_ERROR(NotifyRecentCheckers(
                             tx, ctx_.clock, rec->subject_id, "record.repair_revoked",
                             "record:" + std::to_string(rec->id),
                             "记录（" + rec->source_key + "）的信用修复因虚假材料被撤销，恢复公示")
                             .status());
    } else {
      XY_ASSIGN_OR_RETURN(auto entry, tx.GetListEntry(r.target_id));
      if (!entry) return NotFound("list entry: 名单条目不存在");
      // Back on the list as decided before; subscribers see it decided again.
      entry->status = "decided";
      entry->exit_reason.clear();
      entry->exited_at.clear();
      entry->updated_at = now;
      XY_RETURN_IF_ERROR(tx.UpdateListEntry(*entry));
      XY_RETURN_IF_ERROR(
          tx.AppendEvent({p.actor, "list_entry.decided", "list_entry:" + std::to_string(entry->id),
                          ListEntryEventPayload(*entry)},
                         now)
              .status());
    }
    r.status = "revoked";
    r.revoked_at = now;
    r.decision_note = why;
    out = "因提供虚假材料撤销信用修复，恢复原状；" +
          std::to_string(policy_.false_materials_ban_years) + "年内不得再次申请";
    return Status::Ok();
  });
}

Result<RepairView> RepairService::Get(const Principal& p, int64_t id) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kAuditor}));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto r, tx->GetRepair(id));
  if (!r) return NotFound("repair: 信用修复申请" + std::to_string(id) + "不存在");
  XY_ASSIGN_OR_RETURN(auto steps, tx->ListCaseSteps("repair", id));
  return RepairView{*r, steps, ConditionsFrom(r->conditions)};
}

Result<std::vector<Repair>> RepairService::List(const Principal& p, const std::string& status) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kAuditor}));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  return tx->ListRepairs(status);
}

Result<RepairView> RepairService::Track(int64_t id, const std::string& token) {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto r, tx->GetRepair(id));
  if (!r || !CaseCodeMatches(token, r->token_hash)) {
    return NotFound("repair: 申请编号或查询码不正确");
  }
  XY_ASSIGN_OR_RETURN(auto steps, tx->ListCaseSteps("repair", id));
  for (auto& s : steps) s.actor.clear();
  return RepairView{*r, steps, ConditionsFrom(r->conditions)};
}

Result<bool> RepairService::ResendCode(int64_t id, const std::string& contact) {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(auto r, tx->GetRepair(id));
  if (!r || !SameContact(contact, r->applicant_contact)) return false;
  XY_RETURN_IF_ERROR(ReissueCaseCode(*tx, ctx_.cipher, "repair", "信用修复申请", id,
                                     r->applicant_contact, r->token_hash,
                                     ctx_.clock.NowTimestamp()));
  XY_RETURN_IF_ERROR(tx->UpdateRepair(*r));
  XY_RETURN_IF_ERROR(tx->Commit());
  return true;
}

}  // namespace xinyong
