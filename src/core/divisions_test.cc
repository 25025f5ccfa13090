#include "core/divisions.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string>

namespace xinyong {
namespace {

const char* const kPolicyFile = XY_SOURCE_DIR "/policy/divisions/gbt2260.dat";

class DivisionsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto t = DivisionTable::LoadFile(kPolicyFile);
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    table_ = new DivisionTable(std::move(t).value());
  }
  static void TearDownTestSuite() {
    delete table_;
    table_ = nullptr;
  }
  static DivisionTable* table_;
};
DivisionTable* DivisionsTest::table_ = nullptr;

// Writes `text` to a fresh file in the test temp dir and loads it.
Result<DivisionTable> LoadText(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::path(::testing::TempDir()) / name;
  std::ofstream(path, std::ios::binary) << text;
  auto t = DivisionTable::LoadFile(path);
  std::filesystem::remove(path);
  return t;
}

TEST_F(DivisionsTest, LoadsThePolicyFile) {
  EXPECT_GT(table_->size(), 6800u);
  EXPECT_GT(table_->CurrentCounties().size(), 2800u);
}

TEST_F(DivisionsTest, FindsCurrentAndHistoricCodes) {
  const Division* d = table_->Find("110105");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->name, "朝阳区");
  EXPECT_EQ(d->province, "北京市");
  EXPECT_EQ(d->prefecture, "市辖区");
  EXPECT_TRUE(d->current());
  EXPECT_TRUE(d->is_county());

  const Division* old = table_->Find("110103");
  ASSERT_NE(old, nullptr);
  EXPECT_EQ(old->name, "崇文区");  // the "[-2010]" prefix is parsed off
  EXPECT_EQ(old->valid_to, 2010);
  EXPECT_FALSE(old->current());

  const Division* tz = table_->Find("110112");
  ASSERT_NE(tz, nullptr);
  EXPECT_EQ(tz->name, "通州区");
  EXPECT_EQ(tz->valid_from, 1997);
  EXPECT_EQ(tz->valid_to, 0);

  const Division* nj = table_->Find("320100");
  ASSERT_NE(nj, nullptr);
  EXPECT_FALSE(nj->is_county());
  EXPECT_EQ(nj->prefecture, "南京市");
  const Division* js = table_->Find("320000");
  ASSERT_NE(js, nullptr);
  EXPECT_EQ(js->prefecture, "");

  EXPECT_TRUE(table_->IsKnown("110000"));
  EXPECT_FALSE(table_->IsKnown("110199"));
  EXPECT_FALSE(table_->IsKnown("11010"));
  EXPECT_FALSE(table_->IsKnown("1101051"));
  EXPECT_FALSE(table_->IsKnown("11010A"));
}

TEST_F(DivisionsTest, CodesThatChangedNames) {
  const Division* d = table_->Find("120110");  // "[-1991]东郊区,[1992-]东丽区"
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->name, "东丽区");
  EXPECT_EQ(d->former_names, std::vector<std::string>{"东郊区"});
  EXPECT_EQ(d->valid_from, 0);
  EXPECT_EQ(d->valid_to, 0);
  EXPECT_EQ(table_->FullName("120110"), "天津市东丽区");
  const Division* h = table_->Find("230709");  // "[1983-1982]大丰区,[1983-2019]金山屯区"
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->name, "金山屯区");
  EXPECT_EQ(h->valid_from, 1983);
  EXPECT_EQ(h->valid_to, 2019);
  EXPECT_FALSE(h->current());
}

TEST_F(DivisionsTest, FullNames) {
  EXPECT_EQ(table_->FullName("110105"), "北京市朝阳区");
  EXPECT_EQ(table_->FullName("320102"), "江苏省南京市玄武区");
  EXPECT_EQ(table_->FullName("320100"), "江苏省南京市");
  EXPECT_EQ(table_->FullName("320000"), "江苏省");
  EXPECT_EQ(table_->FullName("469001"), "海南省五指山市");  // under 省直辖县级行政单位
  EXPECT_EQ(table_->FullName("810000"), "香港特别行政区");
  EXPECT_EQ(table_->FullName("110199"), "");
}

TEST_F(DivisionsTest, CurrentCountiesAreSortedAndCurrent) {
  const auto& counties = table_->CurrentCounties();
  EXPECT_TRUE(
      std::is_sorted(counties.begin(), counties.end(),
                     [](const Division* a, const Division* b) { return a->code < b->code; }));
  for (const Division* d : counties) {
    EXPECT_TRUE(d->current()) << d->code;
    EXPECT_TRUE(d->is_county()) << d->code;
    EXPECT_NE(d->name, "市辖区") << d->code;
  }
  auto has = [&](std::string_view code) {
    return std::any_of(counties.begin(), counties.end(),
                       [&](const Division* d) { return d->code == code; });
  };
  EXPECT_TRUE(has("110105"));
  EXPECT_FALSE(has("110103"));  // ended 2010
  EXPECT_FALSE(has("110100"));  // prefecture level
}

TEST_F(DivisionsTest, CopiesKeepTheirOwnIndex) {
  DivisionTable copy = *table_;
  ASSERT_EQ(copy.CurrentCounties().size(), table_->CurrentCounties().size());
  EXPECT_EQ(copy.CurrentCounties().front(), copy.Find(copy.CurrentCounties().front()->code));
  DivisionTable moved = std::move(copy);
  EXPECT_EQ(moved.CurrentCounties().front(), moved.Find(moved.CurrentCounties().front()->code));
}

TEST(DivisionsLoadTest, SmallFile) {
  auto t = LoadText("ok.dat",
                    "# comment\n\n11 province=\"北京市\"\r\n  0000 county=\"北京市\"\n"
                    "  0100 county=\"市辖区\"\n  0105 county=\"朝阳区\"\n"
                    "  0110 county=\"[1980-1986]燕山区\"\n");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->size(), 4u);
  EXPECT_EQ(t->Find("110110")->valid_from, 1980);
  EXPECT_EQ(t->Find("110110")->valid_to, 1986);
  EXPECT_EQ(t->CurrentCounties().size(), 1u);
}

TEST(DivisionsLoadTest, MalformedLinesAreRefusedWithTheirLineNumber) {
  struct Case {
    const char* text;
    const char* expect;
  };
  for (const Case& c : {
           Case{"11 province=\"北京市\"\n  010 county=\"x\"\n", "line 2"},
           Case{"11 province=\"北京市\"\n  0105 county=朝阳区\n", "line 2"},
           Case{"  0105 county=\"朝阳区\"\n", "before any province"},
           Case{"1 province=\"北京市\"\n", "line 1"},
           Case{"11 province=\"北京市\"\n  0105 county=\"[20x0-]朝阳区\"\n", "malformed validity"},
           Case{"11 province=\"北京市\"\n  0105 county=\"[2010]朝阳区\"\n", "line 2"},
           Case{"11 province=\"北京市\"\n  0105 county=\"[-1991]东郊区,[1992-]\"\n", "empty name"},
           Case{"11 province=\"北京市\"\n  0105 county=\"\"\n", "empty name"},
           Case{"11 province=\"北京市\"\n# x\n  0105 county=\"a\"\n  0105 county=\"b\"\n",
                "line 4: the code 110105 appears twice"},
           Case{"# only comments\n", "no division codes"},
       }) {
    auto t = LoadText("bad.dat", c.text);
    ASSERT_FALSE(t.ok()) << c.text;
    EXPECT_EQ(t.status().code(), Code::kInvalidArgument);
    EXPECT_NE(t.status().message().find(c.expect), std::string::npos)
        << t.status().message() << " / expected " << c.expect;
  }
}

TEST(DivisionsLoadTest, MissingFile) {
  auto t = DivisionTable::LoadFile("/nonexistent/gbt2260.dat");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), Code::kNotFound);
}

}  // namespace
}  // namespace xinyong
