#include "common/http/hosts.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "common/loopback.h"

namespace duban::http {
namespace {

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
    // A name without a port is also what a browser sends through a proxy on the default ports
    // (a Host header without a port, read as :80; or :443 written out by the proxy).
    if (*entry != *NormalizeHost(name, listen.port == 80 ? 81 : 80)) {
      add(*NormalizeHost(name, 80));
      add(*NormalizeHost(name, 443));
    }
  }
  return a;
}

bool AllowedHosts::Allows(std::string_view host_header) const {
  auto host = NormalizeHost(host_header, 80);
  return host && std::find(entries_.begin(), entries_.end(), *host) != entries_.end();
}

}  // namespace duban::http
