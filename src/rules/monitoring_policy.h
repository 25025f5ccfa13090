// How the monthly monitoring (跟踪问效) counts and ranks departments, as policy data
// (policy/monitoring/monitoring.yaml). Immutable after loading; safe to share between threads.
#pragma once

#include <filesystem>
#include <string>

#include "core/status.h"

namespace xinyong {

struct ScoreWeights {
  int intake_on_time = 30;
  int intake_accepted = 20;
  int feedback_on_time = 30;
  int cases_on_time = 20;
};

struct MonitoringPolicy {
  int feedback_working_days = 5;
  ScoreWeights weights;
  std::string repeat_item = "CF";  // the warning of a repeated record: its catalogue item
  int repeat_months = 12;          // and how many months back another one counts

  // Loads <dir>/monitoring.yaml; invalid_argument naming the file, key and line otherwise.
  static Result<MonitoringPolicy> LoadDir(const std::filesystem::path& dir);
};

}  // namespace xinyong
