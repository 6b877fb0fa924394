#include "monitor/access.h"

#include <arpa/inet.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdlib>

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

// "1".."65535" only: no sign, no leading blanks, no empty text.
std::optional<int> ParsePort(std::string_view text) {
  int port = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || port < 1 ||
      port > 65535) {
    return std::nullopt;
  }
  return port;
}

bool IsHostNameChar(char ch) {
  return std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == '_';
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

// An IPv6 address in its canonical text (inet_ntop), so [0:0::1] and [::1] are one host.
std::optional<std::string> CanonicalIpv6(std::string_view text) {
  in6_addr v6{};
  if (inet_pton(AF_INET6, std::string(text).c_str(), &v6) != 1) return std::nullopt;
  char buf[INET6_ADDRSTRLEN];
  if (inet_ntop(AF_INET6, &v6, buf, sizeof buf) == nullptr) return std::nullopt;
  return std::string(buf);
}

// The host part of a listen address as a Host header names it: IPv6 bracketed.
std::string HostForm(std::string_view host) {
  if (auto v6 = CanonicalIpv6(host)) return "[" + *v6 + "]";
  return Lower(host);
}

}  // namespace

Result<ListenAddress> ParseListenAddress(std::string_view text) {
  auto bad = [&] {
    return InvalidArgument("'" + std::string(text) + "' is not ADDRESS:PORT (e.g. 127.0.0.1:8780)");
  };
  std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return bad();
  std::string_view host = text.substr(0, colon);
  std::string_view port_text = text.substr(colon + 1);
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') return bad();
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string_view::npos) {
    return bad();  // an IPv6 address must be bracketed
  }
  int port = -1;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port < 0 || port > 65535) {
    return bad();
  }
  return ListenAddress{std::string(host), port};
}

Result<bool> SignInRequired(const ListenAddress& listen, bool have_accounts,
                            bool require_login_flag) {
  return SignInRequired(listen, have_accounts, require_login_flag, {});
}

Result<bool> SignInRequired(const ListenAddress& listen, bool have_accounts,
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

std::optional<std::string> NormalizeHost(std::string_view text, int default_port) {
  std::string host;
  std::string_view rest;
  if (!text.empty() && text.front() == '[') {
    std::size_t close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    auto v6 = CanonicalIpv6(text.substr(1, close - 1));
    if (!v6) return std::nullopt;
    host = "[" + *v6 + "]";
    rest = text.substr(close + 1);
    if (!rest.empty() && rest.front() != ':') return std::nullopt;
  } else {
    std::size_t colon = text.find(':');
    if (colon != std::string_view::npos && text.find(':', colon + 1) != std::string_view::npos) {
      return std::nullopt;  // a bare IPv6 address: never a valid Host
    }
    std::string_view name = text.substr(0, colon);
    if (name.empty() || name.size() > 253 ||
        !std::all_of(name.begin(), name.end(), IsHostNameChar)) {
      return std::nullopt;
    }
    host = Lower(name);
    rest = colon == std::string_view::npos ? std::string_view() : text.substr(colon);
  }
  int port = default_port;
  if (!rest.empty()) {
    auto p = ParsePort(rest.substr(1));
    if (!p) return std::nullopt;
    port = *p;
  }
  return host + ":" + std::to_string(port);
}

Result<AllowedHosts> AllowedHosts::Create(const ListenAddress& listen,
                                          const std::vector<std::string>& names) {
  AllowedHosts a;
  auto add = [&a](std::string entry) {
    if (std::find(a.entries_.begin(), a.entries_.end(), entry) == a.entries_.end()) {
      a.entries_.push_back(std::move(entry));
    }
  };
  const std::string port = ":" + std::to_string(listen.port);
  auto own = NormalizeHost(HostForm(listen.host) + port, listen.port);
  if (!own) {
    return InvalidArgument("cannot name the listen address " + listen.host + port +
                           " in a Host header (a host name or address and a port 1..65535)");
  }
  add(*own);
  if (IsLoopbackHost(listen.host)) {
    for (const char* h : {"127.0.0.1", "localhost", "[::1]"}) add(h + port);
  }
  for (const std::string& name : names) {
    auto entry = NormalizeHost(name, listen.port);
    if (!entry) {
      return InvalidArgument("--allowed-host '" + name +
                             "' is not NAME[:PORT] (a host name, an IPv4 address or a bracketed "
                             "IPv6 address, and a port 1..65535)");
    }
    add(*entry);
  }
  return a;
}

bool AllowedHosts::Allows(std::string_view host_header) const {
  auto host = NormalizeHost(host_header, 80);
  return host && std::find(entries_.begin(), entries_.end(), *host) != entries_.end();
}

const RefusalInfo& Describe(Refusal r) { return kRefusals.at(static_cast<std::size_t>(r)); }

Status CheckSameOrigin(std::string_view origin, std::string_view host, std::string_view fetch_site,
                       Refusal* refusal) {
  if (!origin.empty() && origin != "http://" + std::string(host)) {
    return Refuse(
        Refusal::kOrigin,
        PermissionDenied("request from another origin (" + std::string(origin) + ") refused"),
        refusal);
  }
  if (!fetch_site.empty() && fetch_site != "same-origin" && fetch_site != "none") {
    return Refuse(
        Refusal::kFetchSite,
        PermissionDenied("the browser marks this request Sec-Fetch-Site: " +
                         std::string(fetch_site) + "; only the monitor's own pages may act"),
        refusal);
  }
  return Status::Ok();
}

Status CheckCsrfToken(std::string_view expected, std::string_view sent) {
  if (sent.empty()) {
    return PermissionDenied(
        "missing X-CSRF-Token header: the page reads the token from GET /api/session");
  }
  if (expected.empty() || sent.size() != expected.size() ||
      sodium_memcmp(sent.data(), expected.data(), expected.size()) != 0) {
    return PermissionDenied("wrong X-CSRF-Token: reload the page (GET /api/session)");
  }
  return Status::Ok();
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
  if (Status s = CheckCsrfToken(r.expected_csrf, r.csrf_token); !s.ok()) {
    return Refuse(Refusal::kCsrf, s, refusal);
  }
  return Status::Ok();
}

std::string RandomToken(std::size_t bytes) {
  if (sodium_init() < 0) std::abort();  // no usable randomness: nothing may go on
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                 raw.size());
  hex.pop_back();  // the terminating NUL
  return hex;
}

std::string CookieValue(std::string_view cookie_header, std::string_view name) {
  while (!cookie_header.empty()) {
    std::size_t semi = cookie_header.find(';');
    std::string_view pair = cookie_header.substr(0, semi);
    cookie_header =
        semi == std::string_view::npos ? std::string_view() : cookie_header.substr(semi + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
      std::string_view value = pair.substr(eq + 1);
      while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
      return std::string(value);
    }
  }
  return "";
}

std::string SessionCookieHeader(std::string_view token, std::int64_t max_age_s) {
  return std::string(kSessionCookie) + "=" + std::string(token) +
         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_s);
}

}  // namespace duban::monitor
