// 举报 policy: the shipped file loads with its limits and decline reasons; a broken file is
// refused naming what is wrong, and so are attachment caps one request cannot carry.
#include "rules/tips_policy.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace xinyong {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kBodyLimit = 16 * 1024 * 1024;

std::string Shipped() {
  std::ifstream in(fs::path(XY_SOURCE_DIR) / "policy" / "tips" / "tips.yaml");
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The shipped file with `from` replaced by `to`, loaded from a directory of its own.
Result<TipsPolicy> LoadChanged(const std::string& from, const std::string& to,
                               int64_t body_limit = kBodyLimit) {
  std::string text = Shipped();
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  const fs::path dir = fs::temp_directory_path() / ("xy-tips-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "tips.yaml") << text;
  auto out = TipsPolicy::LoadDir(dir, body_limit);
  fs::remove_all(dir);
  return out;
}

TEST(TipsPolicyTest, TheShippedFileLoads) {
  auto p = TipsPolicy::LoadDir(fs::path(XY_SOURCE_DIR) / "policy" / "tips", kBodyLimit);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->limits.route_working_days, 3);
  EXPECT_EQ(p->limits.answer_working_days, 15);
  EXPECT_EQ(p->limits.max_transfers, 2);
  EXPECT_EQ(p->attachments.max_files, 5);
  EXPECT_EQ(p->attachments.max_file_bytes, 5 * 1024 * 1024);
  EXPECT_EQ(p->DeclineReason("no_violation"), "经核查未发现违法失信行为");
  EXPECT_EQ(p->DeclineReason("made_up"), "");
  EXPECT_EQ(p->cases.max_display_months, 36);
}

TEST(TipsPolicyTest, BrokenFilesAreRefusedNamingTheKey) {
  auto unknown = LoadChanged("  max_transfers: 2", "  max_transfers: 2\n  reward: 100");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("reward"), std::string::npos)
      << unknown.status().ToString();

  auto zero = LoadChanged("answer_working_days: 15", "answer_working_days: 0");
  ASSERT_FALSE(zero.ok());
  EXPECT_NE(zero.status().message().find("answer_working_days"), std::string::npos);

  auto sum = LoadChanged("total_working_days: 30", "total_working_days: 10");
  ASSERT_FALSE(sum.ok());
  EXPECT_NE(sum.status().message().find("total_working_days"), std::string::npos);

  auto months = LoadChanged("max_display_months: 36", "max_display_months: 0");
  ASSERT_FALSE(months.ok());
  EXPECT_NE(months.status().message().find("max_display_months"), std::string::npos);

  auto empty = LoadChanged("    other: 其他", "    other: ''");
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("other"), std::string::npos);
}

TEST(TipsPolicyTest, CapsOneRequestCannotCarryAreRefused) {
  auto p = LoadChanged("max_file_mib: 5", "max_file_mib: 20");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("body_limit_bytes"), std::string::npos)
      << p.status().ToString();
  EXPECT_TRUE(LoadChanged("max_file_mib: 5", "max_file_mib: 5", 7 * 1024 * 1024).ok());
  EXPECT_FALSE(LoadChanged("max_file_mib: 5", "max_file_mib: 5", 6 * 1024 * 1024).ok());
}

}  // namespace
}  // namespace xinyong
