// The legal bases of the measures as officers are shown them: the policy's citation, or the
// latest confirmation of it by an admin of the credit office (措施依据核实). A measure whose
// citation nobody could check (`basis_confirmed: false`) shows the document only and reads
// 依据待核实 until it is confirmed. Thread-safe: check answers read it while an admin confirms.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>

#include "domain/basis_confirmation.h"
#include "rules/measures.h"

namespace xinyong {

class BasisBook {
 public:
  // The basis in force for `m`: the latest confirmation's (confirmed), else the policy's.
  LegalBasis Of(const Measure& m) const;
  // The latest confirmation of measure `code`, if any.
  std::optional<BasisConfirmation> ConfirmationOf(const std::string& code) const;
  // Takes a confirmation read from the store or just made; one of a lower id than one already
  // taken for the same measure does not replace it.
  void Apply(const BasisConfirmation& c);
  // The highest confirmation id taken (0 = none): where following the store resumes.
  int64_t last_id() const;
  // Grows by one with every change: answer writers rebuild what they cached when it moves.
  uint64_t version() const { return version_.load(std::memory_order_acquire); }

 private:
  mutable std::shared_mutex mu_;
  std::map<std::string, BasisConfirmation, std::less<>> by_code_;
  int64_t last_id_ = 0;
  std::atomic<uint64_t> version_{0};
};

}  // namespace xinyong
