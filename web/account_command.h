// AccountCommand: `duban-web account add|reset-password|disable|enable|list`, the admin commands
// that edit the accounts file (web/accounts.h). A password is read from stdin — prompted twice,
// without echo, on a terminal; one line otherwise — never from the command line, where `ps` and
// shell histories would show it; it is stored only as its argon2id hash. Edits hold an exclusive
// lock (flock on FILE.lock) while they read, change and atomically write the file, so two admins
// cannot lose each other's change; a running server picks the change up within a second.
//
// Exit codes (as dubanctl's): 0 ok; 1 refused (the name exists, no such account, a password
// too short or the two entries differ); 2 usage (a bad name, display name or role); 4 the file
// cannot be read, parsed or written.
//
// Thread rules: run from main() alone; blocking I/O.
#pragma once

#include <iosfwd>
#include <string>

namespace duban::web {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRefused = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitBadFile = 4;
inline constexpr std::size_t kMinPasswordBytes = 8;

struct CommandIo {
  std::istream& in;   // the password
  std::ostream& out;  // results
  std::ostream& err;  // errors, prompts
};

int AccountAdd(const std::string& path, const std::string& name, const std::string& role,
               const std::string& display, CommandIo io);
int AccountResetPassword(const std::string& path, const std::string& name, CommandIo io);
// disabled = true: the account cannot sign in and its sessions end; false enables it again.
int AccountSetDisabled(const std::string& path, const std::string& name, bool disabled,
                       CommandIo io);
// One line per account: name, role, display name, "disabled" when it is. Never a hash.
int AccountList(const std::string& path, CommandIo io);

}  // namespace duban::web
