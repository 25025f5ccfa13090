// The store's part for the public credit evaluation (公共信用综合评价), capability 10 of the
// system map. A Transaction hands it out (Transaction::Evaluations()).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "domain/evaluation.h"

namespace xinyong {

class EvaluationTables {
 public:
  virtual ~EvaluationTables() = default;
  virtual Result<std::optional<Evaluation>> GetEvaluation(int64_t subject_id) = 0;
  // Inserts or replaces the subject's current evaluation.
  virtual Status PutEvaluation(const Evaluation& e) = 0;
  virtual Status AddEvaluationChange(const EvaluationChange& c) = 0;
  // Newest first, ids below `before_id` (0 = from the newest).
  virtual Result<std::vector<EvaluationChange>> EvaluationHistory(int64_t subject_id,
                                                                  int64_t before_id,
                                                                  int limit) = 0;
  // Subjects whose recompute_on is not after `today`, earliest day first.
  virtual Result<std::vector<int64_t>> EvaluationsDue(const std::string& today, int limit) = 0;
  // Subjects that have a record, a list entry, a commitment or an evaluation, with ids above
  // `after_id`, ascending: those a full pass grades (the others have the model's blank grade).
  virtual Result<std::vector<int64_t>> SubjectsWithFacts(int64_t after_id, int limit) = 0;
  virtual Result<EvaluationCursor> GetEvaluationCursor() = 0;
  virtual Status SetEvaluationCursor(const EvaluationCursor& c) = 0;
  // The population of a 双随机 draw, as (subject id, stored grade or ""), ascending by id:
  // the organisations (not natural persons) with an active record of `department_id`, or every
  // organisation on the platform when it is 0.
  virtual Result<std::vector<std::pair<int64_t, std::string>>> SamplePopulation(
      int64_t department_id) = 0;
};

}  // namespace xinyong
