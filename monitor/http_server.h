// MonitorServer: duban-monitor's HTTP side (cpp-httplib). Serves
//   /                      the dashboard (monitor/web: index.html, app.js, style.css)
//   /vendor/chart.min.js   Chart.js from Debian's libjs-chart.js (no CDN: machines are offline)
//   /api/...               the JSON API (docs/monitoring.md); GET /api/session gives the page its
//                          CSRF token
//   /metrics               Prometheus text format 0.0.4
//   /login, /logout        staff sign-in, only when it is required (monitor/staff_login.h)
// Read-only endpoints answer from the Sampler's latest snapshot; the suggestion search, a dead
// letter list for one service (or with a limit) and the actions ask the broker live through the
// BrokerLink. When the broker did not
// answer the last round, every /api/ read answers 503 with a JSON error; the process keeps
// running and recovers by itself when the broker is back.
//
// Every request first passes the gate (Gate(): the Host check of access.h, then the sign-in when
// required); every POST then passes CheckAction (JSON, Origin, Sec-Fetch-Site, CSRF token).
// Refusals are logged and counted by reason for /metrics.
//
// Thread rules: Create() on the main thread; Run() blocks in the calling thread (httplib's accept
// loop, handlers on its worker pool) until Stop() is called from any thread. Handlers share the
// Sampler and the BrokerLink, which are thread-safe, the StaffLogin (thread-safe), the refusal
// counters (atomics) and hosts_ and csrf_token_, which are written only before Run().
#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "monitor/access.h"
#include "monitor/api_json.h"
#include "monitor/broker_link.h"
#include "monitor/metrics.h"
#include "monitor/sampler.h"
#include "monitor/staff_login.h"

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
  Millis action_refresh_wait_ms = 3000;     // after an action, wait this long for a fresh round
  std::vector<std::string> allowed_hosts;   // --allowed-host NAME[:PORT], beside the listen forms
  bool sign_in_required = false;            // access.h SignInRequired
  std::vector<StaffAccount> accounts;       // [[monitor.account]]; used when sign-in is required
  Millis session_ttl_ms = 8 * 3600 * 1000;  // --session-hours
};

class MonitorServer {
 public:
  // Binds the address. Unavailable when it cannot (port in use, bad address); InvalidArgument for
  // an --allowed-host that is not NAME[:PORT]; StaffLogin::Create's errors when sign-in is
  // required. `wall` times the sessions and the sign-in throttle.
  static Result<std::unique_ptr<MonitorServer>> Create(ServerOptions options, Sampler& sampler,
                                                       BrokerLink& link, const Clock& wall);
  ~MonitorServer();

  int port() const { return port_; }
  // The Host names the server answers to ("host:port"), for the log at start.
  const std::vector<std::string>& allowed_hosts() const { return hosts_.entries(); }
  // Serves until Stop(). Returns false if the accept loop failed.
  bool Run();
  void Stop();

 private:
  MonitorServer(ServerOptions options, Sampler& sampler, BrokerLink& link);
  void Routes();
  void SignInRoutes();
  // Before routing: the Host check, then the sign-in when required. Handled when refused.
  bool Gate(const httplib::Request& req, httplib::Response& res);
  // Counts, logs and answers a refusal (JSON under /api/ and for JSON requests, else text).
  void Refuse(const httplib::Request& req, httplib::Response& res, Refusal why,
              const Status& status);
  // The live staff session of the request's cookie (nullopt without sign-in or cookie).
  std::optional<StaffSession> SessionOf(const httplib::Request& req);
  void Session(const httplib::Request& req, httplib::Response& res);
  void SignIn(const httplib::Request& req, httplib::Response& res);
  void SignOut(const httplib::Request& req, httplib::Response& res);
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
  http::AllowedHosts hosts_;           // set in Create, after the bind (the real port)
  std::unique_ptr<StaffLogin> login_;  // null when sign-in is not required
  std::string csrf_token_;             // without sign-in: the process's token (GET /api/session)
  std::array<std::atomic<std::int64_t>, kRefusalCount> refused_{};
};

}  // namespace duban::monitor
