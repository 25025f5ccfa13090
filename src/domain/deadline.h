// A deadline counted in working days through a year whose holiday notice was not yet
// published (a provisional year of core/calendar). It is kept with what it was counted from,
// so that it can be counted again when the notice is added.
#pragma once

#include <cstdint>
#include <string>

namespace xinyong {

struct ProvisionalDeadline {
  std::string target;     // "objection:12", "repair:3", "list_entry:7"
  std::string field;      // accept_due, verify_due, close_due, review_due, defence_until
  std::string from_date;  // YYYY-MM-DD: counting starts the day after
  int working_days = 0;
  std::string due;          // YYYY-MM-DD, the date now in force
  std::string computed_at;  // timestamp of the last count
};

}  // namespace xinyong
