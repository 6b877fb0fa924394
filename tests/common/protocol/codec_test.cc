// The msgpack codec: every struct of messages.h survives Encode/Decode (requests, worker messages),
// EncodeReply/DecodeReply (replies) or EncodeBare/DecodeBare (stored values) unchanged, Chinese
// text and empty optional fields included; error replies carry their Status across; and untrusted
// bytes (empty, truncated, corrupt, trailing, wrong shape, wrong version, missing, mistyped or
// unknown fields, oversized, 4 GiB headers, deep nesting) give a Status, never a crash or a huge
// allocation. Malformed inputs are built with msgpack-cxx's own packer, not with the code under
// test.
#include "common/protocol/codec.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <utility>
#include <vector>
#include "tests/common/protocol/codec_test_support.h"

namespace duban::protocol {
namespace {

using namespace codec_test;
using namespace std::string_literals;

// ---- round trips: requests -------------------------------------------------------------------

TEST(CodecRoundTripTest, SubmitRequest) {
  SubmitRequest m{"req-20260101-0001", SampleDraft()};
  SubmitRequest got = ViaRequest(m);
  EXPECT_EQ(got.request_id, m.request_id);
  ExpectSame(got.draft, m.draft);
}

TEST(CodecRoundTripTest, SubmitRequestWithEmptyOptionalFields) {
  SubmitRequest m{"r", MinimalDraft()};
  SubmitRequest got = ViaRequest(m);
  EXPECT_EQ(got.request_id, "r");
  ExpectSame(got.draft, m.draft);
  EXPECT_TRUE(got.draft.keywords.empty());
  EXPECT_TRUE(got.draft.co_signers.empty());
}

TEST(CodecRoundTripTest, AssignRequest) {
  AssignRequest m{"S2026-00042", "mzj", {"czj", "jyj"}, "staff:王", "请于三个月内答复"};
  AssignRequest got = ViaRequest(m);
  EXPECT_EQ(got.code, m.code);
  EXPECT_EQ(got.lead_unit, m.lead_unit);
  EXPECT_EQ(got.co_units, m.co_units);
  EXPECT_EQ(got.actor, m.actor);
  EXPECT_EQ(got.note, m.note);

  AssignRequest bare{"S2026-00001", "mzj", {}, "staff:wang", ""};
  AssignRequest got_bare = ViaRequest(bare);
  EXPECT_TRUE(got_bare.co_units.empty());
  EXPECT_EQ(got_bare.note, "");
}

TEST(CodecRoundTripTest, GetRequest) {
  EXPECT_EQ(ViaRequest(GetRequest{"S2026-00042"}).code, "S2026-00042");
}

TEST(CodecRoundTripTest, ListRequest) {
  ListRequest got = ViaRequest(ListRequest{"IN_HANDLING", "市民政局", 20});
  EXPECT_EQ(got.state, "IN_HANDLING");
  EXPECT_EQ(got.unit, "市民政局");
  EXPECT_EQ(got.limit, 20);

  ListRequest any = ViaRequest(ListRequest{});
  EXPECT_EQ(any.state, "");
  EXPECT_EQ(any.unit, "");
  EXPECT_EQ(any.limit, 100);
}

TEST(CodecRoundTripTest, FieldlessRequestsCarryOnlyTheVersion) {
  EXPECT_EQ(Encode(QueuesRequest{}), MapOf({{"v", I(1)}}));
  EXPECT_EQ(Encode(StatsRequest{}), MapOf({{"v", I(1)}}));
  EXPECT_TRUE(Decode<QueuesRequest>(Encode(QueuesRequest{})).ok());
  EXPECT_TRUE(Decode<StatsRequest>(Encode(StatsRequest{})).ok());
  EXPECT_EQ(StatusOf(Decode<StatsRequest>(MapOf({{"v", I(1)}, {"x", I(1)}}))),
            "INVALID_ARGUMENT: unknown field 'x'");
}

TEST(CodecRoundTripTest, DlqRequest) {
  DlqRequest list = ViaRequest(DlqRequest{"list", "reminder", "", 10});
  EXPECT_EQ(list.action, "list");
  EXPECT_EQ(list.service, "reminder");
  EXPECT_EQ(list.task_id, "");
  EXPECT_EQ(list.limit, 10);

  DlqRequest replay = ViaRequest(DlqRequest{"replay", "", "1767225600000-0", 50});
  EXPECT_EQ(replay.action, "replay");
  EXPECT_EQ(replay.service, "");
  EXPECT_EQ(replay.task_id, "1767225600000-0");
}

TEST(CodecRoundTripTest, TaskMessageWithAndWithoutSuggestion) {
  TaskMessage m{"1767225600000-3", "assignment",      "assign", 2,
                1'767'225'600'123, SampleSuggestion()};
  TaskMessage got = ViaRequest(m);
  EXPECT_EQ(got.task_id, m.task_id);
  EXPECT_EQ(got.service, m.service);
  EXPECT_EQ(got.kind, m.kind);
  EXPECT_EQ(got.attempt, 2);
  EXPECT_EQ(got.now_ms, m.now_ms);
  ExpectSame(got.suggestion, m.suggestion);

  TaskMessage plain{"t-1", "echo", "ping", 1, 0, std::nullopt};
  TaskMessage got_plain = ViaRequest(plain);
  EXPECT_FALSE(got_plain.suggestion.has_value());
  EXPECT_EQ(got_plain.kind, "ping");
}

TEST(CodecRoundTripTest, TaskMessageWithAMinimalSuggestion) {
  TaskMessage m{"t-2", "reminder", "remind", 1, 5, MinimalSuggestion()};
  TaskMessage got = ViaRequest(m);
  ASSERT_TRUE(got.suggestion.has_value());
  ExpectSame(*got.suggestion, *m.suggestion);
  EXPECT_FALSE(got.suggestion->deadline.has_value());
  EXPECT_TRUE(got.suggestion->units.empty());
}

// ---- round trips: replies (Outcome travels as a reply: workers/runtime uses EncodeReply) -------

TEST(CodecRoundTripTest, SubmitAndAssignReplies) {
  SubmitReply s = ViaReply(SubmitReply{
      .request_id = "req-甲-1", .code = "S2026-00042", .state = "SUBMITTED", .duplicate = true});
  EXPECT_EQ(s.request_id, "req-甲-1");
  EXPECT_EQ(s.code, "S2026-00042");
  EXPECT_EQ(s.state, "SUBMITTED");
  EXPECT_TRUE(s.duplicate);
  SubmitReply fresh = ViaReply(SubmitReply{.code = "S2026-00043", .state = "SUBMITTED"});
  EXPECT_EQ(fresh.request_id, "");
  EXPECT_FALSE(fresh.duplicate);

  AssignReply a = ViaReply(AssignReply{"S2026-00042", "ASSIGNED", 3});
  EXPECT_EQ(a.code, "S2026-00042");
  EXPECT_EQ(a.state, "ASSIGNED");
  EXPECT_EQ(a.version, 3);
}

TEST(CodecRoundTripTest, GetReply) {
  AuditEntry first{1'767'225'600'000, "deputy:D001", "submitted", "", "SUBMITTED", "", ""};
  GetReply m{SampleSuggestion(), {first, SampleAudit()}};
  GetReply got = ViaReply(m);
  ExpectSame(got.suggestion, m.suggestion);
  ExpectSame(got.timeline, m.timeline);

  GetReply empty{MinimalSuggestion(), {}};
  GetReply got_empty = ViaReply(empty);
  ExpectSame(got_empty.suggestion, empty.suggestion);
  EXPECT_TRUE(got_empty.timeline.empty());
}

TEST(CodecRoundTripTest, ListReply) {
  ListReply m{{{"S2026-00042", "关于养老的建议", "IN_HANDLING", "市民政局", "2026-04-30"},
               {"S2026-00043", "", "SUBMITTED", "", ""}},
              57};
  ListReply got = ViaReply(m);
  ExpectSame(got.items, m.items);
  EXPECT_EQ(got.total, 57);
  EXPECT_TRUE(ViaReply(ListReply{}).items.empty());
}

TEST(CodecRoundTripTest, QueuesReply) {
  QueuesReply m{{{"reminder", 4, 1, 2, 3, 2}, {"duban.submit", 0, 0, 0, 0, 0}}, 12};
  QueuesReply got = ViaReply(m);
  ExpectSame(got.services, m.services);
  EXPECT_EQ(got.timers, 12);
}

TEST(CodecRoundTripTest, DlqReply) {
  DlqReply m{{{"1767225600000-0", "escalation", "处理超时：重试 5 次后放弃", 5, 1'767'225'600'999},
              {"1767225600000-1", "echo", "", 0, 0}},
             1};
  DlqReply got = ViaReply(m);
  ExpectSame(got.entries, m.entries);
  EXPECT_EQ(got.replayed, 1);
}

TEST(CodecRoundTripTest, StatsReplyKeepsCounterOrder) {
  StatsReply m{{{"broker.enqueued", 10}, {"broker.bad_frames", 0}, {"a.negative", -3}}};
  StatsReply got = ViaReply(m);
  EXPECT_EQ(got.counters, m.counters);
  EXPECT_TRUE(ViaReply(StatsReply{}).counters.empty());
}

TEST(CodecRoundTripTest, OutcomeWithAndWithoutDeadline) {
  Outcome m{7,          "ASSIGNED",  {{"市民政局", UnitRole::kLead, "ISSUED"}}, SampleDeadline(),
            "assigned", "按规则交办"};
  Outcome got = ViaReply(m);
  EXPECT_EQ(got.expect_version, 7);
  EXPECT_EQ(got.to_state, "ASSIGNED");
  ExpectSame(got.units, m.units);
  ExpectSame(got.deadline, m.deadline);
  EXPECT_EQ(got.action, "assigned");
  EXPECT_EQ(got.note, "按规则交办");

  Outcome none{3, "", {}, std::nullopt, "reminded", ""};
  Outcome got_none = ViaReply(none);
  EXPECT_EQ(got_none.to_state, "");
  EXPECT_TRUE(got_none.units.empty());
  EXPECT_FALSE(got_none.deadline.has_value());
  EXPECT_EQ(got_none.action, "reminded");
}

// ---- round trips: nested structs as stored bare maps ------------------------------------------

TEST(CodecRoundTripTest, BareStructs) {
  ExpectSame(ViaBare(Deputy{"D001", "王小明", ""}), Deputy{"D001", "王小明", ""});
  ExpectSame(ViaBare(SampleDraft()), SampleDraft());
  ExpectSame(ViaBare(MinimalDraft()), MinimalDraft());
  UnitAssignment co{"市财政局", UnitRole::kCo, "SIGNED"};
  ExpectSame(ViaBare(co), co);
  ExpectSame(ViaBare(SampleDeadline()), SampleDeadline());
  ExpectSame(ViaBare(SampleSuggestion()), SampleSuggestion());
  ExpectSame(ViaBare(MinimalSuggestion()), MinimalSuggestion());
  ExpectSame(ViaBare(SampleAudit()), SampleAudit());
  SuggestionSummary sum{"S1", "标题", "CLOSED", "", ""};
  ExpectSame(ViaBare(sum), sum);
  ServiceStats st{"echo", 1, 2, 3, 4, 5};
  ExpectSame(ViaBare(st), st);
  DeadLetter dl{"t", "echo", "原因", 2, 9};
  ExpectSame(ViaBare(dl), dl);
}

TEST(CodecRoundTripTest, IntegersKeepTheirFullRange) {
  for (std::int64_t v :
       {std::int64_t{0}, std::int64_t{-1}, std::int64_t{-33}, std::int64_t{128},
        std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()}) {
    EXPECT_EQ(ViaBare(Deadline{"d", "r", v}).due_ms, v);
  }
  // A uint64 above INT64_MAX does not fit: refused, not wrapped to a negative time.
  std::string big = MapOf({{"date", S("d")}, {"rule", S("r")}, {"due_ms", Pack([](Packer& pk) {
                                                                  pk.pack_uint64(1ULL << 63);
                                                                })}});
  EXPECT_EQ(StatusOf(DecodeBare<Deadline>(big)),
            "INVALID_ARGUMENT: field 'due_ms' is out of range");
}

TEST(CodecRoundTripTest, EveryStateAndRoleHasAWireName) {
  for (int i = 0; i <= static_cast<int>(SuggestionState::kFollowUp); ++i) {
    auto s = static_cast<SuggestionState>(i);
    Result<SuggestionState> back = ParseState(StateName(s));
    ASSERT_TRUE(back.ok()) << StateName(s);
    EXPECT_EQ(*back, s);
    Suggestion sug = MinimalSuggestion();
    sug.state = s;
    EXPECT_EQ(ViaBare(sug).state, s);
  }
  EXPECT_EQ(StateName(SuggestionState::kReturnedForRework), "RETURNED_FOR_REWORK");
  EXPECT_EQ(StatusOf(ParseState("in_review")),
            "INVALID_ARGUMENT: unknown suggestion state 'in_review'");
  EXPECT_EQ(RoleName(UnitRole::kLead), "lead");
  EXPECT_EQ(RoleName(UnitRole::kCo), "co");
  EXPECT_EQ(*ParseRole("co"), UnitRole::kCo);
  EXPECT_EQ(StatusOf(ParseRole("主办")), "INVALID_ARGUMENT: unknown unit role '主办' (lead|co)");
}

// ---- error replies -----------------------------------------------------------------------------

TEST(CodecErrorReplyTest, EveryCodeAndMessageSurvive) {
  for (int c = static_cast<int>(StatusCode::kInvalidArgument);
       c <= static_cast<int>(StatusCode::kResourceExhausted); ++c) {
    Status s(static_cast<StatusCode>(c), "建议 S2026-00042 不存在");
    Result<GetReply> r = DecodeReply<GetReply>(EncodeError(s));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().ToString(), s.ToString());
    // SubmitReply has a "code" field of its own; the error header must still win.
    EXPECT_EQ(StatusOf(DecodeReply<SubmitReply>(EncodeError(s))), s.ToString());
  }
}

TEST(CodecErrorReplyTest, ErrorReplyWireShape) {
  EXPECT_EQ(EncodeError(NotFound("no such suggestion")),
            MapOf({{"v", I(1)},
                   {"ok", Pack([](Packer& pk) { pk.pack_false(); })},
                   {"code", S("NOT_FOUND")},
                   {"message", S("no such suggestion")},
                   {"message_zh", S("未找到所指的建议、任务或单位")}}));
}

TEST(CodecErrorReplyTest, TheChineseWordsTravelBesideTheCode) {
  // Words given where the error is made win over the code's own; both survive the wire.
  Result<GetReply> r = DecodeReply<GetReply>(EncodeError(
      FailedPrecondition("cannot start handling: the task is ISSUED").WithZh("请先签收，再开始办理")));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().zh(), "请先签收，再开始办理");
  EXPECT_EQ(r.status().message(), "cannot start handling: the task is ISSUED");
  // Every code has words of its own, distinct from the others'.
  std::set<std::string> seen;
  for (int c = static_cast<int>(StatusCode::kInvalidArgument);
       c <= static_cast<int>(StatusCode::kResourceExhausted); ++c) {
    Result<GetReply> g = DecodeReply<GetReply>(EncodeError(Status(static_cast<StatusCode>(c), "x")));
    ASSERT_FALSE(g.ok());
    EXPECT_EQ(g.status().zh(), StatusCodeZh(static_cast<StatusCode>(c)));
    EXPECT_FALSE(g.status().zh().empty());
    seen.insert(g.status().zh());
  }
  EXPECT_EQ(seen.size(), 10u);
}

TEST(CodecErrorReplyTest, UnknownOrOkCodeBecomesInternal) {
  auto reply = [](std::string code) {
    return MapOf({{"v", I(1)},
                  {"ok", Pack([](Packer& pk) { pk.pack_false(); })},
                  {"code", S(code)},
                  {"message", S("boom")}});
  };
  EXPECT_EQ(StatusOf(DecodeReply<AssignReply>(reply("TEAPOT"))), "INTERNAL: boom");
  EXPECT_EQ(StatusOf(DecodeReply<AssignReply>(reply("OK"))), "INTERNAL: boom");
}

TEST(CodecErrorReplyTest, MalformedReplyHeaders) {
  std::string no_ok = MapOf({{"v", I(1)}, {"code", S("S1")}, {"state", S("X")}});
  EXPECT_EQ(StatusOf(DecodeReply<SubmitReply>(no_ok)), "INVALID_ARGUMENT: missing field 'ok'");
  std::string no_code = MapOf({{"v", I(1)}, {"ok", Pack([](Packer& pk) { pk.pack_false(); })}});
  EXPECT_EQ(StatusOf(DecodeReply<AssignReply>(no_code)), "INVALID_ARGUMENT: missing field 'code'");
  std::string v2 = MapOf({{"v", I(2)}, {"ok", Pack([](Packer& pk) { pk.pack_true(); })}});
  EXPECT_EQ(StatusOf(DecodeReply<StatsReply>(v2)),
            "PROTOCOL_ERROR: unsupported protocol version 2 (this peer speaks 1)");
  // A request is not a reply.
  EXPECT_EQ(StatusOf(DecodeReply<SubmitReply>(Encode(GetRequest{"S1"}))),
            "INVALID_ARGUMENT: missing field 'ok'");
}

}  // namespace
}  // namespace duban::protocol
