#include "common/http/password.h"

#include <sodium.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

namespace duban::http {
namespace {

void InitSodium() {
  if (sodium_init() < 0) std::abort();  // no usable randomness: nothing may go on
}

}  // namespace

Result<std::string> HashPassword(std::string_view password) {
  InitSodium();
  if (password.empty()) return InvalidArgument("the password is empty");
  if (password.size() > kMaxPasswordBytes) {
    return InvalidArgument("the password is longer than " + std::to_string(kMaxPasswordBytes) +
                           " bytes");
  }
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return ResourceExhausted("argon2id could not get its memory to hash the password");
  }
  return std::string(out);
}

bool IsArgon2idHash(std::string_view hash) {
  return hash.size() < crypto_pwhash_STRBYTES && hash.rfind(kArgon2idPrefix, 0) == 0;
}

bool PasswordMatches(const std::string& hash, std::string_view password) {
  InitSodium();
  if (!IsArgon2idHash(hash) || password.size() > kMaxPasswordBytes) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Result<std::string> ReadPasswordLine(std::istream& in, std::string_view prompt) {
  const bool tty = &in == &std::cin && isatty(STDIN_FILENO) == 1;
  termios saved{};
  const bool quiet = tty && tcgetattr(STDIN_FILENO, &saved) == 0;
  if (quiet) {
    termios no_echo = saved;
    no_echo.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &no_echo);
  }
  if (tty) std::cerr << prompt << std::flush;
  std::string line;
  const bool got = static_cast<bool>(std::getline(in, line));
  if (quiet) tcsetattr(STDIN_FILENO, TCSANOW, &saved);
  if (tty) std::cerr << "\n";
  if (!got && line.empty()) return InvalidArgument("no password given (end of input)");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace duban::http
