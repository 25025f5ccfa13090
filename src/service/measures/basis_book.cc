#include "service/measures/basis_book.h"

#include <mutex>

namespace xinyong {

LegalBasis BasisBook::Of(const Measure& m) const {
  std::shared_lock lock(mu_);
  const auto it = by_code_.find(m.code);
  if (it == by_code_.end()) return m.basis;
  return LegalBasis{it->second.document, it->second.article, true};
}

std::optional<BasisConfirmation> BasisBook::ConfirmationOf(const std::string& code) const {
  std::shared_lock lock(mu_);
  const auto it = by_code_.find(code);
  if (it == by_code_.end()) return std::nullopt;
  return it->second;
}

void BasisBook::Apply(const BasisConfirmation& c) {
  std::unique_lock lock(mu_);
  if (c.id > last_id_) last_id_ = c.id;
  auto [it, inserted] = by_code_.try_emplace(c.measure_code, c);
  if (!inserted) {
    if (it->second.id > c.id) return;
    it->second = c;
  }
  version_.fetch_add(1, std::memory_order_acq_rel);
}

int64_t BasisBook::last_id() const {
  std::shared_lock lock(mu_);
  return last_id_;
}

}  // namespace xinyong
