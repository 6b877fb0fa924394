#include "monitor/http_server.h"

#include <httplib.h>

#include <fstream>
#include <sstream>

#include "common/log.h"
#include "monitor/access.h"
#include "monitor/metrics.h"
#include "monitor/prometheus.h"

namespace duban::monitor {
namespace {

using namespace protocol;

constexpr char kJson[] = "application/json; charset=utf-8";
constexpr std::size_t kMaxBodyBytes = 64 * 1024;  // actions carry a few short fields

void Reply(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(Dump(body), kJson);
}

void ReplyError(httplib::Response& res, const Status& s) {
  Reply(res, HttpStatusFor(s.code()), ErrorJson(s));
}

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A string field of a JSON body: "" when absent; nullopt when present but not a string.
std::optional<std::string> StringField(const Json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::string();
  if (!it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace

MonitorServer::MonitorServer(ServerOptions options, Sampler& sampler, BrokerLink& link)
    : options_(std::move(options)),
      sampler_(sampler),
      link_(link),
      http_(std::make_unique<httplib::Server>()) {}

MonitorServer::~MonitorServer() { Stop(); }

Result<std::unique_ptr<MonitorServer>> MonitorServer::Create(ServerOptions options,
                                                             Sampler& sampler, BrokerLink& link) {
  std::unique_ptr<MonitorServer> s(new MonitorServer(std::move(options), sampler, link));
  s->Routes();
  const std::string& host = s->options_.host;
  if (s->options_.port == 0) {
    s->port_ = s->http_->bind_to_any_port(host);
    if (s->port_ < 0) return Unavailable("cannot listen on " + host + ":0");
  } else {
    if (!s->http_->bind_to_port(host, s->options_.port)) {
      return Unavailable("cannot listen on " + host + ":" + std::to_string(s->options_.port) +
                         " (in use, or not an address of this machine)");
    }
    s->port_ = s->options_.port;
  }
  return s;
}

bool MonitorServer::Run() { return http_->listen_after_bind(); }

void MonitorServer::Stop() {
  if (http_ && http_->is_running()) http_->stop();
}

void MonitorServer::Routes() {
  httplib::Server& h = *http_;
  h.set_payload_max_length(kMaxBodyBytes);
  h.set_read_timeout(10, 0);
  h.set_write_timeout(10, 0);

  const std::string& web = options_.web_root;
  h.Get("/", [this, web](const httplib::Request&, httplib::Response& res) {
    StaticFile(res, web + "/index.html", "text/html; charset=utf-8");
  });
  h.Get("/index.html", [this, web](const httplib::Request&, httplib::Response& res) {
    StaticFile(res, web + "/index.html", "text/html; charset=utf-8");
  });
  h.Get("/app.js", [this, web](const httplib::Request&, httplib::Response& res) {
    StaticFile(res, web + "/app.js", "application/javascript; charset=utf-8");
  });
  h.Get("/style.css", [this, web](const httplib::Request&, httplib::Response& res) {
    StaticFile(res, web + "/style.css", "text/css; charset=utf-8");
  });
  h.Get("/vendor/chart.min.js", [this](const httplib::Request&, httplib::Response& res) {
    StaticFile(res, options_.chartjs_path, "application/javascript; charset=utf-8");
  });

  h.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    res.set_content(RenderMetrics(*sampler_.Latest()), kPrometheusContentType);
  });

  h.Get("/api/overview", [this](const httplib::Request&, httplib::Response& res) {
    FromSnapshot(res, &OverviewJson);
  });
  h.Get("/api/overdue", [this](const httplib::Request&, httplib::Response& res) {
    FromSnapshot(res, &OverdueJson);
  });
  h.Get("/api/notices", [this](const httplib::Request&, httplib::Response& res) {
    FromSnapshot(res, &NoticesJson);
  });
  h.Get("/api/throughput", [this](const httplib::Request&, httplib::Response& res) {
    auto s = sampler_.Latest();
    if (!s->broker_up) {
      FromSnapshot(res, &OverviewJson);  // the same 503
      return;
    }
    Reply(res, 200,
          ThroughputJson(sampler_.Throughput(), sampler_.options().window_ms,
                         sampler_.options().interval_ms, options_.presentation));
  });
  h.Get(R"(/api/suggestions/([A-Za-z0-9_-]{1,64}))",
        [this](const httplib::Request& req, httplib::Response& res) { Suggestion(req, res); });
  h.Get("/api/dlq",
        [this](const httplib::Request& req, httplib::Response& res) { DeadLetters(req, res); });
  h.Post("/api/dlq/replay",
         [this](const httplib::Request& req, httplib::Response& res) { Replay(req, res); });
  h.Post(R"(/api/services/([A-Za-z0-9._-]{1,64})/pause)",
         [this](const httplib::Request& req, httplib::Response& res) { Pause(req, res, true); });
  h.Post(R"(/api/services/([A-Za-z0-9._-]{1,64})/resume)",
         [this](const httplib::Request& req, httplib::Response& res) { Pause(req, res, false); });

  // Unknown paths: JSON under /api/, text elsewhere. Runs for every error status without a body.
  h.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (req.path.rfind("/api/", 0) == 0) {
      std::string code = res.status == 404 ? "NOT_FOUND" : "INVALID_ARGUMENT";
      res.set_content(Dump(ErrorJson(code, req.method + " " + req.path + ": no such endpoint")),
                      kJson);
    } else {
      res.set_content(std::to_string(res.status) + " " + req.path + "\n", "text/plain");
    }
  });
  h.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
          std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        Logger("monitor.http")->error("{} {}: {}", req.method, req.path, what);
        Reply(res, 500, ErrorJson("INTERNAL", what));
      });
}

void MonitorServer::StaticFile(httplib::Response& res, const std::string& path,
                               const char* content_type) {
  auto body = ReadFile(path);
  if (!body) {
    res.status = 404;
    res.set_content("not found: " + path + "\n", "text/plain");
    return;
  }
  res.set_header("Cache-Control", "no-cache");
  res.set_content(std::move(*body), content_type);
}

void MonitorServer::FromSnapshot(httplib::Response& res,
                                 Json (*render)(const Snapshot&, const Presentation&)) {
  auto s = sampler_.Latest();
  if (!s->broker_up) {
    Json body = ErrorJson(s->broker_status);
    body["broker"] = OverviewJson(*s, options_.presentation)["broker"];
    Reply(res, 503, body);
    return;
  }
  Reply(res, 200, render(*s, options_.presentation));
}

void MonitorServer::Suggestion(const httplib::Request& req, httplib::Response& res) {
  auto r = link_.Call<svc::Get>(GetRequest{req.matches[1].str()});
  if (!r.ok()) return ReplyError(res, r.status());
  Reply(res, 200, SuggestionJson(*r, options_.presentation));
}

void MonitorServer::DeadLetters(const httplib::Request& req, httplib::Response& res) {
  if (!req.has_param("service") && !req.has_param("limit")) {  // the page's view: the snapshot
    auto s = sampler_.Latest();
    if (!s->broker_up) return FromSnapshot(res, &OverviewJson);  // the same 503
    if (!s->dead_letters.value) {
      return Reply(res, 503,
                   ErrorJson("UNAVAILABLE", "dead letters unavailable: " + s->dead_letters.error));
    }
    return Reply(res, 200, DeadLettersJson(*s->dead_letters.value, options_.presentation));
  }
  DlqRequest q;
  q.action = "list";
  q.service = req.get_param_value("service");
  q.limit = 50;
  if (req.has_param("limit")) {
    try {
      q.limit = std::stoll(req.get_param_value("limit"));
    } catch (const std::exception&) {
      return ReplyError(res, InvalidArgument("limit must be an integer 1..1000"));
    }
  }
  auto r = link_.Call<svc::Dlq>(q);
  if (!r.ok()) return ReplyError(res, r.status());
  Reply(res, 200, DeadLettersJson(*r, options_.presentation));
}

bool MonitorServer::AcceptAction(const httplib::Request& req, httplib::Response& res, Json* body) {
  Status allowed = CheckAction({req.remote_addr, req.get_header_value("Content-Type"),
                                req.get_header_value("Origin"), req.get_header_value("Host")});
  if (!allowed.ok()) {
    Logger("monitor.http")
        ->warn("{} {} from {} refused: {}", req.method, req.path, req.remote_addr,
               allowed.message());
    Reply(res, allowed.code() == StatusCode::kPermissionDenied ? 403 : 415, ErrorJson(allowed));
    return false;
  }
  *body = Json::parse(req.body.empty() ? "{}" : req.body, nullptr, /*allow_exceptions=*/false);
  if (body->is_discarded() || !body->is_object()) {
    ReplyError(res, InvalidArgument("the body is not a JSON object"));
    return false;
  }
  return true;
}

void MonitorServer::Replay(const httplib::Request& req, httplib::Response& res) {
  Json body;
  if (!AcceptAction(req, res, &body)) return;
  auto service = StringField(body, "service");
  auto task_id = StringField(body, "task_id");
  if (!service || !task_id || service->empty() || task_id->empty()) {
    return ReplyError(res, InvalidArgument("replay needs \"service\" and \"task_id\" strings"));
  }
  DlqRequest q;
  q.action = "replay";
  q.service = *service;
  q.task_id = *task_id;
  auto r = link_.Call<svc::Dlq>(q);
  if (!r.ok()) return ReplyError(res, r.status());
  Logger("monitor.http")
      ->info("replayed dead letter {} of {} (from {})", *task_id, *service, req.remote_addr);
  bool fresh = sampler_.RefreshNow(options_.action_refresh_wait_ms);
  Reply(res, 200,
        {{"ok", true},
         {"service", *service},
         {"task_id", *task_id},
         {"replayed", r->replayed},
         {"refreshed", fresh}});
}

void MonitorServer::Pause(const httplib::Request& req, httplib::Response& res, bool paused) {
  Json body;
  if (!AcceptAction(req, res, &body)) return;
  auto actor = StringField(body, "actor");
  if (!actor) return ReplyError(res, InvalidArgument("\"actor\" must be a string"));
  PauseRequest q;
  q.service = req.matches[1].str();
  q.paused = paused;
  q.actor = actor->empty() ? "dashboard" : *actor;
  auto r = link_.Call<svc::Pause>(q);
  if (!r.ok()) return ReplyError(res, r.status());
  Logger("monitor.http")
      ->info("{} {} by {} (from {})", paused ? "paused" : "resumed", q.service, q.actor,
             req.remote_addr);
  bool fresh = sampler_.RefreshNow(options_.action_refresh_wait_ms);
  Reply(res, 200,
        {{"ok", true}, {"service", r->service}, {"paused", r->paused}, {"refreshed", fresh}});
}

}  // namespace duban::monitor
