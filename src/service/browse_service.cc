#include "service/browse_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/date.h"
#include "core/ids.h"
#include "core/text.h"
#include "domain/catalogue.h"
#include "service/account_service.h"
#include "service/public_service.h"

namespace xinyong {
namespace {

Status CheckPaging(int page, int size) {
  if (size < 1 || size > BrowseService::kMaxPageSize) {
    return InvalidArgument("size: 每页条数应在1到" + std::to_string(BrowseService::kMaxPageSize) +
                           "之间");
  }
  if (page < 1) return InvalidArgument("page: 页码从1开始");
  if (static_cast<int64_t>(page - 1) * size >= BrowseService::kMaxPublicRows) {
    return InvalidArgument("page: 仅提供前" + std::to_string(BrowseService::kMaxPublicRows) +
                           "条结果，请缩小查询范围");
  }
  return Status::Ok();
}

// A subject as tables show it: a natural person's name masked like the number (张*), as
// everywhere else outside the person's own records.
SubjectIndexRow Shown(SubjectIndexRow s) {
  if (s.kind == SubjectKind::kNaturalPerson) s.name = MaskPersonName(s.name);
  return s;
}

template <typename T>
void SetTotals(PublicPage<T>& out, int64_t total) {
  out.capped = total > BrowseService::kMaxPublicRows;
  out.total = std::min<int64_t>(total, BrowseService::kMaxPublicRows);
  int64_t pages = (out.total + out.size - 1) / out.size;
  out.max_page = static_cast<int>(std::max<int64_t>(pages, 1));
}

// One page of a public table: the count (stopped just past the cap), then the rows.
template <typename Row, typename Query, typename Count, typename Find>
Result<PublicPage<Row>> PageOf(Query q, int page, int size, Count count, Find find) {
  PublicPage<Row> out;
  out.page = page;
  out.size = size;
  q.count_cap = BrowseService::kMaxPublicRows + 1;
  XY_ASSIGN_OR_RETURN(int64_t total, count(q));
  SetTotals(out, total);
  q.offset = (page - 1) * size;
  q.limit = size;
  XY_ASSIGN_OR_RETURN(out.items, find(q));
  return out;
}

}  // namespace

Result<std::vector<RecordRow>> BrowseService::RowsOf(Transaction& tx, std::vector<Record> records) {
  std::map<int64_t, Department> departments;
  std::vector<RecordRow> out;
  out.reserve(records.size());
  for (auto& r : records) {
    RecordRow row;
    XY_ASSIGN_OR_RETURN(auto subject, tx.SubjectForIndex(r.subject_id));
    if (subject) row.subject = Shown(std::move(*subject));
    auto d = departments.find(r.department_id);
    if (d == departments.end()) {
      XY_ASSIGN_OR_RETURN(auto dep, tx.GetDepartment(r.department_id));
      d = departments.emplace(r.department_id, dep.value_or(Department{})).first;
    }
    row.department = d->second;
    XY_ASSIGN_OR_RETURN(RecordView view, ViewOfRecord(tx, catalogue_, std::move(r)));
    row.record = std::move(view.record);
    row.item_name = std::move(view.item_name);
    row.fields = std::move(view.fields);
    out.push_back(std::move(row));
  }
  return out;
}

Result<std::vector<EntryRow>> BrowseService::RowsOf(Transaction& tx,
                                                    std::vector<ListEntry> entries) {
  std::vector<EntryRow> out;
  out.reserve(entries.size());
  for (auto& e : entries) {
    EntryRow row;
    XY_ASSIGN_OR_RETURN(auto subject, tx.SubjectForIndex(e.subject_id));
    if (subject) row.subject = Shown(std::move(*subject));
    row.entry = std::move(e);
    out.push_back(std::move(row));
  }
  return out;
}

Result<std::vector<RecordRow>> BrowseService::Records(const Principal& p, RecordQuery q) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kAuditor, Role::kOperator}));
  if (p.role == Role::kOperator) q.department_id = p.department_id;
  if (q.limit < 1 || q.limit > 200) return InvalidArgument("limit: 应在1到200之间");
  if (!q.status.empty() && q.status != "active" && q.status != "revoked") {
    return InvalidArgument("status: 应为 active 或 revoked");
  }
  q.public_on.clear();
  q.offset = 0;
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto records, tx->FindRecords(q));
  return RowsOf(*tx, std::move(records));
}

Result<std::vector<Batch>> BrowseService::Batches(const Principal& p, int64_t before_id,
                                                  int limit) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kAuditor, Role::kOperator}));
  if (limit < 1 || limit > 200) return InvalidArgument("limit: 应在1到200之间");
  int64_t department = p.role == Role::kOperator ? p.department_id : 0;
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  return tx->FindBatches(department, before_id, limit);
}

Result<std::vector<EntryRow>> BrowseService::Entries(const Principal& p, EntryQuery q) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kAuditor, Role::kOperator}));
  if (p.role == Role::kOperator) q.department_id = p.department_id;
  if (q.limit < 1 || q.limit > 200) return InvalidArgument("limit: 应在1到200之间");
  if (!q.list_kind.empty() && !IsListKind(q.list_kind)) {
    return InvalidArgument("list_kind: 应为 red、serious 或 key_attention");
  }
  q.public_on.clear();
  q.offset = 0;
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto entries, tx->FindListEntries(q));
  return RowsOf(*tx, std::move(entries));
}

Result<EntryRow> BrowseService::Entry(const Principal& p, int64_t id) {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto entry, tx->GetListEntry(id));
  const auto missing = [id] {
    return NotFound("list_entry: 没有编号为" + std::to_string(id) + "的名单条目");
  };
  if (!entry) return missing();
  const bool office = p.role == Role::kAdmin || p.role == Role::kAuditor;
  const bool own_department = (p.role == Role::kOperator || p.role == Role::kOfficer) &&
                              p.department_id != 0 && entry->department_id == p.department_id;
  const bool own_subject =
      p.role == Role::kSubject && p.subject_id != 0 && entry->subject_id == p.subject_id;
  if (!office && !own_department && !own_subject &&
      !PubliclyListed(*entry, ctx_.clock.Today().ToString())) {
    return missing();
  }
  XY_ASSIGN_OR_RETURN(auto rows, RowsOf(*tx, {std::move(*entry)}));
  return std::move(rows.front());
}

Result<std::vector<ListMonth>> BrowseService::ListsOverTime(int months) {
  if (months < 1 || months > 120) return InvalidArgument("months: 应在1到120之间");
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto counts, tx->ListMonthCounts());
  // The months shown: `months` months ending with this one.
  Date today = ctx_.clock.Today();
  Date first = today.AddMonths(-(months - 1));
  std::vector<ListMonth> out;
  for (int i = 0; i < months; ++i) {
    out.push_back({first.AddMonths(i).ToString().substr(0, 7), {}, {}, {}});
  }
  // In force at a month's end: decided up to then minus exited up to then, over all history.
  std::map<std::string, int64_t> running;
  size_t next = 0;
  for (ListMonth& m : out) {
    for (const char* kind : {"red", "serious", "key_attention"}) {
      m.decided[kind] = 0;
      m.exited[kind] = 0;
    }
    for (; next < counts.size() && counts[next].month <= m.month; ++next) {
      const ListMonthCount& c = counts[next];
      running[c.list_kind] += c.decided - c.exited;
      if (c.month == m.month) {
        m.decided[c.list_kind] += c.decided;
        m.exited[c.list_kind] += c.exited;
      }
    }
    for (const char* kind : {"red", "serious", "key_attention"}) m.active[kind] = running[kind];
  }
  return out;
}

Result<PublicPage<RecordRow>> BrowseService::PublicRecords(RecordQuery q, int page, int size) {
  XY_RETURN_IF_ERROR(CheckPaging(page, size));
  // 双公示: 行政许可 and 行政处罚, one of them or both ("" = 全部).
  if (q.item_code.empty()) {
    q.item_codes = {"XK", "CF"};
  } else if (q.item_code != "XK" && q.item_code != "CF") {
    return InvalidArgument("item: 双公示信息为 XK（行政许可）或 CF（行政处罚），不填为全部");
  }
  q.public_on = ctx_.clock.Today().ToString();
  q.status.clear();
  q.before_id = 0;
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  return PageOf<RecordRow>(
      q, page, size, [&](const RecordQuery& x) { return tx->CountRecordsWhere(x); },
      [&](const RecordQuery& x) -> Result<std::vector<RecordRow>> {
        XY_ASSIGN_OR_RETURN(auto records, tx->FindRecords(x));
        return RowsOf(*tx, std::move(records));
      });
}

Result<PublicPage<EntryRow>> BrowseService::PublicLists(const std::string& kind,
                                                        const std::string& domain, int page,
                                                        int size) {
  XY_RETURN_IF_ERROR(CheckPaging(page, size));
  if (kind != "red" && kind != "serious") {
    return InvalidArgument("kind: 公开的名单为 red（红名单）和 serious（严重失信主体名单）");
  }
  EntryQuery q;
  q.list_kind = kind;
  q.domain = domain;
  q.public_on = ctx_.clock.Today().ToString();
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  return PageOf<EntryRow>(
      q, page, size, [&](const EntryQuery& x) { return tx->CountListEntries(x); },
      [&](const EntryQuery& x) -> Result<std::vector<EntryRow>> {
        XY_ASSIGN_OR_RETURN(auto entries, tx->FindListEntries(x));
        return RowsOf(*tx, std::move(entries));
      });
}

Result<PublicCounts> BrowseService::Counts() {
  const int64_t now = ctx_.clock.NowMillis();
  {
    std::lock_guard lock(mu_);
    if (counts_at_ms_ >= 0 && now - counts_at_ms_ < 60'000 && now >= counts_at_ms_) return counts_;
  }
  const std::string today = ctx_.clock.Today().ToString();
  PublicCounts c;
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(c.subjects, tx->CountSubjects());
  std::vector<Record> latest;
  for (const char* item : {"XK", "CF"}) {
    RecordQuery q;
    q.item_code = item;
    q.public_on = today;
    XY_ASSIGN_OR_RETURN(int64_t n, tx->CountRecordsWhere(q));
    c.records += n;
    q.limit = 5;
    XY_ASSIGN_OR_RETURN(auto some, tx->FindRecords(q));
    latest.insert(latest.end(), some.begin(), some.end());
  }
  std::sort(latest.begin(), latest.end(), [](const Record& a, const Record& b) {
    return std::pair(a.decision_date, a.id) > std::pair(b.decision_date, b.id);
  });
  if (latest.size() > 6) latest.resize(6);
  XY_ASSIGN_OR_RETURN(c.latest, RowsOf(*tx, std::move(latest)));
  EntryQuery red;
  red.list_kind = "red";
  red.public_on = today;
  XY_ASSIGN_OR_RETURN(c.red, tx->CountListEntries(red));
  red.limit = 6;
  XY_ASSIGN_OR_RETURN(auto reds, tx->FindListEntries(red));
  XY_ASSIGN_OR_RETURN(c.red_list, RowsOf(*tx, std::move(reds)));
  EntryQuery serious;
  serious.list_kind = "serious";
  serious.public_on = today;
  XY_ASSIGN_OR_RETURN(c.serious, tx->CountListEntries(serious));
  std::lock_guard lock(mu_);
  counts_ = c;
  counts_at_ms_ = now;
  return c;
}

Result<std::vector<Department>> BrowseService::Departments() {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  return tx->ListDepartments();
}

Result<Announcement> BrowseService::Announce(const Principal& p, const std::string& title,
                                             const std::string& body) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin}));
  Announcement a;
  a.title = NormaliseText(title);
  a.body = NormaliseText(body);
  if (a.title.empty()) return InvalidArgument("title: 请填写公告标题");
  if (Utf8Chars(a.title).size() > 100) return InvalidArgument("title: 标题不超过100字");
  if (a.body.empty()) return InvalidArgument("body: 请填写公告正文");
  if (Utf8Chars(a.body).size() > 5000) return InvalidArgument("body: 正文不超过5000字");
  a.author = p.actor;
  a.published_at = ctx_.clock.NowTimestamp();
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(a.id, tx->InsertAnnouncement(a));
  nlohmann::json payload = {{"title", a.title}};
  XY_RETURN_IF_ERROR(tx->AppendEvent({p.actor, "announcement.published",
                                      "announcement:" + std::to_string(a.id), payload.dump()},
                                     a.published_at)
                         .status());
  XY_RETURN_IF_ERROR(tx->Commit());
  return a;
}

Result<Announcement> BrowseService::Withdraw(const Principal& p, int64_t id,
                                             const std::string& reason) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin}));
  const std::string why = NormaliseText(reason);
  if (why.empty()) return InvalidArgument("reason: 请说明撤下公告的理由");
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(auto found, tx->GetAnnouncement(id));
  if (!found) return NotFound("announcement: 没有编号为" + std::to_string(id) + "的公告");
  Announcement a = *found;
  if (!a.withdrawn_at.empty()) return FailedPrecondition("announcement: 该公告已撤下");
  a.withdrawn_at = ctx_.clock.NowTimestamp();
  a.withdraw_reason = why;
  XY_RETURN_IF_ERROR(tx->UpdateAnnouncement(a));
  nlohmann::json payload = {{"reason", why}};
  XY_RETURN_IF_ERROR(tx->AppendEvent({p.actor, "announcement.withdrawn",
                                      "announcement:" + std::to_string(a.id), payload.dump()},
                                     a.withdrawn_at)
                         .status());
  XY_RETURN_IF_ERROR(tx->Commit());
  return a;
}

Result<std::vector<Announcement>> BrowseService::Announcements(bool with_withdrawn, int limit) {
  if (limit < 1 || limit > 100) return InvalidArgument("limit: 应在1到100之间");
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  return tx->ListAnnouncements(with_withdrawn, limit);
}

}  // namespace xinyong
