#include "web/account_command.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "common/http/password.h"
#include "web/accounts.h"

namespace duban::web {
namespace {

// An exclusive flock on PATH.lock for the life of the object (the folder made, 0700, when the
// first account is added).
class FileLock {
 public:
  explicit FileLock(const std::string& path) {
    std::filesystem::path dir = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!dir.empty() && !std::filesystem::exists(dir, ec)) {
      std::filesystem::create_directories(dir, ec);
      std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
    }
    fd_ = ::open((path + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ >= 0 && ::flock(fd_, LOCK_EX) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~FileLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
  }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  bool held() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

int Fail(CommandIo io, int code, const std::string& message) {
  io.err << "duban-web account: " << message << "\n";
  return code;
}

// The accounts of the file; an absent file is no accounts (the first `add` makes it).
Result<std::vector<Account>> Load(const std::string& path, bool absent_is_empty) {
  auto accounts = LoadAccounts(path);
  if (!accounts.ok() && accounts.status().code() == StatusCode::kNotFound && absent_is_empty) {
    return std::vector<Account>{};
  }
  return accounts;
}

// The new password's hash: read (twice on a terminal), checked, hashed.
Result<std::string> NewPasswordHash(CommandIo io) {
  DUBAN_ASSIGN_OR_RETURN(std::string password, http::ReadPasswordLine(io.in, "new password: "));
  if (&io.in == &std::cin && isatty(STDIN_FILENO) == 1) {
    DUBAN_ASSIGN_OR_RETURN(std::string again, http::ReadPasswordLine(io.in, "again: "));
    if (again != password) return FailedPrecondition("the two passwords differ");
  }
  if (password.size() < kMinPasswordBytes) {
    return FailedPrecondition("a password has at least " + std::to_string(kMinPasswordBytes) +
                              " characters");
  }
  return http::HashPassword(password);
}

int ExitFor(const Status& s) {
  switch (s.code()) {
    case StatusCode::kInvalidArgument: return kExitUsage;
    case StatusCode::kFailedPrecondition:
    case StatusCode::kNotFound:
    case StatusCode::kAlreadyExists: return kExitRefused;
    default: return kExitBadFile;
  }
}

}  // namespace

int AccountAdd(const std::string& path, const std::string& name, const std::string& role,
               const std::string& display, CommandIo io) {
  Account a;
  a.name = name;
  a.display = display;
  if (Status s = ValidateLoginName(name); !s.ok()) return Fail(io, kExitUsage, s.message());
  if (Status s = ValidateDisplayName(display); !s.ok()) return Fail(io, kExitUsage, s.message());
  auto grant = ParseAccountRole(role);
  if (!grant.ok()) return Fail(io, kExitUsage, grant.status().message());
  a.role = *grant;
  FileLock lock(path);
  if (!lock.held()) return Fail(io, kExitBadFile, "cannot lock " + path + ".lock");
  auto accounts = Load(path, true);
  if (!accounts.ok()) return Fail(io, kExitBadFile, accounts.status().message());
  if (FindAccount(*accounts, name) != nullptr) {
    return Fail(io, kExitRefused, "account '" + name + "' exists (reset-password changes it)");
  }
  for (const Account& other : *accounts) {
    if (other.display == display) {
      return Fail(io, kExitRefused,
                  "the display name '" + display + "' is account '" + other.name + "''s");
    }
  }
  auto hash = NewPasswordHash(io);
  if (!hash.ok()) return Fail(io, ExitFor(hash.status()), hash.status().message());
  a.password_hash = *hash;
  accounts->push_back(a);
  if (Status s = SaveAccounts(path, *accounts); !s.ok()) {
    return Fail(io, kExitBadFile, s.message());
  }
  io.out << "added " << name << " (" << protocol::GrantText(a.role) << ", " << display << ")\n";
  return kExitOk;
}

int AccountResetPassword(const std::string& path, const std::string& name, CommandIo io) {
  FileLock lock(path);
  if (!lock.held()) return Fail(io, kExitBadFile, "cannot lock " + path + ".lock");
  auto accounts = Load(path, false);
  if (!accounts.ok()) return Fail(io, kExitBadFile, accounts.status().message());
  auto it = std::find_if(accounts->begin(), accounts->end(),
                         [&](const Account& a) { return a.name == name; });
  if (it == accounts->end()) return Fail(io, kExitRefused, "no account '" + name + "'");
  auto hash = NewPasswordHash(io);
  if (!hash.ok()) return Fail(io, ExitFor(hash.status()), hash.status().message());
  it->password_hash = *hash;
  if (Status s = SaveAccounts(path, *accounts); !s.ok()) {
    return Fail(io, kExitBadFile, s.message());
  }
  io.out << "password of " << name << " reset\n";
  return kExitOk;
}

int AccountSetDisabled(const std::string& path, const std::string& name, bool disabled,
                       CommandIo io) {
  FileLock lock(path);
  if (!lock.held()) return Fail(io, kExitBadFile, "cannot lock " + path + ".lock");
  auto accounts = Load(path, false);
  if (!accounts.ok()) return Fail(io, kExitBadFile, accounts.status().message());
  auto it = std::find_if(accounts->begin(), accounts->end(),
                         [&](const Account& a) { return a.name == name; });
  if (it == accounts->end()) return Fail(io, kExitRefused, "no account '" + name + "'");
  it->disabled = disabled;
  if (Status s = SaveAccounts(path, *accounts); !s.ok()) {
    return Fail(io, kExitBadFile, s.message());
  }
  io.out << name << (disabled ? " disabled" : " enabled") << "\n";
  return kExitOk;
}

int AccountList(const std::string& path, CommandIo io) {
  auto accounts = Load(path, false);
  if (!accounts.ok()) return Fail(io, kExitBadFile, accounts.status().message());
  for (const Account& a : *accounts) {
    io.out << a.name << "\t" << protocol::GrantText(a.role) << "\t" << a.display
           << (a.disabled ? "\tdisabled" : "") << "\n";
  }
  return kExitOk;
}

}  // namespace duban::web
