#include "service/demo.h"

#include "core/date.h"
#include "core/divisions.h"
#include "core/ids.h"
#include "service/account_service.h"

namespace xinyong {
namespace {

constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

const std::vector<std::string> kZihao = {
    "华", "鑫", "宏", "盛", "恒", "泰", "丰", "瑞", "诚", "信", "达", "通", "汇", "金", "源",
    "海", "天", "宇", "博", "新", "创", "和", "佳", "安", "兴", "隆", "福", "康", "明", "远",
    "润", "嘉", "辉", "鼎", "益", "永", "德", "正", "中", "联", "凯", "豪", "腾", "飞", "星",
    "光", "美", "家", "绿", "青", "山", "川", "禾", "立", "智", "慧", "云", "顺", "峰", "晟"};
const std::vector<std::string> kIndustry = {
    "科技", "贸易", "建筑工程", "餐饮管理", "物流", "电子", "机械设备", "食品", "医药",
    "房地产开发", "文化传媒", "农业开发", "环保科技", "信息技术", "服装", "建材", "汽车销售",
    "教育咨询", "物业管理", "化工", "网络科技", "供应链管理", "装饰工程", "商贸", "生物科技"};
const std::vector<std::string> kShops = {"便利店", "小吃店", "五金店", "理发店", "水果店",
                                         "早餐店", "服装店", "汽车修理部", "烟酒店", "农资店",
                                         "超市", "面馆", "家电维修部", "副食店", "药店"};
const std::vector<std::string> kAssociations = {"餐饮行业协会", "个体劳动者协会", "建筑业协会",
                                                "物流协会", "慈善总会", "书法家协会",
                                                "消费者协会", "旅游协会", "青年企业家商会"};
const std::vector<std::string> kInstitutions = {"人民医院", "中医院", "第一中学", "第二中学",
                                                "实验小学", "图书馆", "疾病预防控制中心",
                                                "职业技术学校", "档案馆", "文化馆"};
const std::vector<std::string> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
    "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
    "石", "廖", "贾", "夏", "韦", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛",
    "欧阳", "司马", "上官"};
const std::vector<std::string> kGiven = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
    "明", "超", "秀英", "霞", "平", "刚", "桂英", "华", "建国", "建华", "文", "玲", "斌", "宇",
    "浩", "凯", "婷", "雪", "琳", "晨", "欣", "子涵", "梓萱", "一诺", "思远", "俊杰", "海燕",
    "志强", "春梅", "红", "丹", "鹏", "辉", "峰", "颖"};

// "南京市" -> "南京"; municipalities' "市辖区" lines fall back to the province.
std::string ShortPlace(const Division& d) {
  std::string p = d.prefecture.empty() || d.prefecture == "市辖区" || d.prefecture == "县"
                      ? d.province
                      : d.prefecture;
  for (const std::string suffix : {"市", "地区", "盟", "省"}) {
    if (p.size() > suffix.size() + 3 && p.compare(p.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return p.substr(0, p.size() - suffix.size());
    }
  }
  return p;
}

}  // namespace

DemoSubjectGenerator::DemoSubjectGenerator(const DivisionTable& divisions, uint64_t seed)
    : divisions_(divisions), rng_(seed), seed_(seed) {}

std::string DemoSubjectGenerator::Uscc(char dept, char category, const std::string& division) {
  // A bijection of the serial onto 31^8 values, so organisation codes never repeat.
  constexpr uint64_t kSpace = 852891037441ULL;  // 31^8
  uint64_t v = (static_cast<uint64_t>(org_serial_++) * 1000003ULL + seed_ * 7919ULL) % kSpace;
  std::string body8(8, '0');
  for (int i = 7; i >= 0; --i) {
    body8[i] = kUsccAlphabet[v % 31];
    v /= 31;
  }
  std::string body17 = std::string(1, dept) + category + division + body8 +
                       OrganizationCodeCheckChar(body8);
  return body17 + UsccCheckChar(body17);
}

std::string DemoSubjectGenerator::PersonName() {
  return Pick(kSurnames) + Pick(kGiven);
}

SubjectInput DemoSubjectGenerator::Company() {
  const Division& d = *Pick(divisions_.CurrentCounties());
  const uint64_t r = rng_() % 100;
  const char* suffix = r < 60 ? "有限公司" : r < 85 ? "有限责任公司" : "股份有限公司";
  SubjectInput in;
  in.name = ShortPlace(d) + Pick(kZihao) + Pick(kZihao) + Pick(kIndustry) + suffix;
  in.identifiers = {Uscc('9', '1', d.code)};
  return in;
}

SubjectInput DemoSubjectGenerator::IndividualBusiness() {
  const Division& d = *Pick(divisions_.CurrentCounties());
  SubjectInput in;
  in.name = d.name + PersonName() + Pick(kShops);
  in.identifiers = {Uscc('9', '2', d.code)};
  return in;
}

SubjectInput DemoSubjectGenerator::Organisation() {
  const Division& d = *Pick(divisions_.CurrentCounties());
  SubjectInput in;
  if (rng_() % 2 == 0) {
    in.name = d.name + Pick(kAssociations);
    in.identifiers = {Uscc('5', '1', d.code)};
  } else {
    in.name = d.name + Pick(kInstitutions);
    in.identifiers = {Uscc('1', '2', d.code)};
  }
  return in;
}

SubjectInput DemoSubjectGenerator::Person() {
  for (;;) {
    const Division& d = *Pick(divisions_.CurrentCounties());
    // Born 1950-01-01 .. 2003-12-31: adults today.
    Date birth = Date::FromDays(-7305 + static_cast<int64_t>(rng_() % 19715));
    char body[18];
    std::snprintf(body, sizeof body, "%s%04d%02d%02d%03d", d.code.c_str(), birth.year(),
                  birth.month(), birth.day(), static_cast<int>(rng_() % 1000));
    std::string id = std::string(body, 17);
    id += CitizenIdCheckChar(id);
    if (!person_ids_.insert(id).second) continue;
    SubjectInput in;
    in.name = PersonName();
    in.identifiers = {id};
    return in;
  }
}

SubjectInput DemoSubjectGenerator::Next() {
  ++index_;
  const uint64_t r = rng_() % 100;
  if (r < 65) return Company();
  if (r < 80) return IndividualBusiness();
  if (r < 85) return Organisation();
  return Person();
}

Result<DemoSummary> GenerateDemoSubjects(SubjectService& subjects,
                                         const DivisionTable& divisions, int64_t count,
                                         uint64_t seed, int batch,
                                         const std::function<void(int64_t)>& progress) {
  if (count < 1 || count > 10'000'000) {
    return InvalidArgument("subjects: 演示主体数量应在1到10000000之间");
  }
  if (divisions.CurrentCounties().empty()) {
    return FailedPrecondition("the division table holds no current counties");
  }
  DemoSubjectGenerator gen(divisions, seed);
  Principal demo{"system:demo", Role::kAdmin, 0, 0};
  DemoSummary summary;
  std::vector<SubjectInput> chunk;
  while (summary.subjects < count) {
    chunk.clear();
    while (static_cast<int64_t>(chunk.size()) < batch &&
           summary.subjects + static_cast<int64_t>(chunk.size()) < count) {
      chunk.push_back(gen.Next());
    }
    XY_ASSIGN_OR_RETURN(auto outcomes, subjects.RegisterMany(demo, chunk));
    for (const auto& o : outcomes) {
      if (summary.first_company_code.empty() && o.subject.kind == SubjectKind::kLegalPerson &&
          !o.subject.identifiers.empty()) {
        summary.first_company_code = o.subject.identifiers.front().value;
      }
    }
    summary.subjects += static_cast<int64_t>(chunk.size());
    if (progress) progress(summary.subjects);
  }
  return summary;
}

Result<std::vector<DemoAccount>> CreateDemoAccounts(AccountService& accounts,
                                                    const Principal& admin) {
  // Codes are generated valid USCCs of public bodies (机关, category 11) in 南京市玄武区.
  const std::vector<std::pair<std::string, std::string>> deps = {
      {"市场监督管理局", "market"}, {"税务局", "tax"}, {"人民法院", "court"},
      {"住房和城乡建设局", "housing"}, {"发展和改革委员会", "ndrc"}};
  std::vector<DemoAccount> out;
  std::vector<std::string> codes;
  for (size_t i = 0; i < deps.size(); ++i) {
    std::string org8 = "MB0000" + std::to_string(10 + i);
    std::string body17 = "11320102" + org8 + OrganizationCodeCheckChar(org8);
    std::string code = body17 + UsccCheckChar(body17);
    auto dep = accounts.CreateDepartment(admin, code, "玄武区" + deps[i].first);
    if (!dep.ok()) return dep.status();
    codes.push_back(dep->code);
  }
  struct U {
    const char* username;
    const char* display;
    Role role;
    int dep;  // index into codes, -1 for none
  };
  const std::vector<U> users = {{"operator", "市场监管局报送员", Role::kOperator, 0},
                                {"officer", "住建局审批经办人", Role::kOfficer, 3},
                                {"auditor", "审计员", Role::kAuditor, -1}};
  for (const auto& u : users) {
    const std::string dep = u.dep < 0 ? "" : codes[u.dep];
    auto cred = accounts.CreateUser(admin, u.username, u.display, u.role, dep, "");
    if (!cred.ok()) return cred.status();
    out.push_back({u.username, cred->secret, u.role, dep});
  }
  return out;
}

}  // namespace xinyong
