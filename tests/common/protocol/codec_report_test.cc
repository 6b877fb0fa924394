// The codec of duban.report: round trips of the request and the reply (rows, counts), and the
// request checks that answer INVALID_ARGUMENT (session xor a date pair, valid and ordered dates,
// lengths, unknown fields), plus truncated, corrupt and wrong-version input.
#include <gtest/gtest.h>

#include <string>

#include "common/protocol/codec.h"
#include "tests/common/protocol/codec_test_support.h"

namespace duban::protocol {
namespace {

using namespace codec_test;
using namespace std::string_literals;

ReportRow SampleRow(const std::string& unit) {
  ReportRow r;
  r.unit = unit;
  r.assigned = 6;
  r.replied = 5;
  r.on_time = 4;
  r.met = 3;
  r.evaluated = 4;
  r.accepted = 3;
  r.solved = 2;
  r.by_class = {{"A", "已解决或基本解决", 2}, {"B", "正在解决或列入计划逐步解决", 3}};
  r.by_satisfaction = {{"satisfied", "满意", 3}, {"dissatisfied", "不满意", 1}};
  return r;
}

ReportReply SampleReport() {
  ReportReply m;
  m.session = "2026";
  m.overall = SampleRow("");
  m.units = {SampleRow("jyj"), SampleRow("jtj")};
  m.scanned = 40;
  m.generated_ms = 1'767'312'000'000;
  return m;
}

TEST(CodecReportTest, RequestRoundTrips) {
  ReportRequest by_session{"2026", "", "", "jyj"};
  ReportRequest got = ViaRequest(by_session);
  EXPECT_EQ(got.session, "2026");
  EXPECT_EQ(got.unit, "jyj");
  got = ViaRequest(ReportRequest{"", "2026-01-01", "2026-06-30", ""});
  EXPECT_EQ(got.from, "2026-01-01");
  EXPECT_EQ(got.to, "2026-06-30");
  EXPECT_EQ(got.session, "");
  // One day is a range too.
  EXPECT_EQ(ViaRequest(ReportRequest{"", "2026-03-01", "2026-03-01", ""}).to, "2026-03-01");
}

TEST(CodecReportTest, ReplyRoundTrips) {
  ReportReply got = ViaReply(SampleReport());
  EXPECT_EQ(got.session, "2026");
  EXPECT_EQ(got.scanned, 40);
  EXPECT_EQ(got.generated_ms, 1'767'312'000'000);
  ASSERT_EQ(got.units.size(), 2u);
  EXPECT_EQ(got.units[1].unit, "jtj");
  for (const ReportRow* r : {&got.overall, &got.units[0]}) {
    EXPECT_EQ(r->assigned, 6);
    EXPECT_EQ(r->replied, 5);
    EXPECT_EQ(r->on_time, 4);
    EXPECT_EQ(r->met, 3);
    EXPECT_EQ(r->evaluated, 4);
    EXPECT_EQ(r->accepted, 3);
    EXPECT_EQ(r->solved, 2);
    ASSERT_EQ(r->by_class.size(), 2u);
    EXPECT_EQ(r->by_class[1].code, "B");
    EXPECT_EQ(r->by_class[1].name, "正在解决或列入计划逐步解决");
    EXPECT_EQ(r->by_class[1].count, 3);
    ASSERT_EQ(r->by_satisfaction.size(), 2u);
    EXPECT_EQ(r->by_satisfaction[1].name, "不满意");
  }
  EXPECT_EQ(got.overall.unit, "");
}

std::string Request(const Fields& f) {
  Fields all = {{"v", I(1)}};
  all.insert(all.end(), f.begin(), f.end());
  return MapOf(all);
}

TEST(CodecReportTest, ScopeIsASessionOrADatePair) {
  const std::string one_of =
      "INVALID_ARGUMENT: give either session or from and to (one of them, not both)";
  EXPECT_EQ(StatusOf(Decode<ReportRequest>(Request({}))), one_of);
  EXPECT_EQ(StatusOf(Decode<ReportRequest>(Request(
                {{"session", S("2026")}, {"from", S("2026-01-01")}, {"to", S("2026-02-01")}}))),
            one_of);
  EXPECT_EQ(StatusOf(Decode<ReportRequest>(Request({{"from", S("2026-01-01")}}))),
            "INVALID_ARGUMENT: from and to go together");
  EXPECT_EQ(StatusOf(Decode<ReportRequest>(Request({{"to", S("2026-01-01")}}))),
            "INVALID_ARGUMENT: from and to go together");
  EXPECT_EQ(StatusOf(Decode<ReportRequest>(Request({{"session", S("2026")}}))), "OK");
}

TEST(CodecReportTest, DatesMustBeRealAndOrdered) {
  auto range = [](const char* from, const char* to) {
    return StatusOf(Decode<ReportRequest>(Request({{"from", S(from)}, {"to", S(to)}})));
  };
  EXPECT_EQ(range("2026-02-30", "2026-03-01").rfind("INVALID_ARGUMENT: from: ", 0), 0u)
      << range("2026-02-30", "2026-03-01");
  EXPECT_EQ(range("2026-01-01", "2026/06/30").rfind("INVALID_ARGUMENT: to: ", 0), 0u)
      << range("2026-01-01", "2026/06/30");
  EXPECT_EQ(range("2026-07-01", "2026-06-30"),
            "INVALID_ARGUMENT: to (2026-06-30) is before from (2026-07-01)");
  EXPECT_EQ(range("2025-12-31", "2026-01-01"), "OK");
}

TEST(CodecReportTest, BadFieldsAreRefused) {
  EXPECT_EQ(StatusOf(Decode<ReportRequest>(Request({{"session", S(std::string(201, '9'))}}))),
            "INVALID_ARGUMENT: session is longer than 200 bytes");
  EXPECT_EQ(StatusOf(Decode<ReportRequest>(
                Request({{"session", S("2026")}, {"unit", S(std::string(201, 'u'))}}))),
            "INVALID_ARGUMENT: unit is longer than 200 bytes");
  EXPECT_EQ(StatusOf(Decode<ReportRequest>(Request({{"session", I(2026)}}))),
            "INVALID_ARGUMENT: field 'session' must be a string");
  EXPECT_EQ(StatusOf(Decode<ReportRequest>(Request({{"session", S("2026")}, {"state", S("X")}}))),
            "INVALID_ARGUMENT: unknown field 'state'");
  // A reply with a negative count comes from a broken peer.
  ReportReply bad = SampleReport();
  bad.units[0].met = -1;
  EXPECT_EQ(StatusOf(DecodeReply<ReportReply>(EncodeReply(bad))),
            "INVALID_ARGUMENT: met must be >= 0");
  bad = SampleReport();
  bad.overall.by_class[0].count = -2;
  EXPECT_EQ(StatusOf(DecodeReply<ReportReply>(EncodeReply(bad))),
            "INVALID_ARGUMENT: count must be >= 0");
}

TEST(CodecReportTest, TruncatedCorruptAndWrongVersionInput) {
  const std::string whole = EncodeReply(SampleReport());
  for (std::size_t n = 0; n < whole.size(); ++n) {
    auto r = DecodeReply<ReportReply>(std::string_view(whole).substr(0, n));
    ASSERT_FALSE(r.ok()) << "prefix of " << n << " bytes decoded";
    EXPECT_EQ(r.status().code(), StatusCode::kProtocolError) << n << ": " << r.status().ToString();
  }
  const std::string req = Encode(ReportRequest{"", "2026-01-01", "2026-06-30", "jyj"});
  for (std::size_t i = 0; i < req.size(); ++i) {
    std::string b = req;
    b[i] = '\xc1';
    auto r = Decode<ReportRequest>(b);
    if (!r.ok()) {
      EXPECT_TRUE(r.status().code() == StatusCode::kProtocolError ||
                  r.status().code() == StatusCode::kInvalidArgument)
          << i << ": " << r.status().ToString();
    }
  }
  EXPECT_EQ(Decode<ReportRequest>(MapOf({{"v", I(2)}, {"session", S("2026")}})).status().code(),
            StatusCode::kProtocolError);
  EXPECT_EQ(Decode<ReportRequest>(MapOf({{"session", S("2026")}})).status().code(),
            StatusCode::kProtocolError);
}

}  // namespace
}  // namespace duban::protocol
