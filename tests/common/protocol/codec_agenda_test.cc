// The agenda messages: every request, reply and the outcome's agenda effect round-trips; each
// request refuses a wrong action or a missing field with INVALID_ARGUMENT naming it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/protocol/codec.h"

namespace duban::protocol {
namespace {

using ::testing::HasSubstr;

template <typename T>
void ExpectInvalid(const T& m, const std::string& part) {
  Result<T> r = Decode<T>(Encode(m));
  ASSERT_FALSE(r.ok()) << "accepted";
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << r.status().ToString();
  EXPECT_THAT(r.status().message(), HasSubstr(part));
}

TEST(CodecAgendaTest, OutcomeCarriesItsAgendaEffects) {
  Outcome o;
  o.expect_version = kAnyVersion;
  o.action = "placed_on_agenda";
  o.agenda = {{"place", "reply_overdue:2026-05-10", "逾期15日未答复", "", 1'780'000'000'000},
              {"progress_check", "", "no report", "B0001", 1'780'000'000'001}};
  Result<Outcome> back = Decode<Outcome>(Encode(o));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->agenda.size(), 2u);
  EXPECT_EQ(back->agenda[0].op, "place");
  EXPECT_EQ(back->agenda[0].key, "reply_overdue:2026-05-10");
  EXPECT_EQ(back->agenda[0].text, "逾期15日未答复");
  EXPECT_EQ(back->agenda[1].item, "B0001");
  EXPECT_EQ(back->agenda[1].next_check_ms, 1'780'000'000'001);
  EXPECT_NE(EncodeOutcomeEffects(o), "");
  EXPECT_EQ(EncodeOutcomeEffects(Outcome{}), "");
}

TEST(CodecAgendaTest, BadAgendaEffectsAreRefused) {
  Outcome o;
  o.expect_version = kAnyVersion;
  o.action = "x";
  o.agenda = {{"remove", "k", "", "", 1}};
  ExpectInvalid(o, "agenda op 'remove'");
  o.agenda = {{"place", "", "", "", 1}};
  ExpectInvalid(o, "agenda key is required");
  o.agenda = {{"place", "k", "", "", 0}};
  ExpectInvalid(o, "next_check_ms must be positive");
  o.agenda = {{"progress_check", "", "", "a:b", 1}};
  ExpectInvalid(o, "agenda item");
}

TEST(CodecAgendaTest, RequestsRoundTrip) {
  AgendaRequest a{"resolve", "", false, "B0001", "", "已解决", "wang"};
  Result<AgendaRequest> ab = Decode<AgendaRequest>(Encode(a));
  ASSERT_TRUE(ab.ok()) << ab.status().ToString();
  EXPECT_EQ(ab->id, "B0001");
  EXPECT_EQ(ab->note, "已解决");
  BundleRequest b{"create", "", "校园安全", "jyj", "张处长", {"S2026-00001", "S2026-00002"},
                  "wang"};
  Result<BundleRequest> bb = Decode<BundleRequest>(Encode(b));
  ASSERT_TRUE(bb.ok()) << bb.status().ToString();
  EXPECT_EQ(bb->codes.size(), 2u);
  EXPECT_EQ(bb->supervisor, "张处长");
  EXPECT_TRUE(Decode<MeetingRequest>(Encode(MeetingRequest{"add", "2026-06-10", "wang"})).ok());
  EXPECT_TRUE(Decode<HotRequest>(Encode(HotRequest{"mark", "S2026-00001", "急", "wang"})).ok());
  EXPECT_TRUE(Decode<AgendaRequest>(Encode(AgendaRequest{})).ok());  // show the next meeting
}

TEST(CodecAgendaTest, RequestsNameWhatIsWrong) {
  ExpectInvalid(MeetingRequest{"move", "2026-06-10", "wang"}, "action 'move' is not one of");
  ExpectInvalid(MeetingRequest{"add", "2026-6-10", "wang"}, "is not a date YYYY-MM-DD");
  ExpectInvalid(MeetingRequest{"add", "2026-06-10", ""}, "actor is required");
  ExpectInvalid(AgendaRequest{"show", "tomorrow", false, "", "", "", ""}, "meeting 'tomorrow'");
  ExpectInvalid(AgendaRequest{"lead", "", false, "S1", "", "", "wang"}, "director is required");
  ExpectInvalid(AgendaRequest{"resolve", "", false, "S1", "", "", "wang"}, "note is required");
  ExpectInvalid(AgendaRequest{"lead", "", false, "S{1}", "李", "", "wang"}, "must not contain");
  ExpectInvalid(HotRequest{"mark", "S1", "", "wang"}, "reason is required");
  ExpectInvalid(HotRequest{"unmark", "", "", "wang"}, "code is required");
  ExpectInvalid(BundleRequest{"create", "", "", "jyj", "张", {}, "wang"}, "topic is required");
  ExpectInvalid(BundleRequest{"add", "B0001", "", "", "", {}, "wang"}, "needs at least one code");
  ExpectInvalid(BundleRequest{"show", "", "", "", "", {}, ""}, "id is required");
}

TEST(CodecAgendaTest, RepliesRoundTrip) {
  AgendaItem it;
  it.id = "B0001";
  it.kind = "bundle";
  it.title = "校园安全";
  it.reasons = {{"S1/hot", "S1：热点难点", 5, "staff:wang"}};
  it.state = "OPEN";
  it.meetings = 2;
  it.members = {{"S1", "甲", "ASSIGNED", "jyj"}};
  Result<AgendaReply> ar = DecodeReply<AgendaReply>(EncodeReply(AgendaReply{"2026-06-10", {it}}));
  ASSERT_TRUE(ar.ok()) << ar.status().ToString();
  ASSERT_EQ(ar->items.size(), 1u);
  EXPECT_EQ(ar->items[0].reasons[0].by, "staff:wang");
  EXPECT_EQ(ar->items[0].members[0].lead_unit, "jyj");
  EXPECT_EQ(ar->items[0].meetings, 2);
  Result<MeetingReply> mr = DecodeReply<MeetingReply>(
      EncodeReply(MeetingReply{{{"2026-06-10", "config"}}, "2026-06-10"}));
  ASSERT_TRUE(mr.ok());
  EXPECT_EQ(mr->dates[0].source, "config");
  HotReply h{{{"S1", "甲", "急", "staff:wang", 7}}, {{"S2", "乙", {"co_signers: 12 ≥ 10"}}}, 40};
  Result<HotReply> hr = DecodeReply<HotReply>(EncodeReply(h));
  ASSERT_TRUE(hr.ok());
  EXPECT_EQ(hr->proposals[0].rules[0], "co_signers: 12 ≥ 10");
  EXPECT_EQ(hr->scanned, 40);
  Result<BundleReply> br = DecodeReply<BundleReply>(
      EncodeReply(BundleReply{{{"B0001", "校园安全", "jyj", "张处长", 9, "staff:wang", {}}}}));
  ASSERT_TRUE(br.ok());
  EXPECT_EQ(br->bundles[0].created_by, "staff:wang");
}

}  // namespace
}  // namespace duban::protocol
