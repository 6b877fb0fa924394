// Lifecycle: which suggestion state changes are allowed (docs/domain.md#allowed-transitions), as
// data. The broker refuses an outcome that asks for any other change; the Redis scripts get the
// same table (common/store/scripts.cc renders it into Lua), so the rule is written once.
//
// Thread rules: constant data.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/protocol/messages.h"

namespace duban::protocol {

// Every allowed (from, to) pair. Staying in the same state is always allowed and not listed.
const std::vector<std::pair<SuggestionState, SuggestionState>>& AllowedTransitions();
bool IsAllowedTransition(SuggestionState from, SuggestionState to);

// ASSIGNED, IN_HANDLING and REHANDLING await a reply from the lead unit; REPLIED and later have
// it, and WITHDRAWN or MERGED will never get one.
bool AwaitsReply(SuggestionState s);
// CLOSED, WITHDRAWN and MERGED: nothing is left to do.
bool IsFinished(SuggestionState s);

// Work that starts whenever a suggestion enters a state, whoever moved it (a role's outcome or a
// staff action): a task of `kind` for `service`, queued in the same script that made the change.
// Adding a role that reacts to a state is a line here, not a change in the broker.
struct StateEntryTask {
  SuggestionState state;
  std::string service;
  std::string kind;
};
const std::vector<StateEntryTask>& StateEntryTasks();

}  // namespace duban::protocol
