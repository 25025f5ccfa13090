// The kinds of credit report (信用报告) the platform issues, their sections, the purposes and
// the 领域 a 专项信用报告 may be narrowed to, as policy data (policy/reports/reports.yaml).
// Immutable after loading; safe to share between threads.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace xinyong {

class Catalogue;

struct ReportSection {
  std::string code;
  std::string name;
  std::vector<std::string> items;  // catalogue item codes
  std::vector<std::string> lists;  // list kinds: red, serious
  bool commitments = false;        // the subject's published commitments
  bool evaluation = false;         // the subject's 公共信用综合评价 grade
};

struct ReportKind {
  std::string code;   // special, full
  std::string name;
  std::string title;
  bool chooses_period = false;  // the requester chooses the years and the 领域
  std::string empty;            // what a section with nothing says
  std::vector<ReportSection> sections;
};

struct ReportField {
  std::string code;
  std::string name;
  std::vector<std::string> departments;  // a department belongs when its name contains one
  std::vector<std::string> domains;      // list entry domains
};

struct ReportsPolicy {
  int validity_days = 30;
  int max_years = 5;
  std::vector<std::pair<std::string, std::string>> purposes;  // code -> name, in file order
  std::vector<ReportField> fields;
  std::vector<ReportKind> kinds;

  const ReportKind* Kind(const std::string& code) const;
  const ReportField* Field(const std::string& code_or_name) const;
  std::string PurposeName(const std::string& code_or_name) const;  // "" when unknown
  std::string PurposeCode(const std::string& code_or_name) const;  // "" when unknown

  // Loads <dir>/reports.yaml; invalid_argument naming the file, key and line for a broken one.
  static Result<ReportsPolicy> LoadDir(const std::filesystem::path& dir);
  // ok when every item a section names is in the catalogue.
  Status CheckAgainst(const Catalogue& catalogue) const;
};

}  // namespace xinyong
