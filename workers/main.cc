// duban-worker: one role per process. Wires the config, the role chosen by --role and the runtime.
#include <CLI/CLI.hpp>

#include <iostream>

#include "common/log.h"
#include "common/process.h"
#include "config/config.h"
#include "workers/runtime/calendar_reload.h"
#include "common/transport/curve_keys.h"
#include "workers/runtime/role.h"
#include "workers/runtime/worker_runtime.h"

int main(int argc, char** argv) {
  using namespace duban;
  std::string roles;
  for (const auto& n : workers::RoleNames()) roles += (roles.empty() ? "" : ", ") + n;
  CLI::App app{"duban-worker: serves one Duban role over ZeroMQ 7/MDP v0.1.\nRoles: " + roles +
               "\nExample: duban-worker --config config/duban.toml --role assignment "
               "--connect tcp://127.0.0.1:5555"};
  std::string config_path = DefaultConfigPath(), role_name, connect, log_level, key, server_key;
  bool list_roles = false;
  app.add_flag("--list-roles", list_roles, "print the known roles, one per line, and exit");
  app.add_option("--config", config_path, "config file (TOML); default $DUBAN_CONFIG or ./config/duban.toml");
  app.add_option("--role", role_name, "the role to serve (" + roles + ")");
  app.add_option("--connect", connect, "broker endpoint (overrides worker.connect)");
  app.add_option("--log-level", log_level, "trace|debug|info|warn|error (overrides log.level)");
  app.add_option("--key", key, "this worker's key file, for a broker with keys (its registry "
                               "entry needs the role worker:<role>)")
      ->envname("DUBAN_KEY");
  app.add_option("--server-key", server_key, "the broker's public key file")
      ->envname("DUBAN_SERVER_KEY");
  CLI11_PARSE(app, argc, argv);
  auto curve = transport::LoadClientCurve(key, server_key);
  if (!curve.ok()) {
    std::cerr << "duban-worker: " << curve.status().ToString() << "\n";
    return 2;
  }
  if (list_roles) {
    for (const auto& n : workers::RoleNames()) std::cout << n << "\n";
    return 0;
  }
  if (role_name.empty()) {
    std::cerr << "duban-worker: --role is required (" << roles << ")\n";
    return 2;
  }

  config::Config cfg = config::DefaultConfig();
  if (!config_path.empty()) {
    auto loaded = config::LoadConfig(config_path);
    if (!loaded.ok()) {
      std::cerr << "duban-worker: " << loaded.status().ToString() << "\n";
      return 2;
    }
    cfg = std::move(loaded).value();
  }
  if (!connect.empty()) cfg.worker.connect = connect;
  if (!log_level.empty()) cfg.log_level = log_level;
  if (Status s = SetupLogging(cfg.log_level); !s.ok()) {
    std::cerr << "duban-worker: " << s.ToString() << "\n";
    return 2;
  }
  auto factory = workers::FindRole(role_name);
  if (!factory.ok()) {
    std::cerr << "duban-worker: " << factory.status().ToString() << "\n";
    return 2;
  }
  workers::TaskClock clock;
  Counters counters;
  // With a config file the role follows its calendar files (workers/runtime/calendar_reload.h).
  const workers::RoleFactory make = *factory;
  auto role = config_path.empty()
                  ? make(cfg, clock)
                  : workers::CalendarFollowingRole::Create(make, cfg, config_path, clock, counters);
  if (!role.ok()) {
    std::cerr << "duban-worker: role " << role_name << ": " << role.status().ToString() << "\n";
    return 2;
  }
  std::atomic<bool>& stop = InstallStopHandler();
  workers::WorkerRuntime runtime(
      {cfg.worker.connect, role_name, cfg.worker.heartbeat_interval_ms,
       cfg.worker.heartbeat_liveness, cfg.worker.reconnect_initial_ms, cfg.worker.reconnect_max_ms,
       std::move(curve).value()},
      **role, clock, counters);
  runtime.Run(stop);
  return 0;
}
