// Reading the fields of a script's reply (redis_client.h's Reply): integers that Redis may send as
// numbers or as strings, strings that may come as numbers, and the error for a reply whose shape
// is not the one the script promises. Shared by the store classes (task_store, audit_store,
// agenda_store, report_store).
//
// Thread rules: pure functions.
#pragma once

#include <cstdint>
#include <string>

#include "common/result.h"
#include "common/store/redis_client.h"

namespace duban::store {

// The integer in `r` (an integer reply, or a decimal string); 0 when it is neither.
inline std::int64_t Int(const Reply& r) {
  if (r.type == Reply::Type::kInteger) return r.integer;
  try {
    return r.str.empty() ? 0 : std::stoll(r.str);
  } catch (...) {
    return 0;
  }
}

// The string in `r`, an integer reply written in decimal.
inline std::string Str(const Reply& r) {
  return r.type == Reply::Type::kInteger ? std::to_string(r.integer) : r.str;
}

inline Status Shape(const std::string& what) {
  return Internal("unexpected reply shape from script " + what);
}

}  // namespace duban::store
