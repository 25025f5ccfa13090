// The public credit evaluation (公共信用综合评价), capability 10 of the system map: a subject's
// current grade with its explanation, and the history of its grades (docs/design/evaluation.md).
#pragma once

#include <cstdint>
#include <string>

namespace xinyong {

// A subject's grade as last computed. `explanation` is the JSON the API answers (the score,
// each indicator's points and the facts that gave them, the model); it is recomputed whenever
// the subject's facts change, and on `recompute_on` when a fact enters or leaves its window.
struct Evaluation {
  int64_t subject_id = 0;
  std::string model;         // EvaluationModel::Id(): version + digest
  int64_t score_tenths = 0;  // tenths of a point
  std::string grade;
  std::string explanation;   // JSON object
  std::string computed_at;   // UTC timestamp
  std::string recompute_on;  // YYYY-MM-DD, "" = only when a fact changes
};

// One change of a subject's grade or score (history is kept per subject, never rewritten).
struct EvaluationChange {
  int64_t id = 0;
  int64_t subject_id = 0;
  std::string model;
  int64_t score_tenths = 0;
  std::string grade;
  std::string previous_grade;  // "" for the first
  std::string computed_at;
  std::string reason;  // the event type that caused it, "window" or "model"
};

// How far the evaluation has followed the event log, and under which model.
struct EvaluationCursor {
  int64_t seq = 0;
  std::string model;  // "" before the first full pass
};

}  // namespace xinyong
