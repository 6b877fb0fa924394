#include "workers/runtime/work_thread.h"

#include <chrono>
#include <utility>

namespace duban::workers {

WorkThread::WorkThread(Fn fn) : fn_(std::move(fn)), thread_([this] { Loop(); }) {}

WorkThread::~WorkThread() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void WorkThread::Start(std::string input) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    input_ = std::move(input);
    result_.reset();
  }
  cv_.notify_all();
}

bool WorkThread::WaitFor(Millis ms, std::string* out) {
  std::unique_lock<std::mutex> lock(mu_);
  if (!cv_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return result_.has_value(); })) {
    return false;
  }
  *out = std::move(*result_);
  result_.reset();
  return true;
}

void WorkThread::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    cv_.wait(lock, [this] { return stop_ || input_.has_value(); });
    if (!input_) return;  // stop_, nothing left to do
    std::string input = std::move(*input_);
    input_.reset();
    lock.unlock();
    std::string result = fn_(input);
    lock.lock();
    result_ = std::move(result);
    cv_.notify_all();
  }
}

}  // namespace duban::workers
