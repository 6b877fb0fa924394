// Hosts: where an HTTP process of Duban listens (--http / --listen ADDRESS:PORT) and which Host
// headers it answers to.
//
// Why the Host check (DNS rebinding): a page of evil.example whose name later resolves to
// 127.0.0.1 runs in a user's browser as evil.example, so it may read and post to a process on this
// machine as "its own" origin. It cannot change the Host header its browser sends
// (evil.example:PORT), so every request — GETs too, since reading is the leak — must name one of
// the process's own hosts (AllowedHosts: the listen address's forms, plus names given with
// --allowed-host), else 421.
//
// Thread rules: pure functions; an AllowedHosts is immutable after Create (safe to share).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace duban::http {

// ListenAddress: "127.0.0.1:8780", "[::1]:8780", "0.0.0.0:8780".
struct ListenAddress {
  std::string host;
  int port = 0;
};
// InvalidArgument for text that is not HOST:PORT with a port 0..65535.
Result<ListenAddress> ParseListenAddress(std::string_view text);

// A Host header (or an --allowed-host entry) as "host:port": the host lower-cased, an IPv6
// address bracketed, the port `default_port` when the text has none. nullopt for text that is not
// a host name (letters, digits, '.', '-', '_'), an IPv4 address or a bracketed IPv6 address,
// optionally followed by :PORT (1..65535).
std::optional<std::string> NormalizeHost(std::string_view text, int default_port);

class AllowedHosts {
 public:
  // `listen` with the port actually bound. Allowed: the listen host:port itself; when it is
  // loopback also 127.0.0.1:P, localhost:P and [::1]:P; and each of `names` (--allowed-host
  // NAME[:PORT]; without a port: NAME on the listen port, 80 and 443, as a proxy in front passes
  // the browser's Host on). InvalidArgument naming an entry that is not
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

}  // namespace duban::http
