// Commands: the table of dubanctl's commands (Redis style: commands are data). Each entry names
// the command, describes it for --help with an example, and sets up its options on a CLI11
// subcommand, returning the action main() runs when that subcommand was chosen. Adding a command
// is one function and one table row here, with no edit in main.cc.
//
// Every action prints the reply for people (tables, see table.h) or, with --json, as JSON on
// stdout (json_view.h); errors go to stderr. It returns the process exit code (broker_client.h
// lists them).
//
// Thread rules: everything runs on the main thread.
#pragma once

#include <functional>
#include <iostream>
#include <vector>

#include "dubanctl/broker_client.h"
#include "dubanctl/json_view.h"

namespace CLI {
class App;
}

namespace duban::ctl {

using Action = std::function<int(const Context&)>;

struct Command {
  const char* name;
  const char* description;  // first line of the command's --help
  const char* example;      // shown as the command's --help footer
  Action (*set_up)(CLI::App& sub);
};

// In the order `dubanctl --help` lists them.
const std::vector<Command>& Commands();

// Connects to the broker named in the options. On failure prints the error and returns nullptr
// with *exit_code set (kExitUsage for an endpoint ZeroMQ refuses).
std::unique_ptr<BrokerClient> Connect(const Context& ctx, int* exit_code);

// The current year at the context's UTC offset, e.g. "2026": the default session.
std::string CurrentSession(const Context& ctx);

// Sends one request and hands the reply to `print` (which prints it for people or as JSON).
// Returns the exit code: kExitOk, or the failure's (ReportFailure prints it).
// `service` is a name of the table of services whose request and reply are Request and Reply
// (for commands that serve several services of the same shape: the unit actions).
template <typename Reply, typename Request, typename Print>
int CallBroker(const Context& ctx, std::string_view service, const Request& req, Print print) {
  int exit_code = kExitOk;
  auto client = Connect(ctx, &exit_code);
  if (!client) return exit_code;
  Answer<Reply> answer = client->template Call<Reply>(std::string(service), req);
  if (!answer.ok()) return ReportFailure(answer.failure);
  print(*answer.reply);
  return kExitOk;
}
// S is the service's entry in the table of services (common/protocol/services.h).
template <typename S, typename Print>
int CallBroker(const Context& ctx, const typename S::Request& req, Print print) {
  return CallBroker<typename S::Reply>(ctx, S::kName, req, print);
}

// Sends one request and prints the reply with `human`, or as JSON (`to_json`) under --json.
// Returns the exit code.
template <typename S, typename Human, typename ToJsonFn>
int CallAndPrint(const Context& ctx, const typename S::Request& req, Human human,
                 ToJsonFn to_json) {
  return CallBroker<S>(ctx, req, [&](const typename S::Reply& r) {
    if (ctx.options.json) {
      Print(std::cout, to_json(r));
    } else {
      human(r);
    }
  });
}

}  // namespace duban::ctl
