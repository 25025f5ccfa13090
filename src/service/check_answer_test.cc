#include "service/check_answer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "rules/measures.h"
#include "service/evaluation/evaluation_service.h"
#include "service/list_service.h"

namespace xinyong {
namespace {

using Json = nlohmann::json;

// The answer as a tree of nlohmann::json values, dumped: the writer must give it byte for byte
// (key order, escaping), so that any JSON library can rebuild the hashed text.
Json ReferenceEntry(const ListEntry& e, const std::string& today) {
  return {{"id", e.id},
          {"list_kind", e.list_kind},
          {"list_name", std::string(ListKindLabel(e.list_kind))},
          {"domain", e.domain},
          {"status", EffectiveStatus(e, today)},
          {"basis", e.basis},
          {"decision_document", std::string(ShownDocument(e.decision_document))},
          {"valid_from", e.valid_from},
          {"valid_until", e.valid_until.empty() ? Json(nullptr) : Json(e.valid_until)},
          {"disputed", !e.disputed_since.empty()}};
}

Json ReferenceTriggers(const std::vector<Trigger>& ts) {
  Json triggers = Json::array();
  for (const auto& t : ts) {
    triggers.push_back(
        {{"kind", t.kind}, {"id", t.id}, {"description", t.description}, {"disputed", t.disputed}});
  }
  return triggers;
}

Json ReferenceMeasures(const MeasureList& list, const std::vector<AppliedMeasure>& applied) {
  Json out = Json::array();
  for (const auto& a : applied) {
    const Measure& m = *a.measure;
    Json triggers = ReferenceTriggers(a.triggers);
    Json memoranda = Json::array();
    for (const auto* memo : list.MemorandaOf(m.code)) memoranda.push_back(memo->number);
    out.push_back({{"code", m.code},
                   {"name", m.name},
                   {"kind", std::string(MeasureKindName(m.kind))},
                   {"group", m.group},
                   {"mandatory", m.mandatory},
                   {"basis",
                    {{"document", m.basis.document},
                     {"article", m.basis.article},
                     {"confirmed", m.basis.confirmed}}},
                   {"implementing_departments", m.departments},
                   {"triggers", triggers},
                   {"suspended", a.suspended},
                   {"objection_ids", a.objection_ids},
                   {"memoranda", memoranda},
                   {"note", a.note}});
    if (!a.withheld_by.empty()) out.back()["withheld_by"] = ReferenceTriggers(a.withheld_by);
  }
  return out;
}

std::string Reference(const MeasureList& list, const AnswerParts& p) {
  Json lists = Json::array();
  for (const ListEntry* e : p.lists) lists.push_back(ReferenceEntry(*e, p.today));
  Json via = Json::array();
  for (const AnswerVia& v : p.via) {
    Json ids = Json::array();
    for (const auto& i : v.organisation_identifiers) ids.push_back(i);
    via.push_back({{"organisation", {{"name", v.organisation_name}, {"identifiers", ids}}},
                   {"role", v.role},
                   {"list_entry", ReferenceEntry(*v.entry, p.today)},
                   {"measures", ReferenceMeasures(list, v.measures)}});
  }
  Json ids = Json::array();
  for (const auto& [kind, value] : p.identifiers) {
    ids.push_back({{"kind", std::string(kind)}, {"value", value}});
  }
  Json evaluation = nullptr;
  if (const GradeSummary* g = p.evaluation) {
    Json supervision = nullptr;
    if (const Supervision* s = g->supervision) {
      supervision = {{"inspection_ratio", s->inspection_ratio},
                     {"green_channel", s->green_channel},
                     {"tolerance", s->tolerance},
                     {"note", s->note}};
    }
    evaluation = {{"grade", g->grade},
                  {"label", g->label},
                  {"score", static_cast<double>(g->score_tenths) / 10.0},
                  {"model", g->model},
                  {"computed_at", g->computed_at},
                  {"supervision", supervision}};
  }
  Json answer = {{"checked_at", p.checked_at},
                 {"evaluation", evaluation},
                 {"scenario", {{"code", p.scenario->code}, {"name", p.scenario->name}}},
                 {"subject",
                  {{"id", p.subject_id},
                   {"kind", std::string(p.subject_kind)},
                   {"name", p.subject_name},
                   {"identifiers", ids},
                   {"on_record", p.on_record}}},
                 {"lists", lists},
                 {"measures", ReferenceMeasures(list, p.measures)},
                 {"withheld", ReferenceMeasures(list, p.withheld)},
                 {"as_responsible_person", via}};
  return answer.dump();
}

class AnswerWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto m = MeasureList::LoadDir(XY_SOURCE_DIR "/policy/measures");
    ASSERT_TRUE(m.ok()) << m.status().message();
    list_ = std::move(*m);
    ASSERT_FALSE(list_.measures().empty());
    ASSERT_FALSE(list_.scenarios().empty());
  }

  // Strings a writer could get wrong: quotes, backslashes, control characters, Chinese,
  // characters outside the BMP, the empty string.
  std::string Text(std::mt19937& rng) {
    static const std::vector<std::string> kParts = {"",
                                                    "严重失信主体名单（市场监管）",
                                                    "\"quoted\"",
                                                    "back\\slash",
                                                    "line\nbreak",
                                                    "tab\there",
                                                    std::string("nul\0byte", 8),
                                                    "\x1f",
                                                    "宁市监罚〔2026〕1号",
                                                    "𠮷野家",
                                                    "/slash",
                                                    "plain"};
    std::string s;
    const int n = static_cast<int>(rng() % 3);
    for (int i = 0; i < n; ++i) s += kParts[rng() % kParts.size()];
    return s;
  }

  ListEntry Entry(std::mt19937& rng, int64_t id) {
    static const std::vector<std::string> kKinds = {"red", "serious", "key_attention", "other"};
    static const std::vector<std::string> kStatus = {"decided", "exited", "noticed"};
    ListEntry e;
    e.id = id;
    e.subject_id = id + 100;
    e.list_kind = kKinds[rng() % kKinds.size()];
    e.domain = Text(rng);
    e.status = kStatus[rng() % kStatus.size()];
    e.basis = Text(rng);
    e.decision_document = Text(rng);
    e.valid_from = rng() % 2 ? "2025-01-01" : "2026-06-01";
    e.valid_until = rng() % 2 ? "" : (rng() % 2 ? "2026-03-01" : "2028-12-31");
    e.disputed_since = rng() % 2 ? "" : "2026-02-01T08:00:00Z";
    return e;
  }

  std::vector<AppliedMeasure> Measures(std::mt19937& rng) {
    std::vector<AppliedMeasure> out(rng() % 4);
    for (auto& a : out) {
      a.measure = &list_.measures()[rng() % list_.measures().size()];
      a.suspended = rng() % 2;
      for (size_t i = rng() % 3; i > 0; --i) a.objection_ids.push_back(rng() % 1000);
      for (size_t i = rng() % 3; i > 0; --i) {
        a.triggers.push_back({rng() % 2 ? "record" : "list_entry",
                              static_cast<int64_t>(rng() % 100000), Text(rng), rng() % 2 == 0, 0});
      }
      a.note = Text(rng);
      for (size_t i = rng() % 2; i > 0; --i) {
        a.withheld_by.push_back({"record", static_cast<int64_t>(rng() % 100), Text(rng), false, 0});
      }
    }
    return out;
  }

  MeasureList list_;
};

TEST_F(AnswerWriterTest, WritesWhatTheJsonTreeDumped) {
  AnswerWriter writer(list_);
  std::mt19937 rng(7);
  for (int round = 0; round < 500; ++round) {
    std::vector<ListEntry> entries;
    for (int i = static_cast<int>(rng() % 3); i > 0; --i)
      entries.push_back(Entry(rng, round * 10 + i));
    std::vector<ListEntry> org_entries;
    const int orgs = static_cast<int>(rng() % 3);
    for (int i = 0; i < orgs; ++i) org_entries.push_back(Entry(rng, 90000 + i));

    AnswerParts p;
    p.checked_at = "2026-03-02T02:00:00.123Z";
    p.scenario = &list_.scenarios()[rng() % list_.scenarios().size()];
    p.subject_id = round;
    p.subject_kind = rng() % 2 ? "legal_person" : "natural_person";
    p.subject_name = Text(rng);
    for (int i = static_cast<int>(rng() % 3); i > 0; --i) {
      p.identifiers.emplace_back(rng() % 2 ? "uscc" : "citizen_id", Text(rng));
    }
    for (const auto& e : entries) p.lists.push_back(&e);
    p.today = "2026-03-02";
    p.measures = Measures(rng);
    p.withheld = Measures(rng);
    p.on_record = rng() % 4 != 0;
    static const double kRatios[] = {0.02, 0.05, 0.1, 0.3, 0.125, 1.0, 0};
    const Supervision supervision{kRatios[rng() % 7], rng() % 2 == 0, rng() % 2 == 0, Text(rng)};
    const GradeSummary grade{Text(rng), Text(rng), static_cast<int64_t>(rng() % 10001),
                             "2026.1+" + Text(rng), "2026-03-02T01:00:00.000Z",
                             rng() % 3 ? &supervision : nullptr};
    if (rng() % 3) p.evaluation = &grade;
    for (const auto& e : org_entries) {
      AnswerVia v;
      v.organisation_name = Text(rng);
      for (int i = static_cast<int>(rng() % 3); i > 0; --i) {
        v.organisation_identifiers.push_back(Text(rng));
      }
      v.role = Text(rng);
      v.entry = &e;
      v.measures = Measures(rng);
      p.via.push_back(std::move(v));
    }
    const std::string written = writer.Write(p);
    ASSERT_EQ(written, Reference(list_, p)) << "round " << round;
    EXPECT_TRUE(Json::accept(written)) << "round " << round;
  }
}

TEST_F(AnswerWriterTest, EveryMeasureOfThePolicyAsTheTreeDumpedIt) {
  AnswerWriter writer(list_);
  std::vector<AppliedMeasure> all;
  for (const Measure& m : list_.measures()) {
    AppliedMeasure a;
    a.measure = &m;
    a.triggers.push_back({"record", 1, "行政处罚 宁市监罚〔2026〕1号", false, 0});
    all.push_back(std::move(a));
  }
  std::string written;
  writer.AppendMeasures(written, all);
  EXPECT_EQ(written, ReferenceMeasures(list_, all).dump());
}

TEST_F(AnswerWriterTest, AMeasureFromAnotherListIsWrittenTheSameWay) {
  AnswerWriter writer(list_);
  Measure other = list_.measures().front();
  other.name = "不在清单中的措施 \"x\"";
  AppliedMeasure a;
  a.measure = &other;
  std::string written;
  writer.AppendMeasures(written, {a});
  EXPECT_EQ(written, ReferenceMeasures(list_, {a}).dump());
}

TEST(AppendJsonStringTest, RefusesInvalidUtf8AsDumpDoes) {
  std::string out;
  EXPECT_THROW(AppendJsonString(out, "\xff\xfe"), nlohmann::json::type_error);
  AppendJsonString(out, "a\"b");
  EXPECT_EQ(out, "\"a\\\"b\"");
}

}  // namespace
}  // namespace xinyong
