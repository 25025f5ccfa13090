#include "store/sql/typical_case_tables.h"

#include "store/sql/sql_rows.h"

namespace xinyong::sql {
namespace {

// Every column but id, in the order of Params; author and created_at first (never updated).
constexpr const char* kCols[] = {"author",        "created_at",   "kind",          "title",
                                 "body",          "status",       "reviewer",      "review_note",
                                 "supersedes",    "submitted_at", "published_at",  "display_until",
                                 "withdrawn_at",  "withdrawn_by", "withdraw_reason", "updated_at"};
constexpr size_t kFixed = 2;  // author, created_at

std::vector<Param> Params(const TypicalCase& c) {
  return {c.author,       c.created_at,   c.kind,          c.title,
          c.body,         c.status,       c.reviewer,      c.review_note,
          c.supersedes,   c.submitted_at, c.published_at,  c.display_until,
          c.withdrawn_at, c.withdrawn_by, c.withdraw_reason, c.updated_at};
}

std::string SelectCols() {
  std::string out = "id";
  for (const char* c : kCols) out += std::string(", ") + c;
  return out;
}

TypicalCase CaseFrom(const Row& r) {
  TypicalCase c;
  c.id = Int(r, 0);
  c.author = Text(r, 1);
  c.created_at = Text(r, 2);
  c.kind = Text(r, 3);
  c.title = Text(r, 4);
  c.body = Text(r, 5);
  c.status = Text(r, 6);
  c.reviewer = Text(r, 7);
  c.review_note = Text(r, 8);
  c.supersedes = Int(r, 9);
  c.submitted_at = Text(r, 10);
  c.published_at = Text(r, 11);
  c.display_until = Text(r, 12);
  c.withdrawn_at = Text(r, 13);
  c.withdrawn_by = Text(r, 14);
  c.withdraw_reason = Text(r, 15);
  c.updated_at = Text(r, 16);
  return c;
}

class SqlTypicalCaseTables final : public TypicalCaseTables {
 public:
  SqlTypicalCaseTables(QueryFn query, WritableFn writable)
      : q_(std::move(query)), writable_(std::move(writable)) {}

  Result<int64_t> InsertCase(const TypicalCase& c) override {
    XY_RETURN_IF_ERROR(writable_());
    std::string cols, values;
    size_t n = 0;
    for (const char* col : kCols) {
      cols += (n ? ", " : "") + std::string(col);
      values += (n ? ", $" : "$") + std::to_string(n + 1);
      ++n;
    }
    XY_ASSIGN_OR_RETURN(auto rows, q_("INSERT INTO typical_cases (" + cols + ") VALUES (" +
                                          values + ") RETURNING id",
                                      Params(c)));
    return Int(rows.at(0), 0);
  }

  Status UpdateCase(const TypicalCase& c) override {
    XY_RETURN_IF_ERROR(writable_());
    std::vector<Param> all = Params(c);
    std::vector<Param> params{c.id};
    std::string set;
    for (size_t i = kFixed; i < std::size(kCols); ++i) {
      params.push_back(all[i]);
      set += (set.empty() ? "" : ", ") + std::string(kCols[i]) + " = $" +
             std::to_string(params.size());
    }
    XY_ASSIGN_OR_RETURN(auto rows, q_("UPDATE typical_cases SET " + set +
                                          " WHERE id = $1 RETURNING id",
                                      params));
    if (rows.empty()) return NotFound("typical case " + std::to_string(c.id) + " does not exist");
    return Status::Ok();
  }

  Result<std::optional<TypicalCase>> GetCase(int64_t id) override {
    XY_ASSIGN_OR_RETURN(auto rows,
                        q_("SELECT " + SelectCols() + " FROM typical_cases WHERE id = $1", {id}));
    if (rows.empty()) return std::optional<TypicalCase>();
    return std::optional<TypicalCase>(CaseFrom(rows[0]));
  }

  Result<std::vector<TypicalCase>> FindCases(const CaseQuery& q) override {
    std::string sql = "SELECT " + SelectCols() + " FROM typical_cases WHERE 1 = 1";
    std::vector<Param> params;
    const auto add = [&](const char* cond, Param p) {
      params.push_back(std::move(p));
      sql += std::string(" AND ") + cond + " $" + std::to_string(params.size());
    };
    if (!q.status.empty()) add("status =", q.status);
    if (!q.kind.empty()) add("kind =", q.kind);
    if (q.before_id > 0) add("id <", q.before_id);
    params.push_back(int64_t{q.limit});
    sql += " ORDER BY id DESC LIMIT $" + std::to_string(params.size());
    params.push_back(int64_t{q.offset});
    sql += " OFFSET $" + std::to_string(params.size());
    XY_ASSIGN_OR_RETURN(auto rows, q_(sql, params));
    std::vector<TypicalCase> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(CaseFrom(r));
    return out;
  }

  Status PutCaseLinks(int64_t case_id, const std::vector<CaseLink>& links) override {
    XY_RETURN_IF_ERROR(writable_());
    XY_RETURN_IF_ERROR(
        q_("DELETE FROM typical_case_links WHERE case_id = $1", {case_id}).status());
    for (const auto& l : links) {
      XY_RETURN_IF_ERROR(q_("INSERT INTO typical_case_links (case_id, target_kind, target_id) "
                            "VALUES ($1, $2, $3)",
                            {case_id, l.target_kind, l.target_id})
                             .status());
    }
    return Status::Ok();
  }

  Result<std::vector<CaseLink>> CaseLinks(const std::vector<int64_t>& case_ids) override {
    std::vector<CaseLink> out;
    if (case_ids.empty()) return out;
    // One query for the page of cases (at most a few hundred ids).
    std::string in;
    std::vector<Param> params;
    for (int64_t id : case_ids) {
      params.push_back(id);
      in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
    }
    XY_ASSIGN_OR_RETURN(auto rows, q_("SELECT case_id, target_kind, target_id FROM "
                                      "typical_case_links WHERE case_id IN (" + in +
                                          ") ORDER BY case_id, target_kind, target_id",
                                      params));
    for (const auto& r : rows) out.push_back({Int(r, 0), Text(r, 1), Int(r, 2)});
    return out;
  }

 private:
  QueryFn q_;
  WritableFn writable_;
};

}  // namespace

std::unique_ptr<TypicalCaseTables> NewSqlTypicalCaseTables(QueryFn query, WritableFn writable) {
  return std::make_unique<SqlTypicalCaseTables>(std::move(query), std::move(writable));
}

}  // namespace xinyong::sql
