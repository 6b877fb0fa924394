#include "common/http/random_token.h"

#include <sodium.h>

#include <cstdlib>

namespace duban::http {

std::string RandomToken(std::size_t bytes) {
  if (sodium_init() < 0) std::abort();  // no usable randomness: nothing may go on
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                 raw.size());
  hex.pop_back();  // the terminating NUL
  return hex;
}

bool SecretsEqual(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace duban::http
