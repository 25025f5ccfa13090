// Browsing: the tables of the console (records, batches, list entries, lists over time) and
// the public pages (双公示 records, 红名单 and 严重失信主体名单, the home page's counts).
//
// Public answers show only what is public that day (PubliclyVisible, PubliclyListed) and never
// a natural person. Their paging is capped (kMaxPublicRows) so that the site cannot be copied
// in bulk: a visitor narrows the query instead of paging to the end.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/account.h"
#include "domain/list_entry.h"
#include "domain/record.h"
#include "domain/rights.h"
#include "service/context.h"
#include "store/store.h"

namespace xinyong {

class Catalogue;

// A record in a table: with its item's name, current fields, subject and department.
struct RecordRow {
  Record record;
  std::string item_name;
  std::string fields;  // JSON object of the current version (ID numbers masked)
  SubjectIndexRow subject;
  Department department;
};

struct EntryRow {
  ListEntry entry;
  SubjectIndexRow subject;
};

// A page of a public table. `total` counts at most kMaxPublicRows + 1 matches; `capped` says
// there are more than can be paged to.
template <typename T>
struct PublicPage {
  std::vector<T> items;
  int64_t total = 0;
  bool capped = false;
  int page = 1;
  int size = 20;
  int max_page = 1;
};

struct PublicCounts {
  int64_t subjects = 0;  // every subject known to the platform
  int64_t records = 0;   // 双公示 records public today
  int64_t red = 0;
  int64_t serious = 0;
  std::vector<RecordRow> latest;   // newest public 双公示 records
  std::vector<EntryRow> red_list;  // newest red-list entries
};

// Lists over time: per month, entries decided, exited, and in force at the month's end.
struct ListMonth {
  std::string month;  // YYYY-MM
  std::map<std::string, int64_t> decided, exited, active;
};

// Thread-safe.
class BrowseService {
 public:
  static constexpr int kMaxPublicRows = 1000;  // deepest row a public table pages to
  static constexpr int kMaxPageSize = 50;

  BrowseService(ServiceContext ctx, const Catalogue& catalogue)
      : ctx_(ctx), catalogue_(catalogue) {}

  // --- Console (roles checked here) ---
  // Admins and auditors see every department; operators their own (q.department_id forced).
  Result<std::vector<RecordRow>> Records(const Principal& p, RecordQuery q);
  Result<std::vector<Batch>> Batches(const Principal& p, int64_t before_id, int limit);
  // Admins and auditors see every entry; operators those their department initiated.
  Result<std::vector<EntryRow>> Entries(const Principal& p, EntryQuery q);
  // One entry with its subject (name masked for a natural person); not_found when unknown.
  // One entry for `p`: the office (admin, auditor) sees every entry; operators and officers
  // their department's and what is publicly listed; a subject account its own subject's and
  // what is publicly listed; an institution what is publicly listed. Otherwise not_found, as
  // for an entry that does not exist (a 重点关注名单 or proposed entry is not to be probed).
  Result<EntryRow> Entry(const Principal& p, int64_t id);
  // The last `months` months up to this one, oldest first (any signed-in user).
  Result<std::vector<ListMonth>> ListsOverTime(int months);

  // --- Public ---
  // `q` filters (department, item, dates); page from 1, size 1..kMaxPageSize.
  Result<PublicPage<RecordRow>> PublicRecords(RecordQuery q, int page, int size);
  // kind "red" or "serious" (重点关注名单 is not public).
  Result<PublicPage<EntryRow>> PublicLists(const std::string& kind, const std::string& domain,
                                           int page, int size);
  // Cached for a minute: the home page asks on every visit.
  Result<PublicCounts> Counts();
  Result<std::vector<Department>> Departments();

  // --- 通知公告 ---
  // The credit office (admin) publishes and withdraws; each is an event.
  Result<Announcement> Announce(const Principal& p, const std::string& title,
                                const std::string& body);
  Result<Announcement> Withdraw(const Principal& p, int64_t id, const std::string& reason);
  // Newest first; withdrawn ones too when `with_withdrawn` (staff only, checked by the caller).
  Result<std::vector<Announcement>> Announcements(bool with_withdrawn, int limit);

 private:
  Result<std::vector<RecordRow>> RowsOf(Transaction& tx, std::vector<Record> records);
  Result<std::vector<EntryRow>> RowsOf(Transaction& tx, std::vector<ListEntry> entries);

  ServiceContext ctx_;
  const Catalogue& catalogue_;
  std::mutex mu_;
  int64_t counts_at_ms_ = -1;
  PublicCounts counts_;
};

}  // namespace xinyong
