#include "store/sql/commitment_tables.h"

namespace xinyong::sql {
namespace {

// What was signed: written once by InsertCommitment, in the order of SignedParams.
constexpr const char* kSignedCols[] = {
    "code",      "subject_id", "kind",          "matter",    "content",   "liability",
    "made_on",   "valid_until", "publicity",    "department_id", "source_id", "channel",
    "signed_by", "material_due", "created_at"};
// The outcome: written by both, in the order of OutcomeParams.
constexpr const char* kOutcomeCols[] = {
    "due_flagged_at", "status",      "performance", "unperformed", "liability_pursued",
    "basis",          "outcome_note", "decided_on", "decided_by",  "record_id", "updated_at"};

std::vector<Param> SignedParams(const Commitment& c) {
  return {c.code,      c.subject_id,  c.kind,      c.matter,        c.content,
          c.liability, c.made_on,     c.valid_until, c.publicity,   c.department_id,
          c.source_id, c.channel,     c.signed_by, c.material_due,  c.created_at};
}

std::vector<Param> OutcomeParams(const Commitment& c) {
  return {c.due_flagged_at, c.status,       c.performance, c.unperformed, c.liability_pursued,
          c.basis,          c.outcome_note, c.decided_on,  c.decided_by,  c.record_id,
          c.updated_at};
}

std::string Columns() {
  std::string cols = "id";
  for (const char* c : kSignedCols) cols += std::string(", ") + c;
  for (const char* c : kOutcomeCols) cols += std::string(", ") + c;
  return cols;
}

Commitment CommitmentFrom(const Row& r) {
  Commitment c;
  size_t i = 0;
  c.id = Int(r, i++);
  c.code = Text(r, i++);
  c.subject_id = Int(r, i++);
  c.kind = Text(r, i++);
  c.matter = Text(r, i++);
  c.content = Text(r, i++);
  c.liability = Text(r, i++);
  c.made_on = Text(r, i++);
  c.valid_until = Text(r, i++);
  c.publicity = Text(r, i++);
  c.department_id = Int(r, i++);
  c.source_id = Text(r, i++);
  c.channel = Text(r, i++);
  c.signed_by = Text(r, i++);
  c.material_due = Text(r, i++);
  c.created_at = Text(r, i++);
  c.due_flagged_at = Text(r, i++);
  c.status = Text(r, i++);
  c.performance = Text(r, i++);
  c.unperformed = Text(r, i++);
  c.liability_pursued = Text(r, i++);
  c.basis = Text(r, i++);
  c.outcome_note = Text(r, i++);
  c.decided_on = Text(r, i++);
  c.decided_by = Text(r, i++);
  c.record_id = Int(r, i++);
  c.updated_at = Text(r, i++);
  return c;
}

class SqlCommitmentTables final : public CommitmentTables {
 public:
  SqlCommitmentTables(QueryFn query, WritableFn writable)
      : q_(std::move(query)), writable_(std::move(writable)) {}

  Result<int64_t> InsertCommitment(const Commitment& c) override {
    XY_RETURN_IF_ERROR(writable_());
    XY_ASSIGN_OR_RETURN(auto taken, FindCommitmentByCode(c.code));
    if (taken) return Conflict("commitment code " + c.code + " is taken");
    std::vector<Param> params = SignedParams(c);
    for (auto& p : OutcomeParams(c)) params.push_back(std::move(p));
    std::string cols, values;
    for (const char* col : kSignedCols) cols += (cols.empty() ? "" : ", ") + std::string(col);
    for (const char* col : kOutcomeCols) cols += ", " + std::string(col);
    for (size_t i = 1; i <= params.size(); ++i) {
      values += (i > 1 ? ", $" : "$") + std::to_string(i);
    }
    XY_ASSIGN_OR_RETURN(auto rows, q_("INSERT INTO commitments (" + cols + ") VALUES (" + values +
                                          ") RETURNING id",
                                      params));
    return Int(rows.at(0), 0);
  }

  Status UpdateCommitment(const Commitment& c) override {
    XY_RETURN_IF_ERROR(writable_());
    std::string set;
    size_t n = 2;
    for (const char* col : kOutcomeCols) {
      set += (set.empty() ? "" : ", ") + std::string(col) + " = $" + std::to_string(n++);
    }
    std::vector<Param> params{c.id};
    for (auto& p : OutcomeParams(c)) params.push_back(std::move(p));
    XY_ASSIGN_OR_RETURN(
        auto rows, q_("UPDATE commitments SET " + set + " WHERE id = $1 RETURNING id", params));
    if (rows.empty()) return NotFound("commitment " + std::to_string(c.id) + " does not exist");
    return Status::Ok();
  }

  Result<std::optional<Commitment>> GetCommitment(int64_t id) override {
    return One("id = $1", {id});
  }

  Result<std::optional<Commitment>> FindCommitmentByCode(const std::string& code) override {
    return One("code = $1", {code});
  }

  Result<std::optional<Commitment>> FindCommitmentBySource(int64_t department_id,
                                                           const std::string& source_id) override {
    return One("department_id = $1 AND source_id = $2", {department_id, source_id});
  }

  Result<std::vector<Commitment>> FindCommitments(const CommitmentQuery& q) override {
    std::string sql = "SELECT " + Columns() + " FROM commitments WHERE 1 = 1";
    std::vector<Param> params;
    const auto add = [&](const char* cond, Param p) {
      params.push_back(std::move(p));
      sql += std::string(" AND ") + cond + " $" + std::to_string(params.size());
    };
    if (q.subject_id != 0) add("subject_id =", q.subject_id);
    if (q.department_id != 0) add("department_id =", q.department_id);
    if (!q.status.empty()) add("status =", q.status);
    if (!q.kind.empty()) add("kind =", q.kind);
    if (!q.publicity.empty()) add("publicity =", q.publicity);
    if (!q.material_due_before.empty()) {
      sql += " AND status = 'in_force' AND material_due <> '' AND due_flagged_at = ''";
      add("material_due <", q.material_due_before);
    }
    if (q.before_id > 0) add("id <", q.before_id);
    params.push_back(int64_t{q.limit});
    sql += " ORDER BY id DESC LIMIT $" + std::to_string(params.size());
    XY_ASSIGN_OR_RETURN(auto rows, q_(sql, params));
    std::vector<Commitment> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(CommitmentFrom(r));
    return out;
  }

  Result<std::string> LastCommitmentCode(const std::string& prefix) override {
    XY_ASSIGN_OR_RETURN(auto rows, q_("SELECT MAX(code) FROM commitments WHERE code >= $1 AND "
                                      "code <= $2",
                                      {prefix + "000000", prefix + "999999"}));
    return rows.empty() ? std::string() : Text(rows[0], 0);
  }

  Status InsertCommitmentScan(const CommitmentScan& s) override {
    XY_RETURN_IF_ERROR(writable_());
    return q_("INSERT INTO commitment_scans (commitment_id, size, sha256, name_sealed, "
              "content_sealed) VALUES ($1, $2, $3, $4, $5)",
              {s.commitment_id, s.size, s.sha256, s.name_sealed, s.content_sealed})
        .status();
  }

  Result<std::optional<CommitmentScan>> GetCommitmentScan(int64_t commitment_id) override {
    XY_ASSIGN_OR_RETURN(auto rows, q_("SELECT commitment_id, size, sha256, name_sealed, "
                                      "content_sealed FROM commitment_scans WHERE "
                                      "commitment_id = $1",
                                      {commitment_id}));
    if (rows.empty()) return std::optional<CommitmentScan>();
    const Row& r = rows[0];
    return std::optional<CommitmentScan>(
        CommitmentScan{Int(r, 0), Int(r, 1), Text(r, 2), Text(r, 3), Text(r, 4)});
  }

 private:
  Result<std::optional<Commitment>> One(const std::string& where, std::vector<Param> params) {
    XY_ASSIGN_OR_RETURN(auto rows,
                        q_("SELECT " + Columns() + " FROM commitments WHERE " + where, params));
    if (rows.empty()) return std::optional<Commitment>();
    return std::optional<Commitment>(CommitmentFrom(rows[0]));
  }

  QueryFn q_;
  WritableFn writable_;
};

}  // namespace

std::unique_ptr<CommitmentTables> NewSqlCommitmentTables(QueryFn query, WritableFn writable) {
  return std::make_unique<SqlCommitmentTables>(std::move(query), std::move(writable));
}

}  // namespace xinyong::sql
