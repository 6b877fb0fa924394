#include "web/web_server.h"

#include <algorithm>
#include <cctype>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "common/http/cookie.h"
#include "common/http/same_origin.h"
#include "common/log.h"

namespace duban::web {
namespace {

constexpr char kHtml[] = "text/html; charset=utf-8";
constexpr std::size_t kMaxLoginNameInput = 64;  // a longer name cannot be an account's
constexpr char kInboxPath[] = "/inbox";

// No script at all; styles and forms only from this site; never in a frame (clickjacking).
constexpr char kContentSecurityPolicy[] =
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'";

// What a person sent, fit for one log line: at most 200 bytes, control bytes as '?', so a hostile
// Host header, path or name cannot forge log lines.
std::string ForLog(std::string_view text) {
  std::string out(text.substr(0, 200));
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  return text.size() > 200 ? out + "..." : out;
}

// Whether the page at `path` shows the header's unread count, which costs a broker call: not the
// inbox (it counts with its own list), nor the paths that only redirect or download.
bool ShowsHeaderCount(std::string_view path) {
  for (std::string_view none : {std::string_view(kInboxPath), std::string_view("/"),
                                std::string_view("/home"), std::string_view("/open"),
                                std::string_view("/staff/report.xlsx")}) {
    if (path == none) return false;
  }
  return true;
}

bool IsFormPost(const httplib::Request& req) {
  std::string type = req.get_header_value("Content-Type");
  return type.substr(0, type.find(';')) == "application/x-www-form-urlencoded";
}

}  // namespace

std::string HomeOf(const Account& a) {
  if (a.role.role == protocol::svc::kUnit) return "/unit";
  if (a.role.role == protocol::svc::kDeputy) return "/deputy";
  if (a.role.role == protocol::svc::kDirector) return "/director";
  return "/staff";
}

int HttpStatusOfBrokerError(StatusCode code) {
  switch (code) {
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kFailedPrecondition:
    case StatusCode::kAlreadyExists:
    case StatusCode::kResourceExhausted: return 409;
    case StatusCode::kUnavailable:
    case StatusCode::kDeadlineExceeded: return 503;
    default: return 500;
  }
}

WebServer::WebServer(WebOptions options, AccountBook& accounts, DelegateLink& link,
                     PublicLink* public_link, Vocabulary vocabulary, const Clock& clock)
    : options_(std::move(options)),
      accounts_(accounts),
      link_(link),
      public_link_(public_link),
      vocabulary_(std::move(vocabulary)),
      clock_(clock),
      public_throttle_(options_.public_limit, options_.public_window_ms),
      http_(std::make_unique<httplib::Server>()) {}

WebServer::~WebServer() { Stop(); }

Result<std::unique_ptr<WebServer>> WebServer::Create(WebOptions options, AccountBook& accounts,
                                                     DelegateLink& link, PublicLink* public_link,
                                                     Vocabulary vocabulary, const Clock& clock) {
  std::unique_ptr<WebServer> s(new WebServer(std::move(options), accounts, link, public_link,
                                             std::move(vocabulary), clock));
  http::SignInOptions sign_in;
  sign_in.session_ttl_ms = s->options_.session_ttl_ms;
  sign_in.max_failures = s->options_.max_failures;
  sign_in.failure_window_ms = s->options_.failure_window_ms;
  DUBAN_ASSIGN_OR_RETURN(s->sign_in_, http::PasswordSignIn::Create(clock, sign_in));
  s->http_->set_payload_max_length(kMaxFormBytes + 1024);
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

bool WebServer::Run() { return http_->listen_after_bind(); }

void WebServer::Stop() {
  if (http_ && http_->is_running()) http_->stop();
}

void WebServer::Routes() {
  httplib::Server& h = *http_;
  h.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Content-Security-Policy", kContentSecurityPolicy);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    // same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" on a form
    // POST (the Fetch standard), and the same-origin check would refuse every form.
    res.set_header("Referrer-Policy", "same-origin");
    res.set_header("Cache-Control", "no-store");
    return Gate(req, res) ? httplib::Server::HandlerResponse::Unhandled
                          : httplib::Server::HandlerResponse::Handled;
  });
  h.Get("/healthz", [this](const httplib::Request&, httplib::Response& res) { Health(res); });
  h.Get("/style.css", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-cache");
    res.set_content(std::string(StyleSheet()), "text/css; charset=utf-8");
  });
  h.Get("/login", [this](const httplib::Request& req, httplib::Response& res) {
    Lang lang = LangOf(req, res);
    if (sign_in_->Find(http::CookieValue(req.get_header_value("Cookie"), kSessionCookie))) {
      return res.set_redirect("/", 303);
    }
    res.set_content(RenderLoginPage(lang, req.has_param("bye") ? "login.signed_out" : ""), kHtml);
  });
  h.Post("/login", [this](const httplib::Request& req, httplib::Response& res) { SignIn(req, res); });
  h.Post("/logout",
         [this](const httplib::Request& req, httplib::Response& res) { SignOut(req, res); });
  h.Get("/", [this](const httplib::Request& req, httplib::Response& res) { Home(req, res); });
  h.Get("/home", [this](const httplib::Request& req, httplib::Response& res) { Home(req, res); });
  h.Get("/unit",
        [this](const httplib::Request& req, httplib::Response& res) { UnitBoard(req, res); });
  h.Get("/deputy",
        [this](const httplib::Request& req, httplib::Response& res) { DeputyBoard(req, res); });
  h.Get("/open", [this](const httplib::Request& req, httplib::Response& res) { Open(req, res); });
  h.Get(R"(/s/([A-Za-z0-9-]{1,32}))",
        [this](const httplib::Request& req, httplib::Response& res) { Suggestion(req, res); });
  h.Post(R"(/s/([A-Za-z0-9-]{1,32})/(sign|start|return|extend|contact|opinion|reply|evaluate))",
         [this](const httplib::Request& req, httplib::Response& res) { Act(req, res); });

  h.Get(kInboxPath,
        [this](const httplib::Request& req, httplib::Response& res) { Inbox(req, res); });
  h.Post("/inbox/read",
         [this](const httplib::Request& req, httplib::Response& res) { InboxRead(req, res); });

  // ---- staff and directors (staff_handlers.cc) ----
  auto get = [&](const char* path, void (WebServer::*handler)(const httplib::Request&,
                                                               httplib::Response&)) {
    h.Get(path, [this, handler](const httplib::Request& req, httplib::Response& res) {
      (this->*handler)(req, res);
    });
  };
  get("/staff", &WebServer::StaffHome);
  get("/staff/review", &WebServer::ReviewQueue);
  get("/staff/decisions", &WebServer::Decisions);
  get("/staff/deadlines", &WebServer::Deadlines);
  get("/staff/hot", &WebServer::HotPage);
  get("/staff/agenda", &WebServer::AgendaPage);
  get("/staff/report", &WebServer::ReportPage);
  get("/staff/report.xlsx", &WebServer::ReportExport);
  get("/director", &WebServer::DirectorBoard);
  h.Post(R"(/staff/review/([A-Za-z0-9-]{1,32})/(accept|merge|return|withdraw|assign))",
         [this](const httplib::Request& req, httplib::Response& res) { ReviewAct(req, res); });
  h.Post(R"(/staff/decide/([A-Za-z0-9-]{1,32}))",
         [this](const httplib::Request& req, httplib::Response& res) { Decide(req, res); });

  // ---- the public page per code (public_handlers.cc): no session ----
  get("/p", &WebServer::PublicLookup);
  get(R"(/p/([A-Za-z0-9-]{1,32}))", &WebServer::PublicPage);
  get(R"(/p/([A-Za-z0-9-]{1,32})/qr\.svg)", &WebServer::PublicQr);

  // Unknown paths and every error status without a body: a short page.
  h.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    Lang lang = ParseLang(req.get_param_value("lang"));
    res.set_content(RenderErrorPage(lang, nullptr, res.status == 404 ? "NOT_FOUND" : "INVALID_ARGUMENT",
                                    req.method + " " + req.path, "/"),
                    kHtml);
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
        Logger("web.http")->error("{} {}: {}", ForLog(req.method), ForLog(req.path), what);
        res.status = 500;
        res.set_content(RenderErrorPage(Lang::kZh, nullptr, "INTERNAL", "", "/"), kHtml);
      });
}

// ---- The gate, sessions and sign-in ------------------------------------------------------------

bool WebServer::Gate(const httplib::Request& req, httplib::Response& res) {
  const std::string host = req.get_header_value("Host");
  if (req.get_header_value_count("Host") != 1 || !hosts_.Allows(host)) {
    Refuse(req, res, 421, "host", "this server does not answer to Host '" + host + "'",
           "421 Misdirected Request\n");
    res.set_content(res.body, "text/plain; charset=utf-8");
    return false;
  }
  return true;
}

void WebServer::Refuse(const httplib::Request& req, httplib::Response& res, int status,
                       const std::string& reason, const std::string& why, const std::string& page) {
  counters_.Increment("web.refused." + reason);
  Logger("web.http")
      ->warn("{} {} from {} refused ({}): {}", ForLog(req.method), ForLog(req.path), ClientAddress(req),
             reason, ForLog(why));
  res.status = status;
  res.set_content(page, kHtml);
}

Lang WebServer::LangOf(const httplib::Request& req, httplib::Response& res) const {
  if (req.has_param("lang")) {
    Lang lang = ParseLang(req.get_param_value("lang"));
    // Not a secret: readable by the page is fine, SameSite=Lax lets a link keep the choice.
    res.set_header("Set-Cookie", std::string(kLangCookie) + "=" +
                                     (lang == Lang::kEn ? "en" : "zh") +
                                     "; Path=/; SameSite=Lax; Max-Age=31536000");
    return lang;
  }
  return ParseLang(http::CookieValue(req.get_header_value("Cookie"), kLangCookie));
}

std::optional<SignedInPerson> WebServer::Person(const httplib::Request& req,
                                                httplib::Response& res) {
  const std::string token = http::CookieValue(req.get_header_value("Cookie"), kSessionCookie);
  std::optional<http::Session> session = sign_in_->Find(token);
  std::optional<Account> account;
  if (session) {
    account = accounts_.Find(session->name);
    if (!account || account->disabled) {
      // Disabled (or removed) since the sign-in: every session of the name ends now.
      sign_in_->SignOutAll(session->name);
      Logger("web.http")->info("sessions of {} ended: the account is disabled or gone",
                               session->name);
      account.reset();
    }
  }
  if (!account) {
    counters_.Increment("web.refused.not_signed_in");
    if (req.method == "GET") {
      res.set_redirect("/login", 303);
    } else {
      res.status = 401;
      res.set_content(RenderLoginPage(Lang::kZh, ""), kHtml);
    }
    return std::nullopt;
  }
  SignedInPerson p;
  p.token = token;
  p.session = *session;
  p.account = std::move(*account);
  p.viewer = {p.account.display, protocol::GrantText(p.account.role), p.session.csrf_token};
  if (req.method == "GET" && ShowsHeaderCount(req.path)) {
    p.viewer.unread = UnreadCount(p.account);
  }
  return p;
}

std::string WebServer::ClientAddress(const httplib::Request& req) const {
  if (!options_.behind_proxy) return req.remote_addr;
  // The last line and its last address: what the proxy in front wrote, whether it appends to
  // what the client sent or adds a line of its own.
  const std::size_t lines = req.get_header_value_count("X-Forwarded-For");
  if (lines == 0) return req.remote_addr;
  const std::string forwarded = req.get_header_value("X-Forwarded-For", lines - 1);
  const std::size_t comma = forwarded.rfind(',');
  std::string_view last = forwarded;
  if (comma != std::string::npos) last.remove_prefix(comma + 1);
  while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
  while (!last.empty() && last.back() == ' ') last.remove_suffix(1);
  const bool address = !last.empty() && last.size() <= 45 &&
                       std::all_of(last.begin(), last.end(), [](char c) {
                         return std::isxdigit(static_cast<unsigned char>(c)) || c == '.' ||
                                c == ':';
                       });
  return address ? std::string(last) : req.remote_addr;
}

std::optional<Form> WebServer::AcceptForm(const httplib::Request& req, httplib::Response& res,
                                          const SignedInPerson& who, Lang lang) {
  const std::string refused = RenderErrorPage(lang, &who.viewer, "PERMISSION_DENIED",
                                              Say(lang, "error.refused_csrf"), "/");
  http::CrossSiteMark mark = http::CrossSiteMark::kNone;
  Status same = http::CheckSameOrigin(req.get_header_value("Origin"), req.get_header_value("Host"),
                                      req.get_header_value("Sec-Fetch-Site"), &mark,
                                      http::OriginOf(options_.public_url));
  if (!same.ok()) {
    Refuse(req, res, 403, mark == http::CrossSiteMark::kOrigin ? "origin" : "fetch_site",
           same.message(), refused);
    return std::nullopt;
  }
  if (!IsFormPost(req)) {
    Refuse(req, res, 415, "content_type", "not a form post", refused);
    return std::nullopt;
  }
  auto form = Form::Parse(req.body);
  if (!form.ok()) {
    counters_.Increment("web.refused.bad_form");
    res.status = 400;
    res.set_content(RenderErrorPage(lang, &who.viewer, "INVALID_ARGUMENT", form.status().message(),
                                    "/"),
                    kHtml);
    return std::nullopt;
  }
  Status csrf = http::CheckCsrfToken(who.session.csrf_token, form->Raw("csrf").value_or(""));
  if (!csrf.ok()) {
    Refuse(req, res, 403, "csrf", csrf.message(), refused);
    return std::nullopt;
  }
  return std::move(form).value();
}

void WebServer::SignIn(const httplib::Request& req, httplib::Response& res) {
  Lang lang = LangOf(req, res);
  // A form of another site must not sign the browser in to an account of its choosing.
  http::CrossSiteMark mark = http::CrossSiteMark::kNone;
  Status same = http::CheckSameOrigin(req.get_header_value("Origin"), req.get_header_value("Host"),
                                      req.get_header_value("Sec-Fetch-Site"), &mark,
                                      http::OriginOf(options_.public_url));
  if (!same.ok()) {
    return Refuse(req, res, 403, mark == http::CrossSiteMark::kOrigin ? "origin" : "fetch_site",
                  same.message(), RenderLoginPage(lang, "error.refused_csrf"));
  }
  auto form = IsFormPost(req) ? Form::Parse(req.body) : Result<Form>(InvalidArgument("not a form"));
  if (!form.ok()) {
    return Refuse(req, res, 400, "bad_form", form.status().message(),
                  RenderLoginPage(lang, "login.failed"));
  }
  std::string name = form->Raw("name").value_or("");
  const std::string password = form->Raw("password").value_or("");
  if (name.size() > kMaxLoginNameInput) name.resize(kMaxLoginNameInput + 1);  // matches none
  auto hash_of = [this](const std::string& n) -> std::optional<std::string> {
    std::optional<Account> a = accounts_.Find(n);
    if (!a || a->disabled) return std::nullopt;
    return a->password_hash;
  };
  Millis wait_ms = 0;
  auto in = sign_in_->SignIn(name, password, ClientAddress(req), hash_of, &wait_ms);
  if (!in.ok()) {
    if (in.status().code() == StatusCode::kResourceExhausted) {
      res.set_header("Retry-After", std::to_string((wait_ms + 999) / 1000));
      return Refuse(req, res, 429, "sign_in_throttled", in.status().message(),
                    RenderLoginPage(lang, "login.throttled"));
    }
    return Refuse(req, res, 401, "sign_in_failed", in.status().message() + " (name '" + name + "')",
                  RenderLoginPage(lang, "login.failed"));
  }
  Logger("web.http")->info("{} signed in (from {})", name, ClientAddress(req));
  res.set_header("Set-Cookie", http::SessionCookie(kSessionCookie, in->token,
                                                   sign_in_->session_ttl_ms() / 1000));
  res.set_redirect("/", 303);
}

void WebServer::SignOut(const httplib::Request& req, httplib::Response& res) {
  Lang lang = LangOf(req, res);
  auto who = Person(req, res);
  if (!who) return;
  if (!AcceptForm(req, res, *who, lang)) return;
  sign_in_->SignOut(who->token);
  Logger("web.http")->info("{} signed out (from {})", who->account.name, ClientAddress(req));
  res.set_header("Set-Cookie", http::SessionCookie(kSessionCookie, "", 0));
  res.set_redirect("/login?bye=1", 303);
}

void WebServer::Health(httplib::Response& res) {
  nlohmann::json refused = nlohmann::json::object();
  for (const auto& [name, n] : counters_.Snapshot()) {
    if (name.rfind("web.refused.", 0) == 0) refused[name.substr(12)] = n;
  }
  res.set_content(nlohmann::json{{"status", "ok"}, {"refused", refused}}.dump() + "\n",
                  "application/json");
}

}  // namespace duban::web
