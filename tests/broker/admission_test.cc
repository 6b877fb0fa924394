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
  EXPECT_TRUE(a.AdmitWorker(protocol::WorkerMessage{}, "assignment").ok());
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
