// Small builders shared by the escalation role's files (escalation_role.cc, agenda_kinds.cc):
// the escalation's skip (NoChange and NoticeTo are workers/runtime/outcome_builders.h).
//
// Thread rules: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "common/protocol/messages.h"
#include "workers/runtime/outcome_builders.h"

namespace duban::workers::escalation {

inline protocol::Outcome Skipped(std::string note) {
  return NoChange("escalation_skipped", std::move(note));
}

}  // namespace duban::workers::escalation
