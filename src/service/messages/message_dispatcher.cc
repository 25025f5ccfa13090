#include "service/messages/message_dispatcher.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/crypto.h"
#include "store/store.h"

namespace xinyong {

Result<int> MessageDispatcher::RunOnce() {
  if (gateway_.url.empty()) return 0;
  std::vector<OutboundMessage> due;
  {
    XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
    XY_ASSIGN_OR_RETURN(due, tx->DueMessages(ctx_.clock.NowTimestamp(), 20));
  }
  int sent = 0;
  for (OutboundMessage& m : due) {
    XY_ASSIGN_OR_RETURN(std::string to, ctx_.cipher.Decrypt(m.to_sealed));
    XY_ASSIGN_OR_RETURN(std::string text, ctx_.cipher.Decrypt(m.text_sealed));
    const nlohmann::json body = {{"id", m.id},       {"channel", m.channel}, {"to", to},
                                 {"text", text},     {"purpose", m.purpose}};
    const Status delivered =
        transport_.Post(SignedPost(gateway_.url, body.dump(), "message-" + std::to_string(m.id),
                                   gateway_.secret, ctx_.clock.NowMillis() / 1000));
    m.attempts += 1;
    if (delivered.ok()) {
      m.sent_at = ctx_.clock.NowTimestamp();
      m.last_error.clear();
      ++sent;
    } else {
      // 30 s, 1 min, 2 min … up to the cap.
      const auto wait = std::min<int64_t>(gateway_.retry_max.count(),
                                          gateway_.retry_base.count()
                                              << std::min<int64_t>(m.attempts - 1, 20));
      m.next_at = FormatTimestamp(ctx_.clock.NowMillis() + wait * 1000);
      m.last_error = delivered.message();
    }
    XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
    XY_RETURN_IF_ERROR(tx->UpdateMessage(m));
    XY_RETURN_IF_ERROR(tx->Commit());
  }
  return sent;
}

}  // namespace xinyong
