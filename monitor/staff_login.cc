#include "monitor/staff_login.h"

#include <algorithm>

#include "common/http/password.h"

namespace duban::monitor {

Result<std::unique_ptr<StaffLogin>> StaffLogin::Create(std::vector<StaffAccount> accounts,
                                                       const Clock& clock,
                                                       StaffLoginOptions options) {
  if (accounts.empty()) {
    return FailedPrecondition("staff sign-in needs at least one [[monitor.account]]");
  }
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    const StaffAccount& a = accounts[i];
    if (!http::IsArgon2idHash(a.password_hash)) {
      return InvalidArgument("the password_hash of account '" + a.name +
                             "' is not an argon2id hash ($argon2id$...)");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (accounts[j].name == a.name) {
        return InvalidArgument("account '" + a.name + "' is given twice");
      }
    }
  }
  http::SignInOptions sign_in;
  sign_in.session_ttl_ms = options.session_ttl_ms;
  sign_in.max_failures = options.max_failures;
  sign_in.failure_window_ms = options.failure_window_ms;
  sign_in.max_sessions = options.max_sessions;
  DUBAN_ASSIGN_OR_RETURN(auto password_sign_in, http::PasswordSignIn::Create(clock, sign_in));
  return std::unique_ptr<StaffLogin>(
      new StaffLogin(std::move(accounts), std::move(password_sign_in)));
}

Result<http::SignedIn> StaffLogin::SignIn(const std::string& name, std::string_view password,
                                          const std::string& peer, Millis* retry_after_ms) {
  auto hash_of = [this](const std::string& n) -> std::optional<std::string> {
    auto it = std::find_if(accounts_.begin(), accounts_.end(),
                           [&](const StaffAccount& a) { return a.name == n; });
    if (it == accounts_.end()) return std::nullopt;
    return it->password_hash;
  };
  return sign_in_->SignIn(name, password, peer, hash_of, retry_after_ms);
}

}  // namespace duban::monitor
