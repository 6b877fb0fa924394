// Cookies of the HTTP processes' sessions: reading one from a Cookie header and writing the
// Set-Cookie value of a session.
//
// A session cookie is HttpOnly (no script of the page reads it), SameSite=Strict (no request
// another site starts carries it), Path=/ and has a Max-Age. No Secure: the processes speak plain
// HTTP on loopback (a TLS proxy in front of them would add it). Cookies are not kept apart by
// port: every process on 127.0.0.1 receives the cookies of every other, so each names its own
// (duban_session, duban_web_session) and never trusts the other's.
//
// Thread rules: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace duban::http {

// The value of cookie `name` in a Cookie header ("a=1; duban_session=xyz"), "" when absent.
std::string CookieValue(std::string_view cookie_header, std::string_view name);

// "NAME=VALUE; Path=/; HttpOnly; SameSite=Strict; Max-Age=N". An empty value with max_age_s 0
// clears the cookie.
std::string SessionCookie(std::string_view name, std::string_view value, std::int64_t max_age_s);

}  // namespace duban::http
