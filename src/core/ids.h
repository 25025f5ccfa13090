// Subject identifiers: parse, normalise and validate.
//
//  - 统一社会信用代码 USCC (GB 32100-2015), 18 characters, with the embedded organisation
//    code (GB 11714) in positions 9-17 checked too.
//  - 居民身份证号 citizen ID (GB 11643-1999), 18 characters: known division, real birth date
//    not in the future, MOD 11-2 check.
//  - 工商注册号 registration number, 15 digits (legacy): ISO 7064 MOD 11,10 check.
//  - 组织机构代码 organisation code, 9 characters (legacy, GB 11714), with or without '-'.
// Input is normalised first (NormaliseCode). Every error names the rule that failed and,
// where it applies, the 1-based position, in a message a clerk can act on (Chinese).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"

namespace xinyong {

class DivisionTable;

enum class IdKind { kUscc, kCitizenId, kRegistrationNumber, kOrganizationCode };

// "uscc", "citizen_id", "registration_number", "organization_code".
std::string_view IdKindName(IdKind kind);
std::optional<IdKind> IdKindFromName(std::string_view name);

struct IdError {
  // Stable rule names: "empty", "length", "character", "check_character",
  // "organization_code_check", "registration_department", "organization_category",
  // "division", "birth_date", "ambiguous".
  std::string rule;
  int position = 0;     // 1-based position the rule is about; 0 for the whole code
  std::string message;  // e.g. "第18位校验码应为“Q”，实际为“R”"
};

struct IdCheck {
  std::string input;       // as given
  std::string normalised;  // after NormaliseCode
  std::optional<IdKind> kind;  // the kind checked against (set even when invalid if known)
  std::optional<IdError> error;
  // Filled when valid:
  std::string division;          // 6-digit division (USCC pos 3-8, citizen ID pos 1-6)
  std::optional<Date> birth_date;  // citizen ID only
  bool valid() const { return !error.has_value(); }
};

IdCheck CheckUscc(std::string_view input);
IdCheck CheckOrganizationCode(std::string_view input);
IdCheck CheckRegistrationNumber(std::string_view input);
// `today` bounds the birth date; `divisions` decides which division codes are known.
IdCheck CheckCitizenId(std::string_view input, const DivisionTable& divisions, Date today);

// Decides the kind from the normalised form (length and characters; an 18-character code
// that passes neither check is reported against the kind it most resembles).
IdCheck CheckAnyId(std::string_view input, const DivisionTable& divisions, Date today);

// Check characters, for generators and tests. `body17` must be 17 valid characters.
char UsccCheckChar(std::string_view body17);
char OrganizationCodeCheckChar(std::string_view body8);
char CitizenIdCheckChar(std::string_view body17);
char RegistrationNumberCheckDigit(std::string_view body14);

// "110105********1234"-style masking of a citizen ID for display: keeps the first 3 and the
// last 4 characters; other lengths keep the last 4 only.
std::string MaskIdNumber(std::string_view normalised);
// `text` with every 18-character 居民身份证号 in it (17 digits and a check character that
// fits, not part of a longer run of digits) masked as MaskIdNumber does: free text a member of
// the public wrote (a tip's facts) is shown to nobody with a full identity number.
std::string MaskIdNumbersIn(std::string_view text);
// "张*" / "欧阳**": keeps the first UTF-8 character of a personal name.
std::string MaskPersonName(std::string_view name);

}  // namespace xinyong
