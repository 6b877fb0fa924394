// WebServer: duban-web's HTTP side (cpp-httplib): the workbench of handling units' clerks,
// deputies, staff and directors, server-rendered HTML (no script), Chinese by default. Serves
//   GET  /healthz              200 "ok" and the refusal counts (JSON), for monitoring
//   GET  /style.css            the one style sheet
//   GET  /login, POST /login   sign-in (common/http/sign_in.h); POST /logout
//   GET  /                     a redirect to the home of the person's role: /unit, /deputy, /home
//   GET  /unit                 the unit clerk's board (web/unit_pages.h)
//   GET  /deputy               the deputy's suggestions (web/deputy_pages.h)
//   GET  /open?code=C          a suggestion by its code (a redirect to /s/C)
//   GET  /s/C                  one suggestion, as the person's role may see it
//   POST /s/C/ACTION           sign, start, return, extend, contact, opinion, reply, evaluate
//   GET  /staff, /staff/...    the staff's pages (web/staff_handlers.cc): review queue, decisions,
//                              deadlines by unit, hot items and bundles, agenda, report and its
//                              .xlsx export; POST /staff/review/C/OUTCOME, /staff/decide/C
//   GET  /director             the items a director leads and their progress
//   GET  /inbox                the person's own notices (web/inbox_handlers.cc), filtered by
//                              kind, code and unread; POST /inbox/read marks notices read. Every
//                              signed-in page's header shows the unread count (one duban.inbox
//                              call with limit 1 per GET of a page)
//   GET  /p/C, /p/C/qr.svg     the public page per code (一事一码) and its QR code, without a
//                              session, rate-limited per client address (web/public_handlers.cc),
//                              through the broker's public endpoint (web/public_link.h) only
// Every call to the broker is made for the signed-in person (web/delegate_link.h); the broker's
// refusal PERMISSION_DENIED is a 403 page, NOT_FOUND a 404 page, every other error a page with its
// code and message.
//
// The gate (docs/web.md#security): every request must name one of the server's hosts (421,
// DNS rebinding); pages need a session (else 303 to /login) whose account still exists and is
// not disabled; every POST must come from this site's own page (Origin, Sec-Fetch-Site), be a
// form, and carry the session's CSRF token in its hidden field `csrf` (403 otherwise). Responses
// carry a Content-Security-Policy without scripts, frame-ancestors 'none' and no-store. Refusals
// are logged and counted by reason (/healthz).
//
// Thread rules: Create() on the main thread; Run() blocks in the calling thread (httplib's accept
// loop, handlers on its worker pool) until Stop() from any thread. Handlers share the AccountBook,
// PasswordSignIn, DelegateLink, PublicLink, AddressThrottle and FlashBox (each thread-safe), the
// Counters (thread-safe), and
// options_, vocabulary_ and hosts_, which are written only before Run().
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/counters.h"
#include "common/http/hosts.h"
#include "common/http/sign_in.h"
#include "common/result.h"
#include "common/protocol/messages.h"
#include "web/account_book.h"
#include "web/address_throttle.h"
#include "web/delegate_link.h"
#include "web/flash_box.h"
#include "web/form.h"
#include "web/page_frame.h"
#include "web/public_link.h"
#include "web/staff_pages.h"
#include "web/suggestion_view.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace duban::web {

inline constexpr char kSessionCookie[] = "duban_web_session";
inline constexpr char kLangCookie[] = "duban_web_lang";
inline constexpr std::int64_t kBoardListLimit = 100;  // a unit's board lists this many

struct WebOptions {
  std::string host = "127.0.0.1";  // --listen ADDRESS
  int port = 8090;                 // --listen :PORT (0: any free port, see port())
  std::vector<std::string> allowed_hosts;   // --allowed-host NAME[:PORT]
  Millis session_ttl_ms = 8 * 3600 * 1000;  // --session-hours
  std::size_t max_failures = 5;              // failed sign-ins per name or peer ...
  Millis failure_window_ms = 5 * 60 * 1000;  // ... within this window, then 429
  // The public page (/p/CODE and its QR code): at most this many requests per client address
  // per window (--public-per-minute), then 429. 30 a minute lets a person look up a few letters
  // and stops anyone walking the codes.
  std::size_t public_limit = 30;
  Millis public_window_ms = 60 * 1000;
  // What the QR code on the reply letter points at: PUBLIC_URL/p/CODE (--public-url, e.g. the
  // TLS proxy's https://name). "" = http://<the request's Host>, checked against the allowed hosts.
  std::string public_url;
  // --behind-proxy: the client's address is the last one of X-Forwarded-For when the peer is a
  // proxy on this machine (duban-web listens on loopback only), so the sign-in and public-page
  // limits count each client, not the proxy. Off: the peer's address (X-Forwarded-For ignored).
  bool behind_proxy = false;
};

// The signed-in person of one request.
struct SignedInPerson {
  std::string token;  // the session's cookie value (never logged)
  http::Session session;
  Account account;
  Viewer viewer;
};

class WebServer {
 public:
  // Binds the address. Unavailable when it cannot; InvalidArgument for an --allowed-host that is
  // not NAME[:PORT]. `clock` times sessions, the throttle, flashes and "today" on the boards.
  // `public_link` (may be null: then the public page answers 503) reaches the broker's public
  // endpoint for /p/CODE.
  static Result<std::unique_ptr<WebServer>> Create(WebOptions options, AccountBook& accounts,
                                                   DelegateLink& link, PublicLink* public_link,
                                                   Vocabulary vocabulary, const Clock& clock);
  ~WebServer();

  int port() const { return port_; }
  const std::vector<std::string>& allowed_hosts() const { return hosts_.entries(); }
  bool Run();
  void Stop();

 private:
  WebServer(WebOptions options, AccountBook& accounts, DelegateLink& link,
            PublicLink* public_link, Vocabulary vocabulary, const Clock& clock);
  void Routes();

  // ---- web_server.cc: the gate, sessions, sign-in ----
  bool Gate(const httplib::Request& req, httplib::Response& res);
  Lang LangOf(const httplib::Request& req, httplib::Response& res) const;
  // The person of the request's session; nullopt (and a 303 to /login, or 401) when none. For a
  // GET of a page with a header (not the inbox, which counts itself, nor a redirect or a
  // download) the viewer carries the unread count.
  std::optional<SignedInPerson> Person(const httplib::Request& req, httplib::Response& res);
  // For every POST of a signed-in person: same origin, a form, the CSRF field. The parsed form,
  // or nullopt with the refusal answered.
  std::optional<Form> AcceptForm(const httplib::Request& req, httplib::Response& res,
                                 const SignedInPerson& who, Lang lang);
  void Refuse(const httplib::Request& req, httplib::Response& res, int status,
              const std::string& reason, const std::string& why, const std::string& page);
  void SignIn(const httplib::Request& req, httplib::Response& res);
  void SignOut(const httplib::Request& req, httplib::Response& res);
  void Health(httplib::Response& res);

  // ---- web_handlers.cc: pages and actions ----
  void Home(const httplib::Request& req, httplib::Response& res);
  void UnitBoard(const httplib::Request& req, httplib::Response& res);
  void DeputyBoard(const httplib::Request& req, httplib::Response& res);
  void Open(const httplib::Request& req, httplib::Response& res);
  void Suggestion(const httplib::Request& req, httplib::Response& res);
  void Act(const httplib::Request& req, httplib::Response& res);
  // An error page for a broker's refusal, with the HTTP status of its code.
  void BrokerError(httplib::Response& res, Lang lang, const Viewer* viewer, const Status& s,
                   const std::string& back);
  // A 403 page when the person's role is not `role` (counted as web.refused.role); true when it is.
  bool RequireRole(httplib::Response& res, Lang lang, const SignedInPerson& who,
                   protocol::svc::Role role);
  Flash TakeFlash(const httplib::Request& req, const SignedInPerson& who);

  // ---- staff_handlers.cc: the staff's and the director's pages ----
  void StaffHome(const httplib::Request& req, httplib::Response& res);
  void ReviewQueue(const httplib::Request& req, httplib::Response& res);
  void ReviewAct(const httplib::Request& req, httplib::Response& res);
  void Decisions(const httplib::Request& req, httplib::Response& res);
  void Decide(const httplib::Request& req, httplib::Response& res);
  void Deadlines(const httplib::Request& req, httplib::Response& res);
  void HotPage(const httplib::Request& req, httplib::Response& res);
  void AgendaPage(const httplib::Request& req, httplib::Response& res);
  void ReportPage(const httplib::Request& req, httplib::Response& res);
  void ReportExport(const httplib::Request& req, httplib::Response& res);
  void DirectorBoard(const httplib::Request& req, httplib::Response& res);
  // The suggestions in `states` (duban.list, then duban.get of each, at most kStaffListLimit per
  // state), for `person`; `scan` says how many were read, matched and unreadable. The first
  // refusal of a list is returned as the error.
  Result<std::vector<protocol::GetReply>> ReadStates(const std::string& person,
                                                     std::initializer_list<std::string_view> states,
                                                     ScanInfo* scan);

  // ---- inbox_handlers.cc: the person's notices ----
  void Inbox(const httplib::Request& req, httplib::Response& res);
  void InboxRead(const httplib::Request& req, httplib::Response& res);
  // The unread notices of `account`'s own inbox (duban.inbox, limit 1), nullopt when the broker
  // does not answer.
  std::optional<std::int64_t> UnreadCount(const Account& account);

  // ---- public_handlers.cc: the public page per code (no session) ----
  void PublicLookup(const httplib::Request& req, httplib::Response& res);
  void PublicPage(const httplib::Request& req, httplib::Response& res);
  void PublicQr(const httplib::Request& req, httplib::Response& res);
  // False (and a 429 answered) when the client's address is over the public limit.
  bool PublicAllowed(const httplib::Request& req, httplib::Response& res, Lang lang);
  // The URL the QR code of `code` points at.
  std::string PublicUrl(const httplib::Request& req, const std::string& code) const;
  // Whom the limits count and the log names: the peer, or with behind_proxy the address the
  // proxy appended to X-Forwarded-For (an address's characters only, else the peer's).
  std::string ClientAddress(const httplib::Request& req) const;

  WebOptions options_;
  AccountBook& accounts_;
  DelegateLink& link_;
  PublicLink* const public_link_;  // null: no public endpoint configured
  const Vocabulary vocabulary_;
  const Clock& clock_;
  std::unique_ptr<http::PasswordSignIn> sign_in_;
  FlashBox flashes_;
  AddressThrottle public_throttle_;
  Counters counters_;  // web.refused.<reason>, web.actions.<action>, web.broker_errors.<code>
  std::unique_ptr<httplib::Server> http_;
  int port_ = 0;
  http::AllowedHosts hosts_;  // set in Create, after the bind (the real port)
};

// Where an account's role lives: "/unit", "/deputy", "/staff" or "/director".
std::string HomeOf(const Account& a);
// The HTTP status of a broker error code shown to a person: 403, 404, 400, 409, 503, 500.
int HttpStatusOfBrokerError(StatusCode code);

}  // namespace duban::web
