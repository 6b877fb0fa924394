// duban-monitor: the staff dashboard, JSON API and Prometheus /metrics of Duban. main() only
// wires: flags, the optional config (unit names, time zone, staff accounts), logging, the
// BrokerLink, the Sampler thread and the HTTP server, then waits for SIGINT/SIGTERM. A 7/MDP client
// of the broker, like dubanctl: it never reads Redis, and it keeps running while the broker is
// away. `duban-monitor --hash-password` only turns a password into an account's hash and exits.
#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <thread>

#include "common/calendar.h"
#include "common/http/password.h"
#include "common/log.h"
#include "common/process.h"
#include "common/transport/curve_keys.h"
#include "config/config.h"
#include "monitor/access.h"
#include "monitor/http_server.h"
#include "monitor/sampler.h"
#include "monitor/staff_login.h"

namespace {

// --hash-password: one line from stdin (not echoed on a terminal) to its argon2id hash on stdout,
// for password_hash in [[monitor.account]]. 0 on success, 2 for an empty or unusable password.
int PrintPasswordHash() {
  auto password = duban::http::ReadPasswordLine(std::cin, "password: ");
  auto hash = password.ok() ? duban::http::HashPassword(*password) : password;
  if (!hash.ok()) {
    std::cerr << "duban-monitor: --hash-password: " << hash.status().message() << "\n";
    return 2;
  }
  std::cout << *hash << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace duban;
  using namespace duban::monitor;
  CLI::App app{
      "duban-monitor: the Duban dashboard (督办监控台), its JSON API and Prometheus /metrics.\n"
      "It samples the broker's duban.* services every few seconds over 7/MDP.\n"
      "Example: duban-monitor --broker tcp://127.0.0.1:5555 --http 127.0.0.1:8780",
      "duban-monitor"};
  std::string http = "127.0.0.1:8780", broker = "tcp://127.0.0.1:5555";
  std::string config_path = DefaultConfigPath(), log_level = "info", time_start;
  std::string web_root = DUBAN_MONITOR_WEB_DIR, chartjs = kDefaultChartJs;
  std::int64_t interval_ms = 5000, timeout_ms = 2000, session_hours = 8;
  double time_scale = 1.0;
  std::vector<std::string> allowed_hosts;
  bool require_login = false, hash_password = false;
  app.add_option("--http", http,
                 "ADDRESS:PORT to serve the dashboard on (on an address other than loopback, "
                 "staff must sign in with an account of the config)")
      ->capture_default_str();
  app.add_option("--allowed-host", allowed_hosts,
                 "a NAME[:PORT] browsers may use for the dashboard besides the --http address "
                 "(repeatable; any other Host header is refused: DNS rebinding)")
      ->allow_extra_args(false);
  app.add_flag("--require-login", require_login,
               "ask for a staff sign-in on a loopback address too (needs [[monitor.account]])");
  app.add_option("--session-hours", session_hours, "a staff session ends this long after sign-in")
      ->capture_default_str()
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{24 * 30}));
  app.add_flag("--hash-password", hash_password,
               "read a password from stdin, print its argon2id hash for password_hash in "
               "[[monitor.account]], and exit");
  app.add_option("--broker", broker, "broker endpoint (env DUBAN_BROKER)")
      ->envname("DUBAN_BROKER")
      ->capture_default_str();
  app.add_option("--config", config_path,
                 "duban.toml for unit names and the time zone (default $DUBAN_CONFIG or "
                 "./config/duban.toml; without one: unit ids, UTC+8)");
  app.add_option("--sample-interval-ms", interval_ms, "how often to sample the broker")
      ->capture_default_str()
      ->check(CLI::Range(std::int64_t{200}, std::int64_t{60000}));
  app.add_option("--timeout", timeout_ms, "milliseconds to wait for each broker reply")
      ->capture_default_str()
      ->check(CLI::Range(std::int64_t{100}, std::int64_t{60000}));
  app.add_option("--web-root", web_root, "folder with index.html, app.js, style.css")
      ->capture_default_str();
  app.add_option("--chartjs", chartjs, "Chart.js file to serve (Debian's libjs-chart.js)")
      ->capture_default_str();
  app.add_option("--time-scale", time_scale,
                 "the broker's --time-scale, so that 'overdue' uses its domain date (demo)")
      ->check(CLI::PositiveNumber);
  app.add_option("--time-start", time_start, "the broker's --time-start YYYY-MM-DD (demo)");
  app.add_option("--log-level", log_level, "trace|debug|info|warn|error")->capture_default_str();
  std::string key_file, server_key_file;
  app.add_option("--key", key_file,
                 "the monitor's key file, for a broker with keys (registry role: monitor; admin "
                 "too for the dashboard's pause and replay)")
      ->envname("DUBAN_KEY");
  app.add_option("--server-key", server_key_file, "the broker's public key file")
      ->envname("DUBAN_SERVER_KEY");
  CLI11_PARSE(app, argc, argv);
  if (hash_password) return PrintPasswordHash();  // needs neither the broker nor keys
  auto curve = transport::LoadClientCurve(key_file, server_key_file);
  if (!curve.ok()) {
    std::cerr << "duban-monitor: " << curve.status().ToString() << "\n";
    return 2;
  }

  if (Status s = SetupLogging(log_level); !s.ok()) {
    std::cerr << "duban-monitor: " << s.ToString() << "\n";
    return 2;
  }
  auto log = Logger("monitor");
  auto address = duban::http::ParseListenAddress(http);
  if (!address.ok()) {
    std::cerr << "duban-monitor: --http: " << address.status().message() << "\n";
    return 2;
  }

  ServerOptions server;
  server.host = address->host;
  server.port = address->port;
  server.web_root = web_root;
  server.chartjs_path = chartjs;
  server.allowed_hosts = allowed_hosts;
  server.session_ttl_ms = session_hours * 3600 * 1000;
  if (!config_path.empty()) {
    auto cfg = config::LoadConfig(config_path);
    if (!cfg.ok()) {
      std::cerr << "duban-monitor: " << cfg.status().ToString() << "\n";
      return 2;
    }
    for (const auto& u : cfg->units) server.presentation.unit_names[u.id] = u.name;
    server.presentation.utc_offset_minutes = cfg->jurisdiction.utc_offset_minutes;
    for (const auto& a : cfg->monitor.accounts) {
      server.accounts.push_back({a.name, a.password_hash});
    }
  }
  auto sign_in = SignInRequired(*address, !server.accounts.empty(), require_login, allowed_hosts);
  if (!sign_in.ok()) {
    std::cerr << "duban-monitor: --http " << http << ": " << sign_in.status().message() << "\n";
    return 2;
  }
  server.sign_in_required = *sign_in;
  Millis start_ms = 0;
  if (!time_start.empty()) {
    auto d = ParseDate(time_start);
    if (!d.ok()) {
      std::cerr << "duban-monitor: --time-start: " << d.status().ToString() << "\n";
      return 2;
    }
    start_ms = StartOfLocalDay(*d, server.presentation.utc_offset_minutes) + 9 * 3600 * 1000;
  }

  auto link = BrokerLink::Create(broker, timeout_ms, std::move(curve).value());
  if (!link.ok()) {
    std::cerr << "duban-monitor: --broker: " << link.status().message() << "\n";
    return 2;
  }
  SystemClock wall;
  ScaledClock domain(time_scale, start_ms);
  SamplerOptions sampling;
  sampling.interval_ms = interval_ms;
  sampling.utc_offset_minutes = server.presentation.utc_offset_minutes;
  Sampler sampler(**link, wall, domain, sampling);

  auto& stop = InstallStopHandler();
  auto srv = MonitorServer::Create(server, sampler, **link, wall);
  if (!srv.ok()) {
    std::cerr << "duban-monitor: --http " << http << ": " << srv.status().message() << "\n";
    return srv.status().code() == StatusCode::kUnavailable ? 1 : 2;
  }
  sampler.Start();
  std::thread serving([&] {
    if (!(*srv)->Run()) log->error("the HTTP server stopped unexpectedly");
  });
  std::string host =
      server.host.find(':') != std::string::npos ? "[" + server.host + "]" : server.host;
  log->info("dashboard on http://{}:{}/ (metrics /metrics), sampling {} every {} ms", host,
            (*srv)->port(), broker, interval_ms);
  std::string hosts;
  for (const std::string& h : (*srv)->allowed_hosts()) hosts += (hosts.empty() ? "" : ", ") + h;
  log->info("answering to Host {}; {}", hosts,
            server.sign_in_required
                ? "staff sign-in required, accounts: " + std::to_string(server.accounts.size())
                : std::string("no sign-in (loopback: only this machine may act)"));

  while (!stop.load()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  log->info("stopping");
  (*srv)->Stop();
  serving.join();
  sampler.Stop();
  return 0;
}
