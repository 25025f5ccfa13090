#include "http/rate_limit.h"

#include <gtest/gtest.h>

namespace xinyong::http {
namespace {

TEST(RateLimiterTest, BurstThenTheSteadyRate) {
  RateLimiter limiter(60, 3);  // one a second, three at once
  int retry = 0;
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Allow("1.2.3.4", 1000, &retry)) << i;
  EXPECT_FALSE(limiter.Allow("1.2.3.4", 1000, &retry));
  EXPECT_EQ(retry, 1);
  // Another client has its own bucket.
  EXPECT_TRUE(limiter.Allow("5.6.7.8", 1000, &retry));
  // A second later one more is allowed, and only one.
  EXPECT_TRUE(limiter.Allow("1.2.3.4", 2000, &retry));
  EXPECT_FALSE(limiter.Allow("1.2.3.4", 2000, &retry));
  // After a long pause the bucket is full again, but never more than the burst.
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Allow("1.2.3.4", 100000, &retry)) << i;
  EXPECT_FALSE(limiter.Allow("1.2.3.4", 100000, &retry));
}

TEST(RateLimiterTest, SlowRatesSayHowLongToWait) {
  RateLimiter limiter(2, 1);  // one every 30 seconds
  int retry = 0;
  EXPECT_TRUE(limiter.Allow("a", 0, &retry));
  EXPECT_FALSE(limiter.Allow("a", 0, &retry));
  EXPECT_EQ(retry, 30);
  EXPECT_FALSE(limiter.Allow("a", 20000, &retry));
  EXPECT_EQ(retry, 10);
  EXPECT_TRUE(limiter.Allow("a", 30000, &retry));
}

TEST(RateLimiterTest, ZeroMeansNoLimitAndClocksGoingBackDoNotAddTokens) {
  RateLimiter off(0, 1);
  EXPECT_FALSE(off.enabled());
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(off.Allow("a", 0, nullptr));
  RateLimiter limiter(60, 1);
  EXPECT_TRUE(limiter.Allow("a", 5000, nullptr));
  EXPECT_FALSE(limiter.Allow("a", 1000, nullptr));
}

TEST(RateLimiterTest, ManyClientsAreForgottenOnceFull) {
  RateLimiter limiter(600, 2);
  for (int i = 0; i < 200000; ++i) EXPECT_TRUE(limiter.Allow(std::to_string(i), 0, nullptr));
  // Much later every bucket has refilled; old clients are dropped and all are served.
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(limiter.Allow(std::to_string(i), 60000, nullptr));
}

}  // namespace
}  // namespace xinyong::http
