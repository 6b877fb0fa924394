// ApiTable: the one place where a duban.* request is decoded, handed to its handler and answered,
// and where a refusal becomes an error reply with its code and counter.
#include "services/api_table.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "common/protocol/codec.h"

namespace duban::services {
namespace {

using namespace duban::protocol;

class ApiTableTest : public ::testing::Test {
 protected:
  Counters counters_;
  ApiTable table_{counters_};
};

TEST_F(ApiTableTest, ABoundHandlerGetsTheDecodedRequestAndItsReplyIsEncoded) {
  table_.Bind<svc::Pause>([](const PauseRequest& req, Millis now) -> Result<PauseReply> {
    EXPECT_EQ(now, 42);
    return PauseReply{req.service + "!", !req.paused};
  });
  std::string body = table_.Handle("duban.pause", Encode(PauseRequest{"echo", true, "ops"}), 42);
  auto reply = DecodeReply<PauseReply>(body);
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  EXPECT_EQ(reply->service, "echo!");
  EXPECT_FALSE(reply->paused);
  EXPECT_TRUE(table_.Serves("duban.pause"));
}

TEST_F(ApiTableTest, ARefusalIsAnErrorReplyWithItsCodeAndCounted) {
  table_.Bind<svc::Pause>([](const PauseRequest&, Millis) -> Result<PauseReply> {
    return FailedPrecondition("not now");
  });
  auto reply = DecodeReply<PauseReply>(
      table_.Handle("duban.pause", Encode(PauseRequest{"echo", true, "ops"}), 0));
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(reply.status().message(), "not now");
  EXPECT_EQ(counters_.Get("api.errors.FAILED_PRECONDITION"), 1u);
}

TEST_F(ApiTableTest, AnUndecodableRequestNeverReachesTheHandler) {
  bool called = false;
  table_.Bind<svc::Pause>([&](const PauseRequest&, Millis) -> Result<PauseReply> {
    called = true;
    return PauseReply{};
  });
  // A GetRequest's field is unknown to a PauseRequest: refused by the strict decoder.
  auto reply = DecodeReply<PauseReply>(table_.Handle("duban.pause", Encode(GetRequest{"S1"}), 0));
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.status().code(), StatusCode::kInvalidArgument);
  auto garbage = DecodeReply<PauseReply>(table_.Handle("duban.pause", "\xc1not msgpack", 0));
  ASSERT_FALSE(garbage.ok());
  EXPECT_FALSE(called);
  EXPECT_EQ(counters_.Get("api.errors.INVALID_ARGUMENT") +
                counters_.Get("api.errors.PROTOCOL_ERROR"),
            2u);
}

TEST_F(ApiTableTest, AnUnboundOrReservedServiceIsNotAnsweredByHandle) {
  table_.Reserve(svc::Submit::kName);
  EXPECT_TRUE(table_.Serves("duban.submit"));
  EXPECT_TRUE(table_.Reserved("duban.submit"));
  for (const char* name : {"duban.submit", "duban.get", "duban.nope"}) {
    auto reply = DecodeReply<GetReply>(table_.Handle(name, Encode(GetRequest{"S1"}), 0));
    ASSERT_FALSE(reply.ok()) << name;
    EXPECT_EQ(reply.status().code(), StatusCode::kNotFound) << name;
  }
  EXPECT_FALSE(table_.Serves("duban.get"));
}

TEST_F(ApiTableTest, UnboundListsEveryEntryWithoutAHandler) {
  EXPECT_EQ(table_.Unbound().size(), std::size(svc::kServices));
  table_.Reserve(svc::Submit::kName);
  table_.Bind<svc::Get>([](const GetRequest&, Millis) -> Result<GetReply> { return GetReply{}; });
  auto unbound = table_.Unbound();
  EXPECT_EQ(unbound.size(), std::size(svc::kServices) - 2);
  for (auto name : unbound) {
    EXPECT_NE(name, "duban.get");
    EXPECT_NE(name, "duban.submit");
  }
}

TEST_F(ApiTableTest, ALongServiceAnswersAfterItsLastStep) {
  int steps = 0;
  table_.BindSteps<svc::Report>(
      [&steps](const ReportRequest& req, Millis) -> Result<ApiTable::Steps<svc::Report>> {
        if (req.unit == "refuse") return FailedPrecondition("not now");
        return ApiTable::Steps<svc::Report>([&steps](Millis) -> std::optional<Result<ReportReply>> {
          if (++steps < 3) return std::nullopt;  // one page per step; three pages
          ReportReply r;
          r.scanned = steps;
          return Result<ReportReply>(r);
        });
      });
  ReportRequest req;
  req.session = "2026";
  ApiTable::Begun begun = table_.Begin("duban.report", Encode(req), protocol::Caller::Local(), 0);
  ASSERT_TRUE(begun.steps) << "a long service answers through its steps";
  EXPECT_FALSE(begun.steps(0));
  EXPECT_FALSE(begun.steps(0));
  std::optional<std::string> body = begun.steps(0);
  ASSERT_TRUE(body);
  auto reply = DecodeReply<ReportReply>(*body);
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  EXPECT_EQ(reply->scanned, 3);

  // A refusal before any step, and a bad request, are answered at once.
  req.unit = "refuse";
  ApiTable::Begun refused = table_.Begin("duban.report", Encode(req), protocol::Caller::Local(), 0);
  EXPECT_FALSE(refused.steps);
  EXPECT_EQ(DecodeReply<ReportReply>(refused.reply).status().code(),
            StatusCode::kFailedPrecondition);
  ApiTable::Begun bad = table_.Begin("duban.report", Encode(ReportRequest{}), protocol::Caller::Local(), 0);
  EXPECT_FALSE(bad.steps);
  EXPECT_EQ(DecodeReply<ReportReply>(bad.reply).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(counters_.Get("api.errors.FAILED_PRECONDITION"), 1u);
}

TEST_F(ApiTableTest, HandleRunsALongServiceToItsEnd) {
  table_.BindSteps<svc::Report>([](const ReportRequest&, Millis) {
    auto left = std::make_shared<int>(5);
    return Result<ApiTable::Steps<svc::Report>>(
        [left](Millis) -> std::optional<Result<ReportReply>> {
          if (--*left > 0) return std::nullopt;
          return Result<ReportReply>(Internal("the last page was unreadable"));
        });
  });
  ReportRequest req;
  req.session = "2026";
  auto reply = DecodeReply<ReportReply>(table_.Handle("duban.report", Encode(req), 0));
  EXPECT_EQ(reply.status().code(), StatusCode::kInternal);
}

TEST_F(ApiTableTest, BindingTwiceIsAProgrammingErrorThatStopsTheProcess) {
  table_.Bind<svc::Get>([](const GetRequest&, Millis) -> Result<GetReply> { return GetReply{}; });
  EXPECT_DEATH(table_.Bind<svc::Get>(
                   [](const GetRequest&, Millis) -> Result<GetReply> { return GetReply{}; }),
               "bound twice");
}

}  // namespace
}  // namespace duban::services
