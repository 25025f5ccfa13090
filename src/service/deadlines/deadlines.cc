#include "service/deadlines/deadlines.h"

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/clock.h"

namespace xinyong {
namespace {

using Json = nlohmann::json;

// The date field of an open case or entry that a remembered deadline names; nullptr when the
// case is over or the field unknown (then there is nothing to count any more).
std::string* OpenField(Objection& o, const std::string& field) {
  if (o.status != "submitted" && o.status != "accepted" && o.status != "decided") return nullptr;
  if (field == "accept_due") return o.status == "submitted" ? &o.accept_due : nullptr;
  if (field == "verify_due") return o.status == "accepted" ? &o.verify_due : nullptr;
  if (field == "close_due") return &o.close_due;
  return nullptr;
}

std::string* OpenField(Repair& r, const std::string& field) {
  if (r.status != "submitted") return nullptr;
  return field == "review_due" ? &r.review_due : nullptr;
}

std::string* OpenField(Tip& t, const std::string& field) {
  if (t.status != "submitted" && t.status != "routed") return nullptr;
  if (field == "route_due") return t.status == "submitted" ? &t.route_due : nullptr;
  if (field == "answer_due") return t.status == "routed" ? &t.answer_due : nullptr;
  if (field == "total_due") return &t.total_due;
  return nullptr;
}

std::string* OpenField(ListEntry& e, const std::string& field) {
  if (e.status != "noticed") return nullptr;
  return field == "defence_until" ? &e.defence_until : nullptr;
}

// Loads the target of `d`, lets `change` set its field, and writes it back when asked.
// Returns false when there is nothing open to count.
template <typename T, typename Get, typename Put>
Result<bool> WithField(Get get, Put put, const ProvisionalDeadline& d,
                       const std::function<Result<bool>(std::string&)>& change) {
  XY_ASSIGN_OR_RETURN(std::optional<T> target, get());
  if (!target) return false;
  std::string* field = OpenField(*target, d.field);
  if (!field || *field != d.due) return false;  // over, or moved since (an extension)
  XY_ASSIGN_OR_RETURN(bool write, change(*field));
  if (write) XY_RETURN_IF_ERROR(put(*target));
  return true;
}

Result<bool> ChangeTarget(Transaction& tx, const ProvisionalDeadline& d,
                          const std::function<Result<bool>(std::string&)>& change) {
  const size_t colon = d.target.find(':');
  const std::string kind = d.target.substr(0, colon);
  int64_t id = 0;
  try {
    id = std::stoll(d.target.substr(colon + 1));
  } catch (...) {
    return false;
  }
  if (kind == "objection") {
    return WithField<Objection>([&] { return tx.GetObjection(id); },
                                [&](const Objection& o) { return tx.UpdateObjection(o); }, d,
                                change);
  }
  if (kind == "repair") {
    return WithField<Repair>([&] { return tx.GetRepair(id); },
                             [&](const Repair& r) { return tx.UpdateRepair(r); }, d, change);
  }
  if (kind == "tip") {
    return WithField<Tip>([&] { return tx.Tips().GetTip(id); },
                          [&](const Tip& t) { return tx.Tips().UpdateTip(t); }, d, change);
  }
  if (kind == "list_entry") {
    return WithField<ListEntry>([&] { return tx.GetListEntry(id); },
                                [&](const ListEntry& e) { return tx.UpdateListEntry(e); }, d,
                                change);
  }
  return false;
}

const char* FieldName(const std::string& field) {
  if (field == "accept_due") return "受理期限";
  if (field == "verify_due") return "核实期限";
  if (field == "close_due") return "办结期限";
  if (field == "review_due") return "审核期限";
  if (field == "defence_until") return "陈述申辩期";
  if (field == "route_due") return "转办期限";
  if (field == "answer_due") return "办理期限";
  if (field == "total_due") return "全程期限";
  return "期限";
}

// Objections, repairs and tips show their steps to the filer: the new date is one of them.
Status NoteOnCase(Transaction& tx, const ProvisionalDeadline& d, const RecountedDeadline& r,
                  const std::string& at, const std::string& actor) {
  const size_t colon = d.target.find(':');
  const std::string kind = d.target.substr(0, colon);
  if (kind != "objection" && kind != "repair" && kind != "tip") return Status::Ok();
  const int64_t id = std::stoll(d.target.substr(colon + 1));
  std::string note = std::string(FieldName(d.field)) + "按工作日重新推算：";
  note += r.due == d.due ? "仍为" + r.due : "由" + d.due + "调整为" + r.due;
  if (!r.reason.empty()) note += "（" + r.reason + "）";
  return tx.AppendCaseStep({kind, id, 0, at, actor, "deadline_recounted", note}).status();
}

}  // namespace

Status RememberDeadline(Transaction& tx, std::string_view target, std::string_view field, Date from,
                        int working_days, const DueDate& due, std::string_view at) {
  if (!due.provisional) return tx.DeleteProvisionalDeadline(target, field);
  return tx.PutProvisionalDeadline({std::string(target), std::string(field), from.ToString(),
                                    working_days, due.date.ToString(), std::string(at)});
}

std::vector<std::string> ProvisionalDates(
    const WorkingCalendar& calendar,
    const std::vector<std::pair<std::string, std::string>>& dates) {
  std::vector<std::string> out;
  for (const auto& [name, text] : dates) {
    if (text.size() < 10) continue;
    auto d = Date::Parse(text.substr(0, 10));
    if (d.ok() && calendar.IsProvisionalYear(d->year())) out.push_back(name);
  }
  return out;
}

Result<RecountReport> DeadlineRecount::Run(const std::string& actor) {
  RecountReport report;
  std::vector<ProvisionalDeadline> all;
  {
    XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
    XY_ASSIGN_OR_RETURN(all, tx->ListProvisionalDeadlines());
  }
  // One transaction per deadline: a failure leaves the others counted and this one as it was.
  for (const ProvisionalDeadline& d : all) {
    ++report.examined;
    XY_ASSIGN_OR_RETURN(Date from, Date::Parse(d.from_date));
    XY_ASSIGN_OR_RETURN(Date old_due, Date::Parse(d.due));
    XY_ASSIGN_OR_RETURN(DueDate now, ctx_.calendar.DueAfter(from, d.working_days));
    const std::string at = ctx_.clock.NowTimestamp();
    RecountedDeadline r{d.target,        d.field, d.due, now.date.ToString(), now.date.ToString(),
                        now.provisional, ""};
    if (now.date < old_due) {
      r.due = d.due;
      r.reason = now.provisional ? "重新推算的日期早于已告知的日期，已告知的较晚日期继续有效"
                                 : "国务院办公厅节假日安排通知公布后推算的日期早于已告知的日期，"
                                   "为不减损当事人权益，已告知的较晚日期继续有效";
    }
    XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
    const bool moves = r.due != d.due;
    XY_ASSIGN_OR_RETURN(bool open, ChangeTarget(*tx, d, [&](std::string& field) -> Result<bool> {
                          if (!moves) return false;
                          field = r.due;
                          return true;
                        }));
    if (!open) {
      ++report.dropped;
      XY_RETURN_IF_ERROR(tx->DeleteProvisionalDeadline(d.target, d.field));
      XY_RETURN_IF_ERROR(tx->Commit());
      continue;
    }
    if (moves || (!r.reason.empty() && !now.provisional)) {
      Json payload = {{"field", d.field},
                      {"from", d.from_date},
                      {"working_days", d.working_days},
                      {"old", d.due},
                      {"new", r.due},
                      {"calendar", r.official},
                      {"provisional", now.provisional}};
      if (!r.reason.empty()) payload["reason"] = r.reason;
      XY_RETURN_IF_ERROR(
          tx->AppendEvent({actor, "deadline.recounted", d.target, payload.dump()}, at).status());
      XY_RETURN_IF_ERROR(NoteOnCase(*tx, d, r, at, actor));
      report.changed.push_back(r);
    } else if (now.provisional) {
      ++report.unchanged;
    } else {
      ++report.confirmed;
    }
    if (now.provisional) {
      ProvisionalDeadline kept = d;
      kept.due = r.due;
      kept.computed_at = at;
      XY_RETURN_IF_ERROR(tx->PutProvisionalDeadline(kept));
    } else {
      XY_RETURN_IF_ERROR(tx->DeleteProvisionalDeadline(d.target, d.field));
    }
    XY_RETURN_IF_ERROR(tx->Commit());
  }
  return report;
}

}  // namespace xinyong
