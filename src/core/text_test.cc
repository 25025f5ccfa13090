#include "core/text.h"

#include <gtest/gtest.h>

namespace xinyong {
namespace {

TEST(TextTest, IsValidUtf8) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("abc"));
  EXPECT_TRUE(IsValidUtf8("北京市朝阳区"));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));  // U+1F600
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE5\x8C"));          // truncated
  EXPECT_FALSE(
      IsValidUtf8("a\x80"
                  "b"));  // stray continuation byte
}

TEST(TextTest, ReplaceInvalidUtf8) {
  EXPECT_EQ(ReplaceInvalidUtf8("北京 abc"), "北京 abc");
  // GBK for 中国, as a client may send it: each byte that starts no UTF-8 sequence is one
  // U+FFFD; D0 B9 happens to be UTF-8 (й) and stays.
  EXPECT_EQ(ReplaceInvalidUtf8("/q=\xD6\xD0\xB9\xFA"), "/q=\uFFFD\u0439\uFFFD");
  EXPECT_EQ(ReplaceInvalidUtf8("a\xE5\x8C"), "a\uFFFD\uFFFD");  // truncated 北
  EXPECT_TRUE(IsValidUtf8(ReplaceInvalidUtf8("\xC0\xAF\xED\xA0\x80\xFF")));
}

TEST(TextTest, Utf8Chars) {
  auto c = Utf8Chars(
      "a北\xFF"
      "京");
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c[0], "a");
  EXPECT_EQ(c[1], "北");
  EXPECT_EQ(c[2], "\xFF");
  EXPECT_EQ(c[3], "京");
  EXPECT_TRUE(Utf8Chars("").empty());
}

TEST(TextTest, FoldWidth) {
  EXPECT_EQ(FoldWidth("９１３２ＡＢｃ！～"), "9132ABc!~");
  EXPECT_EQ(FoldWidth("北京　朝阳"), "北京 朝阳");  // U+3000
  EXPECT_EQ(FoldWidth("（有限公司）"), "(有限公司)");
  EXPECT_EQ(FoldWidth("plain 文本"), "plain 文本");
  EXPECT_EQ(FoldWidth("a\xFF\xEF\xBC\x91"),
            "a\xFF"
            "1");  // invalid byte kept
}

TEST(TextTest, NormaliseCode) {
  EXPECT_EQ(NormaliseCode("９１３２ 0100-748204660q"), "91320100748204660Q");
  EXPECT_EQ(NormaliseCode(" 91320100\t748204660Q\n"), "91320100748204660Q");
  EXPECT_EQ(NormaliseCode("７４８２０４６６－０"), "748204660");
  EXPECT_EQ(NormaliseCode("74820466\xE2\x80\x94"
                          "0"),
            "748204660");  // em dash
  EXPECT_EQ(NormaliseCode("\xEF\xBB\xBF"
                          "11010519491231002x"),
            "11010519491231002X");  // BOM
  EXPECT_EQ(NormaliseCode("9132　0100\xC2\xA0"
                          "748204660Q"),
            "91320100748204660Q");
  EXPECT_EQ(NormaliseCode("王abc"), "王ABC");
  EXPECT_EQ(NormaliseCode(""), "");
}

TEST(TextTest, NormaliseName) {
  EXPECT_EQ(NormaliseName("  北京　某某  有限公司 "), "北京 某某 有限公司");
  EXPECT_EQ(NormaliseName("\t张三\n"), "张三");
  EXPECT_EQ(NormaliseName("ＡＢＣ（中国）有限公司"), "ABC(中国)有限公司");
  EXPECT_EQ(NormaliseName("Acme  Ltd"), "Acme Ltd");  // case kept
  EXPECT_EQ(NormaliseName("　"), "");
  EXPECT_EQ(NormaliseName(""), "");
}

TEST(NormaliseTextTest, KeepsChinesePunctuationAndLineBreaks) {
  EXPECT_EQ(NormaliseText("  《政府采购法》第二十二条第一款第（五）项，  处罚  "),
            "《政府采购法》第二十二条第一款第（五）项， 处罚");
  EXPECT_EQ(NormaliseText("\n第一行  \n第二行\n\n"), "第一行\n第二行");
  EXPECT_EQ(NormaliseText("　全角空格　"), "全角空格");
  EXPECT_EQ(NormaliseText(""), "");
}

TEST(CheckContactTest, PhonesAndMailAreTakenJunkIsNot) {
  for (const char* ok : {"13800000000", "+86 138 0000 0000", "025-12345678", "02512345678",
                         "(025)12345678", "0755-8888 8888", "025-12345678-801", "025-12345678转801",
                         "clerk@example.cn", "wang.li@mail.gov.cn"}) {
    EXPECT_TRUE(CheckContact("filer_contact", ok).ok()) << ok;
  }
  for (const char* bad : {"12345", "abc", "138000000001", "23800000000", "1234567890123",
                          "@example.cn", "name@", "name@cn", "打电话给我"}) {
    Status s = CheckContact("filer_contact", bad);
    EXPECT_FALSE(s.ok()) << bad;
    EXPECT_NE(s.message().find("filer_contact"), std::string::npos);
  }
}

}  // namespace
}  // namespace xinyong
