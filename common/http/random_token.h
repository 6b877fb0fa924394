// RandomToken: unguessable tokens for HTTP sessions and CSRF checks, from libsodium's
// randombytes_buf (the kernel's getrandom), as lower-case hex.
//
// Thread rules: thread-safe (randombytes_buf is).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace duban::http {

// `bytes` random bytes as lower-case hex (2 * bytes characters).
std::string RandomToken(std::size_t bytes = 32);

// True when `a` equals `b`, compared in constant time for equal lengths (sodium_memcmp): for
// secrets a caller sent (CSRF tokens), whose comparison time must not tell how much matched.
bool SecretsEqual(std::string_view a, std::string_view b);

}  // namespace duban::http
