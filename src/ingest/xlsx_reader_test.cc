#include <gtest/gtest.h>
#include <zip.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/table.h"
#include "ingest/test_util.h"
#include "ingest/xlsx_cells.h"

namespace xinyong::ingest {
namespace {

using internal::NumberFormatKind;
using testing::Cells;
using testing::MustOpen;
using testing::ReadAll;

using Members = std::vector<std::pair<std::string, std::string>>;

// Zips `members` with libzip, as a test's own little workbook.
std::string Zip(const Members& members) {
  const std::string path = ::testing::TempDir() + "ingest_test_" +
                           ::testing::UnitTest::GetInstance()->current_test_info()->name() +
                           ".xlsx";
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  EXPECT_NE(z, nullptr) << "zip_open " << error;
  if (z == nullptr) return "";
  for (const auto& [name, data] : members) {
    zip_source_t* src = zip_source_buffer(z, data.data(), data.size(), 0);
    EXPECT_GE(zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8), 0) << zip_strerror(z);
  }
  EXPECT_EQ(zip_close(z), 0);
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::remove(path.c_str());
  return ss.str();
}

constexpr char kMain[] = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

std::string Sheet(const std::string& rows) {
  return std::string(
             "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"") +
         kMain + "\"><sheetData>" + rows + "</sheetData></worksheet>";
}

// A minimal workbook: one sheet, optional shared strings and styles.
Members Book(const std::string& sheet_xml, const std::string& shared = "",
             const std::string& styles = "", const std::string& workbook_pr = "") {
  Members m = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\"?><Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"_rels/.rels",
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" "
       "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
       "officeDocument\" "
       "Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml",
       std::string("<workbook xmlns=\"") + kMain +
           "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" +
           workbook_pr +
           "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" "
       "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
       "Target=\"/xl/worksheets/sheet1.xml\"/>"
       "<Relationship Id=\"rId2\" "
       "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
       "Target=\"styles.xml\"/>"
       "<Relationship Id=\"rId3\" "
       "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" "
       "Target=\"sharedStrings.xml\"/></Relationships>"},
      {"xl/worksheets/sheet1.xml", sheet_xml},
  };
  if (!shared.empty()) {
    m.emplace_back("xl/sharedStrings.xml",
                   std::string("<sst xmlns=\"") + kMain + "\">" + shared + "</sst>");
  }
  if (!styles.empty()) {
    m.emplace_back("xl/styles.xml",
                   std::string("<styleSheet xmlns=\"") + kMain + "\">" + styles + "</styleSheet>");
  }
  return m;
}

std::string InlineRow(int r, const std::vector<std::string>& texts) {
  std::string row = "<row r=\"" + std::to_string(r) + "\">";
  for (size_t i = 0; i < texts.size(); ++i) {
    row += "<c r=\"" + internal::ColumnName(static_cast<int>(i + 1)) + std::to_string(r) +
           "\" t=\"inlineStr\"><is><t>" + texts[i] + "</t></is></c>";
  }
  return row + "</row>";
}

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(XY_SOURCE_DIR) + "/src/ingest/testdata/" + name, std::ios::binary);
  EXPECT_TRUE(in.good()) << name;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(XlsxReader, ReadsAWorkbookLaidOutAsExcelWritesIt) {
  auto reader = MustOpen(Format::kXlsx, ReadFixture("penalties.xlsx"));
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->encoding(), "xlsx");
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 4u);
  // Rows 1 and 2 hold nothing but styles and spaces: the header is row 3, and rows keep the
  // sheet's own numbers.
  EXPECT_EQ(rows[0].number, 4);
  EXPECT_EQ(rows[0].error, "");
  EXPECT_EQ(rows[0].cells, (Cells{{"行政相对人名称", "南京某某有限公司"},
                                  {"统一社会信用代码", "91320100748204660Q"},
                                  {"处罚决定日期", "2024-03-01"},
                                  {"罚款金额（万元）", "1.5"},
                                  {"备注", "第一行\n第二行"},
                                  {"处罚决定时间", "2024-03-01"}}));
  EXPECT_EQ(rows[1].number, 5);
  EXPECT_EQ(rows[1].cells, (Cells{{"行政相对人名称", "苏州某某科技有限公司"},
                                  {"统一社会信用代码", "91320100748204660Q"},
                                  {"处罚决定日期", "2025-01-01"},
                                  {"罚款金额（万元）", "20"},
                                  {"备注", ""},
                                  {"处罚决定时间", ""}}));
  EXPECT_EQ(rows[2].number, 6);
  EXPECT_EQ(testing::CellMap(rows[2])["行政相对人名称"], "南京某某有限公司分公司");
  EXPECT_EQ(testing::CellMap(rows[2])["处罚决定日期"], "2023-03-15");
  EXPECT_EQ(testing::CellMap(rows[2])["罚款金额（万元）"], "0.3");
  EXPECT_EQ(rows[3].number, 8);
  EXPECT_EQ(testing::CellMap(rows[3])["行政相对人名称"], "无锡某某商行");
  EXPECT_EQ(testing::CellMap(rows[3])["罚款金额（万元）"], "0.012");
}

TEST(XlsxReader, SharedInlineAndRichStrings) {
  const std::string shared =
      "<si><t>名称</t></si><si><t>代码</t></si>"
      "<si><r><t>甲</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">公司 </t></r></si>";
  const std::string sheet = Sheet(
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
      "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c>"
      "<c r=\"B2\" t=\"inlineStr\"><is><r><t>0</t></r><r><t>01</t></r></is></c></row>");
  auto reader = MustOpen(Format::kXlsx, Zip(Book(sheet, shared)));
  ASSERT_NE(reader, nullptr);
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cells, (Cells{{"名称", "甲公司 "}, {"代码", "001"}}));
}

TEST(XlsxReader, NumbersAsText) {
  const std::string sheet = Sheet(InlineRow(1, {"a", "b", "c", "d", "e", "f", "g", "h"}) +
                                  "<row r=\"2\"><c r=\"A2\"><v>45352</v></c>"
                                  "<c r=\"B2\" t=\"n\"><v>12.0</v></c>"
                                  "<c r=\"C2\"><v>3.14159</v></c>"
                                  "<c r=\"D2\"><v>-7</v></c>"
                                  "<c r=\"E2\"><v>1.10101199003071E+17</v></c>"
                                  "<c r=\"F2\" t=\"b\"><v>1</v></c>"
                                  "<c r=\"G2\" t=\"str\"><f>TEXT(1,\"0\")</f><v>1</v></c>"
                                  "<c r=\"H2\"><v>0.1</v></c></row>");
  auto reader = MustOpen(Format::kXlsx, Zip(Book(sheet)));
  ASSERT_NE(reader, nullptr);
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cells, (Cells{{"a", "45352"},
                                  {"b", "12"},
                                  {"c", "3.14159"},
                                  {"d", "-7"},
                                  {"e", "110101199003071000"},
                                  {"f", "TRUE"},
                                  {"g", "1"},
                                  {"h", "0.1"}}));
}

TEST(XlsxReader, DatesInDateFormattedCells) {
  // xf 0 General, 1 built-in 14, 2 custom date, 3 custom number, 4 built-in 31 (zh-CN
  // yyyy"年"m"月"d"日"), 5 built-in 20 (h:mm), 6 custom date with time.
  const std::string styles =
      "<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"yyyy/mm/dd;@\"/>"
      "<numFmt numFmtId=\"165\" formatCode=\"#,##0.00&quot;元&quot;\"/>"
      "<numFmt numFmtId=\"166\" formatCode=\"[$-804]yyyy/m/d\\ h:mm\"/></numFmts>"
      "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
      "<cellXfs count=\"7\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/>"
      "<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"31\"/><xf numFmtId=\"20\"/>"
      "<xf numFmtId=\"166\"/></cellXfs>";
  const std::string sheet = Sheet(InlineRow(1, {"a", "b", "c", "d", "e", "f", "g"}) +
                                  "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>45352</v></c>"
                                  "<c r=\"B2\" s=\"2\"><v>1</v></c>"
                                  "<c r=\"C2\" s=\"3\"><v>45352</v></c>"
                                  "<c r=\"D2\" s=\"4\"><v>61</v></c>"
                                  "<c r=\"E2\" s=\"5\"><v>0.5</v></c>"
                                  "<c r=\"F2\" s=\"6\"><v>45352.75</v></c>"
                                  "<c r=\"G2\" s=\"0\"><v>45352</v></c></row>"
                                  "<row r=\"3\"><c r=\"A3\" s=\"1\" t=\"s\"><v>0</v></c>"
                                  "<c r=\"B3\" s=\"1\"><v>-1</v></c></row>");
  auto reader = MustOpen(Format::kXlsx, Zip(Book(sheet, "<si><t>2024-03-01</t></si>", styles)));
  ASSERT_NE(reader, nullptr);
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].cells, (Cells{{"a", "2024-03-01"},
                                  {"b", "1900-01-01"},
                                  {"c", "45352"},
                                  {"d", "1900-03-01"},
                                  {"e", "12:00:00"},
                                  {"f", "2024-03-01"},
                                  {"g", "45352"}}));
  // Text in a date-formatted cell stays text; a serial out of range stays a number.
  EXPECT_EQ(testing::CellMap(rows[1])["a"], "2024-03-01");
  EXPECT_EQ(testing::CellMap(rows[1])["b"], "-1");
}

TEST(XlsxReader, Date1904Workbooks) {
  const std::string styles =
      "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>";
  const std::string sheet =
      Sheet(InlineRow(1, {"d"}) + "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>43890</v></c></row>");
  auto reader =
      MustOpen(Format::kXlsx, Zip(Book(sheet, "", styles, "<workbookPr date1904=\"1\"/>")));
  ASSERT_NE(reader, nullptr);
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cells, (Cells{{"d", "2024-03-01"}}));
}

TEST(XlsxReader, CellsWithoutReferencesAndPrefixedNamespaces) {
  const std::string sheet =
      std::string("<x:worksheet xmlns:x=\"") + kMain +
      "\"><x:sheetData><x:row><x:c t=\"inlineStr\"><x:is><x:t>名称</x:t></x:is></x:c>"
      "<x:c t=\"inlineStr\"><x:is><x:t>金额</x:t></x:is></x:c></x:row>"
      "<x:row><x:c t=\"inlineStr\"><x:is><x:t>甲</x:t></x:is></x:c><x:c><x:v>5</x:v></x:c>"
      "</x:row></x:sheetData></x:worksheet>";
  auto reader = MustOpen(Format::kXlsx, Zip(Book(sheet)));
  ASSERT_NE(reader, nullptr);
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].number, 2);
  EXPECT_EQ(rows[0].cells, (Cells{{"名称", "甲"}, {"金额", "5"}}));
}

TEST(XlsxReader, RowErrors) {
  const std::string sheet = Sheet(
      InlineRow(1, {"名称", "金额"}) +
      "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>甲</t></is></c>"
      "<c r=\"B2\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c></row>"
      "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>7</v></c></row>"
      "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>乙</t></is></c>"
      "<c r=\"D4\" t=\"inlineStr\"><is><t>旁注</t></is></c></row>"
      "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>丙</t></is></c><c r=\"B5\"><v>3</v></c>"
      "<c r=\"C5\" t=\"inlineStr\"><is><t> </t></is></c></row>");
  auto reader = MustOpen(Format::kXlsx, Zip(Book(sheet)));
  ASSERT_NE(reader, nullptr);
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].error, "第2行B列是 Excel 错误值 #DIV/0!（公式出错）；请修正后重新上传");
  EXPECT_EQ(rows[1].error,
            "第3行A列引用的共享字符串不存在，文件可能已损坏；请在 Excel 中重新保存后上传");
  EXPECT_EQ(rows[2].error, "第4行D列有内容，但表头该列没有列名；请补上列名或删去该列的内容");
  EXPECT_TRUE(rows[2].cells.empty());
  EXPECT_EQ(rows[3].error, "");
  EXPECT_EQ(rows[3].cells, (Cells{{"名称", "丙"}, {"金额", "3"}}));
}

TEST(XlsxReader, FirstVisibleWorksheetInWorkbookOrder) {
  Members m = Book(Sheet(InlineRow(1, {"第一页"}) + InlineRow(2, {"x"})));
  m[2].second =
      std::string("<workbook xmlns=\"") + kMain +
      "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
      "<sheets><sheet name=\"隐藏\" sheetId=\"3\" state=\"hidden\" r:id=\"rId5\"/>"
      "<sheet name=\"数据\" sheetId=\"2\" r:id=\"rId4\"/>"
      "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
  m[3].second =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
      "Target=\"worksheets/sheet1.xml\"/>"
      "<Relationship Id=\"rId4\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
      "Target=\"worksheets/../worksheets/data.xml\"/>"
      "<Relationship Id=\"rId5\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
      "Target=\"worksheets/hidden.xml\"/></Relationships>";
  m.emplace_back("xl/worksheets/data.xml", Sheet(InlineRow(1, {"数据页"}) + InlineRow(2, {"y"})));
  m.emplace_back("xl/worksheets/hidden.xml", Sheet(InlineRow(1, {"隐藏页"}) + InlineRow(2, {"z"})));
  auto reader = MustOpen(Format::kXlsx, Zip(m));
  ASSERT_NE(reader, nullptr);
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cells, (Cells{{"数据页", "y"}}));
}

TEST(XlsxReader, RefusesWhatIsNotAWorkbook) {
  struct Case {
    std::string content;
    std::string message_start;
  } cases[] = {
      {"", "XLSX 文件是空的（0 字节）"},
      {"PK\x03\x04 this is not really a zip",
       "XLSX 文件已损坏或不是 Excel 工作簿（无法作为压缩包打开"},
      {Zip({{"hello.txt", "hi"}}), "XLSX 文件已损坏或不是 Excel 工作簿（缺少 xl/workbook.xml）"},
      {Zip(Book(Sheet(""))), "工作表“Sheet1”是空的：没有表头行"},
      {Zip(Book(Sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c>"))),
       "XLSX 文件已损坏或不是 Excel 工作簿（xl/worksheets/sheet1.xml 第"},
      {Zip(Book("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><worksheet/>")),
       "XLSX 文件已损坏或不是 Excel 工作簿（xl/worksheets/sheet1.xml 含有 DTD 声明"},
      {Zip(Book(Sheet(InlineRow(1, {"名称", "名称"})))),
       "表头A列和B列的列名都是“名称”，列名不能重复"},
  };
  for (const Case& c : cases) {
    auto reader = OpenTable(Format::kXlsx, c.content);
    ASSERT_FALSE(reader.ok()) << c.message_start;
    EXPECT_EQ(reader.status().code(), Code::kInvalidArgument);
    EXPECT_EQ(reader.status().message().rfind(c.message_start, 0), 0u) << reader.status().message();
  }
}

TEST(XlsxReader, CorruptArchiveIsInvalidArgument) {
  const std::string good = ReadFixture("penalties.xlsx");
  // Cut off the central directory.
  auto cut = OpenTable(Format::kXlsx, good.substr(0, good.size() / 2));
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.status().code(), Code::kInvalidArgument);
  // Damage compressed bytes of every member: reading must fail cleanly, never crash.
  for (size_t at = 40; at < good.size() / 2; at += 97) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x5A);
    auto reader = OpenTable(Format::kXlsx, bad);
    if (!reader.ok()) {
      EXPECT_EQ(reader.status().code(), Code::kInvalidArgument) << reader.status().ToString();
      continue;
    }
    for (;;) {
      auto next = (*reader)->Next();
      if (!next.ok()) {
        EXPECT_EQ(next.status().code(), Code::kInvalidArgument) << next.status().ToString();
        break;
      }
      if (!next->has_value()) break;
    }
  }
}

TEST(XlsxReader, RefusesWhatUnpacksBeyondTheLimit) {
  std::string rows = InlineRow(1, {"名称"});
  for (int r = 2; r < 200; ++r) rows += InlineRow(r, {"某某有限公司"});
  const std::string xlsx = Zip(Book(Sheet(rows)));
  OpenOptions options;
  options.max_uncompressed_bytes = 4096;
  auto refused = OpenTable(Format::kXlsx, xlsx, options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(refused.status().message().rfind("XLSX 文件解压后超过 0 MiB（可能是“压缩炸弹”）", 0),
            0u)
      << refused.status().message();
  EXPECT_TRUE(OpenTable(Format::kXlsx, xlsx).ok());
}

TEST(XlsxReader, RefusesAZipBombDeclaringMoreThan512MiB) {
  // A member that claims to unpack to 600 MiB: its sizes are patched in both the local header
  // and the central directory, as a crafted bomb would have them.
  std::string xlsx = Zip(Book(Sheet(InlineRow(1, {"名称"}) + InlineRow(2, {"甲"}))));
  const std::string name = "xl/worksheets/sheet1.xml";
  const uint32_t fake = 600u << 20;
  auto patch = [&](size_t at) {
    for (int i = 0; i < 4; ++i) xlsx[at + i] = static_cast<char>((fake >> (8 * i)) & 0xFF);
  };
  int patched = 0;
  for (size_t p = xlsx.find(name); p != std::string::npos; p = xlsx.find(name, p + 1)) {
    if (p >= 30 && xlsx.compare(p - 30, 4, "PK\x03\x04") == 0) {
      patch(p - 30 + 22);
      ++patched;
    } else if (p >= 46 && xlsx.compare(p - 46, 4, "PK\x01\x02") == 0) {
      patch(p - 46 + 24);
      ++patched;
    }
  }
  ASSERT_EQ(patched, 2);
  auto refused = OpenTable(Format::kXlsx, xlsx);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Code::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("超过 512 MiB"), std::string::npos)
      << refused.status().message();
}

TEST(XlsxReader, RefusesTooManyRows) {
  std::string rows = InlineRow(1, {"名称"});
  for (int r = 2; r <= 5; ++r) rows += InlineRow(r, {"甲"});
  OpenOptions options;
  options.max_rows = 4;
  EXPECT_TRUE(OpenTable(Format::kXlsx, Zip(Book(Sheet(rows))), options).ok());
  options.max_rows = 3;
  auto refused = OpenTable(Format::kXlsx, Zip(Book(Sheet(rows))), options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(),
            "文件的数据超过 3 行，超出单个文件的上限；请拆分为多个文件分别上传");
}

std::string SheetWithDimension(const std::string& ref, const std::string& rows) {
  return std::string("<worksheet xmlns=\"") + kMain + "\"><dimension ref=\"" + ref +
         "\"/><sheetData>" + rows + "</sheetData></worksheet>";
}

TEST(XlsxReader, RowLimitCountsRowsWithContentNotTheDeclaredSize) {
  // Formatting a column down to the last row makes Excel declare A1:C1048576.
  std::string rows = InlineRow(1, {"名称"}) + InlineRow(2, {"甲"}) + InlineRow(3, {"乙"});
  for (int r = 4; r <= 50; ++r) rows += "<row r=\"" + std::to_string(r) + "\"><c s=\"1\"/></row>";
  OpenOptions options;
  options.max_rows = 2;
  auto reader =
      MustOpen(Format::kXlsx, Zip(Book(SheetWithDimension("A1:C1048576", rows))), options);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(ReadAll(*reader).size(), 2u);
}

TEST(XlsxReader, SheetThatUnderstatesItsSizeStopsAtTheLimit) {
  std::string rows = InlineRow(1, {"名称"});
  for (int r = 2; r <= 5; ++r) rows += InlineRow(r, {"甲"});
  OpenOptions options;
  options.max_rows = 3;
  auto reader = MustOpen(Format::kXlsx, Zip(Book(SheetWithDimension("A1:A2", rows))), options);
  ASSERT_NE(reader, nullptr);
  for (int i = 0; i < 3; ++i) {
    auto next = reader->Next();
    ASSERT_TRUE(next.ok());
    ASSERT_TRUE(next->has_value());
  }
  auto over = reader->Next();
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().message(),
            "文件的数据超过 3 行，超出单个文件的上限；请拆分为多个文件分别上传");
}

TEST(XlsxReader, StreamsALargeSheet) {
  std::string rows = InlineRow(1, {"编号", "名称"});
  for (int r = 2; r <= 20001; ++r) {
    rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) + "\"><v>" +
            std::to_string(r) + "</v></c><c r=\"B" + std::to_string(r) +
            "\" t=\"inlineStr\"><is><t>公司" + std::to_string(r) + "</t></is></c></row>";
  }
  auto reader = MustOpen(Format::kXlsx, Zip(Book(Sheet(rows))));
  ASSERT_NE(reader, nullptr);
  auto all = ReadAll(*reader);
  ASSERT_EQ(all.size(), 20000u);
  EXPECT_EQ(all.back().number, 20001);
  EXPECT_EQ(all.back().cells, (Cells{{"编号", "20001"}, {"名称", "公司20001"}}));
}

TEST(XlsxCells, ClassifiesNumberFormats) {
  using K = NumberFormatKind;
  EXPECT_EQ(internal::ClassifyNumberFormat("yyyy\"年\"m\"月\"d\"日\";@"), K::kDate);
  EXPECT_EQ(internal::ClassifyNumberFormat("yyyy/m/d"), K::kDate);
  EXPECT_EQ(internal::ClassifyNumberFormat("mmm-yy"), K::kDate);
  EXPECT_EQ(internal::ClassifyNumberFormat("[$-F800]dddd, mmmm dd, yyyy"), K::kDate);
  EXPECT_EQ(internal::ClassifyNumberFormat("[DBNum1][$-804]yyyy\"年\"m\"月\""), K::kDate);
  EXPECT_EQ(internal::ClassifyNumberFormat("yyyy/m/d h:mm"), K::kDateTime);
  EXPECT_EQ(internal::ClassifyNumberFormat("h:mm:ss"), K::kTime);
  EXPECT_EQ(internal::ClassifyNumberFormat("[h]:mm"), K::kTime);
  EXPECT_EQ(internal::ClassifyNumberFormat("mm:ss"), K::kTime);
  EXPECT_EQ(internal::ClassifyNumberFormat("General"), K::kNumber);
  EXPECT_EQ(internal::ClassifyNumberFormat("0.00_ "), K::kNumber);
  EXPECT_EQ(internal::ClassifyNumberFormat("#,##0.00\"元\";[Red]-#,##0.00\"元\""), K::kNumber);
  EXPECT_EQ(internal::ClassifyNumberFormat("0.00E+00"), K::kNumber);
  EXPECT_EQ(internal::ClassifyNumberFormat("\\d0"), K::kNumber);
  EXPECT_EQ(internal::ClassifyNumberFormat("@"), K::kNumber);
  EXPECT_EQ(internal::BuiltinNumberFormatKind(14), K::kDate);
  EXPECT_EQ(internal::BuiltinNumberFormatKind(22), K::kDateTime);
  EXPECT_EQ(internal::BuiltinNumberFormatKind(20), K::kTime);
  EXPECT_EQ(internal::BuiltinNumberFormatKind(31), K::kDate);
  EXPECT_EQ(internal::BuiltinNumberFormatKind(49), std::nullopt);
  EXPECT_EQ(internal::BuiltinNumberFormatKind(0), std::nullopt);
}

TEST(XlsxCells, FormatsStoredNumbers) {
  EXPECT_EQ(internal::FormatStoredNumber("45352"), "45352");
  EXPECT_EQ(internal::FormatStoredNumber("12.0"), "12");
  EXPECT_EQ(internal::FormatStoredNumber("12.50"), "12.50");
  EXPECT_EQ(internal::FormatStoredNumber("-0"), "0");
  EXPECT_EQ(internal::FormatStoredNumber("1E-3"), "0.001");
  EXPECT_EQ(internal::FormatStoredNumber("1E+3"), "1000");
  EXPECT_EQ(internal::FormatStoredNumber("0.30000000000000004"), "0.3");
  EXPECT_EQ(internal::FormatStoredNumber("123456789012345"), "123456789012345");
  EXPECT_EQ(internal::FormatStoredNumber("1.10101199003071E+17"), "110101199003071000");
  EXPECT_EQ(internal::FormatStoredNumber("1E+300"), "1e+300");
  EXPECT_EQ(internal::FormatStoredNumber("abc"), "abc");
}

TEST(XlsxCells, SerialDates) {
  using K = NumberFormatKind;
  EXPECT_EQ(internal::SerialToText(1, K::kDate, false), "1900-01-01");
  EXPECT_EQ(internal::SerialToText(59, K::kDate, false), "1900-02-28");
  EXPECT_EQ(internal::SerialToText(60, K::kDate, false), "1900-02-29");
  EXPECT_EQ(internal::SerialToText(61, K::kDate, false), "1900-03-01");
  EXPECT_EQ(internal::SerialToText(45352, K::kDate, false), "2024-03-01");
  EXPECT_EQ(internal::SerialToText(45352.9999999, K::kDateTime, false), "2024-03-02");
  EXPECT_EQ(internal::SerialToText(2958465, K::kDate, false), "9999-12-31");
  EXPECT_EQ(internal::SerialToText(2958466, K::kDate, false), std::nullopt);
  EXPECT_EQ(internal::SerialToText(0, K::kDate, false), std::nullopt);
  EXPECT_EQ(internal::SerialToText(0, K::kDate, true), "1904-01-01");
  EXPECT_EQ(internal::SerialToText(0.75, K::kTime, false), "18:00:00");
  EXPECT_EQ(internal::ColumnNumber("A"), 1);
  EXPECT_EQ(internal::ColumnNumber("AB"), 28);
  EXPECT_EQ(internal::ColumnNumber("XFD"), 16384);
  EXPECT_EQ(internal::ColumnNumber("XFE"), 0);
  EXPECT_EQ(internal::ColumnName(28), "AB");
}

}  // namespace
}  // namespace xinyong::ingest
