// Test support: a Store and Transaction that pass every call on to another store, for tests
// that inject faults or hold a writer at a chosen point. Subclass and override what the test
// needs; everything else behaves as the wrapped store.
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "store/store.h"

namespace xinyong::testing {

class ForwardingTransaction : public Transaction {
 public:
  explicit ForwardingTransaction(std::unique_ptr<Transaction> in) : in_(std::move(in)) {}

  TipTables& Tips() override { return in_->Tips(); }
  TypicalCaseTables& TypicalCases() override { return in_->TypicalCases(); }
  MonitoringTables& Monitoring() override { return in_->Monitoring(); }
  CommitmentTables& Commitments() override { return in_->Commitments(); }
  ReportTables& Reports() override { return in_->Reports(); }
  EvaluationTables& Evaluations() override { return in_->Evaluations(); }
  Result<int64_t> InsertSubject(const SubjectDraft& draft) override {
    return in_->InsertSubject(draft);
  }
  Result<std::optional<int64_t>> FindSubjectId(IdKind kind, std::string_view lookup) override {
    return in_->FindSubjectId(kind, lookup);
  }
  Result<Subject> GetSubject(int64_t id) override { return in_->GetSubject(id); }
  Result<std::optional<Subject>> FindSubjectCurrent(IdKind kind, std::string_view lookup) override {
    return in_->FindSubjectCurrent(kind, lookup);
  }
  Status RenameSubject(int64_t id, std::string_view name, std::string_view at) override {
    return in_->RenameSubject(id, name, at);
  }
  Status AddIdentifier(int64_t subject_id, const StoredIdentifier& id) override {
    return in_->AddIdentifier(subject_id, id);
  }
  Result<int64_t> CountSubjects() override { return in_->CountSubjects(); }
  Result<std::vector<SubjectIndexRow>> SubjectsForIndex(int64_t after_id, int limit) override {
    return in_->SubjectsForIndex(after_id, limit);
  }
  Result<std::optional<SubjectIndexRow>> SubjectForIndex(int64_t id) override {
    return in_->SubjectForIndex(id);
  }
  Result<int64_t> InsertDepartment(const Department& d) override {
    return in_->InsertDepartment(d);
  }
  Result<std::optional<Department>> FindDepartmentByCode(std::string_view code) override {
    return in_->FindDepartmentByCode(code);
  }
  Result<std::optional<Department>> GetDepartment(int64_t id) override {
    return in_->GetDepartment(id);
  }
  Result<std::vector<Department>> ListDepartments() override { return in_->ListDepartments(); }
  Result<int64_t> InsertUser(const User& u) override { return in_->InsertUser(u); }
  Result<std::optional<User>> FindUserByName(std::string_view username) override {
    return in_->FindUserByName(username);
  }
  Result<std::optional<User>> GetUser(int64_t id) override { return in_->GetUser(id); }
  Result<std::vector<User>> ListUsers() override { return in_->ListUsers(); }
  Result<int64_t> InsertApiKey(const ApiKey& k) override { return in_->InsertApiKey(k); }
  Result<std::optional<ApiKey>> FindApiKeyByHash(std::string_view key_hash) override {
    return in_->FindApiKeyByHash(key_hash);
  }
  Status InsertSession(const SessionRecord& s) override { return in_->InsertSession(s); }
  Result<std::optional<SessionRecord>> FindSession(std::string_view token_hash) override {
    return in_->FindSession(token_hash);
  }
  Status DeleteSession(std::string_view token_hash) override {
    return in_->DeleteSession(token_hash);
  }
  Result<int64_t> InsertBatch(const Batch& b) override { return in_->InsertBatch(b); }
  Status UpdateBatch(const Batch& b) override { return in_->UpdateBatch(b); }
  Result<std::optional<Batch>> GetBatch(int64_t id) override { return in_->GetBatch(id); }
  Status InsertRejection(const Rejection& r) override { return in_->InsertRejection(r); }
  Result<std::vector<Rejection>> ListRejections(int64_t batch_id) override {
    return in_->ListRejections(batch_id);
  }
  Result<std::optional<Record>> FindRecord(int64_t department_id, std::string_view item_code,
                                           std::string_view source_key) override {
    return in_->FindRecord(department_id, item_code, source_key);
  }
  Result<int64_t> InsertRecord(const Record& r) override { return in_->InsertRecord(r); }
  Result<std::vector<std::pair<std::string, int64_t>>> FindSubjectIds(
      IdKind kind, const std::vector<std::string>& lookups) override {
    return in_->FindSubjectIds(kind, lookups);
  }
  Result<std::vector<SubjectHead>> SubjectHeads(const std::vector<int64_t>& ids) override {
    return in_->SubjectHeads(ids);
  }
  Result<std::vector<RecordWithHash>> FindRecordsByKeys(
      int64_t department_id, std::string_view item_code,
      const std::vector<std::string>& source_keys) override {
    return in_->FindRecordsByKeys(department_id, item_code, source_keys);
  }
  Result<std::vector<int64_t>> InsertRecords(const std::vector<Record>& records) override {
    return in_->InsertRecords(records);
  }
  Status InsertRecordVersions(const std::vector<RecordVersion>& versions) override {
    return in_->InsertRecordVersions(versions);
  }
  Status UpdateRecord(const Record& r) override { return in_->UpdateRecord(r); }
  Result<std::optional<Record>> GetRecord(int64_t id) override { return in_->GetRecord(id); }
  Result<std::vector<Record>> ListRecordsOfSubject(int64_t subject_id) override {
    return in_->ListRecordsOfSubject(subject_id);
  }
  Result<std::vector<RecordFactRow>> ActiveRecordFacts(int64_t subject_id) override {
    return in_->ActiveRecordFacts(subject_id);
  }
  Status InsertRecordVersion(const RecordVersion& v) override {
    return in_->InsertRecordVersion(v);
  }
  Result<std::vector<RecordVersion>> ListRecordVersions(int64_t record_id) override {
    return in_->ListRecordVersions(record_id);
  }
  Result<int64_t> CountRecords() override { return in_->CountRecords(); }
  Result<std::vector<Record>> FindRecords(const RecordQuery& q) override {
    return in_->FindRecords(q);
  }
  Result<int64_t> CountRecordsWhere(const RecordQuery& q) override {
    return in_->CountRecordsWhere(q);
  }
  Result<std::vector<Batch>> FindBatches(int64_t department_id, int64_t before_id,
                                         int limit) override {
    return in_->FindBatches(department_id, before_id, limit);
  }
  Result<std::vector<IntakeStat>> IntakeStats() override { return in_->IntakeStats(); }
  Result<int64_t> InsertListEntry(const ListEntry& e) override { return in_->InsertListEntry(e); }
  Status UpdateListEntry(const ListEntry& e) override { return in_->UpdateListEntry(e); }
  Result<std::optional<ListEntry>> GetListEntry(int64_t id) override {
    return in_->GetListEntry(id);
  }
  Result<std::vector<ListEntry>> ListEntriesOfSubject(int64_t subject_id) override {
    return in_->ListEntriesOfSubject(subject_id);
  }
  Result<std::vector<ListEntry>> FindListEntries(const EntryQuery& q) override {
    return in_->FindListEntries(q);
  }
  Result<int64_t> CountListEntries(const EntryQuery& q) override {
    return in_->CountListEntries(q);
  }
  Result<std::vector<ListMonthCount>> ListMonthCounts() override { return in_->ListMonthCounts(); }
  Status InsertResponsiblePerson(const ResponsiblePerson& r) override {
    return in_->InsertResponsiblePerson(r);
  }
  Result<std::vector<ResponsiblePerson>> ResponsiblePersonsOfEntry(int64_t entry_id) override {
    return in_->ResponsiblePersonsOfEntry(entry_id);
  }
  Result<std::vector<ResponsiblePerson>> EntriesBindingPerson(int64_t person_subject_id) override {
    return in_->EntriesBindingPerson(person_subject_id);
  }
  Result<int64_t> InsertCheck(const CheckRecord& c) override { return in_->InsertCheck(c); }
  Result<std::vector<int64_t>> InsertChecks(const std::vector<CheckRecord>& checks) override {
    return in_->InsertChecks(checks);
  }
  Result<std::optional<CheckRecord>> GetCheck(int64_t id) override { return in_->GetCheck(id); }
  Result<std::vector<CheckRecord>> ListChecks(int64_t department_id, int64_t before,
                                              int limit) override {
    return in_->ListChecks(department_id, before, limit);
  }
  Result<std::vector<CheckFeedback>> FeedbackOfCheck(int64_t check_id) override {
    return in_->FeedbackOfCheck(check_id);
  }
  Status InsertCheckFeedback(const CheckFeedback& f) override {
    return in_->InsertCheckFeedback(f);
  }
  Result<std::vector<CheckStat>> CheckStats() override { return in_->CheckStats(); }
  Result<int64_t> InsertSubscription(const Subscription& s) override {
    return in_->InsertSubscription(s);
  }
  Status UpdateSubscription(const Subscription& s) override { return in_->UpdateSubscription(s); }
  Result<std::optional<Subscription>> GetSubscription(int64_t id) override {
    return in_->GetSubscription(id);
  }
  Result<std::vector<Subscription>> ListSubscriptions() override {
    return in_->ListSubscriptions();
  }
  Status WatchSubject(int64_t subscription_id, int64_t subject_id, bool watch) override {
    return in_->WatchSubject(subscription_id, subject_id, watch);
  }
  Result<std::vector<int64_t>> WatchedSubjects(int64_t subscription_id) override {
    return in_->WatchedSubjects(subscription_id);
  }
  Result<std::vector<Record>> RecordsPastDisplay(std::string_view today, int limit) override {
    return in_->RecordsPastDisplay(today, limit);
  }
  Result<std::vector<ListEntry>> EntriesPastValidity(std::string_view today, int limit) override {
    return in_->EntriesPastValidity(today, limit);
  }
  Result<std::vector<ListEntry>> EntriesWithoutEnd(int limit) override {
    return in_->EntriesWithoutEnd(limit);
  }
  Result<int64_t> InsertObjection(const Objection& o) override { return in_->InsertObjection(o); }
  Status UpdateObjection(const Objection& o) override { return in_->UpdateObjection(o); }
  Result<std::optional<Objection>> GetObjection(int64_t id) override {
    return in_->GetObjection(id);
  }
  Result<std::vector<Objection>> ListObjections(std::string_view status) override {
    return in_->ListObjections(status);
  }
  Result<std::vector<Objection>> ObjectionsOfTarget(std::string_view kind, int64_t id) override {
    return in_->ObjectionsOfTarget(kind, id);
  }
  Result<CaseStep> AppendCaseStep(const CaseStep& s) override { return in_->AppendCaseStep(s); }
  Result<std::vector<CaseStep>> ListCaseSteps(std::string_view kind, int64_t id) override {
    return in_->ListCaseSteps(kind, id);
  }
  Result<int64_t> InsertRepair(const Repair& r) override { return in_->InsertRepair(r); }
  Status UpdateRepair(const Repair& r) override { return in_->UpdateRepair(r); }
  Result<std::optional<Repair>> GetRepair(int64_t id) override { return in_->GetRepair(id); }
  Result<std::vector<Repair>> ListRepairs(std::string_view status) override {
    return in_->ListRepairs(status);
  }
  Result<std::vector<Repair>> RepairsOfSubject(int64_t subject_id) override {
    return in_->RepairsOfSubject(subject_id);
  }
  Result<int64_t> InsertAuthorisation(const Authorisation& a) override {
    return in_->InsertAuthorisation(a);
  }
  Status UpdateAuthorisation(const Authorisation& a) override {
    return in_->UpdateAuthorisation(a);
  }
  Result<std::optional<Authorisation>> GetAuthorisation(int64_t id) override {
    return in_->GetAuthorisation(id);
  }
  Result<std::vector<Authorisation>> AuthorisationsOfSubject(int64_t subject_id) override {
    return in_->AuthorisationsOfSubject(subject_id);
  }
  Result<int64_t> InsertQueryLog(const QueryLogEntry& q) override { return in_->InsertQueryLog(q); }
  Result<std::vector<QueryLogEntry>> QueryLogOfSubject(int64_t subject_id, int limit) override {
    return in_->QueryLogOfSubject(subject_id, limit);
  }
  Result<std::vector<CheckRecord>> ChecksOfSubject(int64_t subject_id, std::string_view since,
                                                   int limit) override {
    return in_->ChecksOfSubject(subject_id, since, limit);
  }
  Result<int64_t> InsertNotice(const Notice& n) override { return in_->InsertNotice(n); }
  Status UpdateNotice(const Notice& n) override { return in_->UpdateNotice(n); }
  Result<std::optional<Notice>> GetNotice(int64_t id) override { return in_->GetNotice(id); }
  Result<std::vector<Notice>> NoticesOfDepartment(int64_t department_id, bool unread_only,
                                                  int limit) override {
    return in_->NoticesOfDepartment(department_id, unread_only, limit);
  }
  Result<std::vector<std::string>> RefreshStaleStatistics() override {
    return in_->RefreshStaleStatistics();
  }
  Status AppendEvents(const std::vector<EventDraft>& drafts, std::string_view at) override {
    return in_->AppendEvents(drafts, at);
  }
  Status AppendEvents(const std::vector<EventDraft>& drafts,
                      const std::vector<std::string>& ats) override {
    return in_->AppendEvents(drafts, ats);
  }
  Result<Event> AppendEvent(const EventDraft& draft, std::string_view at) override {
    return in_->AppendEvent(draft, at);
  }
  Result<EventHead> GetEventHead() override { return in_->GetEventHead(); }
  Result<std::vector<Event>> ReadEvents(int64_t after_seq, int limit) override {
    return in_->ReadEvents(after_seq, limit);
  }
  Result<int64_t> InsertAnnouncement(const Announcement& a) override {
    return in_->InsertAnnouncement(a);
  }
  Status UpdateAnnouncement(const Announcement& a) override { return in_->UpdateAnnouncement(a); }
  Result<std::optional<Announcement>> GetAnnouncement(int64_t id) override {
    return in_->GetAnnouncement(id);
  }
  Result<std::vector<Announcement>> ListAnnouncements(bool with_withdrawn, int limit) override {
    return in_->ListAnnouncements(with_withdrawn, limit);
  }
  Status UpdateUserCredentials(int64_t user_id, std::string_view password_hash,
                               bool active) override {
    return in_->UpdateUserCredentials(user_id, password_hash, active);
  }
  Result<std::vector<ApiKey>> ListApiKeys() override { return in_->ListApiKeys(); }
  Status RevokeApiKey(int64_t id, std::string_view at) override {
    return in_->RevokeApiKey(id, at);
  }
  Status DeleteSessionsOfUser(int64_t user_id) override {
    return in_->DeleteSessionsOfUser(user_id);
  }
  Status PutProvisionalDeadline(const ProvisionalDeadline& d) override {
    return in_->PutProvisionalDeadline(d);
  }
  Result<std::vector<ProvisionalDeadline>> ListProvisionalDeadlines() override {
    return in_->ListProvisionalDeadlines();
  }
  Result<int64_t> InsertBasisConfirmation(const BasisConfirmation& c) override {
    return in_->InsertBasisConfirmation(c);
  }
  Result<std::vector<BasisConfirmation>> ListBasisConfirmations(int64_t after_id) override {
    return in_->ListBasisConfirmations(after_id);
  }
  Result<int64_t> InsertMessage(const OutboundMessage& m) override {
    return in_->InsertMessage(m);
  }
  Result<std::vector<OutboundMessage>> DueMessages(std::string_view now, int limit) override {
    return in_->DueMessages(now, limit);
  }
  Status UpdateMessage(const OutboundMessage& m) override { return in_->UpdateMessage(m); }
  Status DeleteProvisionalDeadline(std::string_view target, std::string_view field) override {
    return in_->DeleteProvisionalDeadline(target, field);
  }
  Result<std::vector<Event>> FindEvents(const EventQuery& q) override { return in_->FindEvents(q); }
  Status Commit() override { return in_->Commit(); }

 protected:
  std::unique_ptr<Transaction> in_;
};

class ForwardingStore : public Store {
 public:
  explicit ForwardingStore(Store& in) : in_(in) {}

  Result<std::unique_ptr<Transaction>> Begin(TxMode mode) override { return in_.Begin(mode); }
  Status Backup(const std::string& out_path) override { return in_.Backup(out_path); }
  std::string_view Kind() const override { return in_.Kind(); }
  Result<int> SchemaVersion() override { return in_.SchemaVersion(); }

 protected:
  Store& in_;
};

}  // namespace xinyong::testing
