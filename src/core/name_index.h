// An in-memory index for searching names by any substring (one character and up), built
// once from folded names (NameFolder) and then read by any number of threads.
//
// Documents are numbered in rank order (shorter folded name first, then the name, then the
// id), so a posting list read from the front yields matches best first. Exact and prefix
// matches come from a lexicographically sorted array; substrings from character and
// character-pair posting lists. A search stops counting at `cap` matches, which bounds its
// cost and how deep anyone can page.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace xinyong {

class NameIndex {
 public:
  struct Entry {
    int64_t id = 0;
    std::u32string folded;  // the folded name
    std::string code;  // a code to find by prefix (e.g. the 统一社会信用代码); may be ""
    // Text whose characters and character pairs also find this name, though folding took
    // them out (有限责任公司 of a name folded to 有限公司): a one- or two-character query such
    // as 责任 still finds it. Not used for exact, prefix or longer matches.
    std::u32string also;
  };
  enum class Match { kExact = 0, kPrefix = 1, kSubstring = 2, kCode = 3 };
  struct Hit {
    int64_t id = 0;
    Match match = Match::kSubstring;
    uint32_t length = 0;  // folded name length, for merging with other sources
    std::u32string_view folded;
  };
  struct Page {
    std::vector<Hit> hits;  // the requested window, best first
    int64_t total = 0;      // matches counted, at most cap
    bool capped = false;    // more than `cap` matched
  };

  NameIndex() = default;
  explicit NameIndex(std::vector<Entry> entries);

  // Names containing `q` (folded), best first: exact, prefix, then substring; within each,
  // shorter names first. Ids in `skip` are left out (their entries changed since the build).
  Page Search(std::u32string_view q, size_t offset, size_t limit, size_t cap,
              const std::unordered_map<int64_t, bool>* skip = nullptr) const;
  // Codes starting with `prefix` (ASCII, upper case), in code order.
  Page SearchCode(std::string_view prefix, size_t offset, size_t limit, size_t cap,
                  const std::unordered_map<int64_t, bool>* skip = nullptr) const;

  size_t size() const { return ids_.size(); }
  size_t MemoryBytes() const;

 private:
  struct Range {
    uint32_t begin = 0, end = 0;
  };
  std::u32string_view Text(uint32_t doc) const {
    return {text_.data() + offsets_[doc], offsets_[doc + 1] - offsets_[doc]};
  }
  static uint64_t PairKey(char32_t a, char32_t b) { return (uint64_t{a} << 21) | b; }
  const Range* Postings(std::u32string_view q, size_t at, size_t n) const;

  std::u32string text_;            // folded names of docs 0..n-1, concatenated
  std::vector<uint32_t> offsets_;  // n + 1
  std::vector<int64_t> ids_;       // doc -> id
  std::vector<uint32_t> sorted_;   // docs in lexicographic order of their folded names
  std::vector<uint32_t> postings_;
  std::unordered_map<char32_t, Range> singles_;
  std::unordered_map<uint64_t, Range> pairs_;
  std::vector<std::pair<std::string, uint32_t>> codes_;  // (code, doc), sorted
};

}  // namespace xinyong
