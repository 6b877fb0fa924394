// Accounts: the people who sign in to duban-web, in one file (`--accounts`, default
// var/web/accounts.json) that `duban-web account ...` edits and the server reads.
//
// Each account: a login name, the display name the timeline shows (the person of the broker's
// delegation, `unit:jyj/张三`), the argon2id hash of its password (common/http/password.h; never a
// password), the one role it is bound to (staff, unit:<id>, deputy:<id>, director:<name>) and a
// disabled flag. The file:
//
//   {"version": 1, "accounts": [{"name": "zhang", "display": "张三", "role": "unit:jyj",
//     "password_hash": "$argon2id$...", "disabled": false}]}
//
// Parsing is strict, like every untrusted input: an unknown key, a wrong type, a bad name, role or
// hash, a name or display name given twice make the whole file refused, naming the account.
// Writing is atomic (a temporary file of mode 0600 in the same folder, fsync, rename, fsync of the
// folder): a crash leaves the old file or the new one, never half of one.
//
// Thread rules: pure functions and plain values; the file functions do blocking I/O.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/protocol/caller.h"
#include "common/result.h"

namespace duban::web {

inline constexpr std::size_t kMaxAccounts = 10000;
inline constexpr std::size_t kMaxAccountsFileBytes = 8 << 20;
inline constexpr std::size_t kMaxLoginNameBytes = 64;
inline constexpr std::size_t kMaxDisplayNameBytes = 64;  // the broker's limit on a person

struct Account {
  std::string name;           // login name: 1..64 of [A-Za-z0-9._-]
  std::string display;        // 1..64 bytes of UTF-8, no control byte, '(', ')' or '/'
  protocol::Grant role;       // staff, unit:<id>, deputy:<id> or director:<name>
  std::string password_hash;  // "$argon2id$..."
  bool disabled = false;

  // "unit:jyj/张三": the frame after duban.as when the server acts for this person.
  std::string Person() const;
};

// InvalidArgument naming what is wrong, for each field on its own.
Status ValidateLoginName(std::string_view name);
Status ValidateDisplayName(std::string_view display);
// The role an account may hold: staff, unit:<id>, deputy:<id>, director:<name>.
Result<protocol::Grant> ParseAccountRole(std::string_view text);

// The accounts of a file's text. InvalidArgument naming the account (by index and name) and the
// field for anything wrong, including a name or display name given twice (two people must never
// look alike on a timeline).
Result<std::vector<Account>> ParseAccounts(std::string_view text);
// The file's text for `accounts` (pretty JSON, one account per entry, keys in a fixed order).
std::string FormatAccounts(const std::vector<Account>& accounts);

// The accounts of the file at `path`. NotFound when it does not exist; InvalidArgument (with the
// path) when it cannot be parsed or is larger than kMaxAccountsFileBytes; Unavailable when it
// cannot be read.
Result<std::vector<Account>> LoadAccounts(const std::string& path);
// Writes the file atomically with mode 0600, creating its folder (0700) when missing.
// Unavailable naming the step that failed.
Status SaveAccounts(const std::string& path, const std::vector<Account>& accounts);

// The account named `name`, or nullptr.
const Account* FindAccount(const std::vector<Account>& accounts, std::string_view name);

}  // namespace duban::web
