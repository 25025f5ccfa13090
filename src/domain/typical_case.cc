#include "domain/typical_case.h"

namespace xinyong {

bool PubliclyShownCase(const TypicalCase& c, std::string_view today, bool dishonesty_public) {
  if (c.status != "published" || c.published_at.empty()) return false;
  if (std::string_view(c.published_at).substr(0, 10) > today) return false;
  if (!c.display_until.empty() && today > c.display_until) return false;
  if (c.kind == kCaseDishonest && !dishonesty_public) return false;
  return true;
}

}  // namespace xinyong
