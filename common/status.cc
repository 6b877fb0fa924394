#include "common/status.h"

#include <array>

namespace duban {
namespace {
constexpr std::array<std::string_view, 11> kNames = {
    "OK",          "INVALID_ARGUMENT", "NOT_FOUND",      "FAILED_PRECONDITION",
    "UNAVAILABLE", "DEADLINE_EXCEEDED", "PROTOCOL_ERROR", "PERMISSION_DENIED",
    "INTERNAL",    "ALREADY_EXISTS",   "RESOURCE_EXHAUSTED",
};
}  // namespace

std::string_view StatusCodeName(StatusCode code) {
  auto i = static_cast<size_t>(code);
  return i < kNames.size() ? kNames[i] : "INTERNAL";
}

StatusCode StatusCodeFromName(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<StatusCode>(i);
  }
  return StatusCode::kInternal;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string s(StatusCodeName(code_));
  s += ": ";
  s += message_;
  return s;
}

}  // namespace duban
