#include "service/measures/basis_service.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/text.h"
#include "rules/measures.h"
#include "service/account_service.h"
#include "service/measures/basis_book.h"
#include "store/store.h"

namespace xinyong {

Result<BasisConfirmation> MeasureBasisService::Confirm(const Principal& p, const std::string& code,
                                                       const BasisConfirmationRequest& req) {
  XY_RETURN_IF_ERROR(RequireRole(p, {Role::kAdmin}));
  const Measure* m = measures_.Find(code);
  if (!m) return NotFound("measure: 措施清单中没有编号为" + code + "的措施");
  BasisConfirmation c;
  c.measure_code = m->code;
  c.document = NormaliseText(req.document);
  if (c.document.empty()) c.document = m->basis.document;
  c.article = NormaliseText(req.article);
  c.source = NormaliseText(req.source);
  c.note = NormaliseText(req.note);
  if (NormaliseName(c.source).empty()) {
    return InvalidArgument("source: 请写明核对依据所用的正式文本（发布机关、出处或网址）");
  }
  XY_RETURN_IF_ERROR(CheckChars("document", c.document, kDocumentChars * 4));
  XY_RETURN_IF_ERROR(CheckChars("article", c.article, kDocumentChars));
  XY_RETURN_IF_ERROR(CheckChars("source", c.source, kNoteChars));
  XY_RETURN_IF_ERROR(CheckChars("note", c.note, kNoteChars));
  c.confirmed_by = p.actor;
  c.confirmed_at = ctx_.clock.NowTimestamp();
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  XY_ASSIGN_OR_RETURN(c.id, tx->InsertBasisConfirmation(c));
  const nlohmann::json payload = {{"code", c.measure_code},
                                  {"document", c.document},
                                  {"article", c.article},
                                  {"source", c.source},
                                  {"note", c.note},
                                  {"policy_document", m->basis.document},
                                  {"policy_article", m->basis.article},
                                  {"policy_confirmed", m->basis.confirmed}};
  XY_RETURN_IF_ERROR(tx->AppendEvent({p.actor, "measure.basis_confirmed", "measure:" + c.measure_code,
                                      payload.dump()},
                                     c.confirmed_at)
                         .status());
  XY_RETURN_IF_ERROR(tx->Commit());
  book_.Apply(c);
  return c;
}

Status MeasureBasisService::Follow() {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto found, tx->ListBasisConfirmations(book_.last_id()));
  for (const auto& c : found) book_.Apply(c);
  return Status::Ok();
}

}  // namespace xinyong
