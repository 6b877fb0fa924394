#include "common/checkpoint_log.h"

#include <gtest/gtest.h>

#include <map>

namespace duban {
namespace {

std::string H(char c) { return std::string(40, c); }

class CheckpointLogTest : public ::testing::Test {
 protected:
  // Three checkpoints: S1 and S2 at the first, S1 grown at the second, S3 new at the third.
  void SetUp() override {
    key_ = NewSigningKey();
    text_ += Next({{"S1", 1, H('a')}, {"S2", 2, H('b')}}, 1000);
    text_ += Next({{"S1", 3, H('c')}}, 2000);
    text_ += Next({{"S3", 1, H('d')}}, 3000);
  }
  std::string Next(const std::vector<CheckpointLeaf>& changed, Millis at) {
    auto t = NextCheckpoint(&writer_, changed, at, key_.secret_key);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? *t : "";
  }
  Result<CheckpointLog> Read(const std::string& text) {
    return ReadCheckpointLog(text, key_.public_key, /*with_history=*/true);
  }
  // The store as `heads` of each code.
  std::vector<LeafFinding> Compare(const CheckpointLog& log,
                                   const std::map<std::string, std::vector<std::string>>& store) {
    return CompareWithStore(log, [&](const std::string& code) {
      auto it = store.find(code);
      return it == store.end() ? nullptr : &it->second;
    });
  }

  SigningKey key_;
  CheckpointLog writer_;
  std::string text_;
};

TEST_F(CheckpointLogTest, WhatTheBrokerWroteReadsBackWithEveryLeafAndItsHistory) {
  auto log = Read(text_);
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  ASSERT_EQ(log->checkpoints.size(), 3u);
  EXPECT_EQ(log->complete_bytes, text_.size());
  ASSERT_EQ(log->leaves.size(), 3u);
  EXPECT_EQ(log->leaves[0].code, "S1");  // replaced in place, not moved
  EXPECT_EQ(log->leaves[0].entries, 3);
  EXPECT_EQ(log->leaves[2].code, "S3");
  ASSERT_EQ(log->history["S1"].size(), 2u);
  EXPECT_EQ(log->history["S1"][1].checkpoint, 1u);
  EXPECT_EQ(log->last_line, writer_.last_line);
}

TEST_F(CheckpointLogTest, AnEditedLeafARemovedCheckpointOrAnotherKeyIsRefused) {
  std::string edited = text_;
  edited.replace(edited.find("leaf S2 2"), 9, "leaf S2 1");
  EXPECT_FALSE(Read(edited).ok());

  // The second checkpoint and its leaf line removed: the third no longer follows the first.
  auto second = text_.find("leaf S1 3");
  auto third = text_.find("leaf S3");
  std::string removed = text_.substr(0, second) + text_.substr(third);
  auto r = Read(removed);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("does not follow"), std::string::npos)
      << r.status().message();

  auto other = ReadCheckpointLog(text_, NewSigningKey().public_key, false);
  EXPECT_EQ(other.status().code(), StatusCode::kPermissionDenied);
}

TEST_F(CheckpointLogTest, AWriteCutShortAtTheEndIsLeftOut) {
  std::string torn = text_ + "leaf S4 1 " + H('e') + "\nduban-checkpoint 1 40";
  auto log = Read(torn);
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  EXPECT_EQ(log->checkpoints.size(), 3u);
  EXPECT_EQ(log->complete_bytes, text_.size());
  // What a power loss leaves: zeros, then a line end.
  auto zeros = Read(text_ + "leaf S4 1 " + std::string(20, '\0') + "\n" + std::string(9, '\0'));
  ASSERT_TRUE(zeros.ok()) << zeros.status().ToString();
  EXPECT_EQ(zeros->complete_bytes, text_.size());
  // A bad line before a good checkpoint is no torn end.
  std::string middle = text_;
  middle.insert(middle.find("leaf S3"), "garbage\n");
  EXPECT_FALSE(Read(middle).ok());
}

TEST_F(CheckpointLogTest, TheBrokerKeepsOnlyTheLastCheckpointAndAClockSteppedBackIsHarmless) {
  auto log = ReadCheckpointLog(text_, key_.public_key, /*with_history=*/false);
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  EXPECT_EQ(log->count, 3u);
  ASSERT_EQ(log->checkpoints.size(), 1u);
  EXPECT_EQ(log->checkpoints[0].at_ms, 3000);
  // The wall clock went back: the next checkpoint takes the last one's time, and the file reads.
  auto pending = SignNextCheckpoint(*log, {{"S4", 1, H('e')}}, 10, key_.secret_key);
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(pending->checkpoint.at_ms, 3000);
  const std::string text = text_ + pending->text;
  EXPECT_EQ(log->leaves.size(), 3u);  // not applied until written
  ApplyCheckpoint(&*log, std::move(pending).value());
  EXPECT_EQ(log->count, 4u);
  EXPECT_EQ(log->checkpoints.size(), 1u);
  auto all = Read(text);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->count, 4u);
  EXPECT_EQ(all->checkpoints.size(), 4u);
  EXPECT_EQ(all->last_line, log->last_line);
}

TEST_F(CheckpointLogTest, TheStoreIsComparedWithTheFirstCheckpointItNoLongerMatches) {
  auto log = Read(text_);
  ASSERT_TRUE(log.ok());
  // Intact: S1 holds the signed heads at entries 1 and 3, S2 at 2, S3 at 1 (and more since).
  std::map<std::string, std::vector<std::string>> store = {
      {"S1", {H('a'), H('x'), H('c'), H('y')}}, {"S2", {H('z'), H('b')}}, {"S3", {H('d')}}};
  EXPECT_TRUE(Compare(*log, store).empty());

  auto gone = store;
  gone.erase("S3");
  auto f = Compare(*log, gone);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].problem, "deleted");
  EXPECT_EQ(f[0].checkpoint, 2u);

  // Rolled back to before the second checkpoint: S1 has one entry.
  auto rolled = store;
  rolled["S1"] = {H('a')};
  f = Compare(*log, rolled);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].problem, "truncated");
  EXPECT_EQ(f[0].checkpoint, 1u);
  EXPECT_EQ(f[0].entries_now, 1);

  auto rewritten = store;
  rewritten["S2"][1] = H('f');
  f = Compare(*log, rewritten);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].problem, "rewritten");
  EXPECT_EQ(f[0].checkpoint, 0u);
}

TEST_F(CheckpointLogTest, ALeafACheckpointCannotCarryIsRefused) {
  CheckpointLog log;
  EXPECT_FALSE(NextCheckpoint(&log, {{"S 1", 1, H('a')}}, 1, key_.secret_key).ok());
  EXPECT_FALSE(NextCheckpoint(&log, {{"S1", 1, "not a head"}}, 1, key_.secret_key).ok());
  EXPECT_TRUE(log.checkpoints.empty());
}

}  // namespace
}  // namespace duban
