#include "monitor/http_server.h"

#include <httplib.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>
#include <utility>

#include "common/http/cookie.h"
#include "common/http/random_token.h"
#include "common/log.h"
#include "monitor/prometheus.h"

namespace duban::monitor {
namespace {

using namespace protocol;

constexpr char kJson[] = "application/json; charset=utf-8";
constexpr char kHtml[] = "text/html; charset=utf-8";
constexpr std::size_t kMaxBodyBytes = 64 * 1024;  // actions carry a few short fields
constexpr std::size_t kMaxNameBytes = 64;         // a longer name cannot be an account's

bool IsJson(const httplib::Request& req) {
  std::string type = req.get_header_value("Content-Type");
  return type.substr(0, type.find(';')) == "application/json";
}

bool IsApi(const httplib::Request& req) { return req.path.rfind("/api/", 0) == 0; }

// The answer to a failed sign-in from the HTML form: a short page back to the form.
std::string SignInFailedPage(const std::string& message) {
  static constexpr std::pair<char, const char*> kEntities[] = {
      {'<', "&lt;"}, {'>', "&gt;"}, {'&', "&amp;"}, {'"', "&quot;"}};
  std::string escaped;
  for (char ch : message) {
    auto e = std::find_if(std::begin(kEntities), std::end(kEntities),
                          [ch](const auto& entity) { return entity.first == ch; });
    if (e == std::end(kEntities)) {
      escaped += ch;
    } else {
      escaped += e->second;
    }
  }
  return "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
         "<title>登录失败 / Sign-in failed</title><link rel=\"stylesheet\" href=\"/style.css\">"
         "</head><body><main class=\"login\"><h1>登录失败 / Sign-in failed</h1><p>" +
         escaped + "</p><p><a href=\"/login\">重新登录 / Try again</a></p></main></body></html>\n";
}

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
                                                             Sampler& sampler, BrokerLink& link,
                                                             const Clock& wall) {
  std::unique_ptr<MonitorServer> s(new MonitorServer(std::move(options), sampler, link));
  if (s->options_.sign_in_required) {
    StaffLoginOptions login;
    login.session_ttl_ms = s->options_.session_ttl_ms;
    DUBAN_ASSIGN_OR_RETURN(s->login_, StaffLogin::Create(s->options_.accounts, wall, login));
  } else {
    s->csrf_token_ = http::RandomToken(32);
  }
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
  DUBAN_ASSIGN_OR_RETURN(s->hosts_,
                         http::AllowedHosts::Create({host, s->port_}, s->options_.allowed_hosts));
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
  // No other site may frame the dashboard and have staff click its buttons (clickjacking).
  h.set_default_headers({{"X-Frame-Options", "DENY"},
                         {"Content-Security-Policy", "frame-ancestors 'none'"},
                         {"X-Content-Type-Options", "nosniff"},
                         {"Referrer-Policy", "same-origin"}});
  h.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    return Gate(req, res) ? httplib::Server::HandlerResponse::Unhandled
                          : httplib::Server::HandlerResponse::Handled;
  });

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
    RefusalCounts refused;
    for (std::size_t i = 0; i < kRefusalCount; ++i) refused[i] = refused_[i].load();
    res.set_header("Cache-Control", "no-store");
    res.set_content(RenderMetrics(*sampler_.Latest(), refused), kPrometheusContentType);
  });

  h.Get("/api/session",
        [this](const httplib::Request& req, httplib::Response& res) { Session(req, res); });
  if (login_) SignInRoutes();

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
  ActionRequest action{req.remote_addr,
                       req.get_header_value("Content-Type"),
                       req.get_header_value("Origin"),
                       req.get_header_value("Host"),
                       req.get_header_value("Sec-Fetch-Site"),
                       req.get_header_value("X-CSRF-Token"),
                       csrf_token_,
                       false};
  if (login_) {  // the gate let only signed-in requests through
    std::optional<StaffSession> session = SessionOf(req);
    action.signed_in = session.has_value();
    action.expected_csrf = session ? session->csrf_token : "";
  }
  Refusal why = Refusal::kCsrf;
  Status allowed = CheckAction(action, &why);
  if (!allowed.ok()) {
    Refuse(req, res, why, allowed);
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
  std::optional<StaffSession> session = SessionOf(req);
  Logger("monitor.http")
      ->info("replayed dead letter {} of {} by {} (from {})", *task_id, *service,
             session ? session->name : "dashboard", req.remote_addr);
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
  // Signed in, the staff member is the actor: the session says who, not the body.
  if (std::optional<StaffSession> session = SessionOf(req)) q.actor = session->name;
  auto r = link_.Call<svc::Pause>(q);
  if (!r.ok()) return ReplyError(res, r.status());
  Logger("monitor.http")
      ->info("{} {} by {} (from {})", paused ? "paused" : "resumed", q.service, q.actor,
             req.remote_addr);
  bool fresh = sampler_.RefreshNow(options_.action_refresh_wait_ms);
  Reply(res, 200,
        {{"ok", true}, {"service", r->service}, {"paused", r->paused}, {"refreshed", fresh}});
}

// ---- The gate, sessions and sign-in ------------------------------------------------------------

bool MonitorServer::Gate(const httplib::Request& req, httplib::Response& res) {
  const std::string host = req.get_header_value("Host");
  if (req.get_header_value_count("Host") != 1 || !hosts_.Allows(host)) {
    Refuse(req, res, Refusal::kHost,
           PermissionDenied("this monitor does not answer to Host '" + host + "'"));
    return false;
  }
  if (!login_) return true;
  // The sign-in form and its style sheet are all that is served without a session.
  if (req.path == "/login" || req.path == "/style.css") return true;
  if (SessionOf(req)) return true;
  if (req.method == "GET" && (req.path == "/" || req.path == "/index.html")) {
    refused_[static_cast<std::size_t>(Refusal::kNotSignedIn)]++;
    res.set_redirect("/login", 303);
    return false;
  }
  Refuse(req, res, Refusal::kNotSignedIn,
         PermissionDenied("sign in first: POST /login (the page is at /login)"));
  return false;
}

void MonitorServer::Refuse(const httplib::Request& req, httplib::Response& res, Refusal why,
                           const Status& status) {
  const RefusalInfo& info = Describe(why);
  refused_[static_cast<std::size_t>(why)]++;
  auto log = Logger("monitor.http");
  // Every page load before a sign-in passes here: not worth a warning.
  log->log(why == Refusal::kNotSignedIn ? spdlog::level::debug : spdlog::level::warn,
           "{} {} from {} (Host '{}') refused ({}): {}", req.method, req.path, req.remote_addr,
           req.get_header_value("Host"), info.reason, status.message());
  res.status = info.http_status;
  res.set_header("Cache-Control", "no-store");
  if (why == Refusal::kHost) {  // not our site: no JSON, no page, a line for people
    res.set_content("421 Misdirected Request: " + status.message() + "\n", "text/plain");
    return;
  }
  if (IsApi(req) || IsJson(req)) {
    // 401 has no Status code of its own (common/status.h): the API names it UNAUTHENTICATED.
    std::string code =
        info.http_status == 401 ? "UNAUTHENTICATED" : std::string(StatusCodeName(status.code()));
    res.set_content(Dump(ErrorJson(code, status.message())), kJson);
  } else {
    res.set_content(std::to_string(info.http_status) + " " + status.message() + "\n",
                    "text/plain; charset=utf-8");
  }
}

std::optional<StaffSession> MonitorServer::SessionOf(const httplib::Request& req) {
  if (!login_) return std::nullopt;
  return login_->Find(http::CookieValue(req.get_header_value("Cookie"), kSessionCookie));
}

void MonitorServer::Session(const httplib::Request& req, httplib::Response& res) {
  if (!login_) return Reply(res, 200, {{"csrf", csrf_token_}, {"sign_in", false}});
  std::optional<StaffSession> session = SessionOf(req);  // the gate made sure there is one
  if (!session) return Refuse(req, res, Refusal::kNotSignedIn, PermissionDenied("sign in first"));
  Reply(res, 200,
        {{"csrf", session->csrf_token},
         {"sign_in", true},
         {"name", session->name},
         {"expires_at_ms", session->expires_ms}});
}

void MonitorServer::SignInRoutes() {
  httplib::Server& h = *http_;
  const std::string page = options_.web_root + "/login.html";
  h.Get("/login", [this, page](const httplib::Request& req, httplib::Response& res) {
    if (SessionOf(req)) return res.set_redirect("/", 303);
    StaticFile(res, page, kHtml);
  });
  h.Post("/login",
         [this](const httplib::Request& req, httplib::Response& res) { SignIn(req, res); });
  h.Post("/logout",
         [this](const httplib::Request& req, httplib::Response& res) { SignOut(req, res); });
}

// POST /login with a JSON body {"name", "password"} (the API: 200, 401, 429) or the page's form
// (name=...&password=...: 303 to the dashboard, or a short page with 401 or 429).
void MonitorServer::SignIn(const httplib::Request& req, httplib::Response& res) {
  // A form of another site must not sign the staff's browser in to an account of its choosing.
  Refusal why = Refusal::kOrigin;
  Status same_origin = CheckSameOrigin(req.get_header_value("Origin"), req.get_header_value("Host"),
                                       req.get_header_value("Sec-Fetch-Site"), &why);
  if (!same_origin.ok()) return Refuse(req, res, why, same_origin);
  const bool json = IsJson(req);
  std::string name, password;
  if (json) {
    Json body = Json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    auto n = body.is_object() ? StringField(body, "name") : std::nullopt;
    auto p = body.is_object() ? StringField(body, "password") : std::nullopt;
    if (!n || !p) return ReplyError(res, InvalidArgument("sign in with {\"name\", \"password\"}"));
    name = *n;
    password = *p;
  } else {
    name = req.get_param_value("name");
    password = req.get_param_value("password");
  }
  if (name.size() > kMaxNameBytes) name.resize(kMaxNameBytes + 1);  // matches no account
  Millis wait_ms = 0;
  auto in = login_->SignIn(name, password, req.remote_addr, &wait_ms);
  if (!in.ok()) {
    bool throttled = in.status().code() == StatusCode::kResourceExhausted;
    why = throttled ? Refusal::kSignInThrottled : Refusal::kSignInFailed;
    if (throttled) res.set_header("Retry-After", std::to_string((wait_ms + 999) / 1000));
    Refuse(req, res, why, in.status());
    if (!json) res.set_content(SignInFailedPage(in.status().message()), kHtml);
    return;
  }
  Logger("monitor.http")->info("{} signed in (from {})", name, req.remote_addr);
  res.set_header("Set-Cookie", SessionCookieHeader(in->token, login_->session_ttl_ms() / 1000));
  if (!json) return res.set_redirect("/", 303);
  Reply(res, 200,
        {{"ok", true},
         {"name", in->session.name},
         {"csrf", in->session.csrf_token},
         {"expires_at_ms", in->session.expires_ms}});
}

void MonitorServer::SignOut(const httplib::Request& req, httplib::Response& res) {
  Json body;
  if (!AcceptAction(req, res, &body)) return;
  std::optional<StaffSession> session = SessionOf(req);
  login_->SignOut(http::CookieValue(req.get_header_value("Cookie"), kSessionCookie));
  Logger("monitor.http")
      ->info("{} signed out (from {})", session ? session->name : "?", req.remote_addr);
  res.set_header("Set-Cookie", SessionCookieHeader("", 0));
  Reply(res, 200, {{"ok", true}});
}

}  // namespace duban::monitor
