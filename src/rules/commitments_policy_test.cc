// 信用承诺 policy: the shipped file loads with its kinds and matches the shipped catalogue's
// breach item; a broken file is refused naming what is wrong.
#include "rules/commitments_policy.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "domain/catalogue.h"

namespace xinyong {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kBodyLimit = 16 * 1024 * 1024;
const fs::path kDir = fs::path(XY_SOURCE_DIR) / "policy" / "commitments";

Result<CommitmentsPolicy> LoadChanged(const std::string& from, const std::string& to) {
  std::ifstream in(kDir / "commitments.yaml");
  std::string text(std::istreambuf_iterator<char>(in), {});
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  const fs::path dir = fs::temp_directory_path() / ("xy-cn-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "commitments.yaml") << text;
  auto out = CommitmentsPolicy::LoadDir(dir, kBodyLimit);
  fs::remove_all(dir);
  return out;
}

TEST(CommitmentsPolicyTest, TheShippedFileLoadsAndFitsTheCatalogue) {
  auto p = CommitmentsPolicy::LoadDir(kDir, kBodyLimit);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->kinds.size(), 7u);
  EXPECT_EQ(p->Kind("fault_tolerant")->verify, "material");
  EXPECT_EQ(p->Kind("容缺受理型")->material_working_days, 20);
  EXPECT_TRUE(p->Kind("credit_repair")->repair);
  EXPECT_EQ(p->PublicityName("limited"), "特定范围内公开");
  EXPECT_EQ(p->breach_fields.at("code"), "CN_CNBM");
  auto c = Catalogue::LoadDir(fs::path(XY_SOURCE_DIR) / "policy" / "catalogue");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_TRUE(p->CheckAgainst(*c).ok());
  CommitmentsPolicy wrong = *p;
  wrong.breach_fields["matter"] = "CN_NOPE";
  EXPECT_EQ(wrong.CheckAgainst(*c).message(),
            "commitments.yaml: breach_record.fields.matter: 信息项CN没有字段“CN_NOPE”");
}

TEST(CommitmentsPolicyTest, ABrokenFileIsRefusedSayingWhereAndWhy) {
  auto r = LoadChanged("verify: material\n", "verify: sometimes\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("kinds[1].verify (line"), std::string::npos)
      << r.status().message();
  r = LoadChanged("    publicity: limited\n", "    publicity: everyone\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("“everyone”不是 publicity 中的公开类型"), std::string::npos)
      << r.status().message();
  r = LoadChanged("  - code: voluntary\n    name: 主动型", "  - code: voluntary\n    name: 审批替代型");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("重复"), std::string::npos) << r.status().message();
  r = LoadChanged("    note: BZ\n", "");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("note"), std::string::npos) << r.status().message();
  r = LoadChanged("  max_file_mib: 5", "  max_file_mib: 50");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("body_limit_bytes"), std::string::npos);
}

}  // namespace
}  // namespace xinyong
