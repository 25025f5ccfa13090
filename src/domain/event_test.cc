#include "domain/event.h"

#include <gtest/gtest.h>

#include <vector>

#include "domain/list_entry.h"

namespace xinyong {
namespace {

std::vector<Event> Chain(int n) {
  std::vector<Event> out;
  EventHead head{0, kGenesisHash};
  for (int i = 0; i < n; ++i) {
    Event e = SealEvent({"user:admin", "subject.created", "subject:" + std::to_string(i),
                         "{\"n\":" + std::to_string(i) + "}"},
                        head, "2026-11-27T00:00:0" + std::to_string(i % 10) + ".000Z");
    head = {e.seq, e.hash};
    out.push_back(e);
  }
  return out;
}

EventHead HeadOf(const std::vector<Event>& v) { return {v.back().seq, v.back().hash}; }

std::optional<int64_t> Verify(const std::vector<Event>& events, const EventHead& head) {
  ChainVerifier v;
  for (const auto& e : events) {
    if (!v.Add(e)) break;
  }
  v.Finish(head);
  return v.fault_seq();
}

TEST(EventChainTest, CleanChainVerifies) {
  auto c = Chain(5);
  ChainVerifier v;
  for (const auto& e : c) ASSERT_TRUE(v.Add(e));
  EXPECT_TRUE(v.Finish(HeadOf(c)));
  EXPECT_EQ(v.count(), 5);
}

TEST(EventChainTest, AlteredPayloadIsNamed) {
  auto c = Chain(5);
  auto head = HeadOf(c);
  c[2].payload = "{\"n\":99}";
  EXPECT_EQ(Verify(c, head), 3);
}

TEST(EventChainTest, RemovedEventIsNamed) {
  auto c = Chain(5);
  auto head = HeadOf(c);
  c.erase(c.begin() + 1);
  EXPECT_EQ(Verify(c, head), 2);
}

TEST(EventChainTest, RemovedTailIsNamed) {
  auto c = Chain(5);
  auto head = HeadOf(c);
  c.pop_back();
  EXPECT_EQ(Verify(c, head), 5);
}

TEST(EventChainTest, InsertedAndRenumberedEventIsNamed) {
  auto c = Chain(4);
  Event forged = c[1];
  forged.payload = "{\"forged\":true}";
  forged.hash = ComputeEventHash(forged);  // a forger can recompute one hash...
  c.insert(c.begin() + 2, forged);
  for (size_t i = 2; i < c.size(); ++i) c[i].seq = static_cast<int64_t>(i) + 1;
  // ...but the renumbered event 3 no longer links to what precedes it.
  EXPECT_EQ(Verify(c, {5, c.back().hash}), 3);
}

}  // namespace
TEST(CheckRecordTest, TheMeasuresAnAnswerNamedAreTheOnesReportedOn) {
  CheckRecord c;
  EXPECT_TRUE(NamedMeasures(c).empty());
  EXPECT_FALSE(NamesMeasure(c, "P1-01")) << "an answer that named nothing takes no feedback";
  AddNamedMeasure(c, "P1-01");
  AddNamedMeasure(c, "P2-09");
  AddNamedMeasure(c, "P1-01");
  EXPECT_EQ(c.measure_codes, "P1-01,P2-09");
  EXPECT_EQ(NamedMeasures(c), (std::vector<std::string>{"P1-01", "P2-09"}));
  EXPECT_TRUE(NamesMeasure(c, "P2-09"));
  EXPECT_FALSE(NamesMeasure(c, "P2-0"));
  c.measure_codes = "*";  // recorded before the codes were kept
  EXPECT_TRUE(NamesMeasure(c, "I1-03"));
  EXPECT_TRUE(NamedMeasures(c).empty());
}

}  // namespace xinyong
