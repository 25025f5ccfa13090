#include "ingest/xlsx_writer.h"

#include <gtest/gtest.h>

#include "ingest/table.h"

namespace xinyong::ingest {
namespace {

TEST(XlsxWriterTest, WhatIsWrittenReadsBack) {
  auto bytes = WriteXlsx("行政处罚", {"行政相对人名称", "统一社会信用代码", "备注"},
                         {{"南京某某科技有限公司", "91320100748204660Q", "含<特殊>&\"字符\""},
                          {"苏州某某有限公司", "91320500MA1B3N1N2M", ""}});
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto format = DetectFormat("sample.xlsx", *bytes);
  ASSERT_TRUE(format.ok());
  EXPECT_EQ(*format, Format::kXlsx);
  auto reader = OpenTable(Format::kXlsx, *bytes);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto first = (*reader)->Next();
  ASSERT_TRUE(first.ok() && first->has_value());
  EXPECT_EQ((*first)->number, 2);
  ASSERT_EQ((*first)->cells.size(), 3u);
  EXPECT_EQ((*first)->cells[0].first, "行政相对人名称");
  EXPECT_EQ((*first)->cells[0].second, "南京某某科技有限公司");
  EXPECT_EQ((*first)->cells[2].second, "含<特殊>&\"字符\"");
  auto second = (*reader)->Next();
  ASSERT_TRUE(second.ok() && second->has_value());
  EXPECT_EQ((*second)->number, 3);
  EXPECT_EQ((*second)->cells[1].second, "91320500MA1B3N1N2M");
  auto end = (*reader)->Next();
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(end->has_value());
}

}  // namespace
}  // namespace xinyong::ingest
