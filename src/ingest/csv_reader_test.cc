#include <gtest/gtest.h>

#include <string>

#include "ingest/table.h"
#include "ingest/test_util.h"

namespace xinyong::ingest {
namespace {

using testing::Cells;
using testing::Encode;
using testing::MustOpen;
using testing::ReadAll;

const Cells kPenalty = {{"统一社会信用代码", "91320100748204660Q"}, {"名称", "南京某某有限公司"}};

TEST(CsvReader, ReadsUtf8WithHeaderTrimmedAndRowNumbersFromTwo) {
  auto reader = MustOpen(Format::kCsv,
                         " 统一社会信用代码 ,名称\u3000\n91320100748204660Q,南京某某有限公司\n");
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->encoding(), "utf-8");
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].number, 2);
  EXPECT_EQ(rows[0].error, "");
  EXPECT_EQ(rows[0].cells, kPenalty);
}

TEST(CsvReader, DropsUtf8Bom) {
  auto reader = MustOpen(
      Format::kCsv, "\xEF\xBB\xBF统一社会信用代码,名称\r\n91320100748204660Q,南京某某有限公司\r\n");
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->encoding(), "utf-8-bom");
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cells, kPenalty);
}

TEST(CsvReader, DropsBomBeforeQuotedHeader) {
  auto reader = MustOpen(Format::kCsv, "\xEF\xBB\xBF\"名称\",\"金额\"\n甲,1\n");
  ASSERT_NE(reader, nullptr);
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cells, (Cells{{"名称", "甲"}, {"金额", "1"}}));
}

TEST(CsvReader, ConvertsGbkAsExcelOnChineseWindowsSavesIt) {
  const std::string gbk = Encode(
      "统一社会信用代码,名称,处罚事由\r\n91320100748204660Q,南京某某有限公司,"
      "\"未按规定公示，罚款\"\r\n",
      "GBK");
  auto reader = MustOpen(Format::kCsv, gbk);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->encoding(), "gb18030");
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].number, 2);
  EXPECT_EQ(rows[0].cells, (Cells{{"统一社会信用代码", "91320100748204660Q"},
                                  {"名称", "南京某某有限公司"},
                                  {"处罚事由", "未按规定公示，罚款"}}));
}

TEST(CsvReader, ConvertsGb18030FourByteCharacters) {
  // U+4DB6 and U+20000 exist only in GB18030's four-byte area, not in GBK.
  const std::string text = "名称\n\u4DB6\U00020000公司\n";
  auto reader = MustOpen(Format::kCsv, Encode(text, "GB18030"));
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->encoding(), "gb18030");
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cells, (Cells{{"名称", "\u4DB6\U00020000公司"}}));
}

TEST(CsvReader, BytesInvalidEvenInGb18030GiveAnErrorOnThatRowOnly) {
  std::string gbk = Encode("名称,地址\n甲公司,南京\n", "GBK");
  gbk += "\x81\x20" + Encode("乙公司,苏州\n", "GBK");  // 0x81 needs a trail byte >= 0x30
  gbk += Encode("丙公司,无锡\n", "GBK");
  auto reader = MustOpen(Format::kCsv, gbk);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->encoding(), "gb18030");
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].error, "");
  EXPECT_EQ(rows[0].cells, (Cells{{"名称", "甲公司"}, {"地址", "南京"}}));
  EXPECT_EQ(rows[1].number, 3);
  EXPECT_EQ(rows[1].error,
            "第3行第1列含有无法识别的字节（该单元格第1个字节 0x81），不是有效的 GB18030/GBK "
            "编码；请检查文件编码后重新导出");
  EXPECT_TRUE(rows[1].cells.empty());
  EXPECT_EQ(rows[2].error, "");
  EXPECT_EQ(rows[2].cells, (Cells{{"名称", "丙公司"}, {"地址", "无锡"}}));
}

TEST(CsvReader, InvalidUtf8AfterBomIsARowError) {
  auto reader = MustOpen(Format::kCsv, "\xEF\xBB\xBF名称\n甲\n\xE4\xB8\n乙\n");
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->encoding(), "utf-8-bom");
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].number, 3);
  EXPECT_NE(rows[1].error.find("第3行第1列含有无法识别的字节"), std::string::npos);
  EXPECT_NE(rows[1].error.find("UTF-8"), std::string::npos);
  EXPECT_EQ(rows[2].cells, (Cells{{"名称", "乙"}}));
}

TEST(CsvReader, FollowsRfc4180) {
  const std::string csv =
      "名称,说明,金额\r\n"
      "\"甲,乙公司\",\"他说\"\"你好\"\"\",100\r\n"
      "丙公司,\"第一行\n第二行\r\n第三行\",200\r\n"
      "丁公司,,\r\n"
      "\"\",\"\",\"3\"\r\n";
  auto reader = MustOpen(Format::kCsv, csv);
  ASSERT_NE(reader, nullptr);
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].number, 2);
  EXPECT_EQ(rows[0].cells,
            (Cells{{"名称", "甲,乙公司"}, {"说明", "他说\"你好\""}, {"金额", "100"}}));
  EXPECT_EQ(rows[1].number, 3);
  EXPECT_EQ(rows[1].cells,
            (Cells{{"名称", "丙公司"}, {"说明", "第一行\n第二行\r\n第三行"}, {"金额", "200"}}));
  // A record with newlines inside quotes is one spreadsheet row.
  EXPECT_EQ(rows[2].number, 4);
  EXPECT_EQ(rows[2].cells, (Cells{{"名称", "丁公司"}, {"说明", ""}, {"金额", ""}}));
  EXPECT_EQ(rows[3].number, 5);
  EXPECT_EQ(rows[3].cells, (Cells{{"名称", ""}, {"说明", ""}, {"金额", "3"}}));
}

TEST(CsvReader, LastRecordWithoutLineEnd) {
  auto reader = MustOpen(Format::kCsv, "a,b\n1,2");
  ASSERT_NE(reader, nullptr);
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cells, (Cells{{"a", "1"}, {"b", "2"}}));
}

TEST(CsvReader, SkipsEmptyRowsButKeepsTheirNumbers) {
  auto reader = MustOpen(Format::kCsv, "\n名称,金额\n甲,1\n\n,\n  , \n乙,2\n\n\n");
  ASSERT_NE(reader, nullptr);
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].number, 3);
  EXPECT_EQ(rows[1].number, 7);
  EXPECT_EQ(rows[1].cells, (Cells{{"名称", "乙"}, {"金额", "2"}}));
}

TEST(CsvReader, WrongCellCountIsARowErrorAndReadingGoesOn) {
  auto reader = MustOpen(Format::kCsv, "名称,金额\n甲,1,多余\n乙\n丙,3\n");
  ASSERT_NE(reader, nullptr);
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].error,
            "第2行有 3 个单元格，而表头有 2 列；请检查该行是否多了或少了逗号，含逗号或换行的内容要"
            "用英文双引号括起来");
  EXPECT_TRUE(rows[0].cells.empty());
  EXPECT_NE(rows[1].error.find("第3行有 1 个单元格"), std::string::npos);
  EXPECT_EQ(rows[2].error, "");
  EXPECT_EQ(rows[2].cells, (Cells{{"名称", "丙"}, {"金额", "3"}}));
}

TEST(CsvReader, UnclosedQuoteIsReportedOnItsRow) {
  auto reader = MustOpen(Format::kCsv, "名称,说明\n甲,好\n乙,\"没有闭合\n丙,3\n");
  ASSERT_NE(reader, nullptr);
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].number, 3);
  EXPECT_NE(rows[1].error.find("第3行第2列的引号没有闭合"), std::string::npos);
}

TEST(CsvReader, TextAfterAClosingQuoteIsARowError) {
  auto reader = MustOpen(Format::kCsv, "名称,说明\n\"甲\"公司,1\n乙,2\n");
  ASSERT_NE(reader, nullptr);
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_NE(rows[0].error.find("第2行第1列：引号闭合后还有其他字符"), std::string::npos);
  EXPECT_EQ(rows[1].error, "");
}

TEST(CsvReader, QuoteInsideUnquotedCellIsText) {
  auto reader = MustOpen(Format::kCsv, "名称\n5\"屏幕\n");
  ASSERT_NE(reader, nullptr);
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cells, (Cells{{"名称", "5\"屏幕"}}));
}

TEST(CsvReader, CellsOfAColumnWithoutNameMustBeEmpty) {
  auto reader = MustOpen(Format::kCsv, "名称,,金额,\n甲,,1,\n乙,备注,2,\n");
  ASSERT_NE(reader, nullptr);
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].cells, (Cells{{"名称", "甲"}, {"金额", "1"}}));
  EXPECT_EQ(rows[1].error, "第3行第2列有内容，但表头该列没有列名；请补上列名或删去该列的内容");
}

TEST(CsvReader, HeaderOnlyHasNoRows) {
  auto reader = MustOpen(Format::kCsv, "名称,金额\r\n");
  ASSERT_NE(reader, nullptr);
  EXPECT_TRUE(ReadAll(*reader).empty());
}

TEST(CsvReader, RefusesFilesItCannotOpen) {
  struct Case {
    std::string content;
    std::string message;
  } cases[] = {
      {"", "文件是空的：没有表头行（第一行应为列名）"},
      {"\xEF\xBB\xBF", "文件是空的：没有表头行（第一行应为列名）"},
      {"\n\r\n,,\n", "文件是空的：没有表头行（第一行应为列名）"},
      {"名称,金额,名称\n", "表头第1列和第3列的列名都是“名称”，列名不能重复；请改名或删去多余的列"},
      {"\xFF\xFEn\0a\0", "文件是 UTF-16 编码"},
      {"\"名称,金额\n", "表头行有误：第1行第1列的引号没有闭合"},
  };
  for (const Case& c : cases) {
    auto reader = OpenTable(Format::kCsv, c.content);
    ASSERT_FALSE(reader.ok()) << c.content;
    EXPECT_EQ(reader.status().code(), Code::kInvalidArgument);
    EXPECT_EQ(reader.status().message().rfind(c.message, 0), 0u) << reader.status().message();
  }
}

TEST(CsvReader, RefusesFilesWithTooManyRows) {
  OpenOptions options;
  options.max_rows = 3;
  const std::string three = "名称\n甲\n\n乙\n\"丙\n丁\"\n";
  auto ok = MustOpen(Format::kCsv, three, options);
  ASSERT_NE(ok, nullptr);
  EXPECT_EQ(ReadAll(*ok).size(), 3u);

  auto refused = OpenTable(Format::kCsv, three + "戊\n", options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(refused.status().message(),
            "文件的数据超过 3 行，超出单个文件的上限；请拆分为多个文件分别上传");
}

TEST(CsvReader, DefaultLimitIsOneMillionRows) {
  EXPECT_EQ(OpenOptions{}.max_rows, 1'000'000);
  std::string csv = "编号\n";
  csv.reserve(8'000'000);
  for (int i = 0; i < 1'000'001; ++i) csv += "1\n";
  auto refused = OpenTable(Format::kCsv, csv);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("超过 1000000 行"), std::string::npos);
}

TEST(DetectFormat, UsesTheExtensionThenTheContent) {
  EXPECT_EQ(*DetectFormat("处罚.CSV", "a,b"), Format::kCsv);
  EXPECT_EQ(*DetectFormat("x.jsonl", "{}"), Format::kJsonLines);
  EXPECT_EQ(*DetectFormat("x.json", " [ {} ]"), Format::kJsonArray);
  EXPECT_EQ(*DetectFormat("x.json", "{\"a\":1}\n{\"a\":2}\n"), Format::kJsonLines);
  EXPECT_EQ(*DetectFormat("x.xlsx", "PK\x03\x04..."), Format::kXlsx);
  EXPECT_EQ(*DetectFormat("upload", "PK\x03\x04..."), Format::kXlsx);
  EXPECT_EQ(*DetectFormat("upload", "\xEF\xBB\xBF[{\"a\":1}]"), Format::kJsonArray);
  EXPECT_EQ(*DetectFormat("upload", "\n{\"a\":1}"), Format::kJsonLines);
  EXPECT_EQ(*DetectFormat("upload", "名称,金额\n"), Format::kCsv);
  // A workbook renamed to .csv is still a workbook.
  EXPECT_EQ(*DetectFormat("renamed.csv", "PK\x03\x04..."), Format::kXlsx);
  auto xls = DetectFormat("old.xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8));
  ASSERT_FALSE(xls.ok());
  EXPECT_NE(xls.status().message().find("旧版 Excel"), std::string::npos);
  auto ods = DetectFormat("x.ods", "");
  ASSERT_FALSE(ods.ok());
  EXPECT_EQ(ods.status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace xinyong::ingest
