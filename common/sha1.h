// Sha1: SHA-1 (FIPS 180-4) of a byte string, for the audit chain (common/audit_chain.h), which
// must reproduce what the Lua scripts compute with Redis's redis.sha1hex. SHA-1 is used there to
// detect changes to a stored history by anyone without write access to the head, matching Redis's
// own primitive; it is not used to resist a forger who can write the whole chain (see
// docs/redis-schema.md, "The audit chain").
//
// Thread rules: pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace duban {

// The 20-byte digest.
std::array<std::uint8_t, 20> Sha1(std::string_view bytes);

// The digest as 40 lowercase hex digits, as redis.sha1hex returns it.
std::string Sha1Hex(std::string_view bytes);

}  // namespace duban
