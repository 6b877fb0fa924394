#include "common/key_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace duban {

bool ParseKeyFileLine(const std::string& line, std::string* key, std::string* value) {
  auto eq = line.find('=');
  if (eq == std::string::npos) return false;
  auto trim = [](const std::string& s) {
    auto b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  };
  *key = trim(line.substr(0, eq));
  std::string v = trim(line.substr(eq + 1));
  if (v.size() < 2 || v.front() != '"' || v.back() != '"') return false;
  *value = v.substr(1, v.size() - 2);
  return value->find_first_of("\"\\") == std::string::npos;
}

Status ReadKeyFileFields(
    const std::string& path, const std::string& what, const std::string& expected,
    const std::function<Status(const std::string&, const std::string&, int)>& on_field) {
  std::ifstream in(path);
  if (!in) return NotFound(what + " '" + path + "': " + std::strerror(errno));
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    std::string k, v;
    if (!ParseKeyFileLine(line, &k, &v)) {
      return InvalidArgument(what + " '" + path + "' line " + std::to_string(n) + ": expected " +
                             expected);
    }
    DUBAN_RETURN_IF_ERROR(on_field(k, v, n));
  }
  return Status::Ok();
}

Status WriteNewKeyFile(const std::string& path, const std::string& body, mode_t mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    if (errno == EEXIST) return AlreadyExists("'" + path + "' exists: a key file is never replaced");
    return Unavailable("cannot create '" + path + "': " + std::strerror(errno));
  }
  bool ok = ::write(fd, body.data(), body.size()) == static_cast<ssize_t>(body.size());
  ok = ::fsync(fd) == 0 && ok;
  ::close(fd);
  if (!ok) return Unavailable("cannot write '" + path + "': " + std::strerror(errno));
  return Status::Ok();
}

}  // namespace duban
