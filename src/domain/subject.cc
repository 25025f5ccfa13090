#include "domain/subject.h"

namespace xinyong {

std::string_view SubjectKindName(SubjectKind kind) {
  switch (kind) {
    case SubjectKind::kLegalPerson: return "legal_person";
    case SubjectKind::kUnincorporatedOrg: return "unincorporated_org";
    case SubjectKind::kIndividualBusiness: return "individual_business";
    case SubjectKind::kNaturalPerson: return "natural_person";
  }
  return "legal_person";
}

std::optional<SubjectKind> SubjectKindFromName(std::string_view name) {
  for (auto k : {SubjectKind::kLegalPerson, SubjectKind::kUnincorporatedOrg,
                 SubjectKind::kIndividualBusiness, SubjectKind::kNaturalPerson}) {
    if (SubjectKindName(k) == name) return k;
  }
  return std::nullopt;
}

std::string_view SubjectKindLabel(SubjectKind kind) {
  switch (kind) {
    case SubjectKind::kLegalPerson: return "法人";
    case SubjectKind::kUnincorporatedOrg: return "非法人组织";
    case SubjectKind::kIndividualBusiness: return "个体工商户";
    case SubjectKind::kNaturalPerson: return "自然人";
  }
  return "法人";
}

SubjectKind KindFromUscc(std::string_view uscc) {
  if (uscc.size() >= 2 && uscc[0] == '9' && uscc[1] == '2') {
    return SubjectKind::kIndividualBusiness;
  }
  return SubjectKind::kLegalPerson;
}

}  // namespace xinyong
