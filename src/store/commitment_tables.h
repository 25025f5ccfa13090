// The store's part for commitments (信用承诺), capability 9 of the system map. A Transaction
// hands it out (Transaction::Commitments()); it reads and writes within that transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/commitment.h"

namespace xinyong {

// Filters of FindCommitments; empty and zero mean "any". Newest first, ids below
// `before_id` (0 = from the newest), at most `limit`.
struct CommitmentQuery {
  int64_t subject_id = 0;
  int64_t department_id = 0;
  std::string status;
  std::string kind;
  std::string publicity;
  // In force, with a material date before this day and not flagged yet (the scheduler).
  std::string material_due_before;
  int64_t before_id = 0;
  int limit = 50;
};

class CommitmentTables {
 public:
  virtual ~CommitmentTables() = default;
  // conflict when the code is taken.
  virtual Result<int64_t> InsertCommitment(const Commitment& c) = 0;
  // Overwrites the outcome of commitment c.id (status and what follows it, due_flagged_at,
  // updated_at); what was signed never changes. not_found for an unknown id.
  virtual Status UpdateCommitment(const Commitment& c) = 0;
  virtual Result<std::optional<Commitment>> GetCommitment(int64_t id) = 0;
  virtual Result<std::optional<Commitment>> FindCommitmentByCode(const std::string& code) = 0;
  virtual Result<std::optional<Commitment>> FindCommitmentBySource(
      int64_t department_id, const std::string& source_id) = 0;
  virtual Result<std::vector<Commitment>> FindCommitments(const CommitmentQuery& q) = 0;
  // The highest code starting with `prefix` (14 characters: division + date), "" for none.
  virtual Result<std::string> LastCommitmentCode(const std::string& prefix) = 0;
  virtual Status InsertCommitmentScan(const CommitmentScan& scan) = 0;
  virtual Result<std::optional<CommitmentScan>> GetCommitmentScan(int64_t commitment_id) = 0;
};

}  // namespace xinyong
