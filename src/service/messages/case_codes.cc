#include "service/messages/case_codes.h"

#include <algorithm>
#include <cctype>

#include "core/crypto.h"
#include "store/store.h"

namespace xinyong {

IssuedCode IssueCaseCode() {
  IssuedCode out;
  out.code = RandomCaseCode();
  out.hash = Sha256Hex(NormaliseCaseCode(out.code));
  return out;
}

bool CaseCodeMatches(std::string_view typed, std::string_view stored_hash) {
  const std::string normalised = NormaliseCaseCode(typed);
  if (normalised.empty() || stored_hash.empty()) return false;
  return Sha256Hex(normalised) == stored_hash;
}

namespace {

std::string ContactKey(std::string_view c) {
  std::string out;
  for (char ch : c) {
    if (ch == ' ' || ch == '-' || ch == '(' || ch == ')') continue;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
  }
  if (out.find('@') != std::string::npos) return out;
  if (out.rfind("+86", 0) == 0) out.erase(0, 3);
  if (out.rfind("86", 0) == 0 && out.size() == 13) out.erase(0, 2);
  return out;
}

}  // namespace

bool SameContact(std::string_view a, std::string_view b) {
  const std::string ka = ContactKey(a);
  return !ka.empty() && ka == ContactKey(b);
}

Status QueueMessage(Transaction& tx, const FieldCipher& cipher, std::string_view purpose,
                    std::string_view ref, std::string_view contact, std::string_view text,
                    std::string_view now) {
  OutboundMessage m;
  m.purpose = purpose;
  m.ref = ref;
  m.channel = contact.find('@') != std::string_view::npos ? "email" : "sms";
  m.to_sealed = cipher.Encrypt(contact);
  m.text_sealed = cipher.Encrypt(text);
  m.created_at = m.next_at = now;
  return tx.InsertMessage(m).status();
}

}  // namespace xinyong
