// Messages to the public filers of objections and repairs (a 查询码 sent again to the contact
// they gave), queued with the change that causes them and sent by the office's SMS or e-mail
// gateway (service/messages). Addressee and text are sealed at rest: they hold a contact and
// a code.
#pragma once

#include <cstdint>
#include <string>

namespace xinyong {

struct OutboundMessage {
  int64_t id = 0;
  std::string purpose;      // e.g. "objection.code", "repair.code"
  std::string ref;          // e.g. "objection:12"
  std::string channel;      // "sms" or "email"
  std::string to_sealed;    // FieldCipher
  std::string text_sealed;  // FieldCipher
  std::string created_at;
  std::string next_at;      // not sent before this timestamp
  int64_t attempts = 0;
  std::string sent_at;      // "" while waiting
  std::string last_error;   // the gateway's answer to the last failed attempt
};

}  // namespace xinyong
