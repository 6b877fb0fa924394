// Result<T>: a value or a non-OK Status. Returned by everything that handles untrusted input or can
// fail at run time (decoding, Redis, config). Accessing value() of an error is a bug (asserted).
#pragma once

#include <cassert>
#include <optional>
#include <utility>

#include "common/status.h"

namespace duban {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {   // NOLINT: implicit by design
    assert(!status_.ok() && "Result built from an OK status without a value");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace duban

// DUBAN_ASSIGN_OR_RETURN(auto x, expr): unwraps a Result or returns its Status.
#define DUBAN_CONCAT_INNER_(a, b) a##b
#define DUBAN_CONCAT_(a, b) DUBAN_CONCAT_INNER_(a, b)
#define DUBAN_ASSIGN_OR_RETURN(decl, expr)                       \
  auto DUBAN_CONCAT_(duban_result_, __LINE__) = (expr);          \
  if (!DUBAN_CONCAT_(duban_result_, __LINE__).ok())              \
    return DUBAN_CONCAT_(duban_result_, __LINE__).status();      \
  decl = std::move(DUBAN_CONCAT_(duban_result_, __LINE__)).value()
