#include "service/public_service.h"

#include "core/clock.h"
#include "domain/catalogue.h"
#include "service/subject_service.h"
#include "store/store.h"

namespace xinyong {

Result<RecordView> ViewOfRecord(Transaction& tx, const Catalogue& catalogue, Record r) {
  XY_ASSIGN_OR_RETURN(auto versions, tx.ListRecordVersions(r.id));
  RecordView v;
  const CatalogueItem* item = catalogue.Find(r.item_code);
  v.item_name = item ? item->name : r.item_code;
  v.fields = versions.empty() ? "{}" : versions.back().fields;
  v.record = std::move(r);
  return v;
}

Result<PublicSubject> PublicService::Subject(const std::string& code) {
  auto view = subjects_.Lookup(code);
  if (!view.ok() || view->kind == SubjectKind::kNaturalPerson) {
    return NotFound("subject: 没有统一社会信用代码为“" + code + "”的公示主体");
  }
  const std::string today = ctx_.clock.Today().ToString();
  PublicSubject out;
  out.id = view->id;
  out.name = view->name;
  out.kind = std::string(SubjectKindName(view->kind));
  out.region_name = view->region_name;
  for (const auto& i : view->identifiers) out.identifiers.push_back(i.value);
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto records, tx->ListRecordsOfSubject(view->id));
  for (auto& r : records) {
    if (!PubliclyVisible(r, today)) continue;
    XY_ASSIGN_OR_RETURN(RecordView view_of_record, ViewOfRecord(*tx, catalogue_, std::move(r)));
    out.records.push_back(std::move(view_of_record));
  }
  XY_ASSIGN_OR_RETURN(auto entries, tx->ListEntriesOfSubject(view->id));
  for (auto& e : entries) {
    if (PubliclyListed(e, today)) out.lists.push_back(std::move(e));
  }
  return out;
}

}  // namespace xinyong
