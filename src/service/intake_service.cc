#include "service/intake_service.h"

#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/ids.h"
#include "core/text.h"
#include "domain/catalogue.h"
#include "ingest/table.h"
#include "service/account_service.h"
#include "service/list_service.h"
#include "service/propagation.h"
#include "service/subject_service.h"
#include "store/store.h"

namespace xinyong {
namespace {

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
  return TakeRows(p, dep, *item, req, *reader, sha256);
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

  std::vector<std::string> cached_names, cached_codes;
  Status cached_header_error;
  bool done = false;
  while (!done) {
    std::vector<ingest::SourceRow> chunk;
    while (static_cast<int>(chunk.size()) < options_.chunk_rows) {
      XY_ASSIGN_OR_RETURN(auto row, reader.Next());
      if (!row) {
        done = true;
        break;
      }
      chunk.push_back(std::move(*row));
    }
    if (chunk.empty()) break;

    XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
    const std::string now = ctx_.clock.NowTimestamp();
    const Date today = ctx_.clock.Today();
    ChunkCounts counts;
    std::vector<RowError> chunk_errors;
    // Rows of one chunk often name the same subject. Registering the same input again in the
    // same transaction changes nothing (same name, identifiers already there), so the first
    // row's answer serves the others: no statements. Kept per chunk, since a chunk that fails
    // rolls back whatever its rows registered.
    std::map<std::string, int64_t> registered;
    auto reject = [&](int64_t row, const std::string& field, const std::string& code,
                      const std::string& message) -> Status {
      chunk_errors.push_back({row, field, code, message});
      return tx->InsertRejection({batch.id, row, field, code, message});
    };

    for (auto& row : chunk) {
      if (!row.error.empty()) {
        XY_RETURN_IF_ERROR(reject(row.number, "", "unreadable_row", row.error));
        ++counts.rejected;
        continue;
      }
      std::vector<std::string> names;
      names.reserve(row.cells.size());
      for (const auto& c : row.cells) names.push_back(c.first);
      if (names != cached_names) {
        cached_names = names;
        auto codes = validator_.MapHeader(item, names);
        cached_header_error = codes.ok() ? Status::Ok() : codes.status();
        cached_codes = codes.ok() ? *codes : std::vector<std::string>();
      }
      if (!cached_header_error.ok()) {
        XY_RETURN_IF_ERROR(reject(row.number, "", "unknown_column", cached_header_error.message()));
        ++counts.rejected;
        continue;
      }
      std::map<std::string, std::string> fields;
      for (size_t i = 0; i < row.cells.size(); ++i) {
        fields[cached_codes[i]] = std::move(row.cells[i].second);
      }
      RowOutcome outcome = validator_.Validate(item, fields, today);
      if (!outcome.record) {
        for (const auto& e : outcome.errors) {
          XY_RETURN_IF_ERROR(reject(row.number, e.field, e.code, e.message));
        }
        ++counts.rejected;
        continue;
      }
      const ValidatedRecord& v = *outcome.record;

      std::string subject_key = std::to_string(static_cast<int>(v.subject_kind)) + '\x1f' +
                                v.subject_name;
      for (const auto& id : v.subject_identifiers) subject_key += '\x1f' + id;
      int64_t subject_id = 0;
      if (auto known = registered.find(subject_key); known != registered.end()) {
        subject_id = known->second;
      } else {
        SubjectInput subject{v.subject_kind, v.subject_name, v.subject_identifiers, ""};
        auto resolved = subjects_.RegisterIn(*tx, p, subject, now);
        if (!resolved.ok()) {
          if (resolved.status().code() != Code::kInvalidArgument &&
              resolved.status().code() != Code::kConflict) {
            return resolved.status();  // the store failed: stop, the chunk rolls back
          }
          XY_RETURN_IF_ERROR(reject(row.number, "", "subject", resolved.status().message()));
          ++counts.rejected;
          continue;
        }
        subject_id = resolved->subject.id;
        registered.emplace(std::move(subject_key), subject_id);
      }

      RecordVersion version;
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
      version.received_at = now;
      if (auto decided = Date::Parse(v.decision_date); decided.ok()) {
        if (auto wd = ctx_.calendar.WorkingDaysBetween(*decided, today); wd.ok()) {
          version.working_days = *wd;
          // The item's own rule (双公示: 7 working days); 0 means the item has none.
          const int limit = item.timeliness_working_days;
          version.late = limit > 0 && *wd > limit;
        }
      }

      XY_ASSIGN_OR_RETURN(auto existing, tx->FindRecord(dep.id, item.code, v.source_key));
      std::string event_type;
      Record rec;
      if (!existing) {
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
        XY_ASSIGN_OR_RETURN(rec.id, tx->InsertRecord(rec));
        event_type = "record.created";
      } else {
        rec = *existing;
        XY_ASSIGN_OR_RETURN(auto versions, tx->ListRecordVersions(rec.id));
        const bool same = !versions.empty() && versions.back().content_hash == version.content_hash;
        if (same) {
          ++counts.unchanged;
          continue;
        }
        if (rec.status == "revoked") {
          XY_RETURN_IF_ERROR(reject(row.number, "", "revoked",
                                    "该记录（" + v.source_key +
                                        "）已被撤销，不能再报送新内容；如确需恢复，请联系信用办"));
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
        event_type = "record.corrected";
      }
      version.record_id = rec.id;
      version.version = rec.current_version;
      XY_RETURN_IF_ERROR(tx->InsertRecordVersion(version));
      Json payload = {{"item", item.code},
                      {"department", dep.code},
                      {"source_key", rec.source_key},
                      {"version", rec.current_version},
                      {"subject", subject_id},
                      {"batch", batch.id},
                      {"row", row.number},
                      {"content_hash", version.content_hash}};
      XY_RETURN_IF_ERROR(
          tx->AppendEvent({p.actor, event_type, "record:" + std::to_string(rec.id), payload.dump()},
                          now)
              .status());
      if (!item.list_kind.empty()) {
        XY_RETURN_IF_ERROR(RecordListEntry(*tx, p, item, rec, v, now));
      }
      if (event_type == "record.corrected") {
        XY_RETURN_IF_ERROR(NotifyRecentCheckers(*tx, ctx_.clock, subject_id, event_type,
                                                "record:" + std::to_string(rec.id),
                                                item.name + "记录（" + rec.source_key +
                                                    "）已更正为第" +
                                                    std::to_string(rec.current_version) + "版")
                               .status());
      }
      if (event_type == "record.created" && v.nature == Nature::kSerious) {
        XY_RETURN_IF_ERROR(EscalateKeyAttention(*tx, subject_id, rec, today, now));
      }
      ++counts.accepted;
    }
    batch.accepted += counts.accepted;
    batch.unchanged += counts.unchanged;
    batch.rejected += counts.rejected;
    XY_RETURN_IF_ERROR(tx->UpdateBatch(batch));
    XY_RETURN_IF_ERROR(tx->Commit());
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
  summary.accepted = batch.accepted;
  summary.unchanged = batch.unchanged;
  summary.rejected = batch.rejected;
  return summary;
}

Result<std::optional<ListEntry>> IntakeService::EntryOfRecord(Transaction& tx,
                                                              const CatalogueItem& item,
                                                              const Record& rec) {
  XY_ASSIGN_OR_RETURN(auto entries, tx.ListEntriesOfSubject(rec.subject_id));
  for (const auto& e : entries) {
    if (e.list_kind == item.list_kind && e.domain == item.list_domain &&
        e.department_id == rec.department_id && e.decision_document == rec.source_key) {
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
  e.updated_at = now;
  std::string type = "list_entry.decided";
  if (!existing) {
    e.subject_id = rec.subject_id;
    e.list_kind = item.list_kind;
    e.domain = item.list_domain;
    e.status = "decided";
    e.department_id = rec.department_id;
    e.basis = v.legal_basis;
    e.facts = item.name + "：" + rec.source_key;
    e.decision_document = rec.source_key;
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
