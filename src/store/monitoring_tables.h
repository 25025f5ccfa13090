// The store's part for the monthly monitoring (跟踪问效): aggregates computed by the database
// over a month, never by reading every row into the program.
#pragma once

#include "core/status.h"
#include "domain/monitoring.h"

namespace xinyong {

class MonitoringTables {
 public:
  virtual ~MonitoringTables() = default;
  virtual Result<MonthFigures> Month(const MonthRange& r) = 0;
  // The records received in the month (first versions, active) that hit a rule, at most
  // `limit`, by record id.
  virtual Result<std::vector<WarningHit>> Warnings(const MonthRange& r, const WarningRules& rules,
                                                   int limit) = 0;
};

}  // namespace xinyong
