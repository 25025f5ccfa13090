// The statutory rest days of 《全国年节及纪念日放假办法》 (policy/calendar/law.yaml), from which a
// year without the State Council's notice is counted provisionally.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"

namespace xinyong {

struct StatutoryRule {
  enum class Kind { kGregorian, kLunar, kSolarTerm };
  std::string name;  // 春节
  Kind kind = Kind::kGregorian;
  int month = 0;           // kGregorian, kLunar
  int day = 0;             // kGregorian, kLunar
  int offset = 0;          // kLunar: days added to the lunar date (-1 from 正月初一 is 除夕)
  double longitude = 0.0;  // kSolarTerm: degrees
  int days = 1;            // how many consecutive days off
};

struct HolidayLawVersion {
  Date in_force;                   // applies to every year whose 1 January is on or after this day
  std::string source;              // the decree
  bool weekend_substitute = true;  // a statutory day on a weekend gets the next working day off
  std::vector<StatutoryRule> rules;
};

// What the law fixes for one year.
struct StatutoryYear {
  int year = 0;
  std::string source;                      // the version applied
  std::map<Date, std::string> statutory;   // the holidays themselves
  std::map<Date, std::string> substitute;  // 补假 for those falling on a weekend
};

// Immutable after loading.
class HolidayLaw {
 public:
  static constexpr int kFirstYear = 2000;
  static constexpr int kLastYear = 2100;

  // Refuses a broken file with the file, entry, line and reason.
  static Result<HolidayLaw> LoadFile(const std::filesystem::path& path);
  static Result<HolidayLaw> FromVersions(std::vector<HolidayLawVersion> versions);

  // The statutory and substitute rest days of `year` (kFirstYear..kLastYear); fails outside
  // that range or before the first version in force.
  Result<StatutoryYear> Year(int year) const;
  const std::vector<HolidayLawVersion>& versions() const { return versions_; }

 private:
  std::vector<HolidayLawVersion> versions_;  // by in_force, ascending
};

}  // namespace xinyong
