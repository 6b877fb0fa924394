// WorkThread: one thread reused for every input, the owner free while it runs.
#include "workers/runtime/work_thread.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <string>
#include <thread>

namespace duban::workers {
namespace {

TEST(WorkThreadTest, RunsEachInputOnTheSameThreadAndHandsBackItsResult) {
  std::set<std::thread::id> threads;
  WorkThread w([&](const std::string& in) {
    threads.insert(std::this_thread::get_id());
    return in + "!";
  });
  for (int i = 0; i < 100; ++i) {
    w.Start(std::to_string(i));
    std::string out;
    while (!w.WaitFor(50, &out)) {
    }
    EXPECT_EQ(out, std::to_string(i) + "!");
  }
  EXPECT_EQ(threads.size(), 1u) << "one thread for all inputs, not one each";
  EXPECT_EQ(threads.count(std::this_thread::get_id()), 0u);
}

TEST(WorkThreadTest, WaitForReturnsFalseWhileTheWorkRunsAndTheOwnerGoesOn) {
  std::atomic<bool> release{false};
  WorkThread w([&](const std::string&) {
    while (!release) std::this_thread::yield();
    return std::string("done");
  });
  w.Start("x");
  std::string out;
  EXPECT_FALSE(w.WaitFor(1, &out));
  EXPECT_FALSE(w.WaitFor(5, &out));
  EXPECT_TRUE(out.empty());
  release = true;
  while (!w.WaitFor(50, &out)) {
  }
  EXPECT_EQ(out, "done");
}

TEST(WorkThreadTest, StopsCleanlyIdleOrAfterWork) {
  { WorkThread idle([](const std::string& s) { return s; }); }
  WorkThread w([](const std::string& s) { return s; });
  w.Start("a");
  std::string out;
  while (!w.WaitFor(50, &out)) {
  }
  EXPECT_EQ(out, "a");
}

}  // namespace
}  // namespace duban::workers
