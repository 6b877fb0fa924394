// Lifecycle: which suggestion state changes are allowed (DOMAIN.md, "Life of a suggestion"), as
// data. The broker refuses an outcome that asks for any other change; the Redis scripts get the
// same table (scripts.cc renders it into Lua), so the rule is written once.
//
// Thread rules: constant data.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

#include "common/protocol/messages.h"

namespace duban::protocol {

// Every allowed (from, to) pair. Staying in the same state is always allowed and not listed.
const std::vector<std::pair<SuggestionState, SuggestionState>>& AllowedTransitions();
bool IsAllowedTransition(SuggestionState from, SuggestionState to);

}  // namespace duban::protocol
