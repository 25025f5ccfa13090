// The store's part for credit reports (信用报告), capability 11 of the system map. A
// Transaction hands it out (Transaction::Reports()).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/report.h"

namespace xinyong {

class ReportTables {
 public:
  virtual ~ReportTables() = default;
  // conflict when the number is taken.
  virtual Result<int64_t> InsertReport(const CreditReport& r) = 0;
  virtual Result<std::optional<CreditReport>> FindReport(const std::string& number) = 0;
  // A subject's reports, newest first, ids below `before_id` (0 = from the newest).
  virtual Result<std::vector<CreditReport>> ReportsOfSubject(int64_t subject_id, int64_t before_id,
                                                             int limit) = 0;
  // The highest number starting with `prefix` (XY + date), "" for none.
  virtual Result<std::string> LastReportNumber(const std::string& prefix) = 0;
};

}  // namespace xinyong
