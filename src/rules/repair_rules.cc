#include "rules/repair_rules.h"

#include <algorithm>

#include "core/date.h"

namespace xinyong {
namespace {

bool Contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

std::string AddMonths(const std::string& date, int months) {
  auto d = Date::Parse(date);
  return d.ok() ? d->AddMonths(months).ToString() : "";
}

}  // namespace

std::vector<RepairCondition> CheckRepair(const RepairPolicy& policy, const RepairFacts& f) {
  std::vector<RepairCondition> out;
  auto add = [&](std::string code, bool met, std::string message) {
    out.push_back({std::move(code), met, std::move(message)});
  };
  add("target_active", f.target_active,
      f.target_kind == "record" ? "该记录须为正在公示的有效记录" : "该名单须为正在生效的认定");

  if (f.target_kind == "record") {
    std::string blocked;
    for (const auto& c : f.categories) {
      if (Contains(f.no_early_stop, c)) blocked += (blocked.empty() ? "" : "、") + c;
    }
    add("not_early", blocked.empty(),
        blocked.empty() ? "处罚类别可以提前停止公示"
                        : "处罚类别“" + blocked + "”不适用提前停止公示，公示期满后自动停止");
    const bool has_min = !f.min_until.empty();
    add("minimum_period", has_min && f.today >= f.min_until,
        has_min ? "最短公示期满（" + f.min_until + "起可以申请）"
                : "该记录没有可提前停止的最短公示期");
    if (policy.no_repeat_same_category) {
      std::string repeat;
      for (const auto& p : f.other_penalties) {
        if (p.decision_date <= f.decision_date) continue;
        for (const auto& c : p.categories) {
          if (Contains(f.categories, c) && c != "警告" && c != "通报批评") {
            repeat = c + "（" + p.decision_date + "）";
          }
        }
      }
      add("repeat", repeat.empty(),
          repeat.empty() ? "此后未再受到同类处罚" : "此后又受到同类行政处罚：" + repeat);
    }
  } else {
    const std::string min =
        f.valid_from.empty() ? "" : AddMonths(f.valid_from, policy.list_entry_min_months);
    add("minimum_period", !min.empty() && f.today >= min,
        "列入名单满" + std::to_string(policy.list_entry_min_months) + "个月" +
            (min.empty() ? "" : "（" + min + "起可以申请）"));
  }

  std::string listed;
  for (const auto& l : f.lists) {
    if (Contains(policy.blocking_lists, l)) listed += (listed.empty() ? "" : "、") + l;
  }
  add("listed", listed.empty(),
      listed.empty() ? "未被列入严重失信主体名单" : "仍在名单中：" + listed);
  std::string items;
  std::vector<std::string> seen;
  for (const auto& i : f.active_items) {
    if (Contains(policy.blocking_items, i) && !Contains(seen, i)) {
      seen.push_back(i);
      items += (items.empty() ? "" : "、") + i;
    }
  }
  add("blocking_record", items.empty(),
      items.empty() ? "未被列入经营异常名录等" : "尚有未移出的记录：" + items);
  add("not_banned", f.banned_until.empty() || f.banned_until < f.today,
      f.banned_until.empty() ? "没有因提供虚假材料被限制申请"
                             : "因提供虚假材料，" + f.banned_until + "前不得申请信用修复");
  for (const auto& [key, text] : policy.required_evidence) {
    auto it = f.evidence.find(key);
    const bool met = it != f.evidence.end() && it->second;
    add("evidence." + key, met, met ? text : "须声明并提供材料：" + text);
  }
  return out;
}

bool RepairEligible(const std::vector<RepairCondition>& conditions) {
  return std::all_of(conditions.begin(), conditions.end(), [](const auto& c) { return c.met; });
}

}  // namespace xinyong
