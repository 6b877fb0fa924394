#include "broker/task_address.h"

#include <vector>

namespace duban::broker {

std::string FormatTaskAddress(const TaskAddress& a) {
  std::string s = a.role ? "r|" : "m|";
  s += a.service + "|" + a.id + "|" + a.fence;
  if (a.role) s += "|" + a.code;
  return s;
}

Result<TaskAddress> ParseTaskAddress(const std::string& frame) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (parts.size() < 6) {
    auto bar = frame.find('|', start);
    parts.push_back(frame.substr(start, bar == std::string::npos ? bar : bar - start));
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  TaskAddress a;
  if (parts.size() == 4 && parts[0] == "m") {
    a.role = false;
  } else if (parts.size() == 5 && parts[0] == "r" && !parts[4].empty()) {
    a.role = true;
    a.code = parts[4];
  } else {
    return ProtocolError("reply address is not a task address of this broker");
  }
  a.service = parts[1];
  a.id = parts[2];
  a.fence = parts[3];
  if (a.service.empty() || a.id.empty() || a.fence.empty()) {
    return ProtocolError("reply address has empty parts");
  }
  return a;
}

}  // namespace duban::broker
