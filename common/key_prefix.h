// The Redis key prefix of a deployment: "{NAME}", NAME being redis.key_prefix (default "duban").
// The braces make NAME the Redis Cluster hash tag of every key of the deployment, so every key
// is in one slot and each script call touches one slot (common/store/key_layout.h says why one
// tag per deployment and not one per suggestion).
//
// Thread rules: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace duban {

// True when NAME may name a deployment: 1 to 64 of [A-Za-z0-9_.-] (no brace, colon or glob
// character, so the tag, the key names and the layout upgrade's SCAN pattern mean what they say).
inline bool IsValidKeyPrefixName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// "{NAME}": the prefix of every key of the deployment named NAME.
inline std::string KeyPrefix(std::string_view name) { return "{" + std::string(name) + "}"; }

}  // namespace duban
