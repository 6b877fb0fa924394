// Access: who may do what over HTTP. Viewing (GET) is open to whoever reaches the port; staff
// actions (POST: replay a dead letter, pause or resume a service) are allowed only to clients on
// this machine until staff roles and keys exist (issue 5, "Roles"). Because a browser on this
// machine would also come from 127.0.0.1 when a page of another site posts to the monitor, an
// action must also be a JSON request (a cross-site form cannot send one without a CORS preflight,
// which the monitor never grants) and, when the browser names an Origin, come from the monitor's
// own origin.
// Also where the HTTP server listens (--http ADDRESS:PORT).
//
// Thread rules: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace duban::monitor {

// True for 127.0.0.0/8, ::1 and IPv4-mapped ::ffff:127.x.y.z.
bool IsLoopbackAddress(std::string_view address);

struct ActionRequest {
  std::string remote_addr;   // the TCP peer
  std::string content_type;  // the Content-Type header ("" when absent)
  std::string origin;        // the Origin header ("" when absent)
  std::string host;          // the Host header
};

// OK when the request may act. PermissionDenied (HTTP 403) for a peer that is not loopback or an
// Origin other than http://<Host>; InvalidArgument (HTTP 415) for a body that is not JSON.
Status CheckAction(const ActionRequest& r);

// ListenAddress: "127.0.0.1:8780", "[::1]:8780", "0.0.0.0:8780".
struct ListenAddress {
  std::string host;
  int port = 0;
};
// InvalidArgument for text that is not HOST:PORT with a port 0..65535.
Result<ListenAddress> ParseListenAddress(std::string_view text);

}  // namespace duban::monitor
