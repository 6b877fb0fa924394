// Status: the one error type of Duban. A Status is OK or carries a code and a message meant for
// people (operators read it in logs, clients read it in error replies), and may carry the same in
// Chinese for the person who asked (请先签收): error replies always carry Chinese words beside the
// code (`message_zh`: these, or the code's own words, StatusCodeZh).
//
// Thread rules: a value type; safe to copy between threads.
// Invariant: an OK status has an empty message. Codes are part of the wire protocol (their names
// travel in error replies, see docs/protocol.md): never renumber or rename them.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace duban {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // the request is malformed or a field is invalid; do not retry as is
  kNotFound,            // the named suggestion, task or unit does not exist
  kFailedPrecondition,  // the state does not allow it (invalid transition, late request)
  kUnavailable,         // Redis or a peer is unreachable; retry later
  kDeadlineExceeded,    // no answer in time
  kProtocolError,       // a frame or message violates 7/MDP or the msgpack schema
  kPermissionDenied,    // the caller may not do this
  kInternal,            // a bug or a broken invariant on our side
  kAlreadyExists,       // the thing was created before (answers carry the first result)
  kResourceExhausted,   // a size or count limit was reached
};

// The wire name of a code, e.g. "INVALID_ARGUMENT".
std::string_view StatusCodeName(StatusCode code);
// The code for a wire name; kInternal for an unknown name.
StatusCode StatusCodeFromName(std::string_view name);
// The code's own words in Chinese, for an error no one worded more precisely ("当前状态不允许此操作").
std::string_view StatusCodeZh(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "INVALID_ARGUMENT: title is empty", or "OK".
  std::string ToString() const;

  // The Chinese words given with WithZh, "" when none were.
  const std::string& zh() const { return zh_; }
  // zh() when given, else the code's own words (StatusCodeZh); "" for OK.
  std::string ZhMessage() const;
  // This status with Chinese words for the person who asked.
  Status WithZh(std::string zh) const& {
    Status s = *this;
    s.zh_ = std::move(zh);
    return s;
  }
  Status WithZh(std::string zh) && {
    zh_ = std::move(zh);
    return std::move(*this);
  }

  // Equal code and message: the Chinese words are a rendering of the same error.
  bool operator==(const Status& other) const {
    return code_ == other.code_ && message_ == other.message_;
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string zh_;
};

inline Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status FailedPrecondition(std::string m) {
  return {StatusCode::kFailedPrecondition, std::move(m)};
}
inline Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
inline Status DeadlineExceeded(std::string m) {
  return {StatusCode::kDeadlineExceeded, std::move(m)};
}
inline Status ProtocolError(std::string m) { return {StatusCode::kProtocolError, std::move(m)}; }
inline Status PermissionDenied(std::string m) {
  return {StatusCode::kPermissionDenied, std::move(m)};
}
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
inline Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
inline Status ResourceExhausted(std::string m) {
  return {StatusCode::kResourceExhausted, std::move(m)};
}

}  // namespace duban

// Early return on error: DUBAN_RETURN_IF_ERROR(expr) where expr yields a Status.
#define DUBAN_RETURN_IF_ERROR(expr)         \
  do {                                      \
    ::duban::Status duban_status_ = (expr); \
    if (!duban_status_.ok()) return duban_status_; \
  } while (0)
