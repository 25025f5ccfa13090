// Credit subjects (信用主体): who records are about.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"

namespace xinyong {

enum class SubjectKind {
  kLegalPerson,          // 法人 (companies, institutions, social organisations, government bodies)
  kUnincorporatedOrg,    // 非法人组织 (partnerships, branches...)
  kIndividualBusiness,   // 个体工商户
  kNaturalPerson,        // 自然人
};

// "legal_person", "unincorporated_org", "individual_business", "natural_person".
std::string_view SubjectKindName(SubjectKind kind);
std::optional<SubjectKind> SubjectKindFromName(std::string_view name);
// Chinese label, e.g. "法人".
std::string_view SubjectKindLabel(SubjectKind kind);

// The kind a USCC implies from its registration department and category (position 1-2):
// 92 → individual business; everything else → legal person. Unincorporated organisations
// cannot be told apart by code, so a submitter states them.
SubjectKind KindFromUscc(std::string_view normalised_uscc);

// An identifier as stored. For public identifiers (USCC, registration number, organisation
// code) `lookup` and `display` are the normalised code and `sealed` is empty. For a natural
// person's ID number, `lookup` is a keyed hash, `sealed` the encrypted number and `display`
// the masked form: the clear number is never stored.
struct StoredIdentifier {
  IdKind kind = IdKind::kUscc;
  std::string lookup;
  std::string sealed;
  std::string display;
  bool operator==(const StoredIdentifier&) const = default;
};

struct NameEntry {
  std::string name;
  std::string valid_from;  // timestamp the name was first seen
  std::string valid_to;    // "" while current
  bool operator==(const NameEntry&) const = default;
};

struct Subject {
  int64_t id = 0;
  SubjectKind kind = SubjectKind::kLegalPerson;
  std::string name;    // current name
  std::string region;  // 6-digit division code
  std::vector<StoredIdentifier> identifiers;
  std::vector<NameEntry> names;  // oldest first; the last one is current
  std::string created_at;
  std::string updated_at;
};

}  // namespace xinyong
