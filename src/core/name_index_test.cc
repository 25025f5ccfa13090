#include "core/name_index.h"

#include <gtest/gtest.h>

#include "core/name_fold.h"

namespace xinyong {
namespace {

NameIndex Build(const std::vector<std::pair<int64_t, std::string>>& names) {
  NameFolder f = NameFolder::WithoutScriptTable();
  std::vector<NameIndex::Entry> entries;
  for (const auto& [id, name] : names) {
    entries.push_back({id, f.Fold(name), "9132" + std::to_string(1000 + id)});
  }
  return NameIndex(std::move(entries));
}

std::vector<int64_t> Ids(const NameIndex::Page& p) {
  std::vector<int64_t> out;
  for (const auto& h : p.hits) out.push_back(h.id);
  return out;
}

const std::vector<std::pair<int64_t, std::string>> kNames = {
    {1, "南京华为电子有限公司"}, {2, "华为"},
    {3, "华为技术有限公司"},     {4, "深圳市华为投资控股有限公司"},
    {5, "南京某某科技有限公司"}, {6, "华润万家有限公司"},
    {7, "为华商贸有限公司"},     {8, "华为华为有限公司"},
};

TEST(NameIndexTest, ExactThenPrefixThenSubstringShorterFirst) {
  NameIndex idx = Build(kNames);
  auto p = idx.Search(U"华为", 0, 10, 1000);
  // 3 and 8 have equally long names: the name decides (华 U+534E before 技 U+6280).
  EXPECT_EQ(Ids(p), (std::vector<int64_t>{2, 8, 3, 1, 4}));
  EXPECT_EQ(p.total, 5);
  EXPECT_FALSE(p.capped);
  EXPECT_EQ(p.hits[0].match, NameIndex::Match::kExact);
  EXPECT_EQ(p.hits[1].match, NameIndex::Match::kPrefix);
  EXPECT_EQ(p.hits[3].match, NameIndex::Match::kSubstring);
}

TEST(NameIndexTest, AnyLengthAndPaging) {
  NameIndex idx = Build(kNames);
  EXPECT_EQ(idx.Search(U"润", 0, 10, 1000).total, 1);
  EXPECT_EQ(idx.Search(U"有限公司", 0, 10, 1000).total, 7);
  EXPECT_EQ(Ids(idx.Search(U"华为电子有限", 0, 10, 1000)), (std::vector<int64_t>{1}));
  EXPECT_EQ(idx.Search(U"电子科技", 0, 10, 1000).total, 0) << "both pairs exist, never together";
  EXPECT_EQ(idx.Search(U"不存在", 0, 10, 1000).total, 0);
  EXPECT_EQ(idx.Search(U"", 0, 10, 1000).total, 0);
  // Pages of two, in the same order as one page of ten.
  std::vector<int64_t> paged;
  for (size_t off = 0; off < 5; off += 2) {
    for (int64_t id : Ids(idx.Search(U"华为", off, 2, 1000))) paged.push_back(id);
  }
  EXPECT_EQ(paged, Ids(idx.Search(U"华为", 0, 10, 1000)));
}

TEST(NameIndexTest, CapBoundsCountingAndSkipLeavesOutChangedIds) {
  NameIndex idx = Build(kNames);
  auto p = idx.Search(U"公司", 0, 3, 4);
  EXPECT_TRUE(p.capped);
  EXPECT_EQ(p.total, 4);
  EXPECT_EQ(p.hits.size(), 3u);
  std::unordered_map<int64_t, bool> skip{{2, true}, {4, true}};
  EXPECT_EQ(Ids(idx.Search(U"华为", 0, 10, 1000, &skip)), (std::vector<int64_t>{8, 3, 1}));
}

TEST(NameIndexTest, TextTakenOutByFoldingStillFindsShortQueries) {
  NameFolder f = NameFolder::WithoutScriptTable();
  std::vector<NameIndex::Entry> entries;
  bool long_form = false;
  std::u32string folded = f.Fold("南京某某科技有限责任公司", &long_form);
  ASSERT_TRUE(long_form);
  entries.push_back({1, folded, "", U"有限责任公司"});
  entries.push_back({2, f.Fold("社会责任研究会"), "", U""});
  entries.push_back({3, f.Fold("南京某某科技有限公司"), "", U""});
  NameIndex idx(std::move(entries));
  EXPECT_EQ(Ids(idx.Search(U"责任", 0, 10, 1000)), (std::vector<int64_t>{2, 1}));
  EXPECT_EQ(Ids(idx.Search(U"任公", 0, 10, 1000)), (std::vector<int64_t>{1}));
  EXPECT_EQ(Ids(idx.Search(U"责", 0, 10, 1000)), (std::vector<int64_t>{2, 1}));
  // Longer queries are folded the same way and match both forms.
  EXPECT_EQ(Ids(idx.Search(f.Fold("科技有限责任公司"), 0, 10, 1000)), (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(idx.Search(U"社会责任", 0, 10, 1000).total, 1);
}

TEST(NameIndexTest, CodePrefix) {
  NameIndex idx = Build(kNames);
  auto p = idx.SearchCode("91321", 0, 10, 1000);
  EXPECT_EQ(p.total, 8);
  EXPECT_EQ(Ids(idx.SearchCode("91321003", 0, 10, 1000)), (std::vector<int64_t>{3}));
  EXPECT_EQ(idx.SearchCode("X", 0, 10, 1000).total, 0);
}

}  // namespace
}  // namespace xinyong
