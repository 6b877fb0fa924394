// The webhook role POSTs only to the URL its own config gives the recipient unit, and no bytes in
// a notice can make it throw. Bugs (issue "Nothing lost, nothing doubled, nothing silently wrong",
// hole 7): the URL came from the task body, so whatever wrote the body chose where a notice went;
// a title with \xff threw from the JSON encoder and killed the worker on every retry.
#include "workers/webhook/webhook_role.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/protocol/wire.h"
#include "tests/support/manual_clock.h"

namespace duban::workers::webhook {
namespace {

// A local HTTP server on 127.0.0.1 that records the bodies POSTed to it and answers 200.
class Receiver {
 public:
  Receiver() {
    server_.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mu_);
      bodies_.push_back(req.body);
      res.status = 200;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");  // listening from here on: no wait needed
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~Receiver() {
    // stop() does nothing until the accept loop runs, and the loop would then never end: wait for
    // it (it starts at once; the socket was listening since the constructor).
    while (!server_.is_running()) std::this_thread::yield();
    server_.stop();
    thread_.join();
  }
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  std::vector<std::string> Bodies() {
    std::lock_guard<std::mutex> lock(mu_);
    return bodies_;
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;  // guards bodies_
  std::vector<std::string> bodies_;
};

protocol::TaskMessage Deliver(const std::string& recipient, const std::string& url,
                              const std::string& text = "【提醒】请按期答复") {
  protocol::MapWriter w;
  if (!url.empty()) w.Str("url", url);
  w.Str("key", "S2026-00001:1").Str("recipient", recipient).Str("kind", "reminder");
  w.Str("text", text).Str("code", "S2026-00001").Int("at_ms", 1'767'225'600'000);
  protocol::TaskMessage t;
  t.task_id = "000000000001";
  t.service = "webhook";
  t.kind = "deliver";
  t.payload = w.Take();
  return t;
}

class WebhookRoleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config::Config c = config::DefaultConfig();
    c.units = {{"jyj", "市教育局"}, {"czj", "市财政局"}};
    c.units[0].webhook = unit_rx_.Url();
    auto role = WebhookRole::Create(c, clock_);
    ASSERT_TRUE(role.ok()) << role.status().ToString();
    role_ = std::move(role).value();
  }
  Receiver unit_rx_;  // jyj's configured webhook
  Receiver foreign_;  // somewhere a task body might name
  duban::testing::ManualClock clock_;
  std::unique_ptr<Role> role_;
};

TEST_F(WebhookRoleTest, DeliversToTheConfiguredWebhookOfTheRecipientUnit) {
  auto o = role_->Handle(Deliver("unit:jyj", unit_rx_.Url()));
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_EQ(o->action, "notice_delivered");
  ASSERT_EQ(unit_rx_.Bodies().size(), 1u);
  EXPECT_NE(unit_rx_.Bodies()[0].find("请按期答复"), std::string::npos);
  // A body without a URL (it is only ever checked against the config) is delivered all the same.
  ASSERT_TRUE(role_->Handle(Deliver("unit:jyj", "")).ok());
  EXPECT_EQ(unit_rx_.Bodies().size(), 2u);
}

TEST_F(WebhookRoleTest, ABodyNamingAnotherUrlIsRefusedAndNothingIsPosted) {
  auto o = role_->Handle(Deliver("unit:jyj", foreign_.Url()));
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.status().code(), StatusCode::kInvalidArgument) << o.status().ToString();
  EXPECT_TRUE(foreign_.Bodies().empty());
  EXPECT_TRUE(unit_rx_.Bodies().empty());
}

TEST_F(WebhookRoleTest, ARecipientWithoutAConfiguredWebhookIsRefusedAndNothingIsPosted) {
  for (const char* recipient : {"staff", "unit:czj", "unit:nosuch", "deputy:D1", "unit:"}) {
    auto o = role_->Handle(Deliver(recipient, foreign_.Url()));
    ASSERT_FALSE(o.ok()) << recipient;
    EXPECT_EQ(o.status().code(), StatusCode::kInvalidArgument) << o.status().ToString();
  }
  EXPECT_TRUE(foreign_.Bodies().empty());
  EXPECT_TRUE(unit_rx_.Bodies().empty());
}

TEST_F(WebhookRoleTest, TextThatIsNotUtf8IsDeliveredWithReplacementCharactersInsteadOfThrowing) {
  auto o = role_->Handle(Deliver("unit:jyj", unit_rx_.Url(), "关于\xff\xfe的建议"));
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  ASSERT_EQ(unit_rx_.Bodies().size(), 1u);
  EXPECT_NE(unit_rx_.Bodies()[0].find("关于\xEF\xBF\xBD"), std::string::npos)  // U+FFFD
      << unit_rx_.Bodies()[0];
}

TEST(DeliveryJsonTest, NeverThrowsOnAnyBytes) {
  std::string every_byte;
  for (int b = 0; b < 256; ++b) every_byte.push_back(static_cast<char>(b));
  std::string json;
  EXPECT_NO_THROW(json =
                      DeliveryJson(every_byte, every_byte, every_byte, every_byte, every_byte, 1));
  EXPECT_NE(json.find("\"at_ms\":1"), std::string::npos) << json;
}

}  // namespace
}  // namespace duban::workers::webhook
