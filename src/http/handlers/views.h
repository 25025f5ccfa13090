// JSON forms of service results, shared by the HTTP handlers and the command line so both
// print the same shapes.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/calendar.h"
#include "core/ids.h"
#include "domain/account.h"
#include "domain/event.h"
#include "domain/list_entry.h"
#include "domain/rights.h"
#include "domain/subscription.h"
#include "service/audit_service.h"
#include "service/intake_service.h"
#include "service/subject_service.h"

namespace xinyong::http {

// {"input","valid","kind","normalised","error":{"rule","position","message"}|null, ...}
nlohmann::json IdCheckJson(const IdCheck& c);
nlohmann::json SubjectJson(const SubjectView& s);
nlohmann::json EventJson(const Event& e);
nlohmann::json VerifyJson(const VerifyReport& r);
nlohmann::json DepartmentJson(const Department& d);
nlohmann::json UserJson(const User& u);
// {"accepted","unchanged","rejected","batch_id","encoding","errors":[{"row","field","code","message"}]}
nlohmann::json IntakeSummaryJson(const IntakeSummary& s);
nlohmann::json RecordJson(const Record& r);
// A text that may be empty: null when it is.
nlohmann::json OptText(const std::string& v);
// The steps of a case (objection, repair, tip, typical case), with the actor when it is kept.
nlohmann::json StepsJson(const std::vector<CaseStep>& steps);
// A record as the public sees it (subject pages, typical cases): item, decision date, nature,
// display window, the 异议处理中 mark and the current version's fields.
nlohmann::json RecordSummary(const Record& r, const std::string& item_name,
                             const std::string& fields);
nlohmann::json RecordVersionJson(const RecordVersion& v);
// Every field of a list entry, with "list_name"; empty optional fields as null.
nlohmann::json ListEntryJson(const ListEntry& e);
// The same, with the defence period's end marked as ProvisionalJson says.
nlohmann::json ListEntryJson(const ListEntry& e, const WorkingCalendar& cal);
// {"provisional": bool, "provisional_dates": [name...]}: which of `dates` (name, YYYY-MM-DD),
// counted in working days, fall in a year whose holiday notice is not yet published.
nlohmann::json ProvisionalJson(const WorkingCalendar& cal,
                               const std::vector<std::pair<std::string, std::string>>& dates);
// {"id","department_id","name","scope","region","webhook_url","active","delivery":{…}}
nlohmann::json SubscriptionJson(const Subscription& s);

}  // namespace xinyong::http
