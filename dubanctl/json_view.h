// JsonView: the --json output of dubanctl, one ToJson per reply struct of messages.h. Field names
// are the wire names (docs/protocol.md), so a script reads the same names the protocol uses.
// Additions for convenience never replace a wire field: each *_ms instant also appears as an ISO
// 8601 string in the jurisdiction's offset ("at": "2026-03-01T09:30:00+08:00").
//
// Thread rules: pure functions.
// Invariant: Print() dumps with ensure_ascii=false, so Chinese stays readable UTF-8 (no \u
// escapes); invalid UTF-8 from the broker is replaced (U+FFFD) rather than aborting the dump.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <ostream>

#include "common/protocol/messages.h"

namespace duban::ctl {

// Keys keep the order they are written in (the wire order), not alphabetical order.
using Json = nlohmann::ordered_json;

Json ToJson(const protocol::SubmitReply& r);
Json ToJson(const protocol::AssignReply& r);
Json ToJson(const protocol::GetReply& r, std::int64_t utc_offset_minutes);
Json ToJson(const protocol::ListReply& r);
Json ToJson(const protocol::QueuesReply& r);
Json ToJson(const protocol::DlqReply& r, std::int64_t utc_offset_minutes);
Json ToJson(const protocol::StatsReply& r);

// A failure as {"code": "INVALID_ARGUMENT", "message": "..."}.
Json ToJson(const Status& s);

// Pretty-printed (2 spaces), UTF-8 kept, then a newline.
void Print(std::ostream& out, const Json& j);

}  // namespace duban::ctl
