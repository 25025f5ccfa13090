// The time limits of objections and the conditions of credit repair, as policy data
// (policy/rights/rights.yaml). Immutable after loading; safe to share between threads.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"

namespace xinyong {

struct ObjectionLimits {
  int accept_working_days = 2;
  int verify_working_days = 5;
  int extension_working_days = 5;
  int total_working_days = 20;
};

struct RepairPolicy {
  int review_working_days = 5;
  // evidence key -> what the applicant declares (Chinese), in file order.
  std::vector<std::pair<std::string, std::string>> required_evidence;
  bool no_repeat_same_category = true;
  std::vector<std::string> blocking_lists;
  std::vector<std::string> blocking_items;
  int list_entry_min_months = 12;
  int false_materials_ban_years = 3;
};

// Recognising a red list (守信激励): a subject with a dishonesty record (一般 or 严重失信) decided
// within `clean_months` is not recognised, unless the office overrides with a reason (logged).
struct RedListPolicy {
  int clean_months = 36;
};

struct RightsPolicy {
  ObjectionLimits objections;
  RepairPolicy repair;
  RedListPolicy red_list;

  // Loads <dir>/rights.yaml; invalid_argument naming the file, key and line for a broken one.
  static Result<RightsPolicy> LoadDir(const std::filesystem::path& dir);
};

}  // namespace xinyong
