// Validation of one submitted row against its catalogue item: the pure heart of intake.
// Contract shared by the intake service (src/service/intake_service.*); implementation and the
// catalogue types live in src/domain/catalogue.* and src/rules/record_rules.cc.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "domain/catalogue.h"
#include "domain/record.h"
#include "domain/subject.h"

namespace xinyong {

class DivisionTable;

struct FieldError {
  std::string field;    // field code, e.g. "CF_WSH"; "" when about the whole row
  std::string code;     // stable machine code, e.g. "required", "invalid_identifier"
  std::string message;  // Chinese, says what is wrong and how to fix it
};

// A row that passed validation, normalised.
struct ValidatedRecord {
  std::string item_code;
  SubjectKind subject_kind = SubjectKind::kLegalPerson;
  std::string subject_name;
  std::vector<std::string> subject_identifiers;  // normalised, valid; at least one
  std::string source_key;     // the department's record id field if given, else 文书号
  std::string decision_date;  // YYYY-MM-DD
  std::string legal_basis;    // "" when the item has none
  std::map<std::string, std::string> fields;  // normalised values by field code; empty omitted
  std::vector<std::string> sensitive_fields;  // codes holding personal ID numbers
  Nature nature = Nature::kNeutral;
  Disclosure disclosure = Disclosure::kWithheld;
  DisplayWindow display;
};

struct RowOutcome {
  std::optional<ValidatedRecord> record;  // set iff errors is empty
  std::vector<FieldError> errors;         // every problem of the row, in field order
};

// Immutable; safe to share between threads.
class RecordValidator {
 public:
  RecordValidator(const Catalogue& catalogue, const DivisionTable& divisions)
      : catalogue_(catalogue), divisions_(divisions) {}

  // Maps column names (field codes like "CF_WSH" or their Chinese names like "决定书文号",
  // case and width folded, surrounding spaces ignored) to field codes of `item`. An unknown or
  // repeated column is an error naming it.
  Result<std::vector<std::string>> MapHeader(const CatalogueItem& item,
                                             const std::vector<std::string>& columns) const;

  // MapHeader with every problem as a FieldError (codes "unknown_column", "duplicate_column";
  // `field` is the column name as given). `codes` has one entry per column, "" for a column in
  // error or left out. MapHeader fails iff `errors` is not empty, with their messages joined.
  // The columns the platform's file of sent-back rows adds (kSentBackColumns) are left out
  // without error, so that the clerk can send that file back once the rows are fixed.
  static constexpr const char* kSentBackColumns[] = {"退回原因", "原行号"};
  // Whether `column` (spaces around it ignored) is one of kSentBackColumns.
  static bool IsSentBackColumn(std::string_view column);
  struct HeaderMapping {
    std::vector<std::string> codes;
    std::vector<FieldError> errors;
  };
  HeaderMapping MapColumns(const CatalogueItem& item,
                           const std::vector<std::string>& columns) const;

  // Validates one row (field code -> raw text). `today` bounds dates and drives the display
  // window.
  //
  // Keys are field codes as MapHeader returns them (other spellings MapHeader accepts are taken
  // too). Error codes: required, conditional_required, invalid_identifier, invalid_date,
  // future_date, date_order, unknown_code, too_long, invalid_amount, unknown_column,
  // duplicate_column, and unsupported_identifier (the subject has no identifier the platform
  // can register, e.g. a natural person known only by passport number).
  RowOutcome Validate(const CatalogueItem& item, const std::map<std::string, std::string>& row,
                      Date today) const;

 private:
  const Catalogue& catalogue_;
  const DivisionTable& divisions_;
};

// A date as departments write it: 2026-02-20, 2026/2/20, 2026.02.20, 20260220, 2026年2月20日,
// a time of day ignored; 长期 (2099-12-31) when `long_term`. invalid_argument in Chinese.
Result<Date> ParseDepartmentDate(std::string_view raw, bool long_term);

}  // namespace xinyong
