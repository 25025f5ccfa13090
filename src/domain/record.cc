#include "domain/record.h"

namespace xinyong {

std::string_view DisclosureName(Disclosure d) {
  switch (d) {
    case Disclosure::kPublic:
      return "public";
    case Disclosure::kGovernment:
      return "government";
    case Disclosure::kAuthorised:
      return "authorised";
    case Disclosure::kWithheld:
      return "withheld";
  }
  return "withheld";
}

std::optional<Disclosure> DisclosureFromName(std::string_view name) {
  for (auto d : {Disclosure::kPublic, Disclosure::kGovernment, Disclosure::kAuthorised,
                 Disclosure::kWithheld}) {
    if (DisclosureName(d) == name) return d;
  }
  return std::nullopt;
}

std::string_view NatureName(Nature n) {
  switch (n) {
    case Nature::kGood:
      return "good";
    case Nature::kMinor:
      return "minor";
    case Nature::kSerious:
      return "serious";
    case Nature::kNeutral:
      return "neutral";
  }
  return "neutral";
}

std::optional<Nature> NatureFromName(std::string_view name) {
  for (auto n : {Nature::kGood, Nature::kMinor, Nature::kSerious, Nature::kNeutral}) {
    if (NatureName(n) == name) return n;
  }
  return std::nullopt;
}

bool PubliclyVisible(const Record& r, std::string_view today) {
  return r.status == "active" && r.disclosure == Disclosure::kPublic && r.display.published &&
         !r.display.from.empty() && r.display.from <= today &&
         (r.display.until.empty() || today <= r.display.until);
}

}  // namespace xinyong
