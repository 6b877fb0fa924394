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
#include <string>
#include <utility>
#include <vector>

namespace duban::protocol {
namespace {

using namespace std::string_literals;

// ---- building msgpack by hand ----------------------------------------------------------------

using Packer = msgpack::packer<msgpack::sbuffer>;
using Fields = std::vector<std::pair<std::string, std::string>>;  // key -> packed value

template <typename F>
std::string Pack(F&& fill) {
  msgpack::sbuffer sb;
  Packer pk(sb);
  fill(pk);
  return std::string(sb.data(), sb.size());
}
std::string S(std::string_view s) {
  return Pack([&](Packer& pk) {
    pk.pack_str(static_cast<std::uint32_t>(s.size()));
    pk.pack_str_body(s.data(), static_cast<std::uint32_t>(s.size()));
  });
}
std::string I(std::int64_t v) {
  return Pack([&](Packer& pk) { pk.pack_int64(v); });
}
std::string Nil() {
  return Pack([](Packer& pk) { pk.pack_nil(); });
}
std::string StrArray(const std::vector<std::string>& items) {
  std::string out =
      Pack([&](Packer& pk) { pk.pack_array(static_cast<std::uint32_t>(items.size())); });
  for (const auto& i : items) out += S(i);
  return out;
}
std::string MapOf(const Fields& fields) {
  std::string out =
      Pack([&](Packer& pk) { pk.pack_map(static_cast<std::uint32_t>(fields.size())); });
  for (const auto& [k, v] : fields) out += S(k) + v;
  return out;
}
Fields Without(Fields f, const std::string& key) {
  std::erase_if(f, [&](const auto& kv) { return kv.first == key; });
  return f;
}
Fields With(Fields f, const std::string& key, std::string value) {
  for (auto& kv : f) {
    if (kv.first == key) {
      kv.second = std::move(value);
      return f;
    }
  }
  f.emplace_back(key, std::move(value));
  return f;
}

Fields DeputyFields() { return {{"id", S("D001")}, {"name", S("王小明")}, {"contact", S("138")}}; }
Fields DraftFields() {
  return {{"title", S("关于加强社区养老服务的建议")},
          {"content", S("建议在各街道设立日间照料中心。")},
          {"category", S("民生")},
          {"keywords", StrArray({"养老"})},
          {"deputy", MapOf(DeputyFields())},
          {"co_signers", StrArray({})},
          {"session", S("2026")}};
}
Fields SubmitFields() {
  return {{"v", I(1)}, {"request_id", S("req-1")}, {"draft", MapOf(DraftFields())}};
}

// "OK" or "CODE: message", so one EXPECT_EQ checks both the code and the exact message.
template <typename T>
std::string StatusOf(const Result<T>& r) {
  return r.ok() ? "OK" : r.status().ToString();
}

// ---- sample values ---------------------------------------------------------------------------

SuggestionDraft SampleDraft() {
  SuggestionDraft d;
  d.title = "关于加强社区居家养老服务的建议";
  d.content = "建议在各街道设立日间照料中心。\n第二，增加财政投入：每年不少于 500 万元。";
  d.category = "民生";
  d.keywords = {"养老", "社区", "日间照料"};
  d.deputy = {"D001", "王小明", "13800000000"};
  d.co_signers = {"李四", "张三"};
  d.session = "2026";
  return d;
}

// Only required fields set: every optional field is empty.
SuggestionDraft MinimalDraft() {
  SuggestionDraft d;
  d.title = "标题";
  d.content = "内容";
  d.deputy = {"D002", "赵六", ""};
  d.session = "2026";
  return d;
}

Deadline SampleDeadline() {
  return {"2026-04-30", "答复：交办之日起 3 个自然月", 1'777'564'799'999};
}

Suggestion SampleSuggestion() {
  Suggestion s;
  s.code = "S2026-00042";
  s.draft = SampleDraft();
  s.state = SuggestionState::kInHandling;
  s.version = 7;
  s.submitted_ms = 1'767'225'600'000;
  s.units = {{"市民政局", UnitRole::kLead, "SIGNED"}, {"市财政局", UnitRole::kCo, "ISSUED"}};
  s.deadline = SampleDeadline();
  return s;
}

Suggestion MinimalSuggestion() {
  Suggestion s;
  s.code = "S2026-00001";
  s.draft = MinimalDraft();
  return s;
}

AuditEntry SampleAudit() {
  return {1'767'312'000'000, "staff:王", "assigned", "ACCEPTED", "ASSIGNED", "交民政局主办", "t-9"};
}

// ---- field-by-field comparisons --------------------------------------------------------------

void ExpectSame(const Deputy& a, const Deputy& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.contact, b.contact);
}
void ExpectSame(const SuggestionDraft& a, const SuggestionDraft& b) {
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.content, b.content);
  EXPECT_EQ(a.category, b.category);
  EXPECT_EQ(a.keywords, b.keywords);
  ExpectSame(a.deputy, b.deputy);
  EXPECT_EQ(a.co_signers, b.co_signers);
  EXPECT_EQ(a.session, b.session);
}
void ExpectSame(const UnitAssignment& a, const UnitAssignment& b) {
  EXPECT_EQ(a.unit, b.unit);
  EXPECT_EQ(a.role, b.role);
  EXPECT_EQ(a.state, b.state);
}
void ExpectSame(const Deadline& a, const Deadline& b) {
  EXPECT_EQ(a.date, b.date);
  EXPECT_EQ(a.rule, b.rule);
  EXPECT_EQ(a.due_ms, b.due_ms);
}
void ExpectSame(const AuditEntry& a, const AuditEntry& b) {
  EXPECT_EQ(a.at_ms, b.at_ms);
  EXPECT_EQ(a.actor, b.actor);
  EXPECT_EQ(a.action, b.action);
  EXPECT_EQ(a.from, b.from);
  EXPECT_EQ(a.to, b.to);
  EXPECT_EQ(a.note, b.note);
  EXPECT_EQ(a.task, b.task);
}
void ExpectSame(const SuggestionSummary& a, const SuggestionSummary& b) {
  EXPECT_EQ(a.code, b.code);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.state, b.state);
  EXPECT_EQ(a.lead_unit, b.lead_unit);
  EXPECT_EQ(a.deadline, b.deadline);
}
void ExpectSame(const ServiceStats& a, const ServiceStats& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.queued, b.queued);
  EXPECT_EQ(a.inflight, b.inflight);
  EXPECT_EQ(a.dead, b.dead);
  EXPECT_EQ(a.workers, b.workers);
  EXPECT_EQ(a.idle_workers, b.idle_workers);
}
void ExpectSame(const DeadLetter& a, const DeadLetter& b) {
  EXPECT_EQ(a.task_id, b.task_id);
  EXPECT_EQ(a.service, b.service);
  EXPECT_EQ(a.reason, b.reason);
  EXPECT_EQ(a.attempts, b.attempts);
  EXPECT_EQ(a.at_ms, b.at_ms);
}
void ExpectSame(const Suggestion& a, const Suggestion& b);
template <typename T>
void ExpectSame(const std::vector<T>& a, const std::vector<T>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) ExpectSame(a[i], b[i]);
}
template <typename T>
void ExpectSame(const std::optional<T>& a, const std::optional<T>& b) {
  ASSERT_EQ(a.has_value(), b.has_value());
  if (a) ExpectSame(*a, *b);
}
void ExpectSame(const Suggestion& a, const Suggestion& b) {
  EXPECT_EQ(a.code, b.code);
  ExpectSame(a.draft, b.draft);
  EXPECT_EQ(a.state, b.state);
  EXPECT_EQ(a.version, b.version);
  EXPECT_EQ(a.submitted_ms, b.submitted_ms);
  ExpectSame(a.units, b.units);
  ExpectSame(a.deadline, b.deadline);
}

// Round trips through the three envelopes; each returns the decoded value (or fails the test).
template <typename T>
T ViaRequest(const T& m) {
  Result<T> r = Decode<T>(Encode(m));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r.value() : T{};
}
template <typename T>
T ViaReply(const T& m) {
  Result<T> r = DecodeReply<T>(EncodeReply(m));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r.value() : T{};
}
template <typename T>
T ViaBare(const T& m) {
  Result<T> r = DecodeBare<T>(EncodeBare(m));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r.value() : T{};
}

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
  EXPECT_EQ(EncodeError(NotFound("无此建议")),
            MapOf({{"v", I(1)},
                   {"ok", Pack([](Packer& pk) { pk.pack_false(); })},
                   {"code", S("NOT_FOUND")},
                   {"message", S("无此建议")}}));
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

// ---- bad input -------------------------------------------------------------------------------

TEST(CodecBadInputTest, EmptyBytes) {
  EXPECT_EQ(StatusOf(Decode<GetRequest>("")), "PROTOCOL_ERROR: empty message body");
  EXPECT_EQ(StatusOf(DecodeReply<GetReply>("")), "PROTOCOL_ERROR: empty message body");
  EXPECT_EQ(StatusOf(DecodeUnits("")), "PROTOCOL_ERROR: empty message body");
  EXPECT_EQ(StatusOf(DecodeFrames("")), "PROTOCOL_ERROR: empty message body");
}

// The whole message decodes to `whole_status` ("OK", or the Status of an error reply); every
// proper prefix is a ProtocolError.
template <typename F>
void ExpectEveryPrefixFails(const std::string& whole, F decode,
                            const std::string& whole_status = "OK") {
  ASSERT_EQ(StatusOf(decode(whole)), whole_status);
  for (std::size_t n = 0; n < whole.size(); ++n) {
    auto r = decode(std::string_view(whole).substr(0, n));
    ASSERT_FALSE(r.ok()) << "prefix of " << n << " bytes decoded";
    EXPECT_EQ(r.status().code(), StatusCode::kProtocolError) << n << ": " << r.status().ToString();
  }
}

TEST(CodecBadInputTest, EveryPrefixOfAValidMessageIsAProtocolError) {
  ExpectEveryPrefixFails(Encode(SubmitRequest{"req-1", SampleDraft()}),
                         [](std::string_view b) { return Decode<SubmitRequest>(b); });
  ExpectEveryPrefixFails(EncodeReply(GetReply{SampleSuggestion(), {SampleAudit()}}),
                         [](std::string_view b) { return DecodeReply<GetReply>(b); });
  ExpectEveryPrefixFails(Encode(TaskMessage{"t", "s", "k", 1, 2, SampleSuggestion()}),
                         [](std::string_view b) { return Decode<TaskMessage>(b); });
  ExpectEveryPrefixFails(
      EncodeError(Unavailable("Redis 不可达")),
      [](std::string_view b) { return DecodeReply<StatsReply>(b); }, "UNAVAILABLE: Redis 不可达");
  ExpectEveryPrefixFails(EncodeUnits(SampleSuggestion().units),
                         [](std::string_view b) { return DecodeUnits(b); });
  ExpectEveryPrefixFails(EncodeFrames({"a\0b"s, ""}),
                         [](std::string_view b) { return DecodeFrames(b); });
}

TEST(CodecBadInputTest, CorruptByte) {
  // 0xc1 is the one byte msgpack never uses.
  std::string bad = Pack([](Packer& pk) { pk.pack_map(2); }) + S("v") + I(1) + S("code") + "\xc1"s;
  EXPECT_EQ(StatusOf(Decode<GetRequest>(bad)), "PROTOCOL_ERROR: bad msgpack: parse error");
  EXPECT_EQ(StatusOf(Decode<GetRequest>("\xc1"s)), "PROTOCOL_ERROR: bad msgpack: parse error");

  // 0xc1 at every position of a real message: a Status every time, never a crash or a throw.
  std::string good = Encode(SubmitRequest{"req-1", SampleDraft()});
  for (std::size_t i = 0; i < good.size(); ++i) {
    std::string b = good;
    b[i] = '\xc1';
    Result<SubmitRequest> r = Decode<SubmitRequest>(b);
    if (!r.ok()) {
      EXPECT_TRUE(r.status().code() == StatusCode::kProtocolError ||
                  r.status().code() == StatusCode::kInvalidArgument)
          << i << ": " << r.status().ToString();
    }
  }
}

TEST(CodecBadInputTest, TrailingBytesAfterAValidMap) {
  std::string good = Encode(GetRequest{"S1"});
  EXPECT_EQ(StatusOf(Decode<GetRequest>(good + "\x00"s)),
            "PROTOCOL_ERROR: trailing bytes after the msgpack message (1 bytes)");
  EXPECT_EQ(StatusOf(Decode<GetRequest>(good + good)),
            "PROTOCOL_ERROR: trailing bytes after the msgpack message (" +
                std::to_string(good.size()) + " bytes)");
}

TEST(CodecBadInputTest, TopLevelMustBeAMapWithStringKeys) {
  std::string array = Pack([](Packer& pk) { pk.pack_array(2); }) + I(1) + S("v");
  EXPECT_EQ(StatusOf(Decode<GetRequest>(array)), "PROTOCOL_ERROR: message must be a msgpack map");
  EXPECT_EQ(StatusOf(Decode<GetRequest>(S("v"))), "PROTOCOL_ERROR: message must be a msgpack map");
  EXPECT_EQ(StatusOf(Decode<GetRequest>(Nil())), "PROTOCOL_ERROR: message must be a msgpack map");

  std::string int_key = Pack([](Packer& pk) { pk.pack_map(2); }) + S("v") + I(1) + I(7) + S("x");
  EXPECT_EQ(StatusOf(Decode<GetRequest>(int_key)),
            "PROTOCOL_ERROR: message map keys must be strings");
  // A nested map with a non-string key is a field error.
  std::string deputy = Pack([](Packer& pk) { pk.pack_map(1); }) + Nil() + S("x");
  EXPECT_EQ(StatusOf(Decode<SubmitRequest>(MapOf(
                With(SubmitFields(), "draft", MapOf(With(DraftFields(), "deputy", deputy)))))),
            "INVALID_ARGUMENT: field 'draft.deputy' must have string keys");
}

TEST(CodecBadInputTest, Version) {
  EXPECT_EQ(StatusOf(Decode<SubmitRequest>(MapOf(SubmitFields()))), "OK");
  EXPECT_EQ(StatusOf(Decode<SubmitRequest>(MapOf(Without(SubmitFields(), "v")))),
            "PROTOCOL_ERROR: missing or malformed protocol version field 'v'");
  EXPECT_EQ(StatusOf(Decode<SubmitRequest>(MapOf(With(SubmitFields(), "v", S("1"))))),
            "PROTOCOL_ERROR: missing or malformed protocol version field 'v'");
  EXPECT_EQ(StatusOf(Decode<SubmitRequest>(MapOf(With(SubmitFields(), "v", Nil())))),
            "PROTOCOL_ERROR: missing or malformed protocol version field 'v'");
  EXPECT_EQ(StatusOf(Decode<SubmitRequest>(MapOf(With(SubmitFields(), "v", I(2))))),
            "PROTOCOL_ERROR: unsupported protocol version 2 (this peer speaks 1)");
  EXPECT_EQ(StatusOf(Decode<SubmitRequest>(MapOf(With(SubmitFields(), "v", I(0))))),
            "PROTOCOL_ERROR: unsupported protocol version 0 (this peer speaks 1)");
}

TEST(CodecBadInputTest, MissingRequiredFieldIsNamed) {
  EXPECT_EQ(StatusOf(Decode<GetRequest>(MapOf({{"v", I(1)}}))),
            "INVALID_ARGUMENT: missing field 'code'");
  EXPECT_EQ(StatusOf(Decode<GetRequest>(MapOf({{"v", I(1)}, {"code", Nil()}}))),
            "INVALID_ARGUMENT: missing field 'code'");  // nil counts as absent
  EXPECT_EQ(StatusOf(Decode<SubmitRequest>(MapOf(Without(SubmitFields(), "draft")))),
            "INVALID_ARGUMENT: missing field 'draft'");
  EXPECT_EQ(StatusOf(Decode<SubmitRequest>(
                MapOf(With(SubmitFields(), "draft", MapOf(Without(DraftFields(), "title")))))),
            "INVALID_ARGUMENT: missing field 'draft.title'");
  Fields deputy_without_id = With(DraftFields(), "deputy", MapOf(Without(DeputyFields(), "id")));
  EXPECT_EQ(StatusOf(Decode<SubmitRequest>(
                MapOf(With(SubmitFields(), "draft", MapOf(deputy_without_id))))),
            "INVALID_ARGUMENT: missing field 'draft.deputy.id'");
  // Optional fields may be left out.
  Fields lean = Without(Without(Without(DraftFields(), "category"), "keywords"), "co_signers");
  EXPECT_EQ(StatusOf(Decode<SubmitRequest>(MapOf(With(SubmitFields(), "draft", MapOf(lean))))),
            "OK");
}

TEST(CodecBadInputTest, WrongTypeIsNamed) {
  EXPECT_EQ(StatusOf(Decode<SubmitRequest>(
                MapOf(With(SubmitFields(), "draft", MapOf(With(DraftFields(), "title", I(5))))))),
            "INVALID_ARGUMENT: field 'draft.title' must be a string");
  EXPECT_EQ(StatusOf(Decode<SubmitRequest>(MapOf(
                With(SubmitFields(), "draft", MapOf(With(DraftFields(), "keywords", S("养老"))))))),
            "INVALID_ARGUMENT: field 'draft.keywords' must be an array of strings");
  EXPECT_EQ(StatusOf(Decode<SubmitRequest>(MapOf(With(SubmitFields(), "draft", S("x"))))),
            "INVALID_ARGUMENT: field 'draft' must be a map");
  EXPECT_EQ(StatusOf(Decode<ListRequest>(MapOf({{"v", I(1)}, {"limit", S("ten")}}))),
            "INVALID_ARGUMENT: field 'limit' must be an integer");
  EXPECT_EQ(
      StatusOf(DecodeReply<SubmitReply>(MapOf({{"v", I(1)},
                                               {"ok", Pack([](Packer& pk) { pk.pack_true(); })},
                                               {"code", S("S1")},
                                               {"state", S("SUBMITTED")},
                                               {"duplicate", I(1)}}))),
      "INVALID_ARGUMENT: field 'duplicate' must be a boolean");
  std::string timeline_of_ints = Pack([](Packer& pk) { pk.pack_array(1); }) + I(3);
  GetReply ok_reply{MinimalSuggestion(), {}};
  std::string reply = MapOf({{"v", I(1)},
                             {"ok", Pack([](Packer& pk) { pk.pack_true(); })},
                             {"suggestion", EncodeBare(ok_reply.suggestion)},
                             {"timeline", timeline_of_ints}});
  EXPECT_EQ(StatusOf(DecodeReply<GetReply>(reply)),
            "INVALID_ARGUMENT: field 'timeline' must be an array of maps");
  std::string counters = MapOf({{"broker.enqueued", S("1")}});
  std::string stats = MapOf(
      {{"v", I(1)}, {"ok", Pack([](Packer& pk) { pk.pack_true(); })}, {"counters", counters}});
  EXPECT_EQ(StatusOf(DecodeReply<StatsReply>(stats)),
            "INVALID_ARGUMENT: field 'counters.broker.enqueued' must be an integer");
}

TEST(CodecBadInputTest, UnknownFieldIsNamed) {
  EXPECT_EQ(StatusOf(Decode<SubmitRequest>(MapOf(With(SubmitFields(), "priority", I(1))))),
            "INVALID_ARGUMENT: unknown field 'priority'");
  EXPECT_EQ(StatusOf(Decode<SubmitRequest>(
                MapOf(With(SubmitFields(), "draft", MapOf(With(DraftFields(), "urgent", I(1))))))),
            "INVALID_ARGUMENT: unknown field 'draft.urgent'");
  // Inside a list item, the item's index is part of the name.
  std::string units =
      MapOf({{"units", Pack([](Packer& pk) { pk.pack_array(2); }) +
                           MapOf({{"unit", S("a")}, {"role", S("lead")}}) +
                           MapOf({{"unit", S("b")}, {"role", S("co")}, {"x", I(1)}})}});
  EXPECT_EQ(StatusOf(DecodeUnits(units)), "INVALID_ARGUMENT: unknown field 'units[1].x'");
  // A request body sent where a reply is expected (or the reverse) is refused by its fields.
  EXPECT_EQ(StatusOf(Decode<AssignReply>(EncodeReply(AssignReply{"S1", "ASSIGNED", 1}))),
            "INVALID_ARGUMENT: unknown field 'ok'");
}

TEST(CodecBadInputTest, DecodersValidateValues) {
  EXPECT_EQ(StatusOf(Decode<SubmitRequest>(MapOf(With(SubmitFields(), "request_id", S(""))))),
            "INVALID_ARGUMENT: request_id must be 1..200 bytes");
  EXPECT_EQ(StatusOf(Decode<SubmitRequest>(
                MapOf(With(SubmitFields(), "request_id", S(std::string(201, 'r')))))),
            "INVALID_ARGUMENT: request_id must be 1..200 bytes");
  EXPECT_EQ(StatusOf(Decode<ListRequest>(MapOf({{"v", I(1)}, {"state", S("DONE")}}))),
            "INVALID_ARGUMENT: unknown suggestion state 'DONE'");
  EXPECT_EQ(StatusOf(Decode<ListRequest>(MapOf({{"v", I(1)}, {"limit", I(0)}}))),
            "INVALID_ARGUMENT: limit must be 1..1000");
  EXPECT_EQ(StatusOf(Decode<ListRequest>(MapOf({{"v", I(1)}, {"limit", I(10001)}}))),
            "INVALID_ARGUMENT: limit must be 1..1000");
  EXPECT_EQ(StatusOf(Decode<DlqRequest>(MapOf({{"v", I(1)}, {"action", S("purge")}}))),
            "INVALID_ARGUMENT: action must be 'list' or 'replay'");
  EXPECT_EQ(StatusOf(Decode<DlqRequest>(MapOf({{"v", I(1)}, {"action", S("replay")}}))),
            "INVALID_ARGUMENT: replay needs task_id");
  EXPECT_EQ(StatusOf(DecodeBare<UnitAssignment>(MapOf({{"unit", S("a")}, {"role", S("boss")}}))),
            "INVALID_ARGUMENT: unknown unit role 'boss' (lead|co)");
  Result<UnitAssignment> defaulted =
      DecodeBare<UnitAssignment>(MapOf({{"unit", S("a")}, {"role", S("co")}}));
  ASSERT_TRUE(defaulted.ok());
  EXPECT_EQ(defaulted->state, "ISSUED");
  std::string outcome = MapOf({{"v", I(1)},
                               {"ok", Pack([](Packer& pk) { pk.pack_true(); })},
                               {"expect_version", I(1)},
                               {"to_state", S("FINISHED")},
                               {"action", S("x")}});
  EXPECT_EQ(StatusOf(DecodeReply<Outcome>(outcome)),
            "INVALID_ARGUMENT: unknown suggestion state 'FINISHED'");
}

TEST(CodecBadInputTest, OversizedMessage) {
  // The size of a GetRequest around its code when the code needs a 32-bit string header.
  const std::size_t overhead = Encode(GetRequest{std::string(70000, 'x')}).size() - 70000;
  std::string at_limit = Encode(GetRequest{std::string(kMaxMessageBytes - overhead, 'x')});
  ASSERT_EQ(at_limit.size(), kMaxMessageBytes);
  EXPECT_EQ(StatusOf(Decode<GetRequest>(at_limit)), "OK");

  std::string over = Encode(GetRequest{std::string(kMaxMessageBytes - overhead + 1, 'x')});
  EXPECT_EQ(StatusOf(Decode<GetRequest>(over)),
            "PROTOCOL_ERROR: message of 1048577 bytes exceeds the 1048576-byte limit");
  EXPECT_EQ(
      StatusOf(DecodeFrames(EncodeFrames({std::string(kMaxMessageBytes, 'f')}))).substr(0, 26),
      "PROTOCOL_ERROR: message of");
}

// Bug (found by this test): the list limit once allowed replies over the 1 MiB message limit that
// no client could decode; the limit is now kMaxListLimit.
TEST(CodecBadInputTest, ReplyToTheLargestAcceptedListRequestDecodes) {
  ListRequest req;
  req.limit = kMaxListLimit;
  ASSERT_TRUE(Decode<ListRequest>(Encode(req)).ok());
  req.limit = kMaxListLimit + 1;
  ASSERT_FALSE(Decode<ListRequest>(Encode(req)).ok());
  req.limit = kMaxListLimit;
  std::string title;
  for (int i = 0; i < 200; ++i) title += "议";  // the longest title ValidateDraft admits
  ListReply reply;
  reply.total = req.limit;
  for (std::int64_t i = 0; i < req.limit; ++i) {
    reply.items.push_back(
        {"S2026-" + std::to_string(10000 + i), title, "IN_HANDLING", "市民政局", "2026-04-30"});
  }
  std::string bytes = EncodeReply(reply);
  Result<ListReply> got = DecodeReply<ListReply>(bytes);
  EXPECT_TRUE(got.ok()) << bytes.size() << " bytes: " << got.status().ToString();
}

TEST(CodecBadInputTest, HugeLengthHeadersFailWithoutAllocating) {
  auto with_code = [](std::string header, std::size_t tail) {
    return Pack([](Packer& pk) { pk.pack_map(2); }) + S("v") + I(1) + S("code") + header +
           std::string(tail, 'x');
  };
  // str32 / bin32 claiming 4 GiB: the parser waits for bytes that never come.
  for (std::size_t tail : {0, 100}) {
    EXPECT_EQ(StatusOf(Decode<GetRequest>(with_code("\xdb\xff\xff\xff\xff"s, tail))),
              "PROTOCOL_ERROR: bad msgpack: insufficient bytes");
    EXPECT_EQ(StatusOf(Decode<GetRequest>(with_code("\xc6\xff\xff\xff\xff"s, tail))),
              "PROTOCOL_ERROR: bad msgpack: insufficient bytes");
    // array32 / map32 claiming 4G items: refused by the limit before any allocation (an attempt
    // to allocate would read "allocation failed").
    EXPECT_EQ(StatusOf(Decode<GetRequest>(with_code("\xdd\xff\xff\xff\xff"s, tail))),
              "PROTOCOL_ERROR: bad msgpack: array size overflow");
    EXPECT_EQ(StatusOf(Decode<GetRequest>(with_code("\xdf\xff\xff\xff\xff"s, tail))),
              "PROTOCOL_ERROR: bad msgpack: map size overflow");
  }
  // The top-level map itself claiming 4G pairs.
  EXPECT_EQ(StatusOf(Decode<GetRequest>("\xdf\xff\xff\xff\xff"s)),
            "PROTOCOL_ERROR: bad msgpack: map size overflow");
}

TEST(CodecBadInputTest, CountLimits) {
  std::vector<std::string> at(kMaxArrayItems, "k");
  std::string ok_draft = MapOf(With(DraftFields(), "keywords", StrArray(at)));
  EXPECT_TRUE(DecodeBare<SuggestionDraft>(ok_draft).ok());
  at.push_back("k");
  EXPECT_EQ(
      StatusOf(DecodeBare<SuggestionDraft>(MapOf(With(DraftFields(), "keywords", StrArray(at))))),
      "PROTOCOL_ERROR: bad msgpack: array size overflow");

  Fields many;
  for (std::size_t i = 0; i <= kMaxMapItems; ++i) {
    // Not "c" + std::to_string(i): GCC 12 at -O3 raises a false -Wrestrict alarm on it.
    char key[32];
    std::snprintf(key, sizeof key, "c%zu", i);
    many.emplace_back(key, I(1));
  }
  EXPECT_EQ(StatusOf(DecodeBare<Deputy>(MapOf(many))),
            "PROTOCOL_ERROR: bad msgpack: map size overflow");
}

TEST(CodecBadInputTest, NestingDeeperThanTheLimit) {
  // {"v":1, "code": [[...["x"]...]]}: the top map is level 1, so `arrays` nested arrays reach level
  // arrays + 1.
  auto nested = [](std::size_t arrays) {
    std::string value;
    for (std::size_t i = 0; i < arrays; ++i) value += Pack([](Packer& pk) { pk.pack_array(1); });
    value += S("x");
    return MapOf({{"v", I(1)}, {"code", value}});
  };
  EXPECT_EQ(StatusOf(Decode<GetRequest>(nested(kMaxDepth - 1))),
            "INVALID_ARGUMENT: field 'code' must be a string");
  EXPECT_EQ(StatusOf(Decode<GetRequest>(nested(kMaxDepth))),
            "PROTOCOL_ERROR: bad msgpack: depth size overflow");
  EXPECT_EQ(StatusOf(Decode<GetRequest>(nested(100000))),
            "PROTOCOL_ERROR: bad msgpack: depth size overflow");
}

// ---- ValidateDraft ---------------------------------------------------------------------------

TEST(ValidateDraftTest, AcceptsSampleAndMinimalDrafts) {
  EXPECT_EQ(ValidateDraft(SampleDraft()).ToString(), "OK");
  EXPECT_EQ(ValidateDraft(MinimalDraft()).ToString(), "OK");
}

TEST(ValidateDraftTest, NamesTheFirstBadField) {
  auto check = [](auto edit) {
    SuggestionDraft d = SampleDraft();
    edit(d);
    return ValidateDraft(d).ToString();
  };
  EXPECT_EQ(check([](SuggestionDraft& d) { d.title.clear(); }), "INVALID_ARGUMENT: title is empty");
  std::string cjk200;
  for (int i = 0; i < 200; ++i) cjk200 += "建";  // 3 bytes each: exactly the 600-byte limit
  EXPECT_EQ(check([&](SuggestionDraft& d) { d.title = cjk200; }), "OK");
  EXPECT_EQ(check([&](SuggestionDraft& d) { d.title = cjk200 + "x"; }),
            "INVALID_ARGUMENT: title is longer than 600 bytes");
  EXPECT_EQ(check([](SuggestionDraft& d) { d.content.clear(); }),
            "INVALID_ARGUMENT: content is empty");
  EXPECT_EQ(check([](SuggestionDraft& d) { d.content = std::string(60000, 'c'); }), "OK");
  EXPECT_EQ(check([](SuggestionDraft& d) { d.content = std::string(60001, 'c'); }),
            "INVALID_ARGUMENT: content is longer than 60000 bytes");
  EXPECT_EQ(check([](SuggestionDraft& d) { d.category = std::string(201, 'c'); }),
            "INVALID_ARGUMENT: category is longer than 200 bytes");
  EXPECT_EQ(check([](SuggestionDraft& d) { d.deputy.id.clear(); }),
            "INVALID_ARGUMENT: deputy.id is empty");
  EXPECT_EQ(check([](SuggestionDraft& d) { d.deputy.name.clear(); }),
            "INVALID_ARGUMENT: deputy.name is empty");
  EXPECT_EQ(check([](SuggestionDraft& d) { d.session.clear(); }),
            "INVALID_ARGUMENT: session must be a 4-digit year, e.g. \"2026\"");
  EXPECT_EQ(check([](SuggestionDraft& d) { d.keywords.assign(200, "k"); }), "OK");
  EXPECT_EQ(check([](SuggestionDraft& d) { d.keywords.assign(201, "k"); }),
            "INVALID_ARGUMENT: too many keywords");
  EXPECT_EQ(check([](SuggestionDraft& d) { d.co_signers.assign(201, "n"); }),
            "INVALID_ARGUMENT: too many co_signers");
  EXPECT_EQ(check([](SuggestionDraft& d) { d.keywords.push_back(""); }),
            "INVALID_ARGUMENT: keyword is empty");
  EXPECT_EQ(check([](SuggestionDraft& d) { d.co_signers.push_back(std::string(201, 'n')); }),
            "INVALID_ARGUMENT: co_signer is longer than 200 bytes");
}

// ---- stored units and frames -----------------------------------------------------------------

TEST(UnitsCodecTest, RoundTrip) {
  std::vector<UnitAssignment> units = {{"市民政局", UnitRole::kLead, "SIGNED"},
                                       {"市财政局", UnitRole::kCo, "ISSUED"},
                                       {"市教育局", UnitRole::kCo, "REPLIED"}};
  Result<std::vector<UnitAssignment>> got = DecodeUnits(EncodeUnits(units));
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ExpectSame(*got, units);

  Result<std::vector<UnitAssignment>> none = DecodeUnits(EncodeUnits({}));
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_TRUE(none->empty());
  EXPECT_EQ(StatusOf(DecodeUnits(MapOf({}))), "INVALID_ARGUMENT: missing field 'units'");
}

TEST(FramesCodecTest, BinaryFramesWithNulBytesRoundTrip) {
  std::string every_byte;
  for (int b = 0; b < 256; ++b) every_byte.push_back(static_cast<char>(b));
  std::vector<std::string> frames = {
      "", "\0"s, "a\0b\0"s, every_byte, "\xc1\xdd\xff"s, std::string(100000, '\0'), "中文"};
  Result<std::vector<std::string>> got = DecodeFrames(EncodeFrames(frames));
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, frames);

  Result<std::vector<std::string>> none = DecodeFrames(EncodeFrames({}));
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_TRUE(none->empty());
  EXPECT_EQ(StatusOf(DecodeFrames(
                MapOf({{"frames", Pack([](Packer& pk) { pk.pack_array(1); }) + I(1)}}))),
            "INVALID_ARGUMENT: field 'frames' must be an array of strings");
  EXPECT_EQ(StatusOf(DecodeFrames(MapOf({{"frames", StrArray({})}, {"v", I(1)}}))),
            "INVALID_ARGUMENT: unknown field 'v'");
}

}  // namespace
}  // namespace duban::protocol
