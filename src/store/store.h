// Store: the one door to persistent state.
//
// Three implementations: SQLite (embedded default, src/store/sqlite), PostgreSQL (production,
// src/store/postgres), memory (tests, src/store/memory). No database type appears outside
// those folders. All reads and writes happen inside a Transaction; a write transaction either
// commits every change and every event it appended, or none (destroying an uncommitted
// transaction rolls it back).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/account.h"
#include "domain/basis_confirmation.h"
#include "domain/deadline.h"
#include "domain/event.h"
#include "domain/list_entry.h"
#include "domain/message.h"
#include "domain/record.h"
#include "domain/rights.h"
#include "domain/subject.h"
#include "domain/subscription.h"
#include "store/commitment_tables.h"
#include "store/evaluation_tables.h"
#include "store/monitoring_tables.h"
#include "store/report_tables.h"
#include "store/tip_tables.h"
#include "store/typical_case_tables.h"

namespace xinyong {

// What a new subject is made of. `identifiers` must be non-empty.
struct SubjectDraft {
  SubjectKind kind = SubjectKind::kLegalPerson;
  std::string name;
  std::string region;
  std::vector<StoredIdentifier> identifiers;
  std::string at;  // creation time
};

// Filters of the browsing queries (console tables, public pages). Empty strings and zero ids
// mean "any". Paging is newest first: by `before_id` (keyset, for the console) or by `offset`
// (for public pages, whose depth the service caps).
struct RecordQuery {
  int64_t department_id = 0;
  std::string item_code;
  std::vector<std::string> item_codes;  // any of these (with item_code, both must hold)
  std::string status;        // "active", "revoked"
  std::string decided_from;  // YYYY-MM-DD, inclusive
  std::string decided_to;    // YYYY-MM-DD, inclusive
  // Set: only records PubliclyVisible that day, of subjects that are not natural persons,
  // ordered by decision date (newest first). Unset: ordered by id (newest first).
  std::string public_on;
  int64_t before_id = 0;
  int limit = 50;
  int offset = 0;
  int64_t count_cap = 0;  // CountRecordsWhere stops at this many (0 = count them all)
};

struct EntryQuery {
  int64_t department_id = 0;  // the initiating department
  std::string list_kind;
  std::string status;
  std::string domain;
  std::string public_on;  // set: only entries PubliclyListed that day, by valid_from, newest first
  int64_t before_id = 0;
  int limit = 50;
  int offset = 0;
  int64_t count_cap = 0;  // CountListEntries stops at this many (0 = count them all)
};

// List changes per month (YYYY-MM): entries decided (by valid_from) and exited (by exited_at).
struct ListMonthCount {
  std::string month;
  std::string list_kind;
  int64_t decided = 0;
  int64_t exited = 0;
};

struct EventQuery {
  int64_t after_seq = 0;
  int limit = 100;
  std::string type;     // exact
  std::string actor;    // exact
  std::string from_at;  // timestamps, inclusive bounds on `at`
  std::string to_at;
  std::vector<std::string> types;  // any of these (with `type`, both must hold)
};

// What the check needs of one active record of a subject: the columns of one covering index
// (records_facts), so that a check never reads the records' rows.
struct RecordFactRow {
  int64_t id = 0;
  std::string item_code;
  Nature nature = Nature::kNeutral;
  std::string decision_date;
  std::string disputed_since;  // "" = not disputed
  std::string objection_ref;
  int64_t department_id = 0;   // the department that submitted it
  std::string source_key;      // its key for that department (the decision number for most items)
};

// A subject's kind and current name: what intake compares a row's subject with.
struct SubjectHead {
  int64_t id = 0;
  SubjectKind kind = SubjectKind::kLegalPerson;
  std::string name;
};

// A record with the content hash of its current version: what intake compares a row with.
struct RecordWithHash {
  Record record;
  std::string current_hash;  // "" when the current version is missing
};

// What the name search index holds of a subject: its current name and its public code.
struct SubjectIndexRow {
  int64_t id = 0;
  SubjectKind kind = SubjectKind::kLegalPerson;
  std::string name;
  std::string region;
  std::string code;  // the 统一社会信用代码 (or first identifier) as displayed
};

// One unit of work. Not thread-safe: one thread uses it at a time. Methods of a read
// transaction that would write fail with failed_precondition.
class Transaction {
 public:
  virtual ~Transaction() = default;

  // --- Subjects ---
  // conflict if one of the identifiers belongs to another subject already.
  virtual Result<int64_t> InsertSubject(const SubjectDraft& draft) = 0;
  // The subject holding this identifier, or nullopt.
  virtual Result<std::optional<int64_t>> FindSubjectId(IdKind kind, std::string_view lookup) = 0;
  // The subjects holding any of these identifiers of one kind: (lookup, subject id) pairs, in
  // no particular order. Intake asks once per chunk of rows.
  virtual Result<std::vector<std::pair<std::string, int64_t>>> FindSubjectIds(
      IdKind kind, const std::vector<std::string>& lookups) = 0;
  // not_found when there is no subject with this id.
  virtual Result<Subject> GetSubject(int64_t id) = 0;
  // The subject holding this identifier, as GetSubject without the name history (`names`
  // stays empty), or nullopt: the check's lookup, in one query.
  virtual Result<std::optional<Subject>> FindSubjectCurrent(IdKind kind,
                                                            std::string_view lookup) = 0;
  // Kind and current name of those of `ids` that exist, in no particular order.
  virtual Result<std::vector<SubjectHead>> SubjectHeads(const std::vector<int64_t>& ids) = 0;
  // Closes the current name at `at` and makes `name` current; the old name stays in history.
  virtual Status RenameSubject(int64_t id, std::string_view name, std::string_view at) = 0;
  // conflict if the identifier belongs to another subject.
  virtual Status AddIdentifier(int64_t subject_id, const StoredIdentifier& id) = 0;
  virtual Result<int64_t> CountSubjects() = 0;
  // Subjects with id > after_id in id order, at most `limit`, as the search index needs them.
  virtual Result<std::vector<SubjectIndexRow>> SubjectsForIndex(int64_t after_id, int limit) = 0;
  virtual Result<std::optional<SubjectIndexRow>> SubjectForIndex(int64_t id) = 0;

  // --- Accounts ---
  virtual Result<int64_t> InsertDepartment(const Department& d) = 0;  // conflict on code
  virtual Result<std::optional<Department>> FindDepartmentByCode(std::string_view code) = 0;
  virtual Result<std::optional<Department>> GetDepartment(int64_t id) = 0;
  virtual Result<std::vector<Department>> ListDepartments() = 0;
  virtual Result<int64_t> InsertUser(const User& u) = 0;  // conflict on username
  virtual Result<std::optional<User>> FindUserByName(std::string_view username) = 0;
  virtual Result<std::optional<User>> GetUser(int64_t id) = 0;
  virtual Result<std::vector<User>> ListUsers() = 0;
  virtual Result<int64_t> InsertApiKey(const ApiKey& k) = 0;
  virtual Result<std::optional<ApiKey>> FindApiKeyByHash(std::string_view key_hash) = 0;
  virtual Status InsertSession(const SessionRecord& s) = 0;
  virtual Result<std::optional<SessionRecord>> FindSession(std::string_view token_hash) = 0;
  virtual Status DeleteSession(std::string_view token_hash) = 0;
  // Withdrawing credentials: a user's password and active flag; a key's revoked_at; every
  // session of a user. not_found when the user or key does not exist.
  virtual Status UpdateUserCredentials(int64_t user_id, std::string_view password_hash,
                                       bool active) = 0;
  virtual Result<std::vector<ApiKey>> ListApiKeys() = 0;
  virtual Status RevokeApiKey(int64_t id, std::string_view at) = 0;
  virtual Status DeleteSessionsOfUser(int64_t user_id) = 0;

  // --- Intake: batches, records, versions, rejections ---
  virtual Result<int64_t> InsertBatch(const Batch& b) = 0;
  // Sets the counts and status of a batch.
  virtual Status UpdateBatch(const Batch& b) = 0;
  virtual Result<std::optional<Batch>> GetBatch(int64_t id) = 0;
  virtual Status InsertRejection(const Rejection& r) = 0;
  virtual Result<std::vector<Rejection>> ListRejections(int64_t batch_id) = 0;
  // The record a department keeps under `source_key` for an item, or nullopt.
  virtual Result<std::optional<Record>> FindRecord(int64_t department_id,
                                                   std::string_view item_code,
                                                   std::string_view source_key) = 0;
  // The records a department keeps under any of `source_keys` for an item (those that exist,
  // in no particular order), each with its current version's content hash. Intake asks once
  // per chunk of rows instead of once per row.
  virtual Result<std::vector<RecordWithHash>> FindRecordsByKeys(
      int64_t department_id, std::string_view item_code,
      const std::vector<std::string>& source_keys) = 0;
  // conflict when (department, item, source key) exists already.
  virtual Result<int64_t> InsertRecord(const Record& r) = 0;
  // InsertRecord for each, in few statements; the ids in the order of `records`. conflict
  // when one of them exists already (or two of them share a key).
  virtual Result<std::vector<int64_t>> InsertRecords(const std::vector<Record>& records) = 0;
  // Overwrites the mutable state of record r.id (version, status, display, revocation).
  virtual Status UpdateRecord(const Record& r) = 0;
  virtual Result<std::optional<Record>> GetRecord(int64_t id) = 0;
  virtual Result<std::vector<Record>> ListRecordsOfSubject(int64_t subject_id) = 0;
  // The subject's active (not revoked) records as the check sees them, newest decision first
  // (then highest id), as ListRecordsOfSubject.
  virtual Result<std::vector<RecordFactRow>> ActiveRecordFacts(int64_t subject_id) = 0;
  virtual Status InsertRecordVersion(const RecordVersion& v) = 0;
  // InsertRecordVersion for each, in few statements.
  virtual Status InsertRecordVersions(const std::vector<RecordVersion>& versions) = 0;
  // Oldest first.
  virtual Result<std::vector<RecordVersion>> ListRecordVersions(int64_t record_id) = 0;
  virtual Result<int64_t> CountRecords() = 0;
  virtual Result<std::vector<Record>> FindRecords(const RecordQuery& q) = 0;
  // How many records match `q` (paging fields ignored).
  virtual Result<int64_t> CountRecordsWhere(const RecordQuery& q) = 0;
  // Batches of a department (0 = all), id < before_id when > 0, newest first.
  virtual Result<std::vector<Batch>> FindBatches(int64_t department_id, int64_t before_id,
                                                 int limit) = 0;
  virtual Result<std::vector<IntakeStat>> IntakeStats() = 0;

  // --- Lists, responsible persons, checks ---
  virtual Result<int64_t> InsertListEntry(const ListEntry& e) = 0;
  // Overwrites the mutable state of entry e.id.
  virtual Status UpdateListEntry(const ListEntry& e) = 0;
  virtual Result<std::optional<ListEntry>> GetListEntry(int64_t id) = 0;
  virtual Result<std::vector<ListEntry>> ListEntriesOfSubject(int64_t subject_id) = 0;
  virtual Result<std::vector<ListEntry>> FindListEntries(const EntryQuery& q) = 0;
  virtual Result<int64_t> CountListEntries(const EntryQuery& q) = 0;
  // Every month with a decision or an exit, oldest first.
  virtual Result<std::vector<ListMonthCount>> ListMonthCounts() = 0;
  virtual Status InsertResponsiblePerson(const ResponsiblePerson& r) = 0;
  virtual Result<std::vector<ResponsiblePerson>> ResponsiblePersonsOfEntry(int64_t entry_id) = 0;
  // The entries that bind this natural person as a responsible person.
  virtual Result<std::vector<ResponsiblePerson>> EntriesBindingPerson(
      int64_t person_subject_id) = 0;
  virtual Result<int64_t> InsertCheck(const CheckRecord& c) = 0;
  // InsertCheck for each, in few statements; the ids in the order of `checks`.
  virtual Result<std::vector<int64_t>> InsertChecks(const std::vector<CheckRecord>& checks) = 0;
  virtual Result<std::optional<CheckRecord>> GetCheck(int64_t id) = 0;
  // Checks of one department (0 = every department), newest first, with ids below `before`
  // (0 = from the newest), at most `limit`.
  virtual Result<std::vector<CheckRecord>> ListChecks(int64_t department_id, int64_t before,
                                                      int limit) = 0;
  // The feedback given on a check, by measure code.
  virtual Result<std::vector<CheckFeedback>> FeedbackOfCheck(int64_t check_id) = 0;
  // conflict when feedback on that measure of that check was given already.
  virtual Status InsertCheckFeedback(const CheckFeedback& f) = 0;
  // Ordered by department, then scenario.
  virtual Result<std::vector<CheckStat>> CheckStats() = 0;

  // --- Subscriptions (信息推送) ---
  virtual Result<int64_t> InsertSubscription(const Subscription& s) = 0;
  // Overwrites the mutable state of subscription s.id (name, webhook, active, delivery state).
  virtual Status UpdateSubscription(const Subscription& s) = 0;
  virtual Result<std::optional<Subscription>> GetSubscription(int64_t id) = 0;
  // Every subscription, by id.
  virtual Result<std::vector<Subscription>> ListSubscriptions() = 0;
  // Adding a subject already watched, or removing one not watched, changes nothing.
  virtual Status WatchSubject(int64_t subscription_id, int64_t subject_id, bool watch) = 0;
  // Ascending subject ids.
  virtual Result<std::vector<int64_t>> WatchedSubjects(int64_t subscription_id) = 0;

  // --- Display windows ---
  // Active, published records whose window ended before `today` and whose end was not carried
  // out yet (display_ended_at ""), oldest end first, at most `limit`.
  virtual Result<std::vector<Record>> RecordsPastDisplay(std::string_view today, int limit) = 0;
  // Decided list entries whose validity ended before `today`, at most `limit`.
  virtual Result<std::vector<ListEntry>> EntriesPastValidity(std::string_view today, int limit) = 0;
  // Decided list entries without an end date (decided before every entry had to end), oldest
  // id first, at most `limit`.
  virtual Result<std::vector<ListEntry>> EntriesWithoutEnd(int limit) = 0;

  // --- Objections, repairs, case steps ---
  virtual Result<int64_t> InsertObjection(const Objection& o) = 0;
  // Overwrites the workflow state of objection o.id, and its token_hash (a 查询码 sent again).
  virtual Status UpdateObjection(const Objection& o) = 0;
  virtual Result<std::optional<Objection>> GetObjection(int64_t id) = 0;
  // By id; `status` "" = every status.
  virtual Result<std::vector<Objection>> ListObjections(std::string_view status) = 0;
  // Objections about one record or list entry, by id.
  virtual Result<std::vector<Objection>> ObjectionsOfTarget(std::string_view kind, int64_t id) = 0;
  // Appends the next step of a case (its seq is assigned: 1, 2, …) and returns it.
  virtual Result<CaseStep> AppendCaseStep(const CaseStep& s) = 0;
  virtual Result<std::vector<CaseStep>> ListCaseSteps(std::string_view kind, int64_t id) = 0;
  virtual Result<int64_t> InsertRepair(const Repair& r) = 0;
  virtual Status UpdateRepair(const Repair& r) = 0;
  virtual Result<std::optional<Repair>> GetRepair(int64_t id) = 0;
  virtual Result<std::vector<Repair>> ListRepairs(std::string_view status) = 0;
  virtual Result<std::vector<Repair>> RepairsOfSubject(int64_t subject_id) = 0;

  // --- Authorised queries and the query log ---
  virtual Result<int64_t> InsertAuthorisation(const Authorisation& a) = 0;
  // Sets withdrawn_at.
  virtual Status UpdateAuthorisation(const Authorisation& a) = 0;
  virtual Result<std::optional<Authorisation>> GetAuthorisation(int64_t id) = 0;
  virtual Result<std::vector<Authorisation>> AuthorisationsOfSubject(int64_t subject_id) = 0;
  virtual Result<int64_t> InsertQueryLog(const QueryLogEntry& q) = 0;
  // Newest first, at most `limit`.
  virtual Result<std::vector<QueryLogEntry>> QueryLogOfSubject(int64_t subject_id, int limit) = 0;
  virtual Result<int64_t> InsertNotice(const Notice& n) = 0;
  // Sets read_at.
  virtual Status UpdateNotice(const Notice& n) = 0;
  virtual Result<std::optional<Notice>> GetNotice(int64_t id) = 0;
  // A department's notices, newest first, at most `limit`; `unread_only` skips read ones.
  virtual Result<std::vector<Notice>> NoticesOfDepartment(int64_t department_id, bool unread_only,
                                                          int limit) = 0;
  virtual Result<int64_t> InsertAnnouncement(const Announcement& a) = 0;
  // Sets withdrawn_at and withdraw_reason.
  virtual Status UpdateAnnouncement(const Announcement& a) = 0;
  virtual Result<std::optional<Announcement>> GetAnnouncement(int64_t id) = 0;
  // Newest first, at most `limit`; withdrawn ones only when `with_withdrawn`.
  virtual Result<std::vector<Announcement>> ListAnnouncements(bool with_withdrawn, int limit) = 0;
  // Checks made of a subject at or after `since` (a timestamp; "" = all), newest first, at most
  // `limit`.
  virtual Result<std::vector<CheckRecord>> ChecksOfSubject(int64_t subject_id,
                                                           std::string_view since, int limit) = 0;

  // --- Provisional deadlines (counted through a year without its holiday notice) ---
  // Inserts, or replaces the one of the same target and field.
  virtual Status PutProvisionalDeadline(const ProvisionalDeadline& d) = 0;
  // By target, then field.
  virtual Result<std::vector<ProvisionalDeadline>> ListProvisionalDeadlines() = 0;
  // No error when there is none.
  virtual Status DeleteProvisionalDeadline(std::string_view target, std::string_view field) = 0;

  // --- Messages to filers (service/messages) ---
  virtual Result<int64_t> InsertMessage(const OutboundMessage& m) = 0;
  // Unsent messages whose next_at is at or before `now`, by id, at most `limit`.
  virtual Result<std::vector<OutboundMessage>> DueMessages(std::string_view now, int limit) = 0;
  // Overwrites attempts, next_at, sent_at and last_error of message m.id.
  virtual Status UpdateMessage(const OutboundMessage& m) = 0;

  // --- Confirmations of measures' legal bases (service/measures) ---
  virtual Result<int64_t> InsertBasisConfirmation(const BasisConfirmation& c) = 0;
  // Confirmations with id > after_id, by id.
  virtual Result<std::vector<BasisConfirmation>> ListBasisConfirmations(int64_t after_id) = 0;

  // --- Tips (举报): the store's part of capability 15 (store/tip_tables.h) ---
  virtual TipTables& Tips() = 0;
  // --- Typical cases (典型案例) (store/typical_case_tables.h) ---
  virtual TypicalCaseTables& TypicalCases() = 0;
  // --- The monthly monitoring (跟踪问效) (store/monitoring_tables.h) ---
  virtual MonitoringTables& Monitoring() = 0;
  // --- Commitments (信用承诺): capability 9 (store/commitment_tables.h) ---
  virtual CommitmentTables& Commitments() = 0;
  // --- Credit reports (信用报告): capability 11 (store/report_tables.h) ---
  virtual ReportTables& Reports() = 0;
  // --- The evaluation (公共信用综合评价): capability 10 (store/evaluation_tables.h) ---
  virtual EvaluationTables& Evaluations() = 0;

  // --- Event log ---
  // Appends the next event after the current head, stamped `at`, and advances the head.
  virtual Result<Event> AppendEvent(const EventDraft& draft, std::string_view at) = 0;
  // AppendEvent for each draft in order, all stamped `at`, in few statements.
  virtual Status AppendEvents(const std::vector<EventDraft>& drafts, std::string_view at) = 0;
  // As AppendEvents, draft i stamped ats[i] (invalid_argument unless the sizes match).
  virtual Status AppendEvents(const std::vector<EventDraft>& drafts,
                              const std::vector<std::string>& ats) = 0;
  virtual Result<EventHead> GetEventHead() = 0;
  // Events with seq > after_seq in ascending order, at most `limit`.
  virtual Result<std::vector<Event>> ReadEvents(int64_t after_seq, int limit) = 0;
  // As ReadEvents, keeping only the events that match the filters of `q`.
  virtual Result<std::vector<Event>> FindEvents(const EventQuery& q) = 0;

  // A hint for an import: the tables it grows (records, their versions, subjects and their
  // identifiers) are analysed now if they changed much since their statistics were last
  // gathered, so that the planner does not go on treating a table of a million rows as the
  // few it held before the import. Only PostgreSQL acts on it (ANALYZE; its autovacuum would
  // too, later); the names of the tables analysed.
  virtual Result<std::vector<std::string>> RefreshStaleStatistics() {
    return std::vector<std::string>();
  }

  // Makes every change durable. After Commit (ok or not) the transaction is finished.
  virtual Status Commit() = 0;
};

enum class TxMode { kRead, kWrite };

// Thread-safe: any thread may Begin transactions.
class Store {
 public:
  virtual ~Store() = default;
  // unavailable when the database cannot be reached.
  virtual Result<std::unique_ptr<Transaction>> Begin(TxMode mode) = 0;
  // A consistent copy taken while the store serves (SQLite only; see docs/operations.md).
  virtual Status Backup(const std::string& out_path) = 0;
  // "sqlite", "postgres" or "memory".
  virtual std::string_view Kind() const = 0;
  // The schema version after migrations.
  virtual Result<int> SchemaVersion() = 0;
};

}  // namespace xinyong
