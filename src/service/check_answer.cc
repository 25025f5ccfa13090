#include "service/check_answer.h"

#include <charconv>

#include "service/evaluation/evaluation_service.h"
#include "service/list_service.h"
#include "service/measures/basis_book.h"

namespace xinyong {
namespace {

void AppendBool(std::string& out, bool b) { out += b ? "true" : "false"; }

void AppendTriggers(std::string& out, const std::vector<Trigger>& triggers) {
  out += '[';
  for (size_t j = 0; j < triggers.size(); ++j) {
    const Trigger& t = triggers[j];
    if (j) out += ',';
    out += "{\"description\":";
    AppendJsonString(out, t.description);
    out += ",\"disputed\":";
    AppendBool(out, t.disputed);
    out += ",\"id\":" + std::to_string(t.id) + ",\"kind\":";
    AppendJsonString(out, t.kind);
    out += '}';
  }
  out += ']';
}

void AppendStrings(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(out, items[i]);
  }
  out += ']';
}

// A measure's members before objection_ids, which do not change from check to check:
// `{"basis":...,"name":"..."`.
std::string FixedMembers(const MeasureList& list, const Measure& m, const BasisBook* book) {
  const LegalBasis basis = book ? book->Of(m) : m.basis;
  std::string s = "{\"basis\":{\"article\":";
  AppendJsonString(s, basis.article);
  s += ",\"confirmed\":";
  AppendBool(s, basis.confirmed);
  s += ",\"document\":";
  AppendJsonString(s, basis.document);
  s += "},\"code\":";
  AppendJsonString(s, m.code);
  s += ",\"group\":" + std::to_string(m.group) + ",\"implementing_departments\":";
  AppendStrings(s, m.departments);
  s += ",\"kind\":";
  AppendJsonString(s, MeasureKindName(m.kind));
  s += ",\"mandatory\":";
  AppendBool(s, m.mandatory);
  std::vector<std::string> memoranda;
  for (const auto* memo : list.MemorandaOf(m.code)) memoranda.push_back(memo->number);
  s += ",\"memoranda\":";
  AppendStrings(s, memoranda);
  s += ",\"name\":";
  AppendJsonString(s, m.name);
  return s;
}

}  // namespace

AnswerWriter::AnswerWriter(const MeasureList& list, const BasisBook* book)
    : list_(list), book_(book) {
  CurrentFixed();
}

std::shared_ptr<const AnswerWriter::Fixed> AnswerWriter::CurrentFixed() const {
  const uint64_t version = book_ ? book_->version() : 0;
  std::shared_ptr<const Snapshot> snapshot = snapshot_.load(std::memory_order_acquire);
  if (!snapshot || snapshot->version != version) {
    auto fresh = std::make_shared<Snapshot>();
    fresh->version = version;
    fresh->fixed.reserve(list_.measures().size());
    for (const Measure& m : list_.measures()) {
      fresh->fixed.push_back(FixedMembers(list_, m, book_));
    }
    std::shared_ptr<const Snapshot> built = std::move(fresh);
    // Keep the newest: a slower builder of an older version must not replace a newer one.
    std::shared_ptr<const Snapshot> seen = snapshot_.load(std::memory_order_acquire);
    while ((!seen || seen->version < built->version) &&
           !snapshot_.compare_exchange_weak(seen, built, std::memory_order_acq_rel)) {
    }
    snapshot = std::move(built);
  }
  return std::shared_ptr<const Fixed>(snapshot, &snapshot->fixed);
}

void AnswerWriter::AppendEntry(std::string& out, const ListEntry& e, const std::string& today) {
  out += "{\"basis\":";
  AppendJsonString(out, e.basis);
  out += ",\"decision_document\":";
  AppendJsonString(out, std::string(ShownDocument(e.decision_document)));
  out += ",\"disputed\":";
  AppendBool(out, !e.disputed_since.empty());
  out += ",\"domain\":";
  AppendJsonString(out, e.domain);
  out += ",\"id\":" + std::to_string(e.id) + ",\"list_kind\":";
  AppendJsonString(out, e.list_kind);
  out += ",\"list_name\":";
  AppendJsonString(out, ListKindLabel(e.list_kind));
  out += ",\"status\":";
  AppendJsonString(out, EffectiveStatus(e, today));
  out += ",\"valid_from\":";
  AppendJsonString(out, e.valid_from);
  out += ",\"valid_until\":";
  if (e.valid_until.empty()) {
    out += "null";
  } else {
    AppendJsonString(out, e.valid_until);
  }
  out += '}';
}

void AnswerWriter::AppendMeasures(std::string& out,
                                  const std::vector<AppliedMeasure>& applied) const {
  const std::vector<Measure>& all = list_.measures();
  const std::shared_ptr<const Fixed> fixed = CurrentFixed();
  out += '[';
  for (size_t i = 0; i < applied.size(); ++i) {
    const AppliedMeasure& a = applied[i];
    if (i) out += ',';
    // The measures handed out by ApplicableMeasures point into list_.measures().
    const auto at = static_cast<size_t>(a.measure - all.data());
    if (a.measure >= all.data() && at < all.size()) {
      out += (*fixed)[at];
    } else {
      // Not from this list (never so in the service): serialised on the spot, the same way.
      out += FixedMembers(list_, *a.measure, book_);
    }
    out += ",\"note\":";
    AppendJsonString(out, a.note);
    out += ",\"objection_ids\":[";
    for (size_t j = 0; j < a.objection_ids.size(); ++j) {
      if (j) out += ',';
      out += std::to_string(a.objection_ids[j]);
    }
    out += "],\"suspended\":";
    AppendBool(out, a.suspended);
    out += ",\"triggers\":";
    AppendTriggers(out, a.triggers);
    if (!a.withheld_by.empty()) {
      out += ",\"withheld_by\":";
      AppendTriggers(out, a.withheld_by);
    }
    out += '}';
  }
  out += ']';
}

namespace {

// A ratio as nlohmann::json writes a double: the shortest text that reads back the same.
void AppendRatio(std::string& out, double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  std::string_view text(buf, ec == std::errc() ? end - buf : 0);
  out += text;
  if (text.find_first_of(".e") == std::string_view::npos) out += ".0";
}

void AppendGrade(std::string& out, const GradeSummary* g) {
  if (!g) {
    out += "null";
    return;
  }
  out += "{\"computed_at\":";
  AppendJsonString(out, g->computed_at);
  out += ",\"grade\":";
  AppendJsonString(out, g->grade);
  out += ",\"label\":";
  AppendJsonString(out, g->label);
  out += ",\"model\":";
  AppendJsonString(out, g->model);
  out += ",\"score\":" + ScoreText(g->score_tenths) + ",\"supervision\":";
  if (const Supervision* s = g->supervision) {
    out += "{\"green_channel\":";
    AppendBool(out, s->green_channel);
    out += ",\"inspection_ratio\":";
    AppendRatio(out, s->inspection_ratio);
    out += ",\"note\":";
    AppendJsonString(out, s->note);
    out += ",\"tolerance\":";
    AppendBool(out, s->tolerance);
    out += '}';
  } else {
    out += "null";
  }
  out += '}';
}

}  // namespace

std::string AnswerWriter::Write(const AnswerParts& p) const {
  std::string out;
  out.reserve(1024);
  out += "{\"as_responsible_person\":[";
  for (size_t i = 0; i < p.via.size(); ++i) {
    const AnswerVia& v = p.via[i];
    if (i) out += ',';
    out += "{\"list_entry\":";
    AppendEntry(out, *v.entry, p.today);
    out += ",\"measures\":";
    AppendMeasures(out, v.measures);
    out += ",\"organisation\":{\"identifiers\":";
    AppendStrings(out, v.organisation_identifiers);
    out += ",\"name\":";
    AppendJsonString(out, v.organisation_name);
    out += "},\"role\":";
    AppendJsonString(out, v.role);
    out += '}';
  }
  out += "],\"checked_at\":";
  AppendJsonString(out, p.checked_at);
  out += ",\"evaluation\":";
  AppendGrade(out, p.evaluation);
  out += ",\"lists\":[";
  for (size_t i = 0; i < p.lists.size(); ++i) {
    if (i) out += ',';
    AppendEntry(out, *p.lists[i], p.today);
  }
  out += "],\"measures\":";
  AppendMeasures(out, p.measures);
  out += ",\"scenario\":{\"code\":";
  AppendJsonString(out, p.scenario->code);
  out += ",\"name\":";
  AppendJsonString(out, p.scenario->name);
  out += "},\"subject\":{\"id\":" + std::to_string(p.subject_id) + ",\"identifiers\":[";
  for (size_t i = 0; i < p.identifiers.size(); ++i) {
    if (i) out += ',';
    out += "{\"kind\":";
    AppendJsonString(out, p.identifiers[i].first);
    out += ",\"value\":";
    AppendJsonString(out, p.identifiers[i].second);
    out += '}';
  }
  out += "],\"kind\":";
  AppendJsonString(out, p.subject_kind);
  out += ",\"name\":";
  AppendJsonString(out, p.subject_name);
  out += ",\"on_record\":";
  AppendBool(out, p.on_record);
  out += "},\"withheld\":";
  AppendMeasures(out, p.withheld);
  out += '}';
  return out;
}

}  // namespace xinyong
