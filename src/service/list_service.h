// Lists (红名单, 严重失信主体名单, 重点关注名单): recognition (认定) by an initiating department
// with legal basis, facts, prior notice with a defence period in working days, and a written
// decision with its validity; exit (移出) with a reason. Every step is an event.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/account.h"
#include "domain/list_entry.h"
#include "domain/subject.h"
#include "rules/list_validity.h"
#include "rules/rights_policy.h"
#include "service/context.h"

namespace xinyong {

class Transaction;

// The subject's active 一般 or 严重失信 records decided within `months` before `today`: "" when
// none, else the first three (item, document, date). Red-list recognition and 守信 typical cases
// refuse a subject with one.
Result<std::string> DishonestyWithin(Transaction& tx, int64_t subject_id, const std::string& today,
                                     int months);

class SubjectService;
class Transaction;

struct ProposeRequest {
  std::string subject_code;     // any identifier of an organisation or person already known
  std::string list_kind;        // red, serious, key_attention
  std::string domain;           // e.g. market_regulation
  std::string basis;            // legal basis: document and article (required: no list without)
  std::string facts;            // the facts found (required for serious and key_attention)
  std::string department_code;  // initiating department; "" = the principal's own
  struct Person {
    std::string name;
    std::string id_number;  // 居民身份证号
    std::string role =
        "legal_representative";  // legal_representative, principal, directly_responsible
  };
  std::vector<Person> responsible_persons;
};

// Thread-safe.
class ListService {
 public:
  // `validity` (名单有效期 per list kind and domain) must outlive the service.
  ListService(ServiceContext ctx, SubjectService& subjects, const ListValidity& validity,
              RedListPolicy red_list = {})
      : ctx_(ctx), subjects_(subjects), validity_(validity), red_list_(red_list) {}

  Result<ListEntry> Propose(const Principal& p, const ProposeRequest& req);
  // Sends the notice: the subject may state a defence until `defence_working_days` working
  // days from today (at least 5).
  Result<ListEntry> Notice(const Principal& p, int64_t id, const std::string& notice_document,
                           int defence_working_days);
  // The written decision. Serious and key-attention entries need a notice whose defence period
  // has ended. `valid_from` "" = today; `valid_until` "" = the policy's period for the entry's
  // list kind and domain; one beyond the policy's maximum is refused.
  // A red-list entry is refused while the subject has an active dishonesty record (一般 or
  // 严重失信) decided within the policy's clean_months, naming it; the credit office (admin)
  // may decide all the same with `override_reason`, kept in the event.
  Result<ListEntry> Decide(const Principal& p, int64_t id, const std::string& decision_document,
                           const std::string& valid_from, const std::string& valid_until,
                           const std::string& override_reason = "");
  Result<ListEntry> Drop(const Principal& p, int64_t id, const std::string& reason);
  Result<ListEntry> Exit(const Principal& p, int64_t id, const std::string& reason);
  // Exit inside the caller's transaction (repair, an objection, expiry), by `actor`; no role
  // or department check.
  // `on` (YYYY-MM-DD) is the day the exit took effect; "" = today.
  Status ExitIn(Transaction& tx, const std::string& actor, ListEntry& e, const std::string& reason,
                const std::string& on = "");
  Result<ListEntry> Get(int64_t id);

  // Gives every decided entry without an end date (decided before every entry had to end) the
  // policy's period from its valid_from, with a `list_entry.validity_set` event each, by the
  // platform. Idempotent; returns how many entries it changed.
  Result<int64_t> EndOpenEntries();

  // The pull feed (信息推送) of list changes for implementing departments: decided and exited
  // entries, in the order they happened, after `cursor` (an event sequence number; 0 = from
  // the start). `next_cursor` resumes exactly after the last event looked at, so a receiver
  // that was away for a day loses nothing and sees nothing twice.
  struct FeedItem {
    int64_t seq = 0;
    std::string at;
    std::string type;                              // "list_entry.decided", "list_entry.exited"
    ListEntry entry;                               // as it was after the change
    std::vector<std::string> subject_identifiers;  // public codes; ID numbers masked
    std::string subject_name;                      // natural persons masked
  };
  struct FeedPage {
    std::vector<FeedItem> items;
    int64_t next_cursor = 0;
  };
  Result<FeedPage> Feed(const Principal& p, int64_t cursor, int limit);
  // The same feed narrowed to the changes `keep` accepts (a subscription's region or watch
  // list); the cursor still moves over every event looked at. No role check: callers (the
  // subscription service) check access to the subscription.
  using FeedFilter = std::function<bool(const ListEntry&, const Subject&)>;
  Result<FeedPage> FilteredFeed(int64_t cursor, int limit, const FeedFilter& keep);

 private:
  using Step = std::function<Status(Transaction&, ListEntry&, const std::string& today)>;
  Result<ListEntry> Change(const Principal& p, int64_t id, const std::string& event_type,
                           const Step& step);
  Status NotifyExit(Transaction& tx, const ListEntry& e);

  ServiceContext ctx_;
  SubjectService& subjects_;
  const ListValidity& validity_;
  RedListPolicy red_list_;
};

// "decided" entries past their validity read as "expired" (exit on expiry takes effect on the
// day, whether or not anything ran).
std::string EffectiveStatus(const ListEntry& e, const std::string& today);

// One feed item as JSON: the body of a webhook delivery and one element of the pull feed's
// "items". {"seq","at","type","entry":{…,"subject":{"name","identifiers"}}}
std::string FeedItemJson(const ListService::FeedItem& item);

// The payload of list_entry.* events (JSON), which the pull feed reads back.
std::string ListEntryEventPayload(const ListEntry& e);

}  // namespace xinyong
