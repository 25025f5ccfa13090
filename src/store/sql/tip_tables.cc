#include "store/sql/tip_tables.h"

#include "store/sql/sql_rows.h"

namespace xinyong::sql {
namespace {

// The columns in the order TipFrom reads them; `id` first.
constexpr const char* kTipCols =
    "id, subject_sealed, subject_id, facts_sealed, facts_sha256, contact_sealed, attachments, "
    "withheld, token_hash, status, department_id, transfers, route_due, answer_due, total_due, "
    "extension_requested_at, extension_reason, extended, answer, reason_code, answer_note, "
    "case_number, refuse_reason, submitted_at, routed_at, answered_at, updated_at";

Tip TipFrom(const Row& r) {
  Tip t;
  t.id = Int(r, 0);
  t.subject_sealed = Text(r, 1);
  t.subject_id = Int(r, 2);
  t.facts_sealed = Text(r, 3);
  t.facts_sha256 = Text(r, 4);
  t.contact_sealed = Text(r, 5);
  t.attachments = static_cast<int>(Int(r, 6));
  t.withheld = Text(r, 7);
  t.token_hash = Text(r, 8);
  t.status = Text(r, 9);
  t.department_id = Int(r, 10);
  t.transfers = static_cast<int>(Int(r, 11));
  t.route_due = Text(r, 12);
  t.answer_due = Text(r, 13);
  t.total_due = Text(r, 14);
  t.extension_requested_at = Text(r, 15);
  t.extension_reason = Text(r, 16);
  t.extended = Int(r, 17) != 0;
  t.answer = Text(r, 18);
  t.reason_code = Text(r, 19);
  t.answer_note = Text(r, 20);
  t.case_number = Text(r, 21);
  t.refuse_reason = Text(r, 22);
  t.submitted_at = Text(r, 23);
  t.routed_at = Text(r, 24);
  t.answered_at = Text(r, 25);
  t.updated_at = Text(r, 26);
  return t;
}

// The workflow columns UpdateTip writes, in the order of WorkflowParams ($2 onwards).
constexpr const char* kWorkflowCols[] = {
    "subject_id",   "withheld",  "token_hash",   "status",
    "department_id", "transfers", "route_due",   "answer_due",
    "total_due",    "extension_requested_at", "extension_reason", "extended",
    "answer",       "reason_code", "answer_note", "case_number",
    "refuse_reason", "routed_at", "answered_at", "updated_at"};

std::vector<Param> WorkflowParams(const Tip& t) {
  return {t.subject_id,  t.withheld,    t.token_hash,   t.status,
          t.department_id, int64_t{t.transfers}, t.route_due, t.answer_due,
          t.total_due,   t.extension_requested_at, t.extension_reason,
          int64_t{t.extended ? 1 : 0}, t.answer, t.reason_code, t.answer_note, t.case_number,
          t.refuse_reason, t.routed_at,  t.answered_at,  t.updated_at};
}

class SqlTipTables final : public TipTables {
 public:
  SqlTipTables(QueryFn query, WritableFn writable)
      : q_(std::move(query)), writable_(std::move(writable)) {}

  Result<int64_t> InsertTip(const Tip& t) override {
    XY_RETURN_IF_ERROR(writable_());
    std::vector<Param> params{t.subject_sealed, t.facts_sealed, t.facts_sha256, t.contact_sealed,
                              int64_t{t.attachments}, t.submitted_at};
    std::string cols = "subject_sealed, facts_sealed, facts_sha256, contact_sealed, attachments, "
                       "submitted_at";
    for (const char* c : kWorkflowCols) cols += std::string(", ") + c;
    for (auto& p : WorkflowParams(t)) params.push_back(std::move(p));
    std::string values;
    for (size_t i = 1; i <= params.size(); ++i) {
      values += (i > 1 ? ", $" : "$") + std::to_string(i);
    }
    XY_ASSIGN_OR_RETURN(auto rows, q_("INSERT INTO tips (" + cols + ") VALUES (" + values +
                                          ") RETURNING id",
                                      params));
    return Int(rows.at(0), 0);
  }

  Status UpdateTip(const Tip& t) override {
    XY_RETURN_IF_ERROR(writable_());
    std::string set;
    size_t n = 2;
    for (const char* c : kWorkflowCols) {
      set += (set.empty() ? "" : ", ") + std::string(c) + " = $" + std::to_string(n++);
    }
    std::vector<Param> params{t.id};
    for (auto& p : WorkflowParams(t)) params.push_back(std::move(p));
    XY_ASSIGN_OR_RETURN(auto rows,
                        q_("UPDATE tips SET " + set + " WHERE id = $1 RETURNING id", params));
    if (rows.empty()) return NotFound("tip " + std::to_string(t.id) + " does not exist");
    return Status::Ok();
  }

  Result<std::optional<Tip>> GetTip(int64_t id) override {
    XY_ASSIGN_OR_RETURN(auto rows,
                        q_(std::string("SELECT ") + kTipCols + " FROM tips WHERE id = $1", {id}));
    if (rows.empty()) return std::optional<Tip>();
    return std::optional<Tip>(TipFrom(rows[0]));
  }

  Result<std::vector<Tip>> FindTips(const TipQuery& q) override {
    std::string sql = std::string("SELECT ") + kTipCols + " FROM tips WHERE 1 = 1";
    std::vector<Param> params;
    const auto add = [&](const char* cond, Param p) {
      params.push_back(std::move(p));
      sql += std::string(" AND ") + cond + " $" + std::to_string(params.size());
    };
    if (q.department_id != 0) add("department_id =", q.department_id);
    if (!q.status.empty()) add("status =", q.status);
    if (q.subject_id != 0) add("subject_id =", q.subject_id);
    if (q.before_id > 0) add("id <", q.before_id);
    params.push_back(int64_t{q.limit});
    sql += " ORDER BY id DESC LIMIT $" + std::to_string(params.size());
    XY_ASSIGN_OR_RETURN(auto rows, q_(sql, params));
    std::vector<Tip> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(TipFrom(r));
    return out;
  }

  Status InsertTipAttachments(const std::vector<TipAttachment>& files) override {
    XY_RETURN_IF_ERROR(writable_());
    for (const auto& f : files) {
      XY_RETURN_IF_ERROR(q_("INSERT INTO tip_attachments (tip_id, n, size, sha256, name_sealed, "
                            "content_sealed) VALUES ($1, $2, $3, $4, $5, $6)",
                            {f.tip_id, int64_t{f.n}, f.size, f.sha256, f.name_sealed,
                             f.content_sealed})
                             .status());
    }
    return Status::Ok();
  }

  Result<std::vector<TipAttachment>> TipAttachmentHeads(int64_t tip_id) override {
    XY_ASSIGN_OR_RETURN(auto rows, q_("SELECT tip_id, n, size, sha256, name_sealed FROM "
                                      "tip_attachments WHERE tip_id = $1 ORDER BY n",
                                      {tip_id}));
    std::vector<TipAttachment> out;
    for (const Row& r : rows) {
      out.push_back({Int(r, 0), static_cast<int>(Int(r, 1)), Int(r, 2), Text(r, 3), Text(r, 4),
                     ""});
    }
    return out;
  }

  Result<std::optional<TipAttachment>> GetTipAttachment(int64_t tip_id, int n) override {
    XY_ASSIGN_OR_RETURN(auto rows, q_("SELECT tip_id, n, size, sha256, name_sealed, "
                                      "content_sealed FROM tip_attachments WHERE tip_id = $1 "
                                      "AND n = $2",
                                      {tip_id, int64_t{n}}));
    if (rows.empty()) return std::optional<TipAttachment>();
    const Row& r = rows[0];
    return std::optional<TipAttachment>(TipAttachment{Int(r, 0), static_cast<int>(Int(r, 1)),
                                                      Int(r, 2), Text(r, 3), Text(r, 4),
                                                      Text(r, 5)});
  }

 private:
  QueryFn q_;
  WritableFn writable_;
};

}  // namespace

std::unique_ptr<TipTables> NewSqlTipTables(QueryFn query, WritableFn writable) {
  return std::make_unique<SqlTipTables>(std::move(query), std::move(writable));
}

}  // namespace xinyong::sql
