// Small builders shared by the escalation role's files (escalation_role.cc, agenda_kinds.cc):
// outcomes that change nothing, notices with per-recipient dedup keys, the head of a text.
//
// Thread rules: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "common/protocol/messages.h"

namespace duban::workers::escalation {

inline protocol::Outcome NoChange(std::string action, std::string note) {
  protocol::Outcome out;
  out.expect_version = protocol::kAnyVersion;
  out.action = std::move(action);
  out.note = std::move(note);
  return out;
}

inline protocol::Outcome Skipped(std::string note) {
  return NoChange("escalation_skipped", std::move(note));
}

// A notice whose dedup key is `key` for this recipient only (see escalation_role.h).
inline protocol::Notice NoticeTo(std::string_view recipient, std::string kind, std::string text,
                                 const std::string& key) {
  return {std::string(recipient), std::move(kind), std::move(text),
          key + "@" + std::string(recipient)};
}

inline std::string Head(const protocol::Suggestion& s) {
  return "建议 " + s.code + "《" + s.draft.title + "》";
}

}  // namespace duban::workers::escalation
