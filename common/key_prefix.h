// The Redis key prefix of a deployment: "{NAME}", NAME being redis.key_prefix (default "duban").
// The braces make NAME the Redis Cluster hash tag of every key of the deployment, so every key
// is in one slot and each script call touches one slot (common/store/key_layout.h says why one
// tag per deployment and not one per suggestion).
//
// Thread rules: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/protocol/mdp.h"

namespace duban {

// True when NAME may name a deployment: a name as services and timers have them, 1 to 64 of
// [A-Za-z0-9_.-] (no brace, colon or glob character, so the tag, the key names and the layout
// upgrade's SCAN pattern mean what they say).
inline bool IsValidKeyPrefixName(std::string_view name) {
  return protocol::IsValidServiceName(name);
}

// "{NAME}": the prefix of every key of the deployment named NAME.
inline std::string KeyPrefix(std::string_view name) { return "{" + std::string(name) + "}"; }

}  // namespace duban
