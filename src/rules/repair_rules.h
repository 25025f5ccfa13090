// Whether a credit repair (信用修复) application may succeed: pure rules over the facts the
// service gathers. Every condition is reported, met or not, so the applicant is told exactly
// which one fails.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "rules/rights_policy.h"

namespace xinyong {

struct RepairFacts {
  std::string today;           // YYYY-MM-DD
  std::string target_kind;     // "record" or "list_entry"
  bool target_active = false;  // an active record shown publicly / a decided, effective entry
  // A record: its penalty categories (CF_CFLB), those of its catalogue item that never stop
  // early, the earliest day an early stop may take effect (display.min_until), its decision date.
  std::vector<std::string> categories;
  std::vector<std::string> no_early_stop;
  std::string min_until;
  std::string decision_date;
  // A list entry: the first day of its validity.
  std::string valid_from;
  // The subject's other penalties (category lists with decision dates), effective list kinds
  // (other than the target), catalogue items of its active records.
  struct Penalty {
    std::string decision_date;
    std::vector<std::string> categories;
  };
  std::vector<Penalty> other_penalties;
  std::vector<std::string> lists;
  std::vector<std::string> active_items;
  std::string banned_until;              // "" or the last day of a false-materials ban
  std::map<std::string, bool> evidence;  // what the applicant declares
};

struct RepairCondition {
  std::string code;  // stable: "minimum_period", "not_early", "repeat", "listed", …
  bool met = false;
  std::string message;  // Chinese, naming the date, category or list
};

std::vector<RepairCondition> CheckRepair(const RepairPolicy& policy, const RepairFacts& facts);

// True when every condition is met.
bool RepairEligible(const std::vector<RepairCondition>& conditions);

}  // namespace xinyong
