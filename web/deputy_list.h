// DeputyList: the duban.list request for one deputy's own suggestions (`deputy` = the deputy's
// id; the broker lets a deputy list only its own).
//
// The `deputy` field of ListRequest is being added to the broker beside this slice. Until the
// struct has it, the request is written by hand: ListRequest's fields, then "deputy"; once it
// has it, the struct's own codec writes it (the `if constexpr` below picks which at compile time,
// so the merge needs no edit here; the hand-written branch can then go). A broker without the
// field refuses the request, and the deputy's page shows that refusal with its code.
//
// Thread rules: pure functions.
#pragma once

#include <cstdint>
#include <string>

#include "common/protocol/codec.h"
#include "common/protocol/messages.h"

namespace duban::web {

inline constexpr std::int64_t kDeputyListLimit = 200;

template <typename Request = protocol::ListRequest>
std::string EncodeDeputyList(const std::string& deputy_id, std::int64_t limit = kDeputyListLimit) {
  Request r;
  r.limit = limit;
  if constexpr (requires { r.deputy; }) {
    r.deputy = deputy_id;
    return protocol::Encode(r);
  } else {
    protocol::MapWriter w;
    w.Int("v", protocol::kProtocolVersion);
    protocol::WriteFields(w, r);
    w.Str("deputy", deputy_id);
    return w.Take();
  }
}

}  // namespace duban::web
