// The store's part for typical cases (典型案例), capability 15 of the system map. A Transaction
// hands it out (Transaction::TypicalCases()); it reads and writes within that transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/typical_case.h"

namespace xinyong {

// Filters of FindCases; empty and zero mean "any". Newest first (by id), ids below
// `before_id` (0 = from the newest), skipping `offset`, at most `limit`.
struct CaseQuery {
  std::string status;
  std::string kind;
  int64_t before_id = 0;
  int offset = 0;
  int limit = 50;
};

class TypicalCaseTables {
 public:
  virtual ~TypicalCaseTables() = default;
  virtual Result<int64_t> InsertCase(const TypicalCase& c) = 0;
  // Overwrites every field of case c.id but created_at and author; not_found for an unknown id.
  virtual Status UpdateCase(const TypicalCase& c) = 0;
  virtual Result<std::optional<TypicalCase>> GetCase(int64_t id) = 0;
  virtual Result<std::vector<TypicalCase>> FindCases(const CaseQuery& q) = 0;
  // Replaces the links of a case with `links` (their case_id is set to `case_id`).
  virtual Status PutCaseLinks(int64_t case_id, const std::vector<CaseLink>& links) = 0;
  // The links of these cases, by case id, then kind, then target.
  virtual Result<std::vector<CaseLink>> CaseLinks(const std::vector<int64_t>& case_ids) = 0;
};

}  // namespace xinyong
