#include "monitor/access.h"

#include <array>

#include "common/http/cookie.h"
#include "common/http/same_origin.h"

namespace duban::monitor {
namespace {

// The table of refusals, in the order of enum Refusal.
constexpr std::array<RefusalInfo, kRefusalCount> kRefusals = {{
    {"host", 421},
    {"peer", 403},
    {"content_type", 415},
    {"origin", 403},
    {"fetch_site", 403},
    {"csrf", 403},
    {"not_signed_in", 401},
    {"sign_in_failed", 401},
    {"sign_in_throttled", 429},
}};

Status Refuse(Refusal why, Status status, Refusal* refusal) {
  if (refusal != nullptr) *refusal = why;
  return status;
}

}  // namespace

Result<bool> SignInRequired(const http::ListenAddress& listen, bool have_accounts,
                            bool require_login_flag) {
  return SignInRequired(listen, have_accounts, require_login_flag, {});
}

Result<bool> SignInRequired(const http::ListenAddress& listen, bool have_accounts,
                            bool require_login_flag,
                            const std::vector<std::string>& allowed_hosts) {
  bool loopback = IsLoopbackHost(listen.host);
  for (const std::string& h : allowed_hosts) {
    // NAME[:PORT] or [v6][:PORT]: the name without its port.
    std::string name = h;
    if (!name.empty() && name.front() == '[') {
      name = name.substr(1, name.find(']') - 1);
    } else if (auto colon = name.rfind(':'); colon != std::string::npos) {
      name = name.substr(0, colon);
    }
    if (!IsLoopbackHost(name)) {
      if (!have_accounts) {
        return FailedPrecondition("--allowed-host " + h +
                                  " lets other machines reach the dashboard (through a proxy), "
                                  "which requires staff to sign in, and the config file has no "
                                  "[[monitor.account]]: add one (see duban-monitor "
                                  "--hash-password)");
      }
      return true;
    }
  }
  if (loopback && !require_login_flag) return false;
  if (!have_accounts) {
    return FailedPrecondition(
        loopback ? std::string("--require-login needs staff accounts: add [[monitor.account]] "
                               "entries to the config file (see duban-monitor --hash-password)")
                 : "listening on " + listen.host +
                       ", an address other machines reach, requires staff to sign in, and the "
                       "config file has no [[monitor.account]]: add one (see duban-monitor "
                       "--hash-password) or listen on 127.0.0.1");
  }
  return true;
}

const RefusalInfo& Describe(Refusal r) { return kRefusals.at(static_cast<std::size_t>(r)); }

Status CheckSameOrigin(std::string_view origin, std::string_view host, std::string_view fetch_site,
                       Refusal* refusal) {
  http::CrossSiteMark mark = http::CrossSiteMark::kNone;
  Status s = http::CheckSameOrigin(origin, host, fetch_site, &mark);
  if (s.ok()) return s;
  return Refuse(mark == http::CrossSiteMark::kOrigin ? Refusal::kOrigin : Refusal::kFetchSite, s,
                refusal);
}

Status CheckAction(const ActionRequest& r, Refusal* refusal) {
  if (!r.signed_in && !IsLoopbackAddress(r.remote_addr)) {
    return Refuse(Refusal::kPeer,
                  PermissionDenied("actions without a staff sign-in are allowed only from "
                                   "127.0.0.1; this request came from " +
                                   r.remote_addr),
                  refusal);
  }
  std::string_view type = r.content_type;
  if (type.substr(0, type.find(';')) != "application/json") {
    return Refuse(Refusal::kContentType,
                  InvalidArgument("actions take a JSON body: send Content-Type: application/json"),
                  refusal);
  }
  DUBAN_RETURN_IF_ERROR(CheckSameOrigin(r.origin, r.host, r.fetch_site, refusal));
  if (!http::CheckCsrfToken(r.expected_csrf, r.csrf_token).ok()) {
    return Refuse(Refusal::kCsrf,
                  PermissionDenied(r.csrf_token.empty()
                                       ? "missing X-CSRF-Token header: the page reads the token "
                                         "from GET /api/session"
                                       : "wrong X-CSRF-Token: reload the page (GET /api/session)"),
                  refusal);
  }
  return Status::Ok();
}

std::string SessionCookieHeader(std::string_view token, std::int64_t max_age_s) {
  return http::SessionCookie(kSessionCookie, token, max_age_s);
}

}  // namespace duban::monitor
