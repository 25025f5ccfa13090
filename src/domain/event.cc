#include "domain/event.h"

#include <string_view>

#include "core/crypto.h"

namespace xinyong {
namespace {

void Field(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += ';';
}

}  // namespace

std::string ComputeEventHash(const Event& e) {
  std::string canon;
  canon.reserve(128 + e.payload.size());
  Field(canon, "xinyong-event-v1");
  Field(canon, std::to_string(e.seq));
  Field(canon, e.at);
  Field(canon, e.actor);
  Field(canon, e.type);
  Field(canon, e.entity);
  Field(canon, e.payload);
  Field(canon, e.prev_hash);
  return Sha256Hex(canon);
}

Event SealEvent(const EventDraft& draft, const EventHead& head, std::string at) {
  Event e;
  e.seq = head.seq + 1;
  e.at = std::move(at);
  e.actor = draft.actor;
  e.type = draft.type;
  e.entity = draft.entity;
  e.payload = draft.payload;
  e.prev_hash = head.hash;
  e.hash = ComputeEventHash(e);
  return e;
}

bool ChainVerifier::Fail(int64_t seq, std::string reason) {
  if (!fault_seq_) {
    fault_seq_ = seq;
    reason_ = std::move(reason);
  }
  return false;
}

bool ChainVerifier::Add(const Event& e) {
  if (fault_seq_) return false;
  const int64_t expected = last_.seq + 1;
  if (e.seq > expected) {
    return Fail(expected, "event " + std::to_string(expected) +
                              " is missing (removed): the next event found is " +
                              std::to_string(e.seq));
  }
  if (e.seq < expected) {
    return Fail(e.seq, "event " + std::to_string(e.seq) + " appears out of order (inserted)");
  }
  if (e.prev_hash != last_.hash) {
    return Fail(e.seq, "event " + std::to_string(e.seq) + " does not link to event " +
                           std::to_string(last_.seq) +
                           " (an event was inserted or removed before it, or its link altered)");
  }
  if (ComputeEventHash(e) != e.hash) {
    return Fail(e.seq, "event " + std::to_string(e.seq) +
                           " was altered: its content does not match its hash");
  }
  last_ = {e.seq, e.hash};
  ++count_;
  return true;
}

bool ChainVerifier::Finish(const EventHead& recorded) {
  if (fault_seq_) return false;
  if (recorded.seq > last_.seq) {
    return Fail(last_.seq + 1, "event " + std::to_string(last_.seq + 1) +
                                   " is missing (removed): the log head records " +
                                   std::to_string(recorded.seq) + " events");
  }
  if (recorded.seq < last_.seq) {
    return Fail(recorded.seq + 1, "event " + std::to_string(recorded.seq + 1) +
                                      " was inserted after the recorded head of the log");
  }
  if (recorded.hash != last_.hash) {
    return Fail(last_.seq, "the recorded head hash does not match event " +
                               std::to_string(last_.seq));
  }
  return true;
}

}  // namespace xinyong
