#include "service/cases/case_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/clock.h"
#include "core/date.h"
#include "core/ids.h"
#include "core/text.h"
#include "domain/catalogue.h"
#include "service/account_service.h"
#include "service/list_service.h"
#include "service/subject_service.h"
#include "store/store.h"

namespace xinyong {
namespace {

using Json = nlohmann::json;

constexpr int kPublicDepth = 1000;  // the public list reads no deeper

std::string Ref(int64_t id) { return "typical_case:" + std::to_string(id); }

Status NotACase(int64_t id) { return NotFound("case: 典型案例" + std::to_string(id) + "不存在"); }

bool Dishonest(Nature n) { return n == Nature::kMinor || n == Nature::kSerious; }

// The position (in characters, from 1) where `masked` first differs from `text`.
size_t FirstDifference(const std::string& text, const std::string& masked) {
  size_t i = 0;
  while (i < text.size() && i < masked.size() && text[i] == masked[i]) ++i;
  return Utf8Chars(std::string_view(text).substr(0, i)).size() + 1;
}

}  // namespace

Result<TypicalCase> CaseService::Checked(const CaseInput& in) const {
  TypicalCase c;
  if (in.kind != kCaseHonest && in.kind != kCaseDishonest) {
    return InvalidArgument("kind: 应为 honest（守信）或 dishonest（失信）");
  }
  c.kind = in.kind;
  c.title = NormaliseName(in.title);
  if (c.title.empty()) return InvalidArgument("title: 请填写案例标题");
  XY_RETURN_IF_ERROR(CheckChars("title", c.title, kNameChars));
  c.body = NormaliseText(in.body);
  if (c.body.empty()) return InvalidArgument("body: 请填写案例内容");
  XY_RETURN_IF_ERROR(CheckChars("body", c.body, kLongTextChars));
  if (in.subjects.empty()) return InvalidArgument("subjects: 请至少关联一个主体");
  c.supersedes = in.supersedes;
  return c;
}

Result<std::vector<CaseLink>> CaseService::Links(Transaction& tx, const CaseInput& in) const {
  std::set<std::pair<std::string, int64_t>> seen;
  std::vector<CaseLink> out;
  const auto add = [&](const char* kind, int64_t id) {
    if (seen.emplace(kind, id).second) out.push_back({0, kind, id});
  };
  for (size_t i = 0; i < in.subjects.size(); ++i) {
    auto s = subjects_.LookupIn(tx, in.subjects[i], false);
    if (!s.ok()) {
      return InvalidArgument("subjects[" + std::to_string(i) + "]: 平台上没有代码为“" +
                             in.subjects[i] + "”的主体");
    }
    add("subject", s->id);
  }
  for (size_t i = 0; i < in.records.size(); ++i) {
    XY_ASSIGN_OR_RETURN(auto r, tx.GetRecord(in.records[i]));
    if (!r) {
      return InvalidArgument("records[" + std::to_string(i) + "]: 没有编号为" +
                             std::to_string(in.records[i]) + "的记录");
    }
    add("record", r->id);
  }
  for (size_t i = 0; i < in.list_entries.size(); ++i) {
    XY_ASSIGN_OR_RETURN(auto e, tx.GetListEntry(in.list_entries[i]));
    if (!e) {
      return InvalidArgument("list_entries[" + std::to_string(i) + "]: 没有编号为" +
                             std::to_string(in.list_entries[i]) + "的名单条目");
    }
    add("list_entry", e->id);
  }
  return out;
}

Result<std::vector<std::string>> CaseService::Problems(Transaction& tx, const TypicalCase& c,
                                                       const std::vector<CaseLink>& links,
                                                       const std::string& today) {
  std::vector<std::string> out;
  std::set<int64_t> subjects;
  std::vector<std::string> person_names;
  for (const auto& l : links) {
    if (l.target_kind != "subject") continue;
    subjects.insert(l.target_id);
    XY_ASSIGN_OR_RETURN(Subject s, tx.GetSubject(l.target_id));
    if (s.kind == SubjectKind::kNaturalPerson && Utf8Chars(s.name).size() >= 2) {
      person_names.push_back(s.name);
    }
  }
  bool dishonesty = false, honesty = false;
  for (const auto& l : links) {
    const std::string id = std::to_string(l.target_id);
    if (l.target_kind == "record") {
      XY_ASSIGN_OR_RETURN(auto r, tx.GetRecord(l.target_id));
      if (!r) continue;
      XY_ASSIGN_OR_RETURN(Subject s, tx.GetSubject(r->subject_id));
      if (!PubliclyVisible(*r, today) || s.kind == SubjectKind::kNaturalPerson) {
        out.push_back("records: 记录" + id + "今天不在社会公开的公示期内，不能写入案例");
        continue;
      }
      if (!subjects.count(r->subject_id)) {
        out.push_back("records: 记录" + id + "的主体没有关联到本案例");
      }
      dishonesty = dishonesty || Dishonest(r->nature);
      honesty = honesty || r->nature == Nature::kGood;
    } else if (l.target_kind == "list_entry") {
      XY_ASSIGN_OR_RETURN(auto e, tx.GetListEntry(l.target_id));
      if (!e) continue;
      if (!PubliclyListed(*e, today)) {
        out.push_back("list_entries: 名单条目" + id + "今天不在公开的名单中，不能写入案例");
        continue;
      }
      if (!subjects.count(e->subject_id)) {
        out.push_back("list_entries: 名单条目" + id + "的主体没有关联到本案例");
      }
      dishonesty = dishonesty || e->list_kind == "serious";
      honesty = honesty || e->list_kind == "red";
    }
  }
  if (c.kind == kCaseDishonest && !dishonesty) {
    out.push_back("kind: 失信案例须引用至少一条公示中的失信记录或严重失信主体名单");
  }
  if (c.kind == kCaseHonest) {
    if (!honesty) out.push_back("kind: 守信案例须引用公示中的红名单或良好信用记录");
    for (int64_t s : subjects) {
      XY_ASSIGN_OR_RETURN(std::string found,
                          DishonestyWithin(tx, s, today, red_list_.clean_months));
      if (!found.empty()) {
        out.push_back("subjects: 主体" + std::to_string(s) + "近" +
                      std::to_string(red_list_.clean_months) + "个月内有失信记录（" + found +
                      "），不能作为守信案例");
      }
    }
  }
  for (auto [field, text] : {std::pair{"title", &c.title}, std::pair{"body", &c.body}}) {
    const std::string masked = MaskIdNumbersIn(*text);
    if (masked != *text) {
      out.push_back(std::string(field) + ": 第" + std::to_string(FirstDifference(*text, masked)) +
                    "个字起含有居民身份证号，不能公开");
    }
    for (const auto& name : person_names) {
      const size_t at = text->find(name);
      if (at != std::string::npos) {
        out.push_back(std::string(field) + ": 第" +
                      std::to_string(Utf8Chars(std::string_view(*text).substr(0, at)).size() + 1) +
                      "个字起含有自然人的全名，请写作" + MaskPersonName(name));
      }
    }
  }
  if (c.supersedes != 0) {
    XY_ASSIGN_OR_RETURN(auto old, tx.TypicalCases().GetCase(c.supersedes));
    if (!old || old->status != "published" || old->id == c.id) {
      out.push_back("supersedes: 被更正的案例" + std::to_string(c.supersedes) + "不是已公开的案例");
    }
  }
  return out;
}

Result<PublicCase> CaseService::View(Transaction& tx, const TypicalCase& c,
                                     const std::vector<CaseLink>& links, const std::string& today,
                                     bool* dishonesty_public) {
  PublicCase out;
  out.c = c;
  *dishonesty_public = false;
  for (const auto& l : links) {
    if (l.case_id != c.id) continue;
    if (l.target_kind == "subject") {
      XY_ASSIGN_OR_RETURN(auto row, tx.SubjectForIndex(l.target_id));
      if (!row) continue;
      const bool person = row->kind == SubjectKind::kNaturalPerson;
      out.subjects.push_back({person ? MaskPersonName(row->name) : row->name,
                              person ? "" : row->code, person});
    } else if (l.target_kind == "record") {
      XY_ASSIGN_OR_RETURN(auto r, tx.GetRecord(l.target_id));
      if (!r || !PubliclyVisible(*r, today)) continue;
      XY_ASSIGN_OR_RETURN(Subject s, tx.GetSubject(r->subject_id));
      if (s.kind == SubjectKind::kNaturalPerson) continue;
      *dishonesty_public = *dishonesty_public || Dishonest(r->nature);
      XY_ASSIGN_OR_RETURN(RecordView v, ViewOfRecord(tx, catalogue_, *r));
      out.records.push_back(std::move(v));
    } else if (l.target_kind == "list_entry") {
      XY_ASSIGN_OR_RETURN(auto e, tx.GetListEntry(l.target_id));
      if (!e || !PubliclyListed(*e, today)) continue;
      *dishonesty_public = *dishonesty_public || e->list_kind == "serious";
      out.lists.push_back(*e);
    }
  }
  return out;
}

Result<std::optional<PublicCase>> CaseService::Shown(Transaction& tx, const TypicalCase& c,
                                                     const std::vector<CaseLink>& links,
                                                     const std::string& today) {
  if (c.status != "published") return std::optional<PublicCase>();
  bool dishonesty_public = false;
  XY_ASSIGN_OR_RETURN(PublicCase v, View(tx, c, links, today, &dishonesty_public));
  if (!PubliclyShownCase(c, today, dishonesty_public)) return std::optional<PublicCase>();
  return std::optional<PublicCase>(std::move(v));
}

template <typename F>
Result<CaseView> CaseService::Step(const Principal& p, int64_t id, const char* step,
                                   F&& change) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin}));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(auto found, tx->TypicalCases().GetCase(id));
  if (!found) return NotACase(id);
  TypicalCase c = *found;
  std::string note;
  XY_RETURN_IF_ERROR(change(*tx, c, note));
  const std::string now = ctx_.clock.NowTimestamp();
  c.updated_at = now;
  XY_RETURN_IF_ERROR(tx->TypicalCases().UpdateCase(c));
  XY_RETURN_IF_ERROR(
      tx->AppendCaseStep({"typical_case", id, 0, now, p.actor, step, note}).status());
  XY_RETURN_IF_ERROR(tx->AppendEvent({p.actor, std::string("case.") + step, Ref(id),
                                      Json{{"status", c.status}, {"kind", c.kind}}.dump()},
                                     now)
                         .status());
  CaseView v;
  v.c = c;
  XY_ASSIGN_OR_RETURN(v.links, tx->TypicalCases().CaseLinks({id}));
  XY_ASSIGN_OR_RETURN(v.steps, tx->ListCaseSteps("typical_case", id));
  XY_ASSIGN_OR_RETURN(v.preview, Shown(*tx, c, v.links, ctx_.clock.Today().ToString()));
  XY_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<CaseView> CaseService::Draft(const Principal& p, const CaseInput& in) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin}));
  XY_ASSIGN_OR_RETURN(TypicalCase c, Checked(in));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(auto links, Links(*tx, in));
  const std::string now = ctx_.clock.NowTimestamp();
  c.author = p.actor;
  c.created_at = c.updated_at = now;
  XY_ASSIGN_OR_RETURN(c.id, tx->TypicalCases().InsertCase(c));
  XY_RETURN_IF_ERROR(tx->TypicalCases().PutCaseLinks(c.id, links));
  XY_RETURN_IF_ERROR(
      tx->AppendCaseStep({"typical_case", c.id, 0, now, p.actor, "drafted", "起草案例"}).status());
  XY_RETURN_IF_ERROR(tx->AppendEvent({p.actor, "case.drafted", Ref(c.id),
                                      Json{{"status", c.status}, {"kind", c.kind}}.dump()},
                                     now)
                         .status());
  CaseView v;
  v.c = c;
  XY_ASSIGN_OR_RETURN(v.links, tx->TypicalCases().CaseLinks({c.id}));
  XY_ASSIGN_OR_RETURN(v.steps, tx->ListCaseSteps("typical_case", c.id));
  XY_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<CaseView> CaseService::Edit(const Principal& p, int64_t id, const CaseInput& in) {
  XY_ASSIGN_OR_RETURN(TypicalCase edited, Checked(in));
  return Step(p, id, "edited", [&](Transaction& tx, TypicalCase& c, std::string& note) -> Status {
    if (c.author != p.actor) return PermissionDenied("case: 只有撰写人可以修改草稿");
    if (c.status != "draft") return FailedPrecondition("status: 只能修改草稿，当前为" + c.status);
    XY_ASSIGN_OR_RETURN(auto links, Links(tx, in));
    c.kind = edited.kind;
    c.title = edited.title;
    c.body = edited.body;
    c.supersedes = edited.supersedes;
    XY_RETURN_IF_ERROR(tx.TypicalCases().PutCaseLinks(c.id, links));
    note = "修改草稿";
    return Status::Ok();
  });
}

Result<CaseView> CaseService::Submit(const Principal& p, int64_t id) {
  return Step(p, id, "submitted", [&](Transaction& tx, TypicalCase& c, std::string& note) -> Status {
    if (c.author != p.actor) return PermissionDenied("case: 只有撰写人可以提交审核");
    if (c.status != "draft") return FailedPrecondition("status: 只能提交草稿，当前为" + c.status);
    XY_ASSIGN_OR_RETURN(auto links, tx.TypicalCases().CaseLinks({c.id}));
    XY_ASSIGN_OR_RETURN(auto problems, Problems(tx, c, links, ctx_.clock.Today().ToString()));
    if (!problems.empty()) {
      std::string all;
      for (const auto& x : problems) all += (all.empty() ? "" : "；") + x;
      return FailedPrecondition("case: 不符合公开条件——" + all);
    }
    c.status = "pending_review";
    c.submitted_at = ctx_.clock.NowTimestamp();
    note = "提交审核";
    return Status::Ok();
  });
}

Result<CaseView> CaseService::Approve(const Principal& p, int64_t id, const std::string& note_in,
                                      const std::string& display_until) {
  const std::string remark = NormaliseText(note_in);
  XY_RETURN_IF_ERROR(CheckChars("note", remark, kNoteChars));
  const Date today = ctx_.clock.Today();
  const std::string longest = today.AddMonths(policy_.max_display_months).ToString();
  std::string until = longest;
  if (!display_until.empty()) {
    auto d = Date::Parse(display_until);
    if (!d.ok()) return InvalidArgument("display_until: 应为日期 YYYY-MM-DD");
    until = d->ToString();
    if (until < today.ToString() || until > longest) {
      return InvalidArgument("display_until: 应在今天到" + longest + "之间（至多公示" +
                             std::to_string(policy_.max_display_months) + "个月）");
    }
  }
  return Step(p, id, "approved", [&](Transaction& tx, TypicalCase& c, std::string& note) -> Status {
    if (c.author == p.actor) return FailedPrecondition("reviewer: 审核人不能是案例的撰写人");
    if (c.status != "pending_review") {
      return FailedPrecondition("status: 只能审核待审核的案例，当前为" + c.status);
    }
    XY_ASSIGN_OR_RETURN(auto links, tx.TypicalCases().CaseLinks({c.id}));
    XY_ASSIGN_OR_RETURN(auto problems, Problems(tx, c, links, today.ToString()));
    if (!problems.empty()) {
      std::string all;
      for (const auto& x : problems) all += (all.empty() ? "" : "；") + x;
      return FailedPrecondition("case: 不符合公开条件——" + all);
    }
    const std::string now = ctx_.clock.NowTimestamp();
    c.status = "published";
    c.published_at = now;
    c.display_until = until;
    c.reviewer = p.actor;
    c.review_note = remark;
    note = "审核通过，公开至" + until + (remark.empty() ? "" : "。" + remark);
    if (c.supersedes != 0) {
      XY_ASSIGN_OR_RETURN(auto old, tx.TypicalCases().GetCase(c.supersedes));
      if (old && old->status == "published") {
        old->status = "withdrawn";
        old->withdrawn_at = now;
        old->withdrawn_by = p.actor;
        old->withdraw_reason = "由典型案例" + std::to_string(c.id) + "更正取代";
        old->updated_at = now;
        XY_RETURN_IF_ERROR(tx.TypicalCases().UpdateCase(*old));
        XY_RETURN_IF_ERROR(tx.AppendCaseStep({"typical_case", old->id, 0, now, p.actor,
                                              "withdrawn", old->withdraw_reason})
                               .status());
        XY_RETURN_IF_ERROR(
            tx.AppendEvent({p.actor, "case.withdrawn", Ref(old->id),
                            Json{{"status", old->status}, {"superseded_by", c.id}}.dump()},
                           now)
                .status());
      }
    }
    return Status::Ok();
  });
}

Result<CaseView> CaseService::Return(const Principal& p, int64_t id, const std::string& reason) {
  const std::string why = NormaliseText(reason);
  XY_RETURN_IF_ERROR(CheckChars("reason", why, kNoteChars));
  if (why.empty()) return InvalidArgument("reason: 退回须说明理由");
  return Step(p, id, "returned", [&](Transaction&, TypicalCase& c, std::string& note) -> Status {
    if (c.author == p.actor) return FailedPrecondition("reviewer: 审核人不能是案例的撰写人");
    if (c.status != "pending_review") {
      return FailedPrecondition("status: 只能退回待审核的案例，当前为" + c.status);
    }
    c.status = "draft";
    c.reviewer = p.actor;
    c.review_note = why;
    note = "退回修改：" + why;
    return Status::Ok();
  });
}

Result<CaseView> CaseService::Withdraw(const Principal& p, int64_t id, const std::string& reason) {
  const std::string why = NormaliseText(reason);
  XY_RETURN_IF_ERROR(CheckChars("reason", why, kNoteChars));
  if (why.empty()) return InvalidArgument("reason: 撤回须说明理由");
  return Step(p, id, "withdrawn", [&](Transaction&, TypicalCase& c, std::string& note) -> Status {
    if (c.status == "withdrawn") return FailedPrecondition("status: 该案例已撤回");
    c.status = "withdrawn";
    c.withdrawn_at = ctx_.clock.NowTimestamp();
    c.withdrawn_by = p.actor;
    c.withdraw_reason = why;
    note = "撤回：" + why;
    return Status::Ok();
  });
}

Result<CaseView> CaseService::Get(const Principal& p, int64_t id) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kAuditor}));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto c, tx->TypicalCases().GetCase(id));
  if (!c) return NotACase(id);
  CaseView v;
  v.c = *c;
  XY_ASSIGN_OR_RETURN(v.links, tx->TypicalCases().CaseLinks({id}));
  XY_ASSIGN_OR_RETURN(v.steps, tx->ListCaseSteps("typical_case", id));
  XY_ASSIGN_OR_RETURN(v.preview, Shown(*tx, *c, v.links, ctx_.clock.Today().ToString()));
  return v;
}

Result<std::vector<CaseView>> CaseService::List(const Principal& p, const std::string& status,
                                                const std::string& kind, int64_t before_id,
                                                int limit) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kAuditor}));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  CaseQuery q;
  q.status = status;
  q.kind = kind;
  q.before_id = before_id;
  q.limit = std::clamp(limit, 1, 200);
  XY_ASSIGN_OR_RETURN(auto cases, tx->TypicalCases().FindCases(q));
  std::vector<int64_t> ids;
  for (const auto& c : cases) ids.push_back(c.id);
  XY_ASSIGN_OR_RETURN(auto links, tx->TypicalCases().CaseLinks(ids));
  const std::string today = ctx_.clock.Today().ToString();
  std::vector<CaseView> out;
  for (const auto& c : cases) {
    CaseView v;
    v.c = c;
    for (const auto& l : links) {
      if (l.case_id == c.id) v.links.push_back(l);
    }
    // Whether the public sees it today (a published case leaves when its links do).
    XY_ASSIGN_OR_RETURN(v.preview, Shown(*tx, c, v.links, today));
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::vector<PublicCase>> CaseService::PublicList(const std::string& kind, int offset,
                                                        int limit) {
  if (!kind.empty() && kind != kCaseHonest && kind != kCaseDishonest) {
    return InvalidArgument("kind: 应为 honest（守信）或 dishonest（失信）");
  }
  const std::string today = ctx_.clock.Today().ToString();
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  std::vector<PublicCase> out;
  int shown = 0;
  CaseQuery q;
  q.status = "published";
  q.kind = kind;
  q.limit = 100;
  for (int read = 0; read < kPublicDepth && static_cast<int>(out.size()) < limit;) {
    XY_ASSIGN_OR_RETURN(auto page, tx->TypicalCases().FindCases(q));
    if (page.empty()) break;
    std::vector<int64_t> ids;
    for (const auto& c : page) ids.push_back(c.id);
    XY_ASSIGN_OR_RETURN(auto links, tx->TypicalCases().CaseLinks(ids));
    for (const auto& c : page) {
      ++read;
      XY_ASSIGN_OR_RETURN(auto v, Shown(*tx, c, links, today));
      if (!v) continue;
      if (shown++ < offset) continue;
      if (static_cast<int>(out.size()) < limit) out.push_back(std::move(*v));
    }
    q.before_id = page.back().id;
  }
  return out;
}

Result<PublicCase> CaseService::PublicGet(int64_t id) {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto c, tx->TypicalCases().GetCase(id));
  if (!c) return NotACase(id);
  XY_ASSIGN_OR_RETURN(auto links, tx->TypicalCases().CaseLinks({id}));
  XY_ASSIGN_OR_RETURN(auto v, Shown(*tx, *c, links, ctx_.clock.Today().ToString()));
  if (!v) return NotACase(id);
  return std::move(*v);
}

}  // namespace xinyong
