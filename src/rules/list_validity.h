// How long a decided list entry stays in force (名单有效期), per list kind and domain, as
// policy data (policy/lists/validity.yaml). Immutable after loading; safe to share between
// threads.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "core/status.h"

namespace xinyong {

struct ValidityPeriod {
  int months = 36;      // taken when a decision gives no end date
  int max_months = 36;  // an end later than this from valid_from is refused
  std::string source;   // the rule that fixes it; "" when it is the office's default

  // The rule as messages and events name it: the source, or the office's own policy.
  std::string Rule() const { return source.empty() ? "本平台名单有效期政策" : source; }
};

class ListValidity {
 public:
  // Loads <dir>/validity.yaml; invalid_argument naming the file, key and line for a broken one
  // (unknown list kind or key, months outside 1..120, months above max_months).
  static Result<ListValidity> LoadDir(const std::filesystem::path& dir);

  // The period of an entry of `list_kind` ("red", "serious", "key_attention") in `domain`
  // ("" = none): the domain's own, else the kind's default. nullptr for an unknown kind.
  const ValidityPeriod* Period(const std::string& list_kind, const std::string& domain) const;

  // The end date of an entry in force from `valid_from` (YYYY-MM-DD): `requested` when given
  // and within the period's maximum, the period's end when `requested` is "". Refused
  // (invalid_argument, in Chinese, naming valid_until and the rule) when `requested` is before
  // `valid_from` or beyond the maximum, or the kind is unknown.
  Result<std::string> EndOf(const std::string& list_kind, const std::string& domain,
                            const std::string& valid_from, const std::string& requested) const;

 private:
  struct Kind {
    ValidityPeriod fallback;
    std::map<std::string, ValidityPeriod, std::less<>> domains;
  };
  std::map<std::string, Kind, std::less<>> kinds_;
};

}  // namespace xinyong
