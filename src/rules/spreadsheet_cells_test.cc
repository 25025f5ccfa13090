#include "rules/spreadsheet_cells.h"

#include <gtest/gtest.h>

namespace xinyong {
namespace {

const Catalogue& Policy() {
  static const Catalogue* c = new Catalogue(*Catalogue::LoadDir(XY_SOURCE_DIR "/policy/catalogue"));
  return *c;
}

const FieldSpec& Field(const char* item, const char* code) {
  const FieldSpec* f = Policy().Find(item)->FindField(code);
  EXPECT_NE(f, nullptr) << code;
  return *f;
}

TEST(SpreadsheetCellsTest, AnIdentifierStoredAsANumberIsRefused) {
  for (const char* shown : {"110105194912310000", "110105194912310097", "320100000012345"}) {
    NumericCell c = ReadNumericCell(Field("CF", "CF_XDR_ZJHM"), "证件号码", shown);
    ASSERT_TRUE(c.error.has_value()) << shown;
    EXPECT_EQ(c.error->code, "number_in_identifier");
    EXPECT_EQ(c.error->field, "CF_XDR_ZJHM");
    EXPECT_NE(c.error->message.find("证件号码"), std::string::npos);
    EXPECT_NE(c.error->message.find("文本"), std::string::npos);
  }
}

TEST(SpreadsheetCellsTest, ACodeGetsItsLeadingZerosBack) {
  NumericCell one = ReadNumericCell(Field("CF", "CF_XDR_ZJLX"), "证件类型", "1");
  EXPECT_FALSE(one.error.has_value());
  EXPECT_EQ(one.text, "01");
  EXPECT_TRUE(one.padded);
  // An alias that is itself a number stays as it is (10 is 身份证 on some platforms).
  NumericCell ten = ReadNumericCell(Field("CF", "CF_XDR_ZJLX"), "证件类型", "10");
  EXPECT_EQ(ten.text, "10");
  EXPECT_FALSE(ten.padded);
  // No code of the list ends so: left for the validator to refuse with the list.
  NumericCell seven = ReadNumericCell(Field("CF", "CF_XDR_ZJLX"), "证件类型", "7");
  EXPECT_EQ(seven.text, "7");
  EXPECT_FALSE(seven.padded);
}

TEST(SpreadsheetCellsTest, ADateSerialIsReadAsItsDate) {
  NumericCell d = ReadNumericCell(Field("CF", "CF_JDRQ"), "处罚决定日期", "46346");
  EXPECT_EQ(d.text, "2026-11-20");
  EXPECT_TRUE(d.date_from_serial);
  EXPECT_EQ(ReadNumericCell(Field("CF", "CF_JDRQ"), "处罚决定日期", "20261120").text, "20261120");
}

TEST(SpreadsheetCellsTest, OtherFieldsKeepTheNumberAsShown) {
  NumericCell amount = ReadNumericCell(Field("CF", "CF_NR_FK"), "罚款金额", "2.5");
  EXPECT_EQ(amount.text, "2.5");
  EXPECT_FALSE(amount.error.has_value());
}

}  // namespace
}  // namespace xinyong
