// What the public may see about a subject now (信用中国(地方) subject page and public API):
// basic information, 社会公开 records inside their display windows, 红名单 and 严重失信主体名单
// memberships, and the 异议处理中 mark. Visibility is decided from the dates on every read
// (PubliclyVisible, PubliclyListed), so nothing outside its window is ever shown, whatever
// the display scheduler has done.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "domain/list_entry.h"
#include "domain/record.h"
#include "service/context.h"

namespace xinyong {

class Catalogue;
class SubjectService;

// A record as shown outside the platform: with its item's name and current content.
struct RecordView {
  Record record;
  std::string item_name;
  std::string fields;  // JSON object of the current version's fields (ID numbers masked)
};

class Transaction;
// Builds the view of `r` (reads its versions).
Result<RecordView> ViewOfRecord(Transaction& tx, const Catalogue& catalogue, Record r);

struct PublicSubject {
  int64_t id = 0;
  std::string name;
  std::string kind;
  std::vector<std::string> identifiers;
  std::string region_name;
  std::vector<RecordView> records;
  std::vector<ListEntry> lists;
};

// Thread-safe.
class PublicService {
 public:
  PublicService(ServiceContext ctx, const Catalogue& catalogue, SubjectService& subjects)
      : ctx_(ctx), catalogue_(catalogue), subjects_(subjects) {}

  // not_found for an unknown code and for natural persons (never browsable).
  Result<PublicSubject> Subject(const std::string& code);

 private:
  ServiceContext ctx_;
  const Catalogue& catalogue_;
  SubjectService& subjects_;
};

}  // namespace xinyong
