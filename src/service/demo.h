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

#include "core/status.h"
#include "domain/account.h"
#include "service/subject_service.h"

namespace xinyong {

class DivisionTable;
class AccountService;

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

struct DemoSummary {
  int64_t subjects = 0;
  std::string first_company_code;  // a code to try in the browser or with curl
};

// Registers `count` generated subjects through `subjects` in transactions of `batch`.
// `progress` (may be empty) is called after each batch with the number done so far.
Result<DemoSummary> GenerateDemoSubjects(SubjectService& subjects,
                                         const DivisionTable& divisions, int64_t count,
                                         uint64_t seed, int batch,
                                         const std::function<void(int64_t)>& progress);

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
