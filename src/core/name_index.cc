#include "core/name_index.h"

#include <algorithm>
#include <numeric>

namespace xinyong {
namespace {

bool StartsWith(std::u32string_view s, std::u32string_view p) {
  return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}

}  // namespace

NameIndex::NameIndex(std::vector<Entry> entries) {
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    if (a.folded.size() != b.folded.size()) return a.folded.size() < b.folded.size();
    if (a.folded != b.folded) return a.folded < b.folded;
    return a.id < b.id;
  });
  const auto n = static_cast<uint32_t>(entries.size());
  size_t chars = 0;
  for (const auto& e : entries) chars += e.folded.size();
  text_.reserve(chars);
  offsets_.reserve(n + 1);
  ids_.reserve(n);
  offsets_.push_back(0);
  for (uint32_t d = 0; d < n; ++d) {
    text_ += entries[d].folded;
    offsets_.push_back(static_cast<uint32_t>(text_.size()));
    ids_.push_back(entries[d].id);
    if (!entries[d].code.empty()) codes_.emplace_back(std::move(entries[d].code), d);
  }
  std::sort(codes_.begin(), codes_.end());
  sorted_.resize(n);
  std::iota(sorted_.begin(), sorted_.end(), 0u);
  std::sort(sorted_.begin(), sorted_.end(),
            [this](uint32_t a, uint32_t b) { return Text(a) < Text(b); });

  // Posting lists in two passes (count, then fill); docs are visited in rank order, so each
  // list comes out sorted. A character or pair repeated within a name is posted once.
  std::vector<char32_t> singles;
  std::vector<uint64_t> pairs;
  auto keys_of = [&](uint32_t d) {
    std::u32string_view t = Text(d);
    const std::u32string& also = entries[d].also;
    singles.assign(t.begin(), t.end());
    singles.insert(singles.end(), also.begin(), also.end());
    std::sort(singles.begin(), singles.end());
    singles.erase(std::unique(singles.begin(), singles.end()), singles.end());
    pairs.clear();
    for (size_t i = 0; i + 1 < t.size(); ++i) pairs.push_back(PairKey(t[i], t[i + 1]));
    for (size_t i = 0; i + 1 < also.size(); ++i) pairs.push_back(PairKey(also[i], also[i + 1]));
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  };
  for (uint32_t d = 0; d < n; ++d) {
    keys_of(d);
    for (char32_t c : singles) ++singles_[c].end;
    for (uint64_t k : pairs) ++pairs_[k].end;
  }
  uint32_t at = 0;
  for (auto& [k, r] : singles_) {
    r.begin = at;
    at += r.end;
    r.end = r.begin;  // the fill position
  }
  for (auto& [k, r] : pairs_) {
    r.begin = at;
    at += r.end;
    r.end = r.begin;
  }
  postings_.resize(at);
  for (uint32_t d = 0; d < n; ++d) {
    keys_of(d);
    for (char32_t c : singles) postings_[singles_[c].end++] = d;
    for (uint64_t k : pairs) postings_[pairs_[k].end++] = d;
  }
}

size_t NameIndex::MemoryBytes() const {
  return text_.size() * sizeof(char32_t) + offsets_.size() * 4 + ids_.size() * 8 +
         sorted_.size() * 4 + postings_.size() * 4 +
         (singles_.size() + pairs_.size()) * (sizeof(Range) + 16 + 8) +
         codes_.size() * (sizeof(std::pair<std::string, uint32_t>) + 18);
}

NameIndex::Page NameIndex::Search(std::u32string_view q, size_t offset, size_t limit, size_t cap,
                                  const std::unordered_map<int64_t, bool>* skip) const {
  Page page;
  if (q.empty() || ids_.empty()) return page;
  const size_t want = offset + limit;
  auto skipped = [&](uint32_t d) { return skip && skip->count(ids_[d]) != 0; };
  std::vector<uint32_t> ranked;  // the best `want` docs found so far, in rank order
  std::vector<Match> kinds;
  size_t count = 0;

  // Exact and prefix matches: a contiguous run of the lexicographic order.
  auto lo =
      std::partition_point(sorted_.begin(), sorted_.end(), [&](uint32_t d) { return Text(d) < q; });
  auto hi =
      std::partition_point(lo, sorted_.end(), [&](uint32_t d) { return StartsWith(Text(d), q); });
  std::vector<uint32_t> exact, prefix;
  for (auto it = lo; it != hi; ++it) {
    if (skipped(*it)) continue;
    (Text(*it).size() == q.size() ? exact : prefix).push_back(*it);
  }
  std::sort(exact.begin(), exact.end());
  size_t keep = std::min(prefix.size(), want > exact.size() ? want - exact.size() : 0);
  std::partial_sort(prefix.begin(), prefix.begin() + static_cast<std::ptrdiff_t>(keep),
                    prefix.end());
  for (uint32_t d : exact) {
    if (ranked.size() < want) ranked.push_back(d), kinds.push_back(Match::kExact);
  }
  for (size_t i = 0; i < keep && ranked.size() < want; ++i) {
    ranked.push_back(prefix[i]), kinds.push_back(Match::kPrefix);
  }
  count = exact.size() + prefix.size();

  // Substring matches, best first, until the window is full and `cap` is passed.
  if (count <= cap) {
    const Range* driver = nullptr;
    const Range* second = nullptr;
    bool none = false;
    if (q.size() == 1) {
      auto it = singles_.find(q[0]);
      if (it == singles_.end())
        none = true;
      else
        driver = &it->second;
    } else {
      // The two rarest character pairs of the query: walk the rarer, probe the other.
      for (size_t i = 0; i + 1 < q.size(); ++i) {
        auto it = pairs_.find(PairKey(q[i], q[i + 1]));
        if (it == pairs_.end()) {
          none = true;
          break;
        }
        const Range* r = &it->second;
        auto len = [](const Range* x) { return x->end - x->begin; };
        if (!driver || len(r) < len(driver)) {
          second = driver;
          driver = r;
        } else if (r != driver && (!second || len(r) < len(second))) {
          second = r;
        }
      }
    }
    if (!none && driver) {
      const bool verify = q.size() > 2;
      uint32_t probe = second ? second->begin : 0;
      for (uint32_t p = driver->begin; p < driver->end; ++p) {
        uint32_t d = postings_[p];
        if (second) {
          // Galloping would pay off for very unequal lists; a forward scan keeps it simple
          // and is bounded by the second list's length overall.
          while (probe < second->end && postings_[probe] < d) ++probe;
          if (probe == second->end) break;
          if (postings_[probe] != d) continue;
        }
        std::u32string_view t = Text(d);
        if (verify && t.find(q) == std::u32string_view::npos) continue;
        if (StartsWith(t, q) || skipped(d)) continue;  // counted above, or changed
        ++count;
        if (ranked.size() < want) ranked.push_back(d), kinds.push_back(Match::kSubstring);
        if (count > cap) break;
      }
    }
  }

  page.capped = count > cap;
  page.total = static_cast<int64_t>(std::min(count, cap));
  for (size_t i = offset; i < ranked.size(); ++i) {
    uint32_t d = ranked[i];
    page.hits.push_back({ids_[d], kinds[i], static_cast<uint32_t>(Text(d).size()), Text(d)});
  }
  return page;
}

NameIndex::Page NameIndex::SearchCode(std::string_view prefix, size_t offset, size_t limit,
                                      size_t cap,
                                      const std::unordered_map<int64_t, bool>* skip) const {
  Page page;
  if (prefix.empty()) return page;
  auto it = std::lower_bound(codes_.begin(), codes_.end(), prefix,
                             [](const auto& e, std::string_view p) { return e.first < p; });
  size_t count = 0;
  for (; it != codes_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    if (skip && skip->count(ids_[it->second])) continue;
    if (count >= offset && count < offset + limit) {
      uint32_t d = it->second;
      page.hits.push_back({ids_[d], Match::kCode, static_cast<uint32_t>(Text(d).size()), Text(d)});
    }
    if (++count > cap) break;
  }
  page.capped = count > cap;
  page.total = static_cast<int64_t>(std::min(count, cap));
  return page;
}

}  // namespace xinyong
