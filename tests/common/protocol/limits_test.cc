// The bounds of limits.h. Bug (issue "Nothing lost, nothing doubled, nothing silently wrong",
// hole 3): repeated duban.contact calls with 60 000-byte notes, or replies with many 60 KB
// commitments, grew a suggestion's handling record past the 1 MiB decode limit; from then on every
// read answered INTERNAL "corrupt" and every timer of it dead-lettered. The first test is the
// proof that the limits keep the largest suggestion they allow, with a full page of its timeline,
// readable.
#include "common/protocol/limits.h"

#include <gtest/gtest.h>

#include <string>

#include "common/protocol/codec.h"
#include "common/protocol/wire.h"

namespace duban::protocol {
namespace {

std::string X(std::size_t n, char c = 'x') { return std::string(n, c); }

Suggestion MaximalSuggestion() {
  Suggestion s;
  s.code = "S2026-99999";
  SuggestionDraft& d = s.draft;
  d.title = X(kMaxTitleBytes);
  d.content = X(kMaxContentBytes);
  d.category = X(kMaxShortBytes);
  for (std::size_t i = 0; i < kMaxListItems; ++i) {
    d.keywords.push_back(X(kMaxShortBytes, 'k'));
    d.co_signers.push_back(X(kMaxShortBytes, 'c'));
  }
  d.deputy = {X(kMaxShortBytes), X(kMaxShortBytes), X(kMaxShortBytes)};
  d.session = "2026";
  s.state = SuggestionState::kFollowUp;
  s.version = 1'000'000;
  s.submitted_ms = s.assigned_ms = 1'767'225'600'000;
  for (std::size_t i = 0; i < kMaxUnitsPerSuggestion; ++i) {
    UnitAssignment u{X(kMaxShortBytes, 'u'), i == 0 ? UnitRole::kLead : UnitRole::kCo,
                     "EXTENSION_PENDING"};
    u.pending_until = "2026-12-31";
    u.before = "IN_PROGRESS";
    u.issued_ms = 1'767'225'600'000;
    s.units.push_back(u);
  }
  s.deadline = Deadline{"2026-12-31", X(2 * kMaxShortBytes + 100), 1'767'225'600'000};
  HandlingRecord& r = s.record;
  std::size_t commitments_left = kMaxCommitmentsPerRecord;
  for (std::size_t i = 0; i < kMaxReplyRounds; ++i) {
    ReplyRound round;
    round.round = static_cast<std::int64_t>(i) + 1;
    round.unit = X(kMaxShortBytes);
    round.result_class = X(kMaxShortBytes);
    round.text = X(kMaxReplyTextBytes);
    round.signer = X(kMaxShortBytes);
    round.replied_ms = round.evaluated_ms = 1'767'225'600'000;
    round.deadline = "2026-12-31";
    round.satisfaction = X(kMaxShortBytes);
    round.reasons = X(kMaxNoteBytes);
    const std::size_t n = std::min(kMaxCommitmentsPerReply, commitments_left);
    commitments_left -= n;
    for (std::size_t c = 0; c < n; ++c) {
      round.commitments.push_back({"r" + std::to_string(i + 1) + "c" + std::to_string(c + 1),
                                   X(kMaxBasisBytes), "2026-12-31", "SUPERSEDED", X(kMaxBasisBytes),
                                   "staff:" + X(kMaxShortBytes), 1'767'225'600'000});
    }
    r.rounds.push_back(std::move(round));
  }
  EXPECT_EQ(commitments_left, 0u) << "the rounds hold every commitment a record may keep";
  for (std::size_t i = 0; i < kMaxUnitNotes; ++i) {
    r.notes.push_back(
        {X(kMaxShortBytes), "opinion", "during", X(kMaxNoteBytes), 1'767'225'600'000});
  }
  r.lookbacks = 1'000'000;
  r.closed_ms = 1'767'225'600'000;
  r.close_basis = X(kMaxBasisBytes);
  return s;
}

AuditEntry MaximalAuditEntry() {
  return {1'767'225'600'000,
          "unit:" + X(kMaxShortBytes) + "/" + X(kMaxShortBytes),
          "extension_requested",
          "REHANDLING",
          "REHANDLING",
          X(kMaxAuditNoteBytes),
          "TS2026-99999." + X(64),
          X(40, 'f')};
}

TEST(LimitsTest, TheLargestSuggestionAndAFullTimelinePageDecodeWellUnderTheMessageLimit) {
  Suggestion s = MaximalSuggestion();
  const std::size_t record_bytes = EncodeBare(s.record).size();
  EXPECT_LE(record_bytes, kMaxRecordBytes);
  EXPECT_EQ(CheckChangeBounds({}, s.units, {}, &s.record), Status::Ok());

  // A page: as many of the largest entries as kTimelinePageBytes lets through (the get script
  // stops before the stored bytes pass it), plus one — a bound from above.
  const std::size_t entry_bytes = EncodeBare(MaximalAuditEntry()).size();
  GetReply reply;
  reply.suggestion = s;
  for (std::size_t n = 0; n <= kTimelinePageBytes / entry_bytes; ++n) {
    reply.timeline.push_back(MaximalAuditEntry());
  }
  reply.timeline_total = 1'000'000;
  reply.timeline_cursor = 999'000;
  const std::string bytes = EncodeReply(reply);
  // "Well under": a seventh of the limit to spare for what a later field may add.
  EXPECT_LT(bytes.size(), kMaxMessageBytes / 8 * 7) << "record " << record_bytes << " bytes";
  RecordProperty("record_bytes", static_cast<int>(record_bytes));
  RecordProperty("get_reply_bytes", static_cast<int>(bytes.size()));
  Result<GetReply> back = DecodeReply<GetReply>(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->suggestion.record.notes.size(), kMaxUnitNotes);
  EXPECT_EQ(back->timeline.size(), reply.timeline.size());

  // What a role gets: the suggestion in its task; what Redis holds: the record alone.
  TaskMessage task{"TS2026-99999.reply.overdue", "escalation", "overdue", 1, 1, s, X(4096)};
  EXPECT_TRUE(Decode<TaskMessage>(Encode(task)).ok());
  EXPECT_TRUE(DecodeBare<HandlingRecord>(EncodeBare(s.record)).ok());
}

TEST(LimitsTest, AStoredListAtItsLimitRefusesToGrowWithResourceExhausted) {
  HandlingRecord full;
  for (std::size_t i = 0; i < kMaxUnitNotes; ++i)
    full.notes.push_back({"jyj", "contact", "before", "n", 1});
  HandlingRecord more = full;
  more.notes.push_back({"jyj", "contact", "after", "n", 2});
  Status s = CheckChangeBounds({}, {}, full, &more);
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted) << s.ToString();
  EXPECT_NE(s.message().find("at most 20"), std::string::npos) << s.message();
  // At the limit exactly is fine, and so is a change that keeps the record as it is.
  HandlingRecord below = full;
  below.notes.pop_back();
  EXPECT_EQ(CheckChangeBounds({}, {}, below, &full), Status::Ok());
  EXPECT_EQ(CheckChangeBounds({}, {}, full, &full), Status::Ok());
  EXPECT_EQ(CheckChangeBounds({}, {}, full, nullptr), Status::Ok());

  // A record stored before the limits, already over one, can still be acted on without growing.
  HandlingRecord legacy = more;
  HandlingRecord evaluated = legacy;
  evaluated.lookbacks = 1;
  EXPECT_EQ(CheckChangeBounds({}, {}, legacy, &evaluated), Status::Ok());
}

TEST(LimitsTest, RoundsCommitmentsUnitsAndTheRecordSizeAreBounded) {
  HandlingRecord r;
  for (std::size_t i = 0; i < kMaxReplyRounds; ++i) r.rounds.push_back({});
  HandlingRecord fifth = r;
  fifth.rounds.push_back({});
  EXPECT_EQ(CheckChangeBounds({}, {}, r, &fifth).code(), StatusCode::kResourceExhausted);

  HandlingRecord c;
  c.rounds.resize(2);
  c.rounds[0].commitments.resize(kMaxCommitmentsPerReply);
  c.rounds[1].commitments.resize(kMaxCommitmentsPerRecord - kMaxCommitmentsPerReply);
  HandlingRecord c2 = c;
  c2.rounds.push_back({});
  c2.rounds.back().commitments.resize(1);
  EXPECT_EQ(CheckChangeBounds({}, {}, c, &c2).code(), StatusCode::kResourceExhausted);

  std::vector<UnitAssignment> units(kMaxUnitsPerSuggestion, UnitAssignment{"jyj"});
  std::vector<UnitAssignment> one_more = units;
  one_more.push_back({"czj"});
  EXPECT_EQ(CheckChangeBounds(units, one_more, {}, nullptr).code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(CheckChangeBounds(units, units, {}, nullptr), Status::Ok());

  HandlingRecord huge;
  huge.close_basis = X(kMaxRecordBytes);
  huge.closed_ms = 1;
  EXPECT_EQ(CheckChangeBounds({}, {}, {}, &huge).code(), StatusCode::kResourceExhausted);
}

TEST(LimitsTest, CheckTextNamesTheFieldForLengthEmptinessAndUtf8) {
  EXPECT_EQ(CheckText("title", "关于", 600, true), Status::Ok());
  EXPECT_EQ(CheckText("title", "", 600, true).ToString(), "INVALID_ARGUMENT: title is empty");
  EXPECT_EQ(CheckText("note", "", 600), Status::Ok());
  EXPECT_EQ(CheckText("note", X(7), 6).ToString(), "INVALID_ARGUMENT: note is longer than 6 bytes");
  EXPECT_EQ(CheckText("title", "ab\xff", 600, true).ToString(),
            "INVALID_ARGUMENT: title is not valid UTF-8");
}

TEST(LimitsTest, AnOutcomeOverItsBoundsIsRefused) {
  Outcome o;
  o.action = "reminded";
  EXPECT_EQ(CheckOutcomeBounds(o), Status::Ok());
  Outcome note = o;
  note.note = X(kMaxAuditNoteBytes + 1);
  EXPECT_EQ(CheckOutcomeBounds(note).code(), StatusCode::kInvalidArgument);
  Outcome notices = o;
  notices.notices.resize(kMaxOutcomeNotices + 1, Notice{"staff", "reminder", "t", ""});
  EXPECT_EQ(CheckOutcomeBounds(notices).code(), StatusCode::kInvalidArgument);
  Outcome timers = o;
  timers.timers.push_back({"survey.chase", "survey", "chase", 1, 0, X(kMaxTimerPayloadBytes + 1)});
  EXPECT_EQ(CheckOutcomeBounds(timers).code(), StatusCode::kInvalidArgument);
  Outcome many = o;
  many.timers.resize(kMaxOutcomeTimers + 1, TimerSpec{"a", "survey", "chase", 1, 0, ""});
  EXPECT_EQ(CheckOutcomeBounds(many).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace duban::protocol
