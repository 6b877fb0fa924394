// StoreTest: the fixture of the tests that run the store's scripts against a real redis-server
// (scripts/test exports DUBAN_TEST_REDIS_URL). Each test gets its own key prefix, so tests share
// one server, and its keys are deleted afterwards.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "common/protocol/codec.h"
#include "common/store/redis_client.h"
#include "common/store/scripts.h"
#include "common/store/task_store.h"

namespace duban::store {

// A minimal valid draft of `session` (the store does not read its fields).
inline protocol::SuggestionDraft Draft(const std::string& session) {
  protocol::SuggestionDraft d;
  d.title = "t";
  d.content = "c";
  d.deputy = {"D1", "代表", ""};
  d.session = session;
  return d;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("DUBAN_TEST_REDIS_URL");
    ASSERT_NE(url, nullptr) << "DUBAN_TEST_REDIS_URL is not set: run through scripts/test";
    auto c = RedisClient::Create(url, 1000, 1000, DubanScripts());
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    redis_ = std::move(c).value();
    prefix_ = KeyPrefix("t" + std::to_string(std::random_device{}()) + "_" +
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    store_ = std::make_unique<TaskStore>(*redis_, prefix_, RetryPolicy{100, 1000, 3, 5}, 30000);
  }
  void TearDown() override {
    if (!redis_) return;
    auto keys = redis_->Run({"KEYS", prefix_ + ":*"});  // test clean-up only; never in the product
    if (keys.ok()) {
      for (const auto& k : keys->elements) (void)redis_->Run({"DEL", k.str});
    }
  }
  // Submits n suggestions of session 2026 (request ids rid-0...); returns their codes.
  std::vector<std::string> Submit(int n) {
    protocol::SuggestionDraft d = Draft("2026");
    std::vector<SubmitItem> items;
    for (int i = 0; i < n; ++i) {
      items.push_back({"rid-" + std::to_string(i), "2026", protocol::EncodeBare(d), "deputy:D1",
                       d.deputy.id});
    }
    auto r = store_->Submit(5000, 60, items);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    std::vector<std::string> codes;
    if (r.ok()) {
      for (const auto& s : *r) codes.push_back(s.code);
    }
    return codes;
  }

  std::unique_ptr<RedisClient> redis_;
  std::unique_ptr<TaskStore> store_;
  std::string prefix_;
};

}  // namespace duban::store
