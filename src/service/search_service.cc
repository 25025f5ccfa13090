#include "service/search_service.h"

#include <algorithm>
#include <charconv>
#include <tuple>

#include "core/clock.h"
#include "core/divisions.h"
#include "core/ids.h"
#include "core/text.h"
#include "service/subject_service.h"

namespace xinyong {
namespace {

constexpr int kMaxQueryChars = 60;
constexpr std::u32string_view kLongForm = U"有限责任公司";
const std::vector<std::string> kSubjectEvents = {"subject.created", "subject.renamed",
                                                 "subject.identifier_added"};

std::string_view MatchName(NameIndex::Match m) {
  switch (m) {
    case NameIndex::Match::kExact:
      return "exact";
    case NameIndex::Match::kPrefix:
      return "prefix";
    case NameIndex::Match::kSubstring:
      return "substring";
    case NameIndex::Match::kCode:
      return "code";
  }
  return "substring";
}

// A code query: only letters and digits once normalised, at least 6 of them.
bool LooksLikeCode(const std::string& normalised) {
  if (normalised.size() < 6) return false;
  return std::all_of(normalised.begin(), normalised.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); });
}

// The rank of a hit: tier, then name length, then the folded name, then the id — the order
// of NameIndex's documents within a tier, so index hits and delta hits merge correctly.
using RankKey = std::tuple<int, uint32_t, std::u32string_view, int64_t>;

}  // namespace

SearchService::SearchService(ServiceContext ctx, SubjectService& subjects, NameFolder folder)
    : ctx_(ctx),
      subjects_(subjects),
      folder_(std::move(folder)),
      index_(std::make_shared<NameIndex>()) {}

size_t SearchService::IndexedSubjects() const {
  std::shared_lock lock(mu_);
  return index_->size();
}

Status SearchService::Build() {
  std::lock_guard build(refresh_mu_);
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(EventHead head, tx->GetEventHead());
  std::vector<NameIndex::Entry> entries;
  int64_t after = 0;
  for (;;) {
    XY_ASSIGN_OR_RETURN(auto rows, tx->SubjectsForIndex(after, 10000));
    if (rows.empty()) break;
    after = rows.back().id;
    for (auto& r : rows) {
      if (r.kind == SubjectKind::kNaturalPerson) continue;
      bool long_form = false;
      std::u32string folded = folder_.Fold(r.name, &long_form);
      entries.push_back({r.id, std::move(folded), std::move(r.code),
                         long_form ? std::u32string(kLongForm) : std::u32string()});
    }
  }
  auto index = std::make_shared<const NameIndex>(std::move(entries));
  std::unique_lock lock(mu_);
  index_ = std::move(index);
  delta_.clear();
  skip_.clear();
  seq_ = head.seq;
  return Status::Ok();
}

Result<bool> SearchService::Refresh() {
  std::unique_lock refreshing(refresh_mu_, std::try_to_lock);
  if (!refreshing.owns_lock()) return false;  // another thread is at it; use what is there
  int64_t from;
  {
    std::shared_lock lock(mu_);
    from = seq_;
  }
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(EventHead head, tx->GetEventHead());
  if (head.seq <= from) return false;
  std::unordered_map<int64_t, Delta> changed;
  int64_t at = from;
  for (;;) {
    EventQuery q;
    q.after_seq = at;
    q.limit = 1000;
    q.types = kSubjectEvents;
    XY_ASSIGN_OR_RETURN(auto events, tx->FindEvents(q));
    for (const auto& e : events) {
      if (e.seq > head.seq) break;
      // entity "subject:N"
      auto colon = e.entity.find(':');
      if (colon == std::string::npos) continue;
      int64_t id = 0;
      const char* first = e.entity.data() + colon + 1;
      const char* last = e.entity.data() + e.entity.size();
      if (std::from_chars(first, last, id).ptr != last || id <= 0) continue;
      XY_ASSIGN_OR_RETURN(auto row, tx->SubjectForIndex(id));
      if (!row) continue;
      Delta d;
      d.indexed = row->kind != SubjectKind::kNaturalPerson;
      bool long_form = false;
      d.folded = folder_.Fold(row->name, &long_form);
      if (long_form) d.also = kLongForm;
      d.row = std::move(*row);
      changed[id] = std::move(d);
    }
    if (events.size() < static_cast<size_t>(q.limit) || events.back().seq >= head.seq) break;
    at = events.back().seq;
  }
  size_t delta_size;
  {
    std::unique_lock lock(mu_);
    for (auto& [id, d] : changed) {
      skip_[id] = true;
      delta_[id] = std::move(d);
    }
    seq_ = head.seq;
    delta_size = delta_.size();
  }
  if (delta_size > kMaxDelta) {
    refreshing.unlock();
    XY_RETURN_IF_ERROR(Build());
  }
  return !changed.empty();
}

Result<std::vector<SearchHit>> SearchService::Render(
    const std::vector<std::pair<int64_t, std::string>>& hits) {
  std::vector<SearchHit> out;
  if (hits.empty()) return out;
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  for (const auto& [id, match] : hits) {
    XY_ASSIGN_OR_RETURN(auto row, tx->SubjectForIndex(id));
    if (!row || row->kind == SubjectKind::kNaturalPerson) continue;
    out.push_back(
        {row->id, row->name, row->code, row->kind, ctx_.divisions.FullName(row->region), match});
  }
  return out;
}

Result<SearchAnswer> SearchService::Search(const std::string& q, int page, int size) {
  if (size < 1 || size > kMaxPageSize) {
    return InvalidArgument("size: 每页条数应在1到" + std::to_string(kMaxPageSize) + "之间");
  }
  if (page < 1) return InvalidArgument("page: 页码从1开始");
  if (static_cast<int64_t>(page - 1) * size >= kMaxResults) {
    return InvalidArgument("page: 仅提供前" + std::to_string(kMaxResults) +
                           "条结果，请输入更完整的名称");
  }
  SearchAnswer answer;
  answer.query = q;
  answer.page = page;
  answer.size = size;
  std::u32string folded = folder_.Fold(q);
  if (folded.empty()) return InvalidArgument("q: 请输入企业名称或统一社会信用代码（至少一个字）");
  if (folded.size() > kMaxQueryChars) {
    return InvalidArgument("q: 查询词过长（最多" + std::to_string(kMaxQueryChars) + "个字）");
  }
  XY_RETURN_IF_ERROR(Refresh().status());

  const size_t offset = static_cast<size_t>(page - 1) * size;
  const size_t want = offset + size;
  const std::string code = NormaliseCode(q);
  const bool by_code = LooksLikeCode(code);
  answer.normalised = by_code ? code : Utf32ToUtf8(folded);

  std::vector<std::pair<RankKey, std::pair<int64_t, std::string>>> ranked;
  int64_t total = 0;
  {
    std::shared_lock lock(mu_);
    NameIndex::Page main = by_code ? index_->SearchCode(code, 0, want, kMaxResults, &skip_)
                                   : index_->Search(folded, 0, want, kMaxResults, &skip_);
    total = main.total + (main.capped ? 1 : 0);
    for (const auto& h : main.hits) {
      RankKey key = by_code ? RankKey{0, 0, {}, 0}
                            : RankKey{static_cast<int>(h.match), h.length, h.folded, h.id};
      ranked.push_back({key, {h.id, std::string(MatchName(h.match))}});
    }
    // Changed subjects: scanned, then merged in the same order.
    std::vector<std::pair<RankKey, std::pair<int64_t, std::string>>> extra;
    for (const auto& [id, d] : delta_) {
      if (!d.indexed) continue;
      NameIndex::Match m;
      if (by_code) {
        if (d.row.code.compare(0, code.size(), code) != 0) continue;
        m = NameIndex::Match::kCode;
      } else if (d.folded == folded) {
        m = NameIndex::Match::kExact;
      } else if (d.folded.compare(0, folded.size(), folded) == 0) {
        m = NameIndex::Match::kPrefix;
      } else if (d.folded.find(folded) != std::u32string::npos ||
                 (folded.size() <= 2 && d.also.find(folded) != std::u32string::npos)) {
        m = NameIndex::Match::kSubstring;
      } else {
        continue;
      }
      ++total;
      RankKey key = by_code ? RankKey{0, 0, {}, 0}
                            : RankKey{static_cast<int>(m), static_cast<uint32_t>(d.folded.size()),
                                      d.folded, id};
      extra.push_back({key, {id, std::string(MatchName(m))}});
    }
    // Code matches keep the index's code order, then the changed subjects by code.
    if (by_code) {
      std::sort(extra.begin(), extra.end(), [this](const auto& a, const auto& b) {
        return delta_.at(a.second.first).row.code < delta_.at(b.second.first).row.code;
      });
      ranked.insert(ranked.end(), extra.begin(), extra.end());
    } else {
      std::sort(extra.begin(), extra.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      std::vector<std::pair<RankKey, std::pair<int64_t, std::string>>> merged;
      merged.reserve(ranked.size() + extra.size());
      std::merge(ranked.begin(), ranked.end(), extra.begin(), extra.end(),
                 std::back_inserter(merged),
                 [](const auto& a, const auto& b) { return a.first < b.first; });
      ranked = std::move(merged);
    }
    // The views into folded names are not used past this point (the lock ends here).
  }
  answer.capped = total > kMaxResults;
  answer.total = std::min<int64_t>(total, kMaxResults);
  std::vector<std::pair<int64_t, std::string>> window;
  for (size_t i = offset; i < ranked.size() && i < want; ++i) window.push_back(ranked[i].second);
  XY_ASSIGN_OR_RETURN(answer.items, Render(window));
  return answer;
}

Result<SearchAnswer> SearchService::FindPerson(const std::string& name,
                                               const std::string& id_number) {
  if (NormaliseName(name).empty()) return InvalidArgument("name: 请输入姓名全称");
  if (NormaliseCode(id_number).empty()) return InvalidArgument("id_number: 请输入身份证号码");
  IdCheck check = CheckCitizenId(id_number, ctx_.divisions, ctx_.clock.Today());
  if (!check.valid()) {
    return InvalidArgument("id_number: 不是有效的居民身份证号码" +
                           (check.error ? "（" + check.error->message + "）" : std::string()));
  }
  SearchAnswer answer;
  answer.query = MaskPersonName(NormaliseName(name));
  answer.normalised = answer.query;
  auto view = subjects_.Lookup(id_number);
  if (!view.ok()) {
    if (view.status().code() == Code::kNotFound) return answer;
    return view.status();
  }
  if (view->kind != SubjectKind::kNaturalPerson) return answer;
  // The view masks a person's name; the comparison needs the name as stored.
  std::string stored;
  {
    XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
    XY_ASSIGN_OR_RETURN(auto row, tx->SubjectForIndex(view->id));
    if (row) stored = row->name;
  }
  if (stored.empty() || folder_.Fold(name) != folder_.Fold(stored)) {
    return answer;  // the same empty answer: nothing tells a wrong name from an unknown number
  }
  SearchHit hit;
  hit.id = view->id;
  hit.name = MaskPersonName(stored);
  for (const auto& i : view->identifiers) {
    if (i.kind == IdKind::kCitizenId) hit.code = i.value;  // masked by SubjectService
  }
  hit.kind = SubjectKind::kNaturalPerson;
  hit.region_name = view->region_name;
  hit.match = "person";
  answer.items.push_back(std::move(hit));
  answer.total = 1;
  return answer;
}

}  // namespace xinyong
