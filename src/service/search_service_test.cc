// The name search on every store: built from the subjects, following later changes through
// the event log, never showing a natural person except by full name and ID number, masked.
#include "service/search_service.h"

#include "core/ids.h"
#include "service/lists_fixture.h"

namespace xinyong {
namespace {

// A valid 居民身份证号 from its first 17 characters.
std::string Citizen(const std::string& body17) { return body17 + CitizenIdCheckChar(body17); }

class SearchTest : public ListsFixture {
 protected:
  void SetUp() override {
    ListsFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto folder = NameFolder::Load();
    ASSERT_TRUE(folder.ok()) << folder.status().ToString();
    search_ = std::make_unique<SearchService>(*ctx_, *subjects_, std::move(folder).value());
    Register("南京华为电子有限责任公司", "91320100MA1W8DKP92");
    Register("华为技术有限公司", "914403001922038216");
    ASSERT_TRUE(search_->Build().ok());
  }

  void Register(const std::string& name, const std::string& code) {
    auto r = subjects_->Register(admin_, {{}, name, {code}, ""});
    ASSERT_TRUE(r.ok()) << name << " " << code << ": " << r.status().ToString();
  }

  std::vector<std::string> Names(const std::string& q, int page = 1, int size = 20) {
    auto a = search_->Search(q, page, size);
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    std::vector<std::string> out;
    if (a.ok()) {
      for (const auto& h : a->items) out.push_back(h.name);
    }
    return out;
  }

  std::unique_ptr<SearchService> search_;
};

TEST_P(SearchTest, TwoTraditionalCharactersFindTheCompanyRankedShorterFirst) {
  EXPECT_EQ(Names("華為"),
            (std::vector<std::string>{"华为技术有限公司", "南京华为电子有限责任公司"}));
  auto a = search_->Search("華為", 1, 20);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->normalised, "华为");
  EXPECT_EQ(a->items[0].match, "prefix");
  EXPECT_EQ(a->items[0].code, "914403001922038216");
  EXPECT_EQ(a->items[1].match, "substring");
  EXPECT_EQ(a->items[1].region_name, "江苏省南京市");
  // 有限公司 ≈ 有限责任公司, brackets and widths.
  EXPECT_EQ(Names("华为电子有限公司"), (std::vector<std::string>{"南京华为电子有限责任公司"}));
  EXPECT_EQ(Names("任公"), (std::vector<std::string>{"南京华为电子有限责任公司"}))
      << "two characters of the long form still find it";
  EXPECT_EQ(Names("ｈｕａ"), std::vector<std::string>{});
  EXPECT_EQ(Names("某某"),
            (std::vector<std::string>{"南京某某科技有限公司", "哈尔滨某某商贸有限公司"}));
}

TEST_P(SearchTest, CodePrefixAndBadQueries) {
  EXPECT_EQ(Names("914403"), (std::vector<std::string>{"华为技术有限公司"}));
  EXPECT_EQ(Names("９１４４０３"), (std::vector<std::string>{"华为技术有限公司"}));
  EXPECT_EQ(search_->Search("  ", 1, 20).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(search_->Search("华为", 1, 51).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(search_->Search("华为", 26, 20).status().code(), Code::kInvalidArgument)
      << "past the first 500 results";
  EXPECT_EQ(search_->Search(std::string(200, 'x'), 1, 20).status().code(), Code::kInvalidArgument);
}

TEST_P(SearchTest, FollowsNewAndRenamedSubjectsAfterTheBuild) {
  Register("苏州华为物流有限公司", "91320500MA1MXXXX9R");
  EXPECT_EQ(Names("华为物流"), (std::vector<std::string>{"苏州华为物流有限公司"}));
  // A rename: the old name no longer finds it, the new one does, and it ranks with the rest.
  Register("华为南京电子有限公司", "91320100MA1W8DKP92");
  EXPECT_TRUE(Names("华为电子").empty());
  EXPECT_EQ(Names("华为"), (std::vector<std::string>{"华为技术有限公司", "华为南京电子有限公司",
                                                     "苏州华为物流有限公司"}));
  // After a rebuild the same answers.
  ASSERT_TRUE(search_->Build().ok());
  EXPECT_EQ(Names("华为"), (std::vector<std::string>{"华为技术有限公司", "华为南京电子有限公司",
                                                     "苏州华为物流有限公司"}));
  // Pages of one give the same order.
  EXPECT_EQ(Names("华为", 2, 1), (std::vector<std::string>{"华为南京电子有限公司"}));
}

TEST_P(SearchTest, NaturalPersonsOnlyByFullNameAndIdNumberMasked) {
  Register("赵小明", Citizen("32010219900307123"));
  ASSERT_TRUE(search_->Build().ok());
  EXPECT_TRUE(Names("赵小明").empty()) << "never by name alone";
  EXPECT_TRUE(Names("32010219900307").empty()) << "never by number alone";
  auto hit = search_->FindPerson("赵小明", Citizen("32010219900307123"));
  ASSERT_TRUE(hit.ok()) << hit.status().ToString();
  ASSERT_EQ(hit->items.size(), 1u);
  EXPECT_EQ(hit->items[0].name, "赵**");
  EXPECT_EQ(hit->items[0].code, "320***********" + Citizen("32010219900307123").substr(14));
  EXPECT_EQ(hit->items[0].match, "person");
  EXPECT_EQ(hit->query, "赵**");
  // A wrong or masked name, or an unknown number, gets the same empty answer.
  EXPECT_TRUE(search_->FindPerson("赵**", Citizen("32010219900307123"))->items.empty());
  EXPECT_TRUE(search_->FindPerson("赵小", Citizen("32010219900307123"))->items.empty());
  EXPECT_TRUE(search_->FindPerson("赵小明", Citizen("11010519491231002"))->items.empty());
  std::string wrong = Citizen("32010219900307123");
  wrong.back() = wrong.back() == '0' ? '1' : '0';
  EXPECT_EQ(search_->FindPerson("赵小明", wrong).status().code(), Code::kInvalidArgument)
      << "a wrong check digit";
  EXPECT_EQ(search_->FindPerson("", Citizen("32010219900307123")).status().code(),
            Code::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(AllStores, SearchTest, XY_ALL_STORES);

}  // namespace
}  // namespace xinyong
