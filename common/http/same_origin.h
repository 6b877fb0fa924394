// Same-origin checks for actions over HTTP (cross-site request forgery, CSRF): a page of another
// site may make a signed-in person's browser send a request to a Duban process, with the person's
// cookie. An action is taken only when
//   - the browser's own marks say it comes from the process's own pages: Origin absent or
//     http://<Host>, and Sec-Fetch-Site absent, "same-origin" or "none" (typed by the user) —
//     "same-site" is refused too, since every port of 127.0.0.1 is the same site (duban-monitor and
//     duban-web on one machine must not post to each other), and
//   - it carries the CSRF token of the session (a page of another origin cannot read it), compared
//     in constant time.
// Each process says how the token travels (duban-monitor: the X-CSRF-Token header of a JSON
// request; duban-web: a hidden field of every form).
//
// Thread rules: pure functions.
#pragma once

#include <string_view>

#include "common/result.h"

namespace duban::http {

// Which of the browser's marks refused a request.
enum class CrossSiteMark { kNone, kOrigin, kFetchSite };

// OK when Origin is absent, http://<host> or https://<host> (a TLS proxy in front that passes the
// Host on; the Host itself passed AllowedHosts) or `public_origin` (the scheme://name[:port] the
// process is reached at, e.g. from --public-url, for a proxy that sends its own Host), and
// Sec-Fetch-Site is absent, "same-origin" or "none". PermissionDenied otherwise, with `*mark` set
// when given (kOrigin, kFetchSite).
Status CheckSameOrigin(std::string_view origin, std::string_view host, std::string_view fetch_site,
                       CrossSiteMark* mark = nullptr, std::string_view public_origin = "");

// "https://duban.example" of "https://duban.example/any/path": the scheme, name and port of a
// URL; "" when it has no "://".
std::string OriginOf(std::string_view url);

// OK when `sent` equals `expected`, compared in constant time. PermissionDenied when `sent` is
// empty or differs, and always when `expected` is empty (fail closed: no token was ever made).
Status CheckCsrfToken(std::string_view expected, std::string_view sent);

}  // namespace duban::http
