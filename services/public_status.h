// PublicStatus: what anyone with a tracking code may see of a matter
// (docs/domain.md#one-matter-one-code): state, units, deadline, reply date, result class,
// satisfaction. Built field by field
// from the suggestion — never by copying it and removing private parts — so a field added to the
// suggestion later stays private until someone adds it here on purpose.
//
// Thread rules: pure function.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/protocol/messages.h"
#include "config/config.h"

namespace duban::services {

// Whether a suggestion in state s shows its title publicly: from its acceptance (立案) on, never
// while in review or returned to its deputy, nor when withdrawn or merged into another.
bool TitleIsPublic(protocol::SuggestionState s);

protocol::PublicStatus PublicView(const protocol::Suggestion& s,
                                  const std::map<std::string, std::string>& unit_names,
                                  const std::vector<config::ResultClass>& classes,
                                  const std::vector<config::SatisfactionLevel>& levels,
                                  std::int64_t utc_offset_minutes);

}  // namespace duban::services
