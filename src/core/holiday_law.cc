#include "core/holiday_law.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "core/sky.h"
#include "core/yaml_checks.h"

namespace xinyong {
namespace {

// The longest statutory holiday (春节) is four days; more is a typing mistake.
constexpr int kMaxRuleDays = 7;

Result<int> ReadInt(const YAML::Node& map, const std::string& key, const std::string& where, int lo,
                    int hi) {
  const YAML::Node node = map[key];
  int v = 0;
  try {
    if (!node.IsScalar()) throw YAML::Exception(YAML::Mark::null_mark(), "not a number");
    v = node.as<int>();
  } catch (const YAML::Exception&) {
    return InvalidArgument(where + YamlLine(node) + ": \"" + key + "\" must be a whole number");
  }
  if (v < lo || v > hi) {
    return InvalidArgument(where + YamlLine(node) + ": \"" + key + "\" is " + std::to_string(v) +
                           ", must be " + std::to_string(lo) + " to " + std::to_string(hi));
  }
  return v;
}

Result<StatutoryRule> ParseRule(const YAML::Node& h, const std::string& where) {
  XY_RETURN_IF_ERROR(CheckYamlKeys(
      h, where, {"name", "gregorian", "lunar", "solar_term", "offset", "days"}, {"name", "days"}));
  StatutoryRule r;
  XY_ASSIGN_OR_RETURN(r.name, YamlText(h, "name", where));
  const std::string named = where + " (" + r.name + ")";
  XY_ASSIGN_OR_RETURN(r.days, ReadInt(h, "days", named, 1, kMaxRuleDays));
  const int kinds = (h["gregorian"] ? 1 : 0) + (h["lunar"] ? 1 : 0) + (h["solar_term"] ? 1 : 0);
  if (kinds != 1) {
    return InvalidArgument(named + YamlLine(h) +
                           ": give exactly one of \"gregorian\", \"lunar\" or \"solar_term\"");
  }
  if (h["offset"] && !h["lunar"]) {
    return InvalidArgument(named + YamlLine(h["offset"]) +
                           ": \"offset\" is only for a \"lunar\" date");
  }
  if (h["solar_term"]) {
    r.kind = StatutoryRule::Kind::kSolarTerm;
    XY_ASSIGN_OR_RETURN(int lon, ReadInt(h, "solar_term", named, 0, 345));
    if (lon % 15 != 0) {
      return InvalidArgument(named + YamlLine(h["solar_term"]) +
                             ": a solar term is a multiple of 15 degrees (清明 is 15)");
    }
    r.longitude = lon;
    return r;
  }
  const bool lunar = static_cast<bool>(h["lunar"]);
  r.kind = lunar ? StatutoryRule::Kind::kLunar : StatutoryRule::Kind::kGregorian;
  const YAML::Node md = lunar ? h["lunar"] : h["gregorian"];
  const std::string md_where = named + (lunar ? ": lunar" : ": gregorian");
  XY_RETURN_IF_ERROR(CheckYamlKeys(md, md_where, {"month", "day"}, {"month", "day"}));
  XY_ASSIGN_OR_RETURN(r.month, ReadInt(md, "month", md_where, 1, 12));
  XY_ASSIGN_OR_RETURN(r.day, ReadInt(md, "day", md_where, 1, lunar ? 30 : 31));
  if (lunar && h["offset"]) {
    XY_ASSIGN_OR_RETURN(r.offset, ReadInt(h, "offset", named, -3, 3));
  }
  if (!lunar) {
    // A leap year, so that 29 February is allowed and 30 February is not.
    if (auto d = Date::FromYmd(2000, r.month, r.day); !d.ok()) {
      return InvalidArgument(md_where + YamlLine(md) + ": " + d.status().message());
    }
  }
  return r;
}

Result<HolidayLawVersion> ParseVersion(const YAML::Node& v, const std::string& where) {
  XY_RETURN_IF_ERROR(CheckYamlKeys(v, where,
                                   {"in_force", "source", "weekend_substitute", "holidays"},
                                   {"in_force", "source", "weekend_substitute", "holidays"}));
  HolidayLawVersion out;
  XY_ASSIGN_OR_RETURN(std::string in_force, YamlText(v, "in_force", where));
  auto date = Date::Parse(in_force);
  if (!date.ok()) {
    return InvalidArgument(where + YamlLine(v["in_force"]) +
                           ": in_force: " + date.status().message());
  }
  out.in_force = *date;
  XY_ASSIGN_OR_RETURN(out.source, YamlText(v, "source", where));
  const YAML::Node sub = v["weekend_substitute"];
  if (!sub.IsScalar() || (sub.Scalar() != "true" && sub.Scalar() != "false")) {
    return InvalidArgument(where + YamlLine(sub) +
                           ": \"weekend_substitute\" must be true or false");
  }
  out.weekend_substitute = sub.Scalar() == "true";
  const YAML::Node holidays = v["holidays"];
  if (!holidays.IsSequence() || holidays.size() == 0) {
    return InvalidArgument(where + YamlLine(holidays) + ": \"holidays\" must be a non-empty list");
  }
  for (size_t i = 0; i < holidays.size(); ++i) {
    XY_ASSIGN_OR_RETURN(StatutoryRule r, ParseRule(holidays[i], where + ": holidays[" +
                                                                    std::to_string(i + 1) + "]"));
    out.rules.push_back(std::move(r));
  }
  return out;
}

Result<Date> FirstDay(const StatutoryRule& r, int year) {
  switch (r.kind) {
    case StatutoryRule::Kind::kGregorian:
      return Date::FromYmd(year, r.month, r.day);
    case StatutoryRule::Kind::kLunar: {
      XY_ASSIGN_OR_RETURN(Date d, ChineseDate(year, r.month, r.day));
      return d.AddDays(r.offset);
    }
    case StatutoryRule::Kind::kSolarTerm:
      return SolarTermDay(year, r.longitude);
  }
  return Internal("unknown statutory rule kind");
}

}  // namespace

Result<HolidayLaw> HolidayLaw::LoadFile(const std::filesystem::path& path) {
  const std::string file = path.filename().string();
  XY_ASSIGN_OR_RETURN(YAML::Node root, LoadYamlFile(path, file));
  XY_RETURN_IF_ERROR(CheckYamlKeys(root, file, {"versions"}, {"versions"}));
  const YAML::Node versions = root["versions"];
  if (!versions.IsSequence() || versions.size() == 0) {
    return InvalidArgument(file + YamlLine(versions) + ": \"versions\" must be a non-empty list");
  }
  std::vector<HolidayLawVersion> out;
  for (size_t i = 0; i < versions.size(); ++i) {
    XY_ASSIGN_OR_RETURN(
        HolidayLawVersion v,
        ParseVersion(versions[i], file + ": versions[" + std::to_string(i + 1) + "]"));
    out.push_back(std::move(v));
  }
  auto law = FromVersions(std::move(out));
  if (!law.ok()) return InvalidArgument(file + ": " + law.status().message());
  return law;
}

Result<HolidayLaw> HolidayLaw::FromVersions(std::vector<HolidayLawVersion> versions) {
  if (versions.empty()) return InvalidArgument("the holiday law has no version");
  for (size_t i = 1; i < versions.size(); ++i) {
    if (!(versions[i - 1].in_force < versions[i].in_force)) {
      return InvalidArgument("versions must be listed oldest first, each in force later (" +
                             versions[i].in_force.ToString() + " after " +
                             versions[i - 1].in_force.ToString() + ")");
    }
  }
  for (const auto& v : versions) {
    if (v.source.empty()) return InvalidArgument("a version has no source");
    if (v.rules.empty()) return InvalidArgument(v.source + " fixes no holiday");
  }
  HolidayLaw law;
  law.versions_ = std::move(versions);
  return law;
}

Result<StatutoryYear> HolidayLaw::Year(int year) const {
  if (year < kFirstYear || year > kLastYear) {
    return InvalidArgument("year " + std::to_string(year) + " is outside " +
                           std::to_string(kFirstYear) + "-" + std::to_string(kLastYear) +
                           ", the years the working-day calendar can count");
  }
  XY_ASSIGN_OR_RETURN(Date jan1, Date::FromYmd(year, 1, 1));
  const HolidayLawVersion* version = nullptr;
  for (const auto& v : versions_) {
    if (v.in_force <= jan1) version = &v;
  }
  if (!version) {
    return FailedPrecondition("no version of the holiday law is in force on " + jan1.ToString());
  }
  StatutoryYear out;
  out.year = year;
  out.source = version->source;
  for (const auto& r : version->rules) {
    XY_ASSIGN_OR_RETURN(Date first, FirstDay(r, year));
    for (int i = 0; i < r.days; ++i) {
      const Date d = first.AddDays(i);
      if (d.year() != year) {
        return Internal(r.name + " of " + std::to_string(year) + " falls on " + d.ToString());
      }
      auto [it, inserted] = out.statutory.emplace(d, r.name);
      if (!inserted) it->second += "、" + r.name;  // e.g. 国庆节 and 中秋节 on one day
    }
  }
  if (version->weekend_substitute) {
    // Each statutory day on a Saturday or Sunday, in date order, takes the next weekday that is
    // neither a statutory day nor already taken by an earlier substitute.
    for (const auto& [day, name] : out.statutory) {
      if (!day.IsWeekend()) continue;
      Date d = day.AddDays(1);
      while (d.IsWeekend() || out.statutory.count(d) != 0 || out.substitute.count(d) != 0) {
        d = d.AddDays(1);
      }
      if (d.year() != year) {
        return Internal("the substitute day for " + name + " " + day.ToString() + " falls in " +
                        std::to_string(d.year()));
      }
      out.substitute.emplace(d, name);
    }
  }
  return out;
}

}  // namespace xinyong
