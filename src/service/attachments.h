// Files a member of the public attaches to a filing (an objection, a tip): each named, in
// Base64, within the caps. Shared so that every filing refuses the same way.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "rules/tips_policy.h"

namespace xinyong {

struct AttachmentInput {
  std::string name;
  std::string content_base64;
};

struct CheckedAttachment {
  std::string name;  // normalised
  std::string bytes;
  std::string sha256;
};

// The files decoded, or invalid_argument naming the attachment ("attachments[2].name: …"):
// more than `caps.max_files`, a missing or over-long name, content that is not Base64, empty,
// or over `caps.max_file_bytes`.
Result<std::vector<CheckedAttachment>> CheckAttachments(const std::vector<AttachmentInput>& files,
                                                        const AttachmentCaps& caps);

}  // namespace xinyong
