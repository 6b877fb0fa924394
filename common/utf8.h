// Utf8: the one UTF-8 validity check of Duban. Text that people read (titles, reasons, replies,
// notices) travels as msgpack str and ends up in JSON (webhooks, dubanctl --json, the dashboard),
// whose encoders refuse bytes that are not UTF-8; so text fields are checked where a request
// enters the system, and refused with a message naming the field.
//
// Thread rules: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace duban {

// True when `s` is well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates (U+D800..
// U+DFFF), nothing above U+10FFFF, no truncated sequence. The empty string is valid.
bool IsValidUtf8(std::string_view s);

// The first `max_code_points` code points of `utf8` on one line (line breaks and tabs become
// spaces), ending with "…" when something was cut; never splits a code point.
std::string Excerpt(std::string_view utf8, std::size_t max_code_points);

}  // namespace duban
