// Aggregation (信用信息归集): departments' records in, validated against the catalogue, stored
// with provenance, versions and events. Every row of a submission ends accepted (a new record
// or a new version), unchanged (sent before, same content) or rejected (with every reason).
//
// Rows are taken in chunks, each chunk one transaction; because a row sent again is unchanged,
// a submission interrupted at any point and sent again ends in the same records as one clean
// run.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/account.h"
#include "domain/list_entry.h"
#include "domain/record.h"
#include "rules/record_rules.h"
#include "service/context.h"

namespace xinyong {

class ListValidity;

class Catalogue;
class Transaction;
struct CatalogueItem;
class SubjectService;
namespace ingest {
class TableReader;
}

struct IntakeOptions {
  int chunk_rows = 500;  // rows per transaction
  // 名单有效期: a list entry a record decides (a court's 失信被执行人) whose display window has
  // no end takes the policy's period for its list kind and domain. nullptr: the window only.
  const ListValidity* list_validity = nullptr;
  // (Timeliness is per catalogue item: CatalogueItem::timeliness_working_days.)
};

struct RowError {
  int64_t row = 0;
  std::string field;
  std::string code;
  std::string message;
  // The row as sent, on the row's first error only: a JSON array of [column, text] pairs, the
  // column named as the catalogue names the field (the file's own name when it is none).
  std::string sent;
};

struct IntakeSummary {
  int64_t batch_id = 0;
  std::string encoding;
  int64_t accepted = 0;
  int64_t unchanged = 0;
  int64_t rejected = 0;
  std::vector<RowError> errors;  // every error of every rejected row, in row order
  // What was read differently from the file as stored (a spreadsheet's numbers read as codes
  // with their leading zeros, date serials read as dates), one line per column, in Chinese.
  std::vector<std::string> notes;
};

// What a submission is.
struct IntakeRequest {
  std::string department_code;  // whose records; "" = the principal's own department
  std::string item_code;        // catalogue item, e.g. "CF"
  std::string channel;          // "api", "upload", "cli"
  std::string file_name;        // as uploaded ("" for API calls)
};

struct RecordHistory {
  Record record;
  std::vector<RecordVersion> versions;  // oldest first
};

struct IntakeStatView {
  Department department;
  IntakeStat stat;
};

// Thread-safe (stateless beyond its references).
class IntakeService {
 public:
  IntakeService(ServiceContext ctx, const Catalogue& catalogue, const RecordValidator& validator,
                SubjectService& subjects, IntakeOptions options = {})
      : ctx_(ctx),
        catalogue_(catalogue),
        validator_(validator),
        subjects_(subjects),
        options_(options) {}

  // Reads a whole file (CSV in UTF-8 or GB18030, JSON Lines, JSON array, XLSX; detected from
  // the name and content) and takes its rows. invalid_argument when the file cannot be read
  // or its header has columns the item does not know; permission_denied when the principal
  // may not submit for that department or item.
  Result<IntakeSummary> ImportFile(const Principal& p, const IntakeRequest& req,
                                   std::string content);

  // Revokes (撤销) a record of the principal's department with a reason: it leaves public
  // view and stops counting; its versions stay. failed_precondition when revoked already.
  Result<Record> Revoke(const Principal& p, int64_t record_id, const std::string& reason);
  // The same inside the caller's transaction (an objection decided "revoked"), by `actor`;
  // no role or department check.
  Status RevokeIn(Transaction& tx, const std::string& actor, Record& rec,
                  const std::string& reason);

  Result<RecordHistory> History(const Principal& p, int64_t record_id);
  // The rejected rows of a batch (for the department to download and fix). The rows as sent
  // stay sealed.
  Result<std::vector<Rejection>> Rejections(const Principal& p, int64_t batch_id);

  // The file a clerk fixes in a spreadsheet and sends back: one line per rejected row, the row
  // as sent (columns named as the catalogue names the fields, in its order) plus 退回原因 (every
  // reason of the row, in Chinese) and 原行号. Intake leaves those two columns out, so the fixed
  // file can be sent as it is. Admins and the batch's department's operators only: the rows
  // may hold identity numbers.
  struct SentBackFile {
    std::string name;  // the file's name without extension, e.g. 处罚-退回
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;
  };
  Result<SentBackFile> SentBack(const Principal& p, int64_t batch_id);
  Result<std::vector<IntakeStatView>> Stats(const Principal& p);

 private:
  Result<Department> ResolveDepartment(Transaction& tx, const Principal& p,
                                       const std::string& code);
  Result<IntakeSummary> TakeRows(const Principal& p, const Department& dep,
                                 const CatalogueItem& item, const IntakeRequest& req,
                                 ingest::TableReader& reader, const std::string& sha256);
  // The one message for a file whose header is not `chosen`'s, naming the item it looks like.
  std::string HeaderMismatch(const CatalogueItem& chosen, const std::vector<std::string>& names,
                             const std::string& detail) const;

  Result<std::optional<ListEntry>> EntryOfRecord(Transaction& tx, const CatalogueItem& item,
                                                 const Record& rec);
  Status RecordListEntry(Transaction& tx, const Principal& p, const CatalogueItem& item,
                         const Record& rec, const ValidatedRecord& v, const std::string& now);
  Status EscalateKeyAttention(Transaction& tx, int64_t subject_id, const Record& rec, Date today,
                              const std::string& now);

  ServiceContext ctx_;
  const Catalogue& catalogue_;
  const RecordValidator& validator_;
  SubjectService& subjects_;
  IntakeOptions options_;
};

}  // namespace xinyong
