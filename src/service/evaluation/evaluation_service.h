// The public credit evaluation (公共信用综合评价) and classified supervision (分级分类监管),
// capability 10 of the system map (docs/design/evaluation.md). Each organisation's grade comes
// from the model in policy/evaluation/ (rules/evaluation_model.h) and is explained point by
// point. Grades are kept current by following the event log: a change to a subject's records,
// list entries, objections, repairs or commitments recomputes that subject; a fact entering or
// leaving its window recomputes it on that day; a new model recomputes everyone once. Every
// change of grade or score is kept in the subject's history. Check answers carry the grade and
// its supervision setting; a department draws its 双随机 sample weighted by grade.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/account.h"
#include "domain/evaluation.h"
#include "domain/subject.h"
#include "rules/evaluation_model.h"
#include "service/context.h"

namespace xinyong {

class Catalogue;
class SubjectService;
class Transaction;

// What a check answer and a report say of a subject's grade.
struct GradeSummary {
  std::string grade;
  std::string label;
  int64_t score_tenths = 0;
  std::string model;  // version + digest
  std::string computed_at;
  const Supervision* supervision = nullptr;
};

struct SampleRequest {
  std::string department_code;  // admins: any department ("" = all organisations); officers: own
  std::string seed;             // anyone drawing with the same seed and population gets the same
};

struct SampleDraw {
  struct Pick {
    int64_t subject_id = 0;
    std::string code;
    std::string name;
    std::string grade;
  };
  struct PerGrade {
    std::string grade;
    int64_t population = 0;
    double ratio = 0;
    int64_t drawn = 0;
  };
  std::string seed;
  std::string department;          // name, "" = all organisations
  std::string population_digest;   // SHA-256 of the population (id:grade, ascending), hex
  std::vector<PerGrade> grades;
  std::vector<Pick> picks;         // ordered by grade, then by draw order
};

// Thread-safe.
class EvaluationService {
 public:
  EvaluationService(ServiceContext ctx, const EvaluationModel& model, const Catalogue& catalogue,
                    SubjectService& subjects);

  const EvaluationModel& Model() const { return model_; }
  // The model as published (anyone): dimensions, indicators, rules, bands, supervision.
  std::string ModelJson() const;

  // A subject's evaluation, explained (JSON object): its own account, operators, officers,
  // admins and auditors see everything; anyone else (institutions, the public) only the grade
  // and label, and only when the model's publicity allows (else permission_denied).
  // failed_precondition for a natural person: persons are not graded.
  Result<std::string> Explain(const Principal* p, const std::string& code);
  // The subject's changes of grade, newest first (same readers as the full explanation).
  Result<std::vector<EvaluationChange>> History(const Principal& p, const std::string& code,
                                                int64_t before_id, int limit);
  // For the command line (`xinyong evaluate`): the full explanation, computed now.
  Result<std::string> ExplainNow(const std::string& code);

  // The grade a check answer or report carries, read in the caller's snapshot: the stored one
  // when it is under the current model, else computed from the facts in `tx`. nullopt for a
  // natural person (the caller knows the subject's kind).
  Result<std::optional<GradeSummary>> GradeIn(Transaction& tx, int64_t subject_id,
                                              SubjectKind kind);

  // Brings the stored grades up to date with the event log, the calendar and the model;
  // returns how many subjects were recomputed. At most `max_subjects` per call on a full pass
  // (the caller calls again); one caller at a time per process.
  Result<int64_t> Follow(int max_subjects = 2000);

  // A 双随机 draw: per grade, the model's inspection ratio of the population (rounded up),
  // ordered by SHA-256(seed:subject code). Officers (own department) and admins. The draw is
  // logged (event evaluation.sample_drawn with the seed and the population digest).
  Result<SampleDraw> Sample(const Principal& p, const SampleRequest& req);

 private:
  struct Computed;
  struct Pending {
    Evaluation row;
    std::string reason;  // what moved it: an event type, "window" or "model"
  };
  Result<EvaluationFacts> Gather(Transaction& tx, int64_t subject_id);
  Result<Computed> Compute(Transaction& tx, int64_t subject_id);
  // Computes, in a read snapshot, the organisations among `subjects` (natural persons skipped).
  Result<std::vector<Pending>> ComputeAll(
      Transaction& tx, const std::vector<std::pair<int64_t, std::string>>& subjects);
  // Stores a computed grade unless it is the one stored; a history row when grade, score or
  // model changed.
  Status Store(Transaction& tx, const Pending& p);
  Result<int64_t> SubjectOfEntity(Transaction& tx, const std::string& entity);
  Result<int64_t> FullPass(int max_subjects);
  Result<std::string> Explained(Transaction& tx, int64_t subject_id, bool full);
  bool SeesAll(const Principal* p, int64_t subject_id) const;
  const std::string& BlankGrade();

  ServiceContext ctx_;
  const EvaluationModel& model_;
  const Catalogue& catalogue_;
  SubjectService& subjects_;
  std::mutex follow_mu_;
  int64_t full_pass_after_ = 0;  // a full pass in progress: the last subject done
  int64_t full_pass_head_ = -1;  // … and the event head when it began (-1: none running)
  std::mutex blank_mu_;
  std::string blank_day_;
  std::string blank_grade_;
};

}  // namespace xinyong
