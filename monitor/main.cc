// duban-monitor: the staff dashboard, JSON API and Prometheus /metrics of Duban. main() only
// wires: flags, the optional config (unit names, time zone), logging, the BrokerLink, the Sampler
// thread and the HTTP server, then waits for SIGINT/SIGTERM. A 7/MDP client of the broker, like
// dubanctl: it never reads Redis, and it keeps running while the broker is away.
#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <thread>

#include "common/calendar.h"
#include "common/log.h"
#include "common/process.h"
#include "config/config.h"
#include "monitor/access.h"
#include "monitor/http_server.h"
#include "monitor/sampler.h"

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
  std::int64_t interval_ms = 5000, timeout_ms = 2000;
  double time_scale = 1.0;
  app.add_option("--http", http, "ADDRESS:PORT to serve the dashboard on (only 127.0.0.1 may act)")
      ->capture_default_str();
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
  CLI11_PARSE(app, argc, argv);

  if (Status s = SetupLogging(log_level); !s.ok()) {
    std::cerr << "duban-monitor: " << s.ToString() << "\n";
    return 2;
  }
  auto log = Logger("monitor");
  auto address = ParseListenAddress(http);
  if (!address.ok()) {
    std::cerr << "duban-monitor: --http: " << address.status().message() << "\n";
    return 2;
  }

  ServerOptions server;
  server.host = address->host;
  server.port = address->port;
  server.web_root = web_root;
  server.chartjs_path = chartjs;
  if (!config_path.empty()) {
    auto cfg = config::LoadConfig(config_path);
    if (!cfg.ok()) {
      std::cerr << "duban-monitor: " << cfg.status().ToString() << "\n";
      return 2;
    }
    for (const auto& u : cfg->units) server.presentation.unit_names[u.id] = u.name;
    server.presentation.utc_offset_minutes = cfg->jurisdiction.utc_offset_minutes;
  }
  Millis start_ms = 0;
  if (!time_start.empty()) {
    auto d = ParseDate(time_start);
    if (!d.ok()) {
      std::cerr << "duban-monitor: --time-start: " << d.status().ToString() << "\n";
      return 2;
    }
    start_ms = StartOfLocalDay(*d, server.presentation.utc_offset_minutes) + 9 * 3600 * 1000;
  }

  auto link = BrokerLink::Create(broker, timeout_ms);
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
  auto srv = MonitorServer::Create(server, sampler, **link);
  if (!srv.ok()) {
    std::cerr << "duban-monitor: --http " << http << ": " << srv.status().message() << "\n";
    return 1;
  }
  sampler.Start();
  std::thread serving([&] {
    if (!(*srv)->Run()) log->error("the HTTP server stopped unexpectedly");
  });
  std::string host =
      server.host.find(':') != std::string::npos ? "[" + server.host + "]" : server.host;
  log->info("dashboard on http://{}:{}/ (metrics /metrics), sampling {} every {} ms", host,
            (*srv)->port(), broker, interval_ms);

  while (!stop.load()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  log->info("stopping");
  (*srv)->Stop();
  serving.join();
  sampler.Stop();
  return 0;
}
