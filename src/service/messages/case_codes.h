// 查询码: what a member of the public who filed an objection or a repair application follows
// the case with. Short enough to read out (K7QM-3XRD); only its hash is kept; lost, it is sent
// again to the contact the filer gave, never shown to whoever asks.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace xinyong {

class FieldCipher;
class Transaction;

struct IssuedCode {
  std::string code;  // shown to the filer once, e.g. K7QM-3XRD
  std::string hash;  // what the case keeps
};
IssuedCode IssueCaseCode();

// Whether `typed` (in any case, with or without the dash or spaces; also a 32-hex code issued
// before) is the code whose hash is `stored_hash`.
bool CaseCodeMatches(std::string_view typed, std::string_view stored_hash);

// Whether two ways of writing a phone number or e-mail address name the same one: spaces,
// dashes and brackets and a +86/86 prefix do not count; e-mail in any case.
bool SameContact(std::string_view a, std::string_view b);

// A lost code replaced: a new code's hash into `token_hash`, the code queued to `contact`, a
// case step the filer sees (code_resent) and an event `<kind>.code_resent`, all in `tx`. `kind`
// is the case kind ("objection", "repair"), `label` how the message names it (异议). The
// caller stores the case with its new hash and commits.
Status ReissueCaseCode(Transaction& tx, const FieldCipher& cipher, std::string_view kind,
                       std::string_view label, int64_t id, const std::string& contact,
                       std::string& token_hash, std::string_view now);

// Queues `text` for `contact` (sms, or email when it has an @), sealed, due now.
Status QueueMessage(Transaction& tx, const FieldCipher& cipher, std::string_view purpose,
                    std::string_view ref, std::string_view contact, std::string_view text,
                    std::string_view now);

}  // namespace xinyong
