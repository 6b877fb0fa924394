// BrokerStory: the fixture of the story tests of the broker's own services (tests/services/
// *_story_test.cc). The real broker loop with its services, the real store against the test
// redis-server (scripts/test exports DUBAN_TEST_REDIS_URL; each test has its own key prefix) and
// the shipped config, in this process: a client socket over inproc:// on the broker's own
// context, and manual clocks. Nothing runs in the background: Call sends a request and turns the
// loop (RunOnce without waiting) until the answer is there, so a story is deterministic and time
// moves only when it says so (Advance).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "broker/broker_loop.h"
#include "broker/router.h"
#include "common/protocol/codec.h"
#include "common/protocol/mdp.h"
#include "common/protocol/services.h"
#include "common/store/redis_client.h"
#include "common/store/scripts.h"
#include "common/store/task_store.h"
#include "config/config.h"
#include "services/api_handlers.h"
#include "tests/support/manual_clock.h"

namespace duban::testing {

class BrokerStory : public ::testing::Test {
 protected:
  // Turns of the loop Call waits for an answer at most (each turn is one round of Redis calls).
  static constexpr int kMaxTurns = 1000;

  void SetUp() override {
    const char* url = std::getenv("DUBAN_TEST_REDIS_URL");
    ASSERT_NE(url, nullptr) << "DUBAN_TEST_REDIS_URL is not set: run through scripts/test";
    auto cfg = config::LoadConfig(std::string(DUBAN_SOURCE_DIR) + "/config/duban.toml");
    ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
    config_ = std::move(cfg).value();
    const std::string name = "story" + std::to_string(std::random_device{}()) + "_" +
                             ::testing::UnitTest::GetInstance()->current_test_info()->name();
    config_.redis.key_prefix = name;
    prefix_ = KeyPrefix(name);
    config_.broker.bind = "inproc://" + name;
    auto redis = store::RedisClient::Create(url, 1000, 1000, store::DubanScripts());
    ASSERT_TRUE(redis.ok()) << redis.status().ToString();
    redis_ = std::move(redis).value();
    const auto& b = config_.broker;
    store_ = std::make_unique<store::TaskStore>(
        *redis_, prefix_,
        store::RetryPolicy{b.backoff_base_ms, b.backoff_max_ms, b.max_attempts, b.dead_letter_max},
        b.lease_ms);
    auto router = broker::Router::Create(config_.broker.bind,
                                         static_cast<std::size_t>(b.max_message_bytes), counters_);
    ASSERT_TRUE(router.ok()) << router.status().ToString();
    router_ = std::move(router).value();
    loop_ = std::make_unique<broker::BrokerLoop>(config_, *router_, *store_, clock_, clock_, 1.0,
                                                 counters_, services::MakeOwnServices);
    client_ = std::make_unique<zmq::socket_t>(router_->context(), zmq::socket_type::dealer);
    client_->set(zmq::sockopt::linger, 0);
    client_->connect(config_.broker.bind);
  }

  void TearDown() override {
    client_.reset();
    loop_.reset();
    router_.reset();
    if (!redis_) return;
    auto keys = redis_->Run({"KEYS", prefix_ + ":*"});  // test clean-up only; never in the product
    if (keys.ok()) {
      for (const auto& k : keys->elements) (void)redis_->Run({"DEL", k.str});
    }
  }

  // One request of service S, answered: the loop is turned until the reply is there.
  template <typename S>
  Result<typename S::Reply> Call(const typename S::Request& req) {
    Send(std::string(S::kName), protocol::Encode(req));
    auto body = Answer(S::kName);
    if (!body.ok()) return body.status();
    return protocol::DecodeReply<typename S::Reply>(*body);
  }

  // The same, for a call that must succeed.
  template <typename S>
  typename S::Reply Ok(const typename S::Request& req) {
    auto r = Call<S>(req);
    EXPECT_TRUE(r.ok()) << S::kName << ": " << r.status().ToString();
    return r.ok() ? *r : typename S::Reply{};
  }

  void Send(const std::string& service, const std::string& body) {
    std::vector<zmq::const_buffer> frames = {zmq::buffer(std::string_view()),
                                             zmq::buffer(protocol::kClientHeader),
                                             zmq::buffer(service), zmq::buffer(body)};
    zmq::send_multipart(*client_, frames);
  }

  // The body of the next reply, which must name `service`; DeadlineExceeded after kMaxTurns.
  Result<std::string> Answer(std::string_view service) {
    for (int turn = 0; turn < kMaxTurns; ++turn) {
      loop_->RunOnce(0);
      std::vector<zmq::message_t> msg;
      if (!zmq::recv_multipart(*client_, std::back_inserter(msg), zmq::recv_flags::dontwait)) {
        continue;
      }
      if (msg.size() != 4 || msg[2].to_string_view() != service) {
        return Internal("unexpected reply of " + std::to_string(msg.size()) + " frames");
      }
      return msg[3].to_string();
    }
    return DeadlineExceeded("no reply from " + std::string(service) + " in " +
                            std::to_string(kMaxTurns) + " loop turns");
  }

  // A suggestion filed by deputy D2026001 (category 教育: the rules route it to jyj); its code.
  std::string Submit(const std::string& title = "关于增加学位供给的建议") {
    protocol::SubmitRequest req;
    req.request_id = "rid-" + std::to_string(++submits_);
    req.draft.title = title;
    req.draft.content = "请研究解决。";
    req.draft.category = "教育";
    req.draft.deputy = {"D2026001", "王丽华", "13800000000"};
    req.draft.session = "2026";
    return Ok<protocol::svc::Submit>(req).code;
  }

  void Advance(Millis ms) { clock_.Advance(ms); }

  config::Config config_;
  std::string prefix_;
  ManualClock clock_{1'795'000'000'000};  // 2026-11-18, a Wednesday
  Counters counters_;
  std::unique_ptr<store::RedisClient> redis_;
  std::unique_ptr<store::TaskStore> store_;
  std::unique_ptr<broker::Router> router_;
  std::unique_ptr<broker::BrokerLoop> loop_;
  std::unique_ptr<zmq::socket_t> client_;
  int submits_ = 0;
};

}  // namespace duban::testing
