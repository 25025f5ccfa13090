#include "service/intake_service.h"

#include <algorithm>
#include <filesystem>
#include <future>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/calendar.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/ids.h"
#include "core/text.h"
#include "domain/catalogue.h"
#include "ingest/table.h"
#include "rules/list_validity.h"
#include "rules/spreadsheet_cells.h"
#include "service/account_service.h"
#include "service/json_text.h"
#include "service/list_service.h"
#include "service/propagation.h"
#include "service/subject_service.h"
#include "store/store.h"

namespace xinyong {
namespace {

// A reader whose first row was read already (to check the header): hands it out first.
class PeekedReader final : public ingest::TableReader {
 public:
  PeekedReader(ingest::TableReader& in, std::optional<ingest::SourceRow> first)
      : in_(in), first_(std::move(first)), at_end_(!first_) {}
  Result<std::optional<ingest::SourceRow>> Next() override {
    if (first_) {
      std::optional<ingest::SourceRow> row = std::move(first_);
      first_.reset();
      return row;
    }
    if (at_end_) return std::optional<ingest::SourceRow>();
    return in_.Next();
  }
  std::string encoding() const override { return in_.encoding(); }

 private:
  ingest::TableReader& in_;
  std::optional<ingest::SourceRow> first_;
  bool at_end_;
};

using Json = nlohmann::json;

std::string Canonical(const ValidatedRecord& r) {
  // Unit separators keep fields apart; maps are ordered, so equal content gives equal text.
  std::string s = r.item_code + '\x1e' + r.subject_name + '\x1e';
  for (const auto& id : r.subject_identifiers) s += id + '\x1f';
  s += '\x1e' + r.decision_date + '\x1e' + r.legal_basis + '\x1e';
  for (const auto& [k, v] : r.fields) s += k + '\x1f' + v + '\x1e';
  return s;
}

struct ChunkCounts {
  int64_t accepted = 0, unchanged = 0, rejected = 0;
};

}  // namespace

Result<Department> IntakeService::ResolveDepartment(Transaction& tx, const Principal& p,
                                                    const std::string& code) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kOperator}));
  if (code.empty()) {
    if (p.department_id == 0) {
      return InvalidArgument("department: 请指明报送部门的统一社会信用代码");
    }
    XY_ASSIGN_OR_RETURN(auto dep, tx.GetDepartment(p.department_id));
    if (!dep) return NotFound("department: 账号所属部门不存在");
    return *dep;
  }
  XY_ASSIGN_OR_RETURN(auto dep, tx.FindDepartmentByCode(NormaliseCode(code)));
  if (!dep) return NotFound("department: 部门" + code + "未在平台登记");
  if (p.role != Role::kAdmin && dep->id != p.department_id) {
    return PermissionDenied("department: 只能报送本部门的信用信息");
  }
  return *dep;
}

Result<IntakeSummary> IntakeService::ImportFile(const Principal& p, const IntakeRequest& req,
                                                std::string content) {
  const CatalogueItem* item = catalogue_.Find(req.item_code);
  if (!item) return NotFound("item: 目录中没有信息项“" + req.item_code + "”");
  Department dep;
  {
    XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
    XY_ASSIGN_OR_RETURN(dep, ResolveDepartment(*tx, p, req.department_code));
  }
  if (!item->AllowsDepartment(dep.code)) {
    return PermissionDenied("item: " + dep.name + "不是信息项“" + item->name + "”的报送部门");
  }
  const std::string sha256 = Sha256Hex(content);
  XY_ASSIGN_OR_RETURN(ingest::Format format, ingest::DetectFormat(req.file_name, content));
  XY_ASSIGN_OR_RETURN(auto reader, ingest::OpenTable(format, std::move(content)));
  // A file whose header is not the chosen item's (the clerk picked the wrong 信息项) is refused
  // once, before a batch is opened: one message naming the item it looks like, not the same
  // header problem on every row, and no rows counted as sent back.
  XY_ASSIGN_OR_RETURN(std::optional<ingest::SourceRow> first, reader->Next());
  if (first && first->error.empty()) {
    std::vector<std::string> names;
    for (const auto& cell : first->cells) names.push_back(cell.first);
    if (auto mapped = validator_.MapHeader(*item, names); !mapped.ok()) {
      return InvalidArgument(HeaderMismatch(*item, names, mapped.status().message()));
    }
  }
  PeekedReader peeked(*reader, std::move(first));
  return TakeRows(p, dep, *item, req, peeked, sha256);
}

std::string IntakeService::HeaderMismatch(const CatalogueItem& chosen,
                                          const std::vector<std::string>& names,
                                          const std::string& detail) const {
  // Which columns: a wrong item's file has a dozen, so the first few are named.
  const auto own = validator_.MapColumns(chosen, names);
  std::string listed;
  size_t wrong = 0;
  for (const auto& e : own.errors) {
    if (++wrong > 5) continue;
    listed += (listed.empty() ? "" : "、") + ("“" + e.field + "”");
  }
  std::string message = "文件的表头与所选信息项“" + chosen.name + "”（" + chosen.code + "）不符：";
  message += wrong > 0 ? std::to_string(wrong) + "列不是该信息项的字段（" + listed +
                             (wrong > 5 ? "等" : "") + "）。"
                       : detail + "。";
  // The item whose fields the most columns name, when at least half do.
  const CatalogueItem* best = nullptr;
  size_t best_mapped = 0;
  for (const auto& other : catalogue_.items()) {
    if (other.code == chosen.code) continue;
    const auto m = validator_.MapColumns(other, names);
    size_t mapped = 0;
    for (const auto& code : m.codes) mapped += !code.empty();
    if (mapped > best_mapped) {
      best = &other;
      best_mapped = mapped;
    }
  }
  if (best && best_mapped * 2 >= names.size()) {
    message += "这个文件看起来是“" + best->name + "”（" + best->code + "）的文件（" +
               std::to_string(best_mapped) + "/" + std::to_string(names.size()) +
               "列相符），请改选该信息项后重新上传。";
  } else {
    message += "请下载“" + chosen.name + "”的模板，按模板的表头填写后重新上传。";
  }
  return message + "文件未被接收，不计入退回数。";
}

Result<IntakeSummary> IntakeService::TakeRows(const Principal& p, const Department& dep,
                                              const CatalogueItem& item, const IntakeRequest& req,
                                              ingest::TableReader& reader,
                                              const std::string& sha256) {
  IntakeSummary summary;
  summary.encoding = reader.encoding();
  Batch batch;
  batch.department_id = dep.id;
  batch.item_code = item.code;
  batch.channel = req.channel;
  batch.file_name = req.file_name;
  batch.file_sha256 = sha256;
  batch.encoding = summary.encoding;
  batch.actor = p.actor;
  batch.received_at = ctx_.clock.NowTimestamp();
  {
    XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
    XY_ASSIGN_OR_RETURN(batch.id, tx->InsertBatch(batch));
    Json payload = {{"department", dep.code},
                    {"item", item.code},
                    {"channel", req.channel},
                    {"file_name", req.file_name},
                    {"sha256", sha256}};
    XY_RETURN_IF_ERROR(tx->AppendEvent({p.actor, "batch.received",
                                        "batch:" + std::to_string(batch.id), payload.dump()},
                                       batch.received_at)
                           .status());
    XY_RETURN_IF_ERROR(tx->Commit());
  }
  summary.batch_id = batch.id;

  // Stage 1, no store: read a chunk of rows and validate them, and for each valid row work out
  // what does not depend on the store (content hash, shown and sealed fields, working days).
  // It runs on a helper thread one chunk ahead of stage 2, which writes the chunk before it:
  // the two take about as long. Only one stage-1 task runs at a time, so the reader and the
  // header cache below are used by one thread at a time.
  struct ValidRow {
    int64_t number = 0;
    ValidatedRecord v;
    RecordVersion version;  // all but record id, version number and time received
  };
  struct PreparedChunk {
    Date today;
    size_t rows = 0;  // rows read, valid or not
    bool last = false;
    std::vector<ValidRow> valid;
    std::vector<RowError> errors;  // rejected in stage 1
    // Spreadsheet numbers read differently from the file as stored: column -> (rows, example).
    std::map<std::string, std::pair<int64_t, std::string>> padded, serials;
  };
  std::vector<std::string> cached_names, cached_codes;
  std::map<std::string, std::pair<int64_t, std::string>> padded_notes, serial_notes;
  Status cached_header_error;
  auto prepare = [&](Date today) -> Result<PreparedChunk> {
    PreparedChunk c;
    c.today = today;
    std::vector<ingest::SourceRow> chunk;
    while (static_cast<int>(chunk.size()) < options_.chunk_rows) {
      XY_ASSIGN_OR_RETURN(auto row, reader.Next());
      if (!row) {
        c.last = true;
        break;
      }
      chunk.push_back(std::move(*row));
    }
    c.rows = chunk.size();
    c.valid.reserve(chunk.size());
    auto reject = [&](int64_t row, const std::string& field, const std::string& code,
                      const std::string& message) {
      c.errors.push_back({row, field, code, message, ""});
    };
    // The row as sent, on its first error: the cells still hold it, but for those already
    // moved to `fields` (then taken from there) and spreadsheet numbers read as codes
    // (`original`).
    auto keep_sent = [&](size_t first_error, const ingest::SourceRow& row,
                         const std::map<std::string, std::string>* fields,
                         const std::vector<std::pair<std::string, std::string>>& original) {
      if (first_error >= c.errors.size()) return;
      Json pairs = Json::array();
      for (size_t i = 0; i < row.cells.size(); ++i) {
        const std::string code = i < cached_codes.size() ? cached_codes[i] : "";
        const FieldSpec* spec = code.empty() ? nullptr : item.FindField(code);
        if (!spec && RecordValidator::IsSentBackColumn(row.cells[i].first)) {
          continue;  // the reason and row of an earlier sent-back file
        }
        std::string text = row.cells[i].second;
        if (!original.empty()) {
          text = original[i].second;
        } else if (fields && spec) {
          auto it = fields->find(code);
          if (it != fields->end()) text = it->second;
        }
        pairs.push_back({spec ? spec->name : row.cells[i].first, std::move(text)});
      }
      c.errors[first_error].sent = pairs.dump(-1, ' ', false, Json::error_handler_t::replace);
    };
    for (auto& row : chunk) {
      const size_t first_error = c.errors.size();
      if (!row.error.empty()) {
        reject(row.number, "", "unreadable_row", row.error);
        keep_sent(first_error, row, nullptr, {});
        continue;
      }
      std::vector<std::string> names;
      names.reserve(row.cells.size());
      for (const auto& cell : row.cells) names.push_back(cell.first);
      if (names != cached_names) {
        cached_names = names;
        auto codes = validator_.MapHeader(item, names);
        cached_header_error = codes.ok() ? Status::Ok() : codes.status();
        cached_codes = codes.ok() ? *codes : std::vector<std::string>();
      }
      if (!cached_header_error.ok()) {
        reject(row.number, "", "unknown_column", cached_header_error.message());
        keep_sent(first_error, row, nullptr, {});
        continue;
      }
      std::map<std::string, std::string> fields;
      bool untrusted = false;
      // Spreadsheet numbers are read again below: the row as sent is kept for a refusal.
      std::vector<std::pair<std::string, std::string>> original;
      if (!row.numeric.empty()) original = row.cells;
      for (size_t i = 0; i < row.cells.size(); ++i) {
        std::string& text = row.cells[i].second;
        const std::string& column = row.cells[i].first;
        if (!row.numeric.empty() && !text.empty() &&
            std::find(row.numeric.begin(), row.numeric.end(), column) != row.numeric.end()) {
          if (const FieldSpec* spec = item.FindField(cached_codes[i])) {
            NumericCell cell = ReadNumericCell(*spec, column, text);
            if (cell.error) {
              reject(row.number, cell.error->field, cell.error->code, cell.error->message);
              untrusted = true;
            }
            if (cell.padded || cell.date_from_serial) {
              auto& note = (cell.padded ? c.padded : c.serials)[column];
              if (note.first++ == 0) note.second = text + " → " + cell.text;
            }
            text = std::move(cell.text);
          }
        }
        if (cached_codes[i].empty()) continue;  // a column left out (kSentBackColumns)
        fields[cached_codes[i]] = std::move(text);
      }
      if (untrusted) {
        keep_sent(first_error, row, &fields, original);
        continue;
      }
      RowOutcome outcome = validator_.Validate(item, fields, today);
      if (!outcome.record) {
        for (const auto& e : outcome.errors) {
          reject(row.number, e.field, e.code, e.message);
        }
        keep_sent(first_error, row, &fields, original);
        continue;
      }
      ValidRow r{row.number, std::move(*outcome.record), {}};
      const ValidatedRecord& v = r.v;
      RecordVersion& version = r.version;
      version.batch_id = batch.id;
      version.row_number = row.number;
      version.content_hash = ctx_.cipher.LookupHash(Canonical(v));
      Json shown = Json::object(), sealed = Json::object();
      for (const auto& [code, value] : v.fields) shown[code] = value;
      for (const auto& code : v.sensitive_fields) {
        auto it = v.fields.find(code);
        if (it == v.fields.end()) continue;
        shown[code] = MaskIdNumber(it->second);
        sealed[code] = ctx_.cipher.Encrypt(it->second);
      }
      version.fields = shown.dump();
      version.sealed = sealed.dump();
      version.legal_basis = v.legal_basis;
      version.decision_date = v.decision_date;
      if (auto decided = Date::Parse(v.decision_date); decided.ok()) {
        if (auto wd = ctx_.calendar.WorkingDaysBetween(*decided, today); wd.ok()) {
          version.working_days = *wd;
          // The item's own rule (双公示: 7 working days); 0 means the item has none.
          const int limit = item.timeliness_working_days;
          version.late = limit > 0 && *wd > limit;
        }
      }
      c.valid.push_back(std::move(r));
    }
    return c;
  };
  // Waiting for a task that is still running (when stage 2 fails) happens in the future's
  // destructor, before the reader and caches it uses go away.
  std::future<Result<PreparedChunk>> ahead =
      std::async(std::launch::async, prepare, ctx_.clock.Today());
  for (bool more = true; more;) {
    XY_ASSIGN_OR_RETURN(PreparedChunk prepared, ahead.get());
    more = !prepared.last;
    for (const auto& [column, note] : prepared.padded) {
      auto& total = padded_notes[column];
      if (total.first == 0) total.second = note.second;
      total.first += note.first;
    }
    for (const auto& [column, note] : prepared.serials) {
      auto& total = serial_notes[column];
      if (total.first == 0) total.second = note.second;
      total.first += note.first;
    }
    if (prepared.rows == 0) break;
    if (more) ahead = std::async(std::launch::async, prepare, ctx_.clock.Today());

    XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
    // The plans of the chunk's statements rest on the statistics, which follow the import as
    // it grows the tables.
    XY_RETURN_IF_ERROR(tx->RefreshStaleStatistics().status());
    const std::string now = ctx_.clock.NowTimestamp();
    const Date today = prepared.today;
    ChunkCounts counts;
    counts.rejected = static_cast<int64_t>(prepared.errors.size());
    std::vector<RowError> chunk_errors = std::move(prepared.errors);
    std::vector<ValidRow>& valid = prepared.valid;
    // Rows of one chunk often name the same subject. Registering the same input again in the
    // same transaction changes nothing (same name, identifiers already there), so the first
    // row's answer serves the others: no statements. Kept per chunk, since a chunk that fails
    // rolls back whatever its rows registered.
    std::map<std::string, int64_t> registered;
    // Rejections are noted as rows are judged (validation first, subjects and records
    // after) and stored in row order at the end of the chunk.
    // A row refused here passed validation: it is given back as validated, in the catalogue's
    // field order. Rare (a revoked record, a subject in conflict), so found by a search.
    auto sent_of_valid = [&](int64_t row) {
      auto it = std::find_if(valid.begin(), valid.end(),
                             [row](const ValidRow& r) { return r.number == row; });
      if (it == valid.end()) return std::string();
      Json pairs = Json::array();
      for (const FieldSpec& f : item.fields) {
        auto v = it->v.fields.find(f.code);
        if (v != it->v.fields.end()) pairs.push_back({f.name, v->second});
      }
      return pairs.dump(-1, ' ', false, Json::error_handler_t::replace);
    };
    auto reject = [&](int64_t row, const std::string& field, const std::string& code,
                      const std::string& message) {
      chunk_errors.push_back({row, field, code, message, sent_of_valid(row)});
    };

    // One query for every record the chunk names. `known` then follows the chunk's own
    // changes, so a key sent twice in one chunk is compared with its first row.
    struct Known {
      Record rec;        // id 0 while its insert waits in `fresh`
      std::string hash;  // content hash of its current version
    };
    std::map<std::string, Known> known;
    {
      std::vector<std::string> keys;
      keys.reserve(valid.size());
      for (const auto& r : valid) keys.push_back(r.v.source_key);
      XY_ASSIGN_OR_RETURN(auto found, tx->FindRecordsByKeys(dep.id, item.code, keys));
      for (auto& f : found) {
        std::string key = f.record.source_key;
        known[key] = {std::move(f.record), std::move(f.current_hash)};
      }
    }

    // New records wait in `fresh` and are written together: records, then versions, then
    // their events, a few statements for the lot. A row that needs a waiting record's id (a
    // list entry, an escalation, a changed second row with the same key) or that writes record
    // events of its own (a correction) writes the waiting ones first, so record events keep
    // the rows' order. Subject events (created, renamed) are written as the rows come, so they
    // may stand before the record events still waiting; the chunk commits as one.
    struct Fresh {
      Record rec;
      RecordVersion version;
    };
    std::vector<Fresh> fresh;
    // The payload of a record's event, {item, department, source_key, version, subject, batch,
    // row, content_hash}, written as nlohmann::json dumps it (members in key order); the
    // members the chunk shares are escaped once.
    std::string department_and_item = ",\"department\":";
    AppendJsonString(department_and_item, dep.code);
    department_and_item += ",\"item\":";
    AppendJsonString(department_and_item, item.code);
    department_and_item += ",\"row\":";
    const std::string batch_member =
        "{\"batch\":" + std::to_string(batch.id) + ",\"content_hash\":";
    auto record_event = [&](const std::string& type, const Record& rec, const RecordVersion& ver) {
      std::string payload = batch_member;
      payload.reserve(256);
      AppendJsonString(payload, ver.content_hash);
      payload += department_and_item;
      payload += std::to_string(ver.row_number);
      payload += ",\"source_key\":";
      AppendJsonString(payload, rec.source_key);
      payload += ",\"subject\":" + std::to_string(rec.subject_id) +
                 ",\"version\":" + std::to_string(rec.current_version) + "}";
      return EventDraft{p.actor, type, "record:" + std::to_string(rec.id), std::move(payload)};
    };
    auto flush = [&]() -> Status {
      if (fresh.empty()) return Status::Ok();
      std::vector<Record> records;
      records.reserve(fresh.size());
      for (const auto& f : fresh) records.push_back(f.rec);
      XY_ASSIGN_OR_RETURN(auto ids, tx->InsertRecords(records));
      std::vector<RecordVersion> versions;
      std::vector<EventDraft> events;
      versions.reserve(fresh.size());
      events.reserve(fresh.size());
      for (size_t i = 0; i < fresh.size(); ++i) {
        Fresh& f = fresh[i];
        f.rec.id = ids[i];
        f.version.record_id = ids[i];
        known[f.rec.source_key].rec.id = ids[i];
        versions.push_back(f.version);
        events.push_back(record_event("record.created", f.rec, f.version));
      }
      XY_RETURN_IF_ERROR(tx->InsertRecordVersions(versions));
      XY_RETURN_IF_ERROR(tx->AppendEvents(events, now));
      fresh.clear();
      return Status::Ok();
    };

    // Subjects already known as the rows name them (the usual case) are found for the whole
    // chunk in a few queries; the others (new, renamed, more identifiers, invalid) go through
    // RegisterIn row by row below.
    auto subject_key_of = [](const ValidatedRecord& v) {
      std::string key = std::to_string(static_cast<int>(v.subject_kind)) + '\x1f' + v.subject_name;
      for (const auto& id : v.subject_identifiers) key += '\x1f' + id;
      return key;
    };
    {
      std::vector<std::string> keys;
      std::vector<SubjectInput> inputs;
      std::set<std::string> asked;
      for (const auto& r : valid) {
        std::string key = subject_key_of(r.v);
        if (!asked.insert(key).second) continue;
        keys.push_back(std::move(key));
        inputs.push_back({r.v.subject_kind, r.v.subject_name, r.v.subject_identifiers, ""});
      }
      XY_ASSIGN_OR_RETURN(auto ids, subjects_.FindUnchangedIn(*tx, inputs));
      for (size_t i = 0; i < keys.size(); ++i) {
        if (ids[i] != 0) registered.emplace(keys[i], ids[i]);
      }
    }

    // Pass 2, in row order: subject, version, and what becomes of the record.
    for (auto& [row_number, v, version] : valid) {
      std::string subject_key = subject_key_of(v);
      int64_t subject_id = 0;
      if (auto seen = registered.find(subject_key); seen != registered.end()) {
        subject_id = seen->second;
      } else {
        SubjectInput subject{v.subject_kind, v.subject_name, v.subject_identifiers, ""};
        auto resolved = subjects_.RegisterIn(*tx, p, subject, now);
        if (!resolved.ok()) {
          if (resolved.status().code() != Code::kInvalidArgument &&
              resolved.status().code() != Code::kConflict) {
            return resolved.status();  // the store failed: stop, the chunk rolls back
          }
          reject(row_number, "", "subject", resolved.status().message());
          ++counts.rejected;
          continue;
        }
        subject_id = resolved->subject.id;
        registered.emplace(std::move(subject_key), subject_id);
      }

      version.received_at = now;

      auto it = known.find(v.source_key);
      if (it == known.end()) {
        Record rec;
        rec.subject_id = subject_id;
        rec.item_code = item.code;
        rec.department_id = dep.id;
        rec.source_key = v.source_key;
        rec.current_version = 1;
        rec.decision_date = v.decision_date;
        rec.nature = v.nature;
        rec.disclosure = v.disclosure;
        rec.display = v.display;
        rec.received_at = rec.updated_at = now;
        version.version = 1;
        known[v.source_key] = {rec, version.content_hash};
        fresh.push_back({std::move(rec), std::move(version)});
        const bool lists = !item.list_kind.empty();
        const bool serious = v.nature == Nature::kSerious;
        if (lists || serious) {
          XY_RETURN_IF_ERROR(flush());
          const Record& made = known[v.source_key].rec;
          if (lists) XY_RETURN_IF_ERROR(RecordListEntry(*tx, p, item, made, v, now));
          if (serious) XY_RETURN_IF_ERROR(EscalateKeyAttention(*tx, subject_id, made, today, now));
        }
        ++counts.accepted;
        continue;
      }

      if (it->second.hash == version.content_hash) {
        ++counts.unchanged;
        continue;
      }
      // A correction: the waiting inserts go first (this record may be one of them).
      XY_RETURN_IF_ERROR(flush());
      Record rec = it->second.rec;
      if (rec.status == "revoked") {
        reject(
            row_number, "", "revoked",
            "该记录（" + v.source_key + "）已被撤销，不能再报送新内容；如确需恢复，请联系信用办");
        ++counts.rejected;
        continue;
      }
      rec.subject_id = subject_id;
      rec.current_version += 1;
      rec.decision_date = v.decision_date;
      rec.nature = v.nature;
      rec.disclosure = v.disclosure;
      rec.display = v.display;
      rec.updated_at = now;
      XY_RETURN_IF_ERROR(tx->UpdateRecord(rec));
      version.record_id = rec.id;
      version.version = rec.current_version;
      XY_RETURN_IF_ERROR(tx->InsertRecordVersion(version));
      XY_RETURN_IF_ERROR(
          tx->AppendEvent(record_event("record.corrected", rec, version), now).status());
      if (!item.list_kind.empty()) {
        XY_RETURN_IF_ERROR(RecordListEntry(*tx, p, item, rec, v, now));
      }
      XY_RETURN_IF_ERROR(NotifyRecentCheckers(*tx, ctx_.clock, subject_id, "record.corrected",
                                              "record:" + std::to_string(rec.id),
                                              item.name + "记录（" + rec.source_key +
                                                  "）已更正为第" +
                                                  std::to_string(rec.current_version) + "版")
                             .status());
      it->second = {rec, version.content_hash};
      ++counts.accepted;
    }
    XY_RETURN_IF_ERROR(flush());
    std::stable_sort(chunk_errors.begin(), chunk_errors.end(),
                     [](const RowError& a, const RowError& b) { return a.row < b.row; });
    for (const auto& e : chunk_errors) {
      XY_RETURN_IF_ERROR(tx->InsertRejection({batch.id, e.row, e.field, e.code, e.message,
                                              e.sent.empty() ? "" : ctx_.cipher.Encrypt(e.sent)}));
    }
    batch.accepted += counts.accepted;
    batch.unchanged += counts.unchanged;
    batch.rejected += counts.rejected;
    XY_RETURN_IF_ERROR(tx->UpdateBatch(batch));
    XY_RETURN_IF_ERROR(tx->Commit());
    for (auto& e : chunk_errors) e.sent.clear();  // stored sealed; the summary does not carry it
    summary.errors.insert(summary.errors.end(), chunk_errors.begin(), chunk_errors.end());
  }

  batch.status = "done";
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_RETURN_IF_ERROR(tx->UpdateBatch(batch));
  Json payload = {
      {"accepted", batch.accepted}, {"unchanged", batch.unchanged}, {"rejected", batch.rejected}};
  XY_RETURN_IF_ERROR(tx->AppendEvent({p.actor, "batch.completed",
                                      "batch:" + std::to_string(batch.id), payload.dump()},
                                     ctx_.clock.NowTimestamp())
                         .status());
  XY_RETURN_IF_ERROR(tx->Commit());
  for (const auto& [column, note] : padded_notes) {
    summary.notes.push_back("“" + column + "”列有" + std::to_string(note.first) +
                            "行在电子表格中存成了数字，前导零已丢失，已按代码表补齐读作代码（如 " +
                            note.second + "）；请核对，今后可把该列设为“文本”格式");
  }
  for (const auto& [column, note] : serial_notes) {
    summary.notes.push_back("“" + column + "”列有" + std::to_string(note.first) +
                            "行是电子表格的日期序号，已读作日期（如 " + note.second + "）");
  }
  summary.accepted = batch.accepted;
  summary.unchanged = batch.unchanged;
  summary.rejected = batch.rejected;
  return summary;
}

namespace {

// The document number of a record that is a list decision: the first field of its source key
// (失信被执行人: the case number 案号). The rest of the key (the person's full name) is never
// shown as a document number.
std::string DocumentOfKey(const std::string& source_key) {
  return source_key.substr(0, source_key.find('|'));
}

}  // namespace

Result<std::optional<ListEntry>> IntakeService::EntryOfRecord(Transaction& tx,
                                                              const CatalogueItem& item,
                                                              const Record& rec) {
  XY_ASSIGN_OR_RETURN(auto entries, tx.ListEntriesOfSubject(rec.subject_id));
  for (const auto& e : entries) {
    // Entries made before the document was cut from the key still hold the whole key.
    if (e.list_kind == item.list_kind && e.domain == item.list_domain &&
        e.department_id == rec.department_id &&
        (e.decision_document == DocumentOfKey(rec.source_key) ||
         e.decision_document == rec.source_key)) {
      return std::optional<ListEntry>(e);
    }
  }
  return std::optional<ListEntry>();
}

Status IntakeService::RecordListEntry(Transaction& tx, const Principal& p,
                                      const CatalogueItem& item, const Record& rec,
                                      const ValidatedRecord& v, const std::string& now) {
  // The source's publication is the decision (e.g. a court's 失信被执行人 list): the entry is
  // decided at once, valid over the record's display window, and follows later versions.
  XY_ASSIGN_OR_RETURN(auto existing, EntryOfRecord(tx, item, rec));
  ListEntry e = existing.value_or(ListEntry{});
  e.valid_from = v.display.from.empty() ? v.decision_date : v.display.from;
  e.valid_until = v.display.until;
  if (e.valid_until.empty() && options_.list_validity) {
    XY_ASSIGN_OR_RETURN(e.valid_until, options_.list_validity->EndOf(
                                           item.list_kind, item.list_domain, e.valid_from, ""));
  }
  e.updated_at = now;
  e.decision_document = DocumentOfKey(rec.source_key);
  e.facts = item.name + "：" + e.decision_document;
  std::string type = "list_entry.decided";
  if (!existing) {
    e.subject_id = rec.subject_id;
    e.list_kind = item.list_kind;
    e.domain = item.list_domain;
    e.status = "decided";
    e.department_id = rec.department_id;
    e.basis = v.legal_basis;
    e.created_at = now;
    XY_ASSIGN_OR_RETURN(e.id, tx.InsertListEntry(e));
  } else {
    XY_RETURN_IF_ERROR(tx.UpdateListEntry(e));
  }
  return tx
      .AppendEvent({p.actor, type, "list_entry:" + std::to_string(e.id), ListEntryEventPayload(e)},
                   now)
      .status();
}

Status IntakeService::EscalateKeyAttention(Transaction& tx, int64_t subject_id, const Record& rec,
                                           Date today, const std::string& now) {
  // A subject on the key-attention list that commits a serious dishonest act is proposed for
  // the serious list by the department that listed it (the recognition still needs notice,
  // defence period and decision).
  XY_ASSIGN_OR_RETURN(auto entries, tx.ListEntriesOfSubject(subject_id));
  const std::string day = today.ToString();
  for (const auto& e : entries) {
    if (e.list_kind != "key_attention" || EffectiveStatus(e, day) != "decided" ||
        e.valid_from > day) {
      continue;
    }
    bool pending = false;
    for (const auto& other : entries) {
      pending = pending || (other.list_kind == "serious" && other.domain == e.domain &&
                            (other.status == "proposed" || other.status == "noticed" ||
                             EffectiveStatus(other, day) == "decided"));
    }
    if (pending) continue;
    ListEntry proposal;
    proposal.subject_id = subject_id;
    proposal.list_kind = "serious";
    proposal.domain = e.domain;
    proposal.department_id = e.department_id;
    proposal.basis = e.basis;
    proposal.facts = "列入重点关注名单（" + e.decision_document + "）期间，新增严重失信记录（" +
                     rec.item_code + " " + rec.source_key + "）";
    proposal.created_at = proposal.updated_at = now;
    XY_ASSIGN_OR_RETURN(proposal.id, tx.InsertListEntry(proposal));
    Json payload = {{"id", proposal.id},  {"subject", subject_id}, {"list_kind", "serious"},
                    {"domain", e.domain}, {"status", "proposed"},  {"from_entry", e.id},
                    {"record", rec.id}};
    XY_RETURN_IF_ERROR(tx.AppendEvent({"system:escalation", "list_entry.proposed",
                                       "list_entry:" + std::to_string(proposal.id), payload.dump()},
                                      now)
                           .status());
  }
  return Status::Ok();
}

Result<Record> IntakeService::Revoke(const Principal& p, int64_t record_id,
                                     const std::string& reason) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kOperator}));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(auto rec, tx->GetRecord(record_id));
  if (!rec) return NotFound("record: 记录" + std::to_string(record_id) + "不存在");
  if (p.role != Role::kAdmin && rec->department_id != p.department_id) {
    return PermissionDenied("record: 只能撤销本部门报送的记录");
  }
  XY_RETURN_IF_ERROR(RevokeIn(*tx, p.actor, *rec, reason));
  XY_RETURN_IF_ERROR(tx->Commit());
  return *rec;
}

Status IntakeService::RevokeIn(Transaction& tx, const std::string& actor, Record& rec,
                               const std::string& reason) {
  const std::string why = NormaliseText(reason);
  if (why.empty()) return InvalidArgument("reason: 撤销须说明理由");
  if (rec.status == "revoked") {
    return FailedPrecondition("record: 该记录已于" + rec.revoked_at + "撤销");
  }
  const std::string now = ctx_.clock.NowTimestamp();
  rec.status = "revoked";
  rec.revoked_at = now;
  rec.revoke_reason = why;
  rec.updated_at = now;
  rec.display.published = false;
  rec.display.reason = "已撤销：" + why;
  XY_RETURN_IF_ERROR(tx.UpdateRecord(rec));
  if (const CatalogueItem* item = catalogue_.Find(rec.item_code);
      item && !item->list_kind.empty()) {
    XY_ASSIGN_OR_RETURN(auto entry, EntryOfRecord(tx, *item, rec));
    if (entry && entry->status == "decided") {
      entry->status = "exited";
      entry->exit_reason = "来源记录已撤销：" + why;
      entry->exited_at = ctx_.clock.Today().ToString();
      entry->updated_at = now;
      XY_RETURN_IF_ERROR(tx.UpdateListEntry(*entry));
      XY_RETURN_IF_ERROR(
          tx.AppendEvent({actor, "list_entry.exited", "list_entry:" + std::to_string(entry->id),
                          ListEntryEventPayload(*entry)},
                         now)
              .status());
    }
  }
  XY_RETURN_IF_ERROR(NotifyRecentCheckers(tx, ctx_.clock, rec.subject_id, "record.revoked",
                                          "record:" + std::to_string(rec.id),
                                          "记录（" + rec.source_key + "）已撤销：" + why)
                         .status());
  Json payload = {{"reason", why}, {"version", rec.current_version}};
  return tx
      .AppendEvent({actor, "record.revoked", "record:" + std::to_string(rec.id), payload.dump()},
                   now)
      .status();
}

Result<RecordHistory> IntakeService::History(const Principal& p, int64_t record_id) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kOperator, Role::kAuditor}));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto rec, tx->GetRecord(record_id));
  if (!rec) return NotFound("record: 记录" + std::to_string(record_id) + "不存在");
  if (p.role == Role::kOperator && rec->department_id != p.department_id) {
    return PermissionDenied("record: 只能查看本部门报送的记录");
  }
  XY_ASSIGN_OR_RETURN(auto versions, tx->ListRecordVersions(record_id));
  return RecordHistory{*rec, std::move(versions)};
}

Result<IntakeService::SentBackFile> IntakeService::SentBack(const Principal& p,
                                                            int64_t batch_id) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kOperator}));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto batch, tx->GetBatch(batch_id));
  if (!batch) return NotFound("batch: 批次" + std::to_string(batch_id) + "不存在");
  if (p.role == Role::kOperator && batch->department_id != p.department_id) {
    return PermissionDenied("batch: 只能查看本部门的批次");
  }
  XY_ASSIGN_OR_RETURN(auto rejections, tx->ListRejections(batch_id));
  tx.reset();
  // Per row, in row order: the cells as sent and the reasons.
  struct Line {
    std::vector<std::pair<std::string, std::string>> cells;
    std::string reasons;
  };
  std::map<int64_t, Line> lines;
  for (const auto& r : rejections) {
    Line& line = lines[r.row_number];
    if (!line.reasons.empty()) line.reasons += "；";
    line.reasons += r.message;
    if (r.sealed_row.empty()) continue;
    XY_ASSIGN_OR_RETURN(std::string sent, ctx_.cipher.Decrypt(r.sealed_row));
    const Json pairs = Json::parse(sent, nullptr, false);
    if (!pairs.is_array()) return Internal("batch " + std::to_string(batch_id) + ": a kept row is unreadable");
    for (const auto& pair : pairs) {
      if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string()) {
        line.cells.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
      }
    }
  }
  SentBackFile out;
  const CatalogueItem* item = catalogue_.Find(batch->item_code);
  // The catalogue's fields first, in its order, then any other column as first seen.
  std::vector<std::string> seen;
  for (const auto& [row, line] : lines) {
    for (const auto& cell : line.cells) {
      if (std::find(seen.begin(), seen.end(), cell.first) == seen.end()) seen.push_back(cell.first);
    }
  }
  if (item) {
    for (const FieldSpec& f : item->fields) {
      if (std::find(seen.begin(), seen.end(), f.name) != seen.end()) out.columns.push_back(f.name);
    }
  }
  for (const auto& name : seen) {
    if (std::find(out.columns.begin(), out.columns.end(), name) == out.columns.end()) {
      out.columns.push_back(name);
    }
  }
  for (const char* own : RecordValidator::kSentBackColumns) out.columns.emplace_back(own);
  for (const auto& [row, line] : lines) {
    std::vector<std::string> cells(out.columns.size());
    for (const auto& [name, text] : line.cells) {
      const auto at = std::find(out.columns.begin(), out.columns.end(), name) - out.columns.begin();
      cells[static_cast<size_t>(at)] = text;
    }
    cells[out.columns.size() - 2] = line.reasons;
    cells[out.columns.size() - 1] = std::to_string(row);
    out.rows.push_back(std::move(cells));
  }
  std::string stem = std::filesystem::path(batch->file_name).stem().string();
  if (stem.empty()) stem = (item ? item->name : batch->item_code) + "-批次" + std::to_string(batch_id);
  out.name = stem + "-退回";
  return out;
}

Result<std::vector<Rejection>> IntakeService::Rejections(const Principal& p, int64_t batch_id) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kOperator, Role::kAuditor}));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto batch, tx->GetBatch(batch_id));
  if (!batch) return NotFound("batch: 批次" + std::to_string(batch_id) + "不存在");
  if (p.role == Role::kOperator && batch->department_id != p.department_id) {
    return PermissionDenied("batch: 只能查看本部门的批次");
  }
  return tx->ListRejections(batch_id);
}

Result<std::vector<IntakeStatView>> IntakeService::Stats(const Principal& p) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin, Role::kOperator, Role::kAuditor}));
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto stats, tx->IntakeStats());
  XY_ASSIGN_OR_RETURN(auto deps, tx->ListDepartments());
  std::vector<IntakeStatView> out;
  for (const auto& d : deps) {
    if (p.role == Role::kOperator && d.id != p.department_id) continue;
    IntakeStatView view{d, {}};
    view.stat.department_id = d.id;
    for (const auto& s : stats) {
      if (s.department_id == d.id) view.stat = s;
    }
    out.push_back(std::move(view));
  }
  return out;
}

}  // namespace xinyong
