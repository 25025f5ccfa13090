// The event log: every change is an event, appended in the transaction of the change, with a
// gap-free sequence and a SHA-256 hash chained to the previous event. It is the audit trail
// and the feed that derived views are rebuilt from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace xinyong {

struct EventDraft {
  std::string actor;    // Principal::actor, or "system"
  std::string type;     // e.g. "subject.created"
  std::string entity;   // what it is about, e.g. "subject:42"
  std::string payload;  // JSON text; stored and hashed byte for byte
};

struct Event {
  int64_t seq = 0;
  std::string at;  // RFC 3339 UTC
  std::string actor;
  std::string type;
  std::string entity;
  std::string payload;
  std::string prev_hash;
  std::string hash;
};

// The chain's state after the last event.
struct EventHead {
  int64_t seq = 0;
  std::string hash;
};

// The prev_hash of event 1.
inline constexpr const char* kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// SHA-256 over a length-prefixed encoding of every field but `hash`.
std::string ComputeEventHash(const Event& event);

// Builds the next event after `head`.
Event SealEvent(const EventDraft& draft, const EventHead& head, std::string at);

// Walks a chain in sequence order and reports the first event that does not fit.
// Not thread-safe; one per verification.
class ChainVerifier {
 public:
  // Feed events in ascending seq order. Returns false once a fault was found.
  bool Add(const Event& event);
  // Call after the last event with the head the store records; detects a removed tail.
  bool Finish(const EventHead& recorded_head);

  bool ok() const { return !fault_seq_.has_value(); }
  int64_t count() const { return count_; }
  // The sequence number of the first faulty event (the one altered, inserted, or the first
  // one missing) and what is wrong with it.
  std::optional<int64_t> fault_seq() const { return fault_seq_; }
  const std::string& reason() const { return reason_; }

 private:
  bool Fail(int64_t seq, std::string reason);
  EventHead last_{0, kGenesisHash};
  int64_t count_ = 0;
  std::optional<int64_t> fault_seq_;
  std::string reason_;
};

}  // namespace xinyong
