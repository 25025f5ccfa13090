// The access log never carries the address of a tipster.
#include "http/access_log.h"

#include <gtest/gtest.h>

namespace xinyong::http {
namespace {

TEST(AccessLogTest, TipRoutesKeepNoAddress) {
  EXPECT_EQ(AccessLogAddress("203.0.113.9", "/api/v1/tips"), "-");
  EXPECT_EQ(AccessLogAddress("203.0.113.9", "/api/v1/tips/{id}/track"), "-");
  EXPECT_EQ(AccessLogAddress("203.0.113.9", "/api/v1/tipsters"), "203.0.113.9");
  EXPECT_EQ(AccessLogAddress("203.0.113.9", "/api/v1/objections"), "203.0.113.9");
}

}  // namespace
}  // namespace xinyong::http
