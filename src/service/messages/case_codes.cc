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

Status ReissueCaseCode(Transaction& tx, const FieldCipher& cipher, std::string_view kind,
                       std::string_view label, int64_t id, const std::string& contact,
                       std::string& token_hash, std::string_view now) {
  IssuedCode code = IssueCaseCode();
  token_hash = code.hash;
  const std::string ref = std::string(kind) + ":" + std::to_string(id);
  XY_RETURN_IF_ERROR(QueueMessage(tx, cipher, std::string(kind) + ".code", ref, contact,
                                  "【信用中国（地方）】您的" + std::string(label) + "（编号" +
                                      std::to_string(id) + "）的新查询码为 " + code.code +
                                      "，原查询码已作废。",
                                  now));
  XY_RETURN_IF_ERROR(tx.AppendCaseStep({std::string(kind), id, 0, std::string(now), "public",
                                        "code_resent",
                                        "查询码已重新发送至提交时留下的联系方式，原查询码作废"})
                         .status());
  return tx.AppendEvent({"public", std::string(kind) + ".code_resent", ref, "{}"}, now).status();
}

}  // namespace xinyong
