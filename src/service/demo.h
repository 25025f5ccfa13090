// Demonstration data: a deterministic generator of realistic subjects (companies with
// plausible Chinese names and valid USCCs over real division codes, individual businesses,
// social organisations and public institutions, natural persons with valid ID numbers and
// common names). The same seed and size give the same subjects, at any size from 1 to
// 10,000,000. Later capabilities extend it with records.
#pragma once

#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "domain/account.h"
#include "service/subject_service.h"

namespace xinyong {

class DivisionTable;
class AccountService;
class WorkingCalendar;

// Not thread-safe; one generator per run.
class DemoSubjectGenerator {
 public:
  // `divisions` must outlive the generator and hold current counties.
  DemoSubjectGenerator(const DivisionTable& divisions, uint64_t seed);
  // The next subject of the sequence.
  SubjectInput Next();
  int64_t generated() const { return index_; }

 private:
  SubjectInput Company();
  SubjectInput IndividualBusiness();
  SubjectInput Organisation();
  SubjectInput Person();
  std::string Uscc(char dept, char category, const std::string& division);
  std::string PersonName();
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[rng_() % v.size()];
  }

  const DivisionTable& divisions_;
  std::mt19937_64 rng_;
  uint64_t seed_;
  int64_t index_ = 0;
  int64_t org_serial_ = 0;
  std::unordered_set<std::string> person_ids_;
};

struct DemoCompany {
  std::string name;
  std::string code;    // USCC
  std::string region;  // the division's full name, e.g. 江苏省南京市玄武区 ("" when unknown)
};

struct DemoSummary {
  int64_t subjects = 0;
  std::string first_company_code;  // a code to try in the browser or with curl
  std::vector<DemoCompany> companies;  // a sample (at most 20,000) for demonstration records
};

// Registers `count` generated subjects through `subjects` in transactions of `batch`.
// `progress` (may be empty) is called after each batch with the number done so far.
Result<DemoSummary> GenerateDemoSubjects(SubjectService& subjects,
                                         const DivisionTable& divisions, int64_t count,
                                         uint64_t seed, int batch,
                                         const std::function<void(int64_t)>& progress);

class IntakeService;
class ManualClock;
struct Department;

struct DemoRecordsSummary {
  int64_t registrations = 0;  // 登记注册基本信息, one per company
  int64_t penalties = 0;
  int64_t licences = 0;
  int64_t late = 0;     // received more than 7 working days after the decision
  int64_t batches = 0;
};

// The registration (登记注册基本信息) of every one of `companies`, from `penalty_department` (the
// market regulator), then licences (行政许可) and penalties (行政处罚) for a sample of them,
// submitted through
// `intake` exactly as departments submit: decision dates over the three calendar years the
// calendar covers up to `today`, plausible 文书号, authorities, categories and amounts, each
// received a few working days after its decision (some late). `clock` must be the clock of
// `intake`; it is moved to each receipt day. `penalty_department` and `licence_department`
// submit them.
Result<DemoRecordsSummary> GenerateDemoRecords(IntakeService& intake, ManualClock& clock,
                                               const WorkingCalendar& calendar,
                                               const std::vector<DemoCompany>& companies,
                                               const Department& penalty_department,
                                               const Department& licence_department,
                                               uint64_t seed, Date today);

// The companies (企业, codes beginning 91) among the first `subjects` subjects that
// GenerateDemoSubjects registers for `seed`, regenerated without a store: the same names and
// codes, in the same order.
std::vector<DemoCompany> DemoCompanies(const DivisionTable& divisions, int64_t subjects,
                                       uint64_t seed);

// Exactly `count` licences (about four in five) and penalties spread over all `companies`,
// otherwise as GenerateDemoRecords: the same rows, submitted through `intake` in one batch
// per department and receipt day, every one received before `today`. For loading a store at
// scale (`xinyong demo --records N`). `progress` (may be empty) is called after each batch
// with the number of rows submitted so far.
Result<DemoRecordsSummary> GenerateDemoRecordVolume(
    IntakeService& intake, ManualClock& clock, const WorkingCalendar& calendar,
    const std::vector<DemoCompany>& companies, const Department& penalty_department,
    const Department& licence_department, uint64_t seed, Date today, int64_t count,
    const std::function<void(int64_t)>& progress);

// Ten 行政处罚 rows with Chinese column names, two of them wrong on purpose (row 5: a bad check
// character; row 8: 法定代表人 missing), for a newcomer to try uploading.
struct DemoSample {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};
DemoSample DemoPenaltySample(const std::vector<DemoCompany>& companies,
                             const Department& department, Date today);
// The sample as a CSV in GB18030 (what Excel on Chinese Windows saves).
std::string DemoPenaltyCsvGbk(const DemoSample& sample);

struct DemoAccount {
  std::string username;
  std::string password;
  Role role;
  std::string department;
};

// Departments of a county (market regulation, tax, courts, ...) and one user per role, for
// trying the platform. `admin` must be a platform admin.
Result<std::vector<DemoAccount>> CreateDemoAccounts(AccountService& accounts,
                                                    const Principal& admin);

}  // namespace xinyong
