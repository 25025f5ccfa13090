// Name search (企业名称或代码查询) over every subject except natural persons, by any substring of
// the name in any script or width (NameFolder, NameIndex), or by the start of a code.
// Natural persons are never browsable: FindPerson answers only the full name together with
// the ID number, and masked.
//
// The index is built from the store at start (Build) and follows later changes by reading the
// subject events after the sequence it was built at (Refresh): changed subjects go to a small
// delta, searched by scanning and merged in rank order; past kMaxDelta a rebuild folds it in.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/name_fold.h"
#include "core/name_index.h"
#include "core/status.h"
#include "service/context.h"
#include "store/store.h"

namespace xinyong {

class SubjectService;

struct SearchHit {
  int64_t id = 0;
  std::string name;
  std::string code;
  SubjectKind kind = SubjectKind::kLegalPerson;
  std::string region_name;
  std::string match;  // "exact", "prefix", "substring", "code", "person"
};

struct SearchAnswer {
  std::string query;
  std::string normalised;  // the folded query, as searched
  int64_t total = 0;
  bool capped = false;  // more matched than kMaxResults: narrow the query
  int page = 1;
  int size = 20;
  std::vector<SearchHit> items;
};

// Thread-safe.
class SearchService {
 public:
  static constexpr int kMaxResults = 500;  // deepest result anyone can page to
  static constexpr int kMaxPageSize = 50;
  static constexpr size_t kMaxDelta = 20000;

  SearchService(ServiceContext ctx, SubjectService& subjects, NameFolder folder);

  // (Re)builds the index from every subject in the store.
  Status Build();
  // Applies subject changes recorded since the last build or refresh. Cheap when there are
  // none (one read of the event head). Returns true when it applied any.
  Result<bool> Refresh();

  // `q`: a name fragment (one character or more) or the start of a code (6 or more letters
  // and digits). page from 1, size 1..kMaxPageSize.
  Result<SearchAnswer> Search(const std::string& q, int page, int size);
  // A natural person by full name and 居民身份证号: at most one hit, masked.
  Result<SearchAnswer> FindPerson(const std::string& name, const std::string& id_number);

  size_t IndexedSubjects() const;

 private:
  struct Delta {
    SubjectIndexRow row;
    std::u32string folded;
    std::u32string also;  // NameIndex::Entry::also
    bool indexed = false;  // false: a natural person (left out)
  };
  Result<std::vector<SearchHit>> Render(const std::vector<std::pair<int64_t, std::string>>& hits);

  ServiceContext ctx_;
  SubjectService& subjects_;
  const NameFolder folder_;
  mutable std::shared_mutex mu_;  // guards the fields below
  std::shared_ptr<const NameIndex> index_;
  std::unordered_map<int64_t, Delta> delta_;
  std::unordered_map<int64_t, bool> skip_;  // ids in delta_, left out of index_
  int64_t seq_ = 0;                         // events applied up to here
  std::mutex refresh_mu_;                   // one refresh or build at a time
};

}  // namespace xinyong
