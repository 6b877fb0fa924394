#include "dubanctl/workers_command.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>

namespace duban::ctl {

using namespace protocol;

Table WorkersTable(const WorkersReply& r) {
  std::vector<WorkerInfo> workers = r.workers;
  std::stable_sort(workers.begin(), workers.end(), [](const WorkerInfo& a, const WorkerInfo& b) {
    if (a.service != b.service) return a.service < b.service;
    return a.busy && !b.busy;
  });
  Table t({"ID", "KEY", "SERVICE", "STATE", "TASK", "LAST SEEN"});
  t.AlignRight(5);
  for (const WorkerInfo& w : workers) {
    char age[32];
    std::snprintf(age, sizeof age, "%.1f s ago", static_cast<double>(w.last_seen_age_ms) / 1000);
    t.AddRow({w.id, w.key.empty() ? "-" : w.key, w.service, w.busy ? "busy" : "idle",
              w.task.empty() ? "-" : w.task, age});
  }
  return t;
}

Action SetUpWorkers(CLI::App& sub) {
  auto service = std::make_shared<std::string>();
  sub.add_option("--service", *service, "Only the workers of this service");
  return [service](const Context& ctx) {
    int exit_code = kExitOk;
    auto client = Connect(ctx, &exit_code);
    if (!client) return exit_code;
    Answer<WorkersReply> answer = client->Call<svc::Workers>(WorkersRequest{});
    if (!answer.ok()) return ReportFailure(answer.failure);
    WorkersReply r = *answer.reply;
    if (!service->empty()) {
      std::erase_if(r.workers, [&](const WorkerInfo& w) { return w.service != *service; });
    }
    if (ctx.options.json) {
      Print(std::cout, protocol::ToJson(r, JsonOptions{ctx.utc_offset_minutes}));
      return kExitOk;
    }
    if (r.workers.empty()) {
      std::cout << "no live workers" << (service->empty() ? "" : " for " + *service) << '\n';
      return kExitOk;
    }
    WorkersTable(r).Print(std::cout);
    std::size_t busy = std::count_if(r.workers.begin(), r.workers.end(),
                                     [](const WorkerInfo& w) { return w.busy; });
    std::cout << r.workers.size() << " worker" << (r.workers.size() == 1 ? "" : "s") << ", " << busy
              << " busy\n";
    return kExitOk;
  };
}

}  // namespace duban::ctl
