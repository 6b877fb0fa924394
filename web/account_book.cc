#include "web/account_book.h"

#include <sys/stat.h>

#include "common/log.h"

namespace duban::web {
namespace {
constexpr Millis kCheckEveryMs = 1000;
}  // namespace

Result<std::unique_ptr<AccountBook>> AccountBook::Open(std::string path, const Clock& clock) {
  std::unique_ptr<AccountBook> book(new AccountBook(std::move(path), clock));
  book->seen_ = book->Stat();
  DUBAN_ASSIGN_OR_RETURN(book->accounts_, LoadAccounts(book->path_));
  book->checked_ms_ = clock.NowMs();
  return book;
}

AccountBook::FileId AccountBook::Stat() const {
  struct stat st {};
  if (::stat(path_.c_str(), &st) != 0) return {};
  return {static_cast<std::int64_t>(st.st_size),
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec,
          static_cast<std::int64_t>(st.st_ino)};
}

void AccountBook::ReloadIfChanged() {
  Millis now = clock_.NowMs();
  if (now >= checked_ms_ && now - checked_ms_ < kCheckEveryMs) return;
  checked_ms_ = now;
  FileId id = Stat();
  if (id == seen_) return;
  seen_ = id;
  auto fresh = LoadAccounts(path_);
  if (!fresh.ok()) {
    Logger("web.accounts")
        ->error("accounts file changed but NOT reloaded (the accounts in force stay): {}",
                fresh.status().ToString());
    return;
  }
  accounts_ = std::move(fresh).value();
  Logger("web.accounts")->info("accounts file read again: {} accounts", accounts_.size());
}

std::optional<Account> AccountBook::Find(const std::string& name) {
  std::lock_guard lock(mutex_);
  ReloadIfChanged();
  const Account* a = FindAccount(accounts_, name);
  if (a == nullptr) return std::nullopt;
  return *a;
}

std::size_t AccountBook::size() {
  std::lock_guard lock(mutex_);
  return accounts_.size();
}

}  // namespace duban::web
