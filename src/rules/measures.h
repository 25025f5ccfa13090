// The measure list (措施清单) and which measures apply to a subject in a business scenario:
// the pure heart of the check (应查必查). Contract between the measure rules
// (src/rules/measures.cc, policy/measures/) and the check service (src/service/check_*).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "domain/record.h"

namespace xinyong {

// What is known about a subject when it is checked. Built by the service from the store.
struct ListMembership {
  int64_t entry_id = 0;
  std::string list_kind;     // "red", "serious", "key_attention"
  std::string domain;        // e.g. "market_regulation", "tax", "court_enforcement"; "" = any
  std::string basis;         // legal basis of the entry (document and article)
  std::string valid_from;    // YYYY-MM-DD
  std::string valid_until;   // YYYY-MM-DD, "" = no end
  bool disputed = false;     // under objection: measures triggered only by it are suspended
  int64_t objection_id = 0;  // when disputed
};

struct RecordFact {
  int64_t record_id = 0;
  std::string item_code;     // catalogue item, e.g. "CF"
  Nature nature = Nature::kNeutral;
  std::string decision_date; // YYYY-MM-DD
  bool disputed = false;
  int64_t objection_id = 0;
  // How the answer names it (filled by the service; "" = by its id and item code):
  std::string item_name;     // e.g. 行政处罚
  std::string document_label;  // what `document` is, e.g. 决定书文号
  std::string document;      // e.g. 宁市监罚〔2026〕1号
  std::string department;    // who decided, e.g. 南京市市场监督管理局
};

struct SubjectFacts {
  std::vector<ListMembership> lists;   // decided entries (not proposed/dropped/exited)
  std::vector<RecordFact> records;     // active (not revoked) records
};

// Why a measure applies: the list entries and records that trigger it.
struct Trigger {
  std::string kind;          // "list_entry" or "record"
  int64_t id = 0;
  std::string description;   // e.g. "严重失信主体名单（市场监管）" / "行政处罚 宁市监罚〔2026〕1号"
  bool disputed = false;
  int64_t objection_id = 0;
};

struct Measure;  // defined below

struct AppliedMeasure {
  const Measure* measure = nullptr;
  std::vector<Trigger> triggers;
  // True when every trigger is disputed: the measure must not be applied while the objection
  // is verified. objection_ids lists the objections.
  bool suspended = false;
  std::vector<int64_t> objection_ids;
  // True when the subject is checked as a responsible person (法定代表人…) of `via`.
  bool as_responsible_person = false;
  // Why the officer sees this measure next to others that seem to contradict it (an incentive
  // beside a punishment); "" when nothing needs saying.
  std::string note;
  // For an incentive left out: the dishonesty that excludes it (its `withheld_by` matches).
  std::vector<Trigger> withheld_by;
};

// ---------------------------------------------------------------------------------------------
// The measure list, loaded from policy/measures/*.yaml (format: policy/measures/README.md).

enum class MeasureKind { kIncentive, kPunishment };
std::string_view MeasureKindName(MeasureKind k);  // "incentive", "punishment"

// A 业务场景 in which a check is made, e.g. {"government_procurement", "政府采购"}.
struct Scenario {
  std::string code;
  std::string name;
};

// A domain (领域) of list entries, e.g. {"court_enforcement", "法院执行（失信被执行人）"}.
struct Domain {
  std::string code;
  std::string name;
};

struct LegalBasis {
  std::string document;  // e.g. 《中华人民共和国政府采购法》
  std::string article;   // e.g. 第二十二条; "" when the document as a whole is cited
  // False while nobody has checked the citation against the text (`basis_confirmed: false` in
  // the policy file): such a basis names the document only, never an article, until an admin
  // confirms it (MeasureBasisService).
  bool confirmed = true;
};

// What makes a measure apply. A measure applies when any of its triggers matches.
struct MeasureTrigger {
  enum class Type {
    kList,         // a decided list entry of `list_kind`, valid today, in one of `domains`
    kRecord,       // an active record of `item_codes` / `natures` decided within `within_years`
    kNoBadRecord,  // no minor/serious record and no serious/key_attention entry within `years`
  };
  Type type = Type::kList;
  std::string list_kind;                 // kList: "red", "serious", "key_attention"
  std::vector<std::string> domains;      // kList: empty = any domain
  std::vector<std::string> item_codes;   // kRecord: empty = any item
  std::vector<Nature> natures;           // kRecord: empty = any nature
  int within_years = 0;                  // kRecord: 0 = no lookback limit
  int years = 3;                         // kNoBadRecord: the clean period
};

struct Measure {
  std::string code;   // e.g. "P1-01"; unique in the list
  std::string name;   // e.g. 限制参加政府采购活动
  MeasureKind kind = MeasureKind::kPunishment;
  int group = 1;      // 1, 2 or 3: the groups of 全国失信惩戒措施基础清单 (DATA.md, Measures)
  bool mandatory = false;                // true: 应当/不得 (must); false: 可以/参考 (recommended)
  std::string target;                    // e.g. 严重失信主体, 失信主体, 守信主体
  LegalBasis basis;                      // never empty: a measure without basis is refused
  std::vector<std::string> departments;  // implementing department(s)
  std::vector<MeasureTrigger> triggers;  // at least one
  // Incentives only: undisputed dishonesty that excludes the incentive (守信激励 is for 守信主体).
  // kList and kRecord triggers; default {serious list entry}.
  std::vector<MeasureTrigger> withheld_by;
  std::vector<std::string> scenarios;    // scenario codes; {"*"} = every scenario
  bool binds_responsible_persons = false;  // 落实到人: also applies to 法定代表人, 主要负责人…
  std::string description;
  std::string file;                      // the policy file it came from
};

// 合作备忘录: a document by which departments agreed to apply a group of measures.
struct Memorandum {
  std::string number;                   // document number, e.g. 发改财金〔2016〕141号
  std::string name;
  std::string date;                     // YYYY-MM-DD or "" when not recorded
  MeasureKind kind = MeasureKind::kPunishment;
  std::vector<std::string> initiators;  // initiating department(s)
  std::vector<std::string> cosigners;   // co-signing departments
  std::vector<std::string> measures;    // measure codes, each in the list
};

// Immutable once loaded; safe to share between threads.
class MeasureList {
 public:
  MeasureList() = default;

  // Loads every *.yaml in `dir` (sorted by name). Refused, with the file and the measure named:
  // unknown or missing keys, a measure without legal basis (document), a bad kind or group, an
  // unknown scenario, list kind, domain or nature, a measure without triggers, duplicate
  // measure/scenario/domain codes, and memoranda naming unknown measures.
  static Result<MeasureList> LoadDir(const std::filesystem::path& dir);

  const Measure* Find(std::string_view code) const;
  const Scenario* FindScenario(std::string_view code) const;
  const Domain* FindDomain(std::string_view code) const;
  const std::vector<Measure>& measures() const { return measures_; }
  const std::vector<Memorandum>& memoranda() const { return memoranda_; }
  const std::vector<Scenario>& scenarios() const { return scenarios_; }
  const std::vector<Domain>& domains() const { return domains_; }
  // The memoranda that name `code`.
  std::vector<const Memorandum*> MemorandaOf(std::string_view code) const;

 private:
  std::vector<Measure> measures_;
  std::vector<Memorandum> memoranda_;
  std::vector<Scenario> scenarios_;
  std::vector<Domain> domains_;
};

// Chinese name of a list kind: "red" -> 红名单, "serious" -> 严重失信主体名单,
// "key_attention" -> 重点关注名单; "" when unknown.
std::string_view ListKindName(std::string_view list_kind);

// The measures of `list` that apply to a subject with `facts` in `scenario` on `today` (应查必查).
// Pure. Rules:
// - a list entry triggers only when today is within [valid_from, valid_until] (inclusive; ""
//   valid_until = no end); a measure that names domains is triggered only by entries of those
//   domains (an entry with domain "" triggers only measures that name none: 关联原则);
// - a record triggers when its item and nature match and it was decided within the lookback
//   (today - within_years, today];
// - kNoBadRecord holds when no minor/serious record was decided and no serious/key_attention
//   entry was valid during the last `years` years (disputed ones count: the clean period is not
//   proven while they are verified); its Trigger has kind "no_bad_record" and id 0;
// - an incentive is withheld while an undisputed fact matches its `withheld_by` (a list entry
//   valid today, a record decided within the lookback): it goes to `*withheld` (when given)
//   with those facts in `withheld_by`, not to the result;
// - an incentive applied next to a punishment gets a `note` saying why both stand (the
//   punishment is suspended by an objection, or its facts are not among those that exclude the
//   incentive);
// - a measure applies only in its scenarios, or in all when it lists "*"; scenario "*" asks for
//   every measure whatever its scenarios;
// - as_responsible_person: only measures that bind responsible persons, marked as such;
// - suspended when every trigger is disputed; objection_ids lists their objections (sorted);
// - sorted: mandatory punishments, recommended punishments, incentives; by code within each.
std::vector<AppliedMeasure> ApplicableMeasures(const MeasureList& list, const SubjectFacts& facts,
                                               std::string_view scenario, Date today,
                                               bool as_responsible_person,
                                               std::vector<AppliedMeasure>* withheld = nullptr);

}  // namespace xinyong
