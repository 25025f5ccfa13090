#include "store/memory/memory_store.h"

#include <algorithm>
#include <map>
#include <mutex>

namespace xinyong {
namespace {

struct State {
  std::map<int64_t, Subject> subjects;
  std::map<std::pair<IdKind, std::string>, int64_t> identifiers;
  std::map<int64_t, Department> departments;
  std::map<int64_t, User> users;
  std::map<int64_t, ApiKey> api_keys;
  std::map<std::string, SessionRecord> sessions;
  std::vector<Event> events;
  EventHead head{0, kGenesisHash};
  int64_t next_id = 1;
};

class MemoryStore;

class MemoryTransaction final : public Transaction {
 public:
  MemoryTransaction(MemoryStore* store, std::shared_ptr<const State> base, TxMode mode,
                    std::unique_lock<std::mutex> writer)
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

  Status RenameSubject(int64_t id, std::string_view name, std::string_view at) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    auto it = s->subjects.find(id);
    if (it == s->subjects.end()) return NotFound("subject " + std::to_string(id) + " does not exist");
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

  Result<std::vector<Department>> ListDepartments() override {
    return Values(state_->departments);
  }

  Result<int64_t> InsertUser(const User& u) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    for (const auto& [id, x] : s->users) {
      if (x.username == u.username) return Conflict("a user named " + u.username + " exists already");
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

  Result<Event> AppendEvent(const EventDraft& draft, std::string_view at) override {
    XY_ASSIGN_OR_RETURN(State * s, W());
    Event e = SealEvent(draft, s->head, std::string(at));
    s->events.push_back(e);
    s->head = {e.seq, e.hash};
    return e;
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
  template <typename T>
  Result<std::vector<T>> Values(const std::map<int64_t, T>& m) {
    XY_RETURN_IF_ERROR(Open());
    std::vector<T> out;
    for (const auto& [id, v] : m) out.push_back(v);
    return out;
  }

  MemoryStore* store_;
  TxMode mode_;
  std::unique_lock<std::mutex> writer_;
  std::shared_ptr<const State> snapshot_;
  std::shared_ptr<State> own_;
  const State* state_ = nullptr;
  bool done_ = false;
};

class MemoryStore final : public Store {
 public:
  Result<std::unique_ptr<Transaction>> Begin(TxMode mode) override {
    std::unique_lock<std::mutex> writer;
    if (mode == TxMode::kWrite) writer = std::unique_lock(writer_mu_);
    return std::unique_ptr<Transaction>(
        std::make_unique<MemoryTransaction>(this, Current(), mode, std::move(writer)));
  }
  Status Backup(const std::string&) override {
    return FailedPrecondition("the memory store keeps nothing to back up");
  }
  std::string_view Kind() const override { return "memory"; }
  Result<int> SchemaVersion() override { return 1; }

  std::shared_ptr<const State> Current() {
    std::lock_guard lock(state_mu_);
    return state_;
  }
  void Publish(std::shared_ptr<const State> s) {
    std::lock_guard lock(state_mu_);
    state_ = std::move(s);
  }

 private:
  std::mutex writer_mu_;  // held by the one open write transaction
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
