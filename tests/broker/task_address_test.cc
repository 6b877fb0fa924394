// Task addresses: the "client address" frame of a worker REQUEST names the task and its fencing
// token ("m|service|id|fence" or "r|service|id|fence|code"); it must survive the worker's echo and
// anything else in that frame must be refused.
#include "broker/task_address.h"

#include <gtest/gtest.h>

#include <string>

namespace duban::broker {
namespace {

template <typename T>
std::string StatusOf(const Result<T>& r) {
  return r.ok() ? "OK" : r.status().ToString();
}

TEST(TaskAddressTest, OpaqueRequestRoundTrip) {
  TaskAddress a{false, "echo", "1767225600000-0", "3", ""};
  EXPECT_EQ(FormatTaskAddress(a), "m|echo|1767225600000-0|3");
  Result<TaskAddress> back = ParseTaskAddress(FormatTaskAddress(a));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_FALSE(back->role);
  EXPECT_EQ(back->service, "echo");
  EXPECT_EQ(back->id, "1767225600000-0");
  EXPECT_EQ(back->fence, "3");
  EXPECT_EQ(back->code, "");
}

TEST(TaskAddressTest, RoleTaskRoundTrip) {
  TaskAddress a{true, "a.b-c_1", "42", "7", "S2026-00042"};
  EXPECT_EQ(FormatTaskAddress(a), "r|a.b-c_1|42|7|S2026-00042");
  Result<TaskAddress> back = ParseTaskAddress(FormatTaskAddress(a));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE(back->role);
  EXPECT_EQ(back->service, "a.b-c_1");
  EXPECT_EQ(back->id, "42");
  EXPECT_EQ(back->fence, "7");
  EXPECT_EQ(back->code, "S2026-00042");
}

TEST(TaskAddressTest, AnOpaqueAddressCarriesNoCode) {
  EXPECT_EQ(FormatTaskAddress({false, "echo", "1", "2", "S1"}), "m|echo|1|2");
}

TEST(TaskAddressTest, RefusesWhatThisBrokerDidNotMake) {
  const std::string foreign = "PROTOCOL_ERROR: reply address is not a task address of this broker";
  // A raw client routing id (a worker answering a pre-restart request) or garbage.
  EXPECT_EQ(StatusOf(ParseTaskAddress(std::string("\0\x6b\x8b\x45\x67", 5))), foreign);
  EXPECT_EQ(StatusOf(ParseTaskAddress("")), foreign);
  EXPECT_EQ(StatusOf(ParseTaskAddress("m")), foreign);
  EXPECT_EQ(StatusOf(ParseTaskAddress("m|echo|1")), foreign);
  EXPECT_EQ(StatusOf(ParseTaskAddress("m|echo|1|2|S1")), foreign);  // opaque with a code
  EXPECT_EQ(StatusOf(ParseTaskAddress("r|echo|1|2")), foreign);     // role task without code
  EXPECT_EQ(StatusOf(ParseTaskAddress("r|echo|1|2|")), foreign);    // empty code
  EXPECT_EQ(StatusOf(ParseTaskAddress("r|echo|1|2|S1|x")), foreign);
  EXPECT_EQ(StatusOf(ParseTaskAddress("r|echo|1|2|S1|x|y|z")), foreign);
  EXPECT_EQ(StatusOf(ParseTaskAddress("x|echo|1|2")), foreign);
  EXPECT_EQ(StatusOf(ParseTaskAddress("M|echo|1|2")), foreign);
  EXPECT_EQ(StatusOf(ParseTaskAddress("mm|echo|1|2")), foreign);
  EXPECT_EQ(StatusOf(ParseTaskAddress("|m|echo|1|2")), foreign);
}

TEST(TaskAddressTest, RefusesEmptyParts) {
  const std::string empty = "PROTOCOL_ERROR: reply address has empty parts";
  EXPECT_EQ(StatusOf(ParseTaskAddress("m||1|2")), empty);
  EXPECT_EQ(StatusOf(ParseTaskAddress("m|echo||2")), empty);
  EXPECT_EQ(StatusOf(ParseTaskAddress("m|echo|1|")), empty);
  EXPECT_EQ(StatusOf(ParseTaskAddress("m|||")), empty);
  EXPECT_EQ(StatusOf(ParseTaskAddress("r||1|2|S1")), empty);
  EXPECT_EQ(StatusOf(ParseTaskAddress("r|echo|1||S1")), empty);
}

}  // namespace
}  // namespace duban::broker
