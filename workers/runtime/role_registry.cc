#include <map>

#include "workers/runtime/role.h"

namespace duban::workers {
namespace {
std::map<std::string, RoleFactory>& Table() {
  static std::map<std::string, RoleFactory> table;  // filled by static registrations at start-up
  return table;
}
}  // namespace

void RegisterRole(const std::string& name, RoleFactory factory) { Table()[name] = std::move(factory); }

Result<RoleFactory> FindRole(const std::string& name) {
  auto it = Table().find(name);
  if (it != Table().end()) return it->second;
  std::string known;
  for (const auto& n : RoleNames()) known += (known.empty() ? "" : ", ") + n;
  return NotFound("unknown role '" + name + "' (known: " + known + ")");
}

std::vector<std::string> RoleNames() {
  std::vector<std::string> out;
  for (const auto& [name, f] : Table()) out.push_back(name);
  return out;
}

}  // namespace duban::workers
