// JsonView: any message as JSON, from its description (describe.h): dubanctl's --json output and
// the dashboard's /api/ bodies. Keys are the wire names in wire order, so a script reads the names
// docs/protocol.md gives. Two additions, never replacing a wire field:
//   - each instant (kTime) "x_ms" > 0 also appears as "x": local ISO 8601 text in the
//     jurisdiction's offset ("at": "2026-03-01T09:30:00+08:00"), unless the message has a field
//     of that name already;
//   - an enum appears as its wire name; an absent std::optional as null.
// Fields not on the wire are left out; so is a private one (kPrivate) when the options say so.
//
// Thread rules: pure functions.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "common/clock.h"
#include "common/protocol/codec.h"
#include "common/protocol/messages.h"

namespace duban::protocol {

// Keys keep the order they are written in (the wire order), not alphabetical order.
using Json = nlohmann::ordered_json;

struct JsonOptions {
  std::int64_t utc_offset_minutes = 480;  // for the ISO text of instants (UTC+8)
  bool drop_private = false;              // leave kPrivate fields out (the dashboard)
};

// "2026-03-01T09:30:00+08:00". "" for an instant outside years 0001..9999 (UTC) or an offset
// beyond +-24 h: such a value can only be corrupt, and must not overflow the arithmetic.
inline constexpr Millis kMinIsoMs = -62'135'596'800'000;  // 0001-01-01T00:00:00Z
inline constexpr Millis kMaxIsoMs = 253'402'300'799'999;  // 9999-12-31T23:59:59.999Z
inline constexpr std::int64_t kMaxOffsetMinutes = 24 * 60;
std::string FormatLocalIso(Millis ms, std::int64_t utc_offset_minutes);

#define DUBAN_DECLARE_TO_JSON(T) Json ToJson(const T& m, const JsonOptions& options = {});
DUBAN_MESSAGES(DUBAN_DECLARE_TO_JSON)
#undef DUBAN_DECLARE_TO_JSON

}  // namespace duban::protocol
