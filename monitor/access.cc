#include "monitor/access.h"

#include <arpa/inet.h>

#include <charconv>

namespace duban::monitor {

bool IsLoopbackAddress(std::string_view address) {
  std::string a(address);
  in_addr v4{};
  if (inet_pton(AF_INET, a.c_str(), &v4) == 1) {
    return (ntohl(v4.s_addr) >> 24) == 127;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, a.c_str(), &v6) == 1) {
    if (IN6_IS_ADDR_LOOPBACK(&v6)) return true;
    return IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127;
  }
  return false;
}

Status CheckAction(const ActionRequest& r) {
  if (!IsLoopbackAddress(r.remote_addr)) {
    return PermissionDenied(
        "actions are allowed only from 127.0.0.1 until staff roles exist; "
        "this request came from " +
        r.remote_addr);
  }
  std::string_view type = r.content_type;
  if (type.substr(0, type.find(';')) != "application/json") {
    return InvalidArgument("actions take a JSON body: send Content-Type: application/json");
  }
  if (!r.origin.empty() && r.origin != "http://" + r.host) {
    return PermissionDenied("action from another origin (" + r.origin + ") refused");
  }
  return Status::Ok();
}

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

}  // namespace duban::monitor
