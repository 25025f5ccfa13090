#include "domain/list_entry.h"

namespace xinyong {

bool IsListKind(std::string_view kind) {
  return kind == "red" || kind == "serious" || kind == "key_attention";
}

std::string_view ListKindLabel(std::string_view kind) {
  if (kind == "red") return "红名单";
  if (kind == "serious") return "严重失信主体名单";
  if (kind == "key_attention") return "重点关注名单";
  return "";
}

bool PubliclyListed(const ListEntry& e, std::string_view today) {
  return (e.list_kind == "red" || e.list_kind == "serious") && e.status == "decided" &&
         !e.valid_from.empty() && e.valid_from <= today &&
         (e.valid_until.empty() || today <= e.valid_until);
}

}  // namespace xinyong
