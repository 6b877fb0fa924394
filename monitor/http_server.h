// MonitorServer: duban-monitor's HTTP side (cpp-httplib). Serves
//   /                      the dashboard (monitor/web: index.html, app.js, style.css)
//   /vendor/chart.min.js   Chart.js from Debian's libjs-chart.js (no CDN: machines are offline)
//   /api/...               the JSON API (docs/monitoring.md)
//   /metrics               Prometheus text format 0.0.4
// Read-only endpoints answer from the Sampler's latest snapshot; the suggestion search, a dead
// letter list for one service (or with a limit) and the actions ask the broker live through the
// BrokerLink. When the broker did not
// answer the last round, every /api/ read answers 503 with a JSON error; the process keeps
// running and recovers by itself when the broker is back.
//
// Thread rules: Create() on the main thread; Run() blocks in the calling thread (httplib's accept
// loop, handlers on its worker pool) until Stop() is called from any thread. Handlers share only
// the Sampler and the BrokerLink, which are thread-safe.
#pragma once

#include <memory>
#include <string>

#include "common/result.h"
#include "monitor/api_json.h"
#include "monitor/broker_link.h"
#include "monitor/sampler.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace duban::monitor {

inline constexpr char kDefaultChartJs[] = "/usr/share/javascript/chart.js/chart.min.js";

struct ServerOptions {
  std::string host = "127.0.0.1";  // --http ADDRESS
  int port = 8780;                 // --http :PORT (0: any free port, see port())
  std::string web_root;            // folder holding index.html, app.js, style.css
  std::string chartjs_path = kDefaultChartJs;
  Presentation presentation;
  Millis action_refresh_wait_ms = 3000;  // after an action, wait this long for a fresh round
};

class MonitorServer {
 public:
  // Binds the address. Unavailable when it cannot (port in use, bad address).
  static Result<std::unique_ptr<MonitorServer>> Create(ServerOptions options, Sampler& sampler,
                                                       BrokerLink& link);
  ~MonitorServer();

  int port() const { return port_; }
  // Serves until Stop(). Returns false if the accept loop failed.
  bool Run();
  void Stop();

 private:
  MonitorServer(ServerOptions options, Sampler& sampler, BrokerLink& link);
  void Routes();
  // Read endpoints from the snapshot: 503 when the broker is down.
  void FromSnapshot(httplib::Response& res, Json (*render)(const Snapshot&, const Presentation&));
  void StaticFile(httplib::Response& res, const std::string& path, const char* content_type);
  // Shared by the POST endpoints: access check, JSON body; false (and the response set) if not.
  bool AcceptAction(const httplib::Request& req, httplib::Response& res, Json* body);
  void Pause(const httplib::Request& req, httplib::Response& res, bool paused);
  void Replay(const httplib::Request& req, httplib::Response& res);
  void Suggestion(const httplib::Request& req, httplib::Response& res);
  void DeadLetters(const httplib::Request& req, httplib::Response& res);

  ServerOptions options_;
  Sampler& sampler_;
  BrokerLink& link_;
  std::unique_ptr<httplib::Server> http_;
  int port_ = 0;
};

}  // namespace duban::monitor
