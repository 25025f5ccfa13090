#include "store/sql/evaluation_tables.h"

namespace xinyong::sql {
namespace {

constexpr const char* kCols =
    "subject_id, model, score, grade, explanation, computed_at, recompute_on";
constexpr const char* kChangeCols =
    "id, subject_id, model, score, grade, previous_grade, computed_at, reason";

Evaluation EvaluationFrom(const Row& r) {
  return {Int(r, 0), Text(r, 1), Int(r, 2), Text(r, 3), Text(r, 4), Text(r, 5), Text(r, 6)};
}

EvaluationChange ChangeFrom(const Row& r) {
  return {Int(r, 0), Int(r, 1), Text(r, 2), Int(r, 3), Text(r, 4), Text(r, 5), Text(r, 6),
          Text(r, 7)};
}

std::vector<int64_t> Ids(const std::vector<Row>& rows) {
  std::vector<int64_t> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(Int(r, 0));
  return out;
}

class SqlEvaluationTables final : public EvaluationTables {
 public:
  SqlEvaluationTables(QueryFn query, WritableFn writable)
      : q_(std::move(query)), writable_(std::move(writable)) {}

  Result<std::optional<Evaluation>> GetEvaluation(int64_t subject_id) override {
    XY_ASSIGN_OR_RETURN(auto rows, q_(std::string("SELECT ") + kCols +
                                          " FROM evaluations WHERE subject_id = $1",
                                      {subject_id}));
    if (rows.empty()) return std::optional<Evaluation>();
    return std::optional<Evaluation>(EvaluationFrom(rows[0]));
  }

  Status PutEvaluation(const Evaluation& e) override {
    XY_RETURN_IF_ERROR(writable_());
    return q_("INSERT INTO evaluations (subject_id, model, score, grade, explanation, "
              "computed_at, recompute_on) VALUES ($1, $2, $3, $4, $5, $6, $7) "
              "ON CONFLICT (subject_id) DO UPDATE SET model = excluded.model, score = "
              "excluded.score, grade = excluded.grade, explanation = excluded.explanation, "
              "computed_at = excluded.computed_at, recompute_on = excluded.recompute_on",
              {e.subject_id, e.model, e.score_tenths, e.grade, e.explanation, e.computed_at,
               e.recompute_on})
        .status();
  }

  Status AddEvaluationChange(const EvaluationChange& c) override {
    XY_RETURN_IF_ERROR(writable_());
    return q_("INSERT INTO evaluation_history (subject_id, model, score, grade, previous_grade, "
              "computed_at, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)",
              {c.subject_id, c.model, c.score_tenths, c.grade, c.previous_grade, c.computed_at,
               c.reason})
        .status();
  }

  Result<std::vector<EvaluationChange>> EvaluationHistory(int64_t subject_id, int64_t before_id,
                                                          int limit) override {
    XY_ASSIGN_OR_RETURN(auto rows,
                        q_(std::string("SELECT ") + kChangeCols +
                               " FROM evaluation_history WHERE subject_id = $1 AND ($2 = 0 OR "
                               "id < $2) ORDER BY id DESC LIMIT $3",
                           {subject_id, before_id, int64_t{limit}}));
    std::vector<EvaluationChange> out;
    for (const auto& r : rows) out.push_back(ChangeFrom(r));
    return out;
  }

  Result<std::vector<int64_t>> EvaluationsDue(const std::string& today, int limit) override {
    // One range of the recompute_on index ("" sorts before "0": never due), read in its order.
    XY_ASSIGN_OR_RETURN(auto rows, q_("SELECT subject_id FROM evaluations WHERE recompute_on "
                                      "BETWEEN '0' AND $1 ORDER BY recompute_on LIMIT $2",
                                      {today, int64_t{limit}}));
    return Ids(rows);
  }

  Result<std::vector<int64_t>> SubjectsWithFacts(int64_t after_id, int limit) override {
    XY_ASSIGN_OR_RETURN(
        auto rows,
        q_("SELECT s.id FROM subjects s WHERE s.id > $1 AND s.kind <> 'natural_person' AND ("
           "EXISTS (SELECT 1 FROM records r WHERE r.subject_id = s.id) OR "
           "EXISTS (SELECT 1 FROM list_entries l WHERE l.subject_id = s.id) OR "
           "EXISTS (SELECT 1 FROM commitments c WHERE c.subject_id = s.id) OR "
           "EXISTS (SELECT 1 FROM evaluations e WHERE e.subject_id = s.id)) "
           "ORDER BY s.id LIMIT $2",
           {after_id, int64_t{limit}}));
    return Ids(rows);
  }

  Result<EvaluationCursor> GetEvaluationCursor() override {
    XY_ASSIGN_OR_RETURN(auto rows, q_("SELECT seq, model FROM evaluation_cursor WHERE id = 1", {}));
    if (rows.empty()) return EvaluationCursor{};
    return EvaluationCursor{Int(rows[0], 0), Text(rows[0], 1)};
  }

  Status SetEvaluationCursor(const EvaluationCursor& c) override {
    XY_RETURN_IF_ERROR(writable_());
    return q_("INSERT INTO evaluation_cursor (id, seq, model) VALUES (1, $1, $2) ON CONFLICT "
              "(id) DO UPDATE SET seq = excluded.seq, model = excluded.model",
              {c.seq, c.model})
        .status();
  }

  Result<std::vector<std::pair<int64_t, std::string>>> SamplePopulation(
      int64_t department_id) override {
    std::vector<Row> rows;
    if (department_id == 0) {
      XY_ASSIGN_OR_RETURN(rows, q_("SELECT s.id, COALESCE(e.grade, '') FROM subjects s LEFT JOIN "
                                   "evaluations e ON e.subject_id = s.id WHERE s.kind <> "
                                   "'natural_person' ORDER BY s.id",
                                   {}));
    } else {
      XY_ASSIGN_OR_RETURN(
          rows, q_("SELECT s.id, COALESCE(e.grade, '') FROM subjects s LEFT JOIN evaluations e "
                   "ON e.subject_id = s.id WHERE s.kind <> 'natural_person' AND EXISTS (SELECT 1 "
                   "FROM records r WHERE r.subject_id = s.id AND r.department_id = $1 AND "
                   "r.status = 'active') ORDER BY s.id",
                   {department_id}));
    }
    std::vector<std::pair<int64_t, std::string>> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.emplace_back(Int(r, 0), Text(r, 1));
    return out;
  }

 private:
  QueryFn q_;
  WritableFn writable_;
};

}  // namespace

std::unique_ptr<EvaluationTables> NewSqlEvaluationTables(QueryFn query, WritableFn writable) {
  return std::make_unique<SqlEvaluationTables>(std::move(query), std::move(writable));
}

}  // namespace xinyong::sql
