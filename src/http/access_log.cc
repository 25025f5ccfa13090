#include "http/access_log.h"

namespace xinyong::http {

std::string_view AccessLogAddress(std::string_view remote, std::string_view route) {
  constexpr std::string_view kTips = "/api/v1/tips";
  if (route.substr(0, kTips.size()) == kTips &&
      (route.size() == kTips.size() || route[kTips.size()] == '/')) {
    return "-";
  }
  return remote;
}

}  // namespace xinyong::http
