#include "common/status.h"

#include <array>

namespace duban {
namespace {
constexpr std::array<std::string_view, 11> kNames = {
    "OK",          "INVALID_ARGUMENT", "NOT_FOUND",      "FAILED_PRECONDITION",
    "UNAVAILABLE", "DEADLINE_EXCEEDED", "PROTOCOL_ERROR", "PERMISSION_DENIED",
    "INTERNAL",    "ALREADY_EXISTS",   "RESOURCE_EXHAUSTED",
};
constexpr std::array<std::string_view, 11> kZh = {
    "成功",
    "填写的内容有误，请检查后重新提交",
    "未找到所指的建议、任务或单位",
    "当前状态不允许此操作",
    "系统暂时不可用，请稍后重试",
    "等待答复超时，请稍后重试",
    "消息格式错误",
    "无权执行此操作",
    "系统内部错误，请联系管理员",
    "该事项已存在",
    "超出数量或长度限制",
};
}  // namespace

std::string_view StatusCodeZh(StatusCode code) {
  auto i = static_cast<size_t>(code);
  return i < kZh.size() ? kZh[i] : kZh[static_cast<size_t>(StatusCode::kInternal)];
}

std::string Status::ZhMessage() const {
  if (ok()) return "";
  return zh_.empty() ? std::string(StatusCodeZh(code_)) : zh_;
}

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
