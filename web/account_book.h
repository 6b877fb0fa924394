// AccountBook: the accounts as the running server sees them. It reads the accounts file
// (web/accounts.h) at start and again whenever the file changed (its size, modification time or
// inode, checked at most once per second), so `duban-web account add|disable|reset-password`
// take effect without a restart: a disabled account cannot sign in and its sessions end at their
// next request (the server looks the account up for every request).
//
// A file that no longer parses is not taken: the accounts in force stay, and the error is logged
// once per change of the file (web.accounts).
//
// Thread rules: thread-safe; mutex_ guards accounts_ and the file's last seen identity. Find
// copies the account out, so no reference outlives the lock.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "web/accounts.h"

namespace duban::web {

class AccountBook {
 public:
  // The accounts of `path`; LoadAccounts' errors (a missing file is NotFound: the server refuses
  // to start, since nobody could sign in). `clock` spaces the checks of the file.
  static Result<std::unique_ptr<AccountBook>> Open(std::string path, const Clock& clock);

  // The account named `name` as the file says now; nullopt when there is none.
  std::optional<Account> Find(const std::string& name);
  std::size_t size();

 private:
  AccountBook(std::string path, const Clock& clock) : path_(std::move(path)), clock_(clock) {}
  struct FileId {
    std::int64_t size = -1, mtime_ns = -1, inode = -1;
    bool operator==(const FileId&) const = default;
  };
  FileId Stat() const;
  void ReloadIfChanged();  // with mutex_ held

  const std::string path_;
  const Clock& clock_;
  std::mutex mutex_;  // guards accounts_, seen_, checked_ms_
  std::vector<Account> accounts_;
  FileId seen_;
  Millis checked_ms_ = 0;
};

}  // namespace duban::web
