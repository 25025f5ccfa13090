// Demonstration cases: what a visitor of a demonstration platform looks for besides records —
// red and serious list entries in force, an objection being handled, a repaired record, tips in
// the console — made
// through the services, as a department and the office would, on days before today.
#pragma once

#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "domain/account.h"
#include "rules/commitments_policy.h"
#include "rules/rights_policy.h"
#include "rules/tips_policy.h"
#include "service/context.h"
#include "service/demo.h"

namespace xinyong {

class Catalogue;
class IntakeService;
class ListValidity;
class SubjectService;

struct DemoCasesSummary {
  int red = 0;         // red list entries decided
  int serious = 0;     // serious list entries decided (after a notice and its defence period)
  int objections = 0;  // objections accepted and in progress
  int repairs = 0;     // repairs approved
  int tips = 0;        // tips: one awaiting routing, one with the market regulator, one filed
  int cases = 0;       // typical cases published
  int commitments = 0;  // signed: kept, broken (a 违诺 record), in force, and one for a repair
};

struct DemoCaseDepartments {
  const Department* market = nullptr;  // proposes the serious list entries
  const Department* tax = nullptr;     // proposes the red list entries (纳税信用A级)
};

// `ctx` runs on `clock`, which this moves between days up to `today` and leaves at today.
// The companies are those GenerateDemoSubjects made (records already submitted): the red entries
// go to companies without a penalty, the rest to companies with one.
Result<DemoCasesSummary> GenerateDemoCases(ServiceContext ctx, ManualClock& clock,
                                           SubjectService& subjects, IntakeService& intake,
                                           const Catalogue& catalogue, const ListValidity& validity,
                                           const RightsPolicy& rights, const TipsPolicy& tips,
                                           const CommitmentsPolicy& commitments,
                                           const std::vector<DemoCompany>& companies,
                                           const DemoCaseDepartments& departments, Date today);

}  // namespace xinyong
