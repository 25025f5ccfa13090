#include "store/sql/sql_store.h"

#include "store/sql/monitoring_tables.h"
#include "store/sql/sql_rows.h"
#include "store/sql/commitment_tables.h"
#include "store/sql/evaluation_tables.h"
#include "store/sql/report_tables.h"
#include "store/sql/tip_tables.h"
#include "store/sql/typical_case_tables.h"

#include <charconv>
#include <limits>
#include <map>
#include <string>

namespace xinyong::sql {
namespace {

Param NullableId(int64_t id) { return id == 0 ? Param(nullptr) : Param(id); }

std::string ReplaceAll(std::string s, const std::string& from, const std::string& to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

Department DepartmentFrom(const Row& r) {
  return Department{Int(r, 0), Text(r, 1), Text(r, 2), Text(r, 3)};
}
constexpr const char* kDepartmentCols = "id, code, name, created_at";

User UserFrom(const Row& r) {
  User u;
  u.id = Int(r, 0);
  u.username = Text(r, 1);
  u.display_name = Text(r, 2);
  u.role = RoleFromName(Text(r, 3)).value_or(Role::kOperator);
  u.department_id = Int(r, 4);
  u.password_hash = Text(r, 5);
  u.active = Int(r, 6) != 0;
  u.created_at = Text(r, 7);
  u.subject_id = Int(r, 8);
  return u;
}
constexpr const char* kUserCols =
    "id, username, display_name, role, department_id, password_hash, active, created_at, "
    "subject_id";

Event EventFrom(const Row& r) {
  return Event{Int(r, 0),  Text(r, 1), Text(r, 2), Text(r, 3),
               Text(r, 4), Text(r, 5), Text(r, 6), Text(r, 7)};
}

Batch BatchFrom(const Row& r) {
  Batch b;
  b.id = Int(r, 0);
  b.department_id = Int(r, 1);
  b.item_code = Text(r, 2);
  b.channel = Text(r, 3);
  b.file_name = Text(r, 4);
  b.file_sha256 = Text(r, 5);
  b.encoding = Text(r, 6);
  b.actor = Text(r, 7);
  b.received_at = Text(r, 8);
  b.status = Text(r, 9);
  b.accepted = Int(r, 10);
  b.unchanged = Int(r, 11);
  b.rejected = Int(r, 12);
  return b;
}
constexpr const char* kBatchCols =
    "id, department_id, item_code, channel, file_name, file_sha256, encoding, actor, "
    "received_at, status, accepted, unchanged, rejected";

Record RecordFrom(const Row& r) {
  Record x;
  x.id = Int(r, 0);
  x.subject_id = Int(r, 1);
  x.item_code = Text(r, 2);
  x.department_id = Int(r, 3);
  x.source_key = Text(r, 4);
  x.current_version = static_cast<int>(Int(r, 5));
  x.status = Text(r, 6);
  x.decision_date = Text(r, 7);
  x.nature = NatureFromName(Text(r, 8)).value_or(Nature::kNeutral);
  x.disclosure = DisclosureFromName(Text(r, 9)).value_or(Disclosure::kWithheld);
  x.display.published = Int(r, 10) != 0;
  x.display.from = Text(r, 11);
  x.display.until = Text(r, 12);
  x.display.min_until = Text(r, 13);
  x.display.reason = Text(r, 14);
  x.received_at = Text(r, 15);
  x.updated_at = Text(r, 16);
  x.revoked_at = Text(r, 17);
  x.revoke_reason = Text(r, 18);
  x.disputed_since = Text(r, 19);
  x.objection_ref = Text(r, 20);
  x.display_ended_at = Text(r, 21);
  return x;
}
// A subject and its identifiers: the subject's columns repeat on each of its identifiers'
// rows (one row with NULL identifier columns when it has none), in the order of the query.
constexpr const char* kSubjectWithIdentifiersCols =
    "s.id, s.kind, s.name, s.region, s.created_at, s.updated_at, i.kind, i.lookup, i.sealed, "
    "i.display";
Subject SubjectFromRows(const std::vector<Row>& rows) {
  const Row& r0 = rows.at(0);
  Subject s;
  s.id = Int(r0, 0);
  s.kind = SubjectKindFromName(Text(r0, 1)).value_or(SubjectKind::kLegalPerson);
  s.name = Text(r0, 2);
  s.region = Text(r0, 3);
  s.created_at = Text(r0, 4);
  s.updated_at = Text(r0, 5);
  for (const auto& r : rows) {
    if (!r.at(6)) continue;
    s.identifiers.push_back(StoredIdentifier{IdKindFromName(Text(r, 6)).value_or(IdKind::kUscc),
                                             Text(r, 7), Text(r, 8), Text(r, 9)});
  }
  return s;
}

// Many rows in few statements: groups of 64, then 8, then 1 rows, so that a handful of
// statement texts (each prepared once and cached by the connection) serve any count.
template <typename F>
Status ForGroups(size_t n, F each_group) {
  size_t at = 0;
  for (size_t size : {size_t{64}, size_t{8}, size_t{1}}) {
    while (n - at >= size) {
      XY_RETURN_IF_ERROR(each_group(at, size));
      at += size;
    }
  }
  return Status::Ok();
}

// "($first, ...), (...)": `rows` tuples of `cols` numbered placeholders.
std::string Tuples(size_t rows, size_t cols, size_t first = 1) {
  std::string out;
  size_t n = first;
  for (size_t r = 0; r < rows; ++r) {
    out += r ? ", (" : "(";
    for (size_t c = 0; c < cols; ++c) {
      if (c) out += ", ";
      out += "$" + std::to_string(n++);
    }
    out += ")";
  }
  return out;
}

constexpr const char* kRecordCols =
    "id, subject_id, item_code, department_id, source_key, current_version, status, "
    "decision_date, nature, disclosure, display_published, display_from, display_until, "
    "display_min_until, display_reason, received_at, updated_at, revoked_at, revoke_reason, "
    "disputed_since, objection_ref, display_ended_at";

ListEntry EntryFrom(const Row& r) {
  ListEntry e;
  e.id = Int(r, 0);
  e.subject_id = Int(r, 1);
  e.list_kind = Text(r, 2);
  e.domain = Text(r, 3);
  e.status = Text(r, 4);
  e.department_id = Int(r, 5);
  e.basis = Text(r, 6);
  e.facts = Text(r, 7);
  e.notice_document = Text(r, 8);
  e.defence_until = Text(r, 9);
  e.decision_document = Text(r, 10);
  e.valid_from = Text(r, 11);
  e.valid_until = Text(r, 12);
  e.exit_reason = Text(r, 13);
  e.exited_at = Text(r, 14);
  e.disputed_since = Text(r, 15);
  e.objection_ref = Text(r, 16);
  e.created_at = Text(r, 17);
  e.updated_at = Text(r, 18);
  return e;
}
// Every row through `from`.
template <typename F>
auto Map(const std::vector<Row>& rows, F from) {
  std::vector<decltype(from(rows.front()))> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(from(r));
  return out;
}

// A WHERE clause built from optional filters, with numbered parameters ($1, $2, …).
class Where {
 public:
  // `cond` uses `?` for the one parameter it takes.
  Where& Add(std::string_view cond, Param p) {
    std::string c(cond);
    c.replace(c.find('?'), 1, "$" + std::to_string(params_.size() + 1));
    params_.push_back(std::move(p));
    return Raw(c);
  }
  Where& Raw(std::string_view cond) {
    sql_ += sql_.empty() ? " WHERE " : " AND ";
    sql_ += cond;
    return *this;
  }
  // Appends `tail` (e.g. "LIMIT ? OFFSET ?") with its parameters.
  std::string Tail(std::string tail, std::vector<Param> ps) {
    for (auto& p : ps) {
      tail.replace(tail.find('?'), 1, "$" + std::to_string(params_.size() + 1));
      params_.push_back(std::move(p));
    }
    return tail;
  }
  const std::string& sql() const { return sql_; }
  std::vector<Param>& params() { return params_; }

 private:
  std::string sql_;
  std::vector<Param> params_;
};

Where RecordWhere(const RecordQuery& q) {
  Where w;
  if (q.department_id != 0) w.Add("department_id = ?", q.department_id);
  if (!q.item_code.empty()) w.Add("item_code = ?", q.item_code);
  if (!q.item_codes.empty()) {
    // item_code = $n OR item_code = $m ..., as one condition.
    std::string cond = "(";
    std::vector<Param> ps;
    for (size_t i = 0; i < q.item_codes.size(); ++i) {
      cond += std::string(i ? " OR " : "") + "item_code = ?";
      ps.emplace_back(q.item_codes[i]);
    }
    w.Raw(w.Tail(cond + ")", std::move(ps)));
  }
  if (!q.status.empty()) w.Add("status = ?", q.status);
  if (!q.decided_from.empty()) w.Add("decision_date >= ?", q.decided_from);
  if (!q.decided_to.empty()) w.Add("decision_date <= ?", q.decided_to);
  if (!q.public_on.empty()) {
    // PubliclyVisible (domain/record.cc), and never a natural person.
    w.Raw(
        "status = 'active' AND disclosure = 'public' AND display_published = 1 AND "
        "display_from <> ''");
    w.Add("display_from <= ?", q.public_on);
    w.Add("(display_until = '' OR display_until >= ?)", q.public_on);
    w.Raw("subject_id IN (SELECT id FROM subjects WHERE kind <> 'natural_person')");
  }
  return w;
}

Where EntryWhere(const EntryQuery& q) {
  Where w;
  if (q.department_id != 0) w.Add("department_id = ?", q.department_id);
  if (!q.list_kind.empty()) w.Add("list_kind = ?", q.list_kind);
  if (!q.status.empty()) w.Add("status = ?", q.status);
  if (!q.domain.empty()) w.Add("domain = ?", q.domain);
  if (!q.public_on.empty()) {
    // PubliclyListed (domain/list_entry.cc).
    w.Raw("list_kind IN ('red', 'serious') AND status = 'decided' AND valid_from <> ''");
    w.Add("valid_from <= ?", q.public_on);
    w.Add("(valid_until = '' OR valid_until >= ?)", q.public_on);
  }
  return w;
}

SubjectIndexRow IndexRowFrom(const Row& r) {
  SubjectIndexRow x;
  x.id = Int(r, 0);
  x.kind = SubjectKindFromName(Text(r, 1)).value_or(SubjectKind::kLegalPerson);
  x.name = Text(r, 2);
  x.region = Text(r, 3);
  x.code = Text(r, 4);
  return x;
}
// The displayed code: the 统一社会信用代码 when there is one, else the first identifier.
constexpr const char* kIndexCols =
    "s.id, s.kind, s.name, s.region, (SELECT i.display FROM subject_identifiers i WHERE "
    "i.subject_id = s.id ORDER BY CASE i.kind WHEN 'uscc' THEN 0 ELSE 1 END, i.lookup LIMIT 1)";

Notice NoticeFrom(const Row& r) {
  return Notice{Int(r, 0),  Int(r, 1),  Int(r, 2),  Text(r, 3),
                Text(r, 4), Text(r, 5), Text(r, 6), Text(r, 7)};
}
constexpr const char* kNoticeCols =
    "id, department_id, subject_id, kind, ref, message, created_at, read_at";

ApiKey ApiKeyFrom(const Row& r) {
  return ApiKey{Int(r, 0),
                Text(r, 1),
                Text(r, 2),
                Int(r, 3),
                RoleFromName(Text(r, 4)).value_or(Role::kOperator),
                Text(r, 5),
                Text(r, 6),
                Text(r, 7)};
}
constexpr const char* kApiKeyCols =
    "id, key_hash, prefix, department_id, role, label, created_at, revoked_at";

Announcement AnnouncementFrom(const Row& r) {
  return Announcement{Int(r, 0),  Text(r, 1), Text(r, 2), Text(r, 3),
                      Text(r, 4), Text(r, 5), Text(r, 6)};
}
constexpr const char* kAnnouncementCols =
    "id, title, body, author, published_at, withdrawn_at, withdraw_reason";

CheckRecord CheckFrom(const Row& r) {
  return CheckRecord{Int(r, 0),  Int(r, 1),  Text(r, 2), Int(r, 3),  Text(r, 4),
                     Text(r, 5), Text(r, 6), Int(r, 7),  Text(r, 8), Text(r, 9)};
}
constexpr const char* kCheckCols =
    "id, COALESCE(department_id, 0), actor, COALESCE(subject_id, 0), scenario, at, "
    "answer_sha256, measures, checked_code, measure_codes";

Objection ObjectionFrom(const Row& r) {
  Objection x;
  x.id = Int(r, 0);
  x.target_kind = Text(r, 1);
  x.target_id = Int(r, 2);
  x.subject_id = Int(r, 3);
  x.department_id = Int(r, 4);
  x.filer_kind = Text(r, 5);
  x.filer_name = Text(r, 6);
  x.filer_contact = Text(r, 7);
  x.reasons = Text(r, 8);
  x.attachments = Text(r, 9);
  x.token_hash = Text(r, 10);
  x.status = Text(r, 11);
  x.decision = Text(r, 12);
  x.decision_note = Text(r, 13);
  x.refuse_reason = Text(r, 14);
  x.target_version = static_cast<int>(Int(r, 15));
  x.submitted_at = Text(r, 16);
  x.accept_due = Text(r, 17);
  x.accepted_at = Text(r, 18);
  x.verify_due = Text(r, 19);
  x.extension_requested_at = Text(r, 20);
  x.extension_reason = Text(r, 21);
  x.extended = Int(r, 22) != 0;
  x.decided_at = Text(r, 23);
  x.close_due = Text(r, 24);
  x.closed_at = Text(r, 25);
  x.updated_at = Text(r, 26);
  return x;
}
constexpr const char* kObjectionCols =
    "id, target_kind, target_id, subject_id, department_id, filer_kind, filer_name, filer_contact, "
    "reasons, attachments, token_hash, status, decision, decision_note, refuse_reason, "
    "target_version, submitted_at, accept_due, accepted_at, verify_due, extension_requested_at, "
    "extension_reason, extended, decided_at, close_due, closed_at, updated_at";
Repair RepairFrom(const Row& r) {
  Repair x;
  x.id = Int(r, 0);
  x.target_kind = Text(r, 1);
  x.target_id = Int(r, 2);
  x.subject_id = Int(r, 3);
  x.applicant_name = Text(r, 4);
  x.applicant_contact = Text(r, 5);
  x.evidence = Text(r, 6);
  x.token_hash = Text(r, 7);
  x.status = Text(r, 8);
  x.conditions = Text(r, 9);
  x.review_due = Text(r, 10);
  x.decided_at = Text(r, 11);
  x.decision_note = Text(r, 12);
  x.restore_until = Text(r, 13);
  x.revoked_at = Text(r, 14);
  x.submitted_at = Text(r, 15);
  x.updated_at = Text(r, 16);
  return x;
}
constexpr const char* kRepairCols =
    "id, target_kind, target_id, subject_id, applicant_name, applicant_contact, evidence, "
    "token_hash, status, conditions, review_due, decided_at, decision_note, restore_until, "
    "revoked_at, submitted_at, updated_at";
Authorisation AuthorisationFrom(const Row& r) {
  Authorisation x;
  x.id = Int(r, 0);
  x.subject_id = Int(r, 1);
  x.grantee_department_id = Int(r, 2);
  x.purpose = Text(r, 3);
  x.valid_from = Text(r, 4);
  x.valid_until = Text(r, 5);
  x.granted_by = Text(r, 6);
  x.granted_at = Text(r, 7);
  x.withdrawn_at = Text(r, 8);
  return x;
}
constexpr const char* kAuthorisationCols =
    "id, subject_id, grantee_department_id, purpose, valid_from, valid_until, granted_by, "
    "granted_at, withdrawn_at";
QueryLogEntry QueryLogFrom(const Row& r) {
  QueryLogEntry x;
  x.id = Int(r, 0);
  x.subject_id = Int(r, 1);
  x.department_id = Int(r, 2);
  x.actor = Text(r, 3);
  x.purpose = Text(r, 4);
  x.authorisation_id = Int(r, 5);
  x.at = Text(r, 6);
  x.what = Text(r, 7);
  return x;
}
constexpr const char* kQueryLogEntryCols =
    "id, subject_id, department_id, actor, purpose, authorisation_id, at, what";
CaseStep CaseStepFrom(const Row& r) {
  CaseStep x;
  x.case_kind = Text(r, 0);
  x.case_id = Int(r, 1);
  x.seq = Int(r, 2);
  x.at = Text(r, 3);
  x.actor = Text(r, 4);
  x.step = Text(r, 5);
  x.note = Text(r, 6);
  return x;
}
constexpr const char* kCaseStepCols = "case_kind, case_id, seq, at, actor, step, note";
Subscription SubscriptionFrom(const Row& r) {
  Subscription s;
  s.id = Int(r, 0);
  s.department_id = Int(r, 1);
  s.name = Text(r, 2);
  s.scope = Text(r, 3);
  s.region = Text(r, 4);
  s.webhook_url = Text(r, 5);
  s.secret_enc = Text(r, 6);
  s.active = Int(r, 7) != 0;
  s.cursor = Int(r, 8);
  s.delivered = Int(r, 9);
  s.attempts = Int(r, 10);
  s.next_attempt_at = Text(r, 11);
  s.last_error = Text(r, 12);
  s.created_at = Text(r, 13);
  s.updated_at = Text(r, 14);
  return s;
}
constexpr const char* kSubscriptionCols =
    "id, department_id, name, scope, region, webhook_url, secret_enc, active, delivered_seq, "
    "delivered, attempts, next_attempt_at, last_error, created_at, updated_at";
constexpr const char* kEntryCols =
    "id, subject_id, list_kind, domain, status, department_id, basis, facts, notice_document, "
    "defence_until, decision_document, valid_from, valid_until, exit_reason, exited_at, "
    "disputed_since, objection_ref, created_at, updated_at";

RecordVersion VersionFrom(const Row& r) {
  RecordVersion v;
  v.record_id = Int(r, 0);
  v.version = static_cast<int>(Int(r, 1));
  v.batch_id = Int(r, 2);
  v.row_number = Int(r, 3);
  v.content_hash = Text(r, 4);
  v.fields = Text(r, 5);
  v.sealed = Text(r, 6);
  v.legal_basis = Text(r, 7);
  v.decision_date = Text(r, 8);
  v.received_at = Text(r, 9);
  if (r.at(10)) v.working_days = static_cast<int>(Int(r, 10));
  v.late = Int(r, 11) != 0;
  return v;
}

class SqlTransaction final : public Transaction {
 public:
  // `gate`: the writers' turn this transaction holds (nullptr for none); left when it ends.
  SqlTransaction(SqlStore* store, const Dialect* dialect, std::unique_ptr<Connection> conn,
                 TxMode mode, WriteGate* gate)
      : store_(store), dialect_(dialect), conn_(std::move(conn)), mode_(mode), gate_(gate) {}

  ~SqlTransaction() override {
    if (!done_) {
      (void)conn_->Exec("ROLLBACK");
    }
    store_->Release(std::move(conn_));
    LeaveTurn();
  }

  Result<int64_t> InsertSubject(const SubjectDraft& d) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(auto rows,
                        Q("INSERT INTO subjects (kind, name, region, created_at, updated_at) "
                          "VALUES ($1, $2, $3, $4, $4) RETURNING id",
                          {std::string(SubjectKindName(d.kind)), d.name, d.region, d.at}));
    int64_t id = Int(rows.at(0), 0);
    XY_RETURN_IF_ERROR(
        Q("INSERT INTO subject_names (subject_id, name, valid_from) VALUES ($1, $2, $3)",
          {id, d.name, d.at})
            .status());
    for (const auto& ident : d.identifiers) XY_RETURN_IF_ERROR(AddIdentifier(id, ident));
    return id;
  }

  Result<std::optional<int64_t>> FindSubjectId(IdKind kind, std::string_view lookup) override {
    XY_ASSIGN_OR_RETURN(auto rows,
                        Q("SELECT subject_id FROM subject_identifiers WHERE kind = $1 AND "
                          "lookup = $2",
                          {std::string(IdKindName(kind)), std::string(lookup)}));
    if (rows.empty()) return std::optional<int64_t>();
    return std::optional<int64_t>(Int(rows[0], 0));
  }

  Result<std::vector<std::pair<std::string, int64_t>>> FindSubjectIds(
      IdKind kind, const std::vector<std::string>& lookups) override {
    std::vector<std::pair<std::string, int64_t>> out;
    XY_RETURN_IF_ERROR(ForGroups(lookups.size(), [&](size_t at, size_t n) -> Status {
      std::vector<Param> params{std::string(IdKindName(kind))};
      for (size_t i = 0; i < n; ++i) params.push_back(lookups[at + i]);
      XY_ASSIGN_OR_RETURN(auto rows, Q("SELECT lookup, subject_id FROM subject_identifiers WHERE "
                                       "kind = $1 AND lookup IN " +
                                           Tuples(1, n, 2),
                                       params));
      for (const auto& r : rows) out.emplace_back(Text(r, 0), Int(r, 1));
      return Status::Ok();
    }));
    return out;
  }

  Result<std::vector<SubjectHead>> SubjectHeads(const std::vector<int64_t>& ids) override {
    std::vector<SubjectHead> out;
    XY_RETURN_IF_ERROR(ForGroups(ids.size(), [&](size_t at, size_t n) -> Status {
      std::vector<Param> params;
      for (size_t i = 0; i < n; ++i) params.push_back(ids[at + i]);
      XY_ASSIGN_OR_RETURN(
          auto rows, Q("SELECT id, kind, name FROM subjects WHERE id IN " + Tuples(1, n), params));
      for (const auto& r : rows) {
        out.push_back({Int(r, 0),
                       SubjectKindFromName(Text(r, 1)).value_or(SubjectKind::kLegalPerson),
                       Text(r, 2)});
      }
      return Status::Ok();
    }));
    return out;
  }

  Result<Subject> GetSubject(int64_t id) override {
    XY_ASSIGN_OR_RETURN(Subject s, GetSubjectCurrent(id));
    XY_ASSIGN_OR_RETURN(auto names, Q("SELECT name, valid_from, valid_to FROM subject_names "
                                      "WHERE subject_id = $1 ORDER BY id",
                                      {id}));
    for (const auto& r : names) s.names.push_back({Text(r, 0), Text(r, 1), Text(r, 2)});
    return s;
  }

  Result<std::optional<Subject>> FindSubjectCurrent(IdKind kind, std::string_view lookup) override {
    XY_ASSIGN_OR_RETURN(auto rows,
                        Q(std::string("SELECT ") + kSubjectWithIdentifiersCols +
                              " FROM subject_identifiers f JOIN subjects s ON s.id = "
                              "f.subject_id LEFT JOIN subject_identifiers i ON i.subject_id = "
                              "s.id WHERE f.kind = $1 AND f.lookup = $2 ORDER BY i.kind, i.lookup",
                          {std::string(IdKindName(kind)), std::string(lookup)}));
    if (rows.empty()) return std::optional<Subject>();
    return std::optional<Subject>(SubjectFromRows(rows));
  }

  // GetSubject without the name history.
  Result<Subject> GetSubjectCurrent(int64_t id) {
    XY_ASSIGN_OR_RETURN(auto rows, Q(std::string("SELECT ") + kSubjectWithIdentifiersCols +
                                         " FROM subjects s LEFT JOIN subject_identifiers i ON "
                                         "i.subject_id = s.id WHERE s.id = $1 ORDER BY i.kind, "
                                         "i.lookup",
                                     {id}));
    if (rows.empty()) return NotFound("subject " + std::to_string(id) + " does not exist");
    return SubjectFromRows(rows);
  }

  Status RenameSubject(int64_t id, std::string_view name, std::string_view at) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(auto rows, Q("UPDATE subjects SET name = $2, updated_at = $3 WHERE id = "
                                     "$1 RETURNING id",
                                     {id, std::string(name), std::string(at)}));
    if (rows.empty()) return NotFound("subject " + std::to_string(id) + " does not exist");
    XY_RETURN_IF_ERROR(Q("UPDATE subject_names SET valid_to = $2 WHERE subject_id = $1 AND "
                         "valid_to IS NULL",
                         {id, std::string(at)})
                           .status());
    return Q("INSERT INTO subject_names (subject_id, name, valid_from) VALUES ($1, $2, $3)",
             {id, std::string(name), std::string(at)})
        .status();
  }

  // Inserts that may hit a unique key use ON CONFLICT DO NOTHING and report the conflict
  // themselves: on PostgreSQL a failed statement would abort the whole transaction, and the
  // caller must be able to carry on, as on the other stores.
  Status AddIdentifier(int64_t subject_id, const StoredIdentifier& ident) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(
        auto rows, Q("INSERT INTO subject_identifiers (subject_id, kind, lookup, sealed, "
                     "display) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING "
                     "RETURNING subject_id",
                     {subject_id, std::string(IdKindName(ident.kind)), ident.lookup, ident.sealed,
                      ident.display}));
    if (rows.empty()) {
      return Conflict("identifier " + ident.display + " already belongs to another subject");
    }
    return Status::Ok();
  }

  Result<int64_t> CountSubjects() override {
    XY_ASSIGN_OR_RETURN(auto rows, Q("SELECT COUNT(*) FROM subjects", {}));
    return Int(rows.at(0), 0);
  }

  Result<std::vector<SubjectIndexRow>> SubjectsForIndex(int64_t after_id, int limit) override {
    XY_ASSIGN_OR_RETURN(auto rows, Q(std::string("SELECT ") + kIndexCols +
                                         " FROM subjects s WHERE s.id > $1 ORDER BY s.id LIMIT $2",
                                     {after_id, int64_t{limit}}));
    return Map(rows, IndexRowFrom);
  }

  Result<std::optional<SubjectIndexRow>> SubjectForIndex(int64_t id) override {
    return One<SubjectIndexRow>(
        std::string("SELECT ") + kIndexCols + " FROM subjects s WHERE s.id = $1", {id},
        IndexRowFrom);
  }

  Result<int64_t> InsertDepartment(const Department& d) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(auto rows, Q("INSERT INTO departments (code, name, created_at) VALUES "
                                     "($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id",
                                     {d.code, d.name, d.created_at}));
    if (rows.empty()) return Conflict("a department with code " + d.code + " exists already");
    return Int(rows.at(0), 0);
  }

  Result<std::optional<Department>> FindDepartmentByCode(std::string_view code) override {
    return One<Department>(
        std::string("SELECT ") + kDepartmentCols + " FROM departments WHERE code = $1",
        {std::string(code)}, DepartmentFrom);
  }

  Result<std::optional<Department>> GetDepartment(int64_t id) override {
    return One<Department>(
        std::string("SELECT ") + kDepartmentCols + " FROM departments WHERE id = $1", {id},
        DepartmentFrom);
  }

  Result<std::vector<Department>> ListDepartments() override {
    XY_ASSIGN_OR_RETURN(
        auto rows,
        Q(std::string("SELECT ") + kDepartmentCols + " FROM departments ORDER BY id", {}));
    std::vector<Department> out;
    for (const auto& r : rows) out.push_back(DepartmentFrom(r));
    return out;
  }

  Result<int64_t> InsertUser(const User& u) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(
        auto rows,
        Q("INSERT INTO users (username, display_name, role, department_id, "
          "password_hash, active, created_at, subject_id) VALUES ($1, $2, $3, "
          "$4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id",
          {u.username, u.display_name, std::string(RoleName(u.role)), NullableId(u.department_id),
           u.password_hash, int64_t{u.active ? 1 : 0}, u.created_at, u.subject_id}));
    if (rows.empty()) return Conflict("a user named " + u.username + " exists already");
    return Int(rows.at(0), 0);
  }

  Result<std::optional<User>> FindUserByName(std::string_view username) override {
    return One<User>(std::string("SELECT ") + kUserCols + " FROM users WHERE username = $1",
                     {std::string(username)}, UserFrom);
  }

  Result<std::optional<User>> GetUser(int64_t id) override {
    return One<User>(std::string("SELECT ") + kUserCols + " FROM users WHERE id = $1", {id},
                     UserFrom);
  }

  Result<std::vector<User>> ListUsers() override {
    XY_ASSIGN_OR_RETURN(auto rows,
                        Q(std::string("SELECT ") + kUserCols + " FROM users ORDER BY id", {}));
    std::vector<User> out;
    for (const auto& r : rows) out.push_back(UserFrom(r));
    return out;
  }

  Result<int64_t> InsertApiKey(const ApiKey& k) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(
        auto rows, Q("INSERT INTO api_keys (key_hash, prefix, department_id, role, label, "
                     "created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                     {k.key_hash, k.prefix, k.department_id, std::string(RoleName(k.role)), k.label,
                      k.created_at}));
    return Int(rows.at(0), 0);
  }

  Result<std::optional<ApiKey>> FindApiKeyByHash(std::string_view key_hash) override {
    return One<ApiKey>(std::string("SELECT ") + kApiKeyCols + " FROM api_keys WHERE key_hash = $1",
                       {std::string(key_hash)}, ApiKeyFrom);
  }

  Status InsertSession(const SessionRecord& s) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(auto rows,
                        Q("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) "
                          "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING user_id",
                          {s.token_hash, s.user_id, s.created_at, s.expires_at}));
    if (rows.empty()) return Conflict("session exists");
    return Status::Ok();
  }

  Result<std::optional<SessionRecord>> FindSession(std::string_view token_hash) override {
    return One<SessionRecord>(
        "SELECT token_hash, user_id, created_at, expires_at FROM sessions WHERE token_hash = $1",
        {std::string(token_hash)}, [](const Row& r) {
          return SessionRecord{Text(r, 0), Int(r, 1), Text(r, 2), Text(r, 3)};
        });
  }

  Status DeleteSession(std::string_view token_hash) override {
    XY_RETURN_IF_ERROR(Writable());
    return Q("DELETE FROM sessions WHERE token_hash = $1", {std::string(token_hash)}).status();
  }

  Status UpdateUserCredentials(int64_t user_id, std::string_view password_hash,
                               bool active) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(auto rows,
                        Q("UPDATE users SET password_hash = $2, active = $3 "
                          "WHERE id = $1 RETURNING id",
                          {user_id, std::string(password_hash), int64_t{active ? 1 : 0}}));
    if (rows.empty()) return NotFound("user " + std::to_string(user_id) + " does not exist");
    return Status::Ok();
  }

  Result<std::vector<ApiKey>> ListApiKeys() override {
    XY_ASSIGN_OR_RETURN(auto rows,
                        Q(std::string("SELECT ") + kApiKeyCols + " FROM api_keys ORDER BY id", {}));
    return Map(rows, ApiKeyFrom);
  }

  Status RevokeApiKey(int64_t id, std::string_view at) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(auto rows, Q("UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND "
                                     "(revoked_at IS NULL OR revoked_at = '') RETURNING id",
                                     {id, std::string(at)}));
    if (rows.empty()) {
      return NotFound("api key " + std::to_string(id) + " does not exist or is revoked already");
    }
    return Status::Ok();
  }

  Status DeleteSessionsOfUser(int64_t user_id) override {
    XY_RETURN_IF_ERROR(Writable());
    return Q("DELETE FROM sessions WHERE user_id = $1", {user_id}).status();
  }

  Result<int64_t> InsertBatch(const Batch& b) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(
        auto rows,
        Q("INSERT INTO batches (department_id, item_code, channel, file_name, file_sha256, "
          "encoding, actor, received_at, status, accepted, unchanged, rejected) VALUES ($1, $2, "
          "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
          {b.department_id, b.item_code, b.channel, b.file_name, b.file_sha256, b.encoding, b.actor,
           b.received_at, b.status, b.accepted, b.unchanged, b.rejected}));
    return Int(rows.at(0), 0);
  }

  Status UpdateBatch(const Batch& b) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(auto rows,
                        Q("UPDATE batches SET status = $2, accepted = $3, unchanged = "
                          "$4, rejected = $5, encoding = $6 WHERE id = $1 RETURNING id",
                          {b.id, b.status, b.accepted, b.unchanged, b.rejected, b.encoding}));
    if (rows.empty()) return NotFound("batch " + std::to_string(b.id) + " does not exist");
    return Status::Ok();
  }

  Result<std::optional<Batch>> GetBatch(int64_t id) override {
    return One<Batch>(std::string("SELECT ") + kBatchCols + " FROM batches WHERE id = $1", {id},
                      BatchFrom);
  }

  Status InsertRejection(const Rejection& r) override {
    XY_RETURN_IF_ERROR(Writable());
    return Q("INSERT INTO rejections (batch_id, row_number, field, code, message, sealed_row) "
             "VALUES ($1, $2, $3, $4, $5, $6)",
             {r.batch_id, r.row_number, r.field, r.code, r.message, r.sealed_row})
        .status();
  }

  Result<std::vector<Rejection>> ListRejections(int64_t batch_id) override {
    XY_ASSIGN_OR_RETURN(auto rows, Q("SELECT batch_id, row_number, field, code, message, "
                                     "sealed_row FROM rejections WHERE batch_id = $1 ORDER BY id",
                                     {batch_id}));
    std::vector<Rejection> out;
    for (const auto& r : rows) {
      out.push_back({Int(r, 0), Int(r, 1), Text(r, 2), Text(r, 3), Text(r, 4), Text(r, 5)});
    }
    return out;
  }

  Result<std::optional<Record>> FindRecord(int64_t department_id, std::string_view item_code,
                                           std::string_view source_key) override {
    return One<Record>(std::string("SELECT ") + kRecordCols +
                           " FROM records WHERE department_id = $1 AND item_code = $2 AND "
                           "source_key = $3",
                       {department_id, std::string(item_code), std::string(source_key)},
                       RecordFrom);
  }

  Result<std::vector<RecordWithHash>> FindRecordsByKeys(
      int64_t department_id, std::string_view item_code,
      const std::vector<std::string>& source_keys) override {
    std::vector<RecordWithHash> out;
    XY_RETURN_IF_ERROR(ForGroups(source_keys.size(), [&](size_t at, size_t n) -> Status {
      std::vector<Param> params{department_id, std::string(item_code)};
      for (size_t i = 0; i < n; ++i) params.push_back(source_keys[at + i]);
      XY_ASSIGN_OR_RETURN(
          auto rows,
          Q(std::string("SELECT ") + kRecordCols +
                ", (SELECT v.content_hash FROM record_versions v WHERE v.record_id = records.id "
                "AND v.version = records.current_version) FROM records WHERE department_id = $1 "
                "AND item_code = $2 AND source_key IN " +
                Tuples(1, n, 3),
            params));
      for (const auto& r : rows) out.push_back({RecordFrom(r), Text(r, 22)});
      return Status::Ok();
    }));
    return out;
  }

  Result<std::vector<int64_t>> InsertRecords(const std::vector<Record>& records) override {
    XY_RETURN_IF_ERROR(Writable());
    std::vector<int64_t> ids(records.size(), 0);
    XY_RETURN_IF_ERROR(ForGroups(records.size(), [&](size_t at, size_t n) -> Status {
      std::vector<Param> params;
      params.reserve(n * 18);
      std::map<std::string, size_t> index;  // department, item, key -> position in `records`
      for (size_t i = at; i < at + n; ++i) {
        const Record& r = records[i];
        index[std::to_string(r.department_id) + '\x1f' + r.item_code + '\x1f' + r.source_key] = i;
        for (Param p : std::initializer_list<Param>{
                 r.subject_id, r.item_code, r.department_id, r.source_key,
                 int64_t{r.current_version}, r.status, r.decision_date,
                 std::string(NatureName(r.nature)), std::string(DisclosureName(r.disclosure)),
                 int64_t{r.display.published ? 1 : 0}, r.display.from, r.display.until,
                 r.display.min_until, r.display.reason, r.received_at, r.updated_at, r.revoked_at,
                 r.revoke_reason}) {
          params.push_back(std::move(p));
        }
      }
      // RETURNING gives the rows in no promised order: they are matched by their key.
      XY_ASSIGN_OR_RETURN(
          auto rows,
          Q("INSERT INTO records (subject_id, item_code, department_id, source_key, "
            "current_version, status, decision_date, nature, disclosure, display_published, "
            "display_from, display_until, display_min_until, display_reason, received_at, "
            "updated_at, revoked_at, revoke_reason) VALUES " +
                Tuples(n, 18) +
                " ON CONFLICT DO NOTHING RETURNING id, department_id, item_code, source_key",
            params));
      for (const auto& row : rows) {
        auto it = index.find(Text(row, 1) + '\x1f' + Text(row, 2) + '\x1f' + Text(row, 3));
        if (it != index.end()) ids[it->second] = Int(row, 0);
      }
      for (size_t i = at; i < at + n; ++i) {
        if (ids[i] == 0) {
          return Conflict("record " + records[i].source_key + " of item " + records[i].item_code +
                          " exists already for this department");
        }
      }
      return Status::Ok();
    }));
    return ids;
  }

  Status InsertRecordVersions(const std::vector<RecordVersion>& versions) override {
    XY_RETURN_IF_ERROR(Writable());
    return ForGroups(versions.size(), [&](size_t at, size_t n) -> Status {
      std::vector<Param> params;
      params.reserve(n * 12);
      for (size_t i = at; i < at + n; ++i) {
        const RecordVersion& v = versions[i];
        for (Param p : std::initializer_list<Param>{
                 v.record_id, int64_t{v.version}, NullableId(v.batch_id), v.row_number,
                 v.content_hash, v.fields, v.sealed, v.legal_basis, v.decision_date, v.received_at,
                 v.working_days ? Param(int64_t{*v.working_days}) : Param(nullptr),
                 int64_t{v.late ? 1 : 0}}) {
          params.push_back(std::move(p));
        }
      }
      XY_ASSIGN_OR_RETURN(
          auto rows, Q("INSERT INTO record_versions (record_id, version, batch_id, row_number, "
                       "content_hash, fields, sealed, legal_basis, decision_date, received_at, "
                       "working_days, late) VALUES " +
                           Tuples(n, 12) + " ON CONFLICT DO NOTHING RETURNING record_id",
                       params));
      if (rows.size() != n) return Conflict("record version exists already");
      return Status::Ok();
    });
  }

  Result<int64_t> InsertRecord(const Record& r) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(
        auto rows,
        Q("INSERT INTO records (subject_id, item_code, department_id, source_key, "
          "current_version, status, decision_date, nature, disclosure, display_published, "
          "display_from, display_until, display_min_until, display_reason, received_at, "
          "updated_at, revoked_at, revoke_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
          "$10, $11, $12, $13, $14, $15, $16, $17, $18) ON CONFLICT DO NOTHING RETURNING id",
          {r.subject_id, r.item_code, r.department_id, r.source_key, int64_t{r.current_version},
           r.status, r.decision_date, std::string(NatureName(r.nature)),
           std::string(DisclosureName(r.disclosure)), int64_t{r.display.published ? 1 : 0},
           r.display.from, r.display.until, r.display.min_until, r.display.reason, r.received_at,
           r.updated_at, r.revoked_at, r.revoke_reason}));
    if (rows.empty()) {
      return Conflict("record " + r.source_key + " of item " + r.item_code +
                      " exists already for this department");
    }
    return Int(rows.at(0), 0);
  }

  Status UpdateRecord(const Record& r) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(
        auto rows,
        Q("UPDATE records SET subject_id = $2, current_version = $3, status = $4, "
          "decision_date = $5, nature = $6, disclosure = $7, display_published = $8, "
          "display_from = $9, display_until = $10, display_min_until = $11, display_reason = "
          "$12, updated_at = $13, revoked_at = $14, revoke_reason = $15, disputed_since = "
          "$16, objection_ref = $17, display_ended_at = $18 WHERE id = $1 RETURNING id",
          {r.id, r.subject_id, int64_t{r.current_version}, r.status, r.decision_date,
           std::string(NatureName(r.nature)), std::string(DisclosureName(r.disclosure)),
           int64_t{r.display.published ? 1 : 0}, r.display.from, r.display.until,
           r.display.min_until, r.display.reason, r.updated_at, r.revoked_at, r.revoke_reason,
           r.disputed_since, r.objection_ref, r.display_ended_at}));
    if (rows.empty()) return NotFound("record " + std::to_string(r.id) + " does not exist");
    return Status::Ok();
  }

  Result<std::optional<Record>> GetRecord(int64_t id) override {
    return One<Record>(std::string("SELECT ") + kRecordCols + " FROM records WHERE id = $1", {id},
                       RecordFrom);
  }

  Result<std::vector<Record>> ListRecordsOfSubject(int64_t subject_id) override {
    XY_ASSIGN_OR_RETURN(auto rows, Q(std::string("SELECT ") + kRecordCols +
                                         " FROM records WHERE subject_id = $1 ORDER BY "
                                         "decision_date DESC, id DESC",
                                     {subject_id}));
    std::vector<Record> out;
    for (const auto& r : rows) out.push_back(RecordFrom(r));
    return out;
  }

  Result<std::vector<RecordFactRow>> ActiveRecordFacts(int64_t subject_id) override {
    // Every column named here is in records_facts, so SQLite answers from the index alone.
    XY_ASSIGN_OR_RETURN(auto rows, Q("SELECT id, item_code, nature, decision_date, "
                                     "disputed_since, objection_ref, department_id, source_key "
                                     "FROM records WHERE subject_id = $1 AND status = 'active' "
                                     "ORDER BY decision_date DESC, id DESC",
                                     {subject_id}));
    std::vector<RecordFactRow> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
      out.push_back({Int(r, 0), Text(r, 1), NatureFromName(Text(r, 2)).value_or(Nature::kNeutral),
                     Text(r, 3), Text(r, 4), Text(r, 5), Int(r, 6), Text(r, 7)});
    }
    return out;
  }

  Status InsertRecordVersion(const RecordVersion& v) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(
        auto rows,
        Q("INSERT INTO record_versions (record_id, version, batch_id, row_number, "
          "content_hash, fields, sealed, legal_basis, decision_date, received_at, "
          "working_days, late) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
          "ON CONFLICT DO NOTHING RETURNING record_id",
          {v.record_id, int64_t{v.version}, NullableId(v.batch_id), v.row_number, v.content_hash,
           v.fields, v.sealed, v.legal_basis, v.decision_date, v.received_at,
           v.working_days ? Param(int64_t{*v.working_days}) : Param(nullptr),
           int64_t{v.late ? 1 : 0}}));
    if (rows.empty()) return Conflict("record version exists already");
    return Status::Ok();
  }

  Result<std::vector<RecordVersion>> ListRecordVersions(int64_t record_id) override {
    XY_ASSIGN_OR_RETURN(auto rows,
                        Q("SELECT record_id, version, batch_id, row_number, content_hash, "
                          "fields, sealed, legal_basis, decision_date, received_at, "
                          "working_days, late FROM record_versions WHERE record_id = $1 ORDER "
                          "BY version",
                          {record_id}));
    std::vector<RecordVersion> out;
    for (const auto& r : rows) out.push_back(VersionFrom(r));
    return out;
  }

  Result<int64_t> CountRecords() override {
    XY_ASSIGN_OR_RETURN(auto rows, Q("SELECT COUNT(*) FROM records", {}));
    return Int(rows.at(0), 0);
  }

  Result<std::vector<Record>> FindRecords(const RecordQuery& q) override {
    Where w = RecordWhere(q);
    if (q.before_id > 0) w.Add("id < ?", q.before_id);
    std::string order =
        q.public_on.empty() ? " ORDER BY id DESC " : " ORDER BY decision_date DESC, id DESC ";
    std::string tail = w.Tail("LIMIT ? OFFSET ?", {int64_t{q.limit}, int64_t{q.offset}});
    XY_ASSIGN_OR_RETURN(auto rows, Q(std::string("SELECT ") + kRecordCols + " FROM records" +
                                         w.sql() + order + tail,
                                     w.params()));
    return Map(rows, RecordFrom);
  }

  Result<int64_t> CountRecordsWhere(const RecordQuery& q) override {
    Where w = RecordWhere(q);
    std::string sql = "SELECT COUNT(*) FROM records" + w.sql();
    if (q.count_cap > 0) {
      sql = "SELECT COUNT(*) FROM (SELECT 1 FROM records" + w.sql() +
            w.Tail(" LIMIT ?", {q.count_cap}) + ") capped";
    }
    XY_ASSIGN_OR_RETURN(auto rows, Q(sql, w.params()));
    return Int(rows.at(0), 0);
  }

  Result<std::vector<Batch>> FindBatches(int64_t department_id, int64_t before_id,
                                         int limit) override {
    Where w;
    if (department_id != 0) w.Add("department_id = ?", department_id);
    if (before_id > 0) w.Add("id < ?", before_id);
    std::string tail = w.Tail(" ORDER BY id DESC LIMIT ?", {int64_t{limit}});
    XY_ASSIGN_OR_RETURN(
        auto rows,
        Q(std::string("SELECT ") + kBatchCols + " FROM batches" + w.sql() + tail, w.params()));
    return Map(rows, BatchFrom);
  }

  Result<std::vector<IntakeStat>> IntakeStats() override {
    std::map<int64_t, IntakeStat> by_dep;
    XY_ASSIGN_OR_RETURN(auto batches,
                        Q("SELECT department_id, SUM(accepted), SUM(unchanged), SUM(rejected) "
                          "FROM batches GROUP BY department_id",
                          {}));
    for (const auto& r : batches) {
      IntakeStat& s = by_dep[Int(r, 0)];
      s.department_id = Int(r, 0);
      s.accepted = Int(r, 1);
      s.unchanged = Int(r, 2);
      s.rejected = Int(r, 3);
    }
    XY_ASSIGN_OR_RETURN(auto late, Q("SELECT r.department_id, COUNT(*) FROM record_versions v "
                                     "JOIN records r ON r.id = v.record_id WHERE v.late = 1 "
                                     "GROUP BY r.department_id",
                                     {}));
    for (const auto& r : late) {
      by_dep[Int(r, 0)].department_id = Int(r, 0);
      by_dep[Int(r, 0)].late = Int(r, 1);
    }
    XY_ASSIGN_OR_RETURN(auto codes, Q("SELECT b.department_id, j.code, COUNT(*) FROM rejections "
                                      "j JOIN batches b ON b.id = j.batch_id GROUP BY "
                                      "b.department_id, j.code",
                                      {}));
    for (const auto& r : codes) {
      by_dep[Int(r, 0)].department_id = Int(r, 0);
      by_dep[Int(r, 0)].rejected_by_code[Text(r, 1)] = Int(r, 2);
    }
    std::vector<IntakeStat> out;
    for (auto& [id, st] : by_dep) out.push_back(std::move(st));
    return out;
  }

  Result<int64_t> InsertListEntry(const ListEntry& e) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(
        auto rows,
        Q("INSERT INTO list_entries (subject_id, list_kind, domain, status, department_id, "
          "basis, facts, notice_document, defence_until, decision_document, valid_from, "
          "valid_until, exit_reason, exited_at, disputed_since, objection_ref, created_at, "
          "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
          "$15, $16, $17, $18) RETURNING id",
          {e.subject_id, e.list_kind, e.domain, e.status, e.department_id, e.basis, e.facts,
           e.notice_document, e.defence_until, e.decision_document, e.valid_from, e.valid_until,
           e.exit_reason, e.exited_at, e.disputed_since, e.objection_ref, e.created_at,
           e.updated_at}));
    return Int(rows.at(0), 0);
  }

  Status UpdateListEntry(const ListEntry& e) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(
        auto rows,
        Q("UPDATE list_entries SET status = $2, notice_document = $3, defence_until = $4, "
          "decision_document = $5, valid_from = $6, valid_until = $7, exit_reason = $8, "
          "exited_at = $9, disputed_since = $10, objection_ref = $11, updated_at = $12 WHERE "
          "id = $1 RETURNING id",
          {e.id, e.status, e.notice_document, e.defence_until, e.decision_document, e.valid_from,
           e.valid_until, e.exit_reason, e.exited_at, e.disputed_since, e.objection_ref,
           e.updated_at}));
    if (rows.empty()) return NotFound("list entry " + std::to_string(e.id) + " does not exist");
    return Status::Ok();
  }

  Result<std::optional<ListEntry>> GetListEntry(int64_t id) override {
    return One<ListEntry>(std::string("SELECT ") + kEntryCols + " FROM list_entries WHERE id = $1",
                          {id}, EntryFrom);
  }

  Result<std::vector<ListEntry>> ListEntriesOfSubject(int64_t subject_id) override {
    XY_ASSIGN_OR_RETURN(auto rows, Q(std::string("SELECT ") + kEntryCols +
                                         " FROM list_entries WHERE subject_id = $1 ORDER BY id",
                                     {subject_id}));
    std::vector<ListEntry> out;
    for (const auto& r : rows) out.push_back(EntryFrom(r));
    return out;
  }

  Status InsertResponsiblePerson(const ResponsiblePerson& p) override {
    XY_RETURN_IF_ERROR(Writable());
    return Q("INSERT INTO responsible_persons (entry_id, person_subject_id, role) VALUES ($1, "
             "$2, $3) ON CONFLICT DO NOTHING",
             {p.entry_id, p.person_subject_id, p.role})
        .status();
  }

  Result<std::vector<ResponsiblePerson>> ResponsiblePersonsOfEntry(int64_t entry_id) override {
    return Persons("entry_id", entry_id);
  }

  Result<std::vector<ResponsiblePerson>> EntriesBindingPerson(int64_t person) override {
    return Persons("person_subject_id", person);
  }

  Result<int64_t> InsertCheck(const CheckRecord& c) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(auto rows,
                        Q("INSERT INTO checks (department_id, actor, subject_id, scenario, at, "
                          "answer_sha256, measures, checked_code, measure_codes) VALUES ($1, $2, "
                          "$3, $4, $5, $6, $7, $8, $9) RETURNING id",
                          {NullableId(c.department_id), c.actor, NullableId(c.subject_id),
                           c.scenario, c.at, c.answer_sha256, c.measures, c.checked_code,
                           c.measure_codes}));
    return Int(rows.at(0), 0);
  }

  Result<std::vector<int64_t>> InsertChecks(const std::vector<CheckRecord>& checks) override {
    XY_RETURN_IF_ERROR(Writable());
    std::vector<int64_t> ids(checks.size(), 0);
    // RETURNING gives the rows in no promised order, and checks have no key: they are matched
    // by their whole content. Two checks alike in every column may swap ids, which changes
    // nothing.
    const auto content = [](int64_t department, std::string_view actor, int64_t subject,
                            std::string_view scenario, std::string_view at, std::string_view sha256,
                            int64_t measures) {
      std::string k = std::to_string(department);
      for (std::string_view part : {actor, scenario, at, sha256}) {
        k.push_back('\x1f');
        k.append(part);
      }
      k.push_back('\x1f');
      k.append(std::to_string(subject));
      k.push_back('\x1f');
      k.append(std::to_string(measures));
      return k;
    };
    XY_RETURN_IF_ERROR(ForGroups(checks.size(), [&](size_t at, size_t n) -> Status {
      std::vector<Param> params;
      params.reserve(n * 9);
      std::multimap<std::string, size_t> index;
      for (size_t i = at; i < at + n; ++i) {
        const CheckRecord& c = checks[i];
        index.emplace(content(c.department_id, c.actor, c.subject_id, c.scenario, c.at,
                              c.answer_sha256, c.measures),
                      i);
        for (Param p :
             std::initializer_list<Param>{NullableId(c.department_id), c.actor,
                                          NullableId(c.subject_id), c.scenario, c.at,
                                          c.answer_sha256, c.measures, c.checked_code,
                                          c.measure_codes}) {
          params.push_back(std::move(p));
        }
      }
      XY_ASSIGN_OR_RETURN(
          auto rows,
          Q("INSERT INTO checks (department_id, actor, subject_id, scenario, at, answer_sha256, "
            "measures, checked_code, measure_codes) VALUES " +
                Tuples(n, 9) +
                " RETURNING id, COALESCE(department_id, 0), actor, COALESCE(subject_id, 0), "
                "scenario, at, answer_sha256, measures",
            params));
      for (const auto& r : rows) {
        auto it = index.find(content(Int(r, 1), Text(r, 2), Int(r, 3), Text(r, 4), Text(r, 5),
                                     Text(r, 6), Int(r, 7)));
        if (it == index.end()) return Internal("a check came back from its INSERT changed");
        ids[it->second] = Int(r, 0);
        index.erase(it);
      }
      if (!index.empty()) return Internal("a check inserted gave no id back");
      return Status::Ok();
    }));
    return ids;
  }

  Result<std::optional<CheckRecord>> GetCheck(int64_t id) override {
    return One<CheckRecord>(std::string("SELECT ") + kCheckCols + " FROM checks WHERE id = $1",
                            {id}, CheckFrom);
  }

  Result<std::vector<CheckRecord>> ListChecks(int64_t department_id, int64_t before,
                                              int limit) override {
    std::string sql = std::string("SELECT ") + kCheckCols + " FROM checks WHERE id < $1";
    std::vector<Param> params{before > 0 ? before : std::numeric_limits<int64_t>::max(),
                              int64_t{limit}};
    if (department_id != 0) {
      sql += " AND department_id = $3";
      params.emplace_back(department_id);
    }
    XY_ASSIGN_OR_RETURN(auto rows, Q(sql + " ORDER BY id DESC LIMIT $2", params));
    return Map(rows, CheckFrom);
  }

  Result<std::vector<CheckFeedback>> FeedbackOfCheck(int64_t check_id) override {
    XY_ASSIGN_OR_RETURN(auto rows, Q("SELECT check_id, measure_code, applied, reason, actor, at "
                                     "FROM check_feedback WHERE check_id = $1 ORDER BY "
                                     "measure_code",
                                     {check_id}));
    std::vector<CheckFeedback> out;
    for (const auto& r : rows) {
      out.push_back({Int(r, 0), Text(r, 1), Int(r, 2) != 0, Text(r, 3), Text(r, 4), Text(r, 5)});
    }
    return out;
  }

  Status InsertCheckFeedback(const CheckFeedback& f) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(
        auto rows,
        Q("INSERT INTO check_feedback (check_id, measure_code, applied, reason, "
          "actor, at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING "
          "RETURNING check_id",
          {f.check_id, f.measure_code, int64_t{f.applied ? 1 : 0}, f.reason, f.actor, f.at}));
    if (rows.empty()) {
      return Conflict("feedback on measure " + f.measure_code + " of check " +
                      std::to_string(f.check_id) + " was given already");
    }
    return Status::Ok();
  }

  Result<std::vector<CheckStat>> CheckStats() override {
    std::map<std::pair<int64_t, std::string>, CheckStat> by;
    XY_ASSIGN_OR_RETURN(auto checks, Q("SELECT COALESCE(department_id, 0), scenario, COUNT(*), "
                                       "SUM(measures) FROM checks GROUP BY 1, 2",
                                       {}));
    for (const auto& r : checks) {
      CheckStat& st = by[{Int(r, 0), Text(r, 1)}];
      st.department_id = Int(r, 0);
      st.scenario = Text(r, 1);
      st.checks = Int(r, 2);
      st.measures = Int(r, 3);
    }
    XY_ASSIGN_OR_RETURN(auto fb, Q("SELECT COALESCE(c.department_id, 0), c.scenario, COUNT(*), "
                                   "SUM(f.applied) FROM check_feedback f JOIN checks c ON c.id = "
                                   "f.check_id GROUP BY 1, 2",
                                   {}));
    for (const auto& r : fb) {
      CheckStat& st = by[{Int(r, 0), Text(r, 1)}];
      st.feedback = Int(r, 2);
      st.applied = Int(r, 3);
    }
    std::vector<CheckStat> out;
    for (auto& [key, st] : by) out.push_back(std::move(st));
    return out;
  }

  Result<int64_t> InsertSubscription(const Subscription& s) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(
        auto rows,
        Q("INSERT INTO subscriptions (department_id, name, scope, region, webhook_url, "
          "secret_enc, active, delivered_seq, delivered, attempts, next_attempt_at, last_error, "
          "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
          "$13, $14) RETURNING id",
          {s.department_id, s.name, s.scope, s.region, s.webhook_url, s.secret_enc,
           int64_t{s.active ? 1 : 0}, s.cursor, s.delivered, s.attempts, s.next_attempt_at,
           s.last_error, s.created_at, s.updated_at}));
    return Int(rows.at(0), 0);
  }

  Status UpdateSubscription(const Subscription& s) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(
        auto rows,
        Q("UPDATE subscriptions SET name = $2, webhook_url = $3, secret_enc = $4, active = $5, "
          "delivered_seq = $6, delivered = $7, attempts = $8, next_attempt_at = $9, "
          "last_error = $10, updated_at = $11 WHERE id = $1 RETURNING id",
          {s.id, s.name, s.webhook_url, s.secret_enc, int64_t{s.active ? 1 : 0}, s.cursor,
           s.delivered, s.attempts, s.next_attempt_at, s.last_error, s.updated_at}));
    if (rows.empty()) return NotFound("subscription " + std::to_string(s.id) + " does not exist");
    return Status::Ok();
  }

  Result<std::optional<Subscription>> GetSubscription(int64_t id) override {
    return One<Subscription>(
        std::string("SELECT ") + kSubscriptionCols + " FROM subscriptions WHERE id = $1", {id},
        SubscriptionFrom);
  }

  Result<std::vector<Subscription>> ListSubscriptions() override {
    XY_ASSIGN_OR_RETURN(
        auto rows,
        Q(std::string("SELECT ") + kSubscriptionCols + " FROM subscriptions ORDER BY id", {}));
    std::vector<Subscription> out;
    for (const auto& r : rows) out.push_back(SubscriptionFrom(r));
    return out;
  }

  Status WatchSubject(int64_t subscription_id, int64_t subject_id, bool watch) override {
    XY_RETURN_IF_ERROR(Writable());
    if (watch) {
      return Q("INSERT INTO subscription_subjects (subscription_id, subject_id) VALUES ($1, $2) "
               "ON CONFLICT DO NOTHING",
               {subscription_id, subject_id})
          .status();
    }
    return Q("DELETE FROM subscription_subjects WHERE subscription_id = $1 AND subject_id = $2",
             {subscription_id, subject_id})
        .status();
  }

  Result<std::vector<int64_t>> WatchedSubjects(int64_t subscription_id) override {
    XY_ASSIGN_OR_RETURN(auto rows, Q("SELECT subject_id FROM subscription_subjects WHERE "
                                     "subscription_id = $1 ORDER BY subject_id",
                                     {subscription_id}));
    std::vector<int64_t> out;
    for (const auto& r : rows) out.push_back(Int(r, 0));
    return out;
  }

  TipTables& Tips() override {
    if (!tips_) {
      tips_ = NewSqlTipTables(
          [this](const std::string& sql, const std::vector<Param>& params) {
            return Q(sql, params);
          },
          [this] { return Writable(); });
    }
    return *tips_;
  }

  CommitmentTables& Commitments() override {
    if (!commitments_) {
      commitments_ = NewSqlCommitmentTables(
          [this](const std::string& sql, const std::vector<Param>& params) {
            return Q(sql, params);
          },
          [this] { return Writable(); });
    }
    return *commitments_;
  }

  ReportTables& Reports() override {
    if (!reports_) {
      reports_ = NewSqlReportTables(
          [this](const std::string& sql, const std::vector<Param>& params) {
            return Q(sql, params);
          },
          [this] { return Writable(); });
    }
    return *reports_;
  }

  EvaluationTables& Evaluations() override {
    if (!evaluations_) {
      evaluations_ = NewSqlEvaluationTables(
          [this](const std::string& sql, const std::vector<Param>& params) {
            return Q(sql, params);
          },
          [this] { return Writable(); });
    }
    return *evaluations_;
  }

  MonitoringTables& Monitoring() override {
    if (!monitoring_) {
      monitoring_ = NewSqlMonitoringTables(
          [this](const std::string& sql, const std::vector<Param>& params) {
            return Q(sql, params);
          });
    }
    return *monitoring_;
  }

  TypicalCaseTables& TypicalCases() override {
    if (!cases_) {
      cases_ = NewSqlTypicalCaseTables(
          [this](const std::string& sql, const std::vector<Param>& params) {
            return Q(sql, params);
          },
          [this] { return Writable(); });
    }
    return *cases_;
  }

  Result<int64_t> InsertObjection(const Objection& x) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(
        auto rows,
        Q("INSERT INTO objections (target_kind, target_id, subject_id, department_id, filer_kind, "
          "filer_name, filer_contact, reasons, attachments, token_hash, status, decision, "
          "decision_note, refuse_reason, target_version, submitted_at, accept_due, accepted_at, "
          "verify_due, extension_requested_at, extension_reason, extended, decided_at, close_due, "
          "closed_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
          "$14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26) RETURNING id",
          {x.target_kind,
           x.target_id,
           x.subject_id,
           x.department_id,
           x.filer_kind,
           x.filer_name,
           x.filer_contact,
           x.reasons,
           x.attachments,
           x.token_hash,
           x.status,
           x.decision,
           x.decision_note,
           x.refuse_reason,
           int64_t{x.target_version},
           x.submitted_at,
           x.accept_due,
           x.accepted_at,
           x.verify_due,
           x.extension_requested_at,
           x.extension_reason,
           int64_t{x.extended ? 1 : 0},
           x.decided_at,
           x.close_due,
           x.closed_at,
           x.updated_at}));
    return Int(rows.at(0), 0);
  }

  Status UpdateObjection(const Objection& x) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(
        auto rows,
        Q("UPDATE objections SET status = $2, decision = $3, decision_note = $4, refuse_reason = "
          "$5, target_version = $6, accept_due = $7, accepted_at = $8, verify_due = $9, "
          "extension_requested_at = $10, extension_reason = $11, extended = $12, decided_at = $13, "
          "close_due = $14, closed_at = $15, updated_at = $16, token_hash = $17 WHERE id = $1 "
          "RETURNING id",
          {x.id, x.status, x.decision, x.decision_note, x.refuse_reason, int64_t{x.target_version},
           x.accept_due, x.accepted_at, x.verify_due, x.extension_requested_at, x.extension_reason,
           int64_t{x.extended ? 1 : 0}, x.decided_at, x.close_due, x.closed_at, x.updated_at,
           x.token_hash}));
    if (rows.empty()) return NotFound("objections " + std::to_string(x.id) + " does not exist");
    return Status::Ok();
  }

  Result<std::optional<Objection>> GetObjection(int64_t id) override {
    return One<Objection>(
        std::string("SELECT ") + kObjectionCols + " FROM objections WHERE id = $1", {id},
        ObjectionFrom);
  }

  Result<std::vector<Objection>> ListObjections(std::string_view status) override {
    XY_ASSIGN_OR_RETURN(auto rows,
                        Q(std::string("SELECT ") + kObjectionCols +
                              " FROM objections WHERE $1 = '' OR status = $1 ORDER BY id",
                          {std::string(status)}));
    return Map(rows, ObjectionFrom);
  }

  Result<std::vector<Objection>> ObjectionsOfTarget(std::string_view kind, int64_t id) override {
    XY_ASSIGN_OR_RETURN(auto rows,
                        Q(std::string("SELECT ") + kObjectionCols +
                              " FROM objections WHERE target_kind = $1 AND target_id = $2 "
                              "ORDER BY id",
                          {std::string(kind), id}));
    return Map(rows, ObjectionFrom);
  }

  Result<CaseStep> AppendCaseStep(const CaseStep& s) override {
    XY_RETURN_IF_ERROR(Writable());
    CaseStep x = s;
    XY_ASSIGN_OR_RETURN(auto next, Q("SELECT COALESCE(MAX(seq), 0) + 1 FROM case_steps WHERE "
                                     "case_kind = $1 AND case_id = $2",
                                     {x.case_kind, x.case_id}));
    x.seq = Int(next.at(0), 0);
    XY_RETURN_IF_ERROR(Q("INSERT INTO case_steps (case_kind, case_id, seq, at, actor, step, note) "
                         "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                         {x.case_kind, x.case_id, x.seq, x.at, x.actor, x.step, x.note})
                           .status());
    return x;
  }

  Result<std::vector<CaseStep>> ListCaseSteps(std::string_view kind, int64_t id) override {
    XY_ASSIGN_OR_RETURN(auto rows, Q(std::string("SELECT ") + kCaseStepCols +
                                         " FROM case_steps WHERE case_kind = $1 AND case_id = $2 "
                                         "ORDER BY seq",
                                     {std::string(kind), id}));
    return Map(rows, CaseStepFrom);
  }

  Result<int64_t> InsertRepair(const Repair& x) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(
        auto rows,
        Q("INSERT INTO repairs (target_kind, target_id, subject_id, applicant_name, "
          "applicant_contact, evidence, token_hash, status, conditions, review_due, decided_at, "
          "decision_note, restore_until, revoked_at, submitted_at, updated_at) VALUES ($1, $2, $3, "
          "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
          {x.target_kind, x.target_id, x.subject_id, x.applicant_name, x.applicant_contact,
           x.evidence, x.token_hash, x.status, x.conditions, x.review_due, x.decided_at,
           x.decision_note, x.restore_until, x.revoked_at, x.submitted_at, x.updated_at}));
    return Int(rows.at(0), 0);
  }

  Status UpdateRepair(const Repair& x) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(
        auto rows, Q("UPDATE repairs SET status = $2, conditions = $3, review_due = $4, decided_at "
                     "= $5, decision_note = $6, restore_until = $7, revoked_at = $8, updated_at = "
                     "$9, token_hash = $10 WHERE id = $1 RETURNING id",
                     {x.id, x.status, x.conditions, x.review_due, x.decided_at, x.decision_note,
                      x.restore_until, x.revoked_at, x.updated_at, x.token_hash}));
    if (rows.empty()) return NotFound("repairs " + std::to_string(x.id) + " does not exist");
    return Status::Ok();
  }

  Result<std::optional<Repair>> GetRepair(int64_t id) override {
    return One<Repair>(std::string("SELECT ") + kRepairCols + " FROM repairs WHERE id = $1", {id},
                       RepairFrom);
  }

  Result<std::vector<Repair>> ListRepairs(std::string_view status) override {
    XY_ASSIGN_OR_RETURN(auto rows, Q(std::string("SELECT ") + kRepairCols +
                                         " FROM repairs WHERE $1 = '' OR status = $1 ORDER BY id",
                                     {std::string(status)}));
    return Map(rows, RepairFrom);
  }

  Result<std::vector<Repair>> RepairsOfSubject(int64_t subject_id) override {
    XY_ASSIGN_OR_RETURN(auto rows, Q(std::string("SELECT ") + kRepairCols +
                                         " FROM repairs WHERE subject_id = $1 ORDER BY id",
                                     {subject_id}));
    return Map(rows, RepairFrom);
  }

  Result<int64_t> InsertAuthorisation(const Authorisation& x) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(
        auto rows, Q("INSERT INTO authorisations (subject_id, grantee_department_id, purpose, "
                     "valid_from, valid_until, granted_by, granted_at, withdrawn_at) VALUES ($1, "
                     "$2, $3, $4, $5, $6, $7, $8) RETURNING id",
                     {x.subject_id, x.grantee_department_id, x.purpose, x.valid_from, x.valid_until,
                      x.granted_by, x.granted_at, x.withdrawn_at}));
    return Int(rows.at(0), 0);
  }

  Status UpdateAuthorisation(const Authorisation& x) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(auto rows,
                        Q("UPDATE authorisations SET withdrawn_at = $2 WHERE id = $1 RETURNING id",
                          {x.id, x.withdrawn_at}));
    if (rows.empty()) return NotFound("authorisations " + std::to_string(x.id) + " does not exist");
    return Status::Ok();
  }

  Result<std::optional<Authorisation>> GetAuthorisation(int64_t id) override {
    return One<Authorisation>(
        std::string("SELECT ") + kAuthorisationCols + " FROM authorisations WHERE id = $1", {id},
        AuthorisationFrom);
  }

  Result<std::vector<Authorisation>> AuthorisationsOfSubject(int64_t subject_id) override {
    XY_ASSIGN_OR_RETURN(auto rows, Q(std::string("SELECT ") + kAuthorisationCols +
                                         " FROM authorisations WHERE subject_id = $1 ORDER BY id",
                                     {subject_id}));
    return Map(rows, AuthorisationFrom);
  }

  Result<int64_t> InsertQueryLog(const QueryLogEntry& x) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(
        auto rows,
        Q("INSERT INTO query_log (subject_id, department_id, actor, purpose, authorisation_id, at, "
          "what) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
          {x.subject_id, x.department_id, x.actor, x.purpose, x.authorisation_id, x.at, x.what}));
    return Int(rows.at(0), 0);
  }

  Result<std::vector<QueryLogEntry>> QueryLogOfSubject(int64_t subject_id, int limit) override {
    XY_ASSIGN_OR_RETURN(auto rows, Q(std::string("SELECT ") + kQueryLogEntryCols +
                                         " FROM query_log WHERE subject_id = $1 ORDER BY id DESC "
                                         "LIMIT $2",
                                     {subject_id, int64_t{limit}}));
    return Map(rows, QueryLogFrom);
  }

  Result<int64_t> InsertNotice(const Notice& n) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(auto rows, Q("INSERT INTO notices (department_id, subject_id, kind, ref, "
                                     "message, created_at, read_at) VALUES ($1, $2, $3, $4, $5, "
                                     "$6, $7) RETURNING id",
                                     {n.department_id, n.subject_id, n.kind, n.ref, n.message,
                                      n.created_at, n.read_at}));
    return Int(rows.at(0), 0);
  }

  Status UpdateNotice(const Notice& n) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(auto rows, Q("UPDATE notices SET read_at = $2 WHERE id = $1 RETURNING id",
                                     {n.id, n.read_at}));
    if (rows.empty()) return NotFound("notice " + std::to_string(n.id) + " does not exist");
    return Status::Ok();
  }

  Result<int64_t> InsertAnnouncement(const Announcement& a) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(
        auto rows,
        Q("INSERT INTO announcements (title, body, author, published_at, "
          "withdrawn_at, withdraw_reason) VALUES ($1, $2, $3, $4, $5, $6) "
          "RETURNING id",
          {a.title, a.body, a.author, a.published_at, a.withdrawn_at, a.withdraw_reason}));
    return Int(rows.at(0), 0);
  }

  Status UpdateAnnouncement(const Announcement& a) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(auto rows, Q("UPDATE announcements SET withdrawn_at = $2, "
                                     "withdraw_reason = $3 WHERE id = $1 RETURNING id",
                                     {a.id, a.withdrawn_at, a.withdraw_reason}));
    if (rows.empty()) return NotFound("announcement " + std::to_string(a.id) + " does not exist");
    return Status::Ok();
  }

  Result<std::optional<Announcement>> GetAnnouncement(int64_t id) override {
    return One<Announcement>(
        std::string("SELECT ") + kAnnouncementCols + " FROM announcements WHERE id = $1", {id},
        AnnouncementFrom);
  }

  Result<std::vector<Announcement>> ListAnnouncements(bool with_withdrawn, int limit) override {
    XY_ASSIGN_OR_RETURN(auto rows, Q(std::string("SELECT ") + kAnnouncementCols +
                                         " FROM announcements WHERE $1 = 1 OR withdrawn_at = '' "
                                         "ORDER BY id DESC LIMIT $2",
                                     {int64_t{with_withdrawn ? 1 : 0}, int64_t{limit}}));
    return Map(rows, AnnouncementFrom);
  }

  Status PutProvisionalDeadline(const ProvisionalDeadline& d) override {
    XY_RETURN_IF_ERROR(Writable());
    return Q("INSERT INTO provisional_deadlines (target, field, from_date, working_days, due, "
             "computed_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (target, field) DO UPDATE "
             "SET from_date = $3, working_days = $4, due = $5, computed_at = $6",
             {d.target, d.field, d.from_date, int64_t{d.working_days}, d.due, d.computed_at})
        .status();
  }

  Result<std::vector<ProvisionalDeadline>> ListProvisionalDeadlines() override {
    XY_ASSIGN_OR_RETURN(auto rows,
                        Q("SELECT target, field, from_date, working_days, due, "
                          "computed_at FROM provisional_deadlines ORDER BY target, field",
                          {}));
    return Map(rows, [](const Row& r) {
      return ProvisionalDeadline{Text(r, 0), Text(r, 1), Text(r, 2), static_cast<int>(Int(r, 3)),
                                 Text(r, 4), Text(r, 5)};
    });
  }

  Result<int64_t> InsertBasisConfirmation(const BasisConfirmation& c) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(auto rows, Q("INSERT INTO basis_confirmations (measure_code, document, "
                                     "article, source, note, confirmed_by, confirmed_at) VALUES "
                                     "($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                                     {c.measure_code, c.document, c.article, c.source, c.note,
                                      c.confirmed_by, c.confirmed_at}));
    return Int(rows.at(0), 0);
  }

  Result<std::vector<BasisConfirmation>> ListBasisConfirmations(int64_t after_id) override {
    XY_ASSIGN_OR_RETURN(auto rows, Q("SELECT id, measure_code, document, article, source, note, "
                                     "confirmed_by, confirmed_at FROM basis_confirmations WHERE "
                                     "id > $1 ORDER BY id",
                                     {after_id}));
    return Map(rows, [](const Row& r) {
      return BasisConfirmation{Int(r, 0),  Text(r, 1), Text(r, 2), Text(r, 3),
                               Text(r, 4), Text(r, 5), Text(r, 6), Text(r, 7)};
    });
  }

  Result<int64_t> InsertMessage(const OutboundMessage& m) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(
        auto rows,
        Q("INSERT INTO outbound_messages (purpose, ref, channel, to_sealed, text_sealed, "
          "created_at, next_at, attempts, sent_at, last_error) VALUES ($1, $2, $3, $4, $5, $6, "
          "$7, $8, $9, $10) RETURNING id",
          {m.purpose, m.ref, m.channel, m.to_sealed, m.text_sealed, m.created_at, m.next_at,
           m.attempts, m.sent_at, m.last_error}));
    return Int(rows.at(0), 0);
  }

  Result<std::vector<OutboundMessage>> DueMessages(std::string_view now, int limit) override {
    XY_ASSIGN_OR_RETURN(auto rows,
                        Q("SELECT id, purpose, ref, channel, to_sealed, text_sealed, created_at, "
                          "next_at, attempts, sent_at, last_error FROM outbound_messages WHERE "
                          "sent_at = '' AND next_at <= $1 ORDER BY id LIMIT $2",
                          {std::string(now), int64_t{limit}}));
    return Map(rows, [](const Row& r) {
      return OutboundMessage{Int(r, 0),  Text(r, 1), Text(r, 2), Text(r, 3),
                             Text(r, 4), Text(r, 5), Text(r, 6), Text(r, 7),
                             Int(r, 8),  Text(r, 9), Text(r, 10)};
    });
  }

  Status UpdateMessage(const OutboundMessage& m) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_ASSIGN_OR_RETURN(auto rows, Q("UPDATE outbound_messages SET attempts = $2, next_at = $3, "
                                     "sent_at = $4, last_error = $5 WHERE id = $1 RETURNING id",
                                     {m.id, m.attempts, m.next_at, m.sent_at, m.last_error}));
    if (rows.empty()) return NotFound("message " + std::to_string(m.id) + " does not exist");
    return Status::Ok();
  }

  Status DeleteProvisionalDeadline(std::string_view target, std::string_view field) override {
    XY_RETURN_IF_ERROR(Writable());
    return Q("DELETE FROM provisional_deadlines WHERE target = $1 AND field = $2",
             {std::string(target), std::string(field)})
        .status();
  }

  Result<std::optional<Notice>> GetNotice(int64_t id) override {
    return One<Notice>(std::string("SELECT ") + kNoticeCols + " FROM notices WHERE id = $1", {id},
                       NoticeFrom);
  }

  Result<std::vector<Notice>> NoticesOfDepartment(int64_t department_id, bool unread_only,
                                                  int limit) override {
    XY_ASSIGN_OR_RETURN(auto rows,
                        Q(std::string("SELECT ") + kNoticeCols +
                              " FROM notices WHERE department_id = $1 AND ($2 = 0 OR "
                              "read_at = '') ORDER BY id DESC LIMIT $3",
                          {department_id, int64_t{unread_only ? 1 : 0}, int64_t{limit}}));
    return Map(rows, NoticeFrom);
  }

  Result<std::vector<CheckRecord>> ChecksOfSubject(int64_t subject_id, std::string_view since,
                                                   int limit) override {
    XY_ASSIGN_OR_RETURN(auto rows, Q(std::string("SELECT ") + kCheckCols +
                                         " FROM checks WHERE subject_id = $1 AND at >= $3 "
                                         "ORDER BY id DESC LIMIT $2",
                                     {subject_id, int64_t{limit}, std::string(since)}));
    return Map(rows, CheckFrom);
  }

  Result<std::vector<Record>> RecordsPastDisplay(std::string_view today, int limit) override {
    XY_ASSIGN_OR_RETURN(auto rows, Q(std::string("SELECT ") + kRecordCols +
                                         " FROM records WHERE display_ended_at = '' AND "
                                         "display_published = 1 AND display_until <> '' AND "
                                         "display_until < $1 AND status = 'active' ORDER BY "
                                         "display_until, id LIMIT $2",
                                     {std::string(today), int64_t{limit}}));
    return Map(rows, RecordFrom);
  }

  Result<std::vector<ListEntry>> FindListEntries(const EntryQuery& q) override {
    Where w = EntryWhere(q);
    if (q.before_id > 0) w.Add("id < ?", q.before_id);
    std::string order =
        q.public_on.empty() ? " ORDER BY id DESC " : " ORDER BY valid_from DESC, id DESC ";
    std::string tail = w.Tail("LIMIT ? OFFSET ?", {int64_t{q.limit}, int64_t{q.offset}});
    XY_ASSIGN_OR_RETURN(auto rows, Q(std::string("SELECT ") + kEntryCols + " FROM list_entries" +
                                         w.sql() + order + tail,
                                     w.params()));
    return Map(rows, EntryFrom);
  }

  Result<int64_t> CountListEntries(const EntryQuery& q) override {
    Where w = EntryWhere(q);
    std::string sql = "SELECT COUNT(*) FROM list_entries" + w.sql();
    if (q.count_cap > 0) {
      sql = "SELECT COUNT(*) FROM (SELECT 1 FROM list_entries" + w.sql() +
            w.Tail(" LIMIT ?", {q.count_cap}) + ") capped";
    }
    XY_ASSIGN_OR_RETURN(auto rows, Q(sql, w.params()));
    return Int(rows.at(0), 0);
  }

  Result<std::vector<ListMonthCount>> ListMonthCounts() override {
    XY_ASSIGN_OR_RETURN(
        auto rows,
        Q("SELECT m, list_kind, SUM(d), SUM(x) FROM ("
          "SELECT substr(valid_from, 1, 7) AS m, list_kind, 1 AS d, 0 AS x FROM list_entries "
          "WHERE status IN ('decided', 'exited') AND valid_from <> '' "
          "UNION ALL SELECT substr(exited_at, 1, 7) AS m, list_kind, 0 AS d, 1 AS x "
          "FROM list_entries WHERE status = 'exited' AND exited_at <> '') t "
          "GROUP BY m, list_kind ORDER BY m, list_kind",
          {}));
    std::vector<ListMonthCount> out;
    for (const auto& r : rows) out.push_back({Text(r, 0), Text(r, 1), Int(r, 2), Int(r, 3)});
    return out;
  }

  Result<std::vector<ListEntry>> EntriesPastValidity(std::string_view today, int limit) override {
    XY_ASSIGN_OR_RETURN(auto rows, Q(std::string("SELECT ") + kEntryCols +
                                         " FROM list_entries WHERE status = 'decided' AND "
                                         "valid_until <> '' AND valid_until < $1 ORDER BY "
                                         "valid_until, id LIMIT $2",
                                     {std::string(today), int64_t{limit}}));
    return Map(rows, EntryFrom);
  }

  Result<std::vector<ListEntry>> EntriesWithoutEnd(int limit) override {
    XY_ASSIGN_OR_RETURN(auto rows, Q(std::string("SELECT ") + kEntryCols +
                                         " FROM list_entries WHERE status = 'decided' AND "
                                         "valid_until = '' ORDER BY id "
                                         "LIMIT $1",
                                     {int64_t{limit}}));
    return Map(rows, EntryFrom);
  }

  // Takes the event-log head for this transaction (SQLite's IMMEDIATE already holds it;
  // PostgreSQL locks its row FOR UPDATE) and reads it once: after that the head is known here
  // and needs no query per event.
  Status HoldHead() {
    if (!head_locked_ && !dialect_->lock_head.empty()) {
      XY_RETURN_IF_ERROR(Q(dialect_->lock_head, {}).status());
    }
    head_locked_ = true;
    if (!head_) {
      XY_ASSIGN_OR_RETURN(EventHead read, GetEventHead());
      head_ = read;
    }
    return Status::Ok();
  }

  Result<Event> AppendEvent(const EventDraft& draft, std::string_view at) override {
    XY_RETURN_IF_ERROR(Writable());
    XY_RETURN_IF_ERROR(HoldHead());
    Event e = SealEvent(draft, *head_, std::string(at));
    XY_RETURN_IF_ERROR(Q("INSERT INTO events (seq, at, actor, type, entity, payload, prev_hash, "
                         "hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                         {e.seq, e.at, e.actor, e.type, e.entity, e.payload, e.prev_hash, e.hash})
                           .status());
    // The head row is written once, at Commit, in the same transaction.
    head_ = EventHead{e.seq, e.hash};
    head_dirty_ = true;
    return e;
  }

  Status AppendEvents(const std::vector<EventDraft>& drafts, std::string_view at) override {
    return AppendEvents(drafts, std::vector<std::string>(drafts.size(), std::string(at)));
  }

  Status AppendEvents(const std::vector<EventDraft>& drafts,
                      const std::vector<std::string>& ats) override {
    XY_RETURN_IF_ERROR(Writable());
    if (drafts.size() != ats.size()) {
      return InvalidArgument("AppendEvents: " + std::to_string(drafts.size()) + " drafts, " +
                             std::to_string(ats.size()) + " timestamps");
    }
    if (drafts.empty()) return Status::Ok();
    XY_RETURN_IF_ERROR(HoldHead());
    // The chain is sealed here, in order; the rows go in groups.
    std::vector<Event> events;
    events.reserve(drafts.size());
    EventHead head = *head_;
    for (size_t i = 0; i < drafts.size(); ++i) {
      events.push_back(SealEvent(drafts[i], head, ats[i]));
      head = EventHead{events.back().seq, events.back().hash};
    }
    XY_RETURN_IF_ERROR(ForGroups(events.size(), [&](size_t from, size_t n) -> Status {
      std::vector<Param> params;
      params.reserve(n * 8);
      for (size_t i = from; i < from + n; ++i) {
        const Event& e = events[i];
        for (Param p : std::initializer_list<Param>{e.seq, e.at, e.actor, e.type, e.entity,
                                                    e.payload, e.prev_hash, e.hash}) {
          params.push_back(std::move(p));
        }
      }
      return Q("INSERT INTO events (seq, at, actor, type, entity, payload, prev_hash, hash) "
               "VALUES " +
                   Tuples(n, 8),
               params)
          .status();
    }));
    head_ = head;
    head_dirty_ = true;
    return Status::Ok();
  }

  Result<EventHead> GetEventHead() override {
    if (head_dirty_) return *head_;  // appended in this transaction, not yet written
    XY_ASSIGN_OR_RETURN(auto rows, Q("SELECT seq, hash FROM event_head WHERE id = 1", {}));
    if (rows.empty()) return Internal("the event_head row is missing");
    return EventHead{Int(rows[0], 0), Text(rows[0], 1)};
  }

  Result<std::vector<Event>> ReadEvents(int64_t after_seq, int limit) override {
    XY_ASSIGN_OR_RETURN(auto rows,
                        Q("SELECT seq, at, actor, type, entity, payload, prev_hash, hash FROM "
                          "events WHERE seq > $1 ORDER BY seq LIMIT $2",
                          {after_seq, int64_t{limit}}));
    std::vector<Event> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(EventFrom(r));
    return out;
  }

  Result<std::vector<Event>> FindEvents(const EventQuery& q) override {
    Where w;
    w.Add("seq > ?", q.after_seq);
    if (!q.type.empty()) w.Add("type = ?", q.type);
    if (!q.actor.empty()) w.Add("actor = ?", q.actor);
    if (!q.from_at.empty()) w.Add("at >= ?", q.from_at);
    if (!q.to_at.empty()) w.Add("at <= ?", q.to_at);
    if (!q.types.empty()) {
      std::string in = "type IN (";
      for (size_t i = 0; i < q.types.size(); ++i) {
        in += i ? ", ?" : "?";
      }
      in += ")";
      // Each `?` gets its own parameter.
      std::vector<Param> ps(q.types.begin(), q.types.end());
      w.Raw(w.Tail(in, std::move(ps)));
    }
    std::string tail = w.Tail(" ORDER BY seq LIMIT ?", {int64_t{q.limit}});
    XY_ASSIGN_OR_RETURN(auto rows, Q("SELECT seq, at, actor, type, entity, payload, prev_hash, "
                                     "hash FROM events" +
                                         w.sql() + tail,
                                     w.params()));
    return Map(rows, EventFrom);
  }

  Result<std::vector<std::string>> RefreshStaleStatistics() override {
    if (done_) return FailedPrecondition("the transaction has already finished");
    std::vector<std::string> analysed;
    if (dialect_->stale_tables.empty()) return analysed;
    XY_ASSIGN_OR_RETURN(auto rows, Q(dialect_->stale_tables, {}));
    for (const auto& r : rows) {
      const std::string table = Text(r, 0);
      // The names come from the dialect's own query over a fixed list; quoted all the same.
      XY_RETURN_IF_ERROR(conn_->Exec("ANALYZE \"" + table + "\""));
      analysed.push_back(table);
    }
    return analysed;
  }

  Status Commit() override {
    Status s = CommitOrRollBack();
    // Committed or rolled back: the next writer's turn, even if this object lives on.
    if (done_) LeaveTurn();
    return s;
  }

 private:
  Status CommitOrRollBack() {
    if (done_) return FailedPrecondition("the transaction has already finished");
    if (head_dirty_) {
      Status head =
          Q("UPDATE event_head SET seq = $1, hash = $2 WHERE id = 1", {head_->seq, head_->hash})
              .status();
      if (!head.ok()) {
        done_ = true;
        (void)conn_->Exec("ROLLBACK");
        return head;
      }
      head_dirty_ = false;
    }
    done_ = true;
    Status s = conn_->Exec("COMMIT");
    if (!s.ok()) (void)conn_->Exec("ROLLBACK");
    return s;
  }

  void LeaveTurn() {
    if (gate_ != nullptr) {
      gate_->Leave();
      gate_ = nullptr;
    }
  }

  Status Writable() const {
    if (done_) return FailedPrecondition("the transaction has already finished");
    if (mode_ != TxMode::kWrite) {
      return FailedPrecondition("a read transaction cannot change the store");
    }
    return Status::Ok();
  }

  Result<std::vector<Row>> Q(const std::string& sql, const std::vector<Param>& params) {
    if (done_) return FailedPrecondition("the transaction has already finished");
    return conn_->Query(sql, params);
  }

  template <typename T, typename F>
  Result<std::optional<T>> One(const std::string& sql, const std::vector<Param>& params, F from) {
    XY_ASSIGN_OR_RETURN(auto rows, Q(sql, params));
    if (rows.empty()) return std::optional<T>();
    return std::optional<T>(from(rows[0]));
  }

  Result<std::vector<ResponsiblePerson>> Persons(const char* column, int64_t id) {
    XY_ASSIGN_OR_RETURN(auto rows, Q(std::string("SELECT entry_id, person_subject_id, role FROM "
                                                 "responsible_persons WHERE ") +
                                         column + " = $1 ORDER BY entry_id",
                                     {id}));
    std::vector<ResponsiblePerson> out;
    for (const auto& r : rows) out.push_back({Int(r, 0), Int(r, 1), Text(r, 2)});
    return out;
  }

  SqlStore* store_;
  const Dialect* dialect_;
  std::unique_ptr<Connection> conn_;
  TxMode mode_;
  bool done_ = false;
  WriteGate* gate_;
  bool head_locked_ = false;
  std::optional<EventHead> head_;  // known once read or written in this write transaction
  bool head_dirty_ = false;        // head_ moved past the stored head row (written at Commit)
  std::unique_ptr<TipTables> tips_;  // made on first use
  std::unique_ptr<TypicalCaseTables> cases_;  // made on first use
  std::unique_ptr<MonitoringTables> monitoring_;  // made on first use
  std::unique_ptr<CommitmentTables> commitments_;  // made on first use
  std::unique_ptr<ReportTables> reports_;  // made on first use
  std::unique_ptr<EvaluationTables> evaluations_;  // made on first use
};

}  // namespace

SqlStore::SqlStore(Dialect dialect, Connector connect)
    : dialect_(std::move(dialect)), connect_(std::move(connect)) {}

SqlStore::~SqlStore() = default;

Result<std::unique_ptr<SqlStore>> SqlStore::Open(Dialect dialect, Connector connect,
                                                 std::string now) {
  std::unique_ptr<SqlStore> store(new SqlStore(std::move(dialect), std::move(connect)));
  XY_RETURN_IF_ERROR(store->Migrate(now));
  return store;
}

Result<std::unique_ptr<Connection>> SqlStore::Acquire() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
  }
  return connect_();
}

void SqlStore::Release(std::unique_ptr<Connection> conn) {
  if (!conn || conn->broken()) return;
  std::lock_guard lock(mu_);
  if (idle_.size() < 16) idle_.push_back(std::move(conn));
}

Result<std::unique_ptr<Transaction>> SqlStore::Begin(TxMode mode) {
  WriteGate* gate = nullptr;
  if (mode == TxMode::kWrite && dialect_.writer_turn_ms > 0) {
    const auto wait = std::chrono::milliseconds(dialect_.writer_turn_ms);
    if (!writers_.Enter(WriteGate::Clock::now() + wait)) {
      return Unavailable("the database is busy: the other writers of this process kept it for " +
                         std::to_string(wait.count() / 1000) + " s; retry");
    }
    gate = &writers_;
  }
  auto conn = Acquire();
  Status begun = !conn.ok()               ? conn.status()
                 : mode == TxMode::kWrite ? (*conn)->BeginWrite(dialect_.begin_write)
                                          : (*conn)->Exec(dialect_.begin_read);
  if (!begun.ok()) {
    if (gate) gate->Leave();
    return begun;
  }
  return std::unique_ptr<Transaction>(
      std::make_unique<SqlTransaction>(this, &dialect_, std::move(*conn), mode, gate));
}

Status SqlStore::Migrate(const std::string& now) {
  XY_ASSIGN_OR_RETURN(auto conn, Acquire());
  XY_RETURN_IF_ERROR(conn->Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT "
      "NOT NULL, applied_at TEXT NOT NULL)"));
  XY_RETURN_IF_ERROR(conn->BeginWrite(dialect_.begin_write));
  auto fail = [&](Status s) {
    (void)conn->Exec("ROLLBACK");
    return s;
  };
  if (!dialect_.migration_lock.empty()) {
    if (auto r = conn->Query(dialect_.migration_lock, {}); !r.ok()) return fail(r.status());
  }
  auto rows = conn->Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {});
  if (!rows.ok()) return fail(rows.status());
  const int64_t current = Int(rows->at(0), 0);
  const int latest = Migrations().back().version;
  if (current > latest) {
    return fail(FailedPrecondition("the database schema is version " + std::to_string(current) +
                                   " but this program knows only up to " + std::to_string(latest) +
                                   ": run a newer xinyong"));
  }
  for (const auto& m : Migrations()) {
    if (m.version <= current) continue;
    const char* sql = dialect_.name == "sqlite" && m.sqlite_sql ? m.sqlite_sql : m.sql;
    Status s = conn->Exec(ReplaceAll(sql, "{{id}}", dialect_.id_column));
    if (!s.ok()) {
      return fail(Internal("migration " + std::to_string(m.version) + " (" + m.name +
                           ") failed: " + s.message()));
    }
    auto ins =
        conn->Query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                    {int64_t{m.version}, std::string(m.name), now});
    if (!ins.ok()) return fail(ins.status());
  }
  XY_RETURN_IF_ERROR(conn->Exec("COMMIT"));
  Release(std::move(conn));
  return Status::Ok();
}

Result<int> SqlStore::SchemaVersion() {
  XY_ASSIGN_OR_RETURN(auto conn, Acquire());
  auto rows = conn->Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {});
  Release(std::move(conn));
  if (!rows.ok()) return rows.status();
  return static_cast<int>(Int(rows->at(0), 0));
}

Status SqlStore::Backup(const std::string& out_path) {
  if (!backup_) {
    return FailedPrecondition("xinyong backup copies the embedded SQLite store; for " +
                              dialect_.name +
                              " use the database's own tools (pg_dump), see docs/operations.md");
  }
  XY_ASSIGN_OR_RETURN(auto conn, Acquire());
  Status s = backup_(*conn, out_path);
  Release(std::move(conn));
  return s;
}

}  // namespace xinyong::sql
