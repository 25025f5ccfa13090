// Reading and verifying the event log.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/account.h"
#include "domain/event.h"
#include "service/context.h"

namespace xinyong {

struct VerifyReport {
  bool ok = false;
  int64_t count = 0;                // events checked and found sound
  std::optional<int64_t> fault_seq; // first event altered, inserted or missing
  std::string reason;
};

// Thread-safe.
class AuditService {
 public:
  explicit AuditService(ServiceContext ctx) : ctx_(ctx) {}

  // Walks the whole chain inside one read transaction (a consistent snapshot).
  Result<VerifyReport> Verify();
  // Events after `after_seq`, at most `limit` (1..1000). Auditors and admins only.
  Result<std::vector<Event>> List(const Principal& p, int64_t after_seq, int limit);
  // As List, filtered: `type` and `actor` exact, `from_date`/`to_date` (YYYY-MM-DD, China
  // time, inclusive) on the event's time. Empty filters match everything.
  Result<std::vector<Event>> Find(const Principal& p, int64_t after_seq, int limit,
                                  const std::string& type, const std::string& actor,
                                  const std::string& from_date, const std::string& to_date);

 private:
  ServiceContext ctx_;
};

}  // namespace xinyong
