// The store's part for tips (举报), capability 15 of the system map. A Transaction hands it
// out (Transaction::Tips()); it reads and writes within that transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/tip.h"

namespace xinyong {

// Filters of FindTips; empty and zero mean "any". Newest first, ids below `before_id` (0 =
// from the newest), at most `limit`.
struct TipQuery {
  int64_t department_id = 0;  // routed to now
  std::string status;
  int64_t subject_id = 0;
  int64_t before_id = 0;
  int limit = 50;
};

class TipTables {
 public:
  virtual ~TipTables() = default;
  virtual Result<int64_t> InsertTip(const Tip& t) = 0;
  // Overwrites the workflow state of tip t.id and its token_hash; what was filed (the sealed
  // subject, facts, contact and attachments) never changes. not_found for an unknown id.
  virtual Status UpdateTip(const Tip& t) = 0;
  virtual Result<std::optional<Tip>> GetTip(int64_t id) = 0;
  virtual Result<std::vector<Tip>> FindTips(const TipQuery& q) = 0;
  virtual Status InsertTipAttachments(const std::vector<TipAttachment>& files) = 0;
  // A tip's files without their content (content_sealed ""), by number.
  virtual Result<std::vector<TipAttachment>> TipAttachmentHeads(int64_t tip_id) = 0;
  // Reading a tip never loads its files: one at a time, by number (from 1).
  virtual Result<std::optional<TipAttachment>> GetTipAttachment(int64_t tip_id, int n) = 0;
};

}  // namespace xinyong
