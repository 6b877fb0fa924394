// WorkThread: one long-lived thread that runs a function on one input at a time, so that the
// thread that hands it the input can do something else (the worker runtime heartbeats) while it
// runs. Started once and reused for every task: a thread started per task (std::async) cost the
// worker more CPU than the role's work itself (docs/performance.md, 2026-12-06).
//
// Thread rules: Start and WaitFor are called from one thread (the owner's); the function runs on
// the work thread only. mu_ guards input_, result_ and stop_. At most one input is in flight:
// Start is called only after the previous input's result was taken by WaitFor.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "common/clock.h"

namespace duban::workers {

class WorkThread {
 public:
  using Fn = std::function<std::string(const std::string&)>;
  // `fn` must not throw (the worker runtime's HandleBody turns every failure into a reply).
  explicit WorkThread(Fn fn);
  ~WorkThread();  // lets the current input finish, then joins
  WorkThread(const WorkThread&) = delete;
  WorkThread& operator=(const WorkThread&) = delete;

  // Hands `input` to the thread (copied). Precondition: nothing in flight.
  void Start(std::string input);
  // Waits at most `ms` for the result: true with *out set (and the thread idle again) when it is
  // there, false when it is still running.
  bool WaitFor(Millis ms, std::string* out);

 private:
  void Loop();

  Fn fn_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::optional<std::string> input_;   // guarded by mu_
  std::optional<std::string> result_;  // guarded by mu_
  bool stop_ = false;                  // guarded by mu_
  std::thread thread_;                 // last: started once the rest is set up
};

}  // namespace duban::workers
