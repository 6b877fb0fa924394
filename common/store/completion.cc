#include "common/store/completion.h"

#include <utility>

#include "common/protocol/codec.h"

namespace duban::store {

Completion CompletionFor(const protocol::Outcome& o, std::string actor) {
  Completion c;
  c.expect_version = o.expect_version;
  c.to_state = o.to_state;
  if (!o.units.empty()) {
    c.units = protocol::EncodeUnits(o.units);
    for (const auto& u : o.units) {
      if (u.state == "REASSIGNED") continue;  // handed to another unit (调整交办): no longer its
      if (u.role == protocol::UnitRole::kLead) c.lead = u.unit;
      c.unit_list += (c.unit_list.empty() ? "" : ",") + u.unit;
    }
  }
  if (o.deadline) c.deadline = protocol::EncodeBare(*o.deadline);
  c.action = o.action;
  c.note = o.note;
  c.actor = std::move(actor);
  c.effects = protocol::EncodeOutcomeEffects(o);
  c.committee = o.committee;
  return c;
}

}  // namespace duban::store
