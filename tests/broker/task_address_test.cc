// Task addresses: the "client address" frame of a worker REQUEST names the task and its fencing
// token ("t|service|id|fence"); it must survive the worker's echo and anything else in that frame
// must be refused. Bug fixed (issue "Nothing lost, nothing doubled"): the address used to carry the
// suggestion code and whether the task was a role task, and the broker believed both.
#include "broker/task_address.h"

#include <gtest/gtest.h>

#include <string>

namespace duban::broker {
namespace {

template <typename T>
std::string StatusOf(const Result<T>& r) {
  return r.ok() ? "OK" : r.status().ToString();
}

TEST(TaskAddressTest, RoundTrip) {
  TaskAddress a{"a.b-c_1", "TS2026-00042.reply.remind.5d.000000000042",
                "9f86d081884c7d659a2feaa0c55ad015"};
  EXPECT_EQ(FormatTaskAddress(a),
            "t|a.b-c_1|TS2026-00042.reply.remind.5d.000000000042|9f86d081884c7d659a2feaa0c55ad015");
  Result<TaskAddress> back = ParseTaskAddress(FormatTaskAddress(a));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->service, a.service);
  EXPECT_EQ(back->id, a.id);
  EXPECT_EQ(back->fence, a.fence);
}

TEST(TaskAddressTest, RefusesWhatThisBrokerDidNotMake) {
  const std::string foreign = "PROTOCOL_ERROR: reply address is not a task address of this broker";
  // A raw client routing id (a worker answering a pre-restart request) or garbage.
  EXPECT_EQ(StatusOf(ParseTaskAddress(std::string("\0\x6b\x8b\x45\x67", 5))), foreign);
  EXPECT_EQ(StatusOf(ParseTaskAddress("")), foreign);
  EXPECT_EQ(StatusOf(ParseTaskAddress("t")), foreign);
  EXPECT_EQ(StatusOf(ParseTaskAddress("t|echo|1")), foreign);
  EXPECT_EQ(StatusOf(ParseTaskAddress("t|echo|1|2|S1")), foreign);
  // The old formats, which named a code and a kind, are not accepted any more.
  EXPECT_EQ(StatusOf(ParseTaskAddress("m|echo|1|2")), foreign);
  EXPECT_EQ(StatusOf(ParseTaskAddress("r|assignment|1|2|S2026-00001")), foreign);
  EXPECT_EQ(StatusOf(ParseTaskAddress("T|echo|1|2")), foreign);
  EXPECT_EQ(StatusOf(ParseTaskAddress("|t|echo|1|2")), foreign);
  EXPECT_EQ(StatusOf(ParseTaskAddress("t|echo|1|" + std::string(300, 'a'))), foreign);
}

TEST(TaskAddressTest, RefusesEmptyParts) {
  const std::string empty = "PROTOCOL_ERROR: reply address has empty parts";
  EXPECT_EQ(StatusOf(ParseTaskAddress("t||1|2")), empty);
  EXPECT_EQ(StatusOf(ParseTaskAddress("t|echo||2")), empty);
  EXPECT_EQ(StatusOf(ParseTaskAddress("t|echo|1|")), empty);
  EXPECT_EQ(StatusOf(ParseTaskAddress("t|||")), empty);
}

TEST(TaskAddressTest, RefusesCharactersOfKeysAndPatterns) {
  const std::string bad = "PROTOCOL_ERROR: reply address holds characters no task address has";
  EXPECT_EQ(StatusOf(ParseTaskAddress("t|echo|1 |2")), bad);
  EXPECT_EQ(StatusOf(ParseTaskAddress("t|echo}|1|2")), bad);
  EXPECT_EQ(StatusOf(ParseTaskAddress("t|echo|1:x|2")), bad);
  EXPECT_EQ(StatusOf(ParseTaskAddress("t|echo|1|*")), bad);
}

}  // namespace
}  // namespace duban::broker
