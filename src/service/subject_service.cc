#include "service/subject_service.h"

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/divisions.h"
#include "core/ids.h"
#include "core/text.h"
#include "store/store.h"

namespace xinyong {
namespace {

constexpr size_t kMaxNameBytes = 300;

struct Prepared {
  SubjectKind kind;
  std::string name;
  std::string region;
  std::vector<StoredIdentifier> identifiers;
};

// The field a person reads: "identifiers[1]" (rule codes such as check_character stay out of
// messages; the id check answer carries them for programs).
std::string Field(size_t index, const std::string&) {
  return "identifiers[" + std::to_string(index) + "]";
}

// `seal` false: only what a lookup needs (no encrypted copy of a person's number).
Result<Prepared> Prepare(const ServiceContext& ctx, const SubjectInput& in, size_t row,
                         bool seal = true) {
  const std::string where = row == SIZE_MAX ? "" : "row " + std::to_string(row + 1) + ": ";
  Prepared p;
  p.name = NormaliseName(in.name);
  if (p.name.empty()) return InvalidArgument(where + "name: 名称不能为空");
  if (!IsValidUtf8(p.name)) return InvalidArgument(where + "name: 名称不是有效的UTF-8文本");
  if (p.name.size() > kMaxNameBytes) {
    return InvalidArgument(where + "name: 名称过长（最多" + std::to_string(kMaxNameBytes) +
                           "字节）");
  }
  if (in.identifiers.empty()) {
    return InvalidArgument(where + "identifiers: 至少需要一个证件号码或统一社会信用代码");
  }
  const Date today = ctx.clock.Today();
  std::string uscc, citizen;
  std::set<std::pair<IdKind, std::string>> seen;
  for (size_t i = 0; i < in.identifiers.size(); ++i) {
    IdCheck c = CheckAnyId(in.identifiers[i], ctx.divisions, today);
    if (!c.valid()) {
      return InvalidArgument(where + Field(i, c.error->rule) + ": " + c.error->message);
    }
    if (!seen.insert({*c.kind, c.normalised}).second) continue;
    StoredIdentifier s;
    s.kind = *c.kind;
    if (*c.kind == IdKind::kCitizenId) {
      if (!citizen.empty()) {
        return InvalidArgument(where + Field(i, "citizen_id") + ": 一个自然人只能有一个身份证号码");
      }
      citizen = c.normalised;
      s.lookup = ctx.cipher.LookupHash(c.normalised);
      if (seal) s.sealed = ctx.cipher.Encrypt(c.normalised);
      s.display = MaskIdNumber(c.normalised);
      if (p.region.empty()) p.region = c.division;
    } else {
      if (*c.kind == IdKind::kUscc) {
        if (!uscc.empty()) {
          return InvalidArgument(where + Field(i, "uscc") + ": 一个主体只能有一个统一社会信用代码");
        }
        uscc = c.normalised;
        if (p.region.empty()) p.region = c.division;
      }
      s.lookup = s.display = c.normalised;
    }
    p.identifiers.push_back(std::move(s));
  }
  if (!citizen.empty() && (!uscc.empty() || p.identifiers.size() > 1)) {
    return InvalidArgument(where + "identifiers: 自然人只能使用身份证号码，不能与机构代码混用");
  }
  if (in.kind) {
    p.kind = *in.kind;
    if ((p.kind == SubjectKind::kNaturalPerson) != !citizen.empty()) {
      return InvalidArgument(where + "kind: " +
                             (citizen.empty() ? std::string("自然人须提供身份证号码")
                                              : std::string("身份证号码只能用于自然人")));
    }
  } else if (!citizen.empty()) {
    p.kind = SubjectKind::kNaturalPerson;
  } else if (!uscc.empty()) {
    p.kind = KindFromUscc(uscc);
  } else {
    p.kind = SubjectKind::kLegalPerson;
  }
  if (!in.region.empty()) {
    if (!ctx.divisions.IsKnown(in.region)) {
      return InvalidArgument(where + "region: 行政区划代码" + in.region + "不存在");
    }
    p.region = in.region;
  }
  if (p.region.empty()) {
    return InvalidArgument(where + "region: 无法从证照号码推断所属行政区划，请填写region");
  }
  return p;
}

std::string SubjectEntity(int64_t id) { return "subject:" + std::to_string(id); }

Result<RegisterOutcome> Apply(Transaction& tx, const Principal& actor, const Prepared& p,
                              const std::string& now) {
  std::set<int64_t> owners;
  std::vector<const StoredIdentifier*> missing;
  for (const auto& ident : p.identifiers) {
    XY_ASSIGN_OR_RETURN(auto owner, tx.FindSubjectId(ident.kind, ident.lookup));
    if (owner) {
      owners.insert(*owner);
    } else {
      missing.push_back(&ident);
    }
  }
  if (owners.size() > 1) {
    return Conflict("identifiers: 这些号码分属不同的主体（" + SubjectEntity(*owners.begin()) +
                    "、" + SubjectEntity(*owners.rbegin()) + "），请核实");
  }
  RegisterOutcome out;
  int64_t id = 0;
  if (owners.empty()) {
    SubjectDraft d{p.kind, p.name, p.region, p.identifiers, now};
    XY_ASSIGN_OR_RETURN(id, tx.InsertSubject(d));
    nlohmann::json payload = {{"kind", SubjectKindName(p.kind)}, {"region", p.region}};
    // A natural person's name and number stay out of the log; the masked forms suffice.
    payload["name"] = p.kind == SubjectKind::kNaturalPerson ? MaskPersonName(p.name) : p.name;
    nlohmann::json ids = nlohmann::json::array();
    for (const auto& i : p.identifiers)
      ids.push_back({{"kind", IdKindName(i.kind)}, {"value", i.display}});
    payload["identifiers"] = ids;
    XY_RETURN_IF_ERROR(
        tx.AppendEvent({actor.actor, "subject.created", SubjectEntity(id), payload.dump()}, now)
            .status());
    out.created = true;
  } else {
    id = *owners.begin();
    XY_ASSIGN_OR_RETURN(Subject existing, tx.GetSubject(id));
    if (existing.kind != p.kind && p.kind == SubjectKind::kNaturalPerson) {
      return Conflict("kind: 号码已登记为" + std::string(SubjectKindLabel(existing.kind)));
    }
    for (const auto* ident : missing) {
      XY_RETURN_IF_ERROR(tx.AddIdentifier(id, *ident));
      nlohmann::json payload = {{"kind", IdKindName(ident->kind)}, {"value", ident->display}};
      XY_RETURN_IF_ERROR(
          tx.AppendEvent(
                {actor.actor, "subject.identifier_added", SubjectEntity(id), payload.dump()}, now)
              .status());
      ++out.identifiers_added;
    }
    // A department's record or an operator's request names the subject as it saw it; the
    // name itself changes only by the credit office (registration data comes through it).
    if (existing.name != p.name && actor.role != Role::kAdmin) {
      out.name_kept = true;
    } else if (existing.name != p.name) {
      XY_RETURN_IF_ERROR(tx.RenameSubject(id, p.name, now));
      const bool person = existing.kind == SubjectKind::kNaturalPerson;
      nlohmann::json payload = {{"from", person ? MaskPersonName(existing.name) : existing.name},
                                {"to", person ? MaskPersonName(p.name) : p.name}};
      XY_RETURN_IF_ERROR(
          tx.AppendEvent({actor.actor, "subject.renamed", SubjectEntity(id), payload.dump()}, now)
              .status());
      out.renamed = true;
    }
  }
  out.subject.id = id;
  return out;
}

SubjectView ToView(const ServiceContext& ctx, const Subject& s) {
  SubjectView v;
  const bool person = s.kind == SubjectKind::kNaturalPerson;
  v.id = s.id;
  v.kind = s.kind;
  v.name = person ? MaskPersonName(s.name) : s.name;
  v.region = s.region;
  v.region_name = ctx.divisions.FullName(s.region);
  for (const auto& i : s.identifiers) v.identifiers.push_back({i.kind, i.display});
  if (!person) v.names = s.names;
  v.created_at = s.created_at;
  v.updated_at = s.updated_at;
  return v;
}

}  // namespace

Result<std::vector<RegisterOutcome>> SubjectService::RegisterMany(
    const Principal& actor, const std::vector<SubjectInput>& inputs) {
  std::vector<Prepared> prepared;
  prepared.reserve(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    XY_ASSIGN_OR_RETURN(Prepared p, Prepare(ctx_, inputs[i], inputs.size() == 1 ? SIZE_MAX : i));
    prepared.push_back(std::move(p));
  }
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kWrite));
  const std::string now = ctx_.clock.NowTimestamp();
  std::vector<RegisterOutcome> out;
  out.reserve(prepared.size());
  for (const auto& p : prepared) {
    XY_ASSIGN_OR_RETURN(RegisterOutcome o, Apply(*tx, actor, p, now));
    out.push_back(std::move(o));
  }
  // Views are read inside the transaction so they show exactly what was written.
  for (auto& o : out) {
    XY_ASSIGN_OR_RETURN(Subject s, tx->GetSubject(o.subject.id));
    o.subject = ToView(ctx_, s);
  }
  XY_RETURN_IF_ERROR(tx->Commit());
  return out;
}

Result<RegisterOutcome> SubjectService::RegisterIn(Transaction& tx, const Principal& actor,
                                                   const SubjectInput& input,
                                                   const std::string& now) {
  XY_ASSIGN_OR_RETURN(Prepared p, Prepare(ctx_, input, SIZE_MAX));
  return Apply(tx, actor, p, now);
}

Result<std::vector<int64_t>> SubjectService::FindUnchangedIn(
    Transaction& tx, const std::vector<SubjectInput>& inputs) {
  std::vector<int64_t> out(inputs.size(), 0);
  std::vector<std::optional<Prepared>> prepared(inputs.size());
  std::map<IdKind, std::vector<std::string>> lookups;
  for (size_t i = 0; i < inputs.size(); ++i) {
    auto p = Prepare(ctx_, inputs[i], SIZE_MAX, /*seal=*/false);
    if (!p.ok()) continue;  // RegisterIn says what is wrong
    for (const auto& ident : p->identifiers) lookups[ident.kind].push_back(ident.lookup);
    prepared[i] = std::move(*p);
  }
  std::map<std::pair<IdKind, std::string>, int64_t> owner;
  for (const auto& [kind, list] : lookups) {
    XY_ASSIGN_OR_RETURN(auto found, tx.FindSubjectIds(kind, list));
    for (auto& [lookup, id] : found) owner[{kind, std::move(lookup)}] = id;
  }
  std::vector<int64_t> candidates(inputs.size(), 0);
  std::vector<int64_t> ids;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (!prepared[i]) continue;
    std::set<int64_t> owners;
    bool all_known = true;
    for (const auto& ident : prepared[i]->identifiers) {
      auto it = owner.find({ident.kind, ident.lookup});
      if (it == owner.end()) {
        all_known = false;
        break;
      }
      owners.insert(it->second);
    }
    if (!all_known || owners.size() != 1) continue;
    candidates[i] = *owners.begin();
    ids.push_back(candidates[i]);
  }
  XY_ASSIGN_OR_RETURN(auto heads, tx.SubjectHeads(ids));
  std::map<int64_t, SubjectHead> by_id;
  for (auto& h : heads) by_id[h.id] = std::move(h);
  for (size_t i = 0; i < inputs.size(); ++i) {
    auto it = by_id.find(candidates[i]);
    if (it == by_id.end()) continue;
    const Prepared& p = *prepared[i];
    // As Apply: a different name is a rename, a person's number on an organisation a conflict.
    if (it->second.name != p.name) continue;
    if (it->second.kind != p.kind && p.kind == SubjectKind::kNaturalPerson) continue;
    out[i] = it->first;
  }
  return out;
}

Result<RegisterOutcome> SubjectService::Register(const Principal& actor,
                                                 const SubjectInput& input) {
  XY_ASSIGN_OR_RETURN(auto many, RegisterMany(actor, {input}));
  return std::move(many.front());
}

Result<SubjectView> SubjectService::Lookup(std::string_view code) {
  XY_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(TxMode::kRead));
  return LookupIn(*tx, code);
}

namespace {

// The miss: the number as typed, an identity number masked.
Status NoSubjectNumbered(const IdCheck& c) {
  return NotFound("没有号码为" +
                  (*c.kind == IdKind::kCitizenId ? MaskIdNumber(c.normalised) : c.normalised) +
                  "的主体");
}

}  // namespace

Result<SubjectView> SubjectService::LookupAs(const Principal& p, std::string_view code) {
  XY_ASSIGN_OR_RETURN(SubjectView s, Lookup(code));
  const bool works_with_persons =
      p.role == Role::kAdmin || p.role == Role::kOperator || p.role == Role::kOfficer;
  if (s.kind == SubjectKind::kNaturalPerson && !works_with_persons &&
      !(p.role == Role::kSubject && p.subject_id == s.id)) {
    return NoSubjectNumbered(CheckAnyId(code, ctx_.divisions, ctx_.clock.Today()));
  }
  return s;
}

Result<SubjectView> SubjectService::LookupIn(Transaction& tx, std::string_view code,
                                             bool with_name_history) {
  IdCheck c = CheckAnyId(code, ctx_.divisions, ctx_.clock.Today());
  // The rule's code (check_character...) is for programs (the id check answer); people read
  // the message.
  if (!c.valid()) return InvalidArgument("code: 号码有误：" + c.error->message);
  const std::string lookup =
      *c.kind == IdKind::kCitizenId ? ctx_.cipher.LookupHash(c.normalised) : c.normalised;
  std::optional<Subject> s;
  if (with_name_history) {
    XY_ASSIGN_OR_RETURN(auto id, tx.FindSubjectId(*c.kind, lookup));
    if (id) {
      XY_ASSIGN_OR_RETURN(s, tx.GetSubject(*id));
    }
  } else {
    XY_ASSIGN_OR_RETURN(s, tx.FindSubjectCurrent(*c.kind, lookup));
  }
  if (!s) return NoSubjectNumbered(c);
  return ToView(ctx_, *s);
}

}  // namespace xinyong
