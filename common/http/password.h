// Password hashes for people who sign in over HTTP (duban-monitor's staff, duban-web's accounts):
// argon2id strings from libsodium's crypto_pwhash_str ("$argon2id$v=19$m=...,t=...,p=1$salt$hash",
// salt and parameters inside, so a stored hash needs nothing beside it). Also the reading of a
// password from a terminal without echo, for the admin commands that set one (never from argv,
// where `ps` and shell histories show it).
//
// Thread rules: pure functions (libsodium is initialised on first use; sodium_init is
// thread-safe). One verification takes ~0.1 s and 64 MiB: callers that verify for strangers bound
// how many run at once (sign_in.h).
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>

#include "common/result.h"

namespace duban::http {

inline constexpr std::size_t kMaxPasswordBytes = 1024;
inline constexpr char kArgon2idPrefix[] = "$argon2id$";

// The "$argon2id$..." string for `password` (OPSLIMIT_INTERACTIVE, MEMLIMIT_INTERACTIVE).
// InvalidArgument for an empty password or one over kMaxPasswordBytes; ResourceExhausted when
// libsodium cannot get the memory.
Result<std::string> HashPassword(std::string_view password);

// True when `password` matches `hash` (crypto_pwhash_str_verify); false for a wrong password and
// for a hash that is not an argon2id string.
bool PasswordMatches(const std::string& hash, std::string_view password);

// True for text that looks like a stored argon2id hash (the prefix; the rest is libsodium's).
bool IsArgon2idHash(std::string_view hash);

// One line from `in` (the trailing CR of a CRLF dropped). When `in` is std::cin on a terminal,
// echo is turned off while it is read and `prompt` is written to stderr first. InvalidArgument at
// end of input with nothing read.
Result<std::string> ReadPasswordLine(std::istream& in, std::string_view prompt);

}  // namespace duban::http
