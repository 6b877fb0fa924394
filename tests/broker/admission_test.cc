#include "broker/admission.h"

#include <gtest/gtest.h>

#include "broker/router.h"

namespace duban::broker {
namespace {

TEST(AdmissionTest, WithoutKeysEveryCallerIsTheLocalOperatorButThePublicEndpointIsNot) {
  Admission a(nullptr);
  protocol::ClientRequest r{"id", "duban.stats", {}};
  ASSERT_TRUE(a.AdmitClient(r).ok());
  EXPECT_EQ(r.caller.kind, protocol::Caller::Kind::kLocal);
  protocol::ClientRequest pub{"id", "duban.stats", {}};
  pub.via_public = true;
  EXPECT_EQ(a.AdmitClient(pub).code(), StatusCode::kPermissionDenied);
  pub.service = "duban.status";
  EXPECT_TRUE(a.AdmitClient(pub).ok());
  pub.service = "mmi.service";
  EXPECT_EQ(a.AdmitClient(pub).code(), StatusCode::kPermissionDenied);
  pub.service = "echo";
  EXPECT_EQ(a.AdmitClient(pub).code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(a.AdmitWorker("", "assignment").ok());
}

TEST(AdmissionTest, OnlyLoopbackEndpointsCountAsLocal) {
  for (const char* ok : {"tcp://127.0.0.1:5555", "tcp://127.1.2.3:1", "tcp://localhost:5555",
                         "tcp://[::1]:5555", "ipc:///tmp/duban.sock", "inproc://broker"}) {
    EXPECT_TRUE(IsLoopbackEndpoint(ok)) << ok;
  }
  for (const char* no : {"tcp://0.0.0.0:5555", "tcp://*:5555", "tcp://eth0:5555",
                         "tcp://10.0.0.1:5555", "tcp://127.0.0.1.evil:5555", "tcp://127.0.0:5",
                         "tcp://127.0.0.1", "tcp://1270.0.0.1:5", "udp://127.0.0.1:5",
                         "tcp://127.0.0.1111:5"}) {
    EXPECT_FALSE(IsLoopbackEndpoint(no)) << no;
  }
}

}  // namespace
}  // namespace duban::broker

namespace duban::broker {
namespace {

TEST(AdmissionTest, ADelegateActsWithExactlyTheRoleOfThePersonItVouchesFor) {
  auto c = Vouched("web", "unit:jyj/张三");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->name, "web(as unit:jyj/张三)");
  EXPECT_TRUE(c->Is(protocol::svc::kUnit, "jyj"));
  EXPECT_FALSE(c->Is(protocol::svc::kUnit, "mzj"));
  EXPECT_FALSE(c->Has(protocol::svc::kDelegate));
  EXPECT_TRUE(Vouched("web", "staff/王").ok());
  for (const char* bad : {"admin/王", "worker:assignment/x", "monitor/x", "delegate/x"}) {
    EXPECT_EQ(Vouched("web", bad).status().code(), StatusCode::kPermissionDenied) << bad;
  }
  for (const char* bad : {"unit:jyj", "unit:jyj/", "unit:jyj/a(b)", "bogus/x", "unit:jyj/\x01"}) {
    EXPECT_EQ(Vouched("web", bad).status().code(), StatusCode::kInvalidArgument) << bad;
  }

  // Without keys the local operator may vouch (it holds every role); the frames come off.
  Admission a(nullptr);
  protocol::ClientRequest r{"id", "duban.sign",
                            {std::string(protocol::kOnBehalfFrame), "unit:jyj/张三", "body"}};
  ASSERT_TRUE(a.AdmitClient(r).ok());
  EXPECT_EQ(r.body, protocol::Frames{"body"});
  EXPECT_EQ(r.caller.name, "local(as unit:jyj/张三)");
  protocol::ClientRequest pub{"id", "duban.status",
                              {std::string(protocol::kOnBehalfFrame), "staff/x", "body"}};
  pub.via_public = true;
  EXPECT_EQ(a.AdmitClient(pub).code(), StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace duban::broker
