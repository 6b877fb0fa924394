// A role that throws answers an error outcome instead of ending the worker. Bug (issue "Nothing
// lost, nothing doubled, nothing silently wrong", hole 7): an exception from a role's Handle (the
// webhook role's JSON encoder on a \xff title) escaped and killed the worker on every retry.
#include "workers/runtime/safe_handle.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "tests/support/manual_clock.h"

namespace duban::workers {
namespace {

class Thrower final : public Role {
 public:
  explicit Thrower(int how) : how_(how) {}
  Result<protocol::Outcome> Handle(const protocol::TaskMessage&) override {
    if (how_ == 1) throw std::runtime_error("[json.exception.type_error.316] invalid UTF-8 byte");
    if (how_ == 2) throw 42;
    protocol::Outcome o;
    o.action = "done";
    return o;
  }

 private:
  int how_;
};

TEST(SafeHandleTest, WhatARoleThrowsBecomesInternal) {
  protocol::TaskMessage task;
  task.task_id = "000000000001";
  task.service = "webhook";
  task.kind = "deliver";
  Thrower std_exception(1), other(2), fine(0);
  Result<protocol::Outcome> a = HandleSafely(std_exception, task);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), StatusCode::kInternal);
  EXPECT_NE(a.status().message().find("invalid UTF-8 byte"), std::string::npos);
  Result<protocol::Outcome> b = HandleSafely(other, task);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().code(), StatusCode::kInternal);
  Result<protocol::Outcome> c = HandleSafely(fine, task);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->action, "done");
}


}  // namespace
}  // namespace duban::workers
