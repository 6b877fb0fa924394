// Small builders every role uses for its outcomes and notices: an outcome that changes nothing
// of the suggestion, a notice whose dedup key is per recipient, and the live lead unit. (The
// wording of the notices is config's: common/notice_text.h.)
//
// Thread rules: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "common/protocol/messages.h"

namespace duban::workers {

// Changes neither the state, the units nor the deadline, so it says kAnyVersion: it never
// conflicts with a staff action (role outcomes of reminders, skips and deferrals).
inline protocol::Outcome NoChange(std::string action, std::string note) {
  protocol::Outcome out;
  out.expect_version = protocol::kAnyVersion;
  out.action = std::move(action);
  out.note = std::move(note);
  return out;
}

// A notice whose dedup key is `key` for this recipient only: the broker keeps dedup keys per
// suggestion, so without the recipient only the first recipient would get it.
inline protocol::Notice NoticeTo(std::string_view recipient, std::string kind, std::string text,
                                 const std::string& key) {
  return {std::string(recipient), std::move(kind), std::move(text),
          key + "@" + std::string(recipient)};
}

// The id of the lead unit (主办) that still holds the task, "" when none.
inline std::string LeadUnitOf(const protocol::Suggestion& s) {
  for (const auto& u : s.units) {
    if (u.role == protocol::UnitRole::kLead && u.state != "REASSIGNED") return u.unit;
  }
  return "";
}

}  // namespace duban::workers
