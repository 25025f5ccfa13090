#include "service/list_service.h"

#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/ids.h"
#include "core/text.h"
#include "service/account_service.h"
#include "service/deadlines/deadlines.h"
#include "service/propagation.h"
#include "service/subject_service.h"
#include "store/store.h"

namespace xinyong {
namespace {

using Json = nlohmann::json;

Status NeedText(const std::string& value, const char* field, const char* what,
                size_t max_chars = kNoteChars) {
  if (NormaliseName(value).empty()) return InvalidArgument(std::string(field) + ": " + what);
  return CheckChars(field, NormaliseText(value), max_chars);
}

Result<std::string> DateOr(const std::string& text, const std::string& fallback,
                           const char* field) {
  if (text.empty()) return fallback;
  auto d = Date::Parse(text);
  if (!d.ok()) return InvalidArgument(std::string(field) + ": " + d.status().message());
  return d->ToString();
}

Json EntryPayload(const ListEntry& e) {
  return {{"id", e.id},
          {"subject", e.subject_id},
          {"list_kind", e.list_kind},
          {"domain", e.domain},
          {"status", e.status},
          {"department", e.department_id},
          {"basis", e.basis},
          {"decision_document", e.decision_document},
          {"valid_from", e.valid_from},
          {"valid_until", e.valid_until},
          {"exit_reason", e.exit_reason}};
}

}  // namespace

// The subject's active 一般 or 严重失信 records decided within `months` before `today`: "" when
// none, else the first three (item, document, date).
Result<std::string> DishonestyWithin(Transaction& tx, int64_t subject_id, const std::string& today,
                                     int months) {
  XY_ASSIGN_OR_RETURN(Date t, Date::Parse(today));
  const std::string since = t.AddMonths(-months).ToString();
  XY_ASSIGN_OR_RETURN(auto records, tx.ListRecordsOfSubject(subject_id));
  std::string out;
  int n = 0;
  for (const auto& r : records) {
    if (r.status != "active" || r.decision_date < since) continue;
    if (r.nature != Nature::kMinor && r.nature != Nature::kSerious) continue;
    if (++n <= 3) {
      out += (out.empty() ? "" : "；") + r.item_code + " " +
             std::string(ShownDocument(r.source_key)) + "，" + r.decision_date + "决定";
    }
  }
  if (n > 3) out += "等" + std::to_string(n) + "条";
  return out;
}

std::string ListEntryEventPayload(const ListEntry& e) { return EntryPayload(e).dump(); }

std::string EffectiveStatus(const ListEntry& e, const std::string& today) {
  if (e.status == "decided" && !e.valid_until.empty() && e.valid_until < today) return "expired";
  return e.status;
}

Result<ListEntry> ListService::Propose(const Principal& p, const ProposeRequest& req) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kOperator}));
  if (!IsListKind(req.list_kind)) {
    return InvalidArgument(
        "list_kind: 应为 red（红名单）、serious（严重失信主体名单）或 "
        "key_attention（重点关注名单）");
  }
  XY_RETURN_IF_ERROR(
      NeedText(req.basis, "basis", "认定须有法律、法规或党中央、国务院政策文件依据"));
  if (req.list_kind != "red") {
    XY_RETURN_IF_ERROR(NeedText(req.facts, "facts", "须写明认定的失信事实", kLongTextChars));
  }
  XY_RETURN_IF_ERROR(CheckChars("facts", NormaliseText(req.facts), kLongTextChars));
  XY_RETURN_IF_ERROR(NeedText(req.domain, "domain", "须写明领域，如 market_regulation", 64));
  XY_ASSIGN_OR_RETURN(auto subject, subjects_.Lookup(req.subject_code));
  const std::string now = ctx_.clock.NowTimestamp();
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  int64_t department_id = p.department_id;
  if (!req.department_code.empty()) {
    XY_ASSIGN_OR_RETURN(auto dep, tx->FindDepartmentByCode(NormaliseCode(req.department_code)));
    if (!dep) return NotFound("department: 部门" + req.department_code + "未登记");
    if (p.role != Role::kAdmin && dep->id != p.department_id) {
      return PermissionDenied("department: 只能以本部门名义发起认定");
    }
    department_id = dep->id;
  }
  if (department_id == 0) return InvalidArgument("department: 请指明发起认定的部门");
  ListEntry e;
  e.subject_id = subject.id;
  e.list_kind = req.list_kind;
  e.domain = NormaliseName(req.domain);
  e.department_id = department_id;
  e.basis = NormaliseText(req.basis);
  e.facts = NormaliseText(req.facts);
  e.created_at = e.updated_at = now;
  XY_ASSIGN_OR_RETURN(e.id, tx->InsertListEntry(e));
  Json persons = Json::array();
  for (size_t i = 0; i < req.responsible_persons.size(); ++i) {
    const auto& person = req.responsible_persons[i];
    if (person.role != "legal_representative" && person.role != "principal" &&
        person.role != "directly_responsible") {
      return InvalidArgument(
          "responsible_persons[" + std::to_string(i) +
          "].role: 应为 legal_representative、principal 或 directly_responsible");
    }
    SubjectInput in{SubjectKind::kNaturalPerson, person.name, {person.id_number}, ""};
    auto registered = subjects_.RegisterIn(*tx, p, in, now);
    if (!registered.ok()) {
      return Status(registered.status().code(), "responsible_persons[" + std::to_string(i) +
                                                    "]: " + registered.status().message());
    }
    XY_RETURN_IF_ERROR(tx->InsertResponsiblePerson({e.id, registered->subject.id, person.role}));
    persons.push_back({{"subject", registered->subject.id}, {"role", person.role}});
  }
  Json payload = EntryPayload(e);
  payload["responsible_persons"] = persons;
  XY_RETURN_IF_ERROR(tx->AppendEvent({p.actor, "list_entry.proposed",
                                      "list_entry:" + std::to_string(e.id), payload.dump()},
                                     now)
                         .status());
  XY_RETURN_IF_ERROR(tx->Commit());
  return e;
}

Result<ListEntry> ListService::Change(const Principal& p, int64_t id, const std::string& event_type,
                                      const Step& step) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kOperator}));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(auto entry, tx->GetListEntry(id));
  if (!entry) return NotFound("list entry: 名单条目" + std::to_string(id) + "不存在");
  if (p.role != Role::kAdmin && entry->department_id != p.department_id) {
    return PermissionDenied("list entry: 只有发起认定的部门或信用办可以办理");
  }
  const std::string now = ctx_.clock.NowTimestamp();
  XY_RETURN_IF_ERROR(step(*tx, *entry, ctx_.clock.Today().ToString()));
  entry->updated_at = now;
  XY_RETURN_IF_ERROR(tx->UpdateListEntry(*entry));
  if (event_type == "list_entry.exited") XY_RETURN_IF_ERROR(NotifyExit(*tx, *entry));
  XY_RETURN_IF_ERROR(tx->AppendEvent({p.actor, event_type, "list_entry:" + std::to_string(id),
                                      EntryPayload(*entry).dump()},
                                     now)
                         .status());
  XY_RETURN_IF_ERROR(tx->Commit());
  return *entry;
}

Result<ListEntry> ListService::Notice(const Principal& p, int64_t id,
                                      const std::string& notice_document,
                                      int defence_working_days) {
  XY_RETURN_IF_ERROR(
      NeedText(notice_document, "notice_document", "须写明告知书文号", kDocumentChars));
  if (defence_working_days < 5) {
    return InvalidArgument("defence_working_days: 陈述申辩期不少于5个工作日");
  }
  return Change(
      p, id, "list_entry.noticed",
      [&](Transaction& tx, ListEntry& e, const std::string& today) -> Status {
        if (e.status != "proposed") {
          return FailedPrecondition("status: 只能对“拟认定”的条目发出告知，当前为" + e.status);
        }
        XY_ASSIGN_OR_RETURN(Date start, Date::Parse(today));
        XY_ASSIGN_OR_RETURN(DueDate until, ctx_.calendar.DueAfter(start, defence_working_days));
        e.status = "noticed";
        e.notice_document = NormaliseText(notice_document);
        e.defence_until = until.date.ToString();
        return RememberDeadline(tx, "list_entry:" + std::to_string(e.id), "defence_until", start,
                                defence_working_days, until, ctx_.clock.NowTimestamp());
      });
}

Result<ListEntry> ListService::Decide(const Principal& p, int64_t id,
                                      const std::string& decision_document,
                                      const std::string& valid_from, const std::string& valid_until,
                                      const std::string& override_reason) {
  XY_RETURN_IF_ERROR(
      NeedText(decision_document, "decision_document", "须写明认定决定书文号", kDocumentChars));
  const std::string override_why = NormaliseText(override_reason);
  XY_RETURN_IF_ERROR(CheckChars("override_reason", override_why, kNoteChars));
  if (!override_why.empty() && p.role != Role::kAdmin) {
    return PermissionDenied("override_reason: 只有信用办可以说明理由后仍作出红名单认定");
  }
  return Change(
      p, id, "list_entry.decided",
      [&](Transaction& tx, ListEntry& e, const std::string& today) -> Status {
        const bool red = e.list_kind == "red";
        if (!(e.status == "noticed" || (red && e.status == "proposed"))) {
          return FailedPrecondition(red ? "status: 只能对“拟认定”或“已告知”的条目作出决定"
                                        : "status: 失信名单须先告知当事人并给予陈述申辩期，当前为" +
                                              e.status);
        }
        if (!red && today <= e.defence_until) {
          return FailedPrecondition("defence_until: 陈述申辩期至" + e.defence_until +
                                    "，期满后方可作出认定决定");
        }
        XY_ASSIGN_OR_RETURN(std::string from, DateOr(valid_from, today, "valid_from"));
        XY_ASSIGN_OR_RETURN(std::string requested, DateOr(valid_until, "", "valid_until"));
        XY_ASSIGN_OR_RETURN(std::string until,
                            validity_.EndOf(e.list_kind, e.domain, from, requested));
        if (red) {
          XY_ASSIGN_OR_RETURN(std::string found,
                              DishonestyWithin(tx, e.subject_id, today, red_list_.clean_months));
          if (!found.empty() && override_why.empty()) {
            return FailedPrecondition(
                "red_list: 该主体近" + std::to_string(red_list_.clean_months) +
                "个月内有失信记录（" + found +
                "），不予列入红名单；确需列入的，由信用办填写理由（override_reason）"
                "后认定，理由记入审计日志");
          }
          if (!found.empty()) {
            // The office decided despite the records: said in the log, with why.
            Json payload = {{"records", found},
                            {"clean_months", red_list_.clean_months},
                            {"reason", override_why}};
            XY_RETURN_IF_ERROR(
                tx.AppendEvent({p.actor, "list_entry.red_override",
                                "list_entry:" + std::to_string(e.id), payload.dump()},
                               ctx_.clock.NowTimestamp())
                    .status());
          }
        }
        e.status = "decided";
        e.decision_document = NormaliseText(decision_document);
        e.valid_from = from;
        e.valid_until = until;
        return Status::Ok();
      });
}

Result<int64_t> ListService::EndOpenEntries() {
  int64_t changed = 0;
  for (;;) {
    XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
    XY_ASSIGN_OR_RETURN(auto open, tx->EntriesWithoutEnd(100));
    if (open.empty()) return changed;
    const std::string now = ctx_.clock.NowTimestamp();
    for (ListEntry& e : open) {
      const std::string from = e.valid_from.empty() ? e.created_at.substr(0, 10) : e.valid_from;
      XY_ASSIGN_OR_RETURN(e.valid_until, validity_.EndOf(e.list_kind, e.domain, from, ""));
      const ValidityPeriod* period = validity_.Period(e.list_kind, e.domain);
      e.updated_at = now;
      XY_RETURN_IF_ERROR(tx->UpdateListEntry(e));
      Json payload = EntryPayload(e);
      payload["months"] = period->months;
      payload["rule"] = period->Rule();
      XY_RETURN_IF_ERROR(tx->AppendEvent({"system:validity", "list_entry.validity_set",
                                          "list_entry:" + std::to_string(e.id), payload.dump()},
                                         now)
                             .status());
      ++changed;
    }
    XY_RETURN_IF_ERROR(tx->Commit());
  }
}

Result<ListEntry> ListService::Drop(const Principal& p, int64_t id, const std::string& reason) {
  XY_RETURN_IF_ERROR(NeedText(reason, "reason", "须写明不予认定的理由"));
  return Change(p, id, "list_entry.dropped",
                [&](Transaction&, ListEntry& e, const std::string& today) -> Status {
                  if (e.status != "proposed" && e.status != "noticed") {
                    return FailedPrecondition("status: 已决定的条目应办理移出，而不是撤回");
                  }
                  e.status = "dropped";
                  e.exit_reason = NormaliseText(reason);
                  e.exited_at = today;
                  return Status::Ok();
                });
}

Status ListService::NotifyExit(Transaction& tx, const ListEntry& e) {
  return NotifyRecentCheckers(
             tx, ctx_.clock, e.subject_id, "list_entry.exited",
             "list_entry:" + std::to_string(e.id),
             std::string(ListKindLabel(e.list_kind)) + "条目已移出：" + e.exit_reason)
      .status();
}

Result<ListEntry> ListService::Exit(const Principal& p, int64_t id, const std::string& reason) {
  XY_RETURN_IF_ERROR(NeedText(reason, "reason", "须写明移出理由（信用修复、撤销、期满等）"));
  return Change(p, id, "list_entry.exited",
                [&](Transaction&, ListEntry& e, const std::string& today) -> Status {
                  if (e.status != "decided")
                    return FailedPrecondition("status: 只有已认定的条目可以移出");
                  e.status = "exited";
                  e.exit_reason = NormaliseText(reason);
                  e.exited_at = today;
                  return Status::Ok();
                });
}

Status ListService::ExitIn(Transaction& tx, const std::string& actor, ListEntry& e,
                           const std::string& reason, const std::string& on) {
  XY_RETURN_IF_ERROR(NeedText(reason, "reason", "须写明移出理由（信用修复、撤销、期满等）"));
  if (e.status != "decided") return FailedPrecondition("status: 只有已认定的条目可以移出");
  const std::string now = ctx_.clock.NowTimestamp();
  e.status = "exited";
  e.exit_reason = NormaliseText(reason);
  e.exited_at = on.empty() ? ctx_.clock.Today().ToString() : on;
  e.updated_at = now;
  XY_RETURN_IF_ERROR(tx.UpdateListEntry(e));
  XY_RETURN_IF_ERROR(NotifyExit(tx, e));
  return tx
      .AppendEvent({actor, "list_entry.exited", "list_entry:" + std::to_string(e.id),
                    EntryPayload(e).dump()},
                   now)
      .status();
}

Result<ListEntry> ListService::Get(int64_t id) {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto entry, tx->GetListEntry(id));
  if (!entry) return NotFound("list entry: 名单条目" + std::to_string(id) + "不存在");
  return *entry;
}

Result<ListService::FeedPage> ListService::Feed(const Principal& p, int64_t cursor, int limit) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kOfficer, Role::kAdmin, Role::kAuditor}));
  return FilteredFeed(cursor, limit, nullptr);
}

Result<ListService::FeedPage> ListService::FilteredFeed(int64_t cursor, int limit,
                                                        const FeedFilter& keep) {
  if (limit < 1 || limit > 500) return InvalidArgument("limit: 应在1到500之间");
  if (cursor < 0) return InvalidArgument("cursor: 不能为负数");
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  FeedPage page;
  page.next_cursor = cursor;
  constexpr int kScan = 2000;
  // Scan the log forward until the page is full or the log ends; the cursor moves over every
  // event looked at, matching or not.
  while (static_cast<int>(page.items.size()) < limit) {
    XY_ASSIGN_OR_RETURN(auto events, tx->ReadEvents(page.next_cursor, kScan));
    for (const auto& e : events) {
      page.next_cursor = e.seq;
      if (e.type != "list_entry.decided" && e.type != "list_entry.exited") continue;
      Json payload = Json::parse(e.payload, nullptr, false);
      if (payload.is_discarded()) {
        return Internal("event " + std::to_string(e.seq) + " has a malformed payload");
      }
      FeedItem item;
      item.seq = e.seq;
      item.at = e.at;
      item.type = e.type;
      item.entry.id = payload.value("id", int64_t{0});
      item.entry.subject_id = payload.value("subject", int64_t{0});
      item.entry.list_kind = payload.value("list_kind", "");
      item.entry.domain = payload.value("domain", "");
      item.entry.status = payload.value("status", "");
      item.entry.department_id = payload.value("department", int64_t{0});
      item.entry.basis = payload.value("basis", "");
      item.entry.decision_document =
          std::string(ShownDocument(payload.value("decision_document", "")));
      item.entry.valid_from = payload.value("valid_from", "");
      item.entry.valid_until = payload.value("valid_until", "");
      item.entry.exit_reason = payload.value("exit_reason", "");
      XY_ASSIGN_OR_RETURN(Subject subject, tx->GetSubject(item.entry.subject_id));
      if (keep && !keep(item.entry, subject)) continue;
      const bool person = subject.kind == SubjectKind::kNaturalPerson;
      item.subject_name = person ? MaskPersonName(subject.name) : subject.name;
      for (const auto& i : subject.identifiers) item.subject_identifiers.push_back(i.display);
      page.items.push_back(std::move(item));
      if (static_cast<int>(page.items.size()) >= limit) break;
    }
    if (static_cast<int>(events.size()) < kScan) break;
  }
  return page;
}

std::string FeedItemJson(const ListService::FeedItem& item) {
  const ListEntry& e = item.entry;
  auto opt = [](const std::string& v) { return v.empty() ? Json(nullptr) : Json(v); };
  Json entry = {
      {"id", e.id},
      {"list_kind", e.list_kind},
      {"list_name", std::string(ListKindLabel(e.list_kind))},
      {"domain", e.domain},
      {"status", e.status},
      {"department_id", e.department_id},
      {"basis", e.basis},
      {"decision_document", opt(e.decision_document)},
      {"valid_from", opt(e.valid_from)},
      {"valid_until", opt(e.valid_until)},
      {"exit_reason", opt(e.exit_reason)},
      {"subject", {{"name", item.subject_name}, {"identifiers", item.subject_identifiers}}}};
  return Json{{"seq", item.seq}, {"at", item.at}, {"type", item.type}, {"entry", entry}}.dump();
}

}  // namespace xinyong
