// What the codec refuses so that no request can make a stored value unreadable or carry bytes
// that crash a JSON encoder later (issue "Nothing lost, nothing doubled, nothing silently wrong",
// holes 3 and 7): texts over their limits of limits.h, texts that are not UTF-8 (bug: a title with
// \xff was stored, then threw from the webhook role's JSON encoder on every retry), a worker's
// notice that names a webhook (bug: a worker could choose where a notice was POSTed), and the paged
// timeline of duban.get.
#include <gtest/gtest.h>

#include <string>

#include "common/protocol/codec.h"
#include "common/protocol/limits.h"
#include "tests/common/protocol/codec_test_support.h"

namespace duban::protocol {
namespace {

using namespace codec_test;

std::string StatusOfDraft(void (*edit)(SuggestionDraft&)) {
  SuggestionDraft d = SampleDraft();
  edit(d);
  return ValidateDraft(d).ToString();
}

TEST(CodecBoundsTest, ADraftWithTextThatIsNotUtf8IsRefusedNamingTheField) {
  EXPECT_EQ(StatusOfDraft([](SuggestionDraft& d) { d.title = "关于\xff的建议"; }),
            "INVALID_ARGUMENT: title is not valid UTF-8");
  EXPECT_EQ(StatusOfDraft([](SuggestionDraft& d) { d.content = "\xc0\xaf"; }),
            "INVALID_ARGUMENT: content is not valid UTF-8");
  EXPECT_EQ(StatusOfDraft([](SuggestionDraft& d) { d.category = "\x80"; }),
            "INVALID_ARGUMENT: category is not valid UTF-8");
  EXPECT_EQ(StatusOfDraft([](SuggestionDraft& d) { d.keywords.push_back("养\xe5"); }),
            "INVALID_ARGUMENT: keyword is not valid UTF-8");
  EXPECT_EQ(StatusOfDraft([](SuggestionDraft& d) { d.deputy.name = "王\xff"; }),
            "INVALID_ARGUMENT: deputy.name is not valid UTF-8");
  EXPECT_EQ(StatusOfDraft([](SuggestionDraft& d) { d.deputy.id = "D\xfe"; }),
            "INVALID_ARGUMENT: deputy.id is not valid UTF-8");
  EXPECT_EQ(StatusOfDraft([](SuggestionDraft& d) { d.deputy.contact = "\xed\xa0\x80"; }),
            "INVALID_ARGUMENT: deputy.contact is not valid UTF-8");
  EXPECT_EQ(StatusOfDraft([](SuggestionDraft& d) { d.co_signers.push_back("\xff"); }),
            "INVALID_ARGUMENT: co_signer is not valid UTF-8");
  EXPECT_EQ(StatusOfDraft([](SuggestionDraft&) {}), "OK");
}

TEST(CodecBoundsTest, UnitActionsDecisionsAndRepliesRefuseBadTextBeforeAnythingIsRead) {
  UnitActionRequest a{"S2026-00001", "jyj", "li", "见面记录", "before", ""};
  EXPECT_EQ(StatusOf(Decode<UnitActionRequest>(Encode(a))), "OK");
  a.reason = "记录\xff";
  EXPECT_EQ(StatusOf(Decode<UnitActionRequest>(Encode(a))),
            "INVALID_ARGUMENT: reason is not valid UTF-8");
  a.reason = std::string(kMaxNoteBytes + 1, 'r');
  EXPECT_EQ(StatusOf(Decode<UnitActionRequest>(Encode(a))),
            "INVALID_ARGUMENT: reason is longer than 6000 bytes");
  a.reason = "ok";
  a.actor = "li\xff";
  EXPECT_EQ(StatusOf(Decode<UnitActionRequest>(Encode(a))),
            "INVALID_ARGUMENT: actor is not valid UTF-8");

  DecideRequest d{"S2026-00001", "jyj", "return", false, "", "zhao", "\xff"};
  EXPECT_EQ(StatusOf(Decode<DecideRequest>(Encode(d))),
            "INVALID_ARGUMENT: note is not valid UTF-8");

  ReplyRequest r{"S2026-00001", "jyj", "wang", "B", "答复", "张", {{"承诺", "2026-12-01"}}};
  EXPECT_EQ(StatusOf(Decode<ReplyRequest>(Encode(r))), "OK");
  r.commitments[0].text = std::string(kMaxBasisBytes + 1, 'c');
  EXPECT_EQ(StatusOf(Decode<ReplyRequest>(Encode(r))),
            "INVALID_ARGUMENT: commitment text is longer than 2000 bytes");
  r.commitments.assign(kMaxCommitmentsPerReply + 1, {"承诺", "2026-12-01"});
  EXPECT_EQ(StatusOf(Decode<ReplyRequest>(Encode(r))), "INVALID_ARGUMENT: at most 20 commitments");
  r.commitments.clear();
  r.text = "答复\xff";
  EXPECT_EQ(StatusOf(Decode<ReplyRequest>(Encode(r))), "INVALID_ARGUMENT: text is not valid UTF-8");
  r.text = std::string(kMaxReplyTextBytes + 1, 't');
  EXPECT_EQ(StatusOf(Decode<ReplyRequest>(Encode(r))),
            "INVALID_ARGUMENT: text is longer than 30000 bytes");

  EvaluateRequest e{"S2026-00001", "D1", "", "dissatisfied", std::string(kMaxNoteBytes + 1, 'e')};
  EXPECT_EQ(StatusOf(Decode<EvaluateRequest>(Encode(e))),
            "INVALID_ARGUMENT: reasons is longer than 6000 bytes");
  CloseoutRequest c{"S2026-00001", "", std::string(kMaxBasisBytes + 1, 'b'), "zhao"};
  EXPECT_EQ(StatusOf(Decode<CloseoutRequest>(Encode(c))),
            "INVALID_ARGUMENT: basis is longer than 2000 bytes");
  AssignRequest as{"S2026-00001", "jyj", {}, "zhao", std::string(kMaxNoteBytes + 1, 'n')};
  EXPECT_EQ(StatusOf(Decode<AssignRequest>(Encode(as))),
            "INVALID_ARGUMENT: note is longer than 6000 bytes");
}

TEST(CodecBoundsTest, AWorkersNoticeCannotNameAWebhook) {
  Outcome o;
  o.expect_version = kAnyVersion;
  o.action = "reminded";
  o.notices = {{"staff", "reminder", "提醒", "", "http://attacker.example/x"}};
  // The encoder never writes it, and a peer that sends it anyway is refused.
  Result<Outcome> back = DecodeReply<Outcome>(EncodeReply(o));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->notices[0].webhook, "");
  const std::string forged =
      MapOf({{"v", I(1)},
             {"ok", Pack([](Packer& pk) { pk.pack_true(); })},
             {"expect_version", I(-1)},
             {"action", S("reminded")},
             {"notices", Pack([](Packer& pk) { pk.pack_array(1); }) +
                             MapOf({{"recipient", S("staff")},
                                    {"kind", S("reminder")},
                                    {"text", S("t")},
                                    {"webhook", S("http://attacker.example/x")}})}});
  EXPECT_EQ(StatusOf(DecodeReply<Outcome>(forged)),
            "INVALID_ARGUMENT: unknown field 'notices[0].webhook'");
  // The scripts still get the webhook the broker took from config.
  o.notices = {{"unit:jyj", "reminder", "提醒", "", "http://127.0.0.1:1/hook"}};
  EXPECT_NE(EncodeOutcomeEffects(o).find("http://127.0.0.1:1/hook"), std::string::npos);
}

TEST(CodecBoundsTest, GetAsksForAPageAndTheReplySaysWhereTheNextOlderOneStarts) {
  GetRequest req = ViaRequest(GetRequest{"S2026-00001", 151, 50});
  EXPECT_EQ(req.before, 151);
  EXPECT_EQ(req.limit, 50);
  Result<GetRequest> plain = Decode<GetRequest>(MapOf({{"v", I(1)}, {"code", S("S2026-00001")}}));
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_EQ(plain->before, 0);
  EXPECT_EQ(plain->limit, kTimelinePageDefault);
  EXPECT_EQ(StatusOf(Decode<GetRequest>(Encode(GetRequest{"S", 0, 0}))),
            "INVALID_ARGUMENT: limit must be 1..1000");
  EXPECT_EQ(StatusOf(Decode<GetRequest>(Encode(GetRequest{"S", 0, 1001}))),
            "INVALID_ARGUMENT: limit must be 1..1000");
  EXPECT_EQ(StatusOf(Decode<GetRequest>(Encode(GetRequest{"S", -1, 10}))),
            "INVALID_ARGUMENT: before must not be negative");
  EXPECT_EQ(StatusOf(Decode<GetRequest>(MapOf({{"v", I(1)}, {"code", S("S")}, {"page", I(2)}}))),
            "INVALID_ARGUMENT: unknown field 'page'");

  GetReply r;
  r.suggestion = SampleSuggestion();
  r.timeline = {SampleAudit()};
  r.timeline_total = 251;
  r.timeline_cursor = 250;
  GetReply back = ViaReply(r);
  EXPECT_EQ(back.timeline_total, 251);
  EXPECT_EQ(back.timeline_cursor, 250);
  EXPECT_EQ(back.timeline.size(), 1u);
}

}  // namespace
}  // namespace duban::protocol
