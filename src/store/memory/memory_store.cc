#include "store/memory/memory_store.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <tuple>

#include "store/write_gate.h"

namespace xinyong {
namespace {

struct State {
  std::map<int64_t, Subject> subjects;
  std::map<std::pair<IdKind, std::string>, int64_t> identifiers;
  std::map<int64_t, Department> departments;
  std::map<int64_t, User> users;
  std::map<int64_t, ApiKey> api_keys;
  std::map<std::string, SessionRecord> sessions;
  std::map<int64_t, Batch> batches;
  std::vector<Rejection> rejections;
  std::map<int64_t, Record> records;
  std::map<std::tuple<int64_t, std::string, std::string>, int64_t> record_keys;
  std::map<int64_t, std::vector<RecordVersion>> versions;
  std::map<int64_t, ListEntry> entries;
  std::vector<ResponsiblePerson> persons;
  std::map<int64_t, CheckRecord> checks;
  std::map<std::pair<int64_t, std::string>, CheckFeedback> feedback;
  std::map<int64_t, Subscription> subscriptions;
  std::set<std::pair<int64_t, int64_t>> watched;  // (subscription, subject)
  std::map<int64_t, Objection> objections;
  std::map<int64_t, Repair> repairs;
  std::map<std::pair<std::string, int64_t>, std::vector<CaseStep>> steps;
  std::map<int64_t, Authorisation> authorisations;
  std::map<int64_t, QueryLogEntry> query_log;
  std::map<int64_t, Notice> notices;
  std::map<int64_t, Announcement> announcements;
  std::map<std::pair<std::string, std::string>, ProvisionalDeadline> deadlines;  // (target, field)
  std::map<int64_t, OutboundMessage> messages;
  std::map<int64_t, BasisConfirmation> basis_confirmations;
  std::map<int64_t, Tip> tips;
  std::map<std::pair<int64_t, int>, TipAttachment> tip_attachments;  // (tip, n)
  std::map<int64_t, TypicalCase> typical_cases;
  std::map<int64_t, std::vector<CaseLink>> case_links;  // by case, sorted
  std::map<int64_t, Commitment> commitments;
  std::map<int64_t, CommitmentScan> commitment_scans;  // by commitment
  std::map<int64_t, CreditReport> reports;
  std::map<int64_t, Evaluation> evaluations;  // by subject
  std::map<int64_t, EvaluationChange> evaluation_history;
  EvaluationCursor evaluation_cursor;
  std::vector<Event> events;
  EventHead head{0, kGenesisHash};
  int64_t next_id = 1;
};

class MemoryStore;

// The transaction is also its own parts for tips, typical cases, commitments and the
// monitoring.
class MemoryTransaction final : public Transaction,
                                private TipTables,
                                private CommitmentTables,
                                private ReportTables,
                                private EvaluationTables,
                                private TypicalCaseTables,
                                private MonitoringTables {
 public:
  MemoryTransaction(MemoryStore* store, std::shared_ptr<const State> base, TxMode mode,
                    WriteTurn writer)
      : store_(store), mode_(mode), writer_(std::move(writer)) {
    if (mode == TxMode::kWrite) {
      own_ = std::make_shared<State>(*base);
      state_ = own_.get();
    } else {
      snapshot_ = std::move(base);
      state_ = snapshot_.get();
    }
  }

  Result<int64_t> InsertSubject(const SubjectDraft& d) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    for (const auto& i : d.identifiers) {
      if (s->identifiers.count({i.kind, i.lookup})) {
        return Conflict("identifier " + i.display + " already belongs to another subject");
      }
    }
    Subject subj;
    subj.id = s->next_id++;
    subj.kind = d.kind;
    subj.name = d.name;
    subj.region = d.region;
    subj.created_at = subj.updated_at = d.at;
    subj.names.push_back({d.name, d.at, ""});
    s->subjects[subj.id] = subj;
    for (const auto& i : d.identifiers) XY_RETURN_IF_ERROR(AddIdentifier(subj.id, i));
    return subj.id;
  }

  Result<std::optional<int64_t>> FindSubjectId(IdKind kind, std::string_view lookup) override {
    XY_RETURN_IF_ERROR(Open());
    auto it = state_->identifiers.find({kind, std::string(lookup)});
    if (it == state_->identifiers.end()) return std::optional<int64_t>();
    return std::optional<int64_t>(it->second);
  }

  Result<std::vector<std::pair<std::string, int64_t>>> FindSubjectIds(
      IdKind kind, const std::vector<std::string>& lookups) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<std::pair<std::string, int64_t>> out;
    std::set<std::string> seen;
    for (const auto& lookup : lookups) {
      if (!seen.insert(lookup).second) continue;
      auto it = state_->identifiers.find({kind, lookup});
      if (it != state_->identifiers.end()) out.emplace_back(lookup, it->second);
    }
    return out;
  }

  Result<std::vector<SubjectHead>> SubjectHeads(const std::vector<int64_t>& ids) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<SubjectHead> out;
    std::set<int64_t> seen;
    for (int64_t id : ids) {
      if (!seen.insert(id).second) continue;
      auto it = state_->subjects.find(id);
      if (it != state_->subjects.end()) out.push_back({id, it->second.kind, it->second.name});
    }
    return out;
  }

  Result<Subject> GetSubject(int64_t id) override {
    XY_RETURN_IF_ERROR(Open());
    auto it = state_->subjects.find(id);
    if (it == state_->subjects.end()) {
      return NotFound("subject " + std::to_string(id) + " does not exist");
    }
    Subject s = it->second;
    std::sort(s.identifiers.begin(), s.identifiers.end(), [](const auto& a, const auto& b) {
      return std::pair(IdKindName(a.kind), a.lookup) < std::pair(IdKindName(b.kind), b.lookup);
    });
    return s;
  }

  Result<std::optional<Subject>> FindSubjectCurrent(IdKind kind, std::string_view lookup) override {
    XY_ASSIGN_OR_RETURN(auto id, FindSubjectId(kind, lookup));
    if (!id) return std::optional<Subject>();
    XY_ASSIGN_OR_RETURN(Subject s, GetSubject(*id));
    s.names.clear();
    return std::optional<Subject>(std::move(s));
  }

  Status RenameSubject(int64_t id, std::string_view name, std::string_view at) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    auto it = s->subjects.find(id);
    if (it == s->subjects.end())
      return NotFound("subject " + std::to_string(id) + " does not exist");
    for (auto& n : it->second.names) {
      if (n.valid_to.empty()) n.valid_to = std::string(at);
    }
    it->second.names.push_back({std::string(name), std::string(at), ""});
    it->second.name = std::string(name);
    it->second.updated_at = std::string(at);
    return Status::Ok();
  }

  Status AddIdentifier(int64_t subject_id, const StoredIdentifier& ident) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    auto key = std::pair(ident.kind, ident.lookup);
    if (s->identifiers.count(key)) {
      return Conflict("identifier " + ident.display + " already belongs to another subject");
    }
    auto it = s->subjects.find(subject_id);
    if (it == s->subjects.end()) return NotFound("subject does not exist");
    s->identifiers[key] = subject_id;
    it->second.identifiers.push_back(ident);
    return Status::Ok();
  }

  Result<int64_t> CountSubjects() override {
    XY_RETURN_IF_ERROR(Open());
    return static_cast<int64_t>(state_->subjects.size());
  }

  static SubjectIndexRow IndexRow(const Subject& x) {
    SubjectIndexRow row{x.id, x.kind, x.name, x.region, ""};
    for (const auto& i : x.identifiers) {
      if (row.code.empty() || i.kind == IdKind::kUscc) row.code = i.display;
      if (i.kind == IdKind::kUscc) break;
    }
    return row;
  }

  Result<std::vector<SubjectIndexRow>> SubjectsForIndex(int64_t after_id, int limit) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<SubjectIndexRow> out;
    for (auto it = state_->subjects.upper_bound(after_id);
         it != state_->subjects.end() && static_cast<int>(out.size()) < limit; ++it) {
      out.push_back(IndexRow(it->second));
    }
    return out;
  }

  Result<std::optional<SubjectIndexRow>> SubjectForIndex(int64_t id) override {
    XY_RETURN_IF_ERROR(Open());
    auto it = state_->subjects.find(id);
    if (it == state_->subjects.end()) return std::optional<SubjectIndexRow>();
    return std::optional<SubjectIndexRow>(IndexRow(it->second));
  }

  Result<int64_t> InsertDepartment(const Department& d) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    for (const auto& [id, x] : s->departments) {
      if (x.code == d.code) return Conflict("a department with code " + d.code + " exists already");
    }
    Department copy = d;
    copy.id = s->next_id++;
    s->departments[copy.id] = copy;
    return copy.id;
  }

  Result<std::optional<Department>> FindDepartmentByCode(std::string_view code) override {
    XY_RETURN_IF_ERROR(Open());
    for (const auto& [id, d] : state_->departments) {
      if (d.code == code) return std::optional<Department>(d);
    }
    return std::optional<Department>();
  }

  Result<std::optional<Department>> GetDepartment(int64_t id) override {
    return Lookup(state_->departments, id);
  }

  Result<std::vector<Department>> ListDepartments() override { return Values(state_->departments); }

  Result<int64_t> InsertUser(const User& u) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    for (const auto& [id, x] : s->users) {
      if (x.username == u.username)
        return Conflict("a user named " + u.username + " exists already");
    }
    User copy = u;
    copy.id = s->next_id++;
    s->users[copy.id] = copy;
    return copy.id;
  }

  Result<std::optional<User>> FindUserByName(std::string_view username) override {
    XY_RETURN_IF_ERROR(Open());
    for (const auto& [id, u] : state_->users) {
      if (u.username == username) return std::optional<User>(u);
    }
    return std::optional<User>();
  }

  Result<std::optional<User>> GetUser(int64_t id) override { return Lookup(state_->users, id); }
  Result<std::vector<User>> ListUsers() override { return Values(state_->users); }

  Result<int64_t> InsertApiKey(const ApiKey& k) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    ApiKey copy = k;
    copy.id = s->next_id++;
    s->api_keys[copy.id] = copy;
    return copy.id;
  }

  Result<std::optional<ApiKey>> FindApiKeyByHash(std::string_view key_hash) override {
    XY_RETURN_IF_ERROR(Open());
    for (const auto& [id, k] : state_->api_keys) {
      if (k.key_hash == key_hash) return std::optional<ApiKey>(k);
    }
    return std::optional<ApiKey>();
  }

  Status InsertSession(const SessionRecord& r) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    if (!s->sessions.emplace(r.token_hash, r).second) return Conflict("session exists");
    return Status::Ok();
  }

  Result<std::optional<SessionRecord>> FindSession(std::string_view token_hash) override {
    XY_RETURN_IF_ERROR(Open());
    auto it = state_->sessions.find(std::string(token_hash));
    if (it == state_->sessions.end()) return std::optional<SessionRecord>();
    return std::optional<SessionRecord>(it->second);
  }

  Status DeleteSession(std::string_view token_hash) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    s->sessions.erase(std::string(token_hash));
    return Status::Ok();
  }

  Status UpdateUserCredentials(int64_t user_id, std::string_view password_hash,
                               bool active) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    auto it = s->users.find(user_id);
    if (it == s->users.end())
      return NotFound("user " + std::to_string(user_id) + " does not exist");
    it->second.password_hash = std::string(password_hash);
    it->second.active = active;
    return Status::Ok();
  }

  Result<std::vector<ApiKey>> ListApiKeys() override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<ApiKey> out;
    for (const auto& [id, k] : state_->api_keys) out.push_back(k);
    return out;
  }

  Status RevokeApiKey(int64_t id, std::string_view at) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    auto it = s->api_keys.find(id);
    if (it == s->api_keys.end() || !it->second.revoked_at.empty()) {
      return NotFound("api key " + std::to_string(id) + " does not exist or is revoked already");
    }
    it->second.revoked_at = std::string(at);
    return Status::Ok();
  }

  Status DeleteSessionsOfUser(int64_t user_id) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    for (auto it = s->sessions.begin(); it != s->sessions.end();) {
      it = it->second.user_id == user_id ? s->sessions.erase(it) : std::next(it);
    }
    return Status::Ok();
  }

  Result<int64_t> InsertBatch(const Batch& b) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    Batch copy = b;
    copy.id = s->next_id++;
    s->batches[copy.id] = copy;
    return copy.id;
  }

  Status UpdateBatch(const Batch& b) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    auto it = s->batches.find(b.id);
    if (it == s->batches.end())
      return NotFound("batch " + std::to_string(b.id) + " does not exist");
    it->second.status = b.status;
    it->second.accepted = b.accepted;
    it->second.unchanged = b.unchanged;
    it->second.rejected = b.rejected;
    it->second.encoding = b.encoding;
    return Status::Ok();
  }

  Result<std::optional<Batch>> GetBatch(int64_t id) override { return Lookup(state_->batches, id); }

  Status InsertRejection(const Rejection& r) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    s->rejections.push_back(r);
    return Status::Ok();
  }

  Result<std::vector<Rejection>> ListRejections(int64_t batch_id) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<Rejection> out;
    for (const auto& r : state_->rejections) {
      if (r.batch_id == batch_id) out.push_back(r);
    }
    return out;
  }

  Result<std::optional<Record>> FindRecord(int64_t department_id, std::string_view item_code,
                                           std::string_view source_key) override {
    XY_RETURN_IF_ERROR(Open());
    auto it =
        state_->record_keys.find({department_id, std::string(item_code), std::string(source_key)});
    if (it == state_->record_keys.end()) return std::optional<Record>();
    return std::optional<Record>(state_->records.at(it->second));
  }

  Result<std::vector<RecordWithHash>> FindRecordsByKeys(
      int64_t department_id, std::string_view item_code,
      const std::vector<std::string>& source_keys) override {
    std::vector<RecordWithHash> out;
    std::set<std::string> seen;
    for (const auto& key : source_keys) {
      if (!seen.insert(key).second) continue;
      XY_ASSIGN_OR_RETURN(auto rec, FindRecord(department_id, item_code, key));
      if (!rec) continue;
      XY_ASSIGN_OR_RETURN(auto versions, ListRecordVersions(rec->id));
      std::string hash;
      for (const auto& v : versions) {
        if (v.version == rec->current_version) hash = v.content_hash;
      }
      out.push_back({std::move(*rec), std::move(hash)});
    }
    return out;
  }

  Result<std::vector<int64_t>> InsertRecords(const std::vector<Record>& records) override {
    std::vector<int64_t> ids;
    ids.reserve(records.size());
    for (const auto& r : records) {
      XY_ASSIGN_OR_RETURN(int64_t id, InsertRecord(r));
      ids.push_back(id);
    }
    return ids;
  }

  Status InsertRecordVersions(const std::vector<RecordVersion>& versions) override {
    for (const auto& v : versions) XY_RETURN_IF_ERROR(InsertRecordVersion(v));
    return Status::Ok();
  }

  Result<int64_t> InsertRecord(const Record& r) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    auto key = std::make_tuple(r.department_id, r.item_code, r.source_key);
    if (s->record_keys.count(key)) {
      return Conflict("record " + r.source_key + " of item " + r.item_code +
                      " exists already for this department");
    }
    Record copy = r;
    copy.id = s->next_id++;
    s->records[copy.id] = copy;
    s->record_keys[key] = copy.id;
    return copy.id;
  }

  Status UpdateRecord(const Record& r) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    auto it = s->records.find(r.id);
    if (it == s->records.end())
      return NotFound("record " + std::to_string(r.id) + " does not exist");
    Record updated = r;
    updated.item_code = it->second.item_code;
    updated.department_id = it->second.department_id;
    updated.source_key = it->second.source_key;
    updated.received_at = it->second.received_at;
    it->second = updated;
    return Status::Ok();
  }

  Result<std::optional<Record>> GetRecord(int64_t id) override {
    return Lookup(state_->records, id);
  }

  Result<std::vector<Record>> ListRecordsOfSubject(int64_t subject_id) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<Record> out;
    for (const auto& [id, r] : state_->records) {
      if (r.subject_id == subject_id) out.push_back(r);
    }
    std::sort(out.begin(), out.end(), [](const Record& a, const Record& b) {
      return std::pair(a.decision_date, a.id) > std::pair(b.decision_date, b.id);
    });
    return out;
  }

  Result<std::vector<RecordFactRow>> ActiveRecordFacts(int64_t subject_id) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<RecordFactRow> out;
    for (const auto& [id, r] : state_->records) {
      if (r.subject_id != subject_id || r.status != "active") continue;
      out.push_back({r.id, r.item_code, r.nature, r.decision_date, r.disputed_since,
                     r.objection_ref, r.department_id, r.source_key});
    }
    std::sort(out.begin(), out.end(), [](const RecordFactRow& a, const RecordFactRow& b) {
      return std::pair(a.decision_date, a.id) > std::pair(b.decision_date, b.id);
    });
    return out;
  }

  Status InsertRecordVersion(const RecordVersion& v) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    auto& list = s->versions[v.record_id];
    for (const auto& x : list) {
      if (x.version == v.version) return Conflict("record version exists already");
    }
    list.push_back(v);
    return Status::Ok();
  }

  Result<std::vector<RecordVersion>> ListRecordVersions(int64_t record_id) override {
    XY_RETURN_IF_ERROR(Open());
    auto it = state_->versions.find(record_id);
    if (it == state_->versions.end()) return std::vector<RecordVersion>();
    return it->second;
  }

  Result<int64_t> CountRecords() override {
    XY_RETURN_IF_ERROR(Open());
    return static_cast<int64_t>(state_->records.size());
  }

  bool Matches(const RecordQuery& q, const Record& r) const {
    if (q.department_id != 0 && r.department_id != q.department_id) return false;
    if (!q.item_code.empty() && r.item_code != q.item_code) return false;
    if (!q.item_codes.empty() &&
        std::find(q.item_codes.begin(), q.item_codes.end(), r.item_code) == q.item_codes.end()) {
      return false;
    }
    if (!q.status.empty() && r.status != q.status) return false;
    if (!q.decided_from.empty() && r.decision_date < q.decided_from) return false;
    if (!q.decided_to.empty() && r.decision_date > q.decided_to) return false;
    if (!q.public_on.empty()) {
      if (!PubliclyVisible(r, q.public_on)) return false;
      auto s = state_->subjects.find(r.subject_id);
      if (s == state_->subjects.end() || s->second.kind == SubjectKind::kNaturalPerson)
        return false;
    }
    return true;
  }

  std::vector<Record> AllMatching(const RecordQuery& q) const {
    std::vector<Record> out;
    for (const auto& [id, r] : state_->records) {
      if (Matches(q, r)) out.push_back(r);
    }
    if (q.public_on.empty()) {
      std::sort(out.begin(), out.end(),
                [](const Record& a, const Record& b) { return a.id > b.id; });
    } else {
      std::sort(out.begin(), out.end(), [](const Record& a, const Record& b) {
        return std::pair(a.decision_date, a.id) > std::pair(b.decision_date, b.id);
      });
    }
    return out;
  }

  Result<std::vector<Record>> FindRecords(const RecordQuery& q) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<Record> all = AllMatching(q);
    return Page(all, q.before_id, q.offset, q.limit);
  }

  Result<int64_t> CountRecordsWhere(const RecordQuery& q) override {
    XY_RETURN_IF_ERROR(Open());
    int64_t n = 0;
    for (const auto& [id, r] : state_->records) {
      n += Matches(q, r) ? 1 : 0;
      if (q.count_cap > 0 && n >= q.count_cap) break;
    }
    return n;
  }

  // The page of `sorted` (newest first) after `before_id` (keyset) or `offset`.
  template <typename T>
  static std::vector<T> Page(const std::vector<T>& sorted, int64_t before_id, int offset,
                             int limit) {
    std::vector<T> out;
    int skipped = 0;
    for (const auto& x : sorted) {
      if (before_id > 0 && x.id >= before_id) continue;
      if (skipped < offset) {
        ++skipped;
        continue;
      }
      if (static_cast<int>(out.size()) >= limit) break;
      out.push_back(x);
    }
    return out;
  }

  Result<std::vector<Batch>> FindBatches(int64_t department_id, int64_t before_id,
                                         int limit) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<Batch> out;
    for (auto it = state_->batches.rbegin(); it != state_->batches.rend(); ++it) {
      const Batch& b = it->second;
      if (department_id != 0 && b.department_id != department_id) continue;
      if (before_id > 0 && b.id >= before_id) continue;
      if (static_cast<int>(out.size()) >= limit) break;
      out.push_back(b);
    }
    return out;
  }

  Result<std::vector<IntakeStat>> IntakeStats() override {
    XY_RETURN_IF_ERROR(Open());
    std::map<int64_t, IntakeStat> by_dep;
    for (const auto& [id, b] : state_->batches) {
      IntakeStat& st = by_dep[b.department_id];
      st.department_id = b.department_id;
      st.accepted += b.accepted;
      st.unchanged += b.unchanged;
      st.rejected += b.rejected;
    }
    for (const auto& [rid, list] : state_->versions) {
      const Record& r = state_->records.at(rid);
      for (const auto& v : list) {
        if (v.late) {
          by_dep[r.department_id].department_id = r.department_id;
          ++by_dep[r.department_id].late;
        }
      }
    }
    for (const auto& j : state_->rejections) {
      const int64_t dep = state_->batches.at(j.batch_id).department_id;
      by_dep[dep].department_id = dep;
      ++by_dep[dep].rejected_by_code[j.code];
    }
    std::vector<IntakeStat> out;
    for (auto& [id, st] : by_dep) out.push_back(std::move(st));
    return out;
  }

  Result<int64_t> InsertListEntry(const ListEntry& e) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    ListEntry copy = e;
    copy.id = s->next_id++;
    s->entries[copy.id] = copy;
    return copy.id;
  }

  Status UpdateListEntry(const ListEntry& e) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    auto it = s->entries.find(e.id);
    if (it == s->entries.end())
      return NotFound("list entry " + std::to_string(e.id) + " does not exist");
    ListEntry updated = e;
    updated.subject_id = it->second.subject_id;
    updated.list_kind = it->second.list_kind;
    updated.domain = it->second.domain;
    updated.department_id = it->second.department_id;
    updated.basis = it->second.basis;
    updated.facts = it->second.facts;
    updated.created_at = it->second.created_at;
    it->second = updated;
    return Status::Ok();
  }

  Result<std::optional<ListEntry>> GetListEntry(int64_t id) override {
    return Lookup(state_->entries, id);
  }

  static bool Matches(const EntryQuery& q, const ListEntry& e) {
    if (q.department_id != 0 && e.department_id != q.department_id) return false;
    if (!q.list_kind.empty() && e.list_kind != q.list_kind) return false;
    if (!q.status.empty() && e.status != q.status) return false;
    if (!q.domain.empty() && e.domain != q.domain) return false;
    if (!q.public_on.empty() && !PubliclyListed(e, q.public_on)) return false;
    return true;
  }

  Result<std::vector<ListEntry>> FindListEntries(const EntryQuery& q) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<ListEntry> all;
    for (const auto& [id, e] : state_->entries) {
      if (Matches(q, e)) all.push_back(e);
    }
    if (q.public_on.empty()) {
      std::sort(all.begin(), all.end(),
                [](const ListEntry& a, const ListEntry& b) { return a.id > b.id; });
    } else {
      std::sort(all.begin(), all.end(), [](const ListEntry& a, const ListEntry& b) {
        return std::pair(a.valid_from, a.id) > std::pair(b.valid_from, b.id);
      });
    }
    return Page(all, q.before_id, q.offset, q.limit);
  }

  Result<int64_t> CountListEntries(const EntryQuery& q) override {
    XY_RETURN_IF_ERROR(Open());
    int64_t n = 0;
    for (const auto& [id, e] : state_->entries) {
      n += Matches(q, e) ? 1 : 0;
      if (q.count_cap > 0 && n >= q.count_cap) break;
    }
    return n;
  }

  Result<std::vector<ListMonthCount>> ListMonthCounts() override {
    XY_RETURN_IF_ERROR(Open());
    std::map<std::pair<std::string, std::string>, ListMonthCount> by;
    for (const auto& [id, e] : state_->entries) {
      if ((e.status == "decided" || e.status == "exited") && e.valid_from.size() >= 7) {
        auto& c = by[{e.valid_from.substr(0, 7), e.list_kind}];
        c.decided += 1;
      }
      if (e.status == "exited" && e.exited_at.size() >= 7) {
        auto& c = by[{e.exited_at.substr(0, 7), e.list_kind}];
        c.exited += 1;
      }
    }
    std::vector<ListMonthCount> out;
    for (auto& [key, c] : by) {
      c.month = key.first;
      c.list_kind = key.second;
      out.push_back(c);
    }
    return out;
  }

  Result<std::vector<ListEntry>> ListEntriesOfSubject(int64_t subject_id) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<ListEntry> out;
    for (const auto& [id, e] : state_->entries) {
      if (e.subject_id == subject_id) out.push_back(e);
    }
    return out;
  }

  Status InsertResponsiblePerson(const ResponsiblePerson& p) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    for (const auto& x : s->persons) {
      if (x.entry_id == p.entry_id && x.person_subject_id == p.person_subject_id &&
          x.role == p.role) {
        return Status::Ok();
      }
    }
    s->persons.push_back(p);
    return Status::Ok();
  }

  Result<std::vector<ResponsiblePerson>> ResponsiblePersonsOfEntry(int64_t entry_id) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<ResponsiblePerson> out;
    for (const auto& x : state_->persons) {
      if (x.entry_id == entry_id) out.push_back(x);
    }
    return out;
  }

  Result<std::vector<ResponsiblePerson>> EntriesBindingPerson(int64_t person) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<ResponsiblePerson> out;
    for (const auto& x : state_->persons) {
      if (x.person_subject_id == person) out.push_back(x);
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.entry_id < b.entry_id; });
    return out;
  }

  Result<int64_t> InsertCheck(const CheckRecord& c) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    CheckRecord copy = c;
    copy.id = s->next_id++;
    s->checks[copy.id] = copy;
    return copy.id;
  }

  Result<std::vector<int64_t>> InsertChecks(const std::vector<CheckRecord>& checks) override {
    std::vector<int64_t> ids;
    ids.reserve(checks.size());
    for (const auto& c : checks) {
      XY_ASSIGN_OR_RETURN(int64_t id, InsertCheck(c));
      ids.push_back(id);
    }
    return ids;
  }

  Result<std::optional<CheckRecord>> GetCheck(int64_t id) override {
    return Lookup(state_->checks, id);
  }

  Result<std::vector<CheckRecord>> ListChecks(int64_t department_id, int64_t before,
                                              int limit) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<CheckRecord> out;
    for (auto it = state_->checks.rbegin(); it != state_->checks.rend(); ++it) {
      if (static_cast<int>(out.size()) >= limit) break;
      if (before > 0 && it->first >= before) continue;
      if (department_id != 0 && it->second.department_id != department_id) continue;
      out.push_back(it->second);
    }
    return out;
  }

  Result<std::vector<CheckFeedback>> FeedbackOfCheck(int64_t check_id) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<CheckFeedback> out;
    for (const auto& [key, f] : state_->feedback) {
      if (key.first == check_id) out.push_back(f);
    }
    return out;
  }

  Status InsertCheckFeedback(const CheckFeedback& f) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    if (!s->feedback.emplace(std::pair(f.check_id, f.measure_code), f).second) {
      return Conflict("feedback on measure " + f.measure_code + " of check " +
                      std::to_string(f.check_id) + " was given already");
    }
    return Status::Ok();
  }

  Result<std::vector<CheckStat>> CheckStats() override {
    XY_RETURN_IF_ERROR(Open());
    std::map<std::pair<int64_t, std::string>, CheckStat> by;
    for (const auto& [id, c] : state_->checks) {
      CheckStat& st = by[{c.department_id, c.scenario}];
      st.department_id = c.department_id;
      st.scenario = c.scenario;
      ++st.checks;
      st.measures += c.measures;
    }
    for (const auto& [key, f] : state_->feedback) {
      const CheckRecord& c = state_->checks.at(f.check_id);
      CheckStat& st = by[{c.department_id, c.scenario}];
      ++st.feedback;
      st.applied += f.applied ? 1 : 0;
    }
    std::vector<CheckStat> out;
    for (auto& [key, st] : by) out.push_back(std::move(st));
    return out;
  }

  Result<int64_t> InsertSubscription(const Subscription& sub) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    Subscription copy = sub;
    copy.id = s->next_id++;
    s->subscriptions[copy.id] = copy;
    return copy.id;
  }

  Status UpdateSubscription(const Subscription& sub) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    auto it = s->subscriptions.find(sub.id);
    if (it == s->subscriptions.end()) {
      return NotFound("subscription " + std::to_string(sub.id) + " does not exist");
    }
    Subscription updated = sub;
    updated.department_id = it->second.department_id;
    updated.scope = it->second.scope;
    updated.region = it->second.region;
    updated.created_at = it->second.created_at;
    it->second = updated;
    return Status::Ok();
  }

  Result<std::optional<Subscription>> GetSubscription(int64_t id) override {
    return Lookup(state_->subscriptions, id);
  }

  Result<std::vector<Subscription>> ListSubscriptions() override {
    XY_RETURN_IF_ERROR(Open());
    return Values(state_->subscriptions);
  }

  Status WatchSubject(int64_t subscription_id, int64_t subject_id, bool watch) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    if (watch) {
      s->watched.emplace(subscription_id, subject_id);
    } else {
      s->watched.erase({subscription_id, subject_id});
    }
    return Status::Ok();
  }

  Result<std::vector<int64_t>> WatchedSubjects(int64_t subscription_id) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<int64_t> out;
    for (auto it = state_->watched.lower_bound({subscription_id, 0});
         it != state_->watched.end() && it->first == subscription_id; ++it) {
      out.push_back(it->second);
    }
    return out;
  }

  Result<int64_t> InsertNotice(const Notice& n) override { return Insert(&State::notices, n); }

  Result<int64_t> InsertAnnouncement(const Announcement& a) override {
    return Insert(&State::announcements, a);
  }

  Status UpdateAnnouncement(const Announcement& a) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    auto it = s->announcements.find(a.id);
    if (it == s->announcements.end())
      return NotFound("announcement " + std::to_string(a.id) + " does not exist");
    it->second.withdrawn_at = a.withdrawn_at;
    it->second.withdraw_reason = a.withdraw_reason;
    return Status::Ok();
  }

  Result<std::optional<Announcement>> GetAnnouncement(int64_t id) override {
    return Lookup(state_->announcements, id);
  }

  Result<std::vector<Announcement>> ListAnnouncements(bool with_withdrawn, int limit) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<Announcement> out;
    for (auto it = state_->announcements.rbegin();
         it != state_->announcements.rend() && static_cast<int>(out.size()) < limit; ++it) {
      if (with_withdrawn || it->second.withdrawn_at.empty()) out.push_back(it->second);
    }
    return out;
  }

  Status PutProvisionalDeadline(const ProvisionalDeadline& d) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    s->deadlines[{d.target, d.field}] = d;
    return Status::Ok();
  }

  Result<std::vector<ProvisionalDeadline>> ListProvisionalDeadlines() override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<ProvisionalDeadline> out;
    for (const auto& [key, d] : state_->deadlines) out.push_back(d);
    return out;
  }

  Result<int64_t> InsertBasisConfirmation(const BasisConfirmation& c) override {
    return Insert(&State::basis_confirmations, c);
  }

  Result<std::vector<BasisConfirmation>> ListBasisConfirmations(int64_t after_id) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<BasisConfirmation> out;
    for (auto it = state_->basis_confirmations.upper_bound(after_id);
         it != state_->basis_confirmations.end(); ++it) {
      out.push_back(it->second);
    }
    return out;
  }

  Result<int64_t> InsertMessage(const OutboundMessage& m) override {
    return Insert(&State::messages, m);
  }

  Result<std::vector<OutboundMessage>> DueMessages(std::string_view now, int limit) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<OutboundMessage> out;
    for (const auto& [id, m] : state_->messages) {
      if (static_cast<int>(out.size()) >= limit) break;
      if (m.sent_at.empty() && m.next_at <= now) out.push_back(m);
    }
    return out;
  }

  Status UpdateMessage(const OutboundMessage& m) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    auto it = s->messages.find(m.id);
    if (it == s->messages.end()) return NotFound("message " + std::to_string(m.id) + " does not exist");
    it->second.attempts = m.attempts;
    it->second.next_at = m.next_at;
    it->second.sent_at = m.sent_at;
    it->second.last_error = m.last_error;
    return Status::Ok();
  }

  Status DeleteProvisionalDeadline(std::string_view target, std::string_view field) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    s->deadlines.erase({std::string(target), std::string(field)});
    return Status::Ok();
  }

  Status UpdateNotice(const Notice& n) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    auto it = s->notices.find(n.id);
    if (it == s->notices.end())
      return NotFound("notice " + std::to_string(n.id) + " does not exist");
    it->second.read_at = n.read_at;
    return Status::Ok();
  }

  Result<std::optional<Notice>> GetNotice(int64_t id) override {
    return Lookup(state_->notices, id);
  }

  Result<std::vector<Notice>> NoticesOfDepartment(int64_t department_id, bool unread_only,
                                                  int limit) override {
    XY_ASSIGN_OR_RETURN(auto all, Where(state_->notices, [&](const Notice& n) {
                          return n.department_id == department_id &&
                                 (!unread_only || n.read_at.empty());
                        }));
    std::reverse(all.begin(), all.end());
    if (all.size() > static_cast<size_t>(limit)) all.resize(static_cast<size_t>(limit));
    return all;
  }

  Result<std::vector<CheckRecord>> ChecksOfSubject(int64_t subject_id, std::string_view since,
                                                   int limit) override {
    XY_ASSIGN_OR_RETURN(auto all, Where(state_->checks, [&](const CheckRecord& c) {
                          return c.subject_id == subject_id && c.at >= since;
                        }));
    std::reverse(all.begin(), all.end());
    if (all.size() > static_cast<size_t>(limit)) all.resize(static_cast<size_t>(limit));
    return all;
  }

  Result<std::vector<Record>> RecordsPastDisplay(std::string_view today, int limit) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<Record> out;
    for (const auto& [id, r] : state_->records) {
      if (r.status == "active" && r.display.published && !r.display.until.empty() &&
          r.display.until < today && r.display_ended_at.empty()) {
        out.push_back(r);
      }
    }
    std::stable_sort(out.begin(), out.end(), [](const Record& a, const Record& b) {
      return a.display.until < b.display.until;
    });
    if (out.size() > static_cast<size_t>(limit)) out.resize(static_cast<size_t>(limit));
    return out;
  }

  Result<std::vector<ListEntry>> EntriesPastValidity(std::string_view today, int limit) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<ListEntry> out;
    for (const auto& [id, e] : state_->entries) {
      if (e.status == "decided" && !e.valid_until.empty() && e.valid_until < today)
        out.push_back(e);
    }
    std::stable_sort(out.begin(), out.end(), [](const ListEntry& a, const ListEntry& b) {
      return a.valid_until < b.valid_until;
    });
    if (out.size() > static_cast<size_t>(limit)) out.resize(static_cast<size_t>(limit));
    return out;
  }

  Result<std::vector<ListEntry>> EntriesWithoutEnd(int limit) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<ListEntry> out;
    for (const auto& [id, e] : state_->entries) {
      if (out.size() >= static_cast<size_t>(limit)) break;
      if (e.status == "decided" && e.valid_until.empty()) out.push_back(e);
    }
    return out;
  }

  TipTables& Tips() override { return *this; }
  CommitmentTables& Commitments() override { return *this; }
  ReportTables& Reports() override { return *this; }
  EvaluationTables& Evaluations() override { return *this; }
  TypicalCaseTables& TypicalCases() override { return *this; }
  MonitoringTables& Monitoring() override { return *this; }

  // As the SQL store's rules, by walking the state.
  Result<std::vector<WarningHit>> Warnings(const MonthRange& m, const WarningRules& w,
                                           int limit) override {
    XY_RETURN_IF_ERROR(Open());
    const auto months = [](const std::string& d) {
      return (std::stoi(d.substr(0, 4)) * 12 + std::stoi(d.substr(5, 2))) * 100 +
             std::stoi(d.substr(8, 2));
    };
    std::vector<WarningHit> repeat, watched;
    for (const auto& [record_id, versions] : state_->versions) {
      if (versions.empty() || versions.front().version != 1) continue;
      const RecordVersion& v = versions.front();
      if (!(v.received_at >= m.from && v.received_at < m.to)) continue;
      const Record& r = state_->records.at(record_id);
      if (r.status != "active" || r.decision_date.size() < 10) continue;
      int64_t earlier = 0, entry = 0;
      for (const auto& [id, o] : state_->records) {
        if (id == r.id || o.subject_id != r.subject_id || o.item_code != r.item_code ||
            o.status != "active" || o.decision_date > r.decision_date ||
            o.decision_date.size() < 10) {
          continue;
        }
        if (months(o.decision_date) > months(r.decision_date) - w.repeat_months * 100) earlier = id;
      }
      if (r.item_code == w.repeat_item && earlier != 0) {
        repeat.push_back({"repeat_penalty", r.subject_id, r.id, earlier});
      }
      if (r.nature == Nature::kMinor || r.nature == Nature::kSerious) {
        for (const auto& [id, e] : state_->entries) {
          if (e.subject_id == r.subject_id && e.list_kind == "key_attention" &&
              e.status == "decided" && e.valid_from <= w.today &&
              (e.valid_until.empty() || e.valid_until >= w.today)) {
            entry = id;
          }
        }
        if (entry != 0) watched.push_back({"key_attention_record", r.subject_id, r.id, entry});
      }
    }
    if (repeat.size() > static_cast<size_t>(limit)) repeat.resize(static_cast<size_t>(limit));
    if (watched.size() > static_cast<size_t>(limit)) watched.resize(static_cast<size_t>(limit));
    repeat.insert(repeat.end(), watched.begin(), watched.end());
    return repeat;
  }

  // As the SQL store's aggregates, by walking the state.
  Result<MonthFigures> Month(const MonthRange& m) override {
    XY_RETURN_IF_ERROR(Open());
    const auto in = [&](const std::string& at) { return at >= m.from && at < m.to; };
    std::map<int64_t, DepartmentMonth> by;
    const auto dep = [&](int64_t id) -> DepartmentMonth& {
      by[id].department_id = id;
      return by[id];
    };
    std::set<int64_t> batches;
    for (const auto& [id, b] : state_->batches) {
      if (!in(b.received_at)) continue;
      batches.insert(id);
      DepartmentMonth& d = dep(b.department_id);
      d.rows_accepted += b.accepted;
      d.rows_unchanged += b.unchanged;
      d.rows_rejected += b.rejected;
      d.rows_received += b.accepted + b.unchanged + b.rejected;
    }
    for (const auto& j : state_->rejections) {
      if (batches.count(j.batch_id)) {
        ++dep(state_->batches.at(j.batch_id).department_id).rejected_by_code[j.code];
      }
    }
    for (const auto& [record_id, versions] : state_->versions) {
      const Record& r = state_->records.at(record_id);
      for (const auto& v : versions) {
        if (!in(v.received_at)) continue;
        DepartmentMonth& d = dep(r.department_id);
        if (v.late) ++d.versions_late;
        if (r.item_code == "CF" || r.item_code == "XK") {
          ++d.shuanggongshi;
          const Subject& s = state_->subjects.at(r.subject_id);
          if (std::any_of(s.identifiers.begin(), s.identifiers.end(),
                          [](const StoredIdentifier& i) { return i.kind == IdKind::kUscc; })) {
            ++d.shuanggongshi_with_uscc;
          }
        }
      }
    }
    for (const auto& [id, c] : state_->checks) {
      if (!in(c.at)) continue;
      DepartmentMonth& d = dep(c.department_id);
      ++d.checks;
      ++d.checks_by_scenario[c.scenario];
      bool any_feedback = false;
      for (auto it = state_->feedback.lower_bound({id, ""});
           it != state_->feedback.end() && it->first.first == id; ++it) {
        any_feedback = true;
        if (it->second.applied) ++d.measures_applied;
      }
      if (c.measures > 0) {
        ++d.checks_with_measures;
        if (any_feedback) ++d.checks_with_feedback;
        if (!any_feedback && c.at < m.feedback_cutoff) ++d.feedback_overdue;
      }
    }
    for (const auto& [id, c] : state_->commitments) {
      if (in(c.created_at)) ++dep(c.department_id).commitments_signed;
      if ((c.status == "fulfilled" || c.status == "breached") && in(c.updated_at)) {
        DepartmentMonth& d = dep(c.department_id);
        ++(c.status == "fulfilled" ? d.commitments_fulfilled : d.commitments_breached);
      }
    }
    MonthFigures out;
    for (auto& [id, d] : by) out.departments.push_back(std::move(d));
    for (const auto& [id, o] : state_->objections) {
      if (in(o.closed_at)) out.cases.push_back({o.department_id, "objection", o.close_due, o.closed_at});
      if (in(o.submitted_at)) ++out.objections_filed;
    }
    for (const auto& [id, t] : state_->tips) {
      if ((t.answer == "filed" || t.answer == "declined") && in(t.answered_at)) {
        out.cases.push_back({t.department_id, "tip", t.answer_due, t.answered_at});
      }
      if (in(t.submitted_at)) ++out.tips_filed;
    }
    return out;
  }

  Result<int64_t> InsertCase(const TypicalCase& c) override {
    return Insert(&State::typical_cases, c);
  }

  Status UpdateCase(const TypicalCase& c) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    auto it = s->typical_cases.find(c.id);
    if (it == s->typical_cases.end()) {
      return NotFound("typical case " + std::to_string(c.id) + " does not exist");
    }
    TypicalCase updated = c;
    updated.author = it->second.author;
    updated.created_at = it->second.created_at;
    it->second = updated;
    return Status::Ok();
  }

  Result<std::optional<TypicalCase>> GetCase(int64_t id) override {
    return Lookup(state_->typical_cases, id);
  }

  Result<std::vector<TypicalCase>> FindCases(const CaseQuery& q) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<TypicalCase> out;
    int skipped = 0;
    for (auto it = state_->typical_cases.rbegin(); it != state_->typical_cases.rend(); ++it) {
      const TypicalCase& c = it->second;
      if (q.before_id > 0 && c.id >= q.before_id) continue;
      if (!q.status.empty() && c.status != q.status) continue;
      if (!q.kind.empty() && c.kind != q.kind) continue;
      if (skipped < q.offset) {
        ++skipped;
        continue;
      }
      if (static_cast<int>(out.size()) >= q.limit) break;
      out.push_back(c);
    }
    return out;
  }

  Status PutCaseLinks(int64_t case_id, const std::vector<CaseLink>& links) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    std::vector<CaseLink> sorted = links;
    for (auto& l : sorted) l.case_id = case_id;
    std::sort(sorted.begin(), sorted.end(), [](const CaseLink& a, const CaseLink& b) {
      return std::tie(a.target_kind, a.target_id) < std::tie(b.target_kind, b.target_id);
    });
    s->case_links[case_id] = sorted;
    return Status::Ok();
  }

  Result<std::vector<CaseLink>> CaseLinks(const std::vector<int64_t>& case_ids) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<CaseLink> out;
    for (int64_t id : std::set<int64_t>(case_ids.begin(), case_ids.end())) {
      auto it = state_->case_links.find(id);
      if (it != state_->case_links.end()) out.insert(out.end(), it->second.begin(), it->second.end());
    }
    return out;
  }

  Result<int64_t> InsertReport(const CreditReport& r) override {
    XY_ASSIGN_OR_RETURN(auto taken, FindReport(r.number));
    if (taken) return Conflict("report number " + r.number + " is taken");
    return Insert(&State::reports, r);
  }

  Result<std::optional<CreditReport>> FindReport(const std::string& number) override {
    XY_RETURN_IF_ERROR(Open());
    for (const auto& [id, r] : state_->reports) {
      if (r.number == number) return std::optional<CreditReport>(r);
    }
    return std::optional<CreditReport>();
  }

  Result<std::vector<CreditReport>> ReportsOfSubject(int64_t subject_id, int64_t before_id,
                                                     int limit) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<CreditReport> out;
    for (auto it = state_->reports.rbegin(); it != state_->reports.rend(); ++it) {
      if (static_cast<int>(out.size()) >= limit) break;
      if (it->second.subject_id != subject_id || (before_id > 0 && it->first >= before_id)) continue;
      out.push_back(it->second);
    }
    return out;
  }

  Result<std::string> LastReportNumber(const std::string& prefix) override {
    XY_RETURN_IF_ERROR(Open());
    std::string last;
    for (const auto& [id, r] : state_->reports) {
      if (r.number.compare(0, prefix.size(), prefix) == 0 && r.number > last) last = r.number;
    }
    return last;
  }

  Result<std::optional<Evaluation>> GetEvaluation(int64_t subject_id) override {
    XY_RETURN_IF_ERROR(Open());
    auto it = state_->evaluations.find(subject_id);
    if (it == state_->evaluations.end()) return std::optional<Evaluation>();
    return std::optional<Evaluation>(it->second);
  }

  Status PutEvaluation(const Evaluation& e) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    s->evaluations[e.subject_id] = e;
    return Status::Ok();
  }

  Status AddEvaluationChange(const EvaluationChange& c) override {
    return Insert(&State::evaluation_history, c).status();
  }

  Result<std::vector<EvaluationChange>> EvaluationHistory(int64_t subject_id, int64_t before_id,
                                                          int limit) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<EvaluationChange> out;
    const auto& h = state_->evaluation_history;
    for (auto it = h.rbegin(); it != h.rend() && static_cast<int>(out.size()) < limit; ++it) {
      if (it->second.subject_id != subject_id || (before_id > 0 && it->first >= before_id)) continue;
      out.push_back(it->second);
    }
    return out;
  }

  Result<std::vector<int64_t>> EvaluationsDue(const std::string& today, int limit) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<std::pair<std::string, int64_t>> due;  // (day, subject)
    for (const auto& [id, e] : state_->evaluations) {
      if (!e.recompute_on.empty() && e.recompute_on <= today) due.emplace_back(e.recompute_on, id);
    }
    std::sort(due.begin(), due.end());
    std::vector<int64_t> out;
    for (size_t i = 0; i < due.size() && static_cast<int>(i) < limit; ++i) {
      out.push_back(due[i].second);
    }
    return out;
  }

  Result<std::vector<int64_t>> SubjectsWithFacts(int64_t after_id, int limit) override {
    XY_RETURN_IF_ERROR(Open());
    std::set<int64_t> with;
    for (const auto& [id, r] : state_->records) with.insert(r.subject_id);
    for (const auto& [id, e] : state_->entries) with.insert(e.subject_id);
    for (const auto& [id, c] : state_->commitments) with.insert(c.subject_id);
    for (const auto& [id, e] : state_->evaluations) with.insert(id);
    std::vector<int64_t> out;
    for (auto it = with.upper_bound(after_id);
         it != with.end() && static_cast<int>(out.size()) < limit; ++it) {
      auto s = state_->subjects.find(*it);
      if (s != state_->subjects.end() && s->second.kind != SubjectKind::kNaturalPerson) {
        out.push_back(*it);
      }
    }
    return out;
  }

  Result<EvaluationCursor> GetEvaluationCursor() override {
    XY_RETURN_IF_ERROR(Open());
    return state_->evaluation_cursor;
  }

  Status SetEvaluationCursor(const EvaluationCursor& c) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    s->evaluation_cursor = c;
    return Status::Ok();
  }

  Result<std::vector<std::pair<int64_t, std::string>>> SamplePopulation(
      int64_t department_id) override {
    XY_RETURN_IF_ERROR(Open());
    std::set<int64_t> of_department;
    for (const auto& [id, r] : state_->records) {
      if (r.department_id == department_id && r.status == "active") {
        of_department.insert(r.subject_id);
      }
    }
    std::vector<std::pair<int64_t, std::string>> out;
    for (const auto& [id, s] : state_->subjects) {
      if (s.kind == SubjectKind::kNaturalPerson) continue;
      if (department_id != 0 && !of_department.count(id)) continue;
      auto e = state_->evaluations.find(id);
      out.emplace_back(id, e == state_->evaluations.end() ? "" : e->second.grade);
    }
    return out;
  }

  Result<int64_t> InsertCommitment(const Commitment& c) override {
    XY_ASSIGN_OR_RETURN(auto taken, FindCommitmentByCode(c.code));
    if (taken) return Conflict("commitment code " + c.code + " is taken");
    return Insert(&State::commitments, c);
  }

  Status UpdateCommitment(const Commitment& c) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    auto it = s->commitments.find(c.id);
    if (it == s->commitments.end()) {
      return NotFound("commitment " + std::to_string(c.id) + " does not exist");
    }
    Commitment& kept = it->second;
    kept.due_flagged_at = c.due_flagged_at;
    kept.status = c.status;
    kept.performance = c.performance;
    kept.unperformed = c.unperformed;
    kept.liability_pursued = c.liability_pursued;
    kept.basis = c.basis;
    kept.outcome_note = c.outcome_note;
    kept.decided_on = c.decided_on;
    kept.decided_by = c.decided_by;
    kept.record_id = c.record_id;
    kept.updated_at = c.updated_at;
    return Status::Ok();
  }

  Result<std::optional<Commitment>> GetCommitment(int64_t id) override {
    return Lookup(state_->commitments, id);
  }

  Result<std::optional<Commitment>> FindCommitmentByCode(const std::string& code) override {
    return FirstCommitment([&](const Commitment& c) { return c.code == code; });
  }

  Result<std::optional<Commitment>> FindCommitmentBySource(int64_t department_id,
                                                           const std::string& source_id) override {
    return FirstCommitment([&](const Commitment& c) {
      return c.department_id == department_id && c.source_id == source_id;
    });
  }

  Result<std::vector<Commitment>> FindCommitments(const CommitmentQuery& q) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<Commitment> out;
    for (auto it = state_->commitments.rbegin(); it != state_->commitments.rend(); ++it) {
      const Commitment& c = it->second;
      if (q.before_id > 0 && c.id >= q.before_id) continue;
      if (q.subject_id != 0 && c.subject_id != q.subject_id) continue;
      if (q.department_id != 0 && c.department_id != q.department_id) continue;
      if (!q.status.empty() && c.status != q.status) continue;
      if (!q.kind.empty() && c.kind != q.kind) continue;
      if (!q.publicity.empty() && c.publicity != q.publicity) continue;
      if (!q.material_due_before.empty() &&
          (c.status != "in_force" || c.material_due.empty() || !c.due_flagged_at.empty() ||
           c.material_due >= q.material_due_before)) {
        continue;
      }
      if (static_cast<int>(out.size()) >= q.limit) break;
      out.push_back(c);
    }
    return out;
  }

  Result<std::string> LastCommitmentCode(const std::string& prefix) override {
    XY_RETURN_IF_ERROR(Open());
    std::string last;
    for (const auto& [id, c] : state_->commitments) {
      if (c.code.size() == prefix.size() + 6 && c.code.compare(0, prefix.size(), prefix) == 0 &&
          c.code > last) {
        last = c.code;
      }
    }
    return last;
  }

  Status InsertCommitmentScan(const CommitmentScan& scan) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    if (!s->commitments.count(scan.commitment_id)) {
      return NotFound("commitment " + std::to_string(scan.commitment_id) + " does not exist");
    }
    if (!s->commitment_scans.emplace(scan.commitment_id, scan).second) {
      return Conflict("commitment " + std::to_string(scan.commitment_id) + " has a scan");
    }
    return Status::Ok();
  }

  Result<std::optional<CommitmentScan>> GetCommitmentScan(int64_t commitment_id) override {
    XY_RETURN_IF_ERROR(Open());
    auto it = state_->commitment_scans.find(commitment_id);
    if (it == state_->commitment_scans.end()) return std::optional<CommitmentScan>();
    return std::optional<CommitmentScan>(it->second);
  }

  template <typename P>
  Result<std::optional<Commitment>> FirstCommitment(P match) {
    XY_RETURN_IF_ERROR(Open());
    for (const auto& [id, c] : state_->commitments) {
      if (match(c)) return std::optional<Commitment>(c);
    }
    return std::optional<Commitment>();
  }

  Result<int64_t> InsertTip(const Tip& t) override { return Insert(&State::tips, t); }

  Status UpdateTip(const Tip& t) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    auto it = s->tips.find(t.id);
    if (it == s->tips.end()) return NotFound("tip " + std::to_string(t.id) + " does not exist");
    Tip updated = t;
    const Tip& old = it->second;
    updated.subject_sealed = old.subject_sealed;
    updated.facts_sealed = old.facts_sealed;
    updated.facts_sha256 = old.facts_sha256;
    updated.contact_sealed = old.contact_sealed;
    updated.attachments = old.attachments;
    updated.submitted_at = old.submitted_at;
    it->second = updated;
    return Status::Ok();
  }

  Result<std::optional<Tip>> GetTip(int64_t id) override { return Lookup(state_->tips, id); }

  Result<std::vector<Tip>> FindTips(const TipQuery& q) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<Tip> out;
    for (auto it = state_->tips.rbegin(); it != state_->tips.rend(); ++it) {
      const Tip& t = it->second;
      if (q.before_id > 0 && t.id >= q.before_id) continue;
      if (q.department_id != 0 && t.department_id != q.department_id) continue;
      if (!q.status.empty() && t.status != q.status) continue;
      if (q.subject_id != 0 && t.subject_id != q.subject_id) continue;
      if (static_cast<int>(out.size()) >= q.limit) break;
      out.push_back(t);
    }
    return out;
  }

  Status InsertTipAttachments(const std::vector<TipAttachment>& files) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    for (const auto& f : files) {
      if (!s->tips.count(f.tip_id)) {
        return NotFound("tip " + std::to_string(f.tip_id) + " does not exist");
      }
      if (!s->tip_attachments.emplace(std::pair{f.tip_id, f.n}, f).second) {
        return Conflict("tip attachment " + std::to_string(f.tip_id) + "/" +
                        std::to_string(f.n) + " exists already");
      }
    }
    return Status::Ok();
  }

  Result<std::vector<TipAttachment>> TipAttachmentHeads(int64_t tip_id) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<TipAttachment> out;
    for (auto it = state_->tip_attachments.lower_bound({tip_id, 0});
         it != state_->tip_attachments.end() && it->first.first == tip_id; ++it) {
      out.push_back(it->second);
      out.back().content_sealed.clear();
    }
    return out;
  }

  Result<std::optional<TipAttachment>> GetTipAttachment(int64_t tip_id, int n) override {
    XY_RETURN_IF_ERROR(Open());
    auto it = state_->tip_attachments.find({tip_id, n});
    if (it == state_->tip_attachments.end()) return std::optional<TipAttachment>();
    return std::optional<TipAttachment>(it->second);
  }

  Result<int64_t> InsertObjection(const Objection& o) override {
    return Insert(&State::objections, o);
  }

  Status UpdateObjection(const Objection& o) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    auto it = s->objections.find(o.id);
    if (it == s->objections.end())
      return NotFound("objection " + std::to_string(o.id) + " does not exist");
    Objection updated = o;
    const Objection& old = it->second;
    updated.target_kind = old.target_kind;
    updated.target_id = old.target_id;
    updated.subject_id = old.subject_id;
    updated.department_id = old.department_id;
    updated.filer_kind = old.filer_kind;
    updated.filer_name = old.filer_name;
    updated.filer_contact = old.filer_contact;
    updated.reasons = old.reasons;
    updated.attachments = old.attachments;
    updated.submitted_at = old.submitted_at;
    it->second = updated;
    return Status::Ok();
  }

  Result<std::optional<Objection>> GetObjection(int64_t id) override {
    return Lookup(state_->objections, id);
  }

  Result<std::vector<Objection>> ListObjections(std::string_view status) override {
    return Where(state_->objections,
                 [&](const Objection& o) { return status.empty() || o.status == status; });
  }

  Result<std::vector<Objection>> ObjectionsOfTarget(std::string_view kind, int64_t id) override {
    return Where(state_->objections,
                 [&](const Objection& o) { return o.target_kind == kind && o.target_id == id; });
  }

  Result<CaseStep> AppendCaseStep(const CaseStep& step) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    auto& v = s->steps[{step.case_kind, step.case_id}];
    CaseStep x = step;
    x.seq = static_cast<int64_t>(v.size()) + 1;
    v.push_back(x);
    return x;
  }

  Result<std::vector<CaseStep>> ListCaseSteps(std::string_view kind, int64_t id) override {
    XY_RETURN_IF_ERROR(Open());
    auto it = state_->steps.find({std::string(kind), id});
    if (it == state_->steps.end()) return std::vector<CaseStep>();
    return it->second;
  }

  Result<int64_t> InsertRepair(const Repair& r) override { return Insert(&State::repairs, r); }

  Status UpdateRepair(const Repair& r) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    auto it = s->repairs.find(r.id);
    if (it == s->repairs.end())
      return NotFound("repair " + std::to_string(r.id) + " does not exist");
    Repair updated = it->second;
    updated.status = r.status;
    updated.conditions = r.conditions;
    updated.review_due = r.review_due;
    updated.decided_at = r.decided_at;
    updated.decision_note = r.decision_note;
    updated.restore_until = r.restore_until;
    updated.revoked_at = r.revoked_at;
    updated.updated_at = r.updated_at;
    updated.token_hash = r.token_hash;
    it->second = updated;
    return Status::Ok();
  }

  Result<std::optional<Repair>> GetRepair(int64_t id) override {
    return Lookup(state_->repairs, id);
  }

  Result<std::vector<Repair>> ListRepairs(std::string_view status) override {
    return Where(state_->repairs,
                 [&](const Repair& r) { return status.empty() || r.status == status; });
  }

  Result<std::vector<Repair>> RepairsOfSubject(int64_t subject_id) override {
    return Where(state_->repairs, [&](const Repair& r) { return r.subject_id == subject_id; });
  }

  Result<int64_t> InsertAuthorisation(const Authorisation& a) override {
    return Insert(&State::authorisations, a);
  }

  Status UpdateAuthorisation(const Authorisation& a) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    auto it = s->authorisations.find(a.id);
    if (it == s->authorisations.end()) {
      return NotFound("authorisation " + std::to_string(a.id) + " does not exist");
    }
    it->second.withdrawn_at = a.withdrawn_at;
    return Status::Ok();
  }

  Result<std::optional<Authorisation>> GetAuthorisation(int64_t id) override {
    return Lookup(state_->authorisations, id);
  }

  Result<std::vector<Authorisation>> AuthorisationsOfSubject(int64_t subject_id) override {
    return Where(state_->authorisations,
                 [&](const Authorisation& a) { return a.subject_id == subject_id; });
  }

  Result<int64_t> InsertQueryLog(const QueryLogEntry& q) override {
    return Insert(&State::query_log, q);
  }

  Result<std::vector<QueryLogEntry>> QueryLogOfSubject(int64_t subject_id, int limit) override {
    XY_ASSIGN_OR_RETURN(auto all, Where(state_->query_log, [&](const QueryLogEntry& q) {
                          return q.subject_id == subject_id;
                        }));
    std::reverse(all.begin(), all.end());
    if (all.size() > static_cast<size_t>(limit)) all.resize(static_cast<size_t>(limit));
    return all;
  }

  Result<Event> AppendEvent(const EventDraft& draft, std::string_view at) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    Event e = SealEvent(draft, s->head, std::string(at));
    s->events.push_back(e);
    s->head = {e.seq, e.hash};
    return e;
  }

  Status AppendEvents(const std::vector<EventDraft>& drafts, std::string_view at) override {
    return AppendEvents(drafts, std::vector<std::string>(drafts.size(), std::string(at)));
  }

  Status AppendEvents(const std::vector<EventDraft>& drafts,
                      const std::vector<std::string>& ats) override {
    if (drafts.size() != ats.size()) {
      return InvalidArgument("AppendEvents: " + std::to_string(drafts.size()) + " drafts, " +
                             std::to_string(ats.size()) + " timestamps");
    }
    for (size_t i = 0; i < drafts.size(); ++i) {
      XY_RETURN_IF_ERROR(AppendEvent(drafts[i], ats[i]).status());
    }
    return Status::Ok();
  }

  Result<EventHead> GetEventHead() override {
    XY_RETURN_IF_ERROR(Open());
    return state_->head;
  }

  Result<std::vector<Event>> ReadEvents(int64_t after_seq, int limit) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<Event> out;
    const auto& ev = state_->events;
    // Sequences start at 1 and have no gaps, so event n sits at index n-1.
    for (size_t i = static_cast<size_t>(std::max<int64_t>(after_seq, 0));
         i < ev.size() && static_cast<int>(out.size()) < limit; ++i) {
      out.push_back(ev[i]);
    }
    return out;
  }

  Result<std::vector<Event>> FindEvents(const EventQuery& q) override {
    XY_RETURN_IF_ERROR(Open());
    std::vector<Event> out;
    const auto& ev = state_->events;
    for (size_t i = static_cast<size_t>(std::max<int64_t>(q.after_seq, 0));
         i < ev.size() && static_cast<int>(out.size()) < q.limit; ++i) {
      const Event& e = ev[i];
      if (!q.type.empty() && e.type != q.type) continue;
      if (!q.types.empty() && std::find(q.types.begin(), q.types.end(), e.type) == q.types.end())
        continue;
      if (!q.actor.empty() && e.actor != q.actor) continue;
      if (!q.from_at.empty() && e.at < q.from_at) continue;
      if (!q.to_at.empty() && e.at > q.to_at) continue;
      out.push_back(e);
    }
    return out;
  }

  Status Commit() override;

 private:
  Status Open() const {
    if (done_) return FailedPrecondition("the transaction has already finished");
    return Status::Ok();
  }
  Result<State*> W() {
    XY_RETURN_IF_ERROR(Open());
    if (mode_ != TxMode::kWrite) {
      return FailedPrecondition("a read transaction cannot change the store");
    }
    return own_.get();
  }
  template <typename T>
  Result<std::optional<T>> Lookup(const std::map<int64_t, T>& m, int64_t id) {
    XY_RETURN_IF_ERROR(Open());
    auto it = m.find(id);
    if (it == m.end()) return std::optional<T>();
    return std::optional<T>(it->second);
  }
  template <typename T, typename P>
  Result<std::vector<T>> Where(const std::map<int64_t, T>& m, P keep) {
    XY_RETURN_IF_ERROR(Open());
    std::vector<T> out;
    for (const auto& [id, v] : m) {
      if (keep(v)) out.push_back(v);
    }
    return out;
  }
  // Stores a copy of `v` under the next id.
  template <typename T>
  Result<int64_t> Insert(std::map<int64_t, T> State::*member, const T& v) {
    XY_ASSIGN_OR_RETURN(State * s, W());
    T copy = v;
    copy.id = s->next_id++;
    (s->*member)[copy.id] = copy;
    return copy.id;
  }
  template <typename T>
  Result<std::vector<T>> Values(const std::map<int64_t, T>& m) {
    XY_RETURN_IF_ERROR(Open());
    std::vector<T> out;
    for (const auto& [id, v] : m) out.push_back(v);
    return out;
  }

  MemoryStore* store_;
  TxMode mode_;
  WriteTurn writer_;
  std::shared_ptr<const State> snapshot_;
  std::shared_ptr<State> own_;
  const State* state_ = nullptr;
  bool done_ = false;
};

class MemoryStore final : public Store {
 public:
  Result<std::unique_ptr<Transaction>> Begin(TxMode mode) override {
    WriteTurn writer;
    if (mode == TxMode::kWrite) writer = WriteTurn(writers_);
    return std::unique_ptr<Transaction>(
        std::make_unique<MemoryTransaction>(this, Current(), mode, std::move(writer)));
  }
  Status Backup(const std::string&) override {
    return FailedPrecondition("the memory store keeps nothing to back up");
  }
  std::string_view Kind() const override { return "memory"; }
  // Mirrors the SQL migrations (src/store/sql/migrations.cc).
  Result<int> SchemaVersion() override { return 19; }

  std::shared_ptr<const State> Current() {
    std::lock_guard lock(state_mu_);
    return state_;
  }
  void Publish(std::shared_ptr<const State> s) {
    std::lock_guard lock(state_mu_);
    state_ = std::move(s);
  }

 private:
  WriteGate writers_;  // a turn held by the one open write transaction, in the order asked
  std::mutex state_mu_;
  std::shared_ptr<const State> state_ = std::make_shared<State>();  // guarded by state_mu_
};

Status MemoryTransaction::Commit() {
  XY_RETURN_IF_ERROR(Open());
  done_ = true;
  if (mode_ == TxMode::kWrite) store_->Publish(std::move(own_));
  return Status::Ok();
}

}  // namespace

std::unique_ptr<Store> NewMemoryStore() { return std::make_unique<MemoryStore>(); }

}  // namespace xinyong
