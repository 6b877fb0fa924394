#include "broker/task_address.h"

#include <vector>

#include "common/protocol/mdp.h"

namespace duban::broker {
namespace {

constexpr std::size_t kMaxAddressBytes = 256;  // service (64) + id + fence, with room to spare

}  // namespace

std::string FormatTaskAddress(const TaskAddress& a) {
  return "t|" + a.service + "|" + a.id + "|" + a.fence;
}

Result<TaskAddress> ParseTaskAddress(const std::string& frame) {
  if (frame.size() > kMaxAddressBytes) {
    return ProtocolError("reply address is not a task address of this broker");
  }
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (parts.size() < 5) {
    auto bar = frame.find('|', start);
    parts.push_back(frame.substr(start, bar == std::string::npos ? bar : bar - start));
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  if (parts.size() != 4 || parts[0] != "t") {
    return ProtocolError("reply address is not a task address of this broker");
  }
  TaskAddress a{parts[1], parts[2], parts[3]};
  if (a.service.empty() || a.id.empty() || a.fence.empty()) {
    return ProtocolError("reply address has empty parts");
  }
  if (!protocol::IsNameChars(a.service) || !protocol::IsNameChars(a.id) ||
      !protocol::IsNameChars(a.fence)) {
    return ProtocolError("reply address holds characters no task address has");
  }
  return a;
}

}  // namespace duban::broker
