// Access: who may do what over HTTP, as pure checks the server (monitor/http_server.cc) runs on
// every request. What each check defends against (docs/monitoring.md#access):
//
// - DNS rebinding: every request must name one of the monitor's own hosts in its Host header
//   (common/http/hosts.h AllowedHosts), else 421.
// - Cross-site requests (CSRF): a page of another site may make the staff's browser post to the
//   monitor. An action (every POST) must be a JSON request (a cross-site form cannot send one
//   without a CORS preflight, which the monitor never grants), carry the CSRF token of the session
//   in X-CSRF-Token (GET /api/session gives it; a page of another origin cannot read it), and pass
//   the browser's marks of common/http/same_origin.h (Origin, Sec-Fetch-Site).
// - Remote use: without a staff sign-in, only loopback peers may act. A monitor listening on an
//   address other than loopback requires staff to sign in (monitor/staff_login.h) for everything
//   but the login page, and then a signed-in peer may act from anywhere.
//
// The parts duban-web shares (hosts, same-origin and CSRF checks, tokens, cookies) live in
// common/http/; here is what is the monitor's own: when sign-in is required, the refusals it
// counts, the check of its JSON actions, its session cookie's name.
//
// Thread rules: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/http/hosts.h"
#include "common/loopback.h"  // IsLoopbackAddress, IsLoopbackHost
#include "common/result.h"

namespace duban::monitor {

// Whether staff must sign in: when the monitor listens on an address other than loopback, when an
// --allowed-host names anything but a loopback name (the dashboard is then reached through a
// proxy, and every request comes from 127.0.0.1), or when asked (--require-login). FailedPrecondition when sign-in is required and no account is
// configured (duban-monitor then refuses to start: nobody could use it).
Result<bool> SignInRequired(const http::ListenAddress& listen, bool have_accounts,
                            bool require_login_flag,
                            const std::vector<std::string>& allowed_hosts);
Result<bool> SignInRequired(const http::ListenAddress& listen, bool have_accounts,
                            bool require_login_flag);

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
// common/http/same_origin.h CheckSameOrigin, with the refusal as kOrigin or kFetchSite.
Status CheckSameOrigin(std::string_view origin, std::string_view host, std::string_view fetch_site,
                       Refusal* refusal = nullptr);

// ---- The session cookie ---------------------------------------------------------------------

inline constexpr char kSessionCookie[] = "duban_session";

// The Set-Cookie value for the session (common/http/cookie.h SessionCookie of kSessionCookie). An
// empty token with max_age_s 0 clears the cookie.
std::string SessionCookieHeader(std::string_view token, std::int64_t max_age_s);

}  // namespace duban::monitor
