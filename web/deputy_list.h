// DeputyList: the duban.list request for one deputy's own suggestions (`deputy` = the deputy's
// id; the broker lets a deputy list only its own).
//
// Thread rules: pure functions.
#pragma once

#include <cstdint>
#include <string>

#include "common/protocol/codec.h"
#include "common/protocol/messages.h"

namespace duban::web {

inline constexpr std::int64_t kDeputyListLimit = 200;

inline std::string EncodeDeputyList(const std::string& deputy_id,
                                    std::int64_t limit = kDeputyListLimit) {
  protocol::ListRequest r;
  r.limit = limit;
  r.deputy = deputy_id;
  return protocol::Encode(r);
}

}  // namespace duban::web
