#include "domain/subscription.h"

namespace xinyong {

bool IsSubscriptionScope(std::string_view scope) {
  return scope == "all" || scope == "region" || scope == "watch";
}

}  // namespace xinyong
