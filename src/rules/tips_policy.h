// The time limits and caps of tips (举报) and the display period of typical cases (典型案例),
// as policy data (policy/tips/tips.yaml). Immutable
// after loading; safe to share between threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace xinyong {

struct TipLimits {
  int route_working_days = 3;
  int answer_working_days = 15;
  int extension_working_days = 10;
  int total_working_days = 30;
  int max_transfers = 2;
};

struct AttachmentCaps {
  int max_files = 5;
  int64_t max_file_bytes = 5 * 1024 * 1024;
};

struct CasePolicy {
  int max_display_months = 36;
};

struct TipsPolicy {
  TipLimits limits;
  CasePolicy cases;
  AttachmentCaps attachments;
  // 不予立案 reason code -> its wording, in file order.
  std::vector<std::pair<std::string, std::string>> decline_reasons;

  // The wording of a decline reason code; "" when the code is unknown.
  std::string DeclineReason(const std::string& code) const;

  // Loads <dir>/tips.yaml; invalid_argument naming the file, key and line for a broken one,
  // and for attachment caps whose Base64 would not fit in `body_limit_bytes` (one request).
  static Result<TipsPolicy> LoadDir(const std::filesystem::path& dir, int64_t body_limit_bytes);
};

}  // namespace xinyong
