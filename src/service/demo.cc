#include "service/demo.h"

#include "core/date.h"
#include "core/divisions.h"
#include "core/ids.h"
#include "service/account_service.h"
#include "service/intake_service.h"

#include <iconv.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <optional>

#include "core/calendar.h"
#include "core/clock.h"

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
      const auto& sub = o.subject;
      if (sub.kind != SubjectKind::kLegalPerson || sub.identifiers.empty() ||
          sub.identifiers.front().kind != IdKind::kUscc) {
        continue;
      }
      if (summary.first_company_code.empty()) {
        summary.first_company_code = sub.identifiers.front().value;
      }
      // Companies only (registration department 9): institutions and associations do not get
      // market penalties in the demonstration.
      if (summary.companies.size() < 20000 && sub.identifiers.front().value[0] == '9') {
        const std::string& code = sub.identifiers.front().value;
        summary.companies.push_back({sub.name, code, divisions.FullName(code.substr(2, 6))});
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

namespace {

struct Behaviour {
  const char* type;     // 违法行为类型
  const char* fact;     // 违法事实 (template)
  const char* basis;    // 处罚依据
};

const std::vector<Behaviour> kBehaviours = {
    {"虚假宣传", "当事人在其网店对商品作虚假的商业宣传，欺骗、误导消费者",
     "《中华人民共和国反不正当竞争法》第二十条第一款"},
    {"未按规定公示年度报告", "当事人未按照规定期限公示年度报告",
     "《企业信息公示暂行条例》第十七条"},
    {"销售不合格产品", "当事人销售经抽样检验不合格的产品",
     "《中华人民共和国产品质量法》第四十九条"},
    {"超范围经营食品", "当事人超出食品经营许可范围经营冷藏冷冻食品",
     "《中华人民共和国食品安全法》第一百二十二条第一款"},
    {"未按期申报纳税", "当事人未按照规定期限办理纳税申报和报送纳税资料",
     "《中华人民共和国税收征收管理法》第六十二条"},
    {"安全生产违法", "当事人未按规定对从业人员进行安全生产教育和培训",
     "《中华人民共和国安全生产法》第九十七条"},
    {"无证施工", "当事人未取得施工许可证擅自施工", "《中华人民共和国建筑法》第六十四条"},
};

struct Licence {
  const char* document;  // 许可决定文书名称
  const char* certificate;
  const char* kind;      // 许可类别 code
  const char* content;
  int years;             // 0: long-term
};

const std::vector<Licence> kLicences = {
    {"食品经营许可决定书", "食品经营许可证", "01", "预包装食品（含冷藏冷冻食品）销售；热食类食品制售", 5},
    {"建筑工程施工许可决定书", "建筑工程施工许可证", "01", "新建厂房及配套用房工程施工", 1},
    {"道路运输经营许可决定书", "道路运输经营许可证", "01", "道路普通货物运输", 4},
    {"药品经营许可决定书", "药品经营许可证", "04", "中成药、化学药制剂、生物制品（除疫苗）零售", 5},
    {"排污许可决定书", "排污许可证", "05", "按排污许可证载明要求排放污染物", 5},
    {"营业执照核准通知书", "营业执照", "05", "企业设立登记", 0},
};

std::string DeptAbbrev(const Department& d) {
  // "玄武区市场监督管理局" -> "玄市监"-style short form for document numbers.
  std::string first = d.name.substr(0, 3);  // first CJK character (3 bytes in UTF-8)
  if (d.name.find("市场监督") != std::string::npos) return first + "市监";
  if (d.name.find("住房") != std::string::npos) return first + "住建";
  if (d.name.find("税务") != std::string::npos) return first + "税";
  return first;
}

std::string Decimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

// A personal name for a legal representative.
std::string RepName(std::mt19937_64& rng) {
  static const std::vector<std::string> kFamily = {"王", "李", "张", "刘", "陈", "杨", "赵",
                                                   "黄", "周", "吴", "徐", "孙", "胡", "朱"};
  static const std::vector<std::string> kGivenNames = {"建国", "秀英", "志强", "丽华", "伟",
                                                       "敏", "海涛", "红梅", "立新", "晓东"};
  return kFamily[rng() % kFamily.size()] + kGivenNames[rng() % kGivenNames.size()];
}

// The same company always has the same legal representative in its registration.
std::string RepNameOf(const std::string& code) {
  std::mt19937_64 rng(std::hash<std::string>{}(code));
  return RepName(rng);
}

// A company's registration as the market regulator holds it: founded between 1995 and two
// years before `first`, approved (last changed) after that and before `first`.
nlohmann::json RegistrationRow(std::mt19937_64& rng, const DemoCompany& c, const Department& dep,
                               Date first) {
  static const std::vector<std::string> kStreets = {"中山路", "建设路", "人民路", "解放路",
                                                    "新华街", "长江路", "文化路", "学府路"};
  const Date earliest = *Date::FromYmd(1995, 1, 1);
  const int64_t span = std::max<int64_t>(1, first.days() - 730 - earliest.days());
  const Date founded = earliest.AddDays(static_cast<int64_t>(rng() % static_cast<uint64_t>(span)));
  const Date approved =
      founded.AddDays(static_cast<int64_t>(rng() % static_cast<uint64_t>(first.days() - founded.days())));
  const bool limited = c.name.find("有限公司") != std::string::npos;
  const uint64_t state = rng() % 100;
  return {{"DJ_QYMC", c.name},
          {"DJ_SHXYM", c.code},
          {"DJ_FRDB", RepNameOf(c.code)},
          {"DJ_QYLX", limited ? "有限责任公司（自然人投资或控股）" : "个人独资企业"},
          {"DJ_CLRQ", founded.ToString()},
          {"DJ_HZRQ", approved.ToString()},
          {"DJ_DJZT", state < 94 ? "存续（在营、开业、在册）" : state < 98 ? "吊销" : "注销"},
          {"DJ_ZCZB", std::to_string(10 * (1 + rng() % 500)) + "万元人民币"},
          {"DJ_DJJG", dep.name},
          {"DJ_ZS", c.region + kStreets[rng() % kStreets.size()] + std::to_string(1 + rng() % 300) +
                        "号"},
          {"DJ_SJLY", dep.name},
          {"DJ_SJLYDM", dep.code}};
}

nlohmann::json PenaltyRow(std::mt19937_64& rng, const DemoCompany& c, const Department& dep,
                          int serial, Date decided) {
  const Behaviour& b = kBehaviours[rng() % kBehaviours.size()];
  const uint64_t roll = rng() % 100;
  std::string category;
  double fine = 0, confiscated = 0;
  std::string suspended;
  if (roll < 10) {
    category = "警告";
  } else if (roll < 70) {
    category = "罚款";
    fine = 0.2 + static_cast<double>(rng() % 500) / 10.0;  // 0.2 .. 50 万元
  } else if (roll < 85) {
    category = "罚款;没收违法所得";
    fine = 1 + static_cast<double>(rng() % 200) / 10.0;
    confiscated = 0.1 + static_cast<double>(rng() % 100) / 10.0;
  } else if (roll < 95) {
    category = "警告;罚款";
    fine = 0.1 + static_cast<double>(rng() % 50) / 10.0;
  } else {
    category = "罚款;吊销许可证件";
    fine = 5 + static_cast<double>(rng() % 300) / 10.0;
    suspended = "食品经营许可证（JY1320102" + std::to_string(100000 + rng() % 900000) + "）";
  }
  std::string content = category == "警告" ? "警告" : "";
  if (fine > 0) content += (content.empty() ? "" : "，") + std::string("罚款人民币") + Decimal(fine) + "万元";
  if (confiscated > 0) content += "，没收违法所得" + Decimal(confiscated) + "万元";
  if (!suspended.empty()) content += "，吊销" + suspended;
  nlohmann::json row = {
      {"CF_XDR_MC", c.name},
      {"CF_XDR_LB", "法人及非法人组织"},
      {"CF_XDR_SHXYM", c.code},
      {"CF_FRDB", RepName(rng)},
      {"CF_WSH", DeptAbbrev(dep) + "罚〔" + std::to_string(decided.year()) + "〕" +
                     std::to_string(serial) + "号"},
      {"CF_WFXW", b.type},
      {"CF_SY", b.fact},
      {"CF_YJ", b.basis},
      {"CF_CFLB", category},
      {"CF_NR", content},
      {"CF_JDRQ", decided.ToString()},
      {"CF_CFJG", dep.name},
      {"CF_CFJGDM", dep.code},
      {"CF_SJLY", dep.name},
      {"CF_SJLYDM", dep.code}};
  if (fine > 0) row["CF_NR_FK"] = Decimal(fine);
  if (confiscated > 0) row["CF_NR_WFFF"] = Decimal(confiscated);
  if (!suspended.empty()) row["CF_NR_ZKDX"] = suspended;
  return row;
}

nlohmann::json LicenceRow(std::mt19937_64& rng, const DemoCompany& c, const Department& dep,
                          int serial, Date decided) {
  const Licence& l = kLicences[rng() % kLicences.size()];
  const std::string number =
      "XK" + dep.code.substr(2, 6) + std::to_string(decided.year()) + std::to_string(100000 + serial);
  std::string until = "2099-12-31";
  if (l.years > 0) {
    auto d = Date::FromYmd(decided.year() + l.years, decided.month(), decided.day() > 28 ? 28 : decided.day());
    until = d.ok() ? d->AddDays(-1).ToString() : "2099-12-31";
  }
  return {{"XK_XDR_MC", c.name},
          {"XK_XDR_LB", "法人及非法人组织"},
          {"XK_XDR_SHXYM", c.code},
          {"XK_FRDB", RepName(rng)},
          {"XK_XKWS", l.document},
          {"XK_WSH", DeptAbbrev(dep) + "许〔" + std::to_string(decided.year()) + "〕" +
                         std::to_string(serial) + "号"},
          {"XK_XKLB", l.kind},
          {"XK_XKZS", l.certificate},
          {"XK_XKBH", number},
          {"XK_NR", l.content},
          {"XK_JDRQ", decided.ToString()},
          {"XK_YXQZ", decided.ToString()},
          {"XK_YXQZI", until},
          {"XK_XKJG", dep.name},
          {"XK_XKJGDM", dep.code},
          {"XK_ZT", "1"},
          {"XK_LYDW", dep.name},
          {"XK_LYDWDM", dep.code}};
}

// Submits one receipt day's rows, one batch per department, at 10:00 China time, as the
// demonstration admin; counts what was accepted into `out`.
// A decision on a working day in [first, first + span) and the day its record was received:
// most within the 7 working days, about one in ten later. nullopt when the receipt would not
// be before `today` (the caller draws again or skips).
struct Drawn {
  Date decided;
  Date received;
  int delay = 0;  // working days
};
std::optional<Drawn> DrawDecisionAndReceipt(std::mt19937_64& rng, const WorkingCalendar& calendar,
                                            Date first, int64_t span, Date today) {
  Date decided = first.AddDays(static_cast<int64_t>(rng() % static_cast<uint64_t>(span)));
  for (auto w = calendar.IsWorkingDay(decided); w.ok() && !*w; w = calendar.IsWorkingDay(decided)) {
    decided = decided.AddDays(1);
  }
  const uint64_t delay_roll = rng() % 100;
  const int delay = delay_roll < 70   ? 1 + static_cast<int>(rng() % 5)
                    : delay_roll < 90 ? 6 + static_cast<int>(rng() % 2)
                                      : 8 + static_cast<int>(rng() % 20);
  auto received = calendar.AddWorkingDays(decided, delay);
  if (!received.ok() || *received >= today) return std::nullopt;
  return Drawn{decided, *received, delay};
}

Status SubmitDay(IntakeService& intake, ManualClock& clock, Date day,
                 const nlohmann::json& penalties, const nlohmann::json& licences,
                 const Department& penalty_department, const Department& licence_department,
                 DemoRecordsSummary& out) {
  const Principal admin{"system:demo", Role::kAdmin, 0, 0};
  clock.Set((day.days() * 86400 + 2 * 3600) * int64_t{1000});
  for (bool penalty : {true, false}) {
    const auto& rows = penalty ? penalties : licences;
    if (rows.empty()) continue;
    const Department& dep = penalty ? penalty_department : licence_department;
    IntakeRequest req{dep.code, penalty ? "CF" : "XK", "api", ""};
    XY_ASSIGN_OR_RETURN(IntakeSummary s, intake.ImportFile(admin, req, rows.dump()));
    if (s.rejected > 0) {
      return Internal("demonstration " + std::string(penalty ? "penalty" : "licence") +
                      " rows were rejected: " + s.errors.front().field + " " +
                      s.errors.front().message);
    }
    (penalty ? out.penalties : out.licences) += s.accepted;
    ++out.batches;
  }
  return Status::Ok();
}

}  // namespace

Result<DemoRecordsSummary> GenerateDemoRecords(IntakeService& intake, ManualClock& clock,
                                               const WorkingCalendar& calendar,
                                               const std::vector<DemoCompany>& companies,
                                               const Department& penalty_department,
                                               const Department& licence_department,
                                               uint64_t seed, Date today) {
  DemoRecordsSummary out;
  if (companies.empty()) return out;
  std::mt19937_64 rng(seed * 31 + 17);
  const std::vector<int> years = calendar.Years();
  if (years.empty()) return FailedPrecondition("the working-day calendar holds no year");
  const Date first = *Date::FromYmd(years.front(), 1, 2);
  const int64_t span = today.days() - first.days() - 1;
  if (span < 30) return out;

  // Registrations first, all received on the first day, in batches; their own random stream,
  // so the licences and penalties below are what they were before registrations came.
  {
    std::mt19937_64 reg_rng(seed * 131 + 7);
    const Principal admin{"system:demo", Role::kAdmin, 0, 0};
    clock.Set((first.days() * 86400 + 2 * 3600) * int64_t{1000});
    for (size_t at = 0; at < companies.size(); at += 2000) {
      nlohmann::json rows = nlohmann::json::array();
      for (size_t i = at; i < std::min(companies.size(), at + 2000); ++i) {
        rows.push_back(RegistrationRow(reg_rng, companies[i], penalty_department, first));
      }
      IntakeRequest req{penalty_department.code, "DJ", "api", ""};
      XY_ASSIGN_OR_RETURN(IntakeSummary s, intake.ImportFile(admin, req, rows.dump()));
      if (s.rejected > 0) {
        return Internal("demonstration registration rows were rejected: " +
                        s.errors.front().field + " " + s.errors.front().message);
      }
      out.registrations += s.accepted;
      ++out.batches;
    }
  }

  struct Pending {
    Date received;
    bool penalty;
    nlohmann::json row;
    bool late;
  };
  std::vector<Pending> pending;
  std::map<std::pair<bool, int>, int> serials;  // (penalty?, year) -> next serial
  for (const auto& c : companies) {
    const uint64_t roll = rng() % 100;
    const int count = roll < 15 ? 1 : roll < 18 ? 2 : 0;  // licences for ~21%
    const bool penalised = rng() % 100 < 6;
    for (int k = 0; k < count + (penalised ? 1 : 0); ++k) {
      const bool penalty = penalised && k == count;
      // A working day in the covered years, received before today.
      auto drawn = DrawDecisionAndReceipt(rng, calendar, first, span, today);
      if (!drawn) continue;
      const Date decided = drawn->decided;
      int& serial = serials[{penalty, decided.year()}];
      serial += 1 + static_cast<int>(rng() % 3);
      const Department& dep = penalty ? penalty_department : licence_department;
      pending.push_back({drawn->received, penalty,
                         penalty ? PenaltyRow(rng, c, dep, serial, decided)
                                 : LicenceRow(rng, c, dep, serial, decided),
                         drawn->delay > 7});
    }
  }
  std::stable_sort(pending.begin(), pending.end(),
                   [](const Pending& a, const Pending& b) { return a.received < b.received; });

  // One batch per department and receipt day, at 10:00 China time.
  for (size_t i = 0; i < pending.size();) {
    const Date day = pending[i].received;
    nlohmann::json penalties = nlohmann::json::array(), licences = nlohmann::json::array();
    for (; i < pending.size() && pending[i].received == day; ++i) {
      (pending[i].penalty ? penalties : licences).push_back(std::move(pending[i].row));
      out.late += pending[i].late ? 1 : 0;
    }
    XY_RETURN_IF_ERROR(SubmitDay(intake, clock, day, penalties, licences, penalty_department,
                                 licence_department, out));
  }
  return out;
}

std::vector<DemoCompany> DemoCompanies(const DivisionTable& divisions, int64_t subjects,
                                       uint64_t seed) {
  std::vector<DemoCompany> out;
  if (divisions.CurrentCounties().empty()) return out;
  DemoSubjectGenerator gen(divisions, seed);
  for (int64_t i = 0; i < subjects; ++i) {
    SubjectInput in = gen.Next();
    if (!in.identifiers.empty() && in.identifiers.front().rfind("91", 0) == 0) {
      std::string region = divisions.FullName(in.identifiers.front().substr(2, 6));
      out.push_back({std::move(in.name), std::move(in.identifiers.front()), std::move(region)});
    }
  }
  return out;
}

Result<DemoRecordsSummary> GenerateDemoRecordVolume(
    IntakeService& intake, ManualClock& clock, const WorkingCalendar& calendar,
    const std::vector<DemoCompany>& companies, const Department& penalty_department,
    const Department& licence_department, uint64_t seed, Date today, int64_t count,
    const std::function<void(int64_t)>& progress) {
  DemoRecordsSummary out;
  if (count < 0 || count > 100'000'000) {
    return InvalidArgument("records: 演示记录数量应在0到100000000之间");
  }
  if (count == 0) return out;
  if (companies.empty()) return FailedPrecondition("records: 没有可用的演示企业");
  const std::vector<int> years = calendar.Years();
  if (years.empty()) return FailedPrecondition("the working-day calendar holds no year");
  const Date first = *Date::FromYmd(years.front(), 1, 2);
  const int64_t span = today.days() - first.days() - 1;
  if (span < 30) return FailedPrecondition("the working-day calendar ends too soon before today");

  // The plan first (a few bytes a record), the rows only for the day being submitted.
  struct Planned {
    uint32_t company;
    int32_t decided;   // days since the epoch
    int32_t received;
    bool penalty;
    bool late;
  };
  std::mt19937_64 rng(seed * 131 + 29);
  std::vector<Planned> plan;
  plan.reserve(static_cast<size_t>(count));
  while (static_cast<int64_t>(plan.size()) < count) {
    const auto company = static_cast<uint32_t>(rng() % companies.size());
    const bool penalty = rng() % 100 < 20;
    auto drawn = DrawDecisionAndReceipt(rng, calendar, first, span, today);
    if (!drawn) continue;  // draw again: every record lands
    plan.push_back({company, static_cast<int32_t>(drawn->decided.days()),
                    static_cast<int32_t>(drawn->received.days()), penalty, drawn->delay > 7});
  }
  std::stable_sort(plan.begin(), plan.end(), [](const Planned& a, const Planned& b) {
    return a.received < b.received;
  });

  std::map<std::pair<bool, int>, int> serials;  // (penalty?, year) -> next serial
  int64_t submitted = 0;
  for (size_t i = 0; i < plan.size();) {
    const int32_t day = plan[i].received;
    nlohmann::json penalties = nlohmann::json::array(), licences = nlohmann::json::array();
    for (; i < plan.size() && plan[i].received == day; ++i) {
      const Planned& p = plan[i];
      const Date decided = Date::FromDays(p.decided);
      int& serial = serials[{p.penalty, decided.year()}];
      serial += 1 + static_cast<int>(rng() % 3);
      const DemoCompany& c = companies[p.company];
      if (p.penalty) {
        penalties.push_back(PenaltyRow(rng, c, penalty_department, serial, decided));
      } else {
        licences.push_back(LicenceRow(rng, c, licence_department, serial, decided));
      }
      out.late += p.late ? 1 : 0;
    }
    const int64_t rows = static_cast<int64_t>(penalties.size() + licences.size());
    const int64_t before = out.penalties + out.licences;
    XY_RETURN_IF_ERROR(SubmitDay(intake, clock, Date::FromDays(day), penalties, licences,
                                 penalty_department, licence_department, out));
    if (out.penalties + out.licences - before != rows) {
      return Internal("demonstration records were not all accepted as new (same 文书号 twice?)");
    }
    submitted += rows;
    if (progress) progress(submitted);
  }
  return out;
}

DemoSample DemoPenaltySample(const std::vector<DemoCompany>& companies,
                             const Department& department, Date today) {
  std::mt19937_64 rng(20261127);
  DemoSample sample;
  sample.header = {"行政相对人名称", "行政相对人类别", "统一社会信用代码", "法定代表人", "决定书文号",
                   "违法行为类型", "违法事实", "处罚依据", "处罚类别", "处罚内容",
                   "罚款金额(万元)", "处罚决定日期", "处罚机关", "处罚机关代码", "数据来源单位",
                   "数据来源单位代码"};
  const size_t n = std::min<size_t>(companies.size(), 10);
  for (size_t i = 0; i < n; ++i) {
    DemoCompany c = companies[i];
    nlohmann::json row =
        PenaltyRow(rng, c, department, 9000 + static_cast<int>(i), today.AddDays(-3));
    std::string rep = row["CF_FRDB"];
    if (i == 3) c.code.back() = c.code.back() == '1' ? '2' : '1';  // a wrong check character
    if (i == 6) rep.clear();                                          // 法定代表人 missing
    const std::string fine = row.contains("CF_NR_FK") ? row["CF_NR_FK"].get<std::string>() : "";
    sample.rows.push_back({c.name, "法人及非法人组织", c.code, rep, row["CF_WSH"], row["CF_WFXW"],
                           row["CF_SY"], row["CF_YJ"], row["CF_CFLB"], row["CF_NR"], fine,
                           row["CF_JDRQ"], department.name, department.code, department.name,
                           department.code});
  }
  return sample;
}

std::string DemoPenaltyCsvGbk(const DemoSample& sample) {
  auto cell = [](const std::string& v) {
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string q = "\"";
    for (char ch : v) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return q + "\"";
  };
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + cell(cells[i]);
    return out + "\r\n";
  };
  std::string csv = line(sample.header);
  for (const auto& r : sample.rows) csv += line(r);
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string out(csv.size() * 2 + 16, '\0');
  char* in = csv.data();
  size_t in_left = csv.size(), out_left = out.size();
  char* o = out.data();
  const size_t rc = iconv(cd, &in, &in_left, &o, &out_left);
  iconv_close(cd);
  if (rc == static_cast<size_t>(-1)) return csv;  // cannot happen for this text; keep UTF-8
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace xinyong
