// JsonView: the --json output of dubanctl. A reply is printed as protocol::ToJson makes it
// (common/protocol/json_view.h): from the message's description, so the keys are the wire names
// in wire order (docs/protocol.md) — a script reads the same names the protocol uses — enums are
// their wire names, an absent optional is null, and each instant "x_ms" > 0 also appears as "x",
// ISO 8601 text in the jurisdiction's offset ("at_ms" → "at": "2026-03-01T09:30:00+08:00",
// "placed_ms" → "placed"). Commands call protocol::ToJson(reply, JsonOptions{offset}) directly and
// add onto that object only what the reply does not carry (unit names from --config, computed
// rates, summaries such as "checked" and "warnings"). This file adds the failure's JSON and the
// printer.
//
// Thread rules: pure functions.
// Invariant: Print() dumps with ensure_ascii=false, so Chinese stays readable UTF-8 (no \u
// escapes); invalid UTF-8 from the broker is replaced (U+FFFD) rather than aborting the dump.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "common/protocol/json_view.h"
#include "common/status.h"

namespace duban::ctl {

// Keys keep the order they are written in (the wire order), not alphabetical order. The same
// type as protocol::Json.
using Json = protocol::Json;

// A failure as {"code": "INVALID_ARGUMENT", "message": "..."}.
Json ToJson(const Status& s);

// Pretty-printed (2 spaces), UTF-8 kept, then a newline.
void Print(std::ostream& out, const Json& j);

}  // namespace duban::ctl
