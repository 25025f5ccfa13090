#include "core/name_fold.h"

#include <gtest/gtest.h>

namespace xinyong {
namespace {

const NameFolder& Folder() {
  static const NameFolder* f = [] {
    auto r = NameFolder::Load();
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return new NameFolder(r.ok() ? std::move(r).value() : NameFolder::WithoutScriptTable());
  }();
  return *f;
}

TEST(NameFoldTest, TraditionalAndSimplifiedAreEqual) {
  EXPECT_GT(Folder().ScriptEntries(), 2000u);
  EXPECT_EQ(Folder().FoldToUtf8("華為技術有限公司"), Folder().FoldToUtf8("华为技术有限公司"));
  EXPECT_EQ(Folder().FoldToUtf8("華為"), "华为");
  EXPECT_EQ(Folder().FoldToUtf8("臺灣銀行"), "台湾银行");
  // A simplified name is already folded.
  EXPECT_EQ(Folder().FoldToUtf8("南京某某科技有限公司"), "南京某某科技有限公司");
}

TEST(NameFoldTest, WidthBracketsCaseAndSpaces) {
  EXPECT_EQ(Folder().FoldToUtf8("ＡＢＣ（南京）有限公司"), "ABC(南京)有限公司");
  EXPECT_EQ(Folder().FoldToUtf8("abc (南京) 有限公司"), "ABC(南京)有限公司");
  EXPECT_EQ(Folder().FoldToUtf8("〔南京〕【测试】"), "(南京)(测试)");
  EXPECT_EQ(Folder().FoldToUtf8("阿卜杜·热合曼"), "阿卜杜热合曼");
  EXPECT_EQ(Folder().FoldToUtf8("　南京\t某某 "), "南京某某");
}

TEST(NameFoldTest, LimitedLiabilityCompanyIsLimitedCompany) {
  EXPECT_EQ(Folder().FoldToUtf8("南京某某科技有限责任公司"), "南京某某科技有限公司");
  EXPECT_EQ(Folder().FoldToUtf8("南京某某科技有限公司"), "南京某某科技有限公司");
  EXPECT_EQ(Folder().FoldToUtf8("某某有限責任公司南京分公司"), "某某有限公司南京分公司");
  // A query that stops inside the long form.
  EXPECT_EQ(Folder().FoldToUtf8("科技有限责任"), "科技有限");
  EXPECT_EQ(Folder().FoldToUtf8("科技有限责任公"), "科技有限公");
  EXPECT_EQ(Folder().FoldToUtf8("有限责"), "有限");
  EXPECT_EQ(Folder().FoldToUtf8("限责任公"), "限公");
  EXPECT_EQ(Folder().FoldToUtf8("责任公司南京"), "公司南京");
  EXPECT_EQ(Folder().FoldToUtf8("任公司南京分公司"), "公司南京分公司");
  // Too little of the long form to tell: kept as typed.
  EXPECT_EQ(Folder().FoldToUtf8("责任"), "责任");
  EXPECT_EQ(Folder().FoldToUtf8("社会责任"), "社会责任");
  EXPECT_EQ(Folder().FoldToUtf8("责任保险有限公司"), "责任保险有限公司");
}

TEST(NameFoldTest, InvalidBytesAreDropped) {
  EXPECT_EQ(Folder().FoldToUtf8(std::string("南\xff京")), "南京");
  EXPECT_EQ(Folder().FoldToUtf8(std::string("\xe5\x8d")), "");
  EXPECT_EQ(Utf32ToUtf8(Utf8ToUtf32("𠀀南京")), "𠀀南京");
}

}  // namespace
}  // namespace xinyong
