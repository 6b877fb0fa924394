#include "web/accounts.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "common/http/password.h"
#include "common/http/random_token.h"
#include "common/utf8.h"

namespace duban::web {
namespace {

using Json = nlohmann::json;
namespace svc = protocol::svc;

constexpr int kFileVersion = 1;

std::string Errno(const std::string& what) { return what + ": " + std::strerror(errno); }

Status ReadAccount(const Json& j, std::size_t index, Account* out) {
  auto where = [&] {
    std::string n = out->name.empty() ? "" : " '" + out->name + "'";
    return "account " + std::to_string(index + 1) + n + ": ";
  };
  if (!j.is_object()) return InvalidArgument(where() + "not an object");
  static const std::set<std::string> kKeys = {"name", "display", "role", "password_hash",
                                              "disabled"};
  for (const auto& [key, value] : j.items()) {
    if (!kKeys.count(key)) return InvalidArgument(where() + "unknown key '" + key + "'");
  }
  auto text = [&](const char* key, std::string* field) -> Status {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) {
      return InvalidArgument(where() + "'" + key + "' must be a string");
    }
    *field = it->get<std::string>();
    return Status::Ok();
  };
  DUBAN_RETURN_IF_ERROR(text("name", &out->name));
  if (Status s = ValidateLoginName(out->name); !s.ok()) return InvalidArgument(where() + s.message());
  DUBAN_RETURN_IF_ERROR(text("display", &out->display));
  if (Status s = ValidateDisplayName(out->display); !s.ok()) {
    return InvalidArgument(where() + s.message());
  }
  std::string role;
  DUBAN_RETURN_IF_ERROR(text("role", &role));
  auto grant = ParseAccountRole(role);
  if (!grant.ok()) return InvalidArgument(where() + grant.status().message());
  out->role = *grant;
  DUBAN_RETURN_IF_ERROR(text("password_hash", &out->password_hash));
  if (!http::IsArgon2idHash(out->password_hash)) {
    return InvalidArgument(where() + "password_hash is not an argon2id hash ($argon2id$...)");
  }
  auto disabled = j.find("disabled");
  if (disabled != j.end()) {
    if (!disabled->is_boolean()) return InvalidArgument(where() + "'disabled' must be true or false");
    out->disabled = disabled->get<bool>();
  }
  return Status::Ok();
}

}  // namespace

std::string Account::Person() const { return protocol::GrantText(role) + "/" + display; }

Status ValidateLoginName(std::string_view name) {
  if (name.empty() || name.size() > kMaxLoginNameBytes) {
    return InvalidArgument("a login name is 1.." + std::to_string(kMaxLoginNameBytes) +
                           " characters of A-Z a-z 0-9 . _ -");
  }
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') {
      return InvalidArgument("a login name is 1.." + std::to_string(kMaxLoginNameBytes) +
                             " characters of A-Z a-z 0-9 . _ -");
    }
  }
  return Status::Ok();
}

Status ValidateDisplayName(std::string_view display) {
  if (display.empty() || display.size() > kMaxDisplayNameBytes || !IsValidUtf8(display)) {
    return InvalidArgument("a display name is 1.." + std::to_string(kMaxDisplayNameBytes) +
                           " bytes of UTF-8");
  }
  for (unsigned char c : display) {
    if (c < 0x20 || c == 0x7f || c == '(' || c == ')' || c == '/') {
      return InvalidArgument(
          "a display name holds no control character, '(', ')' or '/' (the timeline records it as "
          "KEY(as ROLE/NAME))");
    }
  }
  if (display.front() == ' ' || display.back() == ' ') {
    return InvalidArgument("a display name neither starts nor ends with a space");
  }
  return Status::Ok();
}

Result<protocol::Grant> ParseAccountRole(std::string_view text) {
  auto grant = protocol::ParseGrant(text);
  constexpr svc::Roles kAccountRoles = svc::kStaff | svc::kUnit | svc::kDeputy | svc::kDirector;
  if (!grant.ok() || (grant->role & kAccountRoles) == 0) {
    return InvalidArgument("role '" + std::string(text) +
                           "': an account is bound to staff, unit:<id>, deputy:<id> or "
                           "director:<name>");
  }
  return grant;
}

Result<std::vector<Account>> ParseAccounts(std::string_view text) {
  Json root = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return InvalidArgument("not JSON");
  if (!root.is_object()) return InvalidArgument("not a JSON object");
  for (const auto& [key, value] : root.items()) {
    if (key != "version" && key != "accounts") {
      return InvalidArgument("unknown key '" + key + "' (version, accounts)");
    }
  }
  auto version = root.find("version");
  if (version == root.end() || !version->is_number_integer() ||
      version->get<std::int64_t>() != kFileVersion) {
    return InvalidArgument("\"version\" must be " + std::to_string(kFileVersion));
  }
  auto list = root.find("accounts");
  if (list == root.end() || !list->is_array()) {
    return InvalidArgument("\"accounts\" must be an array");
  }
  if (list->size() > kMaxAccounts) {
    return InvalidArgument("more than " + std::to_string(kMaxAccounts) + " accounts");
  }
  std::vector<Account> out;
  std::set<std::string> names, displays;
  for (std::size_t i = 0; i < list->size(); ++i) {
    Account a;
    DUBAN_RETURN_IF_ERROR(ReadAccount((*list)[i], i, &a));
    if (!names.insert(a.name).second) {
      return InvalidArgument("account " + std::to_string(i + 1) + ": the name '" + a.name +
                             "' is given twice");
    }
    if (!displays.insert(a.display).second) {
      return InvalidArgument("account " + std::to_string(i + 1) + " '" + a.name +
                             "': the display name '" + a.display + "' is another account's");
    }
    out.push_back(std::move(a));
  }
  return out;
}

std::string FormatAccounts(const std::vector<Account>& accounts) {
  // ordered_json keeps the keys in the order written: a file people can read and diff.
  nlohmann::ordered_json root;
  root["version"] = kFileVersion;
  root["accounts"] = nlohmann::ordered_json::array();
  for (const Account& a : accounts) {
    nlohmann::ordered_json j;
    j["name"] = a.name;
    j["display"] = a.display;
    j["role"] = protocol::GrantText(a.role);
    j["password_hash"] = a.password_hash;
    j["disabled"] = a.disabled;
    root["accounts"].push_back(std::move(j));
  }
  return root.dump(2) + "\n";
}

Result<std::vector<Account>> LoadAccounts(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return NotFound("no accounts file at " + path + " (make one with: duban-web account add)");
  }
  auto size = std::filesystem::file_size(path, ec);
  if (ec) return Unavailable("cannot read " + path + ": " + ec.message());
  if (size > kMaxAccountsFileBytes) {
    return InvalidArgument(path + ": larger than " + std::to_string(kMaxAccountsFileBytes) +
                           " bytes");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Unavailable(Errno("cannot open " + path));
  std::ostringstream text;
  text << in.rdbuf();
  auto accounts = ParseAccounts(text.str());
  if (!accounts.ok()) return InvalidArgument(path + ": " + accounts.status().message());
  return accounts;
}

Status SaveAccounts(const std::string& path, const std::vector<Account>& accounts) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  fs::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    fs::create_directories(dir, ec);
    if (ec) return Unavailable("cannot create " + dir.string() + ": " + ec.message());
    fs::permissions(dir, fs::perms::owner_all, ec);
  }
  const std::string text = FormatAccounts(accounts);
  const std::string tmp = (dir / ("." + target.filename().string() + "." +
                                  http::RandomToken(6) + ".tmp")).string();
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Unavailable(Errno("cannot create " + tmp));
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      Status s = Unavailable(Errno("cannot write " + tmp));
      ::close(fd);
      ::unlink(tmp.c_str());
      return s;
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    Status s = Unavailable(Errno("cannot write " + tmp + " to disk"));
    ::unlink(tmp.c_str());
    return s;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    Status s = Unavailable(Errno("cannot replace " + path));
    ::unlink(tmp.c_str());
    return s;
  }
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {  // the rename itself durable; a folder that cannot be opened is not an error
    ::fsync(dfd);
    ::close(dfd);
  }
  return Status::Ok();
}

const Account* FindAccount(const std::vector<Account>& accounts, std::string_view name) {
  auto it = std::find_if(accounts.begin(), accounts.end(),
                         [&](const Account& a) { return a.name == name; });
  return it == accounts.end() ? nullptr : &*it;
}

}  // namespace duban::web
