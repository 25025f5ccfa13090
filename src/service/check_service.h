// The check (应查必查): during its own business an implementing department asks which measures
// apply to a subject in a scenario and why. Every check is recorded (department, officer,
// scenario, time, SHA-256 of the answer) and gets an id that feedback (执行反馈) refers to.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/account.h"
#include "domain/list_entry.h"
#include "service/check_recorder.h"
#include "service/context.h"

namespace xinyong {

class AnswerWriter;
class EvaluationService;
class BasisBook;
class Catalogue;
class Transaction;
struct Scenario;
struct RecordFact;
struct RecordFactRow;
class MeasureList;
class SubjectService;

struct CheckAnswer {
  int64_t check_id = 0;
  std::string json;    // the answer as sent (also what `xinyong check` prints)
  std::string sha256;  // of the answer without its check_id and answer_sha256 members
  int64_t measures = 0;
};

struct FeedbackItem {
  std::string measure;  // measure code
  bool applied = false;
  std::string reason;  // required when not applied
};

// Thread-safe. Check records are written by a CheckRecorder (group commit) owned by the
// service, so the service must be destroyed before the store it was given.
class CheckService {
 public:
  // `catalogue` names the items of the records a measure is triggered by.
  // `book` (may be null: the policy's bases) gives the measures' bases as confirmed.
  CheckService(ServiceContext ctx, const MeasureList& measures, const Catalogue& catalogue,
               SubjectService& subjects, const BasisBook* book = nullptr);
  // Waits for checks still being recorded.
  ~CheckService();
  // Answers carry the subject's grade and supervision setting from `evaluation` (set once,
  // before the first check; without it they say null).
  void UseEvaluation(EvaluationService* evaluation) { evaluation_ = evaluation; }

  // Officers and admins. A valid code of no subject on the platform is answered too, and
  // recorded: "no credit information on record" (subject.on_record false, no measures).
  // invalid_argument for an invalid code or an unknown scenario (the message lists the known
  // ones).
  Result<CheckAnswer> Check(const Principal& p, const std::string& code,
                            const std::string& scenario);
  // As Check, without waiting: the answer is computed on the calling thread and `done` is
  // called once the check's record is committed (on the recorder's writer thread; it must
  // not block), or at once with the error when there is no answer. For servers that answer
  // later instead of holding a thread per check.
  using AnswerDone = std::function<void(Result<CheckAnswer>)>;
  void CheckAsync(const Principal& p, const std::string& code, const std::string& scenario,
                  AnswerDone done);
  // Returns once every check begun before the call has been recorded and told. A server
  // calls it after it has stopped, while the connections its callbacks answer still exist.
  void Flush();
  // How the checks were committed so far (checks per commit), for the log and benchmarks.
  CheckRecorder::Stats RecorderStats() const;
  // Per measure: applied or not, with a reason when not. Once per measure and check.
  Status Feedback(const Principal& p, int64_t check_id, const std::vector<FeedbackItem>& items);

  // A department's checks, newest first (officers and operators: their own department; admins
  // and auditors: all, or one department), each with the feedback given so far.
  struct Listed {
    CheckRecord check;
    std::string subject_name;  // "" when not on the platform
    std::vector<CheckFeedback> feedback;
  };
  Result<std::vector<Listed>> List(const Principal& p, int64_t department_id, int64_t before,
                                   int limit);
  Result<Listed> Get(const Principal& p, int64_t check_id);

  // Check counts per department and scenario; officers and operators see their own
  // department, admins and auditors all.
  Result<std::vector<CheckStat>> Stats(const Principal& p);

  // Marks a record disputed (异议处理中) or clears the mark; admins only. While disputed,
  // measures triggered only by it are suspended in check answers.
  Status SetRecordDisputed(const Principal& p, int64_t record_id, bool disputed,
                           const std::string& objection_ref);

 private:
  struct Prepared;
  Result<Prepared> Prepare(const Principal& p, const std::string& code,
                           const std::string& scenario);

  Result<Prepared> NotOnRecord(const Principal& p, const Scenario& sc, const std::string& code,
                               const std::string& now);
  Result<Listed> Describe(Transaction& tx, CheckRecord c);
  // Fills in how the answer names a record: item, decision number, deciding department.
  Status NameRecords(Transaction& tx, const std::vector<RecordFactRow>& rows,
                     std::vector<RecordFact>& out);
  // A department's name, read once: departments are registered, never renamed, so the check
  // path asks the store only for one it has not seen.
  Result<std::string> DepartmentName(Transaction& tx, int64_t id);

  ServiceContext ctx_;
  const MeasureList& measures_;
  const Catalogue& catalogue_;
  SubjectService& subjects_;
  EvaluationService* evaluation_ = nullptr;
  std::unique_ptr<AnswerWriter> writer_;
  std::mutex department_names_mu_;
  std::unordered_map<int64_t, std::string> department_names_;
  std::unique_ptr<CheckRecorder> recorder_;
};

}  // namespace xinyong
