#include <gtest/gtest.h>

#include <string>

#include "core/text.h"
#include "ingest/table.h"
#include "ingest/test_util.h"

namespace xinyong::ingest {
namespace {

using testing::Cells;
using testing::MustOpen;
using testing::ReadAll;

TEST(JsonLinesReader, KeepsValuesAsWritten) {
  auto reader = MustOpen(
      Format::kJsonLines,
      R"({"名称":"南京某某有限公司","金额":1.50,"大数":12345678901234567890123,"指数":1e5,"负":-3,"是":true,"否":false,"空":null})"
      "\n");
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->encoding(), "json");
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].number, 1);
  EXPECT_EQ(rows[0].error, "");
  EXPECT_EQ(rows[0].cells, (Cells{{"名称", "南京某某有限公司"},
                                  {"金额", "1.50"},
                                  {"大数", "12345678901234567890123"},
                                  {"指数", "1e5"},
                                  {"负", "-3"},
                                  {"是", "true"},
                                  {"否", "false"},
                                  {"空", ""}}));
}

TEST(JsonLinesReader, NumbersRowsByLineAndSkipsBlankLines) {
  auto reader = MustOpen(Format::kJsonLines,
                         "\xEF\xBB\xBF{\"a\":\"1\"}\r\n\r\n   \n{\"a\":\"2\"}\r\n{\"a\":\"3\"}");
  ASSERT_NE(reader, nullptr);
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].number, 1);
  EXPECT_EQ(rows[1].number, 4);
  EXPECT_EQ(rows[2].number, 5);
  EXPECT_EQ(rows[2].cells, (Cells{{"a", "3"}}));
}

TEST(JsonLinesReader, MalformedLineIsARowErrorWithItsPosition) {
  auto reader = MustOpen(Format::kJsonLines, "{\"a\":1}\n{\"a\": tru}\n{\"a\":3}\n");
  ASSERT_NE(reader, nullptr);
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].number, 2);
  EXPECT_TRUE(rows[1].cells.empty());
  EXPECT_EQ(rows[1].error.rfind("第2行不是有效的 JSON（该行第10个字节附近）：syntax error", 0), 0u)
      << rows[1].error;
  EXPECT_EQ(rows[2].error, "");
  EXPECT_EQ(rows[2].cells, (Cells{{"a", "3"}}));
}

TEST(JsonLinesReader, RowErrorsForWhatIsNotAFlatObject) {
  auto reader = MustOpen(Format::kJsonLines,
                         "{\"a\":{\"b\":1}}\n{\"a\":[1]}\n[1,2]\n\"text\"\n{\"a\":1,\"a\":2}\n"
                         "{\"a\":1} {\"a\":2}\n{\"a\":\"\xE4\xB8\"}\n{}\n");
  ASSERT_NE(reader, nullptr);
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 8u);
  EXPECT_EQ(rows[0].error, "第1行字段“a”的值是嵌套的对象；只接受文本、数字、true/false 或 null");
  EXPECT_EQ(rows[1].error, "第2行字段“a”的值是嵌套的数组；只接受文本、数字、true/false 或 null");
  EXPECT_EQ(rows[2].error, "第3行是数组，应为对象（{\"列名\": 值, ...}）");
  EXPECT_EQ(rows[3].error, "第4行是文本，应为对象（{\"列名\": 值, ...}）");
  EXPECT_EQ(rows[4].error, "第5行字段“a”出现了不止一次");
  EXPECT_EQ(rows[5].error.rfind("第6行不是有效的 JSON", 0), 0u) << rows[5].error;
  EXPECT_EQ(rows[6].error.rfind("第7行不是有效的 JSON", 0), 0u) << rows[6].error;
  EXPECT_EQ(rows[7].error, "");
  EXPECT_TRUE(rows[7].cells.empty());
  for (size_t i = 0; i < 7; ++i) EXPECT_TRUE(rows[i].cells.empty()) << i;
}

// Found by json_fuzz: the parser quotes the bytes it read, and a message must stay UTF-8 (an
// error body with invalid UTF-8 cannot be serialised).
TEST(JsonLinesReader, ErrorsQuotingInvalidBytesStayUtf8) {
  auto reader = MustOpen(Format::kJsonLines, "{\"a\":1,\"b\"\xBC\xDD\x87\xDD,\"c\":null}\n");
  ASSERT_NE(reader, nullptr);
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(IsValidUtf8(rows[0].error)) << rows[0].error;
  EXPECT_NE(rows[0].error.find("\\xBC"), std::string::npos) << rows[0].error;
}

TEST(JsonLinesReader, RefusesEmptyAndOversizedFiles) {
  auto empty = OpenTable(Format::kJsonLines, "\n  \r\n");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), Code::kInvalidArgument);

  OpenOptions options;
  options.max_rows = 2;
  EXPECT_TRUE(OpenTable(Format::kJsonLines, "{}\n\n{}\n", options).ok());
  auto big = OpenTable(Format::kJsonLines, "{}\n{}\n{}\n", options);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().message(),
            "文件的数据超过 2 行，超出单个文件的上限；请拆分为多个文件分别上传");
}

TEST(JsonArrayReader, NumbersRowsByElement) {
  auto reader =
      MustOpen(Format::kJsonArray,
               "\xEF\xBB\xBF[\n {\"名称\":\"甲\",\"金额\":100},\n 5,\n"
               " {\"名称\":\"乙\",\"附件\":{\"x\":1}},\n {\"名称\":\"丙\",\"金额\":2.50}\n]\n");
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->encoding(), "json");
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].number, 1);
  EXPECT_EQ(rows[0].cells, (Cells{{"名称", "甲"}, {"金额", "100"}}));
  EXPECT_EQ(rows[1].number, 2);
  EXPECT_EQ(rows[1].error, "第2项是数字，应为对象（{\"列名\": 值, ...}）");
  EXPECT_EQ(rows[2].error, "第3项字段“附件”的值是嵌套的对象；只接受文本、数字、true/false 或 null");
  EXPECT_TRUE(rows[2].cells.empty());
  EXPECT_EQ(rows[3].number, 4);
  EXPECT_EQ(rows[3].cells, (Cells{{"名称", "丙"}, {"金额", "2.50"}}));
}

TEST(JsonArrayReader, EmptyArrayHasNoRows) {
  auto reader = MustOpen(Format::kJsonArray, "[]");
  ASSERT_NE(reader, nullptr);
  EXPECT_TRUE(ReadAll(*reader).empty());
}

TEST(JsonArrayReader, MalformedDocumentCannotBeOpened) {
  auto bad = OpenTable(Format::kJsonArray, "[\n {\"a\":1},\n {\"a\":2,}\n]");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(bad.status().message().rfind("JSON 格式错误（第3行第9列附近），整个文件无法读取：", 0),
            0u)
      << bad.status().message();

  auto truncated = OpenTable(Format::kJsonArray, "[{\"a\":1}");
  ASSERT_FALSE(truncated.ok());

  auto object = OpenTable(Format::kJsonArray, "{\"a\":1}");
  ASSERT_FALSE(object.ok());
  EXPECT_EQ(object.status().message().rfind("JSON 文件的顶层应是对象数组", 0), 0u);

  auto scalar = OpenTable(Format::kJsonArray, "42");
  ASSERT_FALSE(scalar.ok());
  EXPECT_EQ(scalar.status().message().rfind("JSON 文件的顶层应是对象数组", 0), 0u);

  auto empty = OpenTable(Format::kJsonArray, " \n");
  ASSERT_FALSE(empty.ok());
}

TEST(JsonArrayReader, RefusesTooManyRows) {
  OpenOptions options;
  options.max_rows = 2;
  EXPECT_TRUE(OpenTable(Format::kJsonArray, "[{},{}]", options).ok());
  auto big = OpenTable(Format::kJsonArray, "[{},{},{}]", options);
  ASSERT_FALSE(big.ok());
  EXPECT_NE(big.status().message().find("超过 2 行"), std::string::npos);
}

}  // namespace
}  // namespace xinyong::ingest
