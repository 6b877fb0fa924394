// The codec of duban.verify and duban.check: round trips, and the request checks (code xor all,
// cursor and limit ranges, unknown fields) that answer INVALID_ARGUMENT.
#include <gtest/gtest.h>

#include <string>

#include "common/protocol/codec.h"
#include "tests/common/protocol/codec_test_support.h"

namespace duban::protocol {
namespace {

using namespace codec_test;

TEST(CodecAuditTest, VerifyRequestRoundTrips) {
  VerifyRequest one{"S2026-00001"};
  EXPECT_EQ(ViaRequest(one).code, "S2026-00001");
  EXPECT_FALSE(ViaRequest(one).all);
  VerifyRequest all{"", true, 300, 50};
  VerifyRequest got = ViaRequest(all);
  EXPECT_TRUE(got.all);
  EXPECT_EQ(got.cursor, 300);
  EXPECT_EQ(got.limit, 50);
}

TEST(CodecAuditTest, VerifyRepliesRoundTrip) {
  VerifyReply m{{{"S2026-00001", true, 4, -1, "", ""},
                 {"S2026-00002", false, 3, 1, "entry_changed", "entry 1 ..."}},
                7,
                12};
  VerifyReply got = ViaReply(m);
  ASSERT_EQ(got.results.size(), 2u);
  EXPECT_TRUE(got.results[0].ok);
  EXPECT_EQ(got.results[0].bad_index, -1);
  EXPECT_EQ(got.results[1].problem, "entry_changed");
  EXPECT_EQ(got.results[1].bad_index, 1);
  EXPECT_EQ(got.results[1].entries, 3);
  EXPECT_EQ(got.cursor, 7);
  EXPECT_EQ(got.total, 12);
}

TEST(CodecAuditTest, CheckRequestAndReplyRoundTrip) {
  EXPECT_EQ(ViaRequest(CheckRequest{40, 10}).cursor, 40);
  CheckReply m{{{"S2026-00003", "SUBMITTED", "submitted", 1'767'312'000'000,
                 "dead letter: INVALID_ARGUMENT: x", "assignment", "000000000007"}},
               0,
               5,
               5};
  CheckReply got = ViaReply(m);
  ASSERT_EQ(got.stuck.size(), 1u);
  EXPECT_EQ(got.stuck[0].code, "S2026-00003");
  EXPECT_EQ(got.stuck[0].last_at_ms, 1'767'312'000'000);
  EXPECT_EQ(got.stuck[0].why, "dead letter: INVALID_ARGUMENT: x");
  EXPECT_EQ(got.stuck[0].dead_task, "000000000007");
  EXPECT_EQ(got.scanned, 5);
}

std::string Request(const Fields& f) {
  Fields all = {{"v", I(1)}};
  all.insert(all.end(), f.begin(), f.end());
  return MapOf(all);
}

TEST(CodecAuditTest, VerifyNeedsCodeOrAllButNotBoth) {
  EXPECT_EQ(StatusOf(Decode<VerifyRequest>(Request({}))),
            "INVALID_ARGUMENT: give either code or all=true (one of them, not both)");
  EXPECT_EQ(StatusOf(Decode<VerifyRequest>(Request({{"code", S("S2026-00001")},
                                                    {"all", Pack([](Packer& p) { p.pack_true(); })}}))),
            "INVALID_ARGUMENT: give either code or all=true (one of them, not both)");
  EXPECT_EQ(StatusOf(Decode<VerifyRequest>(Request({{"code", S(std::string(201, 'x'))}}))),
            "INVALID_ARGUMENT: code is longer than 200 bytes");
}

TEST(CodecAuditTest, PagesAreBounded) {
  auto all = Pack([](Packer& p) { p.pack_true(); });
  EXPECT_EQ(StatusOf(Decode<VerifyRequest>(Request({{"all", all}, {"cursor", I(-1)}}))),
            "INVALID_ARGUMENT: cursor must be >= 0");
  EXPECT_EQ(StatusOf(Decode<VerifyRequest>(Request({{"all", all}, {"limit", I(0)}}))),
            "INVALID_ARGUMENT: limit must be 1..1000");
  EXPECT_EQ(StatusOf(Decode<CheckRequest>(Request({{"limit", I(1001)}}))),
            "INVALID_ARGUMENT: limit must be 1..1000");
  EXPECT_EQ(StatusOf(Decode<CheckRequest>(Request({{"cursor", S("0")}}))),
            "INVALID_ARGUMENT: field 'cursor' must be an integer");
  EXPECT_EQ(StatusOf(Decode<CheckRequest>(Request({}))), "OK");
}

TEST(CodecAuditTest, UnknownFieldsAreRefused) {
  EXPECT_EQ(StatusOf(Decode<CheckRequest>(Request({{"state", S("SUBMITTED")}}))),
            "INVALID_ARGUMENT: unknown field 'state'");
  EXPECT_EQ(StatusOf(DecodeBare<AuditEntry>(MapOf({{"at_ms", I(1)},
                                                   {"action", S("submitted")},
                                                   {"hash", S("x")}}))),
            "INVALID_ARGUMENT: unknown field 'hash'");
}

TEST(CodecAuditTest, AuditEntryWithoutPrevStillDecodes) {
  auto e = DecodeBare<AuditEntry>(MapOf({{"at_ms", I(1)}, {"action", S("submitted")}}));
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->prev, "");
}

}  // namespace
}  // namespace duban::protocol
