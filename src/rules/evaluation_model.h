// The public credit evaluation (公共信用综合评价): the model as policy data
// (policy/evaluation/model.yaml) and the pure function that grades a subject from its facts,
// with every point explained. Contract between the model file, the evaluation service
// (src/service/evaluation/) and its readers (check answers, reports, the console).
// Immutable after loading; safe to share between threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "domain/record.h"

namespace xinyong {

class Catalogue;

// One way facts move an indicator: each matching fact adds `points` (negative: takes away).
struct EvaluationRule {
  enum class Kind { kRecords, kLists, kCommitments };
  Kind kind = Kind::kRecords;
  std::vector<std::string> items;  // kRecords: catalogue items; empty = any
  std::vector<Nature> natures;     // kRecords: empty = any
  std::vector<std::string> lists;  // kLists: list kinds
  std::string commitment_status;   // kCommitments: "fulfilled" or "breached"
  int within_years = 0;            // records, commitments: 0 = no limit; lists count while valid
  int points = 0;
  std::optional<int> repaired_points;  // kRecords: a repaired record's points; unset = `points`
  std::string Describe() const;        // e.g. "行政处罚（一般失信），3年内"
};

struct Indicator {
  std::string code;  // e.g. "D1.1"
  std::string name;
  int weight = 0;  // share of its dimension, out of 100
  int base = 0;    // its score (0-100) with no matching fact
  std::vector<EvaluationRule> rules;
};

struct Dimension {
  std::string code;  // e.g. "D1"
  std::string name;
  int weight = 0;  // share of the total, out of 100
  std::vector<Indicator> indicators;
};

struct GradeCap {
  std::vector<std::string> lists;  // a decided entry of one of these kinds, valid that day
  std::string grade;               // the best grade the subject may have then
  std::string reason;
};

struct GradeBand {
  std::string grade;  // A, B, …
  std::string label;  // 诚信优良, …
  int from = 0;       // the band's lowest score
};

struct Supervision {
  double inspection_ratio = 0;  // share of the grade's subjects a 双随机 draw takes
  bool green_channel = false;   // 绿色通道
  bool tolerance = false;       // 容缺受理
  std::string note;
};

struct EvaluationModel {
  std::string version;
  std::string name;
  std::string source;
  std::string digest;  // first 16 hex digits of the file's SHA-256: any edit changes it
  int max_score = 1000;
  std::string publicity = "none";  // "none" or "grade": what the public sees
  bool hold_disputed = false;      // true: facts under objection are left out until decided
  std::vector<Dimension> dimensions;
  std::vector<GradeCap> caps;
  std::vector<GradeBand> bands;  // highest first; the last starts at 0
  std::map<std::string, Supervision> supervision;  // per grade

  // "<version>+<digest>": what a stored grade was computed under.
  std::string Id() const { return version + "+" + digest; }
  const GradeBand* Band(const std::string& grade) const;
  const Supervision* SupervisionOf(const std::string& grade) const;

  // Loads <dir>/model.yaml. invalid_argument naming the file, key and line for a broken file,
  // and for a model that does not add up: dimension or indicator weights not summing to 100,
  // bands that leave a gap, overlap or do not reach 0, a grade without its supervision setting.
  static Result<EvaluationModel> LoadDir(const std::filesystem::path& dir);
  // ok when every item a rule names is in the catalogue.
  Status CheckAgainst(const Catalogue& catalogue) const;
};

// What the evaluation knows of a subject, gathered by the service from the store.
struct EvaluationFacts {
  struct RecordFact {
    int64_t id = 0;
    std::string item_code;
    Nature nature = Nature::kNeutral;
    std::string decision_date;  // YYYY-MM-DD
    bool repaired = false;      // an approved repair stopped its display
    bool disputed = false;      // 异议处理中
    std::string label;          // how the explanation names it, e.g. "行政处罚 宁市监罚〔2026〕1号"
  };
  struct EntryFact {
    int64_t id = 0;
    std::string list_kind;
    std::string valid_from;   // YYYY-MM-DD
    std::string valid_until;  // "" = until exit
    bool disputed = false;
    std::string label;  // e.g. "严重失信主体名单 宁市监列〔2026〕1号"
  };
  struct CommitmentFact {
    int64_t id = 0;
    std::string status;      // signed, fulfilled, breached, withdrawn
    std::string decided_on;  // YYYY-MM-DD when fulfilled or breached
    std::string label;       // e.g. "信用承诺 32010020260302000001"
  };
  std::vector<RecordFact> records;      // active (not revoked) records
  std::vector<EntryFact> entries;       // decided entries (exited and dropped left out)
  std::vector<CommitmentFact> commitments;
};

// One fact's part in an indicator.
struct EvaluationContribution {
  std::string kind;  // "record", "list_entry", "commitment"
  int64_t id = 0;
  std::string label;
  std::string rule;  // EvaluationRule::Describe()
  int points = 0;
  bool repaired = false;
  bool disputed = false;
  std::string counts_until;  // last day it counts ("" = while the entry stays)
};

struct IndicatorScore {
  const Indicator* indicator = nullptr;
  int score = 0;  // 0-100, base plus points, clamped
  std::vector<EvaluationContribution> facts;
};

struct DimensionScore {
  const Dimension* dimension = nullptr;
  int64_t hundredths = 0;  // 0-10000: the weighted indicator scores, in hundredths of a point
  std::vector<IndicatorScore> indicators;
};

struct EvaluationResult {
  int64_t score_tenths = 0;  // 0 … max_score*10
  std::string band_grade;    // the grade of the score's band
  std::string grade;         // after the caps
  std::string label;
  const GradeCap* cap = nullptr;  // the cap that lowered the grade, if one did
  std::string cap_fact;           // the entry that set it off
  std::vector<DimensionScore> dimensions;
  // The first day a fact enters or leaves its window (a record's 3 years end, an entry's
  // validity ends or begins): the grade must be computed again then. "" = no such day.
  std::string recompute_on;
};

// Grades a subject on `today`. Pure: the same model, facts and day give the same result.
EvaluationResult Evaluate(const EvaluationModel& model, const EvaluationFacts& facts,
                          const Date& today);

// "887.8" for 8878 tenths.
std::string ScoreText(int64_t tenths);

}  // namespace xinyong
