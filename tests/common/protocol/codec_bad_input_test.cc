// The codec against bad input: empty, truncated, corrupt, oversized, wrong-version, unknown
// fields, limits. Every case must give a clear error, never a crash or an allocation spree.
#include "common/protocol/codec.h"
#include <gtest/gtest.h>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>
#include "tests/common/protocol/codec_test_support.h"

namespace duban::protocol {
namespace {

using namespace codec_test;
using namespace std::string_literals;

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
