#include "app/config.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace xinyong {
namespace {

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("xy-config-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::filesystem::remove_all(dir_);
    unsetenv("XINYONG_PORT");
  }
  void Write(const std::string& text) { std::ofstream(dir_ / "xinyong.yaml") << text; }
  std::filesystem::path dir_;
};

TEST_F(ConfigTest, DefaultsWithoutFile) {
  auto c = LoadConfig(dir_.string(), {});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->store, "sqlite");
  EXPECT_EQ(c->port, 8080);
  EXPECT_EQ(c->SqlitePath(), dir_.string() + "/xinyong.db");
  EXPECT_EQ(c->web_dir, XY_DEFAULT_WEB_DIR);
}

TEST_F(ConfigTest, FileThenEnvironmentThenCommandLine) {
  Write("port: 9000\nworker_threads: 8\n");
  setenv("XINYONG_PORT", "9100", 1);
  auto c = LoadConfig(dir_.string(), {});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->port, 9100);
  EXPECT_EQ(c->worker_threads, 8);
  auto d = LoadConfig(dir_.string(), {{"port", "9200"}});
  EXPECT_EQ(d->port, 9200);
}

TEST_F(ConfigTest, UnknownKeyIsRefusedWithItsName) {
  Write("prot: 9000\n");
  auto c = LoadConfig(dir_.string(), {});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("\"prot\""), std::string::npos) << c.status().message();
}

TEST_F(ConfigTest, BadValuesAreRefused) {
  Write("port: eighty\n");
  auto c = LoadConfig(dir_.string(), {});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("port"), std::string::npos);
  Write("store: postgres\n");
  auto d = LoadConfig(dir_.string(), {});
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("postgres_url"), std::string::npos);
}

TEST_F(ConfigTest, WrittenFileIsPrivateAndLoadsBack) {
  Config c;
  c.data_dir = dir_.string();
  c.secret_key = std::string(64, 'a');
  c.port = 8181;
  ASSERT_TRUE(WriteConfigFile(c).ok());
  auto perms = std::filesystem::status(c.ConfigPath()).permissions();
  EXPECT_EQ(perms & std::filesystem::perms::group_read, std::filesystem::perms::none);
  EXPECT_EQ(perms & std::filesystem::perms::others_read, std::filesystem::perms::none);
  auto back = LoadConfig(dir_.string(), {});
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->secret_key, c.secret_key);
  EXPECT_EQ(back->port, 8181);
}

}  // namespace
}  // namespace xinyong
