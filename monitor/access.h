// Access: who may do what over HTTP, as pure checks the server (monitor/http_server.cc) runs on
// every request. What each check defends against (docs/monitoring.md#access):
//
// - DNS rebinding: a page of evil.example whose name later resolves to 127.0.0.1 runs in the
//   staff's browser as evil.example, so it may read and post to the monitor as "its own" origin.
//   It cannot change the Host header its browser sends (evil.example:PORT), so every request —
//   GETs too, since reading the figures is the leak — must name one of the monitor's own hosts
//   (AllowedHosts: the listen address's forms, plus --allowed-host names), else 421.
// - Cross-site requests (CSRF): a page of another site may make the staff's browser post to the
//   monitor. An action (every POST) must be a JSON request (a cross-site form cannot send one
//   without a CORS preflight, which the monitor never grants), carry the CSRF token of the session
//   in X-CSRF-Token (GET /api/session gives it; a page of another origin cannot read it), come from
//   the monitor's own Origin when the browser names one, and not be marked cross-site or
//   same-site by the browser's Sec-Fetch-Site.
// - Remote use: without a staff sign-in, only loopback peers may act. A monitor listening on an
//   address other than loopback requires staff to sign in (monitor/staff_login.h) for everything
//   but the login page, and then a signed-in peer may act from anywhere.
//
// Also where the HTTP server listens (--http ADDRESS:PORT) and the session cookie's text.
//
// Thread rules: pure functions; an AllowedHosts is immutable after Create (safe to share).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/loopback.h"  // IsLoopbackAddress, IsLoopbackHost
#include "common/result.h"

namespace duban::monitor {

// ListenAddress: "127.0.0.1:8780", "[::1]:8780", "0.0.0.0:8780".
struct ListenAddress {
  std::string host;
  int port = 0;
};
// InvalidArgument for text that is not HOST:PORT with a port 0..65535.
Result<ListenAddress> ParseListenAddress(std::string_view text);

// Whether staff must sign in: when the monitor listens on an address other than loopback, when an
// --allowed-host names anything but a loopback name (the dashboard is then reached through a
// proxy, and every request comes from 127.0.0.1), or when asked (--require-login). FailedPrecondition when sign-in is required and no account is
// configured (duban-monitor then refuses to start: nobody could use it).
Result<bool> SignInRequired(const ListenAddress& listen, bool have_accounts,
                            bool require_login_flag,
                            const std::vector<std::string>& allowed_hosts);
Result<bool> SignInRequired(const ListenAddress& listen, bool have_accounts,
                            bool require_login_flag);

// ---- Host names (DNS rebinding) ----------------------------------------------------------------

// A Host header (or an --allowed-host entry) as "host:port": the host lower-cased, an IPv6
// address bracketed, the port `default_port` when the text has none. nullopt for text that is not
// a host name (letters, digits, '.', '-', '_'), an IPv4 address or a bracketed IPv6 address,
// optionally followed by :PORT (1..65535).
std::optional<std::string> NormalizeHost(std::string_view text, int default_port);

class AllowedHosts {
 public:
  // `listen` with the port actually bound. Allowed: the listen host:port itself; when it is
  // loopback also 127.0.0.1:P, localhost:P and [::1]:P; and each of `names` (--allowed-host
  // NAME[:PORT], the listen port when none is given). InvalidArgument naming an entry that is not
  // a host name or address (NormalizeHost), and for a listen address no Host can name (port 0).
  static Result<AllowedHosts> Create(const ListenAddress& listen,
                                     const std::vector<std::string>& names);

  // True when the Host header names one of them (a Host without a port means port 80, as a
  // browser sends it). False for an absent or malformed Host.
  bool Allows(std::string_view host_header) const;
  // "host:port" each once, in the order above (for the log at start).
  const std::vector<std::string>& entries() const { return entries_; }

 private:
  std::vector<std::string> entries_;
};

// ---- Why a request was refused ------------------------------------------------------------------

// Each refusal is counted by reason (duban_monitor_refused_requests_total{reason}) and answered
// with its HTTP status.
enum class Refusal {
  kHost,             // 421: the Host header names none of the monitor's hosts
  kPeer,             // 403: an action from a peer other than loopback, without a sign-in
  kContentType,      // 415: an action whose body is not JSON
  kOrigin,           // 403: Origin names another origin than http://<Host>
  kFetchSite,        // 403: Sec-Fetch-Site says cross-site or same-site
  kCsrf,             // 403: X-CSRF-Token missing or not the session's
  kNotSignedIn,      // 401 (303 to /login for a page): sign-in required and no valid session
  kSignInFailed,     // 401: wrong name or password
  kSignInThrottled,  // 429: too many failed sign-ins for the name or the peer
};
inline constexpr std::size_t kRefusalCount = 9;

struct RefusalInfo {
  const char* reason;  // the metric's label value, e.g. "host"
  int http_status;
};
const RefusalInfo& Describe(Refusal r);

// ---- Actions (POST) -----------------------------------------------------------------------------

struct ActionRequest {
  std::string remote_addr;    // the TCP peer
  std::string content_type;   // the Content-Type header ("" when absent)
  std::string origin;         // the Origin header ("" when absent)
  std::string host;           // the Host header
  std::string fetch_site;     // the Sec-Fetch-Site header ("" when absent)
  std::string csrf_token;     // the X-CSRF-Token header ("" when absent)
  std::string expected_csrf;  // the session's token (without sign-in: the process's); never ""
  bool signed_in = false;     // a staff session stands behind it: a peer anywhere may act
};

// OK when the request may act; otherwise the first failed check, in this order, with `*refusal`
// set when given: PermissionDenied for a peer that is not loopback without a sign-in (kPeer);
// InvalidArgument for a body that is not JSON (kContentType); PermissionDenied for a foreign
// Origin or Sec-Fetch-Site (CheckSameOrigin) and for a missing or wrong CSRF token (kCsrf).
Status CheckAction(const ActionRequest& r, Refusal* refusal = nullptr);

// The browser's own marks of where a request comes from, for the actions and the sign-in form:
// OK when Origin is absent or http://<host>, and Sec-Fetch-Site is absent, "same-origin" or
// "none" (typed by the user). PermissionDenied otherwise (kOrigin, kFetchSite).
Status CheckSameOrigin(std::string_view origin, std::string_view host, std::string_view fetch_site,
                       Refusal* refusal = nullptr);

// OK when `sent` equals `expected`, compared in constant time (sodium_memcmp). PermissionDenied
// when `sent` is empty or differs, and always when `expected` is empty (fail closed).
Status CheckCsrfToken(std::string_view expected, std::string_view sent);

// ---- Tokens and the session cookie -------------------------------------------------------------

inline constexpr char kSessionCookie[] = "duban_session";

// `bytes` random bytes from libsodium (randombytes_buf) as lower-case hex (2 * bytes characters).
std::string RandomToken(std::size_t bytes = 32);

// The value of cookie `name` in a Cookie header ("a=1; duban_session=xyz"), "" when absent.
std::string CookieValue(std::string_view cookie_header, std::string_view name);

// The Set-Cookie value for the session: HttpOnly (no script reads it), SameSite=Strict (no other
// site's request carries it), Path=/, Max-Age. No Secure: the monitor speaks plain HTTP (put a TLS
// proxy in front for that). An empty token with max_age_s 0 clears the cookie.
std::string SessionCookieHeader(std::string_view token, std::int64_t max_age_s);

}  // namespace duban::monitor
