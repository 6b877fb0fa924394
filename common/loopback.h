// Loopback: whether an address or a host name reaches only this machine. One check for the
// broker (which binds only loopback endpoints without keys, broker/router.h IsLoopbackEndpoint)
// and the dashboard (which lets only loopback peers act without a sign-in, monitor/access.h).
//
// Thread rules: pure functions.
#pragma once

#include <string_view>

namespace duban {

// True for 127.0.0.0/8, ::1 and IPv4-mapped ::ffff:127.x.y.z (numeric addresses only: a peer is
// an address, never a name).
bool IsLoopbackAddress(std::string_view address);
// IsLoopbackAddress, or the name "localhost" (any case): a host to listen on or bind.
// 0.0.0.0, ::, "*" and every other name or address are not.
bool IsLoopbackHost(std::string_view host);

}  // namespace duban
