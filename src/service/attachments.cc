#include "service/attachments.h"

#include "core/crypto.h"
#include "core/text.h"

namespace xinyong {

Result<std::vector<CheckedAttachment>> CheckAttachments(const std::vector<AttachmentInput>& files,
                                                        const AttachmentCaps& caps) {
  if (files.size() > static_cast<size_t>(caps.max_files)) {
    return InvalidArgument("attachments: 至多" + std::to_string(caps.max_files) + "个附件");
  }
  const std::string mib = std::to_string(caps.max_file_bytes / (1024 * 1024));
  std::vector<CheckedAttachment> out;
  for (size_t i = 0; i < files.size(); ++i) {
    const std::string where = "attachments[" + std::to_string(i) + "]";
    const std::string name = NormaliseName(files[i].name);
    if (name.empty()) return InvalidArgument(where + ".name: 请填写附件名称");
    XY_RETURN_IF_ERROR(CheckChars(where + ".name", name, kNameChars));
    auto bytes = Base64Decode(files[i].content_base64);
    if (!bytes.ok()) return InvalidArgument(where + ".content_base64: 附件内容不是有效的 Base64");
    if (bytes->empty() || static_cast<int64_t>(bytes->size()) > caps.max_file_bytes) {
      return InvalidArgument(where + ".content_base64: 附件应在1字节到" + mib + " MiB之间");
    }
    out.push_back({name, *bytes, Sha256Hex(*bytes)});
  }
  return out;
}

}  // namespace xinyong
