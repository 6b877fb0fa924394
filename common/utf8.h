// Utf8: the one UTF-8 validity check of Duban. Text that people read (titles, reasons, replies,
// notices) travels as msgpack str and ends up in JSON (webhooks, dubanctl --json, the dashboard),
// whose encoders refuse bytes that are not UTF-8; so text fields are checked where a request
// enters the system, and refused with a message naming the field.
//
// Thread rules: pure functions.
#pragma once

#include <string_view>

namespace duban {

// True when `s` is well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates (U+D800..
// U+DFFF), nothing above U+10FFFF, no truncated sequence. The empty string is valid.
bool IsValidUtf8(std::string_view s);

}  // namespace duban
