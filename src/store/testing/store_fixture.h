// GoogleTest fixture for suites that run against every store kind (memory, SQLite,
// PostgreSQL): a fresh, empty store per test. PostgreSQL cases are skipped without a server
// unless XINYONG_REQUIRE_PG=1 (make test and CI), which makes them fail instead.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/testing/test_stores.h"

namespace xinyong::testing {

class StoreFixture : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto made = TestStore::Make(GetParam());
    if (!made.ok()) {
      if (GetParam() == "postgres" && !PostgresRequired()) {
        GTEST_SKIP() << made.status().ToString();
      }
      FAIL() << made.status().ToString();
    }
    ts_ = std::move(made).value();
  }
  Store& store() { return ts_->store(); }

  std::unique_ptr<TestStore> ts_;
};

// INSTANTIATE_TEST_SUITE_P(AllStores, Suite, XY_ALL_STORES);
#define XY_ALL_STORES                                                     \
  ::testing::ValuesIn(::xinyong::testing::StoreKinds()),                  \
      [](const auto& param_info) { return param_info.param; }

}  // namespace xinyong::testing
